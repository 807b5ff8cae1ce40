// Runs the real executable, as a user or a CI script would.

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct RunResult {
    int exitCode = -1;
    QString out;
    QString err;
};

RunResult runPlanner(const QStringList& args) {
    QProcess p;
    p.start(AIP_TEST_BINARY, args);
    if (!p.waitForFinished(120000)) {
        p.kill();
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
    void pipelineFailureLeavesNoFiles();
    void envPrintsJson();
    void evaluateAndTrainErrors();
    void downloadErrors();
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
    r = runPlanner(
        {"--batch", "--stage", "nonsense", "--out", QDir::tempPath() + "/aip-cli-nonsense"});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("unknown stage 'nonsense'"), qPrintable(r.err));
}

void TestCli::pipelineWritesResults() {
    QTemporaryDir dir;
    const RunResult r =
        runPlanner({"--batch", "--quick", "--stage", "configs,environment", "--config-dir",
                    AIP_TEST_SOURCE_DIR "/configs", "--out", dir.path()});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QVERIFY(r.err.contains("[pipeline]"));  // progress on stderr
    QFile plan(dir.filePath("sweep_plan.csv"));
    QVERIFY(plan.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(plan.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.first(), QString("task,model,architecture,precision,batch_size,device"));
    // quick protocol: 3 models x 3 precisions x 2 batch sizes x 1 device
    QCOMPARE(lines.size() - 1, 18);
    QFile env(dir.filePath("environment.json"));
    QVERIFY(env.open(QIODevice::ReadOnly));
    QVERIFY(QJsonDocument::fromJson(env.readAll()).object().contains("torch_version"));
    QVERIFY(r.out.contains("sweep_plan.csv"));
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

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
