// The report pages, their exports and the Run pipeline panel, on small result files written by
// the test, whose expected values are worked out by hand in the comments. Also a probe of the
// GUI thread's responsiveness while a latency profile, a pipeline run and a report page load
// run (a figure printed with qInfo, not an assertion).

#include "analysis/reportdata.h"
#include "common/csv.h"
#include "common/error.h"
#include "config/configset.h"
#include "data/datasearchpath.h"
#include "jobs/jobmanager.h"
#include "mainwindow.h"
#include "pages/pagesettings.h"
#include "pages/profilespage.h"
#include "pages/resultsfolderbar.h"
#include "plots/customplot.h"
#include "plots/plotexport.h"
#include "plots/reportfigures.h"
#include "plots/reportplots.h"
#include "reports/ablationspage.h"
#include "reports/baselinespage.h"
#include "reports/failurespage.h"
#include "reports/paretopage.h"
#include "reports/pipelinepanel.h"
#include "reports/pipelinestagemodel.h"
#include "reports/reportexport.h"
#include "reports/reporttablemodel.h"
#include "reports/saveimagedialog.h"
#include "reports/workloadspage.h"
#include "results/resultstable.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLineEdit>
#include <QMenu>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QXmlStreamReader>

#include <algorithm>
#include <cmath>
#include <latch>
#include <memory>

using namespace aip;

