#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QVector>

#include <utility>

namespace aip {

/// What exportReport() wrote.
struct ExportedReport {
    QString html;         ///< absolute path of report.html
    QStringList files;    ///< every file written, absolute, report.html last
    QStringList skipped;  ///< one line per figure or file left out, and why
};

/// summary.md as an HTML page, with the figures after it, each embedded as a PNG data URI
/// under its file name (so the page is one self-contained file). An empty `markdown` gives a
/// page that says summary.md was missing.
QString buildReportHtml(const QString& markdown,
                        const QVector<std::pair<QString, QByteArray>>& figures);

/// Writes one folder `reportDir` (created when missing) holding everything a reader of the
/// results needs: every CSV of `resultsDir` (ablation/ included) and summary.md at the same
/// relative paths, every report figure drawn afresh by the plot builders into plots/, and
/// report.html built from summary.md with the figures embedded. Needs a QApplication (as
/// renderAllReportFigures). Throws aip::Error naming the folder or file that failed; every
/// file is written atomically. `reportDir` may not be `resultsDir` itself.
ExportedReport exportReport(const QString& resultsDir, const QString& reportDir);

}  // namespace aip
