// Faults of the machine, not of the program: a results folder on a full disk, a read-only
// results folder, a results folder that is a file. Each must end `--batch` with exit status 1
// and one error naming the file, and leave nothing half-written under a final name.
//
// The full disk is a small tmpfs and the read-only folder a read-only bind mount, each made in
// a mount namespace of its own (`unshare --mount --map-root-user`), so the test needs no root.

#include "common/error.h"
#include "goldenrun.h"
#include "pipeline/runmanifest.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace aip;
using namespace aip::testing;

namespace {

/// The lines of `errors` that report an error (the program writes exactly one before exit 1).
QStringList errorLines(const QString& errors) {
    QStringList lines;
    for (const QString& line : errors.split(u'\n')) {
        if (line.startsWith(QLatin1String("anytime-planner: error:"))) {
            lines << line;
        }
    }
    return lines;
}

}  // namespace

class TestFaults : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void fullDisk_data();
    void fullDisk();
    void readOnlyResultsFolder();
    void resultsFolderThatIsAFile();

private:
    QTemporaryDir m_work;
    FolderContents m_reference;  ///< an uninterrupted run's results, the manifest left out
};

void TestFaults::initTestCase() {
    QVERIFY(m_work.isValid());
    QVERIFY(QDir::setCurrent(m_work.path()));
    copyGoldenCase("reference run");
    const ProgramRun reference = runGoldenPipeline("reference run");
    QVERIFY2(reference.code == 0, qPrintable(reference.errors));
    m_reference = contents("reference run/results");
    m_reference.erase(QStringLiteral("run_manifest.json"));
    // Mount namespaces are what the two mount tests stand on.
    const ProgramRun probe = runProgram("unshare", {"--mount", "--map-root-user", "true"});
    QVERIFY2(probe.code == 0,
             qPrintable("unshare --mount --map-root-user failed: " + probe.errors));
}

void TestFaults::fullDisk_data() {
    QTest::addColumn<QString>("size");
    // The inputs take ~160 KiB; the run writes ~1.3 MiB: the disk fills in different stages.
    QTest::newRow("full in the baselines") << "250k";
    QTest::newRow("full in the middle") << "600k";
    QTest::newRow("full in the figures") << "1100k";
}

void TestFaults::fullDisk() {
    QFETCH(QString, size);
    const QString folder = "full disk " + size;
    copyGoldenCase(folder);
    // In its own mount namespace: a tmpfs of `size` over the results folder, the case's inputs
    // copied in, the pipeline run, then what it left copied out before the tmpfs goes away.
    const QString script = QStringLiteral(
        "r=\"$1\"; mount -t tmpfs -o size=\"$0\" tmpfs \"$r\" && cp \"$2\"/* \"$r\"/ || exit 99; "
        "shift 2; \"$@\"; rc=$?; cp -R \"$r\" \"$r left\"; exit $rc");
    QStringList arguments{"--mount",
                          "--map-root-user",
                          "sh",
                          "-c",
                          script,
                          size,
                          folder + "/results",
                          kGoldenCase + "/results",
                          QStringLiteral(AIP_TEST_BINARY)};
    arguments += goldenPipelineArguments(folder);
    const ProgramRun run = runProgram("unshare", arguments);
    QCOMPARE(run.status, QProcess::NormalExit);
    QVERIFY2(run.code == 1, qPrintable(QString::number(run.code) + ": " + run.errors));

    // One error, naming a file of the results folder and the reason.
    const QStringList errors = errorLines(run.errors);
    QVERIFY2(errors.size() == 1, qPrintable(run.errors));
    QVERIFY2(errors.front().contains(QDir(folder + "/results").absolutePath() + "/") &&
                 errors.front().contains("No space left on device"),
             qPrintable(errors.front()));

    // Nothing half-written: every file is an input or what the reference wrote, complete; the
    // manifest parses.
    const QString left = folder + "/results left";
    const FolderContents after = contents(left);
    QVERIFY(!after.empty());
    const QStringList problems =
        incompleteFiles(left, m_reference, contents(kGoldenCase + "/results"));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join("; ")));
}

void TestFaults::readOnlyResultsFolder() {
    const QString folder = "read-only";
    copyGoldenCase(folder);
    const FolderContents before = contents(folder + "/results");
    const QString script = QStringLiteral(
        "mount --bind \"$0\" \"$0\" && mount -o remount,ro,bind \"$0\" || exit 99; exec \"$@\"");
    QStringList arguments{"--mount",
                          "--map-root-user",
                          "sh",
                          "-c",
                          script,
                          folder + "/results",
                          QStringLiteral(AIP_TEST_BINARY)};
    arguments += goldenPipelineArguments(folder);
    const ProgramRun run = runProgram("unshare", arguments);
    QVERIFY2(run.code == 1, qPrintable(QString::number(run.code) + ": " + run.errors));
    const QStringList errors = errorLines(run.errors);
    QVERIFY2(errors.size() == 1, qPrintable(run.errors));
    QVERIFY2(errors.front().contains(QDir(folder + "/results").absolutePath()) &&
                 errors.front().contains("no permission to write there"),
             qPrintable(errors.front()));
    QVERIFY(differences(contents(folder + "/results"), before).isEmpty());
}

void TestFaults::resultsFolderThatIsAFile() {
    const QString folder = "file as folder";
    copyGoldenCase(folder);
    QVERIFY(QDir(folder + "/results").removeRecursively());
    {
        QFile file(folder + "/results");
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("not a folder\n");
    }
    const ProgramRun run = runGoldenPipeline(folder);
    QVERIFY2(run.code == 1, qPrintable(QString::number(run.code) + ": " + run.errors));
    const QStringList errors = errorLines(run.errors);
    QVERIFY2(errors.size() == 1, qPrintable(run.errors));
    QVERIFY2(errors.front().contains(QFileInfo(folder + "/results").absoluteFilePath() +
                                     ": is a file, not a folder"),
             qPrintable(errors.front()));
    QCOMPARE(readBytes(folder + "/results"), QByteArray("not a folder\n"));
}

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
