#include "cli/batchcli.h"

#include "cli/commands.h"
#include "pipeline/pipeline.h"

#include <QCommandLineParser>
#include <QTextStream>

#include <algorithm>
#include <exception>
#include <vector>

namespace aip::cli {

namespace {

const std::vector<Command>& commands() {
    static const std::vector<Command> list = {
        {QStringLiteral("pipeline"),
         QStringLiteral("run the experiment pipeline, resumably (the default when no COMMAND is "
                        "given); stages: ") +
             pipelineStageNames().join(QStringLiteral(", ")),
         {quickOption(),
          configDirOption(),
          outOption(),
          dataDirOption(),
          {QStringLiteral("stage"), QStringLiteral("NAME[,NAME]"),
           QStringLiteral("run only these stages (in pipeline order)")},
          seedOption(),
          forceOption()},
         {},
         &runPipelineCommand},
        stageCommand(QStringLiteral("profile-latency")),
        stageCommand(QStringLiteral("profile-accuracy")),
        stageCommand(QStringLiteral("fidelity")),
        {QStringLiteral("simulate"),
         QStringLiteral("run one policy on one seeded workload trace over the profiles in --out; "
                        "--live also replays it on the real models and prints the fidelity"),
         {{QStringLiteral("policy"), QStringLiteral("NAME"),
           QStringLiteral("CascadePlanner (default), StaticSmall, StaticLarge, "
                          "ThroughputAutotuner, INFaaS, INFaaS-tail, MDPPlanner, or a bound: "
                          "BestFixedInHindsight, Oracle")},
          {QStringLiteral("workload"), QStringLiteral("NAME"),
           QStringLiteral("a workload of the protocol (default: its first)")},
          {QStringLiteral("deadlines"), QStringLiteral("NAME"),
           QStringLiteral("a deadline set of deadlines.yaml (default: the protocol's first)")},
          {QStringLiteral("seed"), QStringLiteral("S"),
           QStringLiteral("trace seed (default: the protocol's base seed)")},
          {QStringLiteral("task"), QStringLiteral("TASK"),
           QStringLiteral("the task, when the protocol has several")},
          {QStringLiteral("live"), QString(),
           QStringLiteral("also replay the trace in real time on the real models")},
          {QStringLiteral("rate-scale"), QStringLiteral("F"),
           QStringLiteral("the workload's arrival rates times F (a trace file: its arrivals "
                          "compressed by F; default 1)")},
          {QStringLiteral("duration"), QStringLiteral("S"),
           QStringLiteral("only S seconds of the trace (a spike workload's window holds the "
                          "spike; default: all of it)")},
          {QStringLiteral("requests"), QStringLiteral("FILE"),
           QStringLiteral("per-request records (default: "
                          "<out>/simulate/<policy>-<workload>-<deadlines>-seed<S>.csv); the "
                          "per-batch records go beside it as <name>.batches.csv"),
           PathKind::Path},
          quickOption(),
          configDirOption(),
          outOption(),
          dataDirOption()},
         &runSimulate},
        {QStringLiteral("plan"),
         QStringLiteral("print the configuration the planner picks for a deadline, and why"),
         {{QStringLiteral("deadline-ms"), QStringLiteral("D"),
           QStringLiteral("the request's deadline in milliseconds")},
          {QStringLiteral("queue"), QStringLiteral("N"),
           QStringLiteral("requests waiting, the new one included (default 1)")},
          {QStringLiteral("task"), QStringLiteral("TASK"),
           QStringLiteral("the task, when the protocol has several")},
          quickOption(),
          configDirOption(),
          outOption()},
         &runPlan},
        {QStringLiteral("evaluate"),
         QStringLiteral("score a model on a dataset split; prints 'accuracy: 0.XXXX'"),
         {{QStringLiteral("model"), QStringLiteral("ID|FILE.pt"),
           QStringLiteral("a models.yaml id, a checkpoint `train` wrote, or a TorchScript file"),
           PathKind::PathOrName},
          {QStringLiteral("recipe"), QStringLiteral("R"),
           QStringLiteral("which checkpoint of a zoo id: preset (default: what `train` writes), "
                          "quick or full (what that protocol's pipeline trained)")},
          {QStringLiteral("seed"), QStringLiteral("S"),
           QStringLiteral("training seed of that checkpoint (default: 1 for preset, the "
                          "protocol's seeds.base for quick and full)")},
          {QStringLiteral("dataset"), QStringLiteral("NAME"),
           QStringLiteral("cifar10, sst2, fashion-mnist or an image folder"), PathKind::PathOrName},
          {QStringLiteral("split"), QStringLiteral("SPLIT"), QStringLiteral("train, dev or test")},
          {QStringLiteral("precision"), QStringLiteral("P"),
           QStringLiteral("fp32 (default), bf16 or int8")},
          {QStringLiteral("device"), QStringLiteral("D"),
           QStringLiteral("cpu:1, cpu:N (default) or cuda:0")},
          {QStringLiteral("mean"), QStringLiteral("a,b,c"),
           QStringLiteral("per-channel mean after scaling pixels to [0,1]")},
          {QStringLiteral("std"), QStringLiteral("a,b,c"),
           QStringLiteral("per-channel std, used as (x-mean)/std")},
          {QStringLiteral("predictions"), QStringLiteral("FILE"),
           QStringLiteral("write index,label,predicted,confidence,correct"), PathKind::Path},
          {QStringLiteral("batch-size"), QStringLiteral("N"),
           QStringLiteral("examples per forward pass (default 64)")},
          {QStringLiteral("max-examples"), QStringLiteral("N"),
           QStringLiteral("score only the first N examples")},
          dataDirOption(),
          configDirOption()},
         &runEvaluate},
        {QStringLiteral("train"),
         QStringLiteral("train a zoo model; writes its checkpoint to the user data folder"),
         {{QStringLiteral("model"), QStringLiteral("ID"),
           QStringLiteral("a zoo model id from models.yaml")},
          {QStringLiteral("dataset"), QStringLiteral("NAME"),
           QStringLiteral("train on this dataset instead of the task's"), PathKind::PathOrName},
          {QStringLiteral("epochs"), QStringLiteral("N"),
           QStringLiteral("default: models.yaml training.epochs")},
          {QStringLiteral("seed"), QStringLiteral("S"),
           QStringLiteral("seed of initialization, shuffling and augmentation (default 1)")},
          {QStringLiteral("batch-size"), QStringLiteral("N"),
           QStringLiteral("default: models.yaml training.batch_size")},
          {QStringLiteral("learning-rate"), QStringLiteral("LR"),
           QStringLiteral("peak learning rate")},
          {QStringLiteral("max-examples"), QStringLiteral("N"),
           QStringLiteral("train on the first N examples of each shuffled epoch")},
          {QStringLiteral("threads"), QStringLiteral("N"),
           QStringLiteral("intra-op threads (default: all cores)")},
          {QStringLiteral("precision"), QStringLiteral("P"),
           QStringLiteral("compute precision: bf16 (mixed, fp32 weights) or fp32 (default: "
                          "models.yaml training.precision, else bf16 where the CPU has it)")},
          {QStringLiteral("out"), QStringLiteral("FILE"),
           QStringLiteral("checkpoint file (default: <user "
                          "data>/checkpoints/<model>/recipe-<digest>.pt, named by the recipe)"),
           PathKind::Path},
          dataDirOption(),
          configDirOption()},
         &runTrain},
        {QStringLiteral("download"),
         QStringLiteral(
             "download a dataset from its official source, verify its checksums, and install it"),
         {{QStringLiteral("dataset"), QStringLiteral("NAME"), QStringLiteral("cifar10 or sst2")},
          {QStringLiteral("data-dir"), QStringLiteral("DIR"),
           QStringLiteral("install below DIR (default: the user data folder)"), PathKind::Path},
          {QStringLiteral("url"), QStringLiteral("URL"),
           QStringLiteral("a mirror serving the same archive (same checksums)")}},
         &runDownload},
        {QStringLiteral("export-report"),
         QStringLiteral("write the report of the results folder --out into the folder --to: its "
                        "CSVs, every figure (plots/) and report.html (summary.md with the figures "
                        "embedded); prints the files written"),
         {outOption(),
          {QStringLiteral("to"), QStringLiteral("REPORT_DIR"),
           QStringLiteral("the folder to write the report into (created when missing)"),
           PathKind::Path}},
         {},
         &runExportReport},
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

bool asksForHelpOrVersion(const QStringList& args) {
    return args.contains(QStringLiteral("--version")) || args.contains(QStringLiteral("-v")) ||
           args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"));
}

/// A --batch command line without --batch: the command it names (`pipeline` when it names none)
/// and the arguments for that command's parser, the program name first.
struct CommandLine {
    QString commandName = QStringLiteral("pipeline");
    QStringList parserArguments;
};

CommandLine splitCommandLine(const QStringList& arguments) {
    QStringList args = arguments.mid(1);
    args.removeAll(QStringLiteral("--batch"));
    CommandLine line;
    if (!args.isEmpty() && !args.first().startsWith(u'-')) {
        line.commandName = args.takeFirst();
    }
    args.prepend(arguments.first());
    line.parserArguments = args;
    return line;
}

void addOptions(QCommandLineParser& parser, const Command& command) {
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    for (const OptionSpec& o : command.options) {
        parser.addOption(o.valueName.isEmpty() ? QCommandLineOption(o.name, o.help)
                                               : QCommandLineOption(o.name, o.help, o.valueName));
    }
}

/// The stages that draw with BatchHooks::renderFigures, the pipeline's last two: a stage asked
/// for alone brings along only stages before it, so a --stage list naming neither runs neither.
bool drawingStage(const QString& stage) {
    return stage == u"figures" || stage == u"fidelity";
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

bool drawsFigures(const QStringList& arguments) {
    if (asksForHelpOrVersion(arguments.mid(1))) {
        return false;
    }
    const CommandLine line = splitCommandLine(arguments);
    const Command* command = findCommand(line.commandName);
    QCommandLineParser parser;
    if (command != nullptr) {
        addOptions(parser, *command);
    }
    // A line that does not parse as it is may hold Qt's own options (-platform, -style), which
    // only a QApplication takes out of the arguments: it gets the QApplication.
    if (command == nullptr || !parser.parse(line.parserArguments) ||
        !parser.positionalArguments().isEmpty()) {
        return true;
    }
    if (command->name == u"export-report") {
        return true;
    }
    if (pipelineStageNames().contains(command->name)) {
        return drawingStage(command->name);  // a stage run alone
    }
    if (command->name != u"pipeline") {
        return false;
    }
    const QStringList stages = splitStageList(parser.value(QStringLiteral("stage")));
    return stages.isEmpty() ||  // every stage, the figures included
           std::any_of(stages.begin(), stages.end(), &drawingStage);
}

int run(const QStringList& arguments, const BatchHooks& hooks) {
    const QStringList args = arguments.mid(1);
    if (args.contains(QStringLiteral("--version")) || args.contains(QStringLiteral("-v"))) {
        out() << kProgram << " " << AIP_VERSION << Qt::endl;
        return 0;
    }
    if (args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"))) {
        out() << helpText();
        out().flush();
        return 0;
    }
    const CommandLine line = splitCommandLine(arguments);
    const QString& commandName = line.commandName;
    const Command* command = findCommand(commandName);
    if (command == nullptr) {
        err() << kProgram << ": unknown command '" << commandName << "' (see --help)" << Qt::endl;
        return 2;
    }
    QCommandLineParser parser;
    addOptions(parser, *command);
    if (!parser.parse(line.parserArguments)) {
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
        const Options options(parser, command->options);
        return command->runWithHooks ? command->runWithHooks(options, hooks)
                                     : command->run(options);
    } catch (const std::exception& e) {
        err() << kProgram << ": error: " << QString::fromUtf8(e.what()) << Qt::endl;
        return 1;
    }
}

}  // namespace aip::cli
