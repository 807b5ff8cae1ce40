// The Planner playground's cascade and replay panels on the golden cascade case
// (tests/golden/cascade): the cascade's examples, accuracy and escalation rate against
// predictions.csv read here line by line, the replay's records against what
// `anytime-planner --batch simulate --requests FILE` writes for the same run, each request's
// explanation against the planner's own, and a configuration without cascades.

#include "jobs/jobmanager.h"
#include "pages/cascadepanel.h"
#include "pages/plannerplaygroundpage.h"
#include "pages/replaypanel.h"
#include "pages/resultsfolderbar.h"
#include "plots/customplot.h"
#include "results/resultfiles.h"
#include "simulation/requestscsv.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <set>
#include <tuple>

using namespace aip;

namespace {

/// How long a wait may last before the test gives up: only a hang ever reaches it.
constexpr int kHang = 600000;

const QString kGolden = QStringLiteral(AIP_TEST_SOURCE_DIR "/tests/golden/cascade");

void copyFolder(const QString& from, const QString& to) {
    QVERIFY(QDir().mkpath(to));
    for (const QFileInfo& f : QDir(from).entryInfoList(QDir::Files)) {
        QFile::remove(QDir(to).filePath(f.fileName()));
        QVERIFY(QFile::copy(f.absoluteFilePath(), QDir(to).filePath(f.fileName())));
    }
}

QByteArray readBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// One row of predictions.csv.
struct Prediction {
    int label = 0;
    int predicted = 0;
    float confidence = 0.0f;  // as the profiles hold it
    bool correct = false;
};

/// predictions.csv as (model, precision, index) → row, read with nothing but split(',').
std::map<std::tuple<QString, QString, qint64>, Prediction> readPredictions(const QString& path) {
    std::map<std::tuple<QString, QString, qint64>, Prediction> rows;
    const QList<QByteArray> lines = readBytes(path).split('\n');
    const QList<QByteArray> header = lines.value(0).trimmed().split(',');
    const auto column = [&](const char* name) { return header.indexOf(QByteArray(name)); };
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QList<QByteArray> cells = lines[i].trimmed().split(',');
        if (cells.size() < header.size()) {
            continue;
        }
        Prediction p;
        p.label = cells[column("label")].toInt();
        p.predicted = cells[column("predicted")].toInt();
        p.confidence = cells[column("confidence")].toFloat();
        p.correct = cells[column("correct")].toInt() == 1;
        rows[{QString::fromUtf8(cells[column("model")]),
              QString::fromUtf8(cells[column("precision")]), cells[column("index")].toLongLong()}] =
            p;
    }
    return rows;
}

}  // namespace

class TestPlayground final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cascadePanelAgreesWithPredictions();
    void cascadeSliderMovesTheMarker();
    void withoutCascadesThePanelSaysWhy();
    void replayMatchesBatchSimulate();
    void liveReplayNeedsTheProfiledWeights();

private:
    /// A playground on "golden case/results" (relative, as typed) with the configuration in
    /// `configs`, loaded.
    void load(PlannerPlaygroundPage& page, const QString& configs);

    QTemporaryDir m_root;
    QString m_configs;
    QString m_results;
};

void TestPlayground::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AnytimeInferencePlannerTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_playground"));
    QVERIFY(m_root.isValid());
    m_configs = m_root.filePath("golden case/configs");
    m_results = m_root.filePath("golden case/results");
    copyFolder(kGolden + "/configs", m_configs);
    copyFolder(kGolden + "/results", m_results);
    QVERIFY(QDir::setCurrent(m_root.path()));
}

void TestPlayground::load(PlannerPlaygroundPage& page, const QString& configs) {
    qputenv("AIP_CONFIG_DIR", configs.toLocal8Bit());
    QSignalSpy loaded(&page, &PlannerPlaygroundPage::profilesLoaded);
    page.folderBar()->setDirectory("golden case/results");
    page.folderBar()->setQuick(false);  // the golden case's protocol is the full one
    page.reload();
    QVERIFY(loaded.wait(kHang));
    QTRY_VERIFY(!page.isLoading());
    QVERIFY2(page.message().isEmpty(), qPrintable(page.message()));
}

