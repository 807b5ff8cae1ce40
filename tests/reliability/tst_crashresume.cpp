// Crash-resume: `anytime-planner --batch --quick` killed with SIGKILL inside each stage, at
// points drawn with several seeds, then run again. The rerun must exit 0 and write, byte for
// byte, what an uninterrupted run writes; after the kill no file under a final name may hold
// anything but its complete content, and the manifest must parse.
//
// The kill points are the program's fault points (core/common/faultpoint.h): between writing a
// file's bytes and renaming it, after a rename, at each progress report and at each stage's start.
// A first run with AIP_TRACE_FAULT_POINTS=1 lists them and which stage each lies in.
//
// The runs use the golden quick-run case (tests/golden/quick-run: recorded profiles, every
// decision charged 1 µs), so that every stage after the profilers is deterministic and an
// uninterrupted run is the reference.

#include "common/csv.h"
#include "common/error.h"
#include "goldenrun.h"
#include "pipeline/runmanifest.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <map>

using namespace aip;
using namespace aip::testing;

namespace {

constexpr int kSeeds = 3;

/// The profiling case: real ResNets on CIFAR-10 through every stage, in seconds.
const QString kProfilingCase =
    QStringLiteral(AIP_TEST_SOURCE_DIR "/tests/reliability/profiling-case");
const QStringList kProfilingStages{"datasets", "profile-latency", "profile-accuracy"};
const QString kDataPath =
    QStringLiteral("AIP_DATA_DIR=" AIP_TEST_SHARED_DIR ":" AIP_TEST_SHARED_DIR "/datasets");

ProgramRun runProfilingCase(const QString& folder, QStringList env, const QStringList& extra = {}) {
    env << kDataPath;
    return runProgram(QStringLiteral(AIP_TEST_BINARY),
                      QStringList{"--batch", "--quick", "--config-dir", folder + "/configs",
                                  "--out", folder + "/results"} +
                          extra,
                      env);
}

void copyProfilingCase(const QString& to) {
    const QDir from(kProfilingCase + "/configs");
    QVERIFY(QDir().mkpath(to + "/configs"));
    for (const QString& name : from.entryList(QDir::Files)) {
        QVERIFY(QFile::copy(from.filePath(name), to + "/configs/" + name));
    }
}

}  // namespace

class TestCrashResume : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void killedInsideEveryStageThenResumed();
    void unparsableManifestIsRebuilt();
    void killedInsideTheProfilingStages();

private:
    QTemporaryDir m_work;
    QString m_previousDir;
    FolderContents m_reference;                         ///< an uninterrupted run's results
    std::map<QString, std::pair<long, long>> m_points;  ///< stage → [first, last] fault point
};

void TestCrashResume::initTestCase() {
    QVERIFY(m_work.isValid());
    m_previousDir = QDir::currentPath();
    QVERIFY(QDir::setCurrent(m_work.path()));
    copyGoldenCase("reference run");
    const ProgramRun reference = runGoldenPipeline("reference run", {"AIP_TRACE_FAULT_POINTS=1"});
    QCOMPARE(reference.status, QProcess::NormalExit);
    QVERIFY2(reference.code == 0, qPrintable(reference.errors));
    m_reference = contents("reference run/results");
    m_reference.erase(QStringLiteral("run_manifest.json"));  // times, durations, paths

    // Which fault points lie in which stage.
    const QRegularExpression point(QStringLiteral("^fault point (\\d+): (.*)$"),
                                   QRegularExpression::MultilineOption);
    QString stage;
    long last = 0;
    for (auto it = point.globalMatch(reference.errors); it.hasNext();) {
        const auto m = it.next();
        last = m.captured(1).toLong();
        if (m.captured(2).startsWith(QLatin1String("stage "))) {
            stage = m.captured(2).mid(6);
            m_points[stage] = {last, last};
        } else if (!stage.isEmpty()) {
            m_points[stage].second = last;
        }
    }
    for (const QString& s : kGoldenStages) {
        QVERIFY2(m_points.count(s) == 1, qPrintable(s + ": no fault point traced"));
        QVERIFY2(m_points[s].second > m_points[s].first,
                 qPrintable(s + ": the stage passes no fault point of its own"));
    }

    // The reference repeats: a second uninterrupted run writes the same bytes.
    copyGoldenCase("second run");
    const ProgramRun second = runGoldenPipeline("second run", {});
    QVERIFY2(second.code == 0, qPrintable(second.errors));
    auto again = contents("second run/results");
    again.erase(QStringLiteral("run_manifest.json"));
    QVERIFY2(again == m_reference, qPrintable(differences(again, m_reference).join(u' ')));
}

