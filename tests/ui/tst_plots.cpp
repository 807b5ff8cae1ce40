#include "analysis/pareto.h"
#include "analysis/reportdata.h"
#include "common/csv.h"
#include "common/error.h"
#include "config/protocolconfig.h"
#include "plots/customplot.h"
#include "plots/policypalette.h"
#include "plots/reportfigures.h"
#include "plots/reportplots.h"
#include "results/resultstable.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <cmath>
#include <memory>
#include <optional>

using namespace aip;

namespace {

// Fixture: three policies, two workloads, two deadline sets, three seeds, with values shaped
// like a real run (the planner on time most often, StaticLarge most accurate but late,
// INFaaS cheapest).
const QStringList kPolicies{QStringLiteral("CascadePlanner"), QStringLiteral("StaticLarge"),
                            QStringLiteral("INFaaS")};
const QStringList kWorkloads{QStringLiteral("poisson"), QStringLiteral("bursty")};
const QStringList kDeadlineSets{QStringLiteral("tight"), QStringLiteral("moderate")};
const std::vector<std::uint64_t> kSeeds{11, 12, 13};
const std::vector<double> kDeadlines{2, 5, 10, 20, 50, 100};
// Written out of order on purpose: the figure sorts numeric values.
const QStringList kBatchSizes{"8", "1", "16", "2", "4"};
const QStringList kPrecisions{"fp32", "bf16", "int8"};
const QStringList kModels{"cifar10-resnet20", "cifar10-resnet32", "cifar10-resnet44",
                          "cifar10-resnet56"};
// t(0.975, 2), for the 95% interval of a mean over three seeds; with two degrees of freedom
// the quantile has the closed form (2p − 1)/√(2p(1 − p)).
constexpr double kT975With2Df = 4.302652729749462;

struct PolicyProfile {
    double hit, accuracy, cost, p50, p95, escalation, deadlineMidMs;
};

PolicyProfile profileOf(const QString& policy) {
    if (policy == u"CascadePlanner") {
        return {0.95, 0.91, 0.012, 6.0, 14.0, 0.18, 3.0};
    }
    if (policy == u"StaticLarge") {
        return {0.71, 0.93, 0.031, 18.0, 41.0, 0.0, 15.0};
    }
    return {0.86, 0.86, 0.009, 8.0, 19.0, 0.0, 6.0};
}

/// A small, seed-dependent wobble: −1, 0, +1 step for the three seeds.
double jitter(std::uint64_t seed, double step) {
    return (static_cast<double>(seed % 3) - 1.0) * step;
}

std::vector<ResultRow> fixtureResults() {
    std::vector<ResultRow> rows;
    for (const QString& policy : kPolicies) {
        const PolicyProfile p = profileOf(policy);
        for (const QString& workload : kWorkloads) {
            for (const QString& set : kDeadlineSets) {
                for (const std::uint64_t seed : kSeeds) {
                    const double penalty =
                        (workload == u"bursty" ? 0.05 : 0.0) + (set == u"tight" ? 0.08 : 0.0);
                    // Under tight deadlines the planner picks faster, cheaper, less accurate
                    // configurations; the static policies cannot.
                    const double faster =
                        policy == u"CascadePlanner" && set == u"tight" ? 1.0 : 0.0;
                    ResultRow r;
                    r.policy = policy;
                    r.workload = workload;
                    r.deadlineSet = set;
                    r.seed = seed;
                    r.nRequests = 7200;
                    r.hitRate = p.hit - penalty + jitter(seed, 0.01);
                    r.accuracy = p.accuracy - 0.03 * faster + jitter(seed, 0.004);
                    r.effectiveAccuracy = r.hitRate * r.accuracy;
                    r.costPer1k = p.cost * (1.0 - 0.3 * faster + jitter(seed, 0.05));
                    r.p50Ms = p.p50 * (1.0 - 0.3 * faster + jitter(seed, 0.03));
                    r.p95Ms = p.p95 * (1.0 + 3.0 * penalty - 0.35 * faster + jitter(seed, 0.04));
                    r.p99Ms = r.p95Ms * 1.5;
                    r.escalationRate = p.escalation;
                    rows.push_back(r);
                }
            }
        }
    }
    return rows;
}

double sweepHitRate(const QString& policy, double deadlineMs, std::uint64_t seed) {
    const PolicyProfile p = profileOf(policy);
    const double logistic =
        1.0 / (1.0 + std::exp(-2.2 * (std::log(deadlineMs) - std::log(p.deadlineMidMs))));
    return std::clamp(logistic + jitter(seed, 0.015), 0.0, 1.0);
}

QByteArray fixtureDeadlineSweep() {
    CsvWriter writer(deadlineSweepColumns());
    for (const QString& policy : kPolicies) {
        for (const double d : kDeadlines) {
            for (const std::uint64_t seed : kSeeds) {
                const double hit = sweepHitRate(policy, d, seed);
                const double accuracy = profileOf(policy).accuracy;
                writer.addRow({policy, csv::number(d), QString::number(seed), "2000",
                               csv::number(hit), csv::number(accuracy),
                               csv::number(hit * accuracy)});
            }
        }
    }
    return writer.data();
}

QByteArray fixtureAblation(const QString& dimension, const QStringList& values) {
    CsvWriter writer(ablationColumns());
    for (const QString& policy : kPolicies) {
        const PolicyProfile p = profileOf(policy);
        for (qsizetype v = 0; v < values.size(); ++v) {
            for (const std::uint64_t seed : kSeeds) {
                const double level = static_cast<double>(v) / static_cast<double>(values.size());
                const double hit = std::clamp(p.hit - 0.1 * level + jitter(seed, 0.01), 0.0, 1.0);
                const double accuracy = std::clamp(p.accuracy - 0.08 + 0.1 * level, 0.0, 1.0);
                writer.addRow({dimension, values.at(v), policy, QString::number(seed), "2000",
                               csv::number(hit), csv::number(accuracy), csv::number(hit * accuracy),
                               csv::number(p.cost), csv::number(p.p50), csv::number(p.p95),
                               csv::number(p.p95 * 1.4), csv::number(p.escalation)});
            }
        }
    }
    return writer.data();
}

/// How much of its usual hit rate a policy loses in each scenario, with the handler on and off.
std::pair<double, double> failureLoss(const QString& scenario) {
    if (scenario == u"impossible_deadline") {
        return {0.2, 0.35};
    }
    if (scenario == u"model_crash") {
        return {0.1, 0.45};
    }
    return {0.15, 0.3};
}

QByteArray fixtureFailureAnalysis() {
    CsvWriter writer(failureAnalysisColumns());
    for (const QString& scenario : failureScenarios()) {
        for (const QString& handler : {QStringLiteral("on"), QStringLiteral("off")}) {
            for (const QString& policy : kPolicies) {
                const PolicyProfile p = profileOf(policy);
                for (const std::uint64_t seed : kSeeds) {
                    const bool on = handler == u"on";
                    const auto [lossOn, lossOff] = failureLoss(scenario);
                    const double hit =
                        std::clamp(p.hit - (on ? lossOn : lossOff) + jitter(seed, 0.02), 0.0, 1.0);
                    const QString recovery =
                        scenario == u"impossible_deadline"
                            ? QString()
                            : csv::number((on ? 120.0 : 900.0) + jitter(seed, 15.0));
                    // Where no deadline can be met: best effort answers sooner, less accurately.
                    const bool late = scenario == u"impossible_deadline";
                    const double lateness = (on ? 0.8 : 6.0) + jitter(seed, 0.1);
                    writer.addRow({scenario, handler, policy, QString::number(seed), "3000",
                                   csv::number(hit), csv::number(hit * p.accuracy), recovery, "2",
                                   on ? "40" : "0", late ? csv::number(lateness) : QString(),
                                   late ? csv::number(2.0 * lateness) : QString(),
                                   late ? csv::number((on ? 0.8 : 1.0) * p.accuracy) : QString()});
                }
            }
        }
    }
    return writer.data();
}

void writeFile(const QString& path, const QByteArray& data) {
    QDir().mkpath(QFileInfo(path).path());
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly), qPrintable(path));
    file.write(data);
}

