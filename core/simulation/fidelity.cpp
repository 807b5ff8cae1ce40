#include "simulation/fidelity.h"

#include "common/quantile.h"
#include "planning/policy.h"
#include "simulation/bestfixed.h"
#include "simulation/experiment.h"
#include "simulation/liverunner.h"
#include "simulation/servingsimulator.h"

#include <QTextStream>

#include <cmath>
#include <limits>
#include <map>

namespace aip {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
/// Batches per configuration timed for the machine's speed before each live replay.
constexpr int kSpeedRepeats = 5;

double quantileOf(std::vector<double> values, double q) {
    return values.empty() ? kNaN : empiricalQuantileUnsorted(std::move(values), q);
}

QString ms(double value) {
    return std::isnan(value) ? QStringLiteral("—") : QString::number(value, 'f', 3);
}

}  // namespace

RunFidelity compareBatches(const ConfigTable& table, const SimulationResult& simulated,
                           const SimulationResult& live) {
    struct Collected {
        int simulated = 0;
        std::vector<double> forward, preprocess, postprocess, afterSwitch, afterSame;
    };
    std::map<QString, Collected> byConfig;
    // config → ConfigTable::samples() set: every configuration that runs (a cascade's stage
    // 2 too, at any of its batches) is a single entry.
    std::map<QString, int> samplesOf;
    for (const ConfigEntry& e : table.entries()) {
        if (!e.cascade) {
            samplesOf.emplace(e.stage1.id(), e.samples1);
        }
    }
    RunFidelity run;
    for (const BatchRecord& b : simulated.batches) {
        ++byConfig[b.config].simulated;
        run.simulatedBusyMs += b.preprocessMs + b.forwardMs + b.postprocessMs;
    }
    std::vector<double> gaps;
    int leftWaiting = 0;
    for (std::size_t i = 0; i < live.batches.size(); ++i) {
        const BatchRecord& b = live.batches[i];
        Collected& c = byConfig[b.config];
        run.liveBusyMs += b.preprocessMs + b.forwardMs + b.postprocessMs;
        run.liveForwardMs += b.forwardMs;
        if (b.failed) {
            leftWaiting = 0;
            continue;
        }
        c.forward.push_back(b.forwardMs);
        c.preprocess.push_back(b.preprocessMs);
        c.postprocess.push_back(b.postprocessMs);
        if (!b.previousConfig.isEmpty()) {
            (b.previousConfig == b.config ? c.afterSame : c.afterSwitch).push_back(b.forwardMs);
        }
        if (b.stage == 1) {
            // Back to back: the batch before left requests waiting, so this one started as
            // soon as the runner could start it.
            if (i > 0 && leftWaiting > 0) {
                const BatchRecord& p = live.batches[i - 1];
                gaps.push_back(b.startMs -
                               (p.startMs + p.preprocessMs + p.forwardMs + p.postprocessMs));
            }
            leftWaiting = b.queueLength - b.fill;
        }
    }
    run.liveBatches = static_cast<int>(live.batches.size());
    run.gapP50Ms = quantileOf(gaps, 0.5);
    run.gapP95Ms = quantileOf(gaps, 0.95);
    for (auto& [config, c] : byConfig) {
        ConfigFidelity f;
        f.config = config;
        f.simulatedBatches = c.simulated;
        f.liveBatches = static_cast<int>(c.forward.size());
        if (const auto set = samplesOf.find(config); set != samplesOf.end()) {
            const std::span<const double> samples = table.samples(set->second);
            const std::vector<double> copy(samples.begin(), samples.end());
            f.profiledP50Ms = quantileOf(copy, 0.5);
            f.profiledP95Ms = quantileOf(copy, 0.95);
        } else {
            f.profiledP50Ms = f.profiledP95Ms = kNaN;
        }
        f.forwardP50Ms = quantileOf(c.forward, 0.5);
        f.forwardP95Ms = quantileOf(c.forward, 0.95);
        f.preprocessP50Ms = quantileOf(c.preprocess, 0.5);
        f.preprocessP95Ms = quantileOf(c.preprocess, 0.95);
        f.postprocessP50Ms = quantileOf(c.postprocess, 0.5);
        f.switchedBatches = static_cast<int>(c.afterSwitch.size());
        f.forwardAfterSwitchP50Ms = quantileOf(c.afterSwitch, 0.5);
        f.forwardAfterSameP50Ms = quantileOf(c.afterSame, 0.5);
        run.configs.push_back(f);
    }
    return run;
}

QString formatFidelity(const RunFidelity& fidelity) {
    QString text;
    QTextStream s(&text);
    s << "per configuration (ms; forward and pre/post from the live replay, profiled from the "
         "latency samples):\n";
    s << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
             .arg(QStringLiteral("config"), -34)
             .arg(QStringLiteral("sim/live"), 9)
             .arg(QStringLiteral("prof p50/p95"), 15)
             .arg(QStringLiteral("fwd p50/p95"), 15)
             .arg(QStringLiteral("pre p50/p95"), 15)
             .arg(QStringLiteral("post p50"), 9)
             .arg(QStringLiteral("switched"), 9)
             .arg(QStringLiteral("fwd after switch/same"), 22)
             .arg(QString());
    for (const ConfigFidelity& f : fidelity.configs) {
        s << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8\n")
                 .arg(f.config, -34)
                 .arg(QStringLiteral("%1/%2").arg(f.simulatedBatches).arg(f.liveBatches), 9)
                 .arg(ms(f.profiledP50Ms) + u'/' + ms(f.profiledP95Ms), 15)
                 .arg(ms(f.forwardP50Ms) + u'/' + ms(f.forwardP95Ms), 15)
                 .arg(ms(f.preprocessP50Ms) + u'/' + ms(f.preprocessP95Ms), 15)
                 .arg(ms(f.postprocessP50Ms), 9)
                 .arg(f.switchedBatches, 9)
                 .arg(ms(f.forwardAfterSwitchP50Ms) + u'/' + ms(f.forwardAfterSameP50Ms), 22);
    }
    s << QStringLiteral(
             "busy time: live %1 ms (forward %2 ms) in %3 batches, simulated %4 ms; "
             "gap between back-to-back batches p50 %5 ms, p95 %6 ms\n")
             .arg(fidelity.liveBusyMs, 0, 'f', 1)
             .arg(fidelity.liveForwardMs, 0, 'f', 1)
             .arg(fidelity.liveBatches)
             .arg(fidelity.simulatedBusyMs, 0, 'f', 1)
             .arg(ms(fidelity.gapP50Ms), ms(fidelity.gapP95Ms));
    return text;
}

