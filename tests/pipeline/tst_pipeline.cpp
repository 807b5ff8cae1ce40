// The resumable pipeline: the stage runner and its manifest on small fake stages that write
// files, the stage registry, the protocol's training overrides, stage 01 for real on a tiny
// TorchScript model and a small zoo model trained on Debian's Fashion-MNIST, and stages 04-10
// giving byte-identical files from the same profiles and seed.

#include "analysis/reportdata.h"
#include "common/atomicfile.h"
#include "common/csv.h"
#include "common/error.h"
#include "config/configset.h"
#include "engine/trainer.h"
#include "pipeline/pipeline.h"
#include "pipeline/runmanifest.h"
#include "pipeline/stagerunner.h"
#include "planningfixtures.h"
#include "results/profilefiles.h"
#include "results/resultfiles.h"
#include "results/resultstable.h"
#include "runinjob.h"
#include "textdiff.h"
#include "tinymodels.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>
#include <memory>

using namespace aip;
using aip::testing::runInJob;

namespace {

void writeText(const QString& path, const QByteArray& text) {
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    f.write(text);
}

QByteArray readText(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QString sha256(const QString& path) {
    return QString::fromLatin1(
        QCryptographicHash::hash(readText(path), QCryptographicHash::Sha256).toHex());
}

/// Four fake stages over a temporary folder: input.txt → a → b, and other.txt → c (a folder)
/// → d. Each counts its runs; b can be told to fail half-way through writing.
class FakePipeline {
public:
    FakePipeline() {
        writeText(m_dir.filePath("input.txt"), "first input\n");
        writeText(m_dir.filePath("other.txt"), "other input\n");
    }

    QString path(const QString& name) const { return m_dir.filePath(name); }
    QString result(const QString& name) const { return m_dir.filePath("results/" + name); }
    int runs(const QString& stage) const {
        const auto found = m_runs.find(stage);
        return found == m_runs.end() ? 0 : found->second;
    }

    std::vector<StageDefinition> stages() {
        std::vector<StageDefinition> list;
        list.push_back(
            {1, "a", "copy input.txt", {path("input.txt")}, {}, true, [this](StageContext& c) {
                 ++m_runs["a"];
                 writeFileAtomically(c.resultPath("a.csv"), "a:" + readText(path("input.txt")));
                 return QStringList{"a.csv"};
             }});
        list.push_back(
            {2, "b", "transform a.csv", {"a.csv"}, bParameters, true, [this](StageContext& c) {
                 ++m_runs["b"];
                 manifestDuringB = readText(c.resultPath(RunManifest::fileName()));
                 lockedDuringB = QFileInfo::exists(resultfiles::kRunLock.in(c.results));
                 AtomicFileWriter out(c.resultPath("b.csv"));
                 out.write(readText(c.resultPath("a.csv")));
                 if (failB) {
                     throw Error("boom");
                 }
                 out.write(QByteArray("b x") +
                           QByteArray::number(bParameters.value("factor").toInt()));
                 out.commit();
                 return QStringList{c.resultPath("b.csv")};
             }});
        list.push_back({3,
                        "c",
                        "split other.txt into a folder",
                        {path("other.txt")},
                        {},
                        true,
                        [this](StageContext& c) {
                            ++m_runs["c"];
                            writeFileAtomically(c.resultPath("c/one.txt"),
                                                readText(path("other.txt")));
                            writeFileAtomically(c.resultPath("c/two.txt"), "two\n");
                            return QStringList{"c"};
                        }});
        list.push_back({4, "d", "summarize folder c", {"c"}, {}, false, [this](StageContext& c) {
                            ++m_runs["d"];
                            writeFileAtomically(c.resultPath("d.csv"),
                                                readText(c.resultPath("c/one.txt")).toUpper());
                            return QStringList{"d.csv"};
                        }});
        list.back().rerunWhenBuildChanges = dFollowsTheCode;
        // Optional: runs only when named.
        StageDefinition e{5, "e", "copy d.csv", {"d.csv"}, {}, true, [this](StageContext& c) {
                              ++m_runs["e"];
                              writeFileAtomically(c.resultPath("e.csv"),
                                                  readText(c.resultPath("d.csv")));
                              return QStringList{"e.csv"};
                          }};
        e.optional = true;
        list.push_back(e);
        return list;
    }

    StageRunReport run(const StageRunOptions& options = {}, QStringList* log = nullptr) {
        const std::vector<StageDefinition> list = stages();
        return runInJob<StageRunReport>(
            [&](JobContext& job) {
                StageContext context{m_configs,
                                     QDir(path("results")),
                                     DataSearchPath(QStringList{}),
                                     seed,
                                     false,
                                     job,
                                     {},
                                     {}};
                return runStages(list, context, options);
            },
            log);
    }

    RunManifest manifest() const { return RunManifest::load(result(RunManifest::fileName())); }

    std::uint64_t seed = 11;
    bool failB = false;
    QJsonObject bParameters{{"factor", 2}};
    QByteArray manifestDuringB;
    bool lockedDuringB = false;
    bool dFollowsTheCode = false;

private:
    QTemporaryDir m_dir;
    ConfigSet m_configs;
    std::map<QString, int> m_runs;
};

const QStringList kAll{"a", "b", "c", "d"};

QString quickConfigDir() {
    return QStringLiteral(AIP_TEST_SOURCE_DIR "/configs");
}

const StageDefinition& stageNamed(const std::vector<StageDefinition>& stages, const QString& name) {
    for (const StageDefinition& s : stages) {
        if (s.name == name) {
            return s;
        }
    }
    throw Error("no stage " + name);
}

/// A configuration folder for stage 01: a tiny imported TorchScript model and a small zoo
/// ResNet18 on Fashion-MNIST, trained by the quick protocol's overrides in a few seconds.
void writeStageOneConfigs(const QString& dir, const QString& dataset) {
    writeText(QDir(dir).filePath("models.yaml"), QStringLiteral(R"(
tasks:
  - {id: fmnist, dataset: %1, train_split: train, eval_split: test,
     num_classes: 10, input: {kind: image, channels: 1, height: 28, width: 28}}
models:
  - {family: tiny, task: fmnist, architecture: torchscript, file: models/tiny.pt,
     preprocessing: {mean: [0.2860], std: [0.3530]}}
  - family: zoo
    task: fmnist
    architecture: resnet18
    preprocessing: {mean: [0.2860], std: [0.3530]}
    training: {epochs: 3, batch_size: 64, learning_rate: 0.05, max_examples: 30000}
    variants:
      - {id: zoo-small, width: 0.25, depth: 0.5}
sweep: {precisions: [fp32], batch_sizes: [1], devices: ["cpu:1"]}
cascades:
  - {stage1: tiny, stage2: zoo-small, thresholds: [0.5]}
)")
                                                     .arg(dataset)
                                                     .toUtf8());
    QFile::remove(QDir(dir).filePath("deadlines.yaml"));
    QVERIFY(QFile::copy(QStringLiteral(AIP_TEST_SOURCE_DIR "/configs/deadlines.yaml"),
                        QDir(dir).filePath("deadlines.yaml")));
    // The shipped quick protocol on these two models, training each on 256 examples.
    QByteArray protocol = readText(quickConfigDir() + "/experimental_protocol_quick.yaml");
    QList<QByteArray> lines = protocol.split('\n');
    for (const QByteArray& replacement :
         {QByteArray("tasks: [fmnist]"), QByteArray("models: [tiny, zoo-small]"),
          QByteArray("training: {epochs: 1, max_examples: 256}"),
          QByteArray("  precisions: [fp32]"), QByteArray("  batch_sizes: [1]"),
          QByteArray(R"(  devices: ["cpu:1"])")}) {
        const QByteArray key = replacement.left(replacement.indexOf(':') + 1);
        const auto line = std::find_if(lines.begin(), lines.end(),
                                       [&](const QByteArray& l) { return l.startsWith(key); });
        QVERIFY2(line != lines.end(), key.constData());
        *line = replacement;
    }
    writeText(QDir(dir).filePath("experimental_protocol_quick.yaml"), lines.join('\n'));
}

/// Stage 01 alone on the quick protocol of `dir`/configs, data in `dir`/data.
PipelineParams stageOneParams(const QTemporaryDir& dir) {
    PipelineParams params;
    params.configDir = dir.filePath("configs");
    params.outDir = dir.filePath("results");
    params.quick = true;
    params.dataDir = dir.filePath("data");
    params.stages = QStringList({"datasets"});
    return params;
}

/// Configuration for stages 04-10 over the planning tests' seeded random profiles
/// (testing::randomProfiles with three models, task "t"): m0..m2 at fp32/int8, batch 1/4 on
/// cpu:1/cpu:2, the cascade m0 > m2 at two thresholds, two workloads, two deadline sets, three
/// replicate seeds from the base seed 7 and four hypotheses, two of them with claimed values.
void writeAnalysisConfigs(const QString& dir) {
    testing::FixtureConfigs c;
    c.models = 3;
    c.cascades = QStringLiteral("[{stage1: m0, stage2: m2, thresholds: [0.6, 0.9]}]");
    c.tight = QStringLiteral("[2, 5]");
    c.loose = QStringLiteral("[8, 25]");
    c.durationS = 3.0;
    c.hypotheses = QStringLiteral(
        "[{id: H1, statement: planner beats StaticLarge, metric: effective_accuracy, "
        "policy: CascadePlanner, baseline: StaticLarge, alternative: greater}, "
        "{id: H2, statement: planner hits more deadlines, metric: hit_rate, "
        "policy: CascadePlanner, baseline: ThroughputAutotuner, alternative: greater}, "
        "{id: C1, statement: planner hits 4.5 points more deadlines than INFaaS, metric: "
        "hit_rate, policy: CascadePlanner, baseline: INFaaS, alternative: greater, claimed: "
        "0.045}, "
        "{id: C3, statement: planner dominates 75% of the baselines' points, metric: "
        "dominated_share, space: latency, policy: CascadePlanner, baseline: all, claimed: "
        "0.75}]");
    testing::writeFixtureConfigs(dir, c);
}

/// Every file below `dir` (hidden ones too), relative to it, sorted.
QStringList filesBelow(const QString& dir) {
    QStringList files;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        files.append(QDir(dir).relativeFilePath(it.next()));
    }
    files.sort();
    return files;
}

void copyFolder(const QString& from, const QString& to) {
    for (const QString& file : filesBelow(from)) {
        const QString target = QDir(to).filePath(file);
        QVERIFY(QDir().mkpath(QFileInfo(target).absolutePath()));
        QVERIFY2(QFile::copy(QDir(from).filePath(file), target), qPrintable(target));
    }
}

const QStringList kAnalysisStages{"baselines", "planner",   "statistical-tests", "pareto",
                                  "ablations", "workloads", "failure-analysis"};

/// Stages 04-10 of the configuration in `configDir` on the results folder `outDir`, in one
/// run (as `--batch --stage baselines,...,failure-analysis` runs them): each finds the inputs
/// the one before it writes, and none brings along the profiling stages.
PipelineResult runAnalysisStages(const QString& configDir, const QString& outDir,
                                 std::uint64_t seed) {
    PipelineParams params;
    params.configDir = configDir;
    params.outDir = outDir;
    params.quick = true;
    params.stages = kAnalysisStages;
    params.seed = seed;
    return runInJob<PipelineResult>([&](JobContext& job) { return runPipeline(params, job); });
}

}  // namespace

