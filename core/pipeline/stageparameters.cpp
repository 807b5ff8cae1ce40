#include "pipeline/stageparameters.h"

namespace aip::stageparams {

namespace {

QJsonArray numbers(const std::vector<double>& values) {
    QJsonArray array;
    for (const double v : values) {
        array.append(v);
    }
    return array;
}

QJsonObject task(const TaskSpec& t) {
    return {{QStringLiteral("id"), t.id},
            {QStringLiteral("dataset"), t.dataset},
            {QStringLiteral("train_split"), t.trainSplit},
            {QStringLiteral("eval_split"), t.evalSplit},
            {QStringLiteral("num_classes"), t.numClasses},
            {QStringLiteral("input"),
             QJsonObject{{QStringLiteral("kind"), t.input.kind == InputSpec::Kind::Image
                                                      ? QStringLiteral("image")
                                                      : QStringLiteral("text")},
                         {QStringLiteral("channels"), t.input.channels},
                         {QStringLiteral("height"), t.input.height},
                         {QStringLiteral("width"), t.input.width},
                         {QStringLiteral("max_length"), t.input.maxLength}}}};
}

QJsonObject preprocessing(const Preprocessing& p) {
    return {{QStringLiteral("mean"), numbers(p.mean)},
            {QStringLiteral("std"), numbers(p.std)},
            {QStringLiteral("resize"), QJsonArray{p.resizeHeight, p.resizeWidth}},
            {QStringLiteral("tokenizer"), p.tokenizer},
            {QStringLiteral("vocab"), p.vocab},
            {QStringLiteral("max_length"), p.maxLength}};
}

}  // namespace

QJsonObject sweep(const SweepSpec& sweep) {
    QJsonArray batches;
    for (const int b : sweep.batchSizes) {
        batches.append(b);
    }
    return {{QStringLiteral("precisions"), QJsonArray::fromStringList(sweep.precisions)},
            {QStringLiteral("batch_sizes"), batches},
            {QStringLiteral("devices"), QJsonArray::fromStringList(sweep.devices)}};
}

QJsonObject training(const TrainingSpec& training) {
    return {{QStringLiteral("epochs"), training.epochs},
            {QStringLiteral("batch_size"), training.batchSize},
            {QStringLiteral("learning_rate"), training.learningRate},
            {QStringLiteral("max_examples"), training.maxExamples},
            {QStringLiteral("vocab_size"), training.vocabSize},
            {QStringLiteral("precision"), training.precision},
            {QStringLiteral("progressive_resize"),
             QJsonArray{training.resizeFrom, training.resizeUntil}}};
}

QJsonArray sweptModels(const ConfigSet& configs, bool withTraining) {
    QJsonArray array;
    for (const ModelVariant* m : configs.sweptModels()) {
        QJsonObject params;
        for (auto it = m->params.cbegin(); it != m->params.cend(); ++it) {
            params.insert(it.key(), it.value());
        }
        QJsonObject model{{QStringLiteral("id"), m->id},
                          {QStringLiteral("architecture"), m->architecture},
                          {QStringLiteral("file"), m->file},
                          {QStringLiteral("params"), params},
                          {QStringLiteral("preprocessing"), preprocessing(m->preprocessing)},
                          {QStringLiteral("task"), task(*configs.models.task(m->task))}};
        if (withTraining) {
            model.insert(QStringLiteral("training"), training(configs.protocol.trainingFor(*m)));
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
        array.append(QJsonObject{{QStringLiteral("id"), h.id},
                                 {QStringLiteral("statement"), h.statement},
                                 {QStringLiteral("metric"), h.metric},
                                 {QStringLiteral("policy"), h.policy},
                                 {QStringLiteral("baseline"), h.baseline},
                                 {QStringLiteral("alternative"), h.alternative}});
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

}  // namespace aip::stageparams
