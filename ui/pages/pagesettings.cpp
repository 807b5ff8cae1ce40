#include "pagesettings.h"

#include <QDir>
#include <QSettings>

namespace aip::pagesettings {

namespace {

// Every key of the pages, once, with its default.
const QString kResultsDirectory = QStringLiteral("pages/resultsDirectory");
const QString kQuickProtocol = QStringLiteral("pages/quickProtocol");
constexpr bool kQuickProtocolDefault = true;

}  // namespace

QString resultsDirectory() {
    const QString stored = QSettings().value(kResultsDirectory).toString();
    return QDir::cleanPath(
        QDir::current().absoluteFilePath(stored.isEmpty() ? QStringLiteral("results") : stored));
}

void setResultsDirectory(const QString& directory) {
    QSettings().setValue(kResultsDirectory,
                         QDir::cleanPath(QDir::current().absoluteFilePath(directory)));
}

bool quickProtocol() {
    return QSettings().value(kQuickProtocol, kQuickProtocolDefault).toBool();
}

void setQuickProtocol(bool quick) {
    QSettings().setValue(kQuickProtocol, quick);
}

}  // namespace aip::pagesettings