class TestPipeline final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void firstRunRunsAllAndRecordsEverything();
    void secondRunSkipsEverythingQuickly();
    void changedInputRerunsItsStageAndDependents();
    void sameContentDoesNotRerun();
    void parameterOrSeedChangeReruns();
    void deletedOrEditedOutputReruns();
    void failedStageLeavesEarlierRecordsAndResumes();
    void forceRerunsEverything();
    void oneWriterPerResultsFolder();
    void resultsFollowTheBuild();
    void subsetRunsInPipelineOrder();
    void optionalStageRunsOnlyWhenNamed();
    void missingInputAndUnknownStage();
    void malformedManifest();
    void manifestRoundTrip();
    void registryDeclaresTheStages();
    void parametersFollowTheirSubsection();
    void figuresWithoutRendererFail();
    void protocolTrainingOverrides();
    void datasetsStageTrainsAndResumes();
    void datasetsStageErrors();
    void analysisStagesAreByteIdentical();

private:
    QTemporaryDir m_home;
};

void TestPipeline::initTestCase() {
    QVERIFY(m_home.isValid());
    // Checkpoints go to the user data folder: keep it inside the test, away from real ones.
    qputenv("XDG_DATA_HOME", m_home.filePath("xdg").toUtf8());
    qunsetenv(DataSearchPath::environmentVariable());
}

void TestPipeline::firstRunRunsAllAndRecordsEverything() {
    FakePipeline p;
    const StageRunReport r = p.run();
    QCOMPARE(r.ran, kAll);
    QVERIFY(r.skipped.isEmpty());
    QCOMPARE(readText(p.result("a.csv")), QByteArray("a:first input\n"));
    QCOMPARE(readText(p.result("b.csv")), QByteArray("a:first input\nb x2"));
    QVERIFY(r.filesWritten.contains(QDir::cleanPath(p.result("b.csv"))));
    QVERIFY(r.filesWritten.contains(QDir::cleanPath(p.result("c"))));

    const RunManifest m = p.manifest();
    QCOMPARE(m.stages().size(), std::size_t{4});
    const StageRecord* a = m.stage("a");
    QVERIFY(a != nullptr);
    QCOMPARE(a->number, 1);
    QCOMPARE(a->inputs.size(), std::size_t{1});
    QCOMPARE(a->inputs[0].path, QDir::cleanPath(p.path("input.txt")));  // outside: absolute
    QCOMPARE(a->inputs[0].sha256, sha256(p.path("input.txt")));
    QCOMPARE(a->outputs.size(), std::size_t{1});
    QCOMPARE(a->outputs[0].path, QString("a.csv"));  // inside the results folder: relative
    QCOMPARE(a->outputs[0].sha256, sha256(p.result("a.csv")));
    QCOMPARE(a->seed, std::uint64_t{11});
    QVERIFY(a->started.isValid() && a->finished.isValid());
    QVERIFY(a->started <= a->finished);
    QVERIFY(a->durationS >= 0.0);
    const StageRecord* b = m.stage("b");
    QCOMPARE(b->parameters.value("factor").toInt(), 2);
    QCOMPARE(b->parametersSha256.size(), 64);
    QCOMPARE(b->inputs[0].sha256, a->outputs[0].sha256);
    // The manifest is rewritten after each stage: while b ran, a's record was on disk already.
    const RunManifest during =
        RunManifest::fromJson(QJsonDocument::fromJson(p.manifestDuringB).object(), "during b");
    QVERIFY(during.stage("a") != nullptr);
    QVERIFY(during.stage("b") == nullptr);
    // A folder output: its digest covers every file below it.
    const StageRecord* d = m.stage("d");
    QCOMPARE(d->inputs[0].path, QString("c"));
    QCOMPARE(d->inputs[0].sha256, m.stage("c")->outputs[0].sha256);

    const QJsonObject env = m.environment;
    for (const char* key :
         {"cpu_model", "logical_cores", "torch_version", "blas", "quantized_engine", "build"}) {
        QVERIFY2(env.contains(QLatin1String(key)), key);
    }
    QVERIFY(!env.value("torch_version").toString().isEmpty());
    QCOMPARE(env.value("build").toString(), buildDescription());
    QVERIFY(!buildDescription().isEmpty());
}

