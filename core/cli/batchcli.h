#pragma once

#include <QStringList>

namespace aip::cli {

/// True when the command line asks for the headless face (--batch, --help, --version):
/// main() then creates a QCoreApplication instead of a QApplication.
bool isHeadless(const QStringList& arguments);

/// Runs `anytime-planner --batch [COMMAND] [options]` (or --help / --version) and returns the
/// process exit code: 0 success, 1 a failure (one line on stderr), 2 a usage error.
/// Needs a Q(Core)Application; results go to stdout or files, progress to stderr.
int run(const QStringList& arguments);

/// The full help text: the GUI, --batch and every command with its options.
QString helpText();

}  // namespace aip::cli