namespace {

const QString kShared = QStringLiteral(AIP_TEST_SHARED_DIR);
const QString kRepoConfigs = QStringLiteral(AIP_TEST_SOURCE_DIR "/configs");
/// t(0.975, 1): the 95% interval of a mean of two values is ±12.706·s/√2.
constexpr double kT1 = 12.706204736174698;

void writeText(const QString& path, const QByteArray& text) {
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

QByteArray readBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool near(double a, double b, double tolerance = 1e-9) {
    return (std::isnan(a) && std::isnan(b)) || std::abs(a - b) <= tolerance;
}

const QByteArray kResultsHeader =
    "policy,workload,deadline_set,seed,n_requests,hit_rate,accuracy,effective_accuracy,"
    "cost_per_1k,p50_ms,p95_ms,p99_ms,escalation_rate\n";

/// Two policies on two workloads of one task; poisson/tight has seeds 1 and 2.
const QByteArray kResults = kResultsHeader +
                            "CascadePlanner,poisson,tight,1,100,0.9,0.85,0.8,0.001,2,10,12,0.1\n"
                            "CascadePlanner,poisson,tight,2,100,0.95,0.9,0.9,0.002,2,12,14,0.1\n"
                            "INFaaS,poisson,tight,1,100,0.8,0.8,0.7,0.0005,1,8,9,0\n"
                            "INFaaS,poisson,tight,2,100,0.85,0.8,0.75,0.0006,1,9,10,0\n"
                            "CascadePlanner,bursty,tight,1,100,0.7,0.85,0.6,0.001,3,20,25,0.1\n"
                            "INFaaS,bursty,tight,1,100,0.6,0.8,0.5,0.0005,2,15,18,0\n";

const QByteArray kTests =
    "metric,policy,baseline,task,workload,deadline_set,n_pairs,mean_diff,ci95_low,ci95_high,"
    "t_stat,t_p,wilcoxon_stat,wilcoxon_p,cohens_d,p_holm,significant\n"
    "effective_accuracy,CascadePlanner,INFaaS,all,all,all,3,0.1166666667,0.05,0.18,5,0.03,0,"
    "0.25,2.9,0.06,false\n"
    "hit_rate,CascadePlanner,INFaaS,all,all,all,3,0.1,0.1,0.1,inf,0,0,0.25,inf,0.001,true\n"
    "effective_accuracy,CascadePlanner,INFaaS,,poisson,tight,2,0.125,-0.5,0.75,5,0.12,0,0.5,"
    "3.5,0.24,false\n"
    "effective_accuracy,CascadePlanner,INFaaS,,bursty,tight,1,0.1,nan,nan,nan,nan,0,1,nan,1,"
    "false\n";

const QByteArray kPareto =
    "method,space,kind,task,workload,deadline_set,x,y,n_points,hypervolume,dominated_share\n"
    "CascadePlanner,latency,point,all,all,all,10,0.8,,,\n"
    "CascadePlanner,latency,point,all,all,all,12,0.9,,,\n"
    "CascadePlanner,latency,summary,all,all,all,200,0,3,123.4,\n"
    "CascadePlanner,cost,point,all,all,all,0.001,0.8,,,\n"
    "CascadePlanner,cost,point,all,all,all,0.002,0.9,,,\n"
    "CascadePlanner,cost,summary,all,all,all,0.1,0,3,0.05,\n"
    "INFaaS,latency,point,all,all,all,8,0.7,,,\n"
    "INFaaS,latency,point,all,all,all,9,0.75,,,\n"
    "INFaaS,latency,summary,all,all,all,200,0,3,100,0.5\n"
    "INFaaS,latency,condition,,poisson,tight,,,2,,1\n"
    "INFaaS,cost,point,all,all,all,0.0005,0.7,,,\n"
    "INFaaS,cost,point,all,all,all,0.0006,0.75,,,\n"
    "INFaaS,cost,summary,all,all,all,0.1,0,3,0.04,0\n";

const QByteArray kAblation =
    "dimension,value,policy,seed,n_requests,hit_rate,accuracy,effective_accuracy,cost_per_1k,"
    "p50_ms,p95_ms,p99_ms,escalation_rate\n"
    "batch_size,1,CascadePlanner,1,100,0.9,0.85,0.8,0.001,2,10,12,0.1\n"
    "batch_size,1,CascadePlanner,2,100,0.8,0.85,0.7,0.001,2,10,12,0.1\n"
    "batch_size,8,CascadePlanner,1,100,0.6,0.85,0.5,0.001,2,10,12,0.1\n";

const QByteArray kFailures =
    "scenario,handler,policy,seed,n_requests,hit_rate,effective_accuracy,recovery_ms,failures,"
    "fallbacks,late_median_ms,late_p95_ms,late_accuracy\n"
    "model_crash,on,CascadePlanner,1,100,0.8,0.7,500,3,10,,,\n"
    "model_crash,off,CascadePlanner,1,100,0.5,0.4,,3,0,,,\n"
    "model_crash,on,CascadePlanner,2,100,0.9,0.8,300,2,8,,,\n";

/// CascadePlanner on poisson/tight, seed 1: a hit, a miss, a fallback after a failed batch, an
/// unanswered request (three failed attempts) and another hit; then another policy's request.
const QByteArray kRequests =
    "policy,workload,deadline_set,seed,request_id,arrival_ms,deadline_ms,example,start_ms,"
    "finish_ms,latency_ms,config,batch_size,batch_fill,stage2_ran,hit,correct,answered,failed,"
    "fallback,cost\n"
    "CascadePlanner,poisson,tight,1,0,10,5,1,10,13,3,a/fp32/b1/cpu:1,1,1,0,1,1,1,0,0,0.001\n"
    "CascadePlanner,poisson,tight,1,1,20,5,2,20,30,10,a/fp32/b1/cpu:1,1,1,0,0,1,1,0,0,0.001\n"
    "CascadePlanner,poisson,tight,1,2,30,5,3,31,33,3,b/fp32/b1/cpu:1,1,1,0,1,1,1,1,1,0.001\n"
    "CascadePlanner,poisson,tight,1,3,40,5,4,41,,,b/fp32/b1/cpu:1,1,1,0,0,0,0,3,0,0\n"
    "CascadePlanner,poisson,tight,1,4,50,5,5,50,52,2,a/fp32/b1/cpu:1,1,1,0,1,1,1,0,0,0.001\n"
    "INFaaS,poisson,tight,1,0,10,5,1,10,12,2,a/fp32/b1/cpu:1,1,1,0,1,1,1,0,0,0.001\n";

const QByteArray kSweep =
    "policy,deadline_ms,seed,n_requests,hit_rate,accuracy,effective_accuracy\n"
    "CascadePlanner,5,1,100,0.5,0.85,0.4\n"
    "CascadePlanner,5,2,100,0.6,0.85,0.5\n"
    "CascadePlanner,50,1,100,0.9,0.85,0.8\n";

void writeResultsFolder(const QString& dir) {
    writeText(QDir(dir).filePath("all_results.csv"), kResults);
    writeText(QDir(dir).filePath("workload_results.csv"), kResults);
    writeText(QDir(dir).filePath("statistical_tests.csv"), kTests);
    writeText(QDir(dir).filePath("pareto_analysis.csv"), kPareto);
    writeText(QDir(dir).filePath("ablation/batch_size.csv"), kAblation);
    writeText(QDir(dir).filePath("failure_analysis.csv"), kFailures);
    writeText(QDir(dir).filePath("requests.csv"), kRequests);
    writeText(QDir(dir).filePath("deadline_sweep.csv"), kSweep);
    writeText(QDir(dir).filePath("summary.md"), "# Summary\n\nCascadePlanner *wins*.\n");
}

/// Every cell of a table model.
QStringList cellsOf(const QAbstractItemModel& model, int row) {
    QStringList cells;
    for (int c = 0; c < model.columnCount(); ++c) {
        cells << model.index(row, c).data(ReportTableModel::SortRole).toString();
    }
    return cells;
}

/// The row of `table` whose leading cells are `key`, or -1.
int rowWithKey(const ReportTable& table, const QStringList& key) {
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        bool same = true;
        for (int c = 0; c < key.size(); ++c) {
            same = same && table.rows[r].value(c).toString() == key.at(c);
        }
        if (same) {
            return static_cast<int>(r);
        }
    }
    return -1;
}

double cell(const ReportTable& table, int row, const QString& column) {
    return table.rows.at(static_cast<std::size_t>(row)).value(table.column(column)).toDouble();
}

QCPGraph* graphNamed(QCustomPlot& plot, const QString& name) {
    for (int g = 0; g < plot.graphCount(); ++g) {
        if (plot.graph(g)->name() == name) {
            return plot.graph(g);
        }
    }
    return nullptr;
}

/// The lateness of a 10 ms timer on the GUI thread: how long the event loop kept it waiting.
class StallProbe final : public QObject {
public:
    StallProbe() {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(10);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            const double now = m_clock.nsecsElapsed() / 1e6;
            m_lateness.push_back(std::max(0.0, now - m_last - 10.0));
            m_last = now;
        });
        m_clock.start();
        m_timer.start();
    }
    /// "p99 X ms, max Y ms over N ticks".
    QString report() const {
        std::vector<double> sorted = m_lateness;
        std::sort(sorted.begin(), sorted.end());
        if (sorted.empty()) {
            return QStringLiteral("no ticks");
        }
        const auto p99 = sorted.at(static_cast<std::size_t>(0.99 * (sorted.size() - 1)));
        return QStringLiteral("p99 %1 ms, max %2 ms over %3 ticks")
            .arg(p99, 0, 'f', 1)
            .arg(sorted.back(), 0, 'f', 1)
            .arg(sorted.size());
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    double m_last = 0.0;
    std::vector<double> m_lateness;
};

/// all_results.csv of every policy and bound the statistical-tests and pareto stages compare, on
/// `workloads` × `sets` × `seeds`, with numbers that differ by policy and seed.
void writeFullResults(const QString& path, int workloads, int sets, int seeds) {
    const QStringList policies{
        "CascadePlanner", "StaticSmall", "StaticLarge", "ThroughputAutotuner",
        "INFaaS",         "INFaaS-tail", "MDPPlanner",  "BestFixedInHindsight",
        "Oracle"};
    std::vector<ResultRow> rows;
    for (int w = 0; w < workloads; ++w) {
        for (int s = 0; s < sets; ++s) {
            for (int seed = 1; seed <= seeds; ++seed) {
                for (qsizetype p = 0; p < policies.size(); ++p) {
                    const double jitter = 0.01 * ((seed * 7 + p * 3 + w + s) % 5);
                    ResultRow r;
                    r.policy = policies.at(p);
                    r.workload = QStringLiteral("w%1").arg(w);
                    r.deadlineSet = QStringLiteral("set%1").arg(s);
                    r.seed = static_cast<std::uint64_t>(seed);
                    r.nRequests = 1000;
                    r.hitRate = 0.9 - 0.05 * p + jitter;
                    r.accuracy = 0.85 - 0.01 * p + jitter;
                    r.effectiveAccuracy = r.hitRate * r.accuracy;
                    r.costPer1k = 0.001 * (1 + p) + jitter / 100;
                    r.p50Ms = 2 + p + jitter;
                    r.p95Ms = 5 + 2 * p + jitter * 10;
                    r.p99Ms = 8 + 3 * p + jitter * 10;
                    r.escalationRate = p == 0 ? 0.1 + jitter : 0.0;
                    rows.push_back(r);
                }
            }
        }
    }
    writeResults(path, rows);
}

}  // namespace

