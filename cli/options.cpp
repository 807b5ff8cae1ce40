#include "cli/options.h"

#include "common/error.h"
#include "config/configset.h"
#include "data/datasetloader.h"
#include "jobs/jobmanager.h"

#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <cmath>

namespace aip::cli {

QTextStream& out() {
    static QTextStream stream(stdout);
    return stream;
}

QTextStream& err() {
    static QTextStream stream(stderr);
    return stream;
}

Options::Options(const QCommandLineParser& parser, const std::vector<OptionSpec>& specs)
    : m_parser(parser) {
    for (const OptionSpec& spec : specs) {
        const QString value = parser.value(spec.name);
        if (spec.path == PathKind::None || value.isEmpty() || !parser.isSet(spec.name)) {
            continue;
        }
        if (spec.path == PathKind::Path || looksLikePath(value)) {
            m_paths.insert(spec.name, QDir::cleanPath(QDir::current().absoluteFilePath(value)));
        }
    }
}

bool Options::isSet(const QString& name) const {
    return m_parser.isSet(name);
}

QString Options::value(const QString& name) const {
    return m_paths.value(name, m_parser.value(name));
}

bool Options::looksLikePath(const QString& value) {
    return value.contains(u'/') || value.endsWith(QStringLiteral(".pt")) ||
           value.endsWith(QStringLiteral(".pth")) ||
           (!datasets::isBuiltIn(value) && QFileInfo::exists(value));
}

OptionSpec configDirOption() {
    return {QStringLiteral("config-dir"), QStringLiteral("DIR"),
            QStringLiteral(
                "folder with models.yaml, deadlines.yaml and the protocols (default: ./configs)"),
            PathKind::Path};
}
OptionSpec quickOption() {
    return {QStringLiteral("quick"), QString(),
            QStringLiteral("use the quick protocol (experimental_protocol_quick.yaml)")};
}
OptionSpec outOption() {
    return {QStringLiteral("out"), QStringLiteral("DIR"),
            QStringLiteral("results folder (default: results/ in the working directory)"),
            PathKind::Path};
}

OptionSpec dataDirOption() {
    return {QStringLiteral("data-dir"), QStringLiteral("DIR"),
            QStringLiteral("first folder of the data search path (then AIP_DATA_DIR, the user data "
                           "folder, /usr/share/datasets)"),
            PathKind::Path};
}

int positiveIntOption(const Options& p, const QString& name, int fallback) {
    if (!p.isSet(name)) {
        return fallback;
    }
    bool ok = false;
    const int value = p.value(name).toInt(&ok);
    if (!ok || value <= 0) {
        throw Error(
            QStringLiteral("--%1 must be a positive integer, got '%2'").arg(name, p.value(name)));
    }
    return value;
}

std::uint64_t seedValue(const Options& p) {
    bool ok = false;
    const std::uint64_t seed = p.value(QStringLiteral("seed")).toULongLong(&ok);
    if (!ok) {
        throw Error(QStringLiteral("--seed must be a non-negative integer, got '%1'")
                        .arg(p.value(QStringLiteral("seed"))));
    }
    return seed;
}

std::vector<double> numberListOption(const Options& p, const QString& name) {
    std::vector<double> values;
    if (!p.isSet(name)) {
        return values;
    }
    for (const QString& part : p.value(name).split(u',')) {
        bool ok = false;
        const double v = part.trimmed().toDouble(&ok);
        if (!ok) {
            throw Error(QStringLiteral("--%1 must be comma-separated numbers, got '%2'")
                            .arg(name, p.value(name)));
        }
        values.push_back(v);
    }
    return values;
}

QString requiredOption(const Options& p, const QString& name) {
    if (!p.isSet(name) || p.value(name).isEmpty()) {
        throw Error(QStringLiteral("--%1 is required (see --help)").arg(name));
    }
    return p.value(name);
}

QString resultsDir(const Options& p) {
    return p.isSet(QStringLiteral("out"))
               ? p.value(QStringLiteral("out"))
               : QDir::current().absoluteFilePath(QStringLiteral("results"));
}

QString configDir(const Options& p) {
    return p.isSet(QStringLiteral("config-dir")) ? p.value(QStringLiteral("config-dir"))
                                                 : defaultConfigDirectory();
}

double numberOption(const Options& p, const QString& name) {
    bool ok = false;
    const double value = requiredOption(p, name).toDouble(&ok);
    if (!ok || !std::isfinite(value)) {
        throw Error(QStringLiteral("--%1 must be a number, got '%2'").arg(name, p.value(name)));
    }
    return value;
}

double positiveNumberOption(const Options& p, const QString& name) {
    const double value = numberOption(p, name);
    if (!(value > 0.0)) {
        throw Error(
            QStringLiteral("--%1 must be a positive number, got '%2'").arg(name, p.value(name)));
    }
    return value;
}

int runJobToEnd(Job* job, bool printProgress) {
    QElapsedTimer clock;
    clock.start();
    int lastPercent = -1;
    QObject::connect(job, &Job::progressChanged, job, [&](double fraction, const QString& step) {
        if (!printProgress) {
            return;
        }
        const int percent = static_cast<int>(fraction * 100.0);
        if (percent != lastPercent && !step.isEmpty()) {
            lastPercent = percent;
            err() << QStringLiteral("[%1 %2% %3s] %4")
                         .arg(job->name())
                         .arg(percent, 3)
                         .arg(clock.elapsed() / 1000.0, 0, 'f', 1)
                         .arg(step)
                  << Qt::endl;
        }
    });
    QObject::connect(job, &Job::logged, job, [&](const QString& line) {
        err() << QStringLiteral("[%1] %2").arg(job->name(), line) << Qt::endl;
    });
    const Job::State state = JobManager::waitFor(job);
    if (state == Job::State::Failed) {
        err() << kProgram << ": error: " << job->errorMessage() << Qt::endl;
        return 1;
    }
    if (state == Job::State::Cancelled) {
        err() << kProgram << ": cancelled" << Qt::endl;
        return 1;
    }
    return 0;
}

QString formatDuration(double seconds) {
    const qint64 s = qRound64(std::max(0.0, seconds));
    if (s < 60) {
        return QStringLiteral("%1s").arg(s);
    }
    if (s < 3600) {
        return QStringLiteral("%1m%2s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
    }
    return QStringLiteral("%1h%2m").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

}  // namespace aip::cli