void TestPipeline::secondRunSkipsEverythingQuickly() {
    FakePipeline p;
    p.run();
    const QByteArray before = readText(p.result("b.csv"));
    QStringList log;
    const StageRunReport r = p.run({}, &log);
    QVERIFY(r.ran.isEmpty());
    QCOMPARE(r.skipped, kAll);
    QVERIFY(r.filesWritten.isEmpty());
    for (const QString& stage : kAll) {
        QCOMPARE(p.runs(stage), 1);
    }
    QCOMPARE(readText(p.result("b.csv")), before);
    QVERIFY2(log.contains("02/04 b: up to date, skipped"), qPrintable(log.join('\n')));
}

void TestPipeline::changedInputRerunsItsStageAndDependents() {
    FakePipeline p;
    p.run();
    writeText(p.path("input.txt"), "second input\n");
    QStringList log;
    StageRunReport r = p.run({}, &log);
    QCOMPARE(r.ran, QStringList({"a", "b"}));
    QCOMPARE(r.skipped, QStringList({"c", "d"}));
    QVERIFY2(log.contains("01/04 a: running (input " + QDir::cleanPath(p.path("input.txt")) +
                          " changed)"),
             qPrintable(log.join('\n')));
    QVERIFY(log.contains("02/04 b: running (input a.csv changed)"));
    QCOMPARE(readText(p.result("b.csv")), QByteArray("a:second input\nb x2"));

    // A folder input: c's folder changes with other.txt, so d follows.
    writeText(p.path("other.txt"), "other input, edited\n");
    r = p.run();
    QCOMPARE(r.ran, QStringList({"c", "d"}));
    QCOMPARE(readText(p.result("d.csv")), QByteArray("OTHER INPUT, EDITED\n"));
}

void TestPipeline::sameContentDoesNotRerun() {
    FakePipeline p;
    p.run();
    QTest::qWait(20);
    writeText(p.path("input.txt"), "first input\n");  // touched: new time, same bytes
    const StageRunReport r = p.run();
    QVERIFY(r.ran.isEmpty());
    QCOMPARE(p.runs("a"), 1);
}

void TestPipeline::parameterOrSeedChangeReruns() {
    FakePipeline p;
    p.run();
    p.bParameters.insert("factor", 3);
    QStringList log;
    StageRunReport r = p.run({}, &log);
    QCOMPARE(r.ran, QStringList({"b"}));
    QVERIFY(log.contains("02/04 b: running (its parameters changed)"));
    QCOMPARE(readText(p.result("b.csv")), QByteArray("a:first input\nb x3"));

    // A new seed reruns the seeded stages; d draws no random numbers and its input is the same.
    p.seed = 12;
    log.clear();
    r = p.run({}, &log);
    QCOMPARE(r.ran, QStringList({"a", "b", "c"}));
    QCOMPARE(r.skipped, QStringList({"d"}));
    QVERIFY(log.contains("01/04 a: running (the seed changed (11 → 12))"));
    QCOMPARE(p.manifest().stage("a")->seed, std::uint64_t{12});
    QCOMPARE(p.manifest().stage("d")->seed, std::uint64_t{11});  // the seed it ran with
}

void TestPipeline::deletedOrEditedOutputReruns() {
    FakePipeline p;
    p.run();
    QVERIFY(QFile::remove(p.result("b.csv")));
    QStringList log;
    StageRunReport r = p.run({}, &log);
    QCOMPARE(r.ran, QStringList({"b"}));
    QVERIFY(log.contains("02/04 b: running (output b.csv is missing)"));
    QVERIFY(QFile::exists(p.result("b.csv")));

    // An edited output reruns its stage; the rewritten a.csv equals the recorded one, so b
    // (whose input is a.csv) stays skipped.
    writeText(p.result("a.csv"), "tampered");
    log.clear();
    r = p.run({}, &log);
    QCOMPARE(r.ran, QStringList({"a"}));
    QVERIFY(log.contains("01/04 a: running (output a.csv changed)"));
    QCOMPARE(readText(p.result("a.csv")), QByteArray("a:first input\n"));

    // A file missing inside a folder output.
    QVERIFY(QFile::remove(p.result("c/two.txt")));
    r = p.run();
    QCOMPARE(r.ran, QStringList({"c"}));
    QCOMPARE(p.runs("d"), 1);
}

void TestPipeline::failedStageLeavesEarlierRecordsAndResumes() {
    FakePipeline p;
    p.failB = true;
    try {
        p.run();
        QFAIL("the run must fail");
    } catch (const Error& e) {
        QCOMPARE(e.message(), QString("stage 02/04 b: boom"));
    }
    const RunManifest m = p.manifest();
    QCOMPARE(m.stages().size(), std::size_t{1});
    QVERIFY(m.stage("a") != nullptr);
    // No half-written b.csv, no temporary file, nothing from later stages.
    QCOMPARE(QDir(p.result("")).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList({"a.csv", "run_manifest.json"}));
    QCOMPARE(p.runs("c"), 0);

    p.failB = false;
    const StageRunReport r = p.run();
    QCOMPARE(r.skipped, QStringList({"a"}));
    QCOMPARE(r.ran, QStringList({"b", "c", "d"}));
    QCOMPARE(p.runs("a"), 1);
    QCOMPARE(p.manifest().stages().size(), std::size_t{4});
}

void TestPipeline::forceRerunsEverything() {
    FakePipeline p;
    p.run();
    StageRunOptions options;
    options.force = true;
    QStringList log;
    const StageRunReport r = p.run(options, &log);
    QCOMPARE(r.ran, kAll);
    QVERIFY(log.contains("03/04 c: running (--force)"));
    for (const QString& stage : kAll) {
        QCOMPARE(p.runs(stage), 2);
    }
}