class TestReports final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void baselinesPageTablesAndChart();
    void paretoPageFrontiersToggleAndTooltips();
    void ablationsPageByDimension();
    void failuresPageAndRequestTimeline();
    void workloadsPageBarsAndSweep();
    void missingAndOldFilesGiveOneLineEach();
    void tableExportMatchesTheSourceCsv();
    void savedImagesMatchTheBuilder();
    void reportExportWritesOneFolder();
    void batchExportReportFromRelativePaths();
    void pipelineRunCancelAndResume();
    void windowMenusAndRecentFolders();
    void responsivenessWhileWorkRuns();

private:
    template <class Page>
    void load(Page& page);

    QTemporaryDir m_root;
    QString m_results;
};

void TestReports::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AnytimeInferencePlannerTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_reports"));
    QVERIFY(m_root.isValid());
    m_results = m_root.filePath("hand results");
    writeResultsFolder(m_results);
    qputenv("AIP_CONFIG_DIR", kRepoConfigs.toLocal8Bit());
}

void TestReports::init() {
    pagesettings::setResultsDirectory(m_results);
    pagesettings::setQuickProtocol(true);
}

template <class Page>
void TestReports::load(Page& page) {
    QSignalSpy loaded(&page, &ReportPage::loaded);
    page.reload();
    QVERIFY(page.isLoading());  // in a job, not in the call
    QVERIFY(loaded.wait(60000));
    QVERIFY(!page.isLoading());
}

void TestReports::baselinesPageTablesAndChart() {
    JobManager jobs;
    BaselinesPage page(&jobs);
    QAbstractItemModelTester tests(page.testsModel());
    QAbstractItemModelTester filtered(page.testsView());
    QAbstractItemModelTester claims(page.claimsModel());
    QAbstractItemModelTester means(page.chartModel());
    load(page);
    QVERIFY2(page.message().isEmpty(), qPrintable(page.message()));
    QCOMPARE(page.testsModel()->rowCount(), 4);
    // The metric filter starts on effective accuracy: three of the four rows.
    QCOMPARE(page.metricBox()->currentData().toString(), QString("effective_accuracy"));
    QCOMPARE(page.testsView()->rowCount(), 3);
    page.workloadBox()->setCurrentIndex(page.workloadBox()->findData("poisson"));
    QCOMPARE(page.testsView()->rowCount(), 1);
    QCOMPARE(page.testsView()->index(0, 7).data(ReportTableModel::SortRole).toDouble(), 0.125);
    // The chart's means over the poisson/tight runs: CascadePlanner (0.8, 0.9) → 0.85 ± 12.706
    // · 0.05; INFaaS (0.7, 0.75) → 0.725 ± 12.706 · 0.025.
    const ReportTable& chart = page.chartModel()->table();
    QCOMPARE(chart.rows.size(), std::size_t(2));
    QCOMPARE(chart.rows[0].value(0).toString(), QString("CascadePlanner"));
    QVERIFY(near(cell(chart, 0, "effective_accuracy"), 0.85));
    QVERIFY(near(cell(chart, 0, "effective_accuracy_ci95_half_width"), kT1 * 0.05, 1e-9));
    QVERIFY(near(cell(chart, 1, "effective_accuracy"), 0.725));
    QVERIFY(near(cell(chart, 1, "effective_accuracy_ci95_half_width"), kT1 * 0.025, 1e-9));
    auto* plot = page.plots().value(0);
    QVERIFY(plot != nullptr);
    QCOMPARE(plot->plottableCount(), 4);  // two bars and their error bars
    // Another metric: the table follows, the chart draws it.
    page.metricBox()->setCurrentIndex(page.metricBox()->findData("hit_rate"));
    page.workloadBox()->setCurrentIndex(0);
    QCOMPARE(page.testsView()->rowCount(), 1);
    QVERIFY(near(cell(page.chartModel()->table(), 0, "hit_rate"), (0.9 + 0.95 + 0.7) / 3));
    // Sorting by p_holm sorts numbers as numbers.
    page.metricBox()->setCurrentIndex(page.metricBox()->findData("effective_accuracy"));
    page.testsView()->sort(15, Qt::AscendingOrder);
    QCOMPARE(page.testsView()->index(0, 15).data(ReportTableModel::SortRole).toDouble(), 0.06);
    QCOMPARE(page.testsView()->index(2, 15).data(ReportTableModel::SortRole).toDouble(), 1.0);
    // The claims of the quick protocol: C1 (hit rate vs INFaaS) is tested on the 3 pairs, pooled
    // mean difference (0.1 + 0.1 + 0.1)/3; the hypotheses on policies without runs are not.
    const ReportTable& c = page.claimsModel()->table();
    QVERIFY(!c.rows.empty());
    bool sawTested = false;
    for (const QVariantList& row : c.rows) {
        if (row.value(c.column("baseline")).toString() == u"INFaaS" &&
            row.value(c.column("metric")).toString() == u"hit_rate") {
            QVERIFY(near(row.value(c.column("measured")).toDouble(), 0.1, 1e-12));
            sawTested = true;
        } else if (row.value(c.column("baseline")).toString() == u"StaticLarge") {
            QVERIFY(row.value(c.column("result")).toString().startsWith("not tested"));
        }
    }
    QVERIFY(sawTested);
}

