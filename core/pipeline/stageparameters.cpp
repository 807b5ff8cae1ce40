#include "pipeline/stageparameters.h"

#include "model/modeljson.h"

namespace aip::stageparams {

using modeljson::numbers;

QJsonObject sweep(const SweepSpec& sweep) {
    QJsonArray batches;
    for (const int b : sweep.batchSizes) {
        batches.append(b);
    }
    return {{QStringLiteral("precisions"), QJsonArray::fromStringList(sweep.precisions)},
            {QStringLiteral("batch_sizes"), batches},
            {QStringLiteral("devices"), QJsonArray::fromStringList(sweep.devices)}};
}

QJsonArray sweptModels(const ConfigSet& configs, bool withTraining) {
    QJsonArray array;
    for (const ModelVariant* m : configs.sweptModels()) {
        QJsonObject model{
            {QStringLiteral("id"), m->id},
            {QStringLiteral("architecture"), m->architecture},
            {QStringLiteral("file"), m->file},
            {QStringLiteral("params"), modeljson::modelParameters(*m)},
            {QStringLiteral("preprocessing"), modeljson::preprocessing(m->preprocessing)},
            {QStringLiteral("task"), modeljson::task(*configs.models.task(m->task))}};
        if (withTraining) {
            model.insert(QStringLiteral("training"),
                         modeljson::training(configs.protocol.trainingFor(*m)));
        }
        array.append(model);
    }
    return array;
}

QJsonObject latencyProfiling(const LatencyProfilingSpec& l) {
    return {{QStringLiteral("warmup_iterations"), l.warmupIterations},
            {QStringLiteral("warmup_seconds"), l.warmupSeconds},
            {QStringLiteral("ci_half_width"), l.ciHalfWidth},
            {QStringLiteral("min_samples"), l.minSamples},
            {QStringLiteral("max_samples"), l.maxSamples},
            {QStringLiteral("max_seconds"), l.maxSeconds}};
}

QJsonArray workloads(const std::vector<WorkloadSpec>& workloads) {
    QJsonArray array;
    for (const WorkloadSpec& w : workloads) {
        array.append(QJsonObject{{QStringLiteral("name"), w.name},
                                 {QStringLiteral("arrival"), arrivalName(w.arrival)},
                                 {QStringLiteral("duration_s"), w.durationS},
                                 {QStringLiteral("rate_rps"), w.rateRps},
                                 {QStringLiteral("rate_on_rps"), w.rateOnRps},
                                 {QStringLiteral("rate_off_rps"), w.rateOffRps},
                                 {QStringLiteral("mean_on_s"), w.meanOnS},
                                 {QStringLiteral("mean_off_s"), w.meanOffS},
                                 {QStringLiteral("amplitude"), w.amplitude},
                                 {QStringLiteral("period_s"), w.periodS},
                                 {QStringLiteral("spike_rps"), w.spikeRps},
                                 {QStringLiteral("spike_start_s"), w.spikeStartS},
                                 {QStringLiteral("spike_duration_s"), w.spikeDurationS},
                                 {QStringLiteral("file"), w.traceFile}});
    }
    return array;
}

QJsonObject deadlineSets(const ConfigSet& configs) {
    QJsonObject sets;
    for (const QString& name : configs.protocol.deadlineSets) {
        const auto found = configs.deadlines.sets.find(name);
        sets.insert(name,
                    found == configs.deadlines.sets.end() ? QJsonArray() : numbers(found->second));
    }
    return sets;
}

QJsonArray cascades(const ConfigSet& configs) {
    QStringList swept;
    for (const ModelVariant* m : configs.sweptModels()) {
        swept.append(m->id);
    }
    QJsonArray array;
    for (const CascadeSpec& c : configs.models.cascades) {
        if (!swept.contains(c.stage1) || !swept.contains(c.stage2)) {
            continue;
        }
        array.append(QJsonObject{{QStringLiteral("stage1"), c.stage1},
                                 {QStringLiteral("stage2"), c.stage2},
                                 {QStringLiteral("thresholds"), numbers(c.thresholds)}});
    }
    return array;
}

QJsonArray hypotheses(const std::vector<HypothesisSpec>& hypotheses) {
    QJsonArray array;
    for (const HypothesisSpec& h : hypotheses) {
        QJsonObject o{{QStringLiteral("id"), h.id},
                      {QStringLiteral("statement"), h.statement},
                      {QStringLiteral("metric"), h.metric},
                      {QStringLiteral("policy"), h.policy},
                      {QStringLiteral("baseline"), h.baseline},
                      {QStringLiteral("alternative"), h.alternative}};
        // Only where declared, so that a hypothesis without them keeps its parameters.
        if (h.claimed) {
            o.insert(QStringLiteral("claimed"), *h.claimed);
        }
        if (h.isDominatedShare()) {
            o.insert(QStringLiteral("space"), h.space);
        }
        array.append(o);
    }
    return array;
}

QJsonObject costPerDeviceHour(const ProtocolConfig& protocol) {
    QJsonObject cost;
    for (auto it = protocol.costPerDeviceHour.cbegin(); it != protocol.costPerDeviceHour.cend();
         ++it) {
        cost.insert(it.key(), it.value());
    }
    return cost;
}

QJsonObject paretoReference(const ProtocolConfig& protocol) {
    return {{QStringLiteral("latency_ms"), protocol.paretoReferenceLatencyMs},
            {QStringLiteral("cost_per_1k"), protocol.paretoReferenceCostPer1k},
            {QStringLiteral("accuracy"), protocol.paretoReferenceAccuracy}};
}

QJsonObject fidelity(const ProtocolConfig& protocol, const QStringList& policies) {
    const FidelitySpec& f = protocol.fidelity;
    QJsonArray scales;
    for (const double scale : f.rateScales) {
        scales.append(scale);
    }
    return {{QStringLiteral("duration_s"), f.durationS},
            {QStringLiteral("rate_scales"), scales},
            {QStringLiteral("policies"), QJsonArray::fromStringList(policies)},
            {QStringLiteral("simulation_draws"), f.simulationDraws}};
}

}  // namespace aip::stageparams
