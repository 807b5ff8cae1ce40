#pragma once

// qcustomplot.h (2.1) spells Qt's `signals:` and `foreach`, which the project disables with
// QT_NO_KEYWORDS; they are mapped to their Q_ forms for that header only.

#include <QtGlobal>

#if defined(signals) || defined(foreach)
#include <qcustomplot.h>
#else
#define signals Q_SIGNALS
#define foreach Q_FOREACH
#include <qcustomplot.h>
#undef signals
#undef foreach
#endif