void TestReports::paretoPageFrontiersToggleAndTooltips() {
    JobManager jobs;
    ParetoPage page(&jobs);
    QAbstractItemModelTester model(page.hypervolumeModel());
    QAbstractItemModelTester view(page.hypervolumeView());
    page.resize(1200, 900);
    page.show();
    load(page);
    QVERIFY2(page.message().isEmpty(), qPrintable(page.message()));
    QCustomPlot& plot = *page.plot();
    QCPGraph* cascade = graphNamed(plot, "CascadePlanner");
    QVERIFY(cascade != nullptr);
    QCOMPARE(cascade->dataCount(), 2);
    QCOMPARE(cascade->data()->at(0)->key, 10.0);
    QCOMPARE(reportPanels(plot).size(), 1);
    QCOMPARE(reportPanels(plot).front()->axis(QCPAxis::atBottom)->scaleType(),
             QCPAxis::stLogarithmic);
    // Latency space, pooled: the summary rows of both methods.
    QCOMPARE(page.hypervolumeView()->rowCount(), 2);
    // The tooltip at CascadePlanner's (10, 0.8) names the run it came from.
    plot.replot();
    const QPointF pixel(cascade->keyAxis()->coordToPixel(10),
                        cascade->valueAxis()->coordToPixel(0.8));
    const QString tip = page.tooltipAt(pixel);
    QVERIFY2(tip.contains("CascadePlanner") &&
                 tip.contains("workload poisson, deadline set tight, seed 1") &&
                 !tip.contains("seed 2"),
             qPrintable(tip));
    QVERIFY(page.tooltipAt(QPointF(-100, -100)).isEmpty());
    // Cost axis.
    page.spaceBox()->setCurrentIndex(1);
    cascade = graphNamed(plot, "CascadePlanner");
    QCOMPARE(cascade->data()->at(1)->key, 0.002);
    QCOMPARE(page.hypervolumeView()->rowCount(), 2);
    // Hide INFaaS.
    for (QAction* action : page.policyMenu()->actions()) {
        if (action->text() == u"INFaaS") {
            action->setChecked(false);
        }
    }
    QVERIFY(graphNamed(plot, "INFaaS") == nullptr);
    QVERIFY(graphNamed(plot, "CascadePlanner") != nullptr);
    // One condition: the frontier of its runs (bursty/tight: CascadePlanner's one run at cost
    // 0.001, effective accuracy 0.6).
    page.spaceBox()->setCurrentIndex(0);
    page.conditionBox()->setCurrentIndex(page.conditionBox()->findData("bursty / tight"));
    cascade = graphNamed(plot, "CascadePlanner");
    QCOMPARE(cascade->dataCount(), 1);
    QCOMPARE(cascade->data()->at(0)->key, 20.0);
    QCOMPARE(cascade->data()->at(0)->value, 0.6);
    page.conditionBox()->setCurrentIndex(page.conditionBox()->findData("poisson / tight"));
    QCOMPARE(page.hypervolumeView()->rowCount(), 1);  // INFaaS's condition row
    QCOMPARE(page.hypervolumeView()->index(0, 7).data(ReportTableModel::SortRole).toDouble(), 1.0);
}

void TestReports::ablationsPageByDimension() {
    JobManager jobs;
    AblationsPage page(&jobs);
    QAbstractItemModelTester model(page.tableModel());
    load(page);
    // Only batch_size exists: one line names the other four files.
    QCOMPARE(page.message().count('\n'), 0);
    QVERIFY2(page.message().contains("ablation/model_size.csv") &&
                 page.message().contains("ablation/cascade_threshold.csv") &&
                 page.message().contains("run the ablations stage"),
             qPrintable(page.message()));
    const ReportTable& t = page.tableModel()->table();
    // Batch 1: (0.8, 0.7) → 0.75 ± 12.706 · 0.05; hit (0.9, 0.8) → 0.85; batch 8: one seed.
    const int one = rowWithKey(t, {"1", "CascadePlanner"});
    const int eight = rowWithKey(t, {"8", "CascadePlanner"});
    QVERIFY(one >= 0 && eight >= 0);
    QCOMPARE(cell(t, one, "n"), 2.0);
    QVERIFY(near(cell(t, one, "effective_accuracy"), 0.75));
    QVERIFY(near(cell(t, one, "effective_accuracy_ci95_half_width"), kT1 * 0.05, 1e-9));
    QVERIFY(near(cell(t, one, "hit_rate"), 0.85));
    QVERIFY(std::isnan(cell(t, eight, "effective_accuracy_ci95_half_width")));
    QVERIFY(page.plot()->plottableCount() > 0);
    page.dimensionBox()->setCurrentIndex(page.dimensionBox()->findData("device"));
    QCOMPARE(page.tableModel()->rowCount(), 0);
    QCOMPARE(page.plot()->plottableCount(), 0);
}

void TestReports::failuresPageAndRequestTimeline() {
    JobManager jobs;
    FailuresPage page(&jobs);
    QAbstractItemModelTester model(page.tableModel());
    QSignalSpy timeline(&page, &FailuresPage::timelineLoaded);
    load(page);
    QVERIFY2(page.message().isEmpty(), qPrintable(page.message()));
    const ReportTable& t = page.tableModel()->table();
    // model_crash, on: seeds (0.8, 0.9) → hit 0.85; recovery (500, 300) → 400; failures 2.5.
    const int on = rowWithKey(t, {"model_crash", "CascadePlanner", "on"});
    QVERIFY(on >= 0);
    QVERIFY(near(cell(t, on, "hit_rate"), 0.85));
    QVERIFY(near(cell(t, on, "recovery_ms"), 400.0));
    QVERIFY(near(cell(t, on, "failures"), 2.5));
    QVERIFY(near(cell(t, on, "fallbacks"), 9.0));
    QVERIFY(std::isnan(
        cell(t, rowWithKey(t, {"model_crash", "CascadePlanner", "off"}), "recovery_ms")));
    // The timeline of CascadePlanner on poisson/tight, seed 1 (the first seed).
    QTRY_VERIFY(timeline.count() >= 1 && !page.isLoadingTimeline());
    QCOMPARE(page.policyBox()->currentData().toString(), QString("CascadePlanner"));
    page.workloadBox()->setCurrentIndex(page.workloadBox()->findData("poisson"));
    QTRY_VERIFY(!page.isLoadingTimeline() && page.timeline().run.labels.workload == u"poisson");
    const RequestTimeline& shown = page.timeline();
    QCOMPARE(shown.run.records.size(), std::size_t(5));  // not INFaaS's request
    QCOMPARE(shown.run.configNames, QStringList({"a/fp32/b1/cpu:1", "b/fp32/b1/cpu:1"}));
    // The failure window: from the first failed or fallback request's arrival (30 ms) to the
    // latest of their answers or, unanswered, arrivals (40 ms).
    QCOMPARE(shown.windows.size(), std::size_t(1));
    QCOMPARE(shown.windows[0].fromMs, 30.0);
    QCOMPARE(shown.windows[0].toMs, 40.0);
    QCustomPlot& plot = *page.timelinePlot();
    QVERIFY(graphNamed(plot, "hit (2)") != nullptr);
    QVERIFY(graphNamed(plot, "miss (late) (1)") != nullptr);
    QVERIFY(graphNamed(plot, "fallback (1)") != nullptr);
    QCPGraph* unanswered = graphNamed(plot, "unanswered (top row) (1)");
    QVERIFY(unanswered != nullptr);
    QCOMPARE(unanswered->data()->at(0)->key, 0.040);  // arrival 40 ms, in seconds
    QVERIFY(plot.interactions().testFlag(QCP::iRangeZoom));
    QVERIFY(plot.interactions().testFlag(QCP::iRangeDrag));
    // A run requests.csv does not hold: one line on the page, no dialog.
    page.policyBox()->setCurrentIndex(page.policyBox()->findData("INFaaS"));
    page.workloadBox()->setCurrentIndex(page.workloadBox()->findData("bursty"));
    QTRY_VERIFY(!page.isLoadingTimeline() && page.message().contains("requests.csv"));
    QVERIFY(page.message().contains("no requests of INFaaS on bursty"));
    QVERIFY(QApplication::activeModalWidget() == nullptr);
}

