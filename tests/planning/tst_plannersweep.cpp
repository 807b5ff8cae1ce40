// The planner against the fixed policies on recorded profiles, over loads from light to twice what
// the small model serves, four arrival shapes and a real arrival trace, and deadline sets from
// sub-millisecond to loose: never more than a point
// below the best of them in any cell.

#include "common/seededrng.h"
#include "config/protocolconfig.h"
#include "planning/baselines.h"
#include "planning/configtable.h"
#include "planning/policy.h"
#include "results/profilefiles.h"
#include "simulation/experiment.h"
#include "simulation/servingsimulator.h"
#include "workload/workloadgenerator.h"

#include <QDir>
#include <QFile>
#include <QTest>

#include <map>

using namespace aip;

namespace {

/// What the shipped configs/deadlines.yaml declares.
const std::map<QString, std::vector<double>> kDeadlineSets = {
    {QStringLiteral("sub-ms"), {0.5, 0.8, 1.2, 2}},
    {QStringLiteral("tight"), {2, 3, 5, 8}},
    {QStringLiteral("moderate"), {5, 10, 20, 40}},
    {QStringLiteral("loose"), {50, 100, 200}},
};

/// Four arrival shapes with mean rate about `rate` requests per second.
std::vector<WorkloadSpec> shapes(double rate, double durationS) {
    WorkloadSpec poisson;
    poisson.name = QStringLiteral("poisson");
    poisson.arrival = WorkloadSpec::Arrival::Poisson;
    poisson.rateRps = rate;
    poisson.durationS = durationS;
    WorkloadSpec bursty = poisson;
    bursty.name = QStringLiteral("bursty");
    bursty.arrival = WorkloadSpec::Arrival::Bursty;
    bursty.rateOnRps = 2.5 * rate;
    bursty.rateOffRps = 0.25 * rate;
    bursty.meanOnS = 0.5;
    bursty.meanOffS = 1.0;
    WorkloadSpec diurnal = poisson;
    diurnal.name = QStringLiteral("diurnal");
    diurnal.arrival = WorkloadSpec::Arrival::Diurnal;
    diurnal.amplitude = 0.8;
    diurnal.periodS = durationS / 2.0;
    WorkloadSpec spike = poisson;
    spike.name = QStringLiteral("spike");
    spike.arrival = WorkloadSpec::Arrival::Spike;
    spike.rateRps = 0.5 * rate;
    spike.spikeRps = 3.0 * rate;
    spike.spikeStartS = durationS / 3.0;
    spike.spikeDurationS = durationS / 6.0;
    return {poisson, bursty, diurnal, spike};
}

/// The real arrival times of data/debian-changelog-arrivals, in seconds.
std::vector<double> recordedArrivalsS(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        return {};
    }
    std::vector<double> times;
    file.readLine();  // header
    while (!file.atEnd()) {
        bool ok = false;
        const double t = file.readLine().trimmed().toDouble(&ok);
        if (ok) {
            times.push_back(t);
        }
    }
    return times;
}

/// The recorded arrivals compressed in time to a mean rate of `rate` requests per second, with
/// deadlines drawn from the set and examples drawn uniformly, seeded.
Trace replayed(const std::vector<double>& arrivalsS, double rate,
               const std::vector<double>& deadlines, std::int64_t exampleCount,
               std::uint64_t seed) {
    const double recordedRate =
        static_cast<double>(arrivalsS.size() - 1) / (arrivalsS.back() - arrivalsS.front());
    const double msPerRecordedS = 1000.0 * recordedRate / rate;
    SeededRng rng(seed, QStringLiteral("sweep/replay"));
    Trace trace;
    for (std::size_t k = 0; k < arrivalsS.size(); ++k) {
        const auto d = static_cast<std::size_t>(
            rng.uniformInt(0, static_cast<std::int64_t>(deadlines.size()) - 1));
        trace.push_back(Request{static_cast<std::int64_t>(k),
                                (arrivalsS[k] - arrivalsS.front()) * msPerRecordedS, deadlines[d],
                                rng.uniformInt(0, exampleCount - 1)});
    }
    return trace;
}

RunMetrics metricsOf(const ConfigTable& table, const QString& policy, const Trace& trace,
                     const RunLabels& labels) {
    const std::unique_ptr<Policy> p = makePolicy(policy, table);
    SimulationOptions options;
    options.labels = labels;
    options.measureDecisionTime = false;
    options.decisionCostMs = ServingSimulator::measuredDecisionCostMs(*p, trace);
    return ServingSimulator::run(trace, *p, options).metrics;
}

}  // namespace

class TestPlannerSweep final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void plannerIsNeverBelowTheFixedPolicies();
};