/// Writes every input file except those named in `leaveOut` (relative paths).
void writeFixtures(const QString& dir, const QStringList& leaveOut = {}) {
    const std::vector<ResultRow> results = fixtureResults();
    const ParetoReference reference{1000.0, 1.0, 0.0};
    const std::vector<std::pair<QString, QByteArray>> files{
        {"workload_results.csv", formatResults(results)},
        {"pareto_analysis.csv", formatParetoAnalysis(computeParetoAnalysis(
                                    results, kPolicies.first(), kPolicies.mid(1), reference))},
        {"deadline_sweep.csv", fixtureDeadlineSweep()},
        {"ablation/batch_size.csv", fixtureAblation("batch_size", kBatchSizes)},
        {"ablation/quantization.csv", fixtureAblation("quantization", kPrecisions)},
        {"ablation/model_size.csv", fixtureAblation("model_size", kModels)},
        {"failure_analysis.csv", fixtureFailureAnalysis()},
    };
    for (const auto& [name, data] : files) {
        if (!leaveOut.contains(name)) {
            writeFile(QDir(dir).filePath(name), data);
        }
    }
}

/// Replaces the cell (line, column) of a CSV file with `value`.
void corruptCell(const QString& path, int line, const QString& column, const QString& value) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const CsvTable table = CsvTable::parse(file.readAll(), path);
    file.close();
    CsvWriter writer(table.header());
    for (qsizetype i = 0; i < table.rowCount(); ++i) {
        QStringList row = table.row(i);
        if (table.lineOf(i) == line) {
            row[table.column(column)] = value;
        }
        writer.addRow(row);
    }
    writeFile(path, writer.data());
}

template <typename T>
QList<T*> plottablesOf(QCustomPlot& plot) {
    QList<T*> found;
    for (int i = 0; i < plot.plottableCount(); ++i) {
        if (auto* p = qobject_cast<T*>(plot.plottable(i))) {
            found.append(p);
        }
    }
    return found;
}

QCPGraph* graphNamed(QCustomPlot& plot, const QString& name, QCPAxisRect* rect) {
    for (QCPGraph* g : plottablesOf<QCPGraph>(plot)) {
        if (g->name() == name && g->keyAxis()->axisRect() == rect) {
            return g;
        }
    }
    return nullptr;
}

QCPErrorBars* errorBarsOf(QCustomPlot& plot, const QCPAbstractPlottable* target) {
    for (QCPErrorBars* e : plottablesOf<QCPErrorBars>(plot)) {
        if (e->dataPlottable() == target) {
            return e;
        }
    }
    return nullptr;
}

QStringList tickLabels(QCPAxis* axis) {
    auto ticker = axis->ticker().dynamicCast<QCPAxisTickerText>();
    return ticker ? QStringList(ticker->ticks().values()) : QStringList();
}

std::vector<double> values(std::initializer_list<double> list) {
    return std::vector<double>(list);
}

}  // namespace

class TestPlots final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void summarizeReplicatesGivesMeanAndTInterval();
    void readersKeepRowsAndColumns();
    void paretoReaderReadsWhatTheAnalysisWrites();
    void paletteIsFixedPerPolicy();

    void deadlinePlotHasOneSeriesPerPolicy();
    void paretoPlotHasFrontiersAndReference();
    void ablationPlotOrdersValues();
    void workloadPlotHasGroupedBars();
    void failurePlotHasOnAndOffBars();
    void failurePlotOfTwoTasksHasARowPerScenarioAndTask();
    void buildersCanRebuildTheSamePlot();

    void rendersEveryFigure();
    void renderingIsDeterministic();
    void absentOrEmptyInputsAreSkipped();
    void malformedInputNamesFileAndLine_data();
    void malformedInputNamesFileAndLine();
    void rendersFromAnotherThread();
    void fidelityFileAndFigure();
};

void TestPlots::summarizeReplicatesGivesMeanAndTInterval() {
    const ReplicateSummary three = summarizeReplicates(values({0.80, 0.82, 0.84}));
    QCOMPARE(three.n, 3);
    QVERIFY(std::abs(three.mean - 0.82) < 1e-12);
    // sd = 0.02, so the half-width is t(0.975, 2) · 0.02 / √3.
    QVERIFY(std::abs(three.ci95HalfWidth - kT975With2Df * 0.02 / std::sqrt(3.0)) < 1e-9);

    const ReplicateSummary withGap =
        summarizeReplicates(values({0.5, std::numeric_limits<double>::quiet_NaN(), 0.7}));
    QCOMPARE(withGap.n, 2);
    QVERIFY(std::abs(withGap.mean - 0.6) < 1e-12);

    const ReplicateSummary one = summarizeReplicates(values({0.4}));
    QCOMPARE(one.n, 1);
    QCOMPARE(one.mean, 0.4);
    QVERIFY(std::isnan(one.ci95HalfWidth));

    const ReplicateSummary same = summarizeReplicates(values({0.3, 0.3, 0.3}));
    QCOMPARE(same.ci95HalfWidth, 0.0);
    QCOMPARE(summarizeReplicates({}).n, 0);
}