void TestReports::workloadsPageBarsAndSweep() {
    JobManager jobs;
    WorkloadsPage page(&jobs);
    QAbstractItemModelTester model(page.tableModel());
    load(page);
    QVERIFY2(page.message().isEmpty(), qPrintable(page.message()));
    const ReportTable& t = page.tableModel()->table();
    const int row = rowWithKey(t, {"poisson", "tight", "CascadePlanner"});
    QVERIFY(row >= 0);
    QVERIFY(near(cell(t, row, "effective_accuracy"), 0.85));
    QVERIFY(near(cell(t, row, "effective_accuracy_ci95_half_width"), kT1 * 0.05, 1e-9));
    // The sweep: hit rate at 5 ms is (0.5 + 0.6)/2, effective accuracy (0.4 + 0.5)/2.
    QCPGraph* sweep = graphNamed(*page.sweepPlot(), "CascadePlanner");
    QVERIFY(sweep != nullptr);
    QVERIFY(near(sweep->data()->at(0)->value, 0.55));
    page.sweepMetricBox()->setCurrentIndex(1);
    sweep = graphNamed(*page.sweepPlot(), "CascadePlanner");
    QVERIFY(near(sweep->data()->at(0)->value, 0.45));
    QVERIFY(page.workloadPlot()->plottableCount() >= 4);
}

void TestReports::missingAndOldFilesGiveOneLineEach() {
    QTemporaryDir partial;
    QVERIFY(partial.isValid());
    // An old run: statistical_tests.csv without the condition columns (pooled rows only), no
    // pareto, ablation, failure, workload or sweep file; a malformed all_results.csv.
    writeText(partial.filePath("statistical_tests.csv"),
              "metric,policy,baseline,n_pairs,mean_diff,ci95_low,ci95_high,t_stat,t_p,"
              "wilcoxon_stat,wilcoxon_p,cohens_d,p_holm,significant\n"
              "hit_rate,CascadePlanner,INFaaS,3,0.1,0.1,0.1,inf,0,0,0.25,inf,0.001,true\n");
    writeText(partial.filePath("all_results.csv"), kResultsHeader + "CascadePlanner,poisson\n");
    pagesettings::setResultsDirectory(partial.path());
    MainWindow window;
    for (ReportPage* page : window.reportPages()) {
        load(*page);
    }
    const QString baselines = window.baselinesPage()->message();
    QCOMPARE(baselines.count('\n'), 0);  // one line: all_results.csv is malformed
    QVERIFY2(baselines.contains("all_results.csv:2"), qPrintable(baselines));
    QCOMPARE(window.baselinesPage()->testsModel()->rowCount(), 1);
    QCOMPARE(window.baselinesPage()->testsModel()->table().rows[0].value(3).toString(),
             QString("all"));
    const QString pareto = window.paretoPage()->message();
    QCOMPARE(pareto.count('\n'), 1);  // all_results.csv, pareto_analysis.csv
    QVERIFY(pareto.contains("pareto_analysis.csv not found — run the pareto stage"));
    QVERIFY(window.workloadsPage()->message().contains("workload_results.csv not found"));
    QVERIFY(window.workloadsPage()->message().contains("deadline_sweep.csv not found"));
    QVERIFY(window.failuresPage()->message().contains("failure_analysis.csv not found"));
    QVERIFY(QApplication::activeModalWidget() == nullptr);
    // A folder that does not exist: one line.
    pagesettings::setResultsDirectory(partial.filePath("nowhere"));
    load(*window.paretoPage());
    QCOMPARE(window.paretoPage()->message().count('\n'), 0);
    QVERIFY(window.paretoPage()->message().contains("does not exist"));
}

void TestReports::tableExportMatchesTheSourceCsv() {
    JobManager jobs;
    BaselinesPage page(&jobs);
    load(page);
    const QString previous = QDir::currentPath();
    const auto restore = qScopeGuard([&] { QDir::setCurrent(previous); });
    QVERIFY(QDir::setCurrent(m_root.path()));
    QVERIFY(QDir().mkpath("my exports"));
    const QString path = "my exports/tests table.csv";  // as a user types it
    exportTableCsv(*page.testsView(), path);
    const CsvTable exported = CsvTable::load(path);
    const CsvTable source = CsvTable::parse(kTests, "statistical_tests.csv");
    QCOMPARE(exported.rowCount(), 3);  // the effective_accuracy rows the view shows
    for (const QString& column : source.header()) {
        QVERIFY2(exported.hasColumn(column), qPrintable(column));
    }
    for (qsizetype r = 0; r < exported.rowCount(); ++r) {
        qsizetype match = -1;
        for (qsizetype s = 0; s < source.rowCount(); ++s) {
            if (source.value(s, "metric") == exported.value(r, "metric") &&
                source.value(s, "workload") == exported.value(r, "workload")) {
                match = s;
            }
        }
        QVERIFY(match >= 0);
        for (const QString& column : source.header()) {
            const QString a = source.value(match, column);
            const QString b = exported.value(r, column);
            bool numeric = false;
            const double x = a.toDouble(&numeric);
            if (numeric || a == u"nan" || a == u"inf") {
                QVERIFY2(near(x, b.toDouble()) || (a == u"nan" && b == u"nan") ||
                             (a == u"inf" && b == u"inf"),
                         qPrintable(column + ": " + a + " vs " + b));
            } else {
                QCOMPARE(b, a);
            }
        }
    }
}