void TestPlayground::cascadePanelAgreesWithPredictions() {
    JobManager jobs;
    PlannerPlaygroundPage page(&jobs);
    load(page, m_configs);
    CascadePanel* panel = page.cascadePanel();
    QAbstractItemModelTester tester(panel->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY2(panel->message().isEmpty(), qPrintable(panel->message()));
    QCOMPARE(panel->cascadeBox()->count(), 1);
    QCOMPARE(panel->cascadeBox()->currentText(), QString("resnet20/fp32 → resnet56/fp32"));

    const auto predictions = readPredictions(resultfiles::kPredictions.in(m_results));
    QCOMPARE(predictions.size(), std::size_t(4000));  // two models × 2,000 examples
    // The test half: half of the 2,000 examples, none of them calibration examples.
    const ConfigTable& table = *page.currentTable();
    const CascadeExampleModel* model = panel->model();
    QCOMPARE(model->rowCount(), 1000);
    QCOMPARE(model->rowCount(), table.testCount());
    std::set<qint64> seen;
    for (int row = 0; row < model->rowCount(); ++row) {
        const qint64 index = model
                                 ->data(model->index(row, CascadeExampleModel::Example),
                                        CascadeExampleModel::ValueRole)
                                 .toLongLong();
        QVERIFY(!table.isCalibration(table.exampleSlot(index)));
        seen.insert(index);
    }
    QCOMPARE(seen.size(), std::size_t(1000));

    for (const double theta : {0.0, 0.5, 0.8, 0.95, 0.999, 1.0}) {
        panel->setTheta(theta);
        QCOMPARE(panel->theta(), theta);
        int escalated = 0;
        int correct = 0;
        for (int row = 0; row < model->rowCount(); ++row) {
            const auto value = [&](int column) {
                return model->data(model->index(row, column), CascadeExampleModel::ValueRole);
            };
            const qint64 index = value(CascadeExampleModel::Example).toLongLong();
            const Prediction& first = predictions.at({"resnet20", "fp32", index});
            const Prediction& second = predictions.at({"resnet56", "fp32", index});
            const bool up = first.confidence < theta;
            escalated += up ? 1 : 0;
            correct += (up ? second.correct : first.correct) ? 1 : 0;
            QCOMPARE(value(CascadeExampleModel::Label).toInt(), first.label);
            QCOMPARE(value(CascadeExampleModel::Confidence1).toDouble(),
                     double(float(first.confidence)));
            QCOMPARE(value(CascadeExampleModel::Answer1).toInt(), first.predicted);
            QCOMPARE(value(CascadeExampleModel::Answer2).toInt(), second.predicted);
            QCOMPARE(value(CascadeExampleModel::Escalated).toBool(), up);
            QCOMPARE(value(CascadeExampleModel::Answer).toInt(),
                     up ? second.predicted : first.predicted);
            QCOMPARE(value(CascadeExampleModel::Correct).toBool(),
                     up ? second.correct : first.correct);
        }
        QCOMPARE(panel->outcome().examples, 1000);
        QCOMPARE(panel->outcome().escalated, escalated);
        QCOMPARE(panel->outcome().correct, correct);
        const QString shown = QString("%1 of 1000 test-half examples escalate").arg(escalated);
        QVERIFY2(panel->summaryText().contains(shown), qPrintable(panel->summaryText()));
        QVERIFY2(panel->summaryText().contains(
                     QString("accuracy %1%").arg(100.0 * correct / 1000.0, 0, 'f', 2)),
                 qPrintable(panel->summaryText()));
    }
    // θ = 0 escalates nothing (stage 1 alone); at θ = 0.8 some, not all, escalate.
    panel->setTheta(0.0);
    QCOMPARE(panel->outcome().escalated, 0);
    panel->setTheta(0.8);
    QVERIFY(panel->outcome().escalated > 0 && panel->outcome().escalated < 1000);

    // The θ grid of models.yaml, marked on the accuracy curve at the accuracy counted here.
    const std::vector<double> grid{0.5, 0.7, 0.8, 0.9, 0.95, 0.99};
    QCOMPARE(panel->plannedThetas(), grid);
    QCOMPARE(panel->plot()->graph(2)->dataCount(), 6);
    for (int k = 0; k < 6; ++k) {
        int right = 0;
        for (const qint64 index : seen) {
            const Prediction& first = predictions.at({"resnet20", "fp32", index});
            const Prediction& second = predictions.at({"resnet56", "fp32", index});
            right +=
                (first.confidence < grid[std::size_t(k)] ? second.correct : first.correct) ? 1 : 0;
        }
        const auto point = panel->plot()->graph(2)->data()->at(k);
        QCOMPARE(point->key, grid[std::size_t(k)]);
        QCOMPARE(point->value, right / 1000.0);
    }

    // The curve: 101 points over [0, 1], each the same count as the table at that θ.
    QCOMPARE(panel->curve().size(), std::size_t(101));
    QCOMPARE(panel->curve().front().theta, 0.0);
    QCOMPARE(panel->curve().back().theta, 1.0);
    QCOMPARE(panel->plot()->graph(0)->dataCount(), 101);
    for (const CascadeCounts& point : panel->curve()) {
        int escalated = 0;
        for (const auto& [key, p] : predictions) {
            if (std::get<0>(key) == "resnet20" && seen.count(std::get<2>(key)) != 0) {
                escalated += p.confidence < point.theta ? 1 : 0;
            }
        }
        QCOMPARE(point.escalated, escalated);
    }
}

void TestPlayground::cascadeSliderMovesTheMarker() {
    JobManager jobs;
    PlannerPlaygroundPage page(&jobs);
    load(page, m_configs);
    CascadePanel* panel = page.cascadePanel();
    QSignalSpy changed(panel, &CascadePanel::thetaChanged);
    panel->thetaSlider()->setValue(CascadePanel::kThetaSteps / 4);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(panel->theta(), 0.25);
    QCOMPARE(panel->markedTheta(), 0.25);
    QCOMPARE(panel->model()->theta(), 0.25);
    panel->setTheta(0.9);
    QCOMPARE(panel->thetaSlider()->value(), 9 * CascadePanel::kThetaSteps / 10);
    QCOMPARE(panel->markedTheta(), 0.9);
}

void TestPlayground::withoutCascadesThePanelSaysWhy() {
    // The golden configuration with models.yaml's cascades cut off.
    const QString configs = m_root.filePath("no cascades/configs");
    copyFolder(m_configs, configs);
    QByteArray models = readBytes(QDir(configs).filePath("models.yaml"));
    models.truncate(models.indexOf("cascades:"));
    QFile f(QDir(configs).filePath("models.yaml"));
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(models);
    f.close();

    JobManager jobs;
    PlannerPlaygroundPage page(&jobs);
    page.show();
    load(page, configs);
    CascadePanel* panel = page.cascadePanel();
    page.tabs()->setCurrentWidget(panel);
    QVERIFY2(panel->message().contains("no cascade"), qPrintable(panel->message()));
    QCOMPARE(panel->model()->rowCount(), 0);
    QCOMPARE(panel->cascadeBox()->count(), 0);
    QVERIFY(!panel->thetaSlider()->isEnabled());
    QVERIFY(panel->curve().empty() || panel->plot()->graph(0)->dataCount() == 0);
    panel->setTheta(0.5);  // nothing to show, nothing breaks
    QCOMPARE(panel->outcome().examples, 0);

    // The replay works without cascades.
    ReplayPanel* replay = page.replayPanel();
    QSignalSpy done(replay, &ReplayPanel::simulated);
    QVERIFY(replay->simulate() != nullptr);
    QVERIFY(done.wait(kHang));
    QVERIFY2(replay->message().isEmpty(), qPrintable(replay->message()));
    QVERIFY(replay->run() != nullptr);
    QVERIFY(replay->timeline()->batchPoints(2) == 0);  // no stage 2 without a cascade
}

void TestPlayground::replayMatchesBatchSimulate() {
    JobManager jobs;
    PlannerPlaygroundPage page(&jobs);
    load(page, m_configs);
    ReplayPanel* replay = page.replayPanel();
    QAbstractItemModelTester tester(replay->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(replay->workloadBox()->currentText(), QString("poisson"));
    QCOMPARE(replay->deadlineBox()->currentText(), QString("moderate"));
    QCOMPARE(replay->policyBox()->currentText(), QString("CascadePlanner"));
    replay->seedBox()->setValue(7);

    QSignalSpy done(replay, &ReplayPanel::simulated);
    replay->simulateButton()->click();
    QVERIFY(replay->isRunning());  // in a job, not in the click
    QVERIFY(done.wait(kHang));
    QVERIFY2(replay->message().isEmpty(), qPrintable(replay->message()));
    const ReplayRun* run = replay->run();
    QVERIFY(run != nullptr);

    // The same run from the command line, written as requests CSV, byte for byte (the golden
    // case charges every decision 1 µs, so the run repeats).
    QProcess cli;
    cli.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    cli.start(QStringLiteral(AIP_TEST_BINARY),
              {"--batch", "simulate", "--config-dir", "golden case/configs", "--out",
               "golden case/results", "--policy", "CascadePlanner", "--workload", "poisson",
               "--deadlines", "moderate", "--seed", "7", "--requests", "cli run/requests.csv"});
    QVERIFY(cli.waitForFinished(-1));
    QCOMPARE(cli.exitCode(), 0);
    QVERIFY(QDir().mkpath("page run"));
    writeRequestsCsv("page run/requests.csv", {run->result});
    writeBatchesCsv("page run/requests.batches.csv", {run->result});
    const QByteArray expected = readBytes("cli run/requests.csv");
    QVERIFY(expected.count('\n') > 200);  // 5 s at 60 requests/s, and a header
    QCOMPARE(readBytes("page run/requests.csv"), expected);
    QCOMPARE(readBytes("page run/requests.batches.csv"), readBytes("cli run/requests.batches.csv"));

    // The table and the timeline hold every request and every batch.
    const int n = static_cast<int>(run->result.records.size());
    QCOMPARE(replay->model()->rowCount(), n);
    QCOMPARE(replay->timeline()->requestPoints(), n);
    int stage1 = 0;
    for (const BatchRecord& b : run->result.batches) {
        stage1 += b.stage == 1 ? 1 : 0;
    }
    QCOMPARE(replay->timeline()->batchPoints(1), stage1);
    QCOMPARE(replay->timeline()->batchPoints(2), int(run->result.batches.size()) - stage1);
    QCOMPARE(replay->timeline()->queuePoints(), stage1);
    // One decision per stage-1 batch, each the entry its batch ran.
    QCOMPARE(int(run->decisions.size()), stage1);

    // Clicking a request on the timeline explains the decision that served it: the planner's
    // own words for the state it decided in, naming the entry it ran.
    page.resize(1400, 900);
    page.show();
    page.tabs()->setCurrentWidget(replay);
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    replay->timeline()->resetZoom();
    int escalatedRow = -1;
    for (int i = 0; i < n; ++i) {
        if (run->result.records[std::size_t(i)].stage2Ran) {
            escalatedRow = i;
            break;
        }
    }
    const int row = escalatedRow >= 0 ? escalatedRow : n / 2;
    QSignalSpy explained(replay, &ReplayPanel::requestExplained);
    QCustomPlot* plot = replay->timeline()->plot();
    const QPoint at = replay->timeline()->pixelOf(row).toPoint();
    QTest::mouseClick(plot, Qt::LeftButton, {}, at);
    QTRY_COMPARE(explained.count(), 1);
    const int clicked = replay->selectedRequest();
    QVERIFY(clicked >= 0);
    // Points may overlap: the one picked lies under the click.
    QVERIFY((replay->timeline()->pixelOf(clicked) - QPointF(at)).manhattanLength() < 12);
    const RequestRecord& r = run->result.records[std::size_t(clicked)];
    const int d = run->decisionFor(clicked);
    QVERIFY(d >= 0);
    const RecordedDecision& decision = run->decisions[std::size_t(d)];
    QCOMPARE(run->result.configNames.at(decision.decision.entry),
             run->result.configNames.at(r.entry));
    const DecisionExplanation why = explainRecorded(*page.currentTable(), run->options, decision);
    QCOMPARE(why.decision.entry, decision.decision.entry);  // the explanation is of this choice
    QVERIFY2(replay->explanationText().contains(why.reason), qPrintable(replay->explanationText()));
    QVERIFY(replay->explanationText().contains(QString("Request %1:").arg(r.requestId)));
    QVERIFY(why.reason.contains(QString("queue %1").arg(decision.queueLength)));

    // Every request's decision is the batch that started it.
    for (int i = 0; i < n; ++i) {
        const RequestRecord& q = run->result.records[std::size_t(i)];
        const int k = run->decisionFor(i);
        QVERIFY(k >= 0);
        QCOMPARE(run->decisions[std::size_t(k)].decision.entry, q.entry);
    }

    // Selecting a row of the table explains too.
    replay->selectRequest(0);
    QCOMPARE(replay->selectedRequest(), 0);
    QVERIFY(replay->explanationText().startsWith(
        QString("Request %1:").arg(run->result.records.front().requestId)));
}

// Live runs the real models the folder profiled: a hindsight bound cannot, and a folder without
// model_files.csv (the golden case's profiles are written by hand) is named in the error.
void TestPlayground::liveReplayNeedsTheProfiledWeights() {
    JobManager jobs;
    PlannerPlaygroundPage page(&jobs);
    load(page, m_configs);
    ReplayPanel* replay = page.replayPanel();
    QVERIFY(replay->liveBox()->isEnabled());
    replay->liveBox()->setChecked(true);
    QCOMPARE(replay->simulateButton()->text(), QString("Replay live"));
    replay->policyBox()->setCurrentText("Oracle");
    QVERIFY(!replay->liveBox()->isEnabled());
    QVERIFY(!replay->liveBox()->isChecked());
    QCOMPARE(replay->simulateButton()->text(), QString("Simulate"));
    replay->policyBox()->setCurrentText("CascadePlanner");
    QVERIFY(replay->liveBox()->isEnabled());
    replay->liveBox()->setChecked(true);

    QSignalSpy done(replay, &ReplayPanel::simulated);
    QVERIFY(replay->simulate() != nullptr);
    QVERIFY(done.wait(kHang));
    QVERIFY(replay->run() == nullptr);
    const QString modelFiles = QDir("golden case/results").filePath("model_files.csv");
    QVERIFY2(
        replay->message().contains("Cannot replay: ") && replay->message().contains(modelFiles),
        qPrintable(replay->message()));
}

QTEST_MAIN(TestPlayground)
#include "tst_playground.moc"
