#pragma once

#include <QString>
#include <QStringList>

#include <functional>

namespace aip::cli {

/// What the application lends the headless face: work core cannot do itself because it needs a
/// library core must not link.
struct BatchHooks {
    /// Draws figures of a results folder into <results>/plots/ and returns the PNGs written (the
    /// GUI library's plot builders): the report figures for an empty `figures`, else the PNGs it
    /// names. Without it the `figures` and `fidelity` stages fail clearly.
    std::function<QStringList(const QString& resultsDir, const QStringList& figures)> renderFigures;
    /// Writes the report of a results folder into a folder (CSVs, figures, report.html) and
    /// returns the files written; throws aip::Error. Without it `export-report` fails clearly.
    std::function<QStringList(const QString& resultsDir, const QString& reportDir)> exportReport;
};

/// True when the command line asks for the headless face (--batch, --help, --version):
/// main() then opens no window and runs a QCoreApplication, or a QApplication on the
/// `offscreen` platform where drawsFigures() says so.
bool isHeadless(const QStringList& arguments);

/// True when a headless command line runs the `figures` or `fidelity` pipeline stage or
/// `export-report` (which draws every figure): the
/// report figures are QCustomPlot widgets, which need a QApplication (and BatchHooks::
/// renderFigures). The pipeline with every stage (the default command), a --stage list naming
/// either, and the `fidelity` command do; --help, --version and the other commands do not. A
/// line that does not parse as it is (it may hold Qt's own options) counts as drawing.
bool drawsFigures(const QStringList& arguments);

/// Runs `anytime-planner --batch [COMMAND] [options]` (or --help / --version) and returns the
/// process exit code: 0 success, 1 a failure (one line on stderr), 2 a usage error.
/// Needs a Q(Core)Application; results go to stdout or files, progress to stderr.
int run(const QStringList& arguments, const BatchHooks& hooks = {});

/// The full help text: the GUI, --batch and every command with its options.
QString helpText();

}  // namespace aip::cli