void TestReports::savedImagesMatchTheBuilder() {
    JobManager jobs;
    WorkloadsPage page(&jobs);
    load(page);
    const QString previous = QDir::currentPath();
    const auto restore = qScopeGuard([&] { QDir::setCurrent(previous); });
    QVERIFY(QDir::setCurrent(m_root.path()));
    QVERIFY(QDir().mkpath("my figures"));
    QCustomPlot* plot = page.workloadPlot();
    SaveImageDialog dialog(plot, "Workload comparison");
    QCOMPARE(dialog.widthBox()->value(), kReportFigureSize.width());
    dialog.widthBox()->setValue(900);
    dialog.heightBox()->setValue(600);
    dialog.dpiBox()->setValue(150);
    dialog.pathEdit()->setText("my figures/workloads.png");
    QVERIFY(dialog.save());
    QImage saved("my figures/workloads.png");
    QCOMPARE(saved.size(), QSize(900, 600));
    QCOMPARE(saved.dotsPerMeterX(), static_cast<int>(std::lround(150 / 0.0254)));
    // The same builder on a plot of its own draws the same picture.
    QCustomPlot fresh;
    fresh.resize(plot->size());
    buildWorkloadComparisonPlot(fresh,
                                readResults(QDir(m_results).filePath("workload_results.csv")));
    QImage expected = renderPlotImage(fresh, QSize(900, 600), 150);
    QCOMPARE(saved.convertToFormat(QImage::Format_ARGB32),
             expected.convertToFormat(QImage::Format_ARGB32));
    // SVG: well-formed XML with an <svg> root of that size.
    dialog.pathEdit()->setText("my figures/workloads.svg");
    QVERIFY(dialog.save());
    QXmlStreamReader svg(readBytes("my figures/workloads.svg"));
    QVERIFY(svg.readNextStartElement());
    QCOMPARE(svg.name().toString(), QString("svg"));
    QVERIFY(svg.attributes().value("viewBox").toString().endsWith("900 600"));
    while (!svg.atEnd()) {
        svg.readNext();
    }
    QVERIFY2(!svg.hasError(), qPrintable(svg.errorString()));
    QVERIFY(readBytes("my figures/workloads.svg").contains("Effective accuracy per workload"));
    // PDF: one page of 900×600 px at 150 DPI = 6 × 4 in = 432 × 288 pt.
    dialog.pathEdit()->setText("my figures/workloads.pdf");
    QVERIFY(dialog.save());
    const QByteArray pdf = readBytes("my figures/workloads.pdf");
    QVERIFY(pdf.startsWith("%PDF-"));
    QVERIFY(pdf.trimmed().endsWith("%%EOF"));
    QVERIFY2(pdf.contains("/MediaBox [0 0 432.000000 288.000000]"), pdf.left(2000).constData());
    // An unknown suffix is said in the dialog, which stays open.
    dialog.pathEdit()->setText("my figures/workloads.bmp");
    QVERIFY(!dialog.save());
}

void TestReports::reportExportWritesOneFolder() {
    QTemporaryDir out;
    QVERIFY(out.isValid());
    const QString to = out.filePath("the report");
    const ExportedReport r = exportReport(m_results, to);
    QVERIFY(QFileInfo::exists(r.html));
    QCOMPARE(readBytes(QDir(to).filePath("all_results.csv")), kResults);
    QCOMPARE(readBytes(QDir(to).filePath("ablation/batch_size.csv")), kAblation);
    QCOMPARE(readBytes(QDir(to).filePath("summary.md")),
             readBytes(QDir(m_results).filePath("summary.md")));
    // Every figure whose input exists: pareto, two deadline figures, one ablation, workloads,
    // failures; the four other ablations are left out and said.
    const QStringList pngs =
        QDir(QDir(to).filePath("plots")).entryList({"*.png"}, QDir::Files, QDir::Name);
    QCOMPARE(pngs, QStringList({"ablation_batch_size.png", "accuracy_vs_deadline.png",
                                "deadline_hit_rate.png", "failure_analysis.png",
                                "pareto_frontiers.png", "workload_comparison.png"}));
    QCOMPARE(r.skipped.size(), 4);
    // The HTML holds summary.md's text and every figure, byte for byte, as a data URI.
    const QString html = QString::fromUtf8(readBytes(r.html));
    QVERIFY(html.contains("CascadePlanner"));
    QVERIFY(html.contains("wins"));
    for (const QString& png : pngs) {
        const QByteArray bytes = readBytes(QDir(to).filePath("plots/" + png));
        QVERIFY2(html.contains(QString::fromLatin1(bytes.toBase64())), qPrintable(png));
    }
    // The figure is the builder's.
    QCustomPlot fresh;
    fresh.resize(kReportFigureSize);
    buildParetoPlot(fresh, readParetoAnalysis(QDir(m_results).filePath("pareto_analysis.csv")));
    QCOMPARE(QImage(QDir(to).filePath("plots/pareto_frontiers.png"))
                 .convertToFormat(QImage::Format_ARGB32),
             renderPlotImage(fresh, kReportFigureSize).convertToFormat(QImage::Format_ARGB32));
    // The results folder got nothing new.
    QVERIFY(!QFileInfo::exists(QDir(m_results).filePath("plots")));
    // Exporting into the results folder itself is refused.
    QVERIFY_THROWS_EXCEPTION(Error, exportReport(m_results, m_results));
}

