#include "reports/reportexport.h"

#include "common/atomicfile.h"
#include "common/error.h"
#include "plots/reportfigures.h"
#include "results/resultfiles.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTextDocument>

namespace aip {

namespace {

QByteArray readWhole(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        throw Error(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
    }
    return file.readAll();
}

}  // namespace

QString buildReportHtml(const QString& markdown,
                        const QVector<std::pair<QString, QByteArray>>& figures) {
    QTextDocument document;
    document.setMarkdown(markdown.isEmpty()
                             ? QStringLiteral("# Report\n\nsummary.md was not found in the "
                                              "results folder: run the statistical-tests stage.")
                             : markdown);
    QString html = document.toHtml();
    QString section = QStringLiteral("<h2>Figures</h2>\n");
    for (const auto& [name, png] : figures) {
        section += QStringLiteral(
                       "<figure><img alt=\"%1\" style=\"max-width:100%\" "
                       "src=\"data:image/png;base64,%2\"/><figcaption>%1</figcaption></figure>\n")
                       .arg(name.toHtmlEscaped(), QString::fromLatin1(png.toBase64()));
    }
    if (figures.isEmpty()) {
        section += QStringLiteral(
            "<p>No figure could be drawn: the results folder holds none of "
            "their input files.</p>\n");
    }
    const qsizetype end = html.lastIndexOf(QStringLiteral("</body>"));
    html.insert(end < 0 ? html.size() : end, section);
    return html;
}

ExportedReport exportReport(const QString& resultsDir, const QString& reportDir) {
    const QDir results(resultsDir);
    const QDir report(reportDir);
    if (!results.exists()) {
        throw Error(QStringLiteral("%1: the results folder does not exist").arg(resultsDir));
    }
    if (QFileInfo(results.absolutePath()).canonicalFilePath() ==
        QFileInfo(report.absolutePath()).canonicalFilePath()) {
        throw Error(QStringLiteral("%1: the report must go to another folder than the results")
                        .arg(reportDir));
    }
    if (!QDir().mkpath(report.absolutePath())) {
        throw Error(QStringLiteral("%1: cannot create the report folder").arg(reportDir));
    }
    ExportedReport exported;
    const QString reportRoot = QFileInfo(report.absolutePath()).canonicalFilePath() + u'/';
    QDirIterator it(results.absolutePath(), {QStringLiteral("*.csv"), resultfiles::kSummary.name()},
                    QDir::Files, QDirIterator::Subdirectories);
    QStringList sources;
    while (it.hasNext()) {
        const QString path = it.next();
        if (!QFileInfo(path).canonicalFilePath().startsWith(reportRoot)) {
            sources << path;
        }
    }
    sources.sort();
    for (const QString& source : sources) {
        const QString relative = results.relativeFilePath(source);
        const QString target = report.absoluteFilePath(relative);
        if (!QDir().mkpath(QFileInfo(target).absolutePath())) {
            throw Error(QStringLiteral("%1: cannot create the folder").arg(target));
        }
        writeFileAtomically(target, readWhole(source));
        exported.files << target;
    }

    const RenderedFigures figures = renderAllReportFigures(
        results.absolutePath(), {}, report.absoluteFilePath(resultfiles::kPlots.name()));
    exported.files << figures.written;
    exported.skipped << figures.skipped;
    QVector<std::pair<QString, QByteArray>> embedded;
    for (const QString& png : figures.written) {
        embedded.append({QFileInfo(png).fileName(), readWhole(png)});
    }
    const QString summaryPath = resultfiles::kSummary.in(results);
    QString markdown;
    if (QFileInfo::exists(summaryPath)) {
        markdown = QString::fromUtf8(readWhole(summaryPath));
    } else {
        exported.skipped << QStringLiteral("report.html: summary.md is absent");
    }
    exported.html = report.absoluteFilePath(QStringLiteral("report.html"));
    writeFileAtomically(exported.html, buildReportHtml(markdown, embedded).toUtf8());
    exported.files << exported.html;
    return exported;
}

}  // namespace aip
