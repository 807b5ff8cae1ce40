#pragma once

#include <QLocale>

class QCoreApplication;

namespace aip {

/// Installs on `app` the program's translation for `locale` (anytime-planner_<lang>.qm,
/// embedded under :/i18n) and Qt's own (qtbase_<lang>.qm from Qt's translations folder, when
/// installed). Returns whether the program's translation was found; English needs none.
bool installTranslations(QCoreApplication& app, const QLocale& locale = QLocale::system());

}  // namespace aip