void TestPlots::readersKeepRowsAndColumns() {
    const auto sweep = parseDeadlineSweep(fixtureDeadlineSweep(), "deadline_sweep.csv");
    QCOMPARE(sweep.size(), std::size_t(3 * 6 * 3));
    QCOMPARE(sweep.front().run.policy, QString("CascadePlanner"));
    QCOMPARE(sweep.front().deadlineMs, 2.0);
    QCOMPARE(sweep.front().run.nRequests, std::int64_t(2000));
    QCOMPARE(sweep.front().run.accuracy, 0.91);
    QVERIFY(std::isnan(sweep.front().run.costPer1k));  // not a column of the sweep

    const auto ablation = parseAblation(fixtureAblation("quantization", kPrecisions),
                                        "ablation/quantization.csv", "quantization");
    QCOMPARE(ablation.size(), std::size_t(3 * 3 * 3));
    QCOMPARE(ablation.at(3).value, QString("bf16"));
    QCOMPARE(ablation.front().run.p95Ms, 14.0);
    QCOMPARE(ablation.front().run.policy, QString("CascadePlanner"));

    const auto failures = parseFailureAnalysis(fixtureFailureAnalysis(), "failure_analysis.csv");
    QCOMPARE(failures.size(), std::size_t(3 * 2 * 3 * 3));
    QVERIFY(failures.front().handlerOn);
    QVERIFY(std::isnan(failures.front().recoveryMs));  // impossible_deadline: nothing to recover
    const auto crash = std::find_if(failures.begin(), failures.end(),
                                    [](const auto& r) { return r.scenario == "model_crash"; });
    QVERIFY(crash != failures.end());
    QVERIFY(std::abs(crash->recoveryMs - 135.0) < 1e-9);  // handler on, seed 11: 120 + 15
    QCOMPARE(crash->fallbacks, std::uint64_t(40));
    QVERIFY(std::isnan(crash->lateMedianMs) && std::isnan(crash->lateAccuracy));
    QVERIFY(failures.front().lateP95Ms > failures.front().lateMedianMs);
    // A file from before the lateness columns still reads, without them.
    const auto older = parseFailureAnalysis(
        "scenario,handler,policy,seed,n_requests,hit_rate,effective_accuracy,recovery_ms,"
        "failures,fallbacks\nimpossible_deadline,on,StaticSmall,1,10,0,0,,0,0\n",
        "failure_analysis.csv");
    QCOMPARE(older.size(), std::size_t(1));
    QVERIFY(std::isnan(older.front().lateMedianMs));

    // Wrong dimension in the file, a repeated key, an unexpected column.
    try {
        parseAblation(fixtureAblation("quantization", kPrecisions), "ablation/device.csv",
                      "device");
        QFAIL("a quantization file read as the device ablation was accepted");
    } catch (const Error& e) {
        QVERIFY2(e.message().startsWith("ablation/device.csv:2: column 'dimension'"),
                 qPrintable(e.message()));
    }
    const QByteArray sweepBytes = fixtureDeadlineSweep();
    const QByteArray twice = sweepBytes + sweepBytes.split('\n').at(1) + '\n';
    try {
        parseDeadlineSweep(twice, "deadline_sweep.csv");
        QFAIL("a repeated row was accepted");
    } catch (const Error& e) {
        QVERIFY2(e.message().contains("appears twice (first on line 2)"), qPrintable(e.message()));
    }
    try {
        parseFailureAnalysis("scenario,handler,policy\n", "failure_analysis.csv");
        QFAIL("a file without its columns was accepted");
    } catch (const Error& e) {
        QVERIFY2(e.message().contains("failure_analysis.csv: missing column 'seed'"),
                 qPrintable(e.message()));
    }
}

void TestPlots::paretoReaderReadsWhatTheAnalysisWrites() {
    const std::vector<ParetoAnalysisRow> written = computeParetoAnalysis(
        fixtureResults(), kPolicies.first(), kPolicies.mid(1), ParetoReference{1000.0, 1.0, 0.0});
    const QByteArray bytes = formatParetoAnalysis(written);
    const auto read = parseParetoAnalysis(bytes, "pareto_analysis.csv");
    QCOMPARE(read.size(), written.size());
    for (std::size_t i = 0; i < read.size(); ++i) {
        QCOMPARE(read[i].method, written[i].method);
        QCOMPARE(read[i].kind, written[i].kind);
        QCOMPARE(read[i].condition, written[i].condition);
        // A condition row has no point: x is NaN on both sides.
        QCOMPARE(std::isnan(read[i].x), read[i].kind == "condition");
        QVERIFY(std::isnan(read[i].x) ||
                std::abs(read[i].x - written[i].x) <= 1e-9 * std::abs(written[i].x));
        QCOMPARE(read[i].nPoints, read[i].kind != "point" ? written[i].nPoints : 0);
    }
    QVERIFY(std::any_of(read.begin(), read.end(),
                        [](const ParetoAnalysisRow& r) { return r.kind == "condition"; }));
    // Reading and writing again gives the same bytes.
    QCOMPARE(formatParetoAnalysis(read), bytes);
}

void TestPlots::paletteIsFixedPerPolicy() {
    QCOMPARE(policyColor("CascadePlanner"), QColor(0x0072B2));
    QCOMPARE(policyColor("StaticLarge"), QColor(0x009E73));
    QCOMPARE(policyColor("MyPolicy"), policyColor("MyPolicy"));
    QSet<QRgb> known;
    for (const QString& p : knownPolicies()) {
        known.insert(policyColor(p).rgb());
    }
    QCOMPARE(known.size(), knownPolicies().size());
    QVERIFY(!known.contains(policyColor("MyPolicy").rgb()));
    // Several tasks: a policy keeps its hue, each task a shade of it; the two tasks of the full
    // protocol differ.
    for (const QString& p : knownPolicies()) {
        const QColor base = policyColor(p);
        for (const QString& task : {"cifar10", "sst2"}) {
            const QColor shaded = policyColor(task + ":" + p);
            QVERIFY2(base.hslHue() < 0 || std::abs(shaded.hslHue() - base.hslHue()) <= 2,
                     qPrintable(task + ":" + p));
        }
        QVERIFY2(policyColor("cifar10:" + p) != policyColor("sst2:" + p), qPrintable(p));
    }
    QCOMPARE(orderedPolicies({"INFaaS", "Zeta", "CascadePlanner", "Alpha"}),
             QStringList({"CascadePlanner", "INFaaS", "Zeta", "Alpha"}));
}

