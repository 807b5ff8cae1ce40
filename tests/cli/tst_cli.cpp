// Runs the real executable, as a user or a CI script would.

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <utility>
#include <vector>

namespace {

struct RunResult {
    int exitCode = -1;
    QString out;
    QString err;
};

/// Runs the executable to its end (ctest's own timeout bounds a hang), in `workingDirectory`
/// when one is given, as a user in that folder would.
RunResult runPlanner(const QStringList& args,
                     const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment(),
                     const QString& workingDirectory = {}) {
    QProcess p;
    p.setProcessEnvironment(env);
    if (!workingDirectory.isEmpty()) {
        p.setWorkingDirectory(workingDirectory);
    }
    p.start(AIP_TEST_BINARY, args);
    if (!p.waitForFinished(-1)) {
        return {};
    }
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
            QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

void copyConfigs(const QString& to) {
    for (const QString& name : QDir(AIP_TEST_SOURCE_DIR "/configs").entryList({"*.yaml"})) {
        QVERIFY(QFile::copy(QStringLiteral(AIP_TEST_SOURCE_DIR "/configs/") + name,
                            QDir(to).filePath(name)));
    }
}

using Replacements = std::vector<std::pair<QByteArray, QByteArray>>;

/// Edits the copied quick protocol in `dir`: each `from` must be there and becomes `to`.
void editQuickProtocol(const QString& dir, const Replacements& replacements) {
    QFile f(QDir(dir).filePath("experimental_protocol_quick.yaml"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    QByteArray text = f.readAll();
    f.close();
    for (const auto& [from, to] : replacements) {
        QVERIFY2(text.contains(from), from.constData());
        text.replace(from, to);
    }
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

/// Turns the copied quick protocol into one on the real pretrained ResNet-20 (imported
/// TorchScript) and CIFAR-10 from the shared folder: stage 01 finds everything, trains nothing.
void writeResnet20Protocol(const QString& dir) {
    editQuickProtocol(
        dir, {{"tasks: [fashion-mnist]", "tasks: [cifar10]"},
              {"models: [fmnist-resnet18-w0.25, fmnist-resnet18-w0.5, fmnist-mobilenetv2-w0.5]",
               "models: [resnet20]"},
              {"precisions: [fp32, bf16, int8]", "precisions: [fp32, int8]"},
              {"batch_sizes: [1, 8]", "batch_sizes: [1, 4]"},
              {R"(devices: ["cpu:N"])", R"(devices: ["cpu:1"])"}});
}

/// The copied quick protocol with its training, latency profiling and scoring shortened, so a
/// test can run the whole pipeline from nothing trained; everything else (models, precisions,
/// batches, workloads, deadline sets, seeds, hypotheses) is the shipped protocol's.
void shortenQuickProtocol(const QString& dir) {
    editQuickProtocol(dir, {{"training: {epochs: 2, batch_size: 64, max_examples: 8000}",
                             "training: {epochs: 1, batch_size: 64, max_examples: 512}"},
                            {"fidelity: {run_by_default: false, duration_s: 10, rate_scales: [1, "
                             "1.5], simulation_draws: 5}",
                             "fidelity: {duration_s: 0.5, rate_scales: [1, 1.5], policies: "
                             "[CascadePlanner, StaticSmall], simulation_draws: 2}"},
                            {"evaluation: {max_examples: 2000}", "evaluation: {max_examples: 400}"},
                            {"max_samples: 300", "max_samples: 25"},
                            {"max_seconds: 3", "max_seconds: 0.3"}});
}

/// The files of a complete results folder, as README's stage table lists them; returns those
/// missing or empty.
QStringList missingResults(const QString& dir) {
    QStringList expected{"sweep_plan.csv",
                         "environment.json",
                         "model_files.csv",
                         "latency_profiles.csv",
                         "latency_samples.csv",
                         "latency_environment.json",
                         "accuracy_profiles.csv",
                         "predictions.csv",
                         "baseline_results.csv",
                         "all_results.csv",
                         "requests.csv",
                         "statistical_tests.csv",
                         "summary.md",
                         "pareto_analysis.csv",
                         "workload_results.csv",
                         "deadline_sweep.csv",
                         "failure_analysis.csv",
                         "run_manifest.json",
                         "plots/pareto_frontiers.png",
                         "plots/deadline_hit_rate.png",
                         "plots/accuracy_vs_deadline.png",
                         "plots/workload_comparison.png",
                         "plots/failure_analysis.png"};
    for (const QString dimension :
         {"batch_size", "model_size", "quantization", "device", "cascade_threshold"}) {
        expected.append("ablation/" + dimension + ".csv");
        expected.append("plots/ablation_" + dimension + ".png");
    }
    QStringList missing;
    for (const QString& file : expected) {
        if (QFileInfo(QDir(dir).filePath(file)).size() == 0) {
            missing.append(file);
        }
    }
    return missing;
}

/// The paths run_manifest.json records, each relative to the results folder when inside it.
QStringList manifestPaths(const QString& resultsDir) {
    QFile f(QDir(resultsDir).filePath("run_manifest.json"));
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    QStringList paths;
    for (const QJsonValue stage :
         QJsonDocument::fromJson(f.readAll()).object().value("stages").toArray()) {
        for (const QString key : {"inputs", "outputs"}) {
            for (const QJsonValue file : stage.toObject().value(key).toArray()) {
                paths.append(file.toObject().value("path").toString());
            }
        }
    }
    return paths;
}

/// The environment of a run whose user data folder is private to the test.
QProcessEnvironment isolatedEnvironment(const QString& home, const QString& dataDirs) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("XDG_DATA_HOME", home);
    if (dataDirs.isEmpty()) {
        env.remove("AIP_DATA_DIR");
    } else {
        env.insert("AIP_DATA_DIR", dataDirs);
    }
    return env;
}

}  // namespace

class TestCli final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void helpListsBatchAndCommands();
    void version();
    void validateShippedConfigs();
    void malformedModelsYaml();
    void unknownCommandAndOption();
    void pipelineWritesResults();
    void pipelineResumesFromTheManifest();
    void pipelineMissingDataset();
    void pipelineFailureLeavesNoFiles();
    void envPrintsJson();
    void evaluateAndTrainErrors();
    void downloadErrors();
    void quickPipelineFromAnEmptyFolder();
};

void TestCli::helpListsBatchAndCommands() {
    const RunResult r = runPlanner({"--help"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("--batch"));
    for (const char* command :
         {"pipeline", "validate-config", "env", "evaluate", "train", "download"}) {
        QVERIFY2(r.out.contains(QString::fromLatin1(command)), command);
    }
    QVERIFY(r.out.contains("--config-dir"));
    for (const char* option : {"--stage", "--seed", "--force", "--out", "--data-dir"}) {
        QVERIFY2(r.out.contains(QString::fromLatin1(option)), option);
    }
    QVERIFY(
        r.out.contains("datasets, profile-latency, profile-accuracy, baselines, planner, "
                       "statistical-tests, pareto, ablations, workloads, failure-analysis, "
                       "figures"));
}

void TestCli::version() {
    const RunResult r = runPlanner({"--version"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith("anytime-planner "));
}

void TestCli::validateShippedConfigs() {
    for (const QStringList& extra : {QStringList{}, QStringList{"--quick"}}) {
        const RunResult r = runPlanner(QStringList{"--batch", "validate-config", "--config-dir",
                                                   AIP_TEST_SOURCE_DIR "/configs"} +
                                       extra);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out.count(": ok"), 3);
    }
}

void TestCli::malformedModelsYaml() {
    QTemporaryDir dir;
    copyConfigs(dir.path());
    const QString models = QDir(dir.path()).filePath("models.yaml");
    QFile f(models);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QString text = QString::fromUtf8(f.readAll());
    f.close();
    QVERIFY(text.contains("batch_sizes: [1, 8, 32]"));
    text.replace("batch_sizes: [1, 8, 32]", "batch_sizes: [1, eight, 32]");
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text.toUtf8());
    f.close();
    const int line = text.left(text.indexOf("[1, eight")).count('\n') + 1;

    for (const QStringList& args :
         {QStringList{"--batch", "validate-config", "--config-dir", dir.path()},
          QStringList{"--batch", "--config-dir", dir.path(), "--out", dir.filePath("out")}}) {
        const RunResult r = runPlanner(args);
        QCOMPARE(r.exitCode, 1);
        const QString expected =
            QStringLiteral("%1:%2: batch_sizes must be a list of positive integers")
                .arg(models)
                .arg(line);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err + " expected: " + expected));
        QCOMPARE(r.err.trimmed().count('\n'), 0);  // one line
        QVERIFY(!QFile::exists(dir.filePath("out/sweep_plan.csv")));
    }
}

