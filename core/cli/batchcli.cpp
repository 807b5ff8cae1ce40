#include "cli/batchcli.h"

#include "common/error.h"
#include "config/configset.h"
#include "engine/runtimeinfo.h"
#include "jobs/jobmanager.h"
#include "pipeline/pipeline.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QTextStream>

#include <functional>
#include <vector>

namespace aip::cli {

namespace {

QTextStream& out() {
    static QTextStream stream(stdout);
    return stream;
}

QTextStream& err() {
    static QTextStream stream(stderr);
    return stream;
}

const QString kProgram = QStringLiteral("anytime-planner");

struct OptionSpec {
    QString name;
    QString valueName;  ///< empty: a flag
    QString help;
};

struct Command {
    QString name;
    QString summary;
    std::vector<OptionSpec> options;
    std::function<int(const QCommandLineParser&)> run;
};

OptionSpec configDirOption() {
    return {QStringLiteral("config-dir"), QStringLiteral("DIR"),
            QStringLiteral(
                "folder with models.yaml, deadlines.yaml and the protocols (default: ./configs)")};
}
OptionSpec quickOption() {
    return {QStringLiteral("quick"), QString(),
            QStringLiteral("use the quick protocol (experimental_protocol_quick.yaml)")};
}
OptionSpec outOption() {
    return {QStringLiteral("out"), QStringLiteral("DIR"),
            QStringLiteral("results folder (default: results/)")};
}

QString configDir(const QCommandLineParser& p) {
    return p.isSet(QStringLiteral("config-dir")) ? p.value(QStringLiteral("config-dir"))
                                                 : defaultConfigDirectory();
}

/// Drives one job to its end on the calling thread's event loop, printing progress and log
/// lines on stderr. Returns 0 on success, 1 on failure or cancel.
int runJobToEnd(Job* job) {
    QElapsedTimer clock;
    clock.start();
    int lastPercent = -1;
    QObject::connect(job, &Job::progressChanged, job, [&](double fraction, const QString& step) {
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

int runPipelineCommand(const QCommandLineParser& p) {
    PipelineParams params;
    params.configDir = configDir(p);
    params.outDir =
        p.isSet(QStringLiteral("out")) ? p.value(QStringLiteral("out")) : QStringLiteral("results");
    params.quick = p.isSet(QStringLiteral("quick"));
    if (p.isSet(QStringLiteral("stage"))) {
        params.stages = p.value(QStringLiteral("stage")).split(u',', Qt::SkipEmptyParts);
    }
    JobManager manager;
    auto* job = manager.submit<PipelineParams, PipelineResult>(QStringLiteral("pipeline"), params,
                                                               &runPipeline);
    const int code = runJobToEnd(job);
    if (code == 0) {
        for (const QString& file : job->result().filesWritten) {
            out() << file << Qt::endl;
        }
    }
    return code;
}

int runValidateConfig(const QCommandLineParser& p) {
    const ConfigSet set = ConfigSet::load(configDir(p), p.isSet(QStringLiteral("quick")));
    const SweepSpec& sweep = set.sweep();
    out() << QStringLiteral("%1: ok (%2 tasks, %3 models)\n")
                 .arg(set.models.sourcePath)
                 .arg(set.models.tasks.size())
                 .arg(set.models.models.size());
    out() << QStringLiteral("%1: ok (%2 deadline sets)\n")
                 .arg(set.deadlines.sourcePath)
                 .arg(set.deadlines.sets.size());
    out() << QStringLiteral(
                 "%1: ok (protocol '%2': %3 swept models × %4 precisions × %5 batch sizes × %6 "
                 "devices, "
                 "%7 workloads, %8 seeds, %9 hypotheses)\n")
                 .arg(set.protocol.sourcePath, set.protocol.name)
                 .arg(set.sweptModels().size())
                 .arg(sweep.precisions.size())
                 .arg(sweep.batchSizes.size())
                 .arg(sweep.devices.size())
                 .arg(set.protocol.workloads.size())
                 .arg(set.protocol.replicates)
                 .arg(set.protocol.hypotheses.size());
    out().flush();
    return 0;
}

int runEnv(const QCommandLineParser& p) {
    int threads = 0;  // all cores, as cpu:N runs
    if (p.isSet(QStringLiteral("threads"))) {
        bool ok = false;
        threads = p.value(QStringLiteral("threads")).toInt(&ok);
        if (!ok || threads <= 0) {
            throw Error(QStringLiteral("--threads must be a positive integer, got '%1'")
                            .arg(p.value(QStringLiteral("threads"))));
        }
    }
    setComputeThreads(threads);
    selectQuantizedEngine();
    out() << QJsonDocument(queryRuntime().toJson()).toJson(QJsonDocument::Indented);
    out().flush();
    return 0;
}

const std::vector<Command>& commands() {
    static const std::vector<Command> list = {
        {QStringLiteral("pipeline"),
         QStringLiteral(
             "run the experiment pipeline (the default when no COMMAND is given); stages: ") +
             pipelineStageNames().join(QStringLiteral(", ")),
         {quickOption(),
          configDirOption(),
          outOption(),
          {QStringLiteral("stage"), QStringLiteral("NAME[,NAME]"),
           QStringLiteral("run only these stages")}},
         &runPipelineCommand},
        {QStringLiteral("validate-config"),
         QStringLiteral("check models.yaml, deadlines.yaml and the protocol; print a summary"),
         {quickOption(), configDirOption()},
         &runValidateConfig},
        {QStringLiteral("env"),
         QStringLiteral("print the runtime fingerprint (CPU, LibTorch, BLAS, quantized engines, "
                        "threads) as JSON"),
         {{QStringLiteral("threads"), QStringLiteral("N"),
           QStringLiteral("intra-op threads to set first (default: all cores)")}},
         &runEnv},
    };
    return list;
}

const Command* findCommand(const QString& name) {
    for (const Command& c : commands()) {
        if (c.name == name) {
            return &c;
        }
    }
    return nullptr;
}

}  // namespace

bool isHeadless(const QStringList& arguments) {
    for (const QString& a : arguments.mid(1)) {
        if (a == u"--batch" || a == u"--help" || a == u"-h" || a == u"--version" || a == u"-v") {
            return true;
        }
    }
    return false;
}

QString helpText() {
    QString text;
    QTextStream s(&text);
    s << "Usage:\n"
      << "  " << kProgram << "                                  open the workbench (GUI)\n"
      << "  " << kProgram << " --batch [COMMAND] [options]      run headless; progress on stderr\n"
      << "  " << kProgram << " --help | --version\n\n"
      << "Commands (--batch):\n";
    for (const Command& c : commands()) {
        s << "  " << c.name.leftJustified(18) << c.summary << "\n";
        for (const OptionSpec& o : c.options) {
            const QString flag = QStringLiteral("--%1%2").arg(
                o.name, o.valueName.isEmpty() ? QString() : u' ' + o.valueName);
            s << "      " << flag.leftJustified(26) << o.help << "\n";
        }
    }
    s << "\nExit status: 0 success, 1 failure (one line on stderr), 2 usage error.\n";
    return text;
}

int run(const QStringList& arguments) {
    QStringList args = arguments.mid(1);
    if (args.contains(QStringLiteral("--version")) || args.contains(QStringLiteral("-v"))) {
        out() << kProgram << " " << AIP_VERSION << Qt::endl;
        return 0;
    }
    if (args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"))) {
        out() << helpText();
        out().flush();
        return 0;
    }
    args.removeAll(QStringLiteral("--batch"));
    QString commandName = QStringLiteral("pipeline");
    if (!args.isEmpty() && !args.first().startsWith(u'-')) {
        commandName = args.takeFirst();
    }
    const Command* command = findCommand(commandName);
    if (command == nullptr) {
        err() << kProgram << ": unknown command '" << commandName << "' (see --help)" << Qt::endl;
        return 2;
    }
    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    for (const OptionSpec& o : command->options) {
        parser.addOption(o.valueName.isEmpty() ? QCommandLineOption(o.name, o.help)
                                               : QCommandLineOption(o.name, o.help, o.valueName));
    }
    args.prepend(arguments.first());
    if (!parser.parse(args)) {
        err() << kProgram << " " << commandName << ": " << parser.errorText() << " (see --help)"
              << Qt::endl;
        return 2;
    }
    if (!parser.positionalArguments().isEmpty()) {
        err() << kProgram << " " << commandName << ": unexpected argument '"
              << parser.positionalArguments().first() << "' (see --help)" << Qt::endl;
        return 2;
    }
    try {
        return command->run(parser);
    } catch (const std::exception& e) {
        err() << kProgram << ": error: " << QString::fromUtf8(e.what()) << Qt::endl;
        return 1;
    }
}

}  // namespace aip::cli