void TestPlots::deadlinePlotHasOneSeriesPerPolicy() {
    QCustomPlot plot;
    const auto rows = parseDeadlineSweep(fixtureDeadlineSweep(), "deadline_sweep.csv");
    buildDeadlinePlot(plot, rows, DeadlineMetric::HitRate);
    QCOMPARE(reportPanels(plot).size(), 1);
    QCOMPARE(plot.graphCount(), 3);
    QCOMPARE(plottablesOf<QCPErrorBars>(plot).size(), 3);
    QCOMPARE(plot.legend->itemCount(), 3);
    QCPAxisRect* rect = reportPanels(plot).front();
    QCOMPARE(rect->axis(QCPAxis::atBottom)->scaleType(), QCPAxis::stLogarithmic);
    QVERIFY(rect->axis(QCPAxis::atBottom)->label().contains("deadline (ms"));
    QVERIFY(rect->axis(QCPAxis::atLeft)->label().startsWith("hit rate"));
    QCOMPARE(tickLabels(rect->axis(QCPAxis::atBottom)),
             QStringList({"2", "5", "10", "20", "50", "100"}));

    QCPGraph* planner = graphNamed(plot, "CascadePlanner", rect);
    QVERIFY(planner != nullptr);
    QCOMPARE(planner->pen().color(), policyColor("CascadePlanner"));
    QCOMPARE(planner->data()->size(), 6);
    QCPErrorBars* bars = errorBarsOf(plot, planner);
    QVERIFY(bars != nullptr);
    QCOMPARE(bars->dataCount(), 6);
    // At 10 ms: the mean over the three seeds and its t interval.
    std::vector<double> at10;
    for (const std::uint64_t seed : kSeeds) {
        at10.push_back(sweepHitRate("CascadePlanner", 10.0, seed));
    }
    const ReplicateSummary expected = summarizeReplicates(at10);
    const auto point = planner->data()->at(2);
    QVERIFY(std::abs(point->key / 10.0 - 1.0) < 0.1);  // spread a little around the deadline
    // The file holds 10 significant digits.
    QVERIFY(std::abs(point->value - expected.mean) < 1e-8);
    QVERIFY(std::abs(bars->data()->at(2).errorPlus - expected.ci95HalfWidth) < 1e-8);
    QVERIFY(expected.ci95HalfWidth > 0.0);

    buildDeadlinePlot(plot, rows, DeadlineMetric::EffectiveAccuracy);
    QCOMPARE(plot.graphCount(), 3);
    rect = reportPanels(plot).front();
    QVERIFY(rect->axis(QCPAxis::atLeft)->label().startsWith("effective accuracy"));
    planner = graphNamed(plot, "CascadePlanner", rect);
    QVERIFY(std::abs(planner->data()->at(2)->value - expected.mean * 0.91) < 1e-8);
}

void TestPlots::paretoPlotHasFrontiersAndReference() {
    const std::vector<ParetoAnalysisRow> rows = computeParetoAnalysis(
        fixtureResults(), kPolicies.first(), kPolicies.mid(1), ParetoReference{1000.0, 1.0, 0.0});
    QCustomPlot plot;
    buildParetoPlot(plot, rows);
    QCOMPARE(reportPanels(plot).size(), 2);
    QCOMPARE(plot.graphCount(), 2 * (3 + 1));  // per panel: three frontiers, the reference
    QCOMPARE(plot.legend->itemCount(), 4);
    const QStringList spaces{"latency", "cost"};
    for (int panel = 0; panel < 2; ++panel) {
        QCPAxisRect* rect = reportPanels(plot).at(panel);
        for (const QString& method : kPolicies) {
            std::vector<double> xs;
            for (const ParetoAnalysisRow& r : rows) {
                if (r.method == method && r.space == spaces.at(panel) && r.kind == "point") {
                    xs.push_back(r.x);
                }
            }
            QCPGraph* graph = graphNamed(plot, method, rect);
            QVERIFY(graph != nullptr);
            QCOMPARE(graph->lineStyle(), QCPGraph::lsStepLeft);
            QCOMPARE(graph->data()->size(), static_cast<int>(xs.size()));
            QVERIFY(!xs.empty());
            QCOMPARE(graph->data()->at(0)->key, xs.front());
        }
        QCPGraph* reference = graphNamed(plot, "reference point", rect);
        QVERIFY(reference != nullptr);
        QCOMPARE(reference->data()->size(), 1);
        QCOMPARE(reference->data()->at(0)->key, panel == 0 ? 1000.0 : 1.0);
        QVERIFY(rect->axis(QCPAxis::atLeft)->label().startsWith("effective accuracy"));
    }
    QVERIFY(reportPanels(plot).at(0)->axis(QCPAxis::atBottom)->label().contains("p95 latency (ms"));
    QVERIFY(reportPanels(plot).at(1)->axis(QCPAxis::atBottom)->label().contains("(USD"));
}