QStringList fidelityPolicies(const ProtocolConfig& protocol) {
    return protocol.fidelity.policies.isEmpty() ? servingPolicies() : protocol.fidelity.policies;
}

namespace {

/// One replay: `trace` simulated `draws` times (independent service-time draws, averaged) and
/// run once live, in the job's progress window [start, start + span].
FidelityRow replay(FidelityRow row, const Trace& trace, const Policy& policy,
                   const LiveModels& models, const RunLabels& labels, double progressStart,
                   double progressSpan, JobContext& context) {
    const double decisionCostMs = chargedDecisionCostMs(policy, trace);
    // How fast the machine serves now against its profiles, right before the replay.
    row.speedRatio = models.servingSpeedRatio(policy.table(), kSpeedRepeats, labels.seed);
    for (int d = 0; d < row.draws; ++d) {
        SimulationOptions options;
        options.labels = labels;
        options.drawStream = d;
        options.decisionCostMs = decisionCostMs;
        const RunMetrics m = ServingSimulator::run(trace, policy, options).metrics;
        row.simulatedHitRate += m.hitRate / row.draws;
        row.simulatedEffectiveAccuracy += m.effectiveAccuracy / row.draws;
        row.simulatedP50Ms += m.p50Ms / row.draws;
        row.simulatedP99Ms += m.p99Ms / row.draws;
        options.serviceTimeScale = row.speedRatio;
        const RunMetrics atSpeed = ServingSimulator::run(trace, policy, options).metrics;
        row.simulatedAtSpeedHitRate += atSpeed.hitRate / row.draws;
        row.simulatedAtSpeedEffectiveAccuracy += atSpeed.effectiveAccuracy / row.draws;
    }
    LiveOptions live;
    live.labels = labels;
    context.setProgressWindow(progressStart, progressSpan);
    const RunMetrics m = runLive(trace, policy, models, live, context).metrics;
    context.setProgressWindow(0.0, 1.0);
    row.liveHitRate = m.hitRate;
    row.liveEffectiveAccuracy = m.effectiveAccuracy;
    row.liveP50Ms = m.p50Ms;
    row.liveP99Ms = m.p99Ms;
    context.log(QStringLiteral("%1 %2/%3 ×%4: hit rate simulated %5 (at the measured speed "
                               "×%6: %7), live %8; effective accuracy simulated %9 (%10), "
                               "live %11")
                    .arg(row.policy, row.workload, row.deadlineSet)
                    .arg(row.rateScale)
                    .arg(row.simulatedHitRate, 0, 'f', 4)
                    .arg(row.speedRatio, 0, 'f', 3)
                    .arg(row.simulatedAtSpeedHitRate, 0, 'f', 4)
                    .arg(row.liveHitRate, 0, 'f', 4)
                    .arg(row.simulatedEffectiveAccuracy, 0, 'f', 4)
                    .arg(row.simulatedAtSpeedEffectiveAccuracy, 0, 'f', 4)
                    .arg(row.liveEffectiveAccuracy, 0, 'f', 4));
    return row;
}

}  // namespace

std::vector<FidelityRow> runFidelityReplays(const ConfigSet& configs, const PlannerTables& data,
                                            const ModelFiles& files, const DataSearchPath& search,
                                            std::uint64_t seed, JobContext& context) {
    const ProtocolConfig& protocol = configs.protocol;
    const FidelitySpec& spec = protocol.fidelity;
    const QStringList policies = fidelityPolicies(protocol);
    const double total =
        static_cast<double>(protocol.tasks.size() * spec.rateScales.size() *
                            protocol.workloads.size() * protocol.deadlineSets.size()) *
        static_cast<double>(policies.size());
    std::vector<FidelityRow> rows;
    for (const QString& task : protocol.tasks) {
        const ConfigTable& table = data.table(task);
        context.setProgress(static_cast<double>(rows.size()) / total,
                            QStringLiteral("%1: loading the models").arg(task));
        const std::unique_ptr<LiveModels> models =
            LiveModels::load(table, configs, files, search, context);
        for (const double scale : spec.rateScales) {
            for (const WorkloadSpec& workload : protocol.workloads) {
                for (const QString& set : protocol.deadlineSets) {
                    const Trace trace = experimentTrace(configs, table, workload.name, set, seed,
                                                        {scale, spec.durationS});
                    for (const QString& name : policies) {
                        context.throwIfCancelled();
                        const FidelityRow row{task,
                                              name,
                                              workload.name,
                                              set,
                                              scale,
                                              seed,
                                              static_cast<std::int64_t>(trace.size()),
                                              spec.simulationDraws};
                        rows.push_back(replay(
                            row, trace, *makePolicy(name, table, planningOptionsFor({}, trace)),
                            *models, {workload.name, set, seed},
                            static_cast<double>(rows.size()) / total, 1.0 / total, context));
                    }
                }
            }
        }
    }
    return rows;
}

}  // namespace aip