void TestCrashResume::killedInsideEveryStageThenResumed() {
    const auto inputs = contents(kGoldenCase + "/results");
    int kills = 0;
    for (const QString& stage : kGoldenStages) {
        const auto [first, last] = m_points[stage];
        for (int seed = 1; seed <= kSeeds; ++seed) {
            // A point of the stage's own (not its start marker), drawn with the seed.
            QRandomGenerator random(
                static_cast<quint32>(seed * 100 + kGoldenStages.indexOf(stage)));
            const long at = first + 1 + random.bounded(static_cast<qint64>(last - first));
            const QString folder = QStringLiteral("kill %1 at %2").arg(stage).arg(at);
            const QString where = QStringLiteral("%1, point %2 of %3..%4 (seed %5)")
                                      .arg(stage)
                                      .arg(at)
                                      .arg(first)
                                      .arg(last)
                                      .arg(seed);
            copyGoldenCase(folder);

            const ProgramRun killed =
                runGoldenPipeline(folder, {QStringLiteral("AIP_KILL_AT_FAULT_POINT=%1").arg(at)});
            QVERIFY2(killed.status == QProcess::CrashExit, qPrintable(where + ": not killed"));
            qInfo("killed: %s", qPrintable(where));
            ++kills;

            // Whatever is under a final name is complete: an input, or what the reference wrote.
            const QStringList problems = incompleteFiles(folder + "/results", m_reference, inputs);
            QVERIFY2(problems.isEmpty(), qPrintable(where + ": " + problems.join("; ")));

            // The rerun takes the dead process's lock over and ends as the reference did.
            const ProgramRun rerun = runGoldenPipeline(folder, {});
            QVERIFY2(rerun.status == QProcess::NormalExit && rerun.code == 0,
                     qPrintable(where + ": the rerun failed: " + rerun.errors));
            QVERIFY(!QFileInfo::exists(folder + "/results/.run.lock"));
            auto resumed = contents(folder + "/results");
            resumed.erase(QStringLiteral("run_manifest.json"));
            for (const auto& [name, bytes] : m_reference) {
                QVERIFY2(resumed.count(name) == 1,
                         qPrintable(where + ": the rerun did not write " + name));
                QVERIFY2(resumed[name] == bytes,
                         qPrintable(where + ": the rerun's " + name + " differs"));
            }
            QCOMPARE(resumed.size(), m_reference.size());
            QVERIFY(QDir(folder).removeRecursively());
        }
    }
    QCOMPARE(kills, int(kGoldenStages.size()) * kSeeds);
}

void TestCrashResume::unparsableManifestIsRebuilt() {
    copyGoldenCase("torn manifest");
    const ProgramRun first = runGoldenPipeline("torn manifest", {});
    QVERIFY2(first.code == 0, qPrintable(first.errors));
    const QString manifest = "torn manifest/results/run_manifest.json";
    const QByteArray whole = readBytes(manifest);
    {
        QFile f(manifest);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(whole.left(whole.size() / 2));
    }
    const ProgramRun rerun = runGoldenPipeline("torn manifest", {});
    QVERIFY2(rerun.status == QProcess::NormalExit && rerun.code == 0, qPrintable(rerun.errors));
    QVERIFY2(rerun.errors.contains(QFileInfo(manifest).absoluteFilePath()) ||
                 rerun.errors.contains(manifest),
             qPrintable(rerun.errors));
    QVERIFY2(rerun.errors.contains("rebuilding the manifest: every stage runs again"),
             qPrintable(rerun.errors));
    try {
        RunManifest::load(manifest);
    } catch (const Error& e) {
        QFAIL(qPrintable(e.message()));
    }
    auto rebuilt = contents("torn manifest/results");
    rebuilt.erase(QStringLiteral("run_manifest.json"));
    QVERIFY2(rebuilt == m_reference, qPrintable(differences(rebuilt, m_reference).join(u' ')));
}

