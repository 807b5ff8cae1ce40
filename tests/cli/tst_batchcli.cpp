// The headless face's choices made before any application object exists.

#include "cli/batchcli.h"

#include <QTest>

class TestBatchCli : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void drawsFigures_data();
    void drawsFigures();
};

void TestBatchCli::drawsFigures_data() {
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<bool>("draws");
    const QStringList batch{"anytime-planner", "--batch"};
    QTest::newRow("the default pipeline") << batch << true;
    QTest::newRow("pipeline") << batch + QStringList{"pipeline", "--quick"} << true;
    QTest::newRow("--stage figures, no command")
        << batch + QStringList{"--stage", "figures"} << true;
    QTest::newRow("--stage=figures") << batch + QStringList{"pipeline", "--stage=figures"} << true;
    QTest::newRow("--stage naming fidelity")
        << batch + QStringList{"pipeline", "--stage", "planner, fidelity"} << true;
    QTest::newRow("--stage without figures")
        << batch + QStringList{"pipeline", "--stage", "baselines,planner"} << false;
    QTest::newRow("an empty --stage: every stage")
        << batch + QStringList{"pipeline", "--stage", ","} << true;
    QTest::newRow("fidelity") << batch + QStringList{"fidelity"} << true;
    QTest::newRow("profile-latency") << batch + QStringList{"profile-latency", "--quick"} << false;
    QTest::newRow("profile-accuracy") << batch + QStringList{"profile-accuracy"} << false;
    QTest::newRow("plan") << batch + QStringList{"plan", "--deadline-ms", "5"} << false;
    QTest::newRow("simulate") << batch + QStringList{"simulate", "--live"} << false;
    QTest::newRow("evaluate") << batch + QStringList{"evaluate", "--model", "resnet20"} << false;
    QTest::newRow("train") << batch + QStringList{"train", "--model", "resnet20"} << false;
    QTest::newRow("download") << batch + QStringList{"download", "--dataset", "cifar10"} << false;
    QTest::newRow("validate-config") << batch + QStringList{"validate-config"} << false;
    QTest::newRow("env") << batch + QStringList{"env", "--threads", "2"} << false;
    QTest::newRow("export-report")
        << batch + QStringList{"export-report", "--out", "results", "--to", "report"} << true;
    QTest::newRow("--help") << QStringList{"anytime-planner", "--help"} << false;
    QTest::newRow("--batch --help") << batch + QStringList{"--help"} << false;
    QTest::newRow("--version") << QStringList{"anytime-planner", "--version"} << false;
    QTest::newRow("Qt's own option")
        << batch + QStringList{"plan", "-platform", "offscreen"} << true;
}

void TestBatchCli::drawsFigures() {
    QFETCH(QStringList, arguments);
    QFETCH(bool, draws);
    QCOMPARE(aip::cli::drawsFigures(arguments), draws);
}

QTEST_GUILESS_MAIN(TestBatchCli)
#include "tst_batchcli.moc"