void TestCli::unknownCommandAndOption() {
    RunResult r = runPlanner({"--batch", "frobnicate"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("unknown command 'frobnicate'"));
    r = runPlanner({"--batch", "validate-config", "--no-such-option"});
    QCOMPARE(r.exitCode, 2);
    r = runPlanner({"--batch", "--stage", "datasets,nonsense", "--out",
                    QDir::tempPath() + "/aip-cli-nonsense"});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("unknown stage 'nonsense' (stages: datasets, profile-latency, "),
             qPrintable(r.err));
    QVERIFY(!QFileInfo::exists(QDir::tempPath() + "/aip-cli-nonsense"));
    r = runPlanner(
        {"--batch", "--seed", "minus-one", "--out", QDir::tempPath() + "/aip-cli-nonsense"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("--seed must be a non-negative integer"), qPrintable(r.err));
}

void TestCli::pipelineWritesResults() {
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath("configs"));
    copyConfigs(dir.filePath("configs"));
    writeResnet20Protocol(dir.filePath("configs"));
    const RunResult r = runPlanner(
        {"--batch", "--quick", "--stage", "datasets", "--config-dir", dir.filePath("configs"),
         "--data-dir", AIP_TEST_SHARED_DIR, "--out", dir.filePath("results")},
        isolatedEnvironment(dir.filePath("xdg"), AIP_TEST_SHARED_DIR "/datasets"));
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    // Progress on stderr, with the stage's number and name.
    QVERIFY2(r.err.contains("[pipeline] 01/11 datasets: running (no record of an earlier run)"),
             qPrintable(r.err));
    QVERIFY(r.err.contains("[pipeline] 01/11 datasets: done in "));
    QVERIFY(r.err.contains("[pipeline] 1 stages run, 0 up to date; manifest "));
    QFile plan(dir.filePath("results/sweep_plan.csv"));
    QVERIFY(plan.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(plan.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.first(), QString("task,model,architecture,precision,batch_size,device"));
    QCOMPARE(lines.size() - 1, 4);  // resnet20 × {fp32, int8} × {1, 4} × cpu:1
    QCOMPARE(lines.at(1), QString("cifar10,resnet20,torchscript,fp32,1,cpu:1"));
    QFile env(dir.filePath("results/environment.json"));
    QVERIFY(env.open(QIODevice::ReadOnly));
    QVERIFY(QJsonDocument::fromJson(env.readAll()).object().contains("torch_version"));
    // The files written on stdout, the imported model among them.
    QVERIFY(r.out.contains(dir.filePath("results/sweep_plan.csv")));
    QVERIFY(r.out.contains(dir.filePath("results/model_files.csv")));
    QVERIFY(r.out.contains("models/cifar10-resnet/resnet20.torchscript.pt"));
    QFile manifest(dir.filePath("results/run_manifest.json"));
    QVERIFY(manifest.open(QIODevice::ReadOnly));
    const QJsonObject m = QJsonDocument::fromJson(manifest.readAll()).object();
    QCOMPARE(m.value("protocol").toString(), QString("quick"));
    QVERIFY(!m.value("environment").toObject().value("build").toString().isEmpty());
}

void TestCli::pipelineResumesFromTheManifest() {
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath("configs"));
    copyConfigs(dir.filePath("configs"));
    writeResnet20Protocol(dir.filePath("configs"));
    const QStringList args{"--batch",      "--quick",
                           "--stage",      "datasets",
                           "--config-dir", dir.filePath("configs"),
                           "--data-dir",   AIP_TEST_SHARED_DIR,
                           "--out",        dir.filePath("results")};
    const QProcessEnvironment env =
        isolatedEnvironment(dir.filePath("xdg"), AIP_TEST_SHARED_DIR "/datasets");
    RunResult r = runPlanner(args, env);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));

    r = runPlanner(args, env);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains("[pipeline] 01/11 datasets: up to date, skipped"), qPrintable(r.err));
    QVERIFY(r.err.contains("[pipeline] 0 stages run, 1 up to date"));
    QVERIFY(r.out.isEmpty());  // nothing written

    r = runPlanner(args + QStringList{"--seed", "99"}, env);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains("01/11 datasets: running (the seed changed (20261126 → 99))"),
             qPrintable(r.err));
    r = runPlanner(args + QStringList{"--seed", "99"}, env);
    QVERIFY2(r.err.contains("01/11 datasets: up to date, skipped"), qPrintable(r.err));
    r = runPlanner(args + QStringList{"--seed", "99", "--force"}, env);
    QVERIFY2(r.err.contains("01/11 datasets: running (--force)"), qPrintable(r.err));

    // An edited protocol reruns the stage, whose unchanged files then leave the others be.
    QFile protocol(dir.filePath("configs/experimental_protocol_quick.yaml"));
    QVERIFY(protocol.open(QIODevice::Append));
    protocol.write("# a comment\n");
    protocol.close();
    r = runPlanner(args + QStringList{"--seed", "99"}, env);
    QVERIFY2(r.err.contains("01/11 datasets: running (input " +
                            dir.filePath("configs/experimental_protocol_quick.yaml") + " changed)"),
             qPrintable(r.err));
}