void TestPlots::ablationPlotOrdersValues() {
    QCustomPlot plot;
    buildAblationPlot(
        plot, "batch_size",
        parseAblation(fixtureAblation("batch_size", kBatchSizes), "b.csv", "batch_size"));
    QCOMPARE(reportPanels(plot).size(), 2);
    QCOMPARE(plot.graphCount(), 2 * 3);
    QCOMPARE(plottablesOf<QCPErrorBars>(plot).size(), 2 * 3);
    QCOMPARE(plot.legend->itemCount(), 3);
    QCPAxisRect* accuracy = reportPanels(plot).at(0);
    QCOMPARE(tickLabels(accuracy->axis(QCPAxis::atBottom)),
             QStringList({"1", "2", "4", "8", "16"}));
    QVERIFY(accuracy->axis(QCPAxis::atLeft)->label().startsWith("effective accuracy"));
    QVERIFY(reportPanels(plot).at(1)->axis(QCPAxis::atLeft)->label().startsWith("hit rate"));
    QCPGraph* planner = graphNamed(plot, "CascadePlanner", accuracy);
    QCOMPARE(planner->data()->size(), 5);
    QCOMPARE(planner->lineStyle(), QCPGraph::lsLine);
    // Category 1 is batch size "1", the second value of the file (level 1/5).
    const PolicyProfile p = profileOf("CascadePlanner");
    const double expectedAccuracy = p.accuracy - 0.08 + 0.1 * 0.2;
    const double expectedHit = p.hit - 0.1 * 0.2;  // the seed jitter averages out
    QVERIFY(std::abs(planner->data()->at(0)->value - expectedHit * expectedAccuracy) < 1e-9);

    buildAblationPlot(
        plot, "quantization",
        parseAblation(fixtureAblation("quantization", kPrecisions), "q.csv", "quantization"));
    QCOMPARE(tickLabels(reportPanels(plot).at(0)->axis(QCPAxis::atBottom)),
             QStringList({"fp32", "bf16", "int8"}));
    // Unordered categories: points only, no line suggesting a trend.
    QCOMPARE(graphNamed(plot, "INFaaS", reportPanels(plot).at(0))->lineStyle(), QCPGraph::lsNone);
    QCOMPARE(reportPanels(plot).at(0)->axis(QCPAxis::atBottom)->tickLabelRotation(), 0.0);

    // A full run's dozen model ids overlap even when wrapped: they are written whole, slanted.
    const QStringList models = {"cifar10:resnet18-w0.5",    "cifar10:resnet18",
                                "cifar10:mobilenetv2-w0.5", "cifar10:mobilenetv2",
                                "cifar10:resnet20",         "cifar10:resnet56",
                                "sst2:distilbert-small",    "sst2:minilm-small"};
    buildAblationPlot(plot, "model_size",
                      parseAblation(fixtureAblation("model_size", models), "m.csv", "model_size"));
    QCPAxis* x = reportPanels(plot).at(0)->axis(QCPAxis::atBottom);
    QCOMPARE(x->tickLabelRotation(), 45.0);
    QCOMPARE(tickLabels(x), models);
}

void TestPlots::workloadPlotHasGroupedBars() {
    QCustomPlot plot;
    buildWorkloadComparisonPlot(plot, fixtureResults());
    QCOMPARE(reportPanels(plot).size(), 2);  // one panel per deadline set
    const QList<QCPBars*> bars = plottablesOf<QCPBars>(plot);
    QCOMPARE(bars.size(), 3 * 2);
    QCOMPARE(plottablesOf<QCPErrorBars>(plot).size(), 3 * 2);
    QCOMPARE(plot.legend->itemCount(), 3);
    QCPAxisRect* tight = reportPanels(plot).at(0);
    QCOMPARE(tickLabels(tight->axis(QCPAxis::atBottom)), QStringList({"poisson", "bursty"}));
    QCPBars* planner = nullptr;
    for (QCPBars* b : bars) {
        QCOMPARE(b->data()->size(), 2);
        QCOMPARE(b->brush().color(), policyColor(b->name()));
        if (b->name() == "CascadePlanner" && b->keyAxis()->axisRect() == tight) {
            planner = b;
        }
    }
    QVERIFY(planner != nullptr);
    // poisson, tight: mean over seeds of hit × accuracy.
    std::vector<double> effective;
    for (const ResultRow& r : fixtureResults()) {
        if (r.policy == "CascadePlanner" && r.workload == "poisson" && r.deadlineSet == "tight") {
            effective.push_back(r.effectiveAccuracy);
        }
    }
    QCOMPARE(effective.size(), std::size_t(3));
    const ReplicateSummary expected = summarizeReplicates(effective);
    QVERIFY(std::abs(planner->data()->at(0)->value - expected.mean) < 1e-12);
    QVERIFY(planner->data()->at(0)->key < 1.0);  // first of three bars around workload 1
    QVERIFY(std::abs(errorBarsOf(plot, planner)->data()->at(0).errorMinus -
                     expected.ci95HalfWidth) < 1e-12);
}

void TestPlots::failurePlotHasOnAndOffBars() {
    QCustomPlot plot;
    buildFailureAnalysisPlot(plot, parseFailureAnalysis(fixtureFailureAnalysis(), "failure.csv"));
    QCOMPARE(reportPanels(plot).size(), 3 * 2);  // scenario × metric
    const QList<QCPBars*> bars = plottablesOf<QCPBars>(plot);
    QCOMPARE(bars.size(), 2 + 2 * 3 * 3 * 2);  // legend samples + metric·scenario·policy·handler
    QCOMPARE(plottablesOf<QCPErrorBars>(plot).size(), 2 * 3 * 3 * 2);
    QCOMPARE(plot.legend->itemCount(), 2);
    QCOMPARE(tickLabels(reportPanels(plot).at(0)->axis(QCPAxis::atBottom)),
             QStringList({"Cascade\nPlanner", "Static\nLarge", "INFaaS"}));
    // First row: under an impossible deadline, how late (ms) and how right the late answers
    // were; the other rows: hit rate and effective accuracy.
    const auto titleOf = [&](int panel) {
        auto* cell = qobject_cast<QCPLayoutGrid*>(reportPanels(plot).at(panel)->layout());
        auto* title =
            cell != nullptr ? qobject_cast<QCPTextElement*>(cell->element(0, 0)) : nullptr;
        return title != nullptr ? title->text() : QString();
    };
    QCOMPARE(titleOf(0), QString("impossible deadline: median lateness"));
    QCOMPARE(titleOf(1), QString("impossible deadline: accuracy of late answers"));
    QCOMPARE(titleOf(3), QString("model crash: effective accuracy"));
    QCPAxisRect* latenessPanel = reportPanels(plot).at(0);
    QCOMPARE(latenessPanel->axis(QCPAxis::atLeft)->label(), QString("ms past the deadline"));
    QVERIFY(latenessPanel->axis(QCPAxis::atLeft)->range().upper > 6.0);  // off: about 6 ms late
    QCOMPARE(reportPanels(plot).at(1)->axis(QCPAxis::atLeft)->label(),
             QString("fraction of late answers"));
    QCOMPARE(reportPanels(plot).at(3)->axis(QCPAxis::atLeft)->label(),
             QString("fraction of requests"));
    for (QCPBars* b : bars) {
        if (b->keyAxis()->axisRect() == latenessPanel && b->name() == "StaticLarge, handler on") {
            // Seeds 11, 12, 13 jitter the lateness around 0.8 ms.
            QVERIFY(std::abs(b->data()->at(0)->value - 0.8) < 0.1);
        }
    }
    double on = -1.0;
    double off = -1.0;
    for (QCPBars* b : bars) {
        if (b->keyAxis()->axisRect() != reportPanels(plot).at(2)) {  // model crash, hit rate
            continue;
        }
        if (b->name() == "StaticLarge, handler on") {
            on = b->data()->at(0)->value;
            QCOMPARE(b->brush().style(), Qt::SolidPattern);
        } else if (b->name() == "StaticLarge, handler off") {
            off = b->data()->at(0)->value;
            QCOMPARE(b->brush().style(), Qt::BDiagPattern);
        }
    }
    QVERIFY(std::abs(on - (0.71 - 0.1)) < 1e-9);
    QVERIFY(std::abs(off - (0.71 - 0.45)) < 1e-9);
}