void TestReports::batchExportReportFromRelativePaths() {
    QTemporaryDir work;
    QVERIFY(work.isValid());
    writeResultsFolder(work.filePath("results of a run"));
    QProcess cli;
    cli.setWorkingDirectory(work.path());
    cli.start(QStringLiteral(AIP_TEST_BINARY),
              {"--batch", "export-report", "--out", "results of a run", "--to", "my report/"});
    QVERIFY(cli.waitForFinished(-1));
    QVERIFY2(cli.exitStatus() == QProcess::NormalExit && cli.exitCode() == 0,
             cli.readAllStandardError().constData());
    const QString html = work.filePath("my report/report.html");
    QVERIFY(QString::fromUtf8(cli.readAllStandardOutput()).contains(html));
    QVERIFY(QFileInfo::exists(html));
    QVERIFY(QFileInfo::exists(work.filePath("my report/plots/pareto_frontiers.png")));
    QCOMPARE(readBytes(work.filePath("my report/all_results.csv")), kResults);
    // A missing --to is a failure with one line naming it.
    cli.start(QStringLiteral(AIP_TEST_BINARY),
              {"--batch", "export-report", "--out", "results of a run"});
    QVERIFY(cli.waitForFinished(-1));
    QCOMPARE(cli.exitCode(), 1);
    QVERIFY(cli.readAllStandardError().contains("--to"));
}

void TestReports::pipelineRunCancelAndResume() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString results = dir.filePath("pipeline run");
    writeFullResults(QDir(results).filePath("all_results.csv"), 1, 1, 3);
    pagesettings::setResultsDirectory(results);
    // One pool thread, held by a job that waits: the pipeline queues behind it, so Cancel
    // reaches it before it starts, whatever the machine's speed.
    JobManager jobs(1);
    auto gate = std::make_shared<std::latch>(1);
    Job* blocker = jobs.submit<int, int>("hold the pool", 0, [gate](const int&, JobContext&) {
        gate->wait();
        return 0;
    });
    PipelinePanel panel(&jobs);
    QAbstractItemModelTester model(panel.stageModel());
    QCOMPARE(PipelineStageModel::describe(*panel.stageModel()->stage("pareto")),
             QString("not run"));
    QSignalSpy finished(&panel, &PipelinePanel::runFinished);
    Job* job = panel.run(true, {"statistical-tests", "pareto"}, kRepoConfigs);
    QVERIFY(job != nullptr);
    QVERIFY(panel.run(true) == nullptr);  // one run at a time
    QVERIFY(!panel.runButton()->isEnabled());
    QVERIFY(panel.cancelButton()->isEnabled());
    QCOMPARE(PipelineStageModel::describe(*panel.stageModel()->stage("pareto")),
             QString("waiting"));
    panel.cancelButton()->click();
    gate->count_down();
    QVERIFY(finished.wait(60000));
    QCOMPARE(job->state(), Job::State::Cancelled);
    QCOMPARE(JobManager::waitFor(blocker), Job::State::Finished);
    QVERIFY(panel.statusLabel()->text().startsWith("Cancelled"));
    QVERIFY(!QFileInfo::exists(QDir(results).filePath("pareto_analysis.csv")));

    // A run of the first stage alone, then the two: the first is up to date, the second runs.
    job = panel.run(true, {"statistical-tests"}, kRepoConfigs);
    QVERIFY(finished.wait(120000));
    QCOMPARE(job->state(), Job::State::Finished);
    QVERIFY(PipelineStageModel::describe(*panel.stageModel()->stage("statistical-tests"))
                .startsWith("done in"));
    job = panel.run(true, {"statistical-tests", "pareto"}, kRepoConfigs);
    QVERIFY(finished.wait(120000));
    QCOMPARE(job->state(), Job::State::Finished);
    QCOMPARE(PipelineStageModel::describe(*panel.stageModel()->stage("statistical-tests")),
             QString("up to date"));
    QVERIFY(
        PipelineStageModel::describe(*panel.stageModel()->stage("pareto")).startsWith("done in"));
    QVERIFY(QFileInfo::exists(QDir(results).filePath("pareto_analysis.csv")));
    QCOMPARE(panel.statusLabel()->text(), QString("Done: 1 stages run, 1 up to date."));
    // The manifest now records both: what the panel shows when it opens again.
    PipelinePanel reopened(&jobs);
    QVERIFY(PipelineStageModel::describe(*reopened.stageModel()->stage("pareto"))
                .startsWith("recorded"));
    // A failing run names the stage and the problem.
    writeText(QDir(results).filePath("all_results.csv"), kResultsHeader + "x\n");
    job = panel.run(true, {"statistical-tests"}, kRepoConfigs);
    QVERIFY(finished.wait(120000));
    QCOMPARE(job->state(), Job::State::Failed);
    const QString failed =
        PipelineStageModel::describe(*panel.stageModel()->stage("statistical-tests"));
    QVERIFY2(failed.startsWith("failed: ") && failed.contains("all_results.csv"),
             qPrintable(failed));
}

