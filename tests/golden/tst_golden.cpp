// Golden folders: every folder tests/golden/<case>/ is one case of goldenCase(). It holds the
// inputs of a run — configs/ (models.yaml, deadlines.yaml and one protocol file), results/ (the
// profiles a results folder holds after stages 01–03), any trace file the protocol replays —
// `stages`, the deterministic stages to run, and expected/, the files they write. The case is
// run through runPipeline(), as `anytime-planner --batch --stage ... --force` runs it, on a copy
// of its folder, and every file of expected/ is compared byte for byte with what was written.
// With AIP_GOLDEN_UPDATE=1 the run rewrites expected/ instead (scripts/regen-golden.sh).
// tests/golden/README.md describes the folders.

#include "common/error.h"
#include "config/configset.h"
#include "pipeline/pipeline.h"
#include "pipeline/runmanifest.h"
#include "runinjob.h"
#include "textdiff.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace aip;
using aip::testing::runInJob;

namespace {

const QString kCasesFolder = QStringLiteral(AIP_TEST_SOURCE_DIR "/tests/golden");
const QString kUpdateVariable = QStringLiteral("AIP_GOLDEN_UPDATE");

/// The stages whose output is a function of their inputs and the seed. The profiling stages
/// measure, `figures` draws PNGs through the GUI library and `fidelity` replays live.
const QStringList kDeterministicStages{
    QStringLiteral("baselines"),         QStringLiteral("planner"),
    QStringLiteral("statistical-tests"), QStringLiteral("pareto"),
    QStringLiteral("ablations"),         QStringLiteral("workloads"),
    QStringLiteral("failure-analysis")};

QByteArray readFile(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// The files below `folder`, as paths relative to it, sorted.
QStringList filesBelow(const QString& folder) {
    QStringList files;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        files << QDir(folder).relativeFilePath(it.next());
    }
    files.sort();
    return files;
}

/// The entries of a list file of the case (`stages`, `ignore`): one per line, blank lines and
/// lines starting with '#' left out. A missing file is an empty list.
QStringList listFile(const QString& path) {
    QStringList entries;
    for (const QByteArray& raw : readFile(path).split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (!line.isEmpty() && !line.startsWith(u'#')) {
            entries << line;
        }
    }
    return entries;
}

/// Copies the files `relative` (paths below `from`) to the same paths below `to`.
void copyFiles(const QString& from, const QString& to, const QStringList& relative) {
    for (const QString& file : relative) {
        const QString target = QDir(to).filePath(file);
        QVERIFY(QDir().mkpath(QFileInfo(target).absolutePath()));
        QVERIFY2(QFile::copy(QDir(from).filePath(file), target), qPrintable(target));
    }
}

/// "line N: expected … / actual …" for two texts that differ.
QString describeDifference(const QByteArray& expected, const QByteArray& actual) {
    const testing::FirstDifference d = testing::firstDifference(expected, actual);
    const auto shown = [](const QByteArray& line, bool ended) {
        return ended ? QStringLiteral("(end of file)") : QString::fromUtf8(line);
    };
    QString text =
        QStringLiteral("first difference at line %1\n      expected: %2\n      actual:   %3")
            .arg(d.line)
            .arg(shown(d.expected, d.expectedEnded), shown(d.actual, d.actualEnded));
    if (d.expected == d.actual && d.expectedEnded == d.actualEnded) {
        text += QStringLiteral("\n      (the line breaks differ)");
    }
    return text;
}

}  // namespace

class TestGolden final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void firstDifferenceNamesTheLine_data();
    void firstDifferenceNamesTheLine();
    void goldenCase_data();
    void goldenCase();
};

void TestGolden::initTestCase() {
    QVERIFY2(!QDir(kCasesFolder).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty(),
             qPrintable(kCasesFolder + ": no golden cases"));
}

void TestGolden::firstDifferenceNamesTheLine_data() {
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<QByteArray>("actual");
    QTest::addColumn<QString>("message");
    QTest::newRow("same") << QByteArray("a,b\n1,2\n") << QByteArray("a,b\n1,2\n") << QString();
    QTest::newRow("first line") << QByteArray("a,b\n1,2\n") << QByteArray("a,c\n1,2\n")
                                << "first difference at line 1\n      expected: a,b\n"
                                   "      actual:   a,c";
    QTest::newRow("mid line") << QByteArray("h\n1,2,3\n4,5,6\n") << QByteArray("h\n1,2,3\n4,7,6\n")
                              << "first difference at line 3\n      expected: 4,5,6\n"
                                 "      actual:   4,7,6";
    QTest::newRow("actual shorter") << QByteArray("h\n1\n2\n") << QByteArray("h\n1\n")
                                    << "first difference at line 3\n      expected: 2\n"
                                       "      actual:   (end of file)";
    QTest::newRow("expected shorter") << QByteArray("h\n") << QByteArray("h\nx\n")
                                      << "first difference at line 2\n      expected: (end of "
                                         "file)\n      actual:   x";
    QTest::newRow("line break") << QByteArray("h\n1") << QByteArray("h\n1\n")
                                << "first difference at line 2\n      expected: 1\n      "
                                   "actual:   1\n      (the line breaks differ)";
}

void TestGolden::firstDifferenceNamesTheLine() {
    QFETCH(QByteArray, expected);
    QFETCH(QByteArray, actual);
    QFETCH(QString, message);
    QCOMPARE(expected == actual ? QString() : describeDifference(expected, actual), message);
}

void TestGolden::goldenCase_data() {
    QTest::addColumn<QString>("folder");
    const QDir cases(kCasesFolder);
    for (const QString& name : cases.entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        QTest::newRow(qPrintable(name)) << cases.filePath(name);
    }
}