void TestPipeline::oneWriterPerResultsFolder() {
    FakePipeline p;
    QVERIFY(QDir().mkpath(p.path("results")));
    const QString lockPath = p.result(".run.lock");
    QByteArray liveLock;
    {
        // Another writer holds the folder: this process, as the test's own lock.
        QLockFile other(lockPath);
        QVERIFY(other.tryLock(0));
        liveLock = readText(lockPath);
        try {
            p.run();
            QFAIL("a second writer was let in");
        } catch (const Error& e) {
            QVERIFY2(e.message().contains("another run is writing this results folder"),
                     qPrintable(e.message()));
            QVERIFY2(e.message().contains(QString::number(QCoreApplication::applicationPid())),
                     qPrintable(e.message()));
            QVERIFY2(e.message().contains(".run.lock"), qPrintable(e.message()));
        }
        QCOMPARE(p.runs("a"), 0);
    }
    QVERIFY(!QFileInfo::exists(lockPath));

    // A lock left by a process that has exited is taken over.
    QProcess exited;
    exited.start("true", {});
    QVERIFY(exited.waitForStarted());
    const qint64 deadPid = exited.processId();
    QVERIFY(exited.waitForFinished());
    QList<QByteArray> lines = liveLock.split('\n');
    lines[0] = QByteArray::number(deadPid);
    writeText(lockPath, lines.join('\n'));
    QCOMPARE(p.run().ran, kAll);
    QVERIFY(p.lockedDuringB);               // held while the stages ran
    QVERIFY(!QFileInfo::exists(lockPath));  // and let go after
}

void TestPipeline::resultsFollowTheBuild() {
    FakePipeline p;
    p.dFollowsTheCode = true;  // d is cheap and deterministic; a, b and c are not
    p.run();
    RunManifest manifest = p.manifest();
    for (const StageRecord& s : manifest.stages()) {
        QCOMPARE(s.build, buildIdentity());
        QVERIFY(!s.build.isEmpty());
    }
    // The same manifest as if another build had made every record.
    std::vector<StageRecord> records = manifest.stages();
    for (StageRecord& s : records) {
        s.build = "0.0.9-old (0123456789ab)";
        manifest.setStage(s);
    }
    manifest.save(p.result(RunManifest::fileName()));

    QStringList log;
    const StageRunReport r = p.run({}, &log);
    QCOMPARE(r.ran, QStringList({"d"}));
    QCOMPARE(r.skipped, QStringList({"a", "b", "c"}));
    QCOMPARE(p.runs("d"), 2);
    QCOMPARE(p.runs("a"), 1);
    QVERIFY2(log.contains(QString("04/04 d: running (the program changed (made by 0.0.9-old "
                                  "(0123456789ab), this is %1))")
                              .arg(buildIdentity())),
             qPrintable(log.join('\n')));
    QVERIFY2(log.contains(QString("01/04 a: its results were made by 0.0.9-old (0123456789ab), "
                                  "not by this build (%1); --force reruns it")
                              .arg(buildIdentity())),
             qPrintable(log.join('\n')));
    // A manifest without the field (an older file) reads as an unrecorded build.
    QJsonObject json = p.manifest().toJson();
    QJsonArray stages = json["stages"].toArray();
    for (qsizetype i = 0; i < stages.size(); ++i) {
        QJsonObject s = stages[i].toObject();
        s.remove("build");
        stages[i] = s;
    }
    json["stages"] = stages;
    writeText(p.result(RunManifest::fileName()), QJsonDocument(json).toJson());
    QCOMPARE(p.manifest().stages().front().build, QString());
    QCOMPARE(p.run().ran, QStringList({"d"}));
    // --force reruns the others too.
    StageRunOptions force;
    force.force = true;
    QCOMPARE(p.run(force).ran, kAll);
}

void TestPipeline::subsetRunsInPipelineOrder() {
    FakePipeline p;
    StageRunOptions options;
    options.only = QStringList({"b", "a"});
    std::vector<StageStatus> events;
    options.onStatus = [&events](const StageStatus& s) { events.push_back(s); };
    StageRunReport r = p.run(options);
    QCOMPARE(r.ran, QStringList({"a", "b"}));
    QCOMPARE(p.runs("c"), 0);
    QCOMPARE(events.size(), std::size_t{4});  // started and finished, twice
    QCOMPARE(events[0].event, StageStatus::Event::Started);
    QCOMPARE(events[0].name, QString("a"));
    QCOMPARE(events[0].lastNumber, 4);
    QCOMPARE(events[1].event, StageStatus::Event::Finished);
    QVERIFY(events[1].seconds >= 0.0);

    // The stages left out keep their records when others run.
    options.only = QStringList({"c"});
    r = p.run(options);
    QCOMPARE(r.ran, QStringList({"c"}));
    QCOMPARE(p.manifest().stages().size(), std::size_t{3});
}

void TestPipeline::optionalStageRunsOnlyWhenNamed() {
    FakePipeline p;
    StageRunOptions options;
    std::vector<StageStatus> events;
    options.onStatus = [&events](const StageStatus& s) { events.push_back(s); };
    // Named alone on a fresh folder: the stages before it that write its input come along, the
    // labels count it.
    options.only = QStringList({"e"});
    StageRunReport r = p.run(options);
    QCOMPARE(r.ran, QStringList({"a", "b", "c", "d", "e"}));
    QCOMPARE(events.front().lastNumber, 5);
    QVERIFY(QFile::exists(p.result("e.csv")));
    // A full run leaves it out: neither run nor skipped, not counted in "NN/MM".
    events.clear();
    QVERIFY(QFile::remove(p.result("e.csv")));
    r = p.run({});
    QVERIFY(r.ran.isEmpty());
    QCOMPARE(r.skipped, QStringList({"a", "b", "c", "d"}));
    QCOMPARE(p.runs("e"), 1);
    r = p.run([&] {
        StageRunOptions counted;
        counted.onStatus = [&events](const StageStatus& s) { events.push_back(s); };
        return counted;
    }());
    QCOMPARE(events.back().lastNumber, 4);
    // Named again: its output is gone, so it runs; its record is kept by runs without it.
    r = p.run(options);
    QCOMPARE(r.ran, QStringList({"e"}));
    QVERIFY(r.skipped.isEmpty());
    p.run({});
    QVERIFY(p.manifest().stage("e") != nullptr);
    r = p.run(options);
    QCOMPARE(r.skipped, QStringList({"e"}));
}

void TestPipeline::missingInputAndUnknownStage() {
    // A stage asked for alone whose input is missing brings the stages before it along.
    FakePipeline p;
    StageRunOptions options;
    options.only = QStringList({"b"});
    StageRunReport r = p.run(options);
    QCOMPARE(r.ran, QStringList({"a", "b"}));
    p.run();
    QVERIFY(QFile::remove(p.result("a.csv")));
    r = p.run(options);
    // a writes the same bytes again, so b's record still holds.
    QCOMPARE(r.ran, QStringList({"a"}));
    QCOMPARE(r.skipped, QStringList({"b"}));
    QVERIFY(QFile::exists(p.result("a.csv")));
    // With its inputs present it runs alone (and is skipped when its record holds).
    r = p.run(options);
    QVERIFY(r.ran.isEmpty());
    QCOMPARE(r.skipped, QStringList({"b"}));
    options.only = QStringList({"a", "x"});
    try {
        p.run(options);
        QFAIL("there is no stage x");
    } catch (const Error& e) {
        QCOMPARE(e.message(), QString("unknown stage 'x' (stages: a, b, c, d, e)"));
    }
}