void TestReports::windowMenusAndRecentFolders() {
    MainWindow window;
    QStringList tabs;
    for (int i = 0; i < window.pages()->count(); ++i) {
        tabs << window.pages()->tabText(i);
    }
    QCOMPARE(tabs, QStringList({"Profiles", "Planner playground", "Baselines", "Pareto",
                                "Ablations", "Failures", "Workloads"}));
    for (ReportPage* page : window.reportPages()) {
        QVERIFY(page->toolBar() != nullptr && page->toolBar()->parent() == page);
    }
    QVERIFY(window.findChild<QAction*>("openResultsFolderAction") != nullptr);
    QVERIFY(window.findChild<QAction*>("exportReportAction") != nullptr);
    QVERIFY(window.findChild<QAction*>("runQuickAction") != nullptr);
    QVERIFY(window.findChild<QAction*>("runFullAction") != nullptr);
    QTemporaryDir other;
    QVERIFY(other.isValid());
    window.openResultsFolder(other.path());
    window.openResultsFolder(m_results);
    QCOMPARE(pagesettings::recentFolders().mid(0, 2),
             QStringList({QDir(m_results).absolutePath(), QDir(other.path()).absolutePath()}));
    auto* recent = window.findChild<QMenu*>("recentFoldersMenu");
    QVERIFY(recent != nullptr);
    QCOMPARE(recent->actions().value(0)->text(), QDir::toNativeSeparators(m_results));
    // The report pages read the folder opened when shown.
    window.pages()->setCurrentWidget(window.baselinesPage());
    window.show();
    QTRY_VERIFY(!window.baselinesPage()->isLoading() &&
                window.baselinesPage()->directory() == QDir(m_results).absolutePath());
    // Export report from the window: a job.
    QTemporaryDir out;
    Job* job = window.exportReport(out.filePath("window report"));
    QCOMPARE(JobManager::waitFor(job), Job::State::Finished);
    QVERIFY(QFileInfo::exists(out.filePath("window report/report.html")));
    // A pipeline run from the window: the report page on screen reads the folder again.
    QTemporaryDir runDir;
    QVERIFY(runDir.isValid());
    writeFullResults(runDir.filePath("all_results.csv"), 1, 1, 3);
    window.openResultsFolder(runDir.path());
    QTRY_VERIFY(!window.baselinesPage()->isLoading() &&
                window.baselinesPage()->directory() == QDir(runDir.path()).absolutePath());
    QCOMPARE(window.baselinesPage()->testsModel()->rowCount(), 0);
    QSignalSpy reloaded(window.baselinesPage(), &ReportPage::loaded);
    Job* run = window.pipelinePanel()->run(true, {"statistical-tests"}, kRepoConfigs);
    QVERIFY(reloaded.wait(120000));
    QCOMPARE(run->state(), Job::State::Finished);
    QVERIFY(window.baselinesPage()->testsModel()->rowCount() > 0);
}

void TestReports::responsivenessWhileWorkRuns() {
    // A folder the size of a full run's: 9 policies × 8 workloads × 3 deadline sets × 30 seeds,
    // with its statistical tests (the Baselines page also evaluates the claims).
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString results = dir.filePath("load");
    writeFullResults(QDir(results).filePath("all_results.csv"), 8, 3, 30);
    pagesettings::setResultsDirectory(results);
    JobManager jobs;

    // 1. The pipeline's statistical-tests, pareto and figures stages (the figures are drawn on
    // the GUI thread: QCustomPlot is a widget); the other inputs of the figures are small.
    QVERIFY(QFile::copy(QDir(results).filePath("all_results.csv"),
                        QDir(results).filePath("workload_results.csv")));
    writeText(QDir(results).filePath("ablation/batch_size.csv"), kAblation);
    writeText(QDir(results).filePath("deadline_sweep.csv"), kSweep);
    writeText(QDir(results).filePath("failure_analysis.csv"), kFailures);
    {
        PipelinePanel panel(&jobs);
        QSignalSpy finished(&panel, &PipelinePanel::runFinished);
        StallProbe probe;
        Job* job = panel.run(true, {"statistical-tests", "pareto", "figures"}, kRepoConfigs);
        QVERIFY(finished.wait(600000));
        QCOMPARE(job->state(), Job::State::Finished);
        qInfo().noquote()
            << "event-loop lateness during a pipeline run (statistical-tests, pareto, figures):"
            << probe.report();
    }
    // 2. Loading the Baselines and Pareto pages on it.
    {
        BaselinesPage baselines(&jobs);
        ParetoPage pareto(&jobs);
        StallProbe probe;
        load(baselines);
        load(pareto);
        QVERIFY2(baselines.message().isEmpty(), qPrintable(baselines.message()));
        qInfo().noquote() << "event-loop lateness during a report page load (Baselines, Pareto):"
                          << probe.report();
    }
    // 3. A latency profile of the shared ResNet-20 through the Profiles page.
    {
        const QString configs = dir.filePath("configs");
        QVERIFY(QDir().mkpath(configs));
        writeText(QDir(configs).filePath("models.yaml"), R"(
tasks:
  - {id: cifar10, dataset: cifar10, train_split: train, eval_split: test, num_classes: 10,
     input: {kind: image, channels: 3, height: 32, width: 32}}
models:
  - {family: resnet20, task: cifar10, architecture: torchscript,
     file: models/cifar10-resnet/resnet20.torchscript.pt,
     preprocessing: {mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225]}}
sweep: {precisions: [fp32], batch_sizes: [1, 2, 4, 8], devices: ["cpu:1"]}
)");
        QVERIFY(QFile::copy(kRepoConfigs + "/deadlines.yaml",
                            QDir(configs).filePath("deadlines.yaml")));
        writeText(QDir(configs).filePath("experimental_protocol_quick.yaml"),
                  "protocol: quick\ndescription: a probe\ntasks: [cifar10]\n"
                  "seeds: {base: 1, replicates: 2}\nevaluation: {max_examples: 20}\n"
                  "latency_profiling: {warmup_iterations: 2, warmup_seconds: 0.01, "
                  "ci_half_width: 0.001, min_samples: 20, max_samples: 200, max_seconds: 2}\n"
                  "workloads:\n  - {name: poisson, arrival: poisson, rate_rps: 50, duration_s: 5}\n"
                  "deadline_sets: [tight]\nrisk_epsilon: 0.05\nalpha: 0.05\n"
                  "cost_per_device_hour: {cpu: 0.0475}\n"
                  "pareto_reference: {latency_ms: 200, cost_per_1k: 0.1, accuracy: 0.0}\n"
                  "hypotheses: []\n");
        qputenv("AIP_CONFIG_DIR", configs.toLocal8Bit());
        qputenv(DataSearchPath::environmentVariable(),
                (kShared + "/datasets:" + kShared).toLocal8Bit());
        const auto restore = qScopeGuard([] {
            qputenv("AIP_CONFIG_DIR", kRepoConfigs.toLocal8Bit());
            qunsetenv(DataSearchPath::environmentVariable());
        });
        ProfilesPage page(&jobs);
        page.folderBar()->setDirectory(dir.filePath("profile"));
        page.folderBar()->setQuick(true);
        page.show();
        StallProbe probe;
        Job* job = page.startProfiling("profile-latency");
        QVERIFY(job != nullptr);
        QSignalSpy done(job, &Job::done);
        QVERIFY(done.wait(600000));
        QCOMPARE(job->state(), Job::State::Finished);
        qInfo().noquote() << "event-loop lateness during a latency profile (ResNet-20, 4 configs):"
                          << probe.report();
    }
}

QTEST_MAIN(TestReports)
#include "tst_reports.moc"