void TestPlots::failurePlotOfTwoTasksHasARowPerScenarioAndTask() {
    // A full run names its policies "task:policy": the fixture's rows once per task.
    const QList<QByteArray> lines = fixtureFailureAnalysis().split('\n');
    QByteArray twoTasks = lines.front() + '\n';
    for (const QByteArray task : {QByteArray("cifar10"), QByteArray("sst2")}) {
        for (qsizetype i = 1; i < lines.size(); ++i) {
            QList<QByteArray> cells = lines.at(i).split(',');
            if (cells.size() > 2) {
                cells[2] = task + ':' + cells[2];
                twoTasks += cells.join(',') + '\n';
            }
        }
    }
    QCustomPlot plot;
    buildFailureAnalysisPlot(plot, parseFailureAnalysis(twoTasks, "failure.csv"));
    QCOMPARE(reportPanels(plot).size(), 3 * 2 * 2);  // scenario × task × metric
    QCOMPARE(plottablesOf<QCPErrorBars>(plot).size(), 2 * 3 * 2 * 3 * 2);
    // The bare policy names, upright; the task in each panel's title.
    QCOMPARE(tickLabels(reportPanels(plot).at(2)->axis(QCPAxis::atBottom)),
             QStringList({"Cascade\nPlanner", "Static\nLarge", "INFaaS"}));
    auto* cell = qobject_cast<QCPLayoutGrid*>(reportPanels(plot).at(2)->layout());
    auto* title = cell != nullptr ? qobject_cast<QCPTextElement*>(cell->element(0, 0)) : nullptr;
    QVERIFY(title != nullptr);
    QCOMPARE(title->text(), QString("sst2, impossible deadline: median lateness"));
    // Six rows of panels: a figure twice as tall as one of three rows.
    QCOMPARE(reportFigureSize(plot), QSize(1200, 1600));
    QCustomPlot single;
    buildFailureAnalysisPlot(single, parseFailureAnalysis(fixtureFailureAnalysis(), "failure.csv"));
    QCOMPARE(reportFigureSize(single), QSize(1200, 800));
}

void TestPlots::buildersCanRebuildTheSamePlot() {
    QCustomPlot plot;
    buildFailureAnalysisPlot(plot, parseFailureAnalysis(fixtureFailureAnalysis(), "failure.csv"));
    buildDeadlinePlot(plot, parseDeadlineSweep(fixtureDeadlineSweep(), "d.csv"),
                      DeadlineMetric::HitRate);
    buildDeadlinePlot(plot, parseDeadlineSweep(fixtureDeadlineSweep(), "d.csv"),
                      DeadlineMetric::HitRate);
    QCOMPARE(reportPanels(plot).size(), 1);
    QCOMPARE(plot.plottableCount(), 3 + 3);
    QCOMPARE(plot.legend->itemCount(), 3);
    QCOMPARE(plot.itemCount(), 0);
}

void TestPlots::rendersEveryFigure() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeFixtures(dir.path());
    const RenderedFigures rendered = renderAllReportFigures(dir.path());
    const QString plots = QDir(dir.path()).filePath("plots");
    QStringList expected;
    for (const char* name :
         {"pareto_frontiers.png", "deadline_hit_rate.png", "accuracy_vs_deadline.png",
          "ablation_batch_size.png", "ablation_model_size.png", "ablation_quantization.png",
          "workload_comparison.png", "failure_analysis.png"}) {
        expected.append(QDir(plots).filePath(QString::fromLatin1(name)));
    }
    QCOMPARE(rendered.written, expected);
    QCOMPARE(rendered.skipped,
             QStringList({"ablation_device.png: ablation/device.csv is absent",
                          "ablation_cascade_threshold.png: ablation/cascade_threshold.csv is "
                          "absent"}));
    for (const QString& path : expected) {
        QImage image(path);
        QVERIFY2(!image.isNull(), qPrintable(path));
        QCOMPARE(image.size(), QSize(1200, 800));
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 2) {
            for (int x = 0; x < image.width(); x += 2) {
                colours.insert(image.pixel(x, y));
            }
        }
        QVERIFY2(colours.size() > 200,
                 qPrintable(QStringLiteral("%1: only %2 colours").arg(path).arg(colours.size())));
        // Every figure draws each fixture policy in its own colour (in full somewhere).
        QSet<QRgb> all;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                all.insert(image.pixel(x, y) | 0xFF000000u);
            }
        }
        for (const QString& policy : kPolicies) {
            QVERIFY2(all.contains(policyColor(policy).rgb()),
                     qPrintable(QStringLiteral("%1 lacks the colour of %2").arg(path, policy)));
        }
    }
    // Atomic writes leave no temporary files behind.
    QCOMPARE(QDir(plots).entryList(QDir::Files).size(), expected.size());

    // A person checks the look: AIP_PLOTS_REVIEW_DIR=<folder> keeps a copy of the figures.
    const QString review = qEnvironmentVariable("AIP_PLOTS_REVIEW_DIR");
    if (!review.isEmpty()) {
        QVERIFY(QDir().mkpath(review));
        for (const QString& path : expected) {
            const QString copy = QDir(review).filePath(QFileInfo(path).fileName());
            QFile::remove(copy);
            QVERIFY(QFile::copy(path, copy));
        }
    }
}

