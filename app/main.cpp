// One binary, two faces: the workbench GUI by default, the headless --batch mode on request.
// Both drive the same core jobs; this file only chooses which application object to create.

#include "applanguage.h"
#include "cli/batchcli.h"
#include "common/allocator.h"
#include "mainwindow.h"
#include "plots/reportfigures.h"
#include "reports/reportexport.h"

#include <QApplication>
#include <QCoreApplication>
#include <QDir>
#include <QFile>

namespace {

void setApplicationIdentity() {
    QCoreApplication::setOrganizationName(QStringLiteral("AnytimeInferencePlanner"));
    QCoreApplication::setApplicationName(QStringLiteral("anytime-planner"));
    QCoreApplication::setApplicationVersion(QStringLiteral(AIP_VERSION));
}

QStringList rawArguments(int argc, char** argv) {
    QStringList args;
    for (int i = 0; i < argc; ++i) {
        args.append(QString::fromLocal8Bit(argv[i]));
    }
    return args;
}

/// A server session often has no XDG_RUNTIME_DIR; Qt would then warn on stderr and use
/// /tmp/runtime-<user>. Provide that same private folder quietly, so stderr carries only the
/// program's own progress and errors.
void ensureRuntimeDirectory() {
    if (!qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
        return;
    }
    const QString user = qEnvironmentVariable("USER", QStringLiteral("user"));
    const QString dir = QDir::temp().filePath(QStringLiteral("runtime-") + user);
    if (QDir().mkpath(dir) &&
        QFile::setPermissions(
            dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner)) {
        qputenv("XDG_RUNTIME_DIR", QFile::encodeName(dir));
    }
}

}  // namespace

int main(int argc, char** argv) {
    // Before any thread exists: every pool thread then shares the one arena it configures.
    aip::configureTensorAllocator();
    const QStringList arguments = rawArguments(argc, argv);
    if (aip::cli::isHeadless(arguments)) {
        ensureRuntimeDirectory();
        if (!aip::cli::drawsFigures(arguments)) {
            QCoreApplication app(argc, argv);
            setApplicationIdentity();
            return aip::cli::run(QCoreApplication::arguments());
        }
        // The report figures are QCustomPlot widgets, drawn with the GUI library's plot
        // builders: a QApplication on the offscreen platform needs no display.
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
            qputenv("QT_QPA_PLATFORM", "offscreen");
        }
        QApplication app(argc, argv);
        setApplicationIdentity();
        aip::cli::BatchHooks hooks;
        hooks.renderFigures = &aip::renderReportFigures;
        hooks.exportReport = [](const QString& resultsDir, const QString& reportDir) {
            return aip::exportReport(resultsDir, reportDir).files;
        };
        return aip::cli::run(QCoreApplication::arguments(), hooks);
    }
    QApplication app(argc, argv);
    setApplicationIdentity();
    // The workbench speaks the system's language where a translation exists; --batch stays in
    // English, so its output and files read the same everywhere.
    aip::installTranslations(app);
    aip::MainWindow window;
    window.show();
    return QApplication::exec();
}