void TestPipeline::malformedManifest() {
    FakePipeline p;
    p.run();
    // A manifest that does not parse vouches for nothing: the run says so, and every stage runs
    // again and records itself in a new one.
    writeText(p.result("run_manifest.json"), "{\"format\": 1, \"stages\": [{\"name\": 3}]}");
    QStringList log;
    QCOMPARE(p.run({}, &log).ran, kAll);
    const QString expected = QDir::cleanPath(p.result("run_manifest.json")) +
                             ": not a valid run manifest: a stage has no valid 'name'; rebuilding "
                             "the manifest: every stage runs again";
    QVERIFY2(log.contains(expected), qPrintable(log.join(u'\n')));
    QCOMPARE(p.manifest().stages().size(), std::size_t{4});
    QCOMPARE(p.run().skipped, kAll);

    // One that cannot be opened stops the run, naming it.
    QFile::setPermissions(p.result("run_manifest.json"), QFileDevice::WriteOwner);
    const auto restore = qScopeGuard([&] {
        QFile::setPermissions(p.result("run_manifest.json"),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    });
    if (QFileInfo(p.result("run_manifest.json")).isReadable()) {
        return;  // root reads every file: there is no unreadable manifest to try
    }
    try {
        p.run();
        QFAIL("an unreadable manifest must stop the run");
    } catch (const Error& e) {
        QVERIFY2(e.message().startsWith(QDir::cleanPath(p.result("run_manifest.json")) +
                                        ": cannot read"),
                 qPrintable(e.message()));
    }
}

void TestPipeline::manifestRoundTrip() {
    RunManifest m;
    m.protocol = "quick";
    StageRecord later{"later",
                      7,
                      {{"x.csv", QString(64, 'a')}},
                      QJsonObject{{"k", 1.5}},
                      "p",
                      (std::uint64_t{1} << 63) + 5,
                      {{"/abs/y.csv", QString(64, 'b')}},
                      "1.2.3-4-gabc (0123456789ab)",
                      QDateTime::fromMSecsSinceEpoch(1000, Qt::UTC),
                      QDateTime::fromMSecsSinceEpoch(3500, Qt::UTC),
                      2.5};
    StageRecord first = later;
    first.name = "first";
    first.number = 2;
    m.setStage(later);
    m.setStage(first);
    QCOMPARE(m.stages()[0].name, QString("first"));  // kept in stage order
    const QByteArray json = QJsonDocument(m.toJson()).toJson();
    const RunManifest back = RunManifest::fromJson(QJsonDocument::fromJson(json).object(), "x");
    QCOMPARE(back.protocol, QString("quick"));
    QCOMPARE(back.stages().size(), std::size_t{2});
    const StageRecord* r = back.stage("later");
    QCOMPARE(r->seed, (std::uint64_t{1} << 63) + 5);  // beyond a JSON double's precision
    QCOMPARE(r->inputs, later.inputs);
    QCOMPARE(r->outputs, later.outputs);
    QCOMPARE(r->parameters.value("k").toDouble(), 1.5);
    QCOMPARE(r->started, later.started);
    QCOMPARE(r->finished, later.finished);
    QCOMPARE(r->durationS, 2.5);
    QCOMPARE(r->build, QString("1.2.3-4-gabc (0123456789ab)"));
    // Replacing a record keeps one per stage.
    later.durationS = 9.0;
    m.setStage(later);
    QCOMPARE(m.stages().size(), std::size_t{2});
    QCOMPARE(m.stage("later")->durationS, 9.0);
    // The digest of parameters does not depend on the order keys were inserted in.
    QJsonObject x{{"b", 1}, {"a", 2}};
    QJsonObject y;
    y.insert("a", 2);
    y.insert("b", 1);
    QCOMPARE(parametersDigest(x), parametersDigest(y));
    QVERIFY(parametersDigest(x) != parametersDigest({{"a", 2}, {"b", 2}}));
}

void TestPipeline::registryDeclaresTheStages() {
    const QStringList names{"datasets",  "profile-latency",   "profile-accuracy", "baselines",
                            "planner",   "statistical-tests", "pareto",           "ablations",
                            "workloads", "failure-analysis",  "figures",          "fidelity"};
    QCOMPARE(pipelineStageNames(), names);
    const ConfigSet configs = ConfigSet::load(quickConfigDir(), true);
    const std::vector<StageDefinition> stages = pipelineStages(configs);
    QCOMPARE(stages.size(), std::size_t{12});
    // Only the fidelity stage is optional (the quick protocol does not run it by default), and
    // it loads the recorded model files.
    for (std::size_t i = 0; i < stages.size(); ++i) {
        QCOMPARE(stages[i].optional, i == 11);
    }
    QVERIFY(stages[11].inputs.contains("model_files.csv"));
    QCOMPARE(stages[11].parameters.value("fidelity").toObject().value("policies").toArray().size(),
             7);  // every serving policy
    for (std::size_t i = 0; i < stages.size(); ++i) {
        QCOMPARE(stages[i].number, static_cast<int>(i) + 1);
        QCOMPARE(stages[i].name, names.at(static_cast<qsizetype>(i)));
        QVERIFY(!stages[i].description.isEmpty());
        QVERIFY(stages[i].run);
    }
    QCOMPARE(stages[0].inputs,
             QStringList({QFileInfo(quickConfigDir() + "/models.yaml").absoluteFilePath(),
                          QFileInfo(quickConfigDir() + "/deadlines.yaml").absoluteFilePath(),
                          QFileInfo(quickConfigDir() + "/experimental_protocol_quick.yaml")
                              .absoluteFilePath()}));
    QCOMPARE(stages[1].inputs,
             QStringList({"sweep_plan.csv", "model_files.csv", "environment.json"}));
    QCOMPARE(stages[2].inputs, QStringList({"sweep_plan.csv", "model_files.csv"}));
    QVERIFY(stages[3].inputs.contains("predictions.csv"));
    QVERIFY(stages[3].inputs.contains("latency_samples.csv"));
    QCOMPARE(stages[5].inputs, QStringList({"all_results.csv"}));
    QVERIFY(stages[10].inputs.contains("ablation"));
    QVERIFY(stages[10].inputs.contains("pareto_analysis.csv"));
    QVERIFY(!stages[1].seeded);
    QVERIFY(!stages[2].seeded);
    QVERIFY(stages[0].seeded);
    QVERIFY(stages[3].seeded);

    const QJsonObject latency = stages[1].parameters.value("latency_profiling").toObject();
    QCOMPARE(latency.value("max_samples").toInt(), 300);
    QCOMPARE(latency.value("max_seconds").toDouble(), 3.0);
    QCOMPARE(stages[2].parameters.value("evaluation").toObject().value("max_examples").toInt(),
             2000);
    const QJsonArray models = stages[2].parameters.value("models").toArray();
    QCOMPARE(models.size(), 3);
    QCOMPARE(models[0].toObject().value("id").toString(), QString("fmnist-resnet18-w0.25"));
    QCOMPARE(stages[0].parameters.value("training").toObject().value("epochs").toInt(), 2);
    QVERIFY(stages[0].parameters.value("training").toObject().contains("precision"));
    const QJsonObject deadlines = stages[3].parameters.value("deadline_sets").toObject();
    QCOMPARE(deadlines.keys(), QStringList({"sub-ms", "tight"}));
    QCOMPARE(stages[4].parameters.value("cascades").toArray().size(), 1);  // the swept one only
    const QJsonArray hypotheses = stages[5].parameters.value("hypotheses").toArray();
    QCOMPARE(hypotheses.size(), 6);
    // A claimed value and a dominance space are parameters of the stage; without them a
    // hypothesis keeps the keys it always had.
    QVERIFY(!hypotheses[0].toObject().contains("claimed"));
    QCOMPARE(hypotheses[3].toObject().value("claimed").toDouble(), 0.045);
    QCOMPARE(hypotheses[5].toObject().value("space").toString(), QString("latency"));
    QCOMPARE(hypotheses[5].toObject().value("baseline").toString(),
             QString("StaticSmall, StaticLarge, ThroughputAutotuner, INFaaS, INFaaS-tail"));
    // The policies the program knows are parameters of every stage whose results they change.
    for (const std::size_t i : {3, 4, 5, 6, 7, 8, 9, 11}) {
        QCOMPARE(stages[i].parameters.value("policies").toArray().size(),
                 static_cast<qsizetype>(knownPolicies().size()));
    }
}

void TestPipeline::parametersFollowTheirSubsection() {
    const ConfigSet base = ConfigSet::load(quickConfigDir(), true);
    const std::vector<StageDefinition> before = pipelineStages(base);
    const auto changedStages = [&](const ConfigSet& edited) {
        const std::vector<StageDefinition> after = pipelineStages(edited);
        QStringList changed;
        for (std::size_t i = 0; i < after.size(); ++i) {
            if (parametersDigest(after[i].parameters) != parametersDigest(before[i].parameters)) {
                changed.append(after[i].name);
            }
        }
        return changed;
    };
    ConfigSet edited = base;
    edited.protocol.alpha = 0.01;
    QCOMPARE(changedStages(edited), QStringList({"statistical-tests"}));
    edited = base;
    edited.protocol.latency.maxSamples = 301;
    QCOMPARE(changedStages(edited), QStringList({"profile-latency"}));
    edited = base;
    edited.protocol.maxEvalExamples = 100;
    QCOMPARE(changedStages(edited), QStringList({"profile-accuracy"}));
    edited = base;
    edited.protocol.paretoReferenceLatencyMs = 300;
    QCOMPARE(changedStages(edited), QStringList({"pareto"}));
    edited = base;
    edited.protocol.workloads[0].rateRps = 51;
    QCOMPARE(changedStages(edited), QStringList({"baselines", "planner", "ablations", "workloads",
                                                 "failure-analysis", "fidelity"}));
    edited = base;
    edited.protocol.fidelity.rateScales = {1.0, 2.0};
    QCOMPARE(changedStages(edited), QStringList({"fidelity"}));
    edited = base;
    // Training settings matter to stage 01 only: the profilers see the weights it leaves
    // (model_files.csv), not how they would have been trained.
    edited.protocol.training.maxExamples = 100;
    QCOMPARE(changedStages(edited), QStringList({"datasets"}));
    edited = base;
    edited.models.models[0].preprocessing.mean = {0.5};
    QCOMPARE(changedStages(edited),
             QStringList({"datasets", "profile-latency", "profile-accuracy"}));
    edited = base;
    edited.deadlines.sets["tight"].push_back(1.0);
    QCOMPARE(changedStages(edited), QStringList({"baselines", "planner", "ablations", "workloads",
                                                 "failure-analysis", "fidelity"}));
}

void TestPipeline::figuresWithoutRendererFail() {
    QTemporaryDir dir;
    for (const QString& file :
         {"all_results.csv", "statistical_tests.csv", "pareto_analysis.csv", "deadline_sweep.csv",
          "workload_results.csv", "failure_analysis.csv", "ablation/batch_size.csv"}) {
        writeText(dir.filePath(file), "x\n");
    }
    const ConfigSet configs = ConfigSet::load(quickConfigDir(), true);
    try {
        runInJob<StageRunReport>([&](JobContext& job) {
            StageContext context{
                configs, QDir(dir.path()), DataSearchPath(QStringList{}), 1, true, job, {}, {}};
            StageRunOptions options;
            options.only = QStringList({"figures"});
            return runStages(pipelineStages(configs), context, options);
        });
        QFAIL("figures cannot be drawn without a renderer");
    } catch (const Error& e) {
        QVERIFY2(e.message().startsWith("stage 11/11 figures: no figure renderer"),
                 qPrintable(e.message()));
    }
    QVERIFY(!QFile::exists(dir.filePath("run_manifest.json")));
}

void TestPipeline::protocolTrainingOverrides() {
    const ConfigSet quick = ConfigSet::load(quickConfigDir(), true);
    QCOMPARE(quick.protocol.training.epochs, 2);
    QVERIFY(quick.protocol.training.maxExamples > 0);
    QCOMPARE(quick.protocol.training.batchSize, 64);
    QCOMPARE(quick.protocol.training.precision, QString());  // automatic
    QCOMPARE(quick.protocol.training.learningRate, 0.0);     // not overridden
    const ModelVariant* m = quick.models.model("fmnist-resnet18-w0.5");
    QVERIFY(m != nullptr);
    const TrainingSpec t = quick.protocol.trainingFor(*m);
    QCOMPARE(t.epochs, 2);
    QCOMPARE(t.maxExamples, quick.protocol.training.maxExamples);
    QCOMPARE(t.batchSize, 64);
    QVERIFY(m->training.batchSize != 64);
    QCOMPARE(t.learningRate, m->training.learningRate);  // the preset's
    QVERIFY(t.learningRate > 0.0);

    // The full protocol leaves the presets alone.
    const ConfigSet full = ConfigSet::load(quickConfigDir(), false);
    const ModelVariant* r = full.models.model("resnet18");
    const TrainingSpec same = full.protocol.trainingFor(*r);
    QCOMPARE(same.epochs, r->training.epochs);
    QCOMPARE(same.maxExamples, r->training.maxExamples);

    QTemporaryDir dir;
    const QByteArray protocol = readText(quickConfigDir() + "/experimental_protocol_quick.yaml");
    const QByteArray line = protocol.mid(
        protocol.indexOf("training:"),
        protocol.indexOf('\n', protocol.indexOf("training:")) - protocol.indexOf("training:"));
    const int lineNumber = protocol.left(protocol.indexOf("training:")).count('\n') + 1;
    const QString path = dir.filePath("experimental_protocol_quick.yaml");
    const auto expectError = [&](const QByteArray& replacement, const QString& message) {
        writeText(path, QByteArray(protocol).replace(line, replacement));
        try {
            ProtocolConfig::load(path);
            QFAIL(qPrintable("accepted: " + replacement));
        } catch (const Error& e) {
            QVERIFY2(e.message().startsWith(QStringLiteral("%1:%2: ").arg(path).arg(lineNumber)) &&
                         e.message().contains(message),
                     qPrintable(e.message()));
        }
    };
    expectError("training: {epochs: 0}", "epochs must be a positive integer");
    expectError("training: {vocab_size: 100}", "unknown key 'vocab_size'");
    expectError("training: {learning_rate: -1}", "learning_rate must be a positive number");
    expectError("training: [1]", "training");
    expectError("training: {precision: fp16}", "precision must be one of: fp32, bf16");

    // A precision in the protocol replaces the preset's.
    writeText(path, QByteArray(protocol).replace(line, "training: {precision: fp32}"));
    ProtocolConfig withPrecision = ProtocolConfig::load(path);
    QCOMPARE(withPrecision.training.precision, QString("fp32"));
    ModelVariant bf16Preset = *m;
    bf16Preset.training.precision = "bf16";
    QCOMPARE(withPrecision.trainingFor(bf16Preset).precision, QString("fp32"));
    QCOMPARE(quick.protocol.trainingFor(bf16Preset).precision, QString("bf16"));
}

void TestPipeline::datasetsStageTrainsAndResumes() {
    if (!QFile::exists("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")) {
        QSKIP("Debian's dataset-fashion-mnist is not installed");
    }
    QTemporaryDir dir;
    writeStageOneConfigs(dir.filePath("configs"), "fashion-mnist");
    QVERIFY(QDir(dir.path()).mkpath("data/models"));
    writeLinearTorchScript(dir.filePath("data/models/tiny.pt"), 28 * 28, 10, 1, 0.05);

    PipelineParams params = stageOneParams(dir);
    QStringList log;
    const PipelineResult r =
        runInJob<PipelineResult>([&](JobContext& job) { return runPipeline(params, job); }, &log);
    QCOMPARE(r.stagesRun, QStringList({"datasets"}));

    // The checkpoint is named by its recipe: checkpoints/<model>/recipe-<12 hex digits>.pt, with
    // the recipe described beside it.
    const QDir models(DataSearchPath::fromEnvironment().userDataDirectory() +
                      "/checkpoints/zoo-small");
    const QStringList trained = models.entryList({"*.pt"}, QDir::Files);
    QCOMPARE(trained.size(), 1);
    const QRegularExpressionMatch name =
        QRegularExpression("^recipe-([0-9a-f]{12})\\.pt$").match(trained.front());
    QVERIFY2(name.hasMatch(), qPrintable(trained.front()));
    const QString digest = name.captured(1);
    const QString checkpoint = QDir::cleanPath(models.filePath(trained.front()));
    const QJsonObject description =
        QJsonDocument::fromJson(readText(models.filePath("recipe-" + digest + ".json"))).object();
    QCOMPARE(description.value("digest").toString(), digest);
    const QJsonObject recipe = description.value("recipe").toObject();
    QCOMPARE(recipe.value("model").toString(), QString("zoo-small"));
    QCOMPARE(recipe.value("seed").toString(), QString("20261126"));            // the run seed
    QCOMPARE(recipe.value("training").toObject().value("epochs").toInt(), 1);  // the protocol's
    QCOMPARE(recipe.value("training").toObject().value("max_examples").toInt(), 256);
    QCOMPARE(description.value("trained").toObject().value("for").toString(),
             QString("protocol 'quick', run seed 20261126"));
    const QString joined = log.join('\n');
    QVERIFY2(joined.contains("training zoo-small (1 of 1 without a checkpoint of its recipe " +
                             digest + "), seed 20261126, with protocol 'quick' training overrides"),
             qPrintable(joined));
    // The protocol's overrides on top of the preset: 1 epoch of 256 examples, batch 64.
    QVERIFY2(joined.contains("1 epochs × 256 examples, batch 64"), qPrintable(joined));
    QVERIFY(joined.contains("dataset fashion-mnist (test split) found in /usr/share/datasets"));

    const CsvTable plan = CsvTable::load(dir.filePath("results/sweep_plan.csv"));
    QCOMPARE(plan.rowCount(), 2);
    QCOMPARE(plan.value(1, "model"), QString("zoo-small"));
    const CsvTable files = CsvTable::load(dir.filePath("results/model_files.csv"));
    QCOMPARE(files.header(), QStringList({"model", "task", "architecture", "recipe", "role", "file",
                                          "bytes", "sha256"}));
    QCOMPARE(files.rowCount(), 2);
    QCOMPARE(files.value(0, "model"), QString("tiny"));
    QCOMPARE(files.value(0, "recipe"), QString());  // imported: no recipe
    QCOMPARE(files.value(0, "role"), QString("weights"));
    QCOMPARE(files.value(0, "file"), QDir::cleanPath(dir.filePath("data/models/tiny.pt")));
    QCOMPARE(files.value(0, "sha256"), sha256(dir.filePath("data/models/tiny.pt")));
    QCOMPARE(files.value(1, "recipe"), digest);
    QCOMPARE(files.value(1, "file"), checkpoint);
    QCOMPARE(files.value(1, "bytes"), QString::number(QFileInfo(checkpoint).size()));
    QCOMPARE(files.value(1, "sha256"), sha256(checkpoint));
    QVERIFY(QFile::exists(dir.filePath("results/environment.json")));
    QVERIFY(r.filesWritten.contains(checkpoint));

    const RunManifest m = RunManifest::load(dir.filePath("results/run_manifest.json"));
    QCOMPARE(m.protocol, QString("quick"));
    const StageRecord* s = m.stage("datasets");
    QVERIFY(s != nullptr);
    QCOMPARE(s->seed, std::uint64_t{20261126});
    QCOMPARE(s->inputs.size(), std::size_t{3});
    QVERIFY(std::any_of(s->outputs.begin(), s->outputs.end(),
                        [&](const RecordedFile& f) { return f.path == checkpoint; }));

    // Resumed: nothing to do.
    PipelineResult again =
        runInJob<PipelineResult>([&](JobContext& job) { return runPipeline(params, job); });
    QCOMPARE(again.stagesSkipped, QStringList({"datasets"}));

    // Training the same model with another recipe (the preset, as `--batch train` does) writes a
    // checkpoint of its own: the protocol's stays as it was, and its run stays up to date.
    const QString quickDigest = sha256(checkpoint);
    const ConfigSet configs = ConfigSet::load(dir.filePath("configs"), true);
    TrainParams manual;
    manual.model = *configs.models.model("zoo-small");
    manual.task = *configs.models.task(manual.model.task);
    manual.maxExamples = 128;
    const TrainResult other =
        runInJob<TrainResult>([&](JobContext& job) { return trainModel(manual, job); });
    QVERIFY(other.recipe != digest);
    QCOMPARE(QFileInfo(other.checkpointFile).absolutePath(), models.absolutePath());
    QCOMPARE(sha256(checkpoint), quickDigest);
    again = runInJob<PipelineResult>([&](JobContext& job) { return runPipeline(params, job); });
    QCOMPARE(again.stagesSkipped, QStringList({"datasets"}));
    QVERIFY(QFile::remove(other.checkpointFile));

    // A replaced checkpoint reruns the stage (which finds it, trains nothing, and records the
    // new digest in model_files.csv, so the profiling stages would follow).
    writeText(checkpoint, readText(checkpoint) + "x");
    log.clear();
    again =
        runInJob<PipelineResult>([&](JobContext& job) { return runPipeline(params, job); }, &log);
    QCOMPARE(again.stagesRun, QStringList({"datasets"}));
    QVERIFY(!log.join('\n').contains("training zoo-small"));
    QCOMPARE(CsvTable::load(dir.filePath("results/model_files.csv")).value(1, "sha256"),
             sha256(checkpoint));
    QVERIFY(QDir(models.path()).removeRecursively());
}

void TestPipeline::datasetsStageErrors() {
    QTemporaryDir dir;
    writeStageOneConfigs(dir.filePath("configs"), "cifar10");
    PipelineParams params = stageOneParams(dir);
    const auto failure = [&] {
        try {
            runInJob<PipelineResult>([&](JobContext& job) { return runPipeline(params, job); });
        } catch (const Error& e) {
            return e.message();
        }
        return QString();
    };
    QString message = failure();
    QVERIFY2(message.startsWith("stage 01/11 datasets: dataset 'cifar10' (test split) not found: "
                                "no cifar-10-batches-bin/test_batch.bin in " +
                                QDir::cleanPath(dir.filePath("data")) + " (--data-dir, missing)"),
             qPrintable(message));
    QVERIFY(message.contains("anytime-planner --batch download --dataset cifar10"));
    QVERIFY(!message.contains('\n'));
    // Checked before anything is written: no file, no manifest.
    QVERIFY(QDir(dir.filePath("results")).entryList(QDir::Files | QDir::Hidden).isEmpty());

    // With the data present, an imported TorchScript model that is missing stops the stage.
    params.dataDir = QStringLiteral(AIP_TEST_SHARED_DIR "/datasets");
    message = failure();
    QVERIFY2(message.startsWith("stage 01/11 datasets: models/tiny.pt: TorchScript file of model "
                                "'tiny' not found"),
             qPrintable(message));
}

// The promise: from the same profiles and seed, every file stages 04-10 write is byte-identical
// across runs. (The figures stage is left out: its renderer lives in the GUI library, which
// this test does not link.)
void TestPipeline::analysisStagesAreByteIdentical() {
    QTemporaryDir dir;
    const QString configs = dir.filePath("configs");
    writeAnalysisConfigs(configs);
    const QString profiles = dir.filePath("profiles");
    QVERIFY(QDir().mkpath(profiles));
    const testing::Profiles fixture = testing::randomProfiles(5, 3);
    profilefiles::writeLatencyProfiles(fixture.latency, profiles);
    profilefiles::writeAccuracyProfiles(fixture.accuracy, profiles);
    const QString a = dir.filePath("a");
    const QString b = dir.filePath("b");
    copyFolder(profiles, a);
    copyFolder(profiles, b);

    const PipelineResult runA = runAnalysisStages(configs, a, 7);
    const PipelineResult runB = runAnalysisStages(configs, b, 7);
    QCOMPARE(runA.stagesRun, kAnalysisStages);
    QCOMPARE(runB.stagesRun, kAnalysisStages);

    // Everything in the folders but the manifest, whose times differ; the same files in both.
    QStringList files = filesBelow(a);
    QVERIFY(files.removeAll(RunManifest::fileName()) == 1);
    QStringList filesB = filesBelow(b);
    filesB.removeAll(RunManifest::fileName());
    QCOMPARE(filesB, files);
    for (const QString& written : runA.filesWritten) {
        QVERIFY2(files.contains(QDir(a).relativeFilePath(written)), qPrintable(written));
    }
    QStringList expected{"all_results.csv",       "baseline_results.csv", "deadline_sweep.csv",
                         "failure_analysis.csv",  "pareto_analysis.csv",  "requests.csv",
                         "statistical_tests.csv", "summary.md",           "workload_results.csv"};
    for (const QString& dimension : ablationDimensions()) {
        expected.append("ablation/" + dimension + ".csv");
    }
    expected << resultfiles::kLatencyProfiles.name() << resultfiles::kLatencySamples.name()
             << resultfiles::kAccuracyProfiles.name() << resultfiles::kPredictions.name();
    for (const QString& file : expected) {
        QVERIFY2(files.contains(file), qPrintable(file + " was not written"));
    }
    // Per condition (two workloads × two deadline sets) beside the pooled rows, and the claims
    // set against what was measured.
    const QByteArray tests = readText(QDir(a).filePath("statistical_tests.csv"));
    QVERIFY(tests.contains(",CascadePlanner,INFaaS,all,all,all,12,"));
    QVERIFY(tests.contains(",CascadePlanner,INFaaS,,"));
    QVERIFY(readText(QDir(a).filePath("pareto_analysis.csv")).contains(",latency,condition,,"));
    const QString summary = QString::fromUtf8(readText(QDir(a).filePath("summary.md")));
    QVERIFY2(summary.contains("### C1: planner hits 4.5 points more deadlines than INFaaS\n\n"
                              "hit_rate, CascadePlanner vs INFaaS, greater; claimed +0.045."),
             qPrintable(summary));
    QVERIFY(summary.contains("dominated_share (latency), CascadePlanner vs all; claimed 0.75."));
    qInfo().noquote() << "comparing" << files.size() << "files:" << files.join(", ");
    for (const QString& file : files) {
        const QByteArray x = readText(QDir(a).filePath(file));
        const QByteArray y = readText(QDir(b).filePath(file));
        QVERIFY2(!x.isEmpty(), qPrintable(file + " is empty"));
        QVERIFY2(x == y, qPrintable(QString("%1 differs between two runs with the same seed "
                                            "(first at line %2)")
                                        .arg(file)
                                        .arg(testing::firstDifference(x, y).line)));
    }

    // The manifests record the same inputs, parameters, seed and output digests, and the output
    // digests are those of the files compared above.
    const RunManifest manifestA = RunManifest::load(QDir(a).filePath(RunManifest::fileName()));
    const RunManifest manifestB = RunManifest::load(QDir(b).filePath(RunManifest::fileName()));
    QCOMPARE(manifestA.stages().size(), static_cast<std::size_t>(kAnalysisStages.size()));
    for (const QString& stage : kAnalysisStages) {
        const StageRecord* recordA = manifestA.stage(stage);
        const StageRecord* recordB = manifestB.stage(stage);
        QVERIFY2(recordA != nullptr && recordB != nullptr, qPrintable(stage));
        QVERIFY2(!recordA->outputs.empty(), qPrintable(stage));
        QVERIFY2(recordA->outputs == recordB->outputs,
                 qPrintable(stage + ": the recorded outputs differ"));
        QVERIFY2(recordA->inputs == recordB->inputs, qPrintable(stage));
        QCOMPARE(recordA->parametersSha256, recordB->parametersSha256);
        QCOMPARE(recordA->seed, std::uint64_t{7});
        for (const RecordedFile& output : recordA->outputs) {
            QVERIFY2(files.contains(output.path), qPrintable(output.path));
            QCOMPARE(output.sha256, sha256(QDir(a).filePath(output.path)));
        }
    }

    // The comparison can fail: another seed draws other traces, so B's results change beyond
    // their seed column.
    const PipelineResult reseeded = runAnalysisStages(configs, b, 1007);
    QCOMPARE(reseeded.stagesRun, kAnalysisStages);
    std::vector<ResultRow> rowsA = readResults(QDir(a).filePath("all_results.csv"));
    std::vector<ResultRow> rowsB = readResults(QDir(b).filePath("all_results.csv"));
    // workloads × sets × seeds × policies (two planners, five baselines, two bounds)
    QCOMPARE(rowsA.size(), std::size_t(2 * 2 * 3 * 9));
    QCOMPARE(rowsB.size(), rowsA.size());
    QCOMPARE(rowsB.front().seed, std::uint64_t{1007});
    for (std::vector<ResultRow>* rows : {&rowsA, &rowsB}) {
        for (ResultRow& row : *rows) {
            row.seed = 0;
        }
    }
    QVERIFY(formatResults(rowsA) != formatResults(rowsB));
    QVERIFY(readText(QDir(a).filePath("requests.csv")) !=
            readText(QDir(b).filePath("requests.csv")));
}

QTEST_GUILESS_MAIN(TestPipeline)
#include "tst_pipeline.moc"
