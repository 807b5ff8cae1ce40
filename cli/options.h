#pragma once

// What every --batch command shares: how its options are declared and read, the options several
// commands take, the output streams, and driving a job to its end.

#include "cli/batchcli.h"

#include <QHash>
#include <QString>
#include <QTextStream>

#include <cstdint>
#include <functional>
#include <vector>

class QCommandLineParser;

namespace aip {
class Job;
}

namespace aip::cli {

/// Results (stdout) and progress and errors (stderr).
QTextStream& out();
QTextStream& err();

inline const QString kProgram = QStringLiteral("anytime-planner");

/// How a value the user typed is taken: as it is, as a path, or as a path where it looks like
/// one (contains a '/', names a .pt file, or exists in the working directory) and a name
/// (a model id, a dataset) otherwise.
enum class PathKind { None, Path, PathOrName };

struct OptionSpec {
    QString name;
    QString valueName;  ///< empty: a flag
    QString help;
    PathKind path = PathKind::None;
};

/// The parsed options of one command. Every path the user typed is made absolute here, once,
/// against the working directory, so nothing below sees a relative path (a relative results
/// folder resolved twice was once results/results/).
class Options final {
public:
    Options(const QCommandLineParser& parser, const std::vector<OptionSpec>& specs);

    bool isSet(const QString& name) const;
    QString value(const QString& name) const;

private:
    static bool looksLikePath(const QString& value);

    const QCommandLineParser& m_parser;
    QHash<QString, QString> m_paths;
};

struct Command {
    QString name;
    QString summary;
    std::vector<OptionSpec> options;
    std::function<int(const Options&)> run;
    /// Instead of `run`, for commands that use what the application lends (BatchHooks).
    std::function<int(const Options&, const BatchHooks&)> runWithHooks = {};
};

OptionSpec configDirOption();
OptionSpec quickOption();
OptionSpec outOption();
OptionSpec dataDirOption();

/// --NAME N: a positive integer, `fallback` when the option is not given.
int positiveIntOption(const Options& p, const QString& name, int fallback);

/// --seed S: a non-negative 64-bit integer.
std::uint64_t seedValue(const Options& p);

/// --NAME a,b,c: comma-separated numbers, none when the option is not given.
std::vector<double> numberListOption(const Options& p, const QString& name);

/// --NAME's value; throws when it is not given or empty.
QString requiredOption(const Options& p, const QString& name);

/// --NAME X (required): a finite number.
double numberOption(const Options& p, const QString& name);

/// --NAME X (required): a positive number.
double positiveNumberOption(const Options& p, const QString& name);

/// --out DIR, else results/ in the working directory; absolute either way.
QString resultsDir(const Options& p);

/// --config-dir DIR, else the default configuration folder.
QString configDir(const Options& p);

/// Drives one job to its end on the calling thread's event loop, printing progress (unless the
/// caller prints its own) and log lines on stderr. Returns 0 on success, 1 on failure or cancel.
int runJobToEnd(Job* job, bool printProgress = true);

/// "45s", "3m05s", "1h02m".
QString formatDuration(double seconds);

}  // namespace aip::cli