void TestPlannerSweep::plannerIsNeverBelowTheFixedPolicies() {
    // The recorded folder as a user names it, relative to where they stand.
    QVERIFY(QDir::setCurrent(QStringLiteral(AIP_TEST_SOURCE_DIR)));
    const QString folder = QStringLiteral("./tests/planning/data/recorded-fmnist-quick");
    ConfigTableOptions options;
    options.task = QStringLiteral("fashion-mnist");
    options.riskEpsilon = 0.05;
    options.costPerDeviceHour.insert(QStringLiteral("cpu"), 0.05);
    options.cascades.push_back(CascadeSpec{QStringLiteral("fmnist-resnet18-w0.25"),
                                           QStringLiteral("fmnist-resnet18-w0.5"),
                                           {0.5, 0.7, 0.8, 0.9, 0.95, 0.99}});
    options.splitSeed = 20261126;
    const ConfigTable table =
        ConfigTable::build(profilefiles::readLatencyProfiles(folder),
                           profilefiles::readAccuracyProfiles(folder), options);
    QVERIFY(table.hasSplit());

    const std::vector<double> arrivals = recordedArrivalsS(
        QStringLiteral("tests/planning/data/debian-changelog-arrivals/arrivals.csv"));
    QCOMPARE(arrivals.size(), std::size_t{7283});

    // What two cores serve with the small model, one request after another.
    const ConfigEntry& small = table.entry(staticSmallEntry(table));
    const double capacity = 1000.0 * small.batchSize / small.meanMs;
    const QStringList compared = {QStringLiteral("StaticSmall"), QStringLiteral("StaticLarge"),
                                  QStringLiteral("ThroughputAutotuner"), QStringLiteral("INFaaS")};
    const std::vector<std::uint64_t> seeds = {1, 2};
    int cells = 0;
    int wins = 0;
    double gapToBest = 0.0;
    double gapToInfaas = 0.0;
    QString report;
    QStringList below;   // cells where the planner is more than a point below StaticSmall
    QStringList behind;  // cells where it is more than a point below the best fixed policy
    for (const double load : {0.1, 0.5, 1.0, 2.0}) {
        std::vector<WorkloadSpec> workloads = shapes(load * capacity, 4.0);
        WorkloadSpec uploads;  // the recorded arrivals, replayed at this load
        uploads.name = QStringLiteral("debian-uploads");
        workloads.push_back(uploads);
        for (const WorkloadSpec& shape : workloads) {
            for (const auto& [set, deadlines] : kDeadlineSets) {
                std::map<QString, double> mean;
                std::map<QString, double> hits;
                for (const std::uint64_t seed : seeds) {
                    const Trace trace = onTestHalf(
                        shape.name == uploads.name
                            ? replayed(arrivals, load * capacity, deadlines, table.exampleCount(),
                                       seed)
                            : generateTrace(shape, deadlines, table.exampleCount(), seed),
                        table);
                    const RunLabels labels{shape.name, set, seed};
                    for (const QString& policy : compared + QStringList{"CascadePlanner"}) {
                        const RunMetrics m = metricsOf(table, policy, trace, labels);
                        mean[policy] += m.effectiveAccuracy / static_cast<double>(seeds.size());
                        hits[policy] += m.hitRate / static_cast<double>(seeds.size());
                    }
                }
                double best = 0.0;
                QString bestName;
                for (const QString& policy : compared) {
                    if (mean[policy] > best) {
                        best = mean[policy];
                        bestName = policy;
                    }
                }
                const double planner = mean[QStringLiteral("CascadePlanner")];
                const QString cell =
                    QStringLiteral("load %1× %2 / %3").arg(load).arg(shape.name, set);
                report += QStringLiteral(
                              "%1: planner %2 (hits %3), StaticSmall %4 (hits %5), "
                              "best %6 %7\n")
                              .arg(cell)
                              .arg(planner, 0, 'f', 3)
                              .arg(hits[QStringLiteral("CascadePlanner")], 0, 'f', 3)
                              .arg(mean[QStringLiteral("StaticSmall")], 0, 'f', 3)
                              .arg(hits[QStringLiteral("StaticSmall")], 0, 'f', 3)
                              .arg(bestName)
                              .arg(best, 0, 'f', 3);
                if (planner < mean[QStringLiteral("StaticSmall")] - 0.01) {
                    below << cell;
                }
                if (planner < best - 0.01) {
                    behind << QStringLiteral("%1 (%2 %3)").arg(cell, bestName).arg(best, 0, 'f', 3);
                }
                ++cells;
                wins += planner > best ? 1 : 0;
                gapToBest += planner - best;
                gapToInfaas += planner - mean[QStringLiteral("INFaaS")];
            }
        }
    }
    report += QStringLiteral(
                  "mean over the cells: planner − best fixed policy %1 points, "
                  "planner − INFaaS %2 points\n")
                  .arg(100.0 * gapToBest / cells, 0, 'f', 2)
                  .arg(100.0 * gapToInfaas / cells, 0, 'f', 2);
    qInfo().noquote() << report;
    QVERIFY2(below.isEmpty(), qPrintable(QStringLiteral("planner more than 1 point below "
                                                        "StaticSmall in: ") +
                                         below.join(QStringLiteral("; "))));
    QVERIFY2(behind.isEmpty(), qPrintable(QStringLiteral("planner more than 1 point below the "
                                                         "best fixed policy in: ") +
                                          behind.join(QStringLiteral("; "))));
    QCOMPARE(cells, 4 * 5 * 4);
    QVERIFY(wins > 0);
}

QTEST_GUILESS_MAIN(TestPlannerSweep)
#include "tst_plannersweep.moc"