void TestPlots::renderingIsDeterministic() {
    QTemporaryDir dir;
    writeFixtures(dir.path());
    const QStringList first = renderReportFigures(dir.path());
    QList<QByteArray> bytes;
    for (const QString& path : first) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        bytes.append(f.readAll());
    }
    const QStringList second = renderReportFigures(dir.path());
    QCOMPARE(second, first);
    for (qsizetype i = 0; i < second.size(); ++i) {
        QFile f(second.at(i));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY2(f.readAll() == bytes.at(i), qPrintable(second.at(i)));
    }
}

void TestPlots::absentOrEmptyInputsAreSkipped() {
    QTemporaryDir dir;
    writeFixtures(dir.path(),
                  {"deadline_sweep.csv", "pareto_analysis.csv", "ablation/batch_size.csv",
                   "ablation/quantization.csv", "ablation/model_size.csv"});
    writeFile(QDir(dir.path()).filePath("failure_analysis.csv"),
              csv::formatRow(failureAnalysisColumns()));
    const RenderedFigures rendered = renderAllReportFigures(dir.path());
    QCOMPARE(rendered.written,
             QStringList({QDir(dir.path()).filePath("plots/workload_comparison.png")}));
    QVERIFY(rendered.skipped.contains("pareto_frontiers.png: pareto_analysis.csv is absent"));
    QVERIFY(rendered.skipped.contains("deadline_hit_rate.png: deadline_sweep.csv is absent"));
    QVERIFY(rendered.skipped.contains("accuracy_vs_deadline.png: deadline_sweep.csv is absent"));
    QVERIFY(rendered.skipped.contains("failure_analysis.png: failure_analysis.csv has no rows"));
    QCOMPARE(rendered.skipped.size(), 4 + 5);  // and the five ablations
    QVERIFY(!QFile::exists(QDir(dir.path()).filePath("plots/failure_analysis.png")));
}

void TestPlots::malformedInputNamesFileAndLine_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("line");
    QTest::addColumn<QString>("column");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("problem");
    QTest::newRow("results seed") << "workload_results.csv" << 5 << "seed"
                                  << "five"
                                  << "column 'seed': expected a non-negative integer";
    QTest::newRow("pareto kind") << "pareto_analysis.csv" << 3 << "kind"
                                 << "corner"
                                 << "column 'kind': expected point, summary or condition";
    QTest::newRow("sweep rate") << "deadline_sweep.csv" << 4 << "hit_rate"
                                << "1.7"
                                << "column 'hit_rate': a rate must lie in [0, 1]";
    QTest::newRow("sweep deadline") << "deadline_sweep.csv" << 2 << "deadline_ms"
                                    << "-5"
                                    << "column 'deadline_ms': a deadline must be a positive number";
    QTest::newRow("ablation dimension") << "ablation/quantization.csv" << 6 << "dimension"
                                        << "device"
                                        << "column 'dimension': expected 'quantization'";
    QTest::newRow("failure handler") << "failure_analysis.csv" << 7 << "handler"
                                     << "maybe"
                                     << "column 'handler': expected on or off";
    QTest::newRow("failure scenario") << "failure_analysis.csv" << 3 << "scenario"
                                      << "flood"
                                      << "column 'scenario': unknown scenario 'flood'";
}

void TestPlots::malformedInputNamesFileAndLine() {
    QFETCH(QString, file);
    QFETCH(int, line);
    QFETCH(QString, column);
    QFETCH(QString, value);
    QFETCH(QString, problem);
    QTemporaryDir dir;
    writeFixtures(dir.path());
    const QString path = QDir(dir.path()).filePath(file);
    corruptCell(path, line, column, value);
    try {
        renderAllReportFigures(dir.path());
        QFAIL("a malformed file was drawn");
    } catch (const Error& e) {
        const QString where = QStringLiteral("%1:%2: ").arg(path).arg(line);
        QVERIFY2(e.message().startsWith(where + problem), qPrintable(e.message()));
    }
    // What was drawn before the bad file is complete; nothing half-written is left.
    for (const QString& name : QDir(QDir(dir.path()).filePath("plots")).entryList(QDir::Files)) {
        QVERIFY2(name.endsWith(".png"), qPrintable(name));
        QVERIFY(!QImage(QDir(dir.path()).filePath("plots/" + name)).isNull());
    }
}

void TestPlots::rendersFromAnotherThread() {
    QTemporaryDir dir;
    writeFixtures(dir.path(), {"workload_results.csv", "pareto_analysis.csv", "deadline_sweep.csv",
                               "ablation/batch_size.csv", "ablation/quantization.csv"});
    QStringList written;
    QString failure;
    std::unique_ptr<QThread> worker(QThread::create([&] {
        try {
            written = renderReportFigures(dir.path());
        } catch (const Error& e) {
            failure = e.message();
        }
    }));
    worker->start();
    // The drawing happens on this thread, so keep its event loop running meanwhile.
    QTRY_VERIFY_WITH_TIMEOUT(worker->isFinished(), 60000);
    QCOMPARE(failure, QString());
    QCOMPARE(written.size(), 2);  // model_size ablation and failure analysis
    QCOMPARE(QImage(written.at(1)).size(), QSize(1200, 800));
}

