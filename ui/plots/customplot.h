#pragma once

// QCustomPlot 2.1's header spells Qt's keyword macros (`signals:`, `foreach`), which the
// project disables with QT_NO_KEYWORDS. Include it through this header: the two keywords are
// mapped to their Q_ forms for the header only.

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