void TestCli::pipelineMissingDataset() {
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath("configs"));
    copyConfigs(dir.filePath("configs"));
    writeResnet20Protocol(dir.filePath("configs"));
    const RunResult r =
        runPlanner({"--batch", "--quick", "--config-dir", dir.filePath("configs"), "--data-dir",
                    dir.filePath("empty"), "--out", dir.filePath("results")},
                   isolatedEnvironment(dir.filePath("xdg"), QString()));
    QCOMPARE(r.exitCode, 1);
    const QString expected =
        "anytime-planner: error: stage 01/11 datasets: dataset 'cifar10' "
        "(test split) not found: no cifar-10-batches-bin/test_batch.bin in " +
        dir.filePath("empty") + " (--data-dir, missing)";
    QVERIFY2(r.err.contains(expected), qPrintable(r.err));
    QVERIFY(r.err.contains("anytime-planner --batch download --dataset cifar10"));
    const QStringList errorLines = r.err.split('\n').filter("error:");
    QCOMPARE(errorLines.size(), 1);
    // Checked before anything is written: the failed stage leaves no file at all.
    QVERIFY(QDir(dir.filePath("results")).entryList(QDir::Files | QDir::Hidden).isEmpty());
}

void TestCli::pipelineFailureLeavesNoFiles() {
    QTemporaryDir dir;
    copyConfigs(dir.path());
    QVERIFY(QFile::remove(QDir(dir.path()).filePath("deadlines.yaml")));
    const RunResult r =
        runPlanner({"--batch", "--config-dir", dir.path(), "--out", dir.filePath("out")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("deadlines.yaml: cannot open"), qPrintable(r.err));
    QVERIFY(QDir(dir.filePath("out")).entryList(QDir::Files).isEmpty());
}

void TestCli::envPrintsJson() {
    const RunResult r = runPlanner({"--batch", "env", "--threads", "1"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(o.value("intra_op_threads").toInt(), 1);
    QVERIFY(!o.value("blas").toString().isEmpty());
    const RunResult bad = runPlanner({"--batch", "env", "--threads", "zero"});
    QCOMPARE(bad.exitCode, 1);
    QVERIFY(bad.err.contains("--threads must be a positive integer"));
}

void TestCli::evaluateAndTrainErrors() {
    QTemporaryDir dir;
    RunResult r = runPlanner({"--batch", "evaluate", "--dataset", "cifar10", "--split", "test"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("--model is required"), qPrintable(r.err));
    r = runPlanner({"--batch", "evaluate", "--model", "no-such-model", "--dataset", "cifar10",
                    "--split", "test", "--data-dir", AIP_TEST_SHARED_DIR "/datasets",
                    "--config-dir", AIP_TEST_SOURCE_DIR "/configs"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("unknown model 'no-such-model'"), qPrintable(r.err));
    r = runPlanner({"--batch", "evaluate", "--model", "resnet20", "--dataset", "cifar10", "--split",
                    "validation", "--data-dir", dir.path(), "--config-dir",
                    AIP_TEST_SOURCE_DIR "/configs"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("validation"), qPrintable(r.err));
    r = runPlanner({"--batch", "evaluate", "--model", "resnet20", "--dataset", "cifar10", "--split",
                    "test", "--precision", "fp16"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("--precision must be fp32, bf16 or int8"), qPrintable(r.err));
    r = runPlanner({"--batch", "train", "--model", "resnet20", "--config-dir",
                    AIP_TEST_SOURCE_DIR "/configs"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("only zoo models are trained"), qPrintable(r.err));
    r = runPlanner({"--batch", "train", "--model", "resnet18", "--epochs", "0"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("--epochs must be a positive integer"), qPrintable(r.err));
}

void TestCli::downloadErrors() {
    QTemporaryDir dir;
    RunResult r =
        runPlanner({"--batch", "download", "--dataset", "imagenet", "--data-dir", dir.path()});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("no download source for 'imagenet'"), qPrintable(r.err));
    // Nothing listens on port 9 of the loopback: the job fails at once and leaves nothing.
    r = runPlanner({"--batch", "download", "--dataset", "cifar10", "--data-dir", dir.path(),
                    "--url", "http://127.0.0.1:9/cifar-10-binary.tar.gz"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("127.0.0.1:9"), qPrintable(r.err));
    QVERIFY(QDir(dir.path())
                .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)
                .isEmpty());
}

void TestCli::quickPipelineFromAnEmptyFolder() {
    // README's first command as a new user runs it: in a fresh folder (its name with a space),
    // an empty user data folder, no --out, the configs found as ./configs.
    QTemporaryDir root;
    const QString home = root.filePath("new user");
    QVERIFY(QDir().mkpath(home + "/configs"));
    copyConfigs(home + "/configs");
    shortenQuickProtocol(home + "/configs");
    QProcessEnvironment env = isolatedEnvironment(root.filePath("xdg"), QString());
    env.remove("AIP_CONFIG_DIR");

    RunResult r = runPlanner({"--batch", "--quick"}, env, home);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains("[pipeline] 11 stages run, 0 up to date; manifest " + home +
                            "/results/run_manifest.json"),
             qPrintable(r.err));
    const QString results = home + "/results";
    QStringList missing = missingResults(results);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(", ")));
    // The files written, on stdout, as absolute paths; the manifest records those inside the
    // results folder relative to it.
    QVERIFY2(r.out.contains(results + "/all_results.csv\n"), qPrintable(r.out));
    const QStringList recorded = manifestPaths(results);
    QVERIFY(recorded.contains("sweep_plan.csv"));
    QVERIFY(recorded.contains("plots/pareto_frontiers.png"));
    QVERIFY2(!recorded.join('\n').contains("results/"), qPrintable(recorded.join('\n')));

    // The quick protocol's checkpoints, one per model, named by its recipe.
    const QString checkpoints =
        root.filePath("xdg/AnytimeInferencePlanner/anytime-planner/checkpoints");
    const QDir small(checkpoints + "/fmnist-resnet18-w0.25");
    QCOMPARE(small.entryList({"recipe-*.pt"}, QDir::Files).size(), 1);
    const QString quickCheckpoint = small.filePath(small.entryList({"recipe-*.pt"}).front());
    QFile quickFile(quickCheckpoint);
    QVERIFY(quickFile.open(QIODevice::ReadOnly));
    const QByteArray quickWeights = quickFile.readAll();
    quickFile.close();

    // A manual train of the same model (README's next command, shortened) writes a checkpoint
    // of its own recipe, says who uses it, and leaves the protocol's alone.
    r = runPlanner({"--batch", "train", "--model", "fmnist-resnet18-w0.25", "--epochs", "1",
                    "--max-examples", "256"},
                   env, home);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QString manual = r.out.section('\n', 0, 0);
    QVERIFY2(manual.startsWith(small.path() + "/recipe-") && manual != quickCheckpoint,
             qPrintable(r.out));
    QVERIFY2(r.err.contains("[train] used by: --batch evaluate --model " + manual),
             qPrintable(r.err));
    QVERIFY2(r.err.contains("`--batch --quick` trains its own (recipe "), qPrintable(r.err));
    QVERIFY(quickFile.open(QIODevice::ReadOnly));
    QCOMPARE(quickFile.readAll(), quickWeights);
    quickFile.close();

    // So the same command again finds everything up to date: the same results both times.
    const QByteArray allResults = [&] {
        QFile f(results + "/all_results.csv");
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    r = runPlanner({"--batch", "--quick"}, env, home);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains("[pipeline] 0 stages run, 11 up to date"), qPrintable(r.err));
    QFile again(results + "/all_results.csv");
    QVERIFY(again.open(QIODevice::ReadOnly));
    QCOMPARE(again.readAll(), allResults);

    // Each checkpoint is found by what it is: the manual one by its file, the protocol's by
    // --recipe quick. Paths relative to the working directory.
    r = runPlanner({"--batch", "evaluate", "--model", QDir(home).relativeFilePath(manual),
                    "--dataset", "fashion-mnist", "--split", "test", "--max-examples", "50",
                    "--predictions", "./my predictions.csv"},
                   env, home);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.out.startsWith("accuracy: "));
    QVERIFY(QFileInfo(home + "/my predictions.csv").size() > 0);
    r = runPlanner({"--batch", "evaluate", "--model", "fmnist-resnet18-w0.25", "--recipe", "quick",
                    "--dataset", "fashion-mnist", "--split", "test", "--max-examples", "50"},
                   env, home);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains("checkpoint of recipe " +
                            QFileInfo(quickCheckpoint).completeBaseName().mid(7)),
             qPrintable(r.err));
    // The preset's recipe was never trained: the error names the file looked for and the others.
    r = runPlanner({"--batch", "evaluate", "--model", "fmnist-resnet18-w0.25", "--dataset",
                    "fashion-mnist", "--split", "test"},
                   env, home);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("model 'fmnist-resnet18-w0.25' has no checkpoint of recipe") &&
                 r.err.contains("trained with other recipes: ") &&
                 r.err.contains(quickCheckpoint + " (protocol 'quick', run seed 20261126)") &&
                 r.err.contains(manual + " (--batch train, seed 1)"),
             qPrintable(r.err));

    // --out as users type it: ./r, r/, ../x/r (with --config-dir and --data-dir relative too),
    // and a folder with a space, each resolved against the working directory.
    QVERIFY(QDir().mkpath(home + "/data"));
    for (const auto& [out, expected] : std::vector<std::pair<QString, QString>>{
             {"./r", home + "/r"}, {"r/", home + "/r"}, {"../x/r", root.filePath("x/r")}}) {
        r = runPlanner({"--batch", "--quick", "--stage", "datasets", "--out", out, "--config-dir",
                        "./configs", "--data-dir", "data/"},
                       env, home);
        QVERIFY2(r.exitCode == 0, qPrintable(out + ": " + r.err));
        // "r/" finds what "./r" wrote: the same folder, up to date.
        QVERIFY2(r.err.contains("; manifest " + expected + "/run_manifest.json"),
                 qPrintable(r.err));
        QVERIFY(QFileInfo(expected + "/sweep_plan.csv").size() > 0);
        QVERIFY(manifestPaths(expected).contains("model_files.csv"));
    }
    r = runPlanner({"--batch", "--quick", "--out", "results with space"}, env, home);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    missing = missingResults(home + "/results with space");
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(", ")));

    // simulate writes its requests beside the results, not over the planner stage's file.
    r = runPlanner({"--batch", "simulate", "--quick", "--policy", "StaticSmall", "--workload",
                    "poisson", "--deadlines", "tight", "--seed", "3"},
                   env, home);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.out.endsWith(results + "/simulate/StaticSmall-poisson-tight-seed3.csv\n" + results +
                            "/simulate/StaticSmall-poisson-tight-seed3.batches.csv\n"),
             qPrintable(r.out));
    // --rate-scale and --duration shape the trace: 2 s of the quick protocol's Poisson workload
    // (200 requests/s) at twice its rate hold about 800 requests (±5 standard deviations).
    r = runPlanner({"--batch", "simulate", "--quick", "--policy", "StaticSmall", "--workload",
                    "poisson", "--deadlines", "tight", "--rate-scale", "2", "--duration", "2"},
                   env, home);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QRegularExpressionMatch count =
        QRegularExpression("seed \\d+: (\\d+) requests").match(r.out);
    QVERIFY2(count.hasMatch(), qPrintable(r.out));
    QVERIFY2(std::abs(count.captured(1).toDouble() - 800.0) < 5.0 * std::sqrt(800.0),
             qPrintable(r.out));
    r = runPlanner({"--batch", "simulate", "--quick", "--rate-scale", "0"}, env, home);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("--rate-scale must be a positive number, got '0'"), qPrintable(r.err));

    // The optional fidelity stage runs when named: each workload's window replayed live per
    // rate scale, deadline set and policy (shortened: 2 × 2 × 2 × 2 replays of 0.5 s).
    r = runPlanner({"--batch", "--quick", "--stage", "fidelity"}, env, home);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY2(r.err.contains("[pipeline] 12/12 fidelity: running (no record of an earlier run)"),
             qPrintable(r.err));
    QFile fidelity(results + "/fidelity.csv");
    QVERIFY(fidelity.open(QIODevice::ReadOnly));
    const QList<QByteArray> fidelityLines = fidelity.readAll().trimmed().split('\n');
    QCOMPARE(fidelityLines.size(), 1 + 16);
    QVERIFY2(fidelityLines.at(1).startsWith("fashion-mnist,CascadePlanner,poisson,tight,1,"),
             fidelityLines.at(1).constData());
    QFile figure(results + "/plots/sim_vs_live.png");
    QVERIFY(figure.open(QIODevice::ReadOnly));
    QVERIFY(figure.read(8) == QByteArray("\x89PNG\r\n\x1a\n"));
    QVERIFY(manifestPaths(results).contains("fidelity.csv"));
    // A full run leaves the optional stage out and finds the others up to date.
    r = runPlanner({"--batch", "--quick"}, env, home);
    QVERIFY2(r.err.contains("[pipeline] 0 stages run, 11 up to date"), qPrintable(r.err));

    // A checkpoint changed after profiling is never replayed live against the old profiles.
    QVERIFY(quickFile.open(QIODevice::Append));
    quickFile.write("x");
    quickFile.close();
    r = runPlanner({"--batch", "simulate", "--quick", "--live"}, env, home);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(quickCheckpoint + " of model 'fmnist-resnet18-w0.25' changed since it "
                                              "was profiled"),
             qPrintable(r.err));
    r = runPlanner({"--batch", "fidelity", "--quick", "--force"}, env, home);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("stage 12/12 fidelity: " + quickCheckpoint +
                            " of model 'fmnist-resnet18-w0.25' changed since it was profiled"),
             qPrintable(r.err));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