void TestPlots::fidelityFileAndFigure() {
    // Four replays by hand: two policies at the protocol's rates and at 1.5×.
    std::vector<FidelityRow> rows;
    const auto add = [&](const char* policy, double scale, double simHit, double liveHit,
                         double simAcc, double liveAcc) {
        FidelityRow r{"fashion-mnist", policy, "poisson", "tight", scale, 7, 2000, 5};
        r.simulatedHitRate = simHit;
        r.liveHitRate = liveHit;
        r.simulatedEffectiveAccuracy = simAcc;
        r.liveEffectiveAccuracy = liveAcc;
        r.simulatedP50Ms = 1.25;
        r.liveP50Ms = 1.5;
        r.simulatedP99Ms = 4.0;
        r.liveP99Ms = 5.0;
        r.simulatedAtSpeedHitRate = simHit;  // the machine as fast as profiled
        r.simulatedAtSpeedEffectiveAccuracy = simAcc;
        rows.push_back(r);
    };
    add("StaticSmall", 1.0, 1.0, 0.995, 0.7, 0.69);
    add("StaticSmall", 1.5, 0.9, 0.85, 0.6, 0.59);  // 5 points off in hit rate
    add("CascadePlanner", 1.0, 0.8, 0.815, 0.64, 0.65);
    add("CascadePlanner", 1.5, 0.6, 0.61, 0.5, 0.485);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = QDir(dir.path()).filePath("fidelity.csv");
    writeFidelity(path, rows);
    const std::vector<FidelityRow> read = readFidelity(path);
    QCOMPARE(read.size(), rows.size());
    QCOMPARE(read[1].policy, QString("StaticSmall"));
    QCOMPARE(read[1].rateScale, 1.5);
    QCOMPARE(read[1].seed, std::uint64_t(7));
    QCOMPARE(read[1].requests, std::int64_t(2000));
    QCOMPARE(read[1].draws, 5);
    QVERIFY(std::abs(read[1].hitRateGapPp() - 5.0) < 1e-9);
    QVERIFY(std::abs(read[2].hitRateGapPp() - (-1.5)) < 1e-9);
    QVERIFY(std::abs(read[3].effectiveAccuracyGapPp() - 1.5) < 1e-9);
    QCOMPARE(read[3].liveP99Ms, 5.0);
    // The gap columns hold what the rows say, for readers of the CSV alone.
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    QVERIFY2(bytes.split('\n').at(0).endsWith(
                 ",hit_rate_gap_pp,effective_accuracy_gap_pp,speed_ratio,"
                 "simulated_at_speed_hit_rate,simulated_at_speed_effective_accuracy,"
                 "hit_rate_gap_at_speed_pp,effective_accuracy_gap_at_speed_pp"),
             bytes.constData());
    // A file written before the speed columns existed reads as a machine at profiled speed.
    QByteArray older;
    for (const QByteArray& line : bytes.split('\n')) {
        if (!line.isEmpty()) {
            older += line.split(',').mid(0, 18).join(',') + '\n';
        }
    }
    const std::vector<FidelityRow> old = parseFidelity(older, "fidelity.csv");
    QCOMPARE(old.size(), rows.size());
    QCOMPARE(old[1].speedRatio, 1.0);
    QCOMPARE(old[1].simulatedAtSpeedHitRate, 0.9);
    QCOMPARE(old[1].hitRateGapAtSpeedPp(), old[1].hitRateGapPp());
    QVERIFY2(bytes.split('\n').at(2).contains(",5,"), bytes.constData());
    // A live hit rate above 1 is refused with the file, the line and the column.
    try {
        parseFidelity(QByteArray(bytes).replace(",0.85,", ",1.85,"), "fidelity.csv");
        QFAIL("a hit rate of 1.85 was accepted");
    } catch (const Error& e) {
        QVERIFY2(e.message().startsWith("fidelity.csv:3: column 'live_hit_rate'"),
                 qPrintable(e.message()));
    }

    QCustomPlot plot;
    buildFidelityPlot(plot, read);
    QCOMPARE(reportPanels(plot).size(), 2);
    // Per panel: y = x, the two band lines, and one graph per (policy, scale).
    QCOMPARE(plottablesOf<QCPGraph>(plot).size(), 2 * (3 + 4));
    QCOMPARE(plot.legend->itemCount(), 2 + 4);
    QCPGraph* planner = graphNamed(plot, "CascadePlanner ×1.5", reportPanels(plot).at(1));
    QVERIFY(planner != nullptr);
    QCOMPARE(planner->data()->size(), 1);
    QCOMPARE(planner->data()->at(0)->key, 0.5);
    QCOMPARE(planner->data()->at(0)->value, 0.485);
    // Within ±2 points on both metrics: all but the second row.
    bool found = false;
    for (int i = 0; i < plot.plotLayout()->elementCount(); ++i) {
        if (auto* text = qobject_cast<QCPTextElement*>(plot.plotLayout()->elementAt(i))) {
            found = found || text->text().contains("3 of 4 runs within ±2 points on both");
        }
    }
    QVERIFY(found);

    // Measured 1.1× slower before the 1.5× StaticSmall replay: simulated at that speed its hit
    // rate is 0.86, 1 point from live; the hollow points show it, the caption counts it.
    std::vector<FidelityRow> calibrated = read;
    calibrated[1].speedRatio = 1.1;
    calibrated[1].simulatedAtSpeedHitRate = 0.86;
    calibrated[1].simulatedAtSpeedEffectiveAccuracy = 0.595;
    QCustomPlot withSpeed;
    buildFidelityPlot(withSpeed, calibrated);
    QCOMPARE(plottablesOf<QCPGraph>(withSpeed).size(), 2 * (3 + 4 + 4));
    QCOMPARE(withSpeed.legend->itemCount(), 2 + 4);
    QCPGraph* hollow = graphNamed(withSpeed, "StaticSmall ×1.5 at the measured speed",
                                  reportPanels(withSpeed).at(0));
    QVERIFY(hollow != nullptr);
    QCOMPARE(hollow->data()->at(0)->key, 0.86);
    QCOMPARE(hollow->data()->at(0)->value, 0.85);
    found = false;
    for (int i = 0; i < withSpeed.plotLayout()->elementCount(); ++i) {
        if (auto* text = qobject_cast<QCPTextElement*>(withSpeed.plotLayout()->elementAt(i))) {
            found = found || text->text().contains("(×1.00–1.10 the profiled time), 4 of 4 within");
        }
    }
    QVERIFY(found);

    // The report figures leave sim_vs_live.png to its stage; asked for by name, only it is drawn.
    const RenderedFigures report = renderAllReportFigures(dir.path());
    QVERIFY(report.written.isEmpty());
    QVERIFY(!QFile::exists(QDir(dir.path()).filePath("plots/sim_vs_live.png")));
    const RenderedFigures own = renderAllReportFigures(dir.path(), {"sim_vs_live.png"});
    QCOMPARE(own.written, QStringList({QDir(dir.path()).filePath("plots/sim_vs_live.png")}));
    QCOMPARE(QImage(own.written.front()).size(), QSize(1200, 800));
    const QString review = qEnvironmentVariable("AIP_PLOTS_REVIEW_DIR");
    if (!review.isEmpty()) {
        QVERIFY(QDir().mkpath(review));
        const QString copy = QDir(review).filePath("sim_vs_live.png");
        QFile::remove(copy);
        QVERIFY(QFile::copy(own.written.front(), copy));
    }
}

QTEST_MAIN(TestPlots)
#include "tst_plots.moc"