// The training and profiling stages measure the machine, so no two runs write the same
// profiles: a kill inside them is checked by what the rerun makes of its own profiles. After
// the kill, every CSV and JSON under a final name must read whole and the manifest parse; the
// rerun must exit 0; and stages 04-11 run again over the rerun's profiles, uninterrupted and
// forced, must write what the resumed run wrote, byte for byte.
void TestCrashResume::killedInsideTheProfilingStages() {
    copyProfilingCase("profiling trace");
    const ProgramRun traced = runProfilingCase("profiling trace", {"AIP_TRACE_FAULT_POINTS=1"});
    QVERIFY2(traced.code == 0, qPrintable(traced.errors));
    // Each stage's own points, from its marker to the next stage's.
    std::map<QString, long> span;
    QString stage;
    long start = 0;
    const QRegularExpression point(QStringLiteral("^fault point (\\d+): (.*)$"),
                                   QRegularExpression::MultilineOption);
    for (auto it = point.globalMatch(traced.errors); it.hasNext();) {
        const auto m = it.next();
        const long n = m.captured(1).toLong();
        if (m.captured(2).startsWith(QLatin1String("stage "))) {
            stage = m.captured(2).mid(6);
            start = n;
        } else if (!stage.isEmpty()) {
            span[stage] = n - start;
        }
    }

    for (const QString& s : kProfilingStages) {
        // The profilers' point counts vary with the samples they take: stay in the first half.
        QVERIFY2(span[s] >= 2, qPrintable(s + ": the stage passes no fault point of its own"));
        for (int seed = 1; seed <= 2; ++seed) {
            QRandomGenerator random(static_cast<quint32>(seed * 100 + kProfilingStages.indexOf(s)));
            const long at = 1 + random.bounded(static_cast<qint64>(span[s] / 2));
            const QString folder = QStringLiteral("kill %1 at %2").arg(s).arg(at);
            const QString where = QStringLiteral("%1, point %2 of %3 (seed %4)")
                                      .arg(s)
                                      .arg(at)
                                      .arg(span[s])
                                      .arg(seed);
            copyProfilingCase(folder);
            const ProgramRun killed = runProfilingCase(
                folder,
                {QStringLiteral("AIP_KILL_AT_FAULT_POINT=%1").arg(at), "AIP_KILL_IN_STAGE=" + s});
            QVERIFY2(killed.status == QProcess::CrashExit, qPrintable(where + ": not killed"));
            qInfo("killed: %s", qPrintable(where));

            for (const auto& [name, bytes] : contents(folder + "/results")) {
                const QString path = folder + "/results/" + name;
                try {
                    if (name == RunManifest::fileName()) {
                        RunManifest::load(path);
                    } else if (name.endsWith(QLatin1String(".csv"))) {
                        CsvTable::load(path);
                    } else if (name.endsWith(QLatin1String(".json"))) {
                        QVERIFY2(QJsonDocument::fromJson(bytes).isObject(),
                                 qPrintable(where + ": " + name + " is not whole"));
                    }
                } catch (const Error& e) {
                    QFAIL(qPrintable(where + ": " + e.message()));
                }
            }

            const ProgramRun rerun = runProfilingCase(folder, {});
            QVERIFY2(rerun.status == QProcess::NormalExit && rerun.code == 0,
                     qPrintable(where + ": the rerun failed: " + rerun.errors));
            const FolderContents resumed = contents(folder + "/results");

            const QString check = folder + " checked";
            copyProfilingCase(check);
            for (const auto& [name, bytes] : resumed) {
                QVERIFY(QDir().mkpath(QFileInfo(check + "/results/" + name).absolutePath()));
                QFile f(check + "/results/" + name);
                QVERIFY(f.open(QIODevice::WriteOnly));
                f.write(bytes);
            }
            const ProgramRun again =
                runProfilingCase(check, {}, {"--stage", kGoldenStages.join(u','), "--force"});
            QVERIFY2(again.code == 0, qPrintable(where + ": " + again.errors));
            FolderContents recomputed = contents(check + "/results");
            FolderContents resumedAnalysis = resumed;
            recomputed.erase(RunManifest::fileName());
            resumedAnalysis.erase(RunManifest::fileName());
            QVERIFY2(recomputed == resumedAnalysis,
                     qPrintable(where + ": stages 04-11 over the resumed profiles differ: " +
                                differences(recomputed, resumedAnalysis).join(u' ')));
        }
    }
}

QTEST_GUILESS_MAIN(TestCrashResume)
#include "tst_crashresume.moc"