void TestGolden::goldenCase() {
    QFETCH(QString, folder);
    const QDir source(folder);
    const QString name = source.dirName();
    const bool update = qEnvironmentVariableIntValue(qPrintable(kUpdateVariable)) == 1;

    // The case's inputs: everything but expected/, copied so the run writes nowhere in the tree.
    QTemporaryDir work;
    QVERIFY(work.isValid());
    QStringList inputs = filesBelow(folder);
    inputs.erase(std::remove_if(inputs.begin(), inputs.end(),
                                [](const QString& f) { return f.startsWith(u"expected/"); }),
                 inputs.end());
    copyFiles(folder, work.path(), inputs);
    const QString configDir = work.filePath(QStringLiteral("configs"));
    const QString results = work.filePath(QStringLiteral("results"));
    const QStringList profiles = filesBelow(results);
    QVERIFY2(!profiles.isEmpty(), qPrintable(name + ": results/ holds no profiles"));

    const bool quick =
        QFileInfo::exists(QDir(configDir).filePath(ConfigSet::protocolFileName(true)));
    QVERIFY2(
        quick != QFileInfo::exists(QDir(configDir).filePath(ConfigSet::protocolFileName(false))),
        qPrintable(name + ": configs/ must hold exactly one of " +
                   ConfigSet::protocolFileName(true) + " and " +
                   ConfigSet::protocolFileName(false)));

    const QStringList stages = listFile(source.filePath(QStringLiteral("stages")));
    QVERIFY2(!stages.isEmpty(), qPrintable(name + ": `stages` names no stage"));
    for (const QString& stage : stages) {
        QVERIFY2(
            kDeterministicStages.contains(stage),
            qPrintable(QStringLiteral("%1: stage '%2' cannot be a golden stage (these can: %3)")
                           .arg(name, stage, kDeterministicStages.join(u", "))));
    }

    // Every input the stages read is there: the pipeline would otherwise bring the profiling
    // stages along, which measure this machine.
    std::optional<ConfigSet> configs;
    try {
        configs = ConfigSet::load(configDir, quick);
    } catch (const Error& e) {
        QFAIL(qPrintable(name + ": " + e.message()));
    }
    QStringList provided;
    for (const StageDefinition& stage : pipelineStages(*configs)) {
        if (!stages.contains(stage.name)) {
            continue;
        }
        for (const QString& input : stage.inputs) {
            QVERIFY2(provided.contains(input) ||
                         QFileInfo::exists(QDir(results).absoluteFilePath(input)),
                     qPrintable(QStringLiteral("%1: stage %2 reads %3, which the case lacks")
                                    .arg(name, stage.name, input)));
        }
        provided += stage.provides;
    }

    PipelineParams params;
    params.configDir = configDir;
    params.outDir = results;
    params.quick = quick;
    params.stages = stages;
    params.force = true;
    PipelineResult run;
    try {
        run = runInJob<PipelineResult>([&](JobContext& job) { return runPipeline(params, job); });
    } catch (const Error& e) {
        QFAIL(qPrintable(name + ": " + e.message()));
    }
    QCOMPARE(run.stagesRun, stages);

    // What the stages wrote: the results folder but its inputs and the manifest, which records
    // times, durations, the host and absolute paths.
    QStringList written = filesBelow(results);
    written.removeAll(RunManifest::fileName());
    QStringList problems;
    for (const QString& profile : profiles) {
        written.removeAll(profile);
        if (readFile(QDir(results).filePath(profile)) !=
            readFile(source.filePath(QStringLiteral("results/") + profile))) {
            problems << QStringLiteral("results/%1: an input, changed by the run").arg(profile);
        }
    }
    const QStringList ignored = listFile(source.filePath(QStringLiteral("ignore")));
    for (const QString& file : ignored) {
        if (!written.removeAll(file)) {
            problems << QStringLiteral("ignore lists %1, which the run did not write").arg(file);
        }
    }

    const QString expectedFolder = source.filePath(QStringLiteral("expected"));
    if (update) {
        QVERIFY(QDir(expectedFolder).removeRecursively());
        copyFiles(results, expectedFolder, written);
        qInfo("%s: wrote %lld files to %s", qPrintable(name),
              static_cast<long long>(written.size()), qPrintable(expectedFolder));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
        return;
    }

    const QStringList expected = filesBelow(expectedFolder);
    QVERIFY2(!expected.isEmpty(), qPrintable(QStringLiteral("%1: expected/ is empty; write it with "
                                                            "scripts/regen-golden.sh %1")
                                                 .arg(name)));
    for (const QString& file : expected) {
        if (!written.removeAll(file)) {
            problems << QStringLiteral("expected/%1: not written by the run").arg(file);
            continue;
        }
        const QByteArray want = readFile(QDir(expectedFolder).filePath(file));
        const QByteArray got = readFile(QDir(results).filePath(file));
        if (want != got) {
            problems << QStringLiteral("%1 differs from expected/%1: %2")
                            .arg(file, describeDifference(want, got));
        }
    }
    for (const QString& file : written) {
        problems << QStringLiteral(
                        "%1: written by the run but not in expected/ (regenerate, or "
                        "list it in %2/ignore)")
                        .arg(file, name);
    }
    QVERIFY2(problems.isEmpty(),
             qPrintable(QStringLiteral("%1:\n  %2\nIf the change is intended: "
                                       "scripts/regen-golden.sh %1, and review the diff.")
                            .arg(name, problems.join(QStringLiteral("\n  ")))));
}

QTEST_GUILESS_MAIN(TestGolden)
#include "tst_golden.moc"
