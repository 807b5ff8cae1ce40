#include "config/protocolconfig.h"

#include "config/yamlreader.h"

#include <QDir>
#include <QFileInfo>

#include <cmath>

namespace aip {

using config_detail::YamlReader;

QStringList knownMetrics() {
    return {QStringLiteral("hit_rate"),
            QStringLiteral("accuracy"),
            QStringLiteral("effective_accuracy"),
            QStringLiteral("cost_per_1k"),
            QStringLiteral("p50_ms"),
            QStringLiteral("p95_ms"),
            QStringLiteral("p99_ms"),
            QStringLiteral("escalation_rate")};
}

QStringList knownRateMetrics() {
    return {QStringLiteral("hit_rate"), QStringLiteral("accuracy"),
            QStringLiteral("effective_accuracy"), QStringLiteral("escalation_rate")};
}

QString dominatedShareMetric() {
    return QStringLiteral("dominated_share");
}

bool HypothesisSpec::isDominatedShare() const {
    return metric == dominatedShareMetric();
}

QStringList knownPolicies() {
    return QStringList{QStringLiteral("CascadePlanner"), QStringLiteral("StaticSmall"),
                       QStringLiteral("StaticLarge"),    QStringLiteral("ThroughputAutotuner"),
                       QStringLiteral("INFaaS"),         QStringLiteral("INFaaS-tail"),
                       QStringLiteral("MDPPlanner")} +
           knownBounds();
}

QStringList knownBounds() {
    return {QStringLiteral("BestFixedInHindsight"), QStringLiteral("Oracle")};
}

QString arrivalName(WorkloadSpec::Arrival arrival) {
    switch (arrival) {
        case WorkloadSpec::Arrival::Poisson:
            return QStringLiteral("poisson");
        case WorkloadSpec::Arrival::Bursty:
            return QStringLiteral("bursty");
        case WorkloadSpec::Arrival::Diurnal:
            return QStringLiteral("diurnal");
        case WorkloadSpec::Arrival::Spike:
            return QStringLiteral("spike");
        case WorkloadSpec::Arrival::Trace:
            return QStringLiteral("trace");
    }
    return {};
}

namespace {

WorkloadSpec parseWorkload(const YamlReader& r, const YAML::Node& node) {
    r.requireMap(node, QStringLiteral("each workload"));
    WorkloadSpec w;
    w.name = r.requireString(node, "name");
    const QString arrival =
        r.choice(node, "arrival",
                 {QStringLiteral("poisson"), QStringLiteral("bursty"), QStringLiteral("diurnal"),
                  QStringLiteral("spike"), QStringLiteral("trace")});
    const QString where = QStringLiteral("a %1 workload").arg(arrival);
    const QString name = QStringLiteral("name");
    const QString kind = QStringLiteral("arrival");
    const QString duration = QStringLiteral("duration_s");
    if (arrival == u"poisson") {
        w.arrival = WorkloadSpec::Arrival::Poisson;
        r.checkKeys(node, {name, kind, duration, QStringLiteral("rate_rps")}, where);
        w.rateRps = r.requirePositive(node, "rate_rps");
    } else if (arrival == u"bursty") {
        w.arrival = WorkloadSpec::Arrival::Bursty;
        r.checkKeys(
            node,
            {name, kind, duration, QStringLiteral("rate_on_rps"), QStringLiteral("rate_off_rps"),
             QStringLiteral("mean_on_s"), QStringLiteral("mean_off_s")},
            where);
        w.rateOnRps = r.requirePositive(node, "rate_on_rps");
        w.rateOffRps = r.requirePositive(node, "rate_off_rps");
        w.meanOnS = r.requirePositive(node, "mean_on_s");
        w.meanOffS = r.requirePositive(node, "mean_off_s");
    } else if (arrival == u"diurnal") {
        w.arrival = WorkloadSpec::Arrival::Diurnal;
        r.checkKeys(node,
                    {name, kind, duration, QStringLiteral("rate_rps"), QStringLiteral("amplitude"),
                     QStringLiteral("period_s")},
                    where);
        w.rateRps = r.requirePositive(node, "rate_rps");
        w.amplitude = r.requireFraction(node, "amplitude", false);
        w.periodS = r.requirePositive(node, "period_s");
    } else if (arrival == u"spike") {
        w.arrival = WorkloadSpec::Arrival::Spike;
        r.checkKeys(node,
                    {name, kind, duration, QStringLiteral("rate_rps"), QStringLiteral("spike_rps"),
                     QStringLiteral("spike_start_s"), QStringLiteral("spike_duration_s")},
                    where);
        w.rateRps = r.requirePositive(node, "rate_rps");
        w.spikeRps = r.requirePositive(node, "spike_rps");
        w.spikeStartS = r.number(r.require(node, "spike_start_s"), QStringLiteral("spike_start_s"));
        if (w.spikeStartS < 0) {
            r.fail(node["spike_start_s"],
                   QStringLiteral("spike_start_s must be a non-negative number"));
        }
        w.spikeDurationS = r.requirePositive(node, "spike_duration_s");
    } else {
        w.arrival = WorkloadSpec::Arrival::Trace;
        r.checkKeys(node, {name, kind, QStringLiteral("file")}, where);
        // Relative to the protocol's folder, as every config format resolves its own paths.
        const QString declared = r.requireString(node, "file");
        w.traceFile = QDir::cleanPath(QFileInfo(r.path()).absoluteDir().absoluteFilePath(declared));
        if (!QFileInfo(w.traceFile).isFile()) {
            r.fail(node["file"],
                   QStringLiteral("workload '%1': no trace file %2 (a relative file: is read from "
                                  "the protocol's folder)")
                       .arg(w.name, w.traceFile));
        }
        return w;
    }
    w.durationS = r.requirePositive(node, "duration_s");
    if (w.arrival == WorkloadSpec::Arrival::Spike && w.spikeStartS >= w.durationS) {
        r.fail(node["spike_start_s"], QStringLiteral("spike_start_s must be before duration_s"));
    }
    return w;
}

FidelitySpec parseFidelity(const YamlReader& r, const YAML::Node& node) {
    r.requireMap(node, QStringLiteral("fidelity"));
    r.checkKeys(node,
                {QStringLiteral("run_by_default"), QStringLiteral("duration_s"),
                 QStringLiteral("rate_scales"), QStringLiteral("policies"),
                 QStringLiteral("simulation_draws")},
                QStringLiteral("fidelity"));
    FidelitySpec f;
    f.runByDefault = r.optionalBool(node, "run_by_default", f.runByDefault);
    f.durationS = r.optionalPositive(node, "duration_s", f.durationS);
    if (const YAML::Node scales = node["rate_scales"]) {
        f.rateScales = r.positiveNumberList(scales, QStringLiteral("rate_scales"));
    }
    if (const YAML::Node policies = node["policies"]) {
        // The hindsight bounds have no decisions to replay.
        QStringList replayable = knownPolicies();
        for (const QString& bound : knownBounds()) {
            replayable.removeAll(bound);
        }
        f.policies = r.choiceList(policies, QStringLiteral("policies"), replayable);
    }
    f.simulationDraws = r.optionalPositiveInt(node, "simulation_draws", f.simulationDraws);
    return f;
}

const QStringList kHypothesisKeys{QStringLiteral("id"),       QStringLiteral("statement"),
                                  QStringLiteral("metric"),   QStringLiteral("policy"),
                                  QStringLiteral("baseline"), QStringLiteral("claimed")};

/// "hypothesis 'ID'", the start of every message about one hypothesis.
QString hypothesisLabel(const HypothesisSpec& h) {
    return QStringLiteral("hypothesis '%1'").arg(h.id);
}

/// A metric comparison's claimed difference: on the side of its alternative, and for a rate
/// (a fraction) no larger than 1, which catches points written where a fraction belongs.
double parseClaimedDifference(const YamlReader& r, const YAML::Node& node,
                              const HypothesisSpec& h) {
    const YAML::Node at = node["claimed"];
    const double claimed = r.number(at, QStringLiteral("claimed"));
    const bool wrongSide = (h.alternative == u"greater" && !(claimed > 0.0)) ||
                           (h.alternative == u"less" && !(claimed < 0.0));
    if (wrongSide) {
        r.fail(at, QStringLiteral("%1: claimed must be a %2 difference for alternative %3 (the "
                                  "policy's value %4), found %5")
                       .arg(hypothesisLabel(h),
                            h.alternative == u"greater" ? QStringLiteral("positive")
                                                        : QStringLiteral("negative"),
                            h.alternative,
                            h.alternative == u"greater" ? QStringLiteral("higher")
                                                        : QStringLiteral("lower"))
                       .arg(claimed));
    }
    if (knownRateMetrics().contains(h.metric) && std::abs(claimed) > 1.0) {
        r.fail(at, QStringLiteral("%1: claimed %2 is no difference of two rates: %3 is a "
                                  "fraction in [0, 1], so 4.5 points is claimed: 0.045")
                       .arg(hypothesisLabel(h))
                       .arg(claimed)
                       .arg(h.metric));
    }
    return claimed;
}

void parseMetricHypothesis(const YamlReader& r, const YAML::Node& node, HypothesisSpec& h) {
    r.checkKeys(node, kHypothesisKeys + QStringList{QStringLiteral("alternative")},
                QStringLiteral("a hypothesis on %1").arg(h.metric));
    h.baseline = r.choice(node, "baseline", knownPolicies());
    h.alternative =
        r.choice(node, "alternative",
                 {QStringLiteral("greater"), QStringLiteral("less"), QStringLiteral("two-sided")});
    if (h.policy == h.baseline) {
        r.fail(node,
               QStringLiteral("%1 compares %2 with itself").arg(hypothesisLabel(h), h.policy));
    }
    if (node["claimed"]) {
        h.claimed = parseClaimedDifference(r, node, h);
    }
}

/// `baseline:` of a dominated share: all, one policy, or a list of them.
void parseDominanceBaselines(const YamlReader& r, const YAML::Node& node, HypothesisSpec& h) {
    const YAML::Node at = r.require(node, "baseline");
    if (at.IsScalar() && r.string(at, QStringLiteral("baseline")) == u"all") {
        h.baseline = QStringLiteral("all");
        return;
    }
    h.baselines = at.IsSequence() ? r.choiceList(at, QStringLiteral("baseline"), knownPolicies())
                                  : QStringList{r.choice(node, "baseline", knownPolicies())};
    for (qsizetype i = 0; i < h.baselines.size(); ++i) {
        const QString& name = h.baselines.at(i);
        if (name == h.policy || h.baselines.indexOf(name) != i) {
            r.fail(at, QStringLiteral("%1: baseline lists %2 %3")
                           .arg(hypothesisLabel(h), name,
                                name == h.policy ? QStringLiteral("(the hypothesis's own policy)")
                                                 : QStringLiteral("twice")));
        }
    }
    h.baseline = h.baselines.join(QStringLiteral(", "));
}

void parseDominanceHypothesis(const YamlReader& r, const YAML::Node& node, HypothesisSpec& h) {
    if (node["alternative"]) {
        r.fail(node["alternative"],
               QStringLiteral("%1: a %2 hypothesis takes no alternative: its share is set "
                              "against the claimed share")
                   .arg(hypothesisLabel(h), h.metric));
    }
    r.checkKeys(node, kHypothesisKeys + QStringList{QStringLiteral("space")},
                QStringLiteral("a %1 hypothesis").arg(h.metric));
    h.space = r.choice(node, "space", {QStringLiteral("latency"), QStringLiteral("cost")});
    parseDominanceBaselines(r, node, h);
    if (!node["claimed"]) {
        r.fail(node, QStringLiteral("%1: a %2 hypothesis needs claimed, the claimed share in "
                                    "[0, 1]")
                         .arg(hypothesisLabel(h), h.metric));
    }
    h.claimed = r.number(node["claimed"], QStringLiteral("claimed"));
    if (*h.claimed < 0.0 || *h.claimed > 1.0) {
        r.fail(node["claimed"], QStringLiteral("%1: claimed must be a share in [0, 1], found %2")
                                    .arg(hypothesisLabel(h))
                                    .arg(*h.claimed));
    }
}

HypothesisSpec parseHypothesis(const YamlReader& r, const YAML::Node& node) {
    r.requireMap(node, QStringLiteral("each hypothesis"));
    HypothesisSpec h;
    h.id = r.requireString(node, "id");
    h.statement = r.requireString(node, "statement");
    h.metric = r.choice(node, "metric", knownMetrics() + QStringList{dominatedShareMetric()});
    h.policy = r.choice(node, "policy", knownPolicies());
    if (h.isDominatedShare()) {
        parseDominanceHypothesis(r, node, h);
    } else {
        parseMetricHypothesis(r, node, h);
    }
    return h;
}

}  // namespace

namespace {

/// `tasks`, the optional `models` subset (each declared in models.yaml, of a listed task) and the
/// optional `sweep` override.
void parseScope(const YamlReader& r, const YAML::Node& root, const ModelsConfig* models,
                ProtocolConfig& p) {
    const YAML::Node tasks = r.require(root, "tasks");
    p.tasks = r.stringList(tasks, QStringLiteral("tasks"));
    if (models != nullptr) {
        for (qsizetype i = 0; i < p.tasks.size(); ++i) {
            if (models->task(p.tasks.at(i)) == nullptr) {
                r.fail(tasks[static_cast<std::size_t>(i)],
                       QStringLiteral("task '%1' is not declared in %2")
                           .arg(p.tasks.at(i), models->sourcePath));
            }
        }
    }
    if (const YAML::Node modelList = root["models"]) {
        p.models = r.stringList(modelList, QStringLiteral("models"));
        for (qsizetype i = 0; models != nullptr && i < p.models.size(); ++i) {
            const ModelVariant* m = models->model(p.models.at(i));
            const YAML::Node at = modelList[static_cast<std::size_t>(i)];
            if (m == nullptr) {
                r.fail(at, QStringLiteral("model '%1' is not declared in %2")
                               .arg(p.models.at(i), models->sourcePath));
            }
            if (!p.tasks.contains(m->task)) {
                r.fail(at, QStringLiteral(
                               "model '%1' belongs to task '%2', which the protocol does not list")
                               .arg(m->id, m->task));
            }
        }
    }
    if (root["sweep"]) {
        p.sweep = config_detail::parseSweep(r, root["sweep"]);
    }
}

/// `seeds`: the base seed and at least two replicates (the statistics are paired).
void parseSeeds(const YamlReader& r, const YAML::Node& root, ProtocolConfig& p) {
    const YAML::Node seeds = r.require(root, "seeds");
    r.requireMap(seeds, QStringLiteral("seeds"));
    r.checkKeys(seeds, {QStringLiteral("base"), QStringLiteral("replicates")},
                QStringLiteral("seeds"));
    r.require(seeds, "base");
    p.baseSeed = r.optionalNonNegativeInt64(seeds, "base", 0);
    p.replicates = r.requirePositiveInt(seeds, "replicates");
    if (p.replicates < 2) {
        r.fail(seeds["replicates"],
               QStringLiteral("replicates must be at least 2 for paired statistics"));
    }
}

/// `training`: what the pipeline overrides in each swept model's preset (0: keep the preset's).
TrainingSpec parseTrainingOverrides(const YamlReader& r, const YAML::Node& training) {
    r.requireMap(training, QStringLiteral("training"));
    r.checkKeys(
        training,
        {QStringLiteral("epochs"), QStringLiteral("batch_size"), QStringLiteral("learning_rate"),
         QStringLiteral("max_examples"), QStringLiteral("precision")},
        QStringLiteral("the protocol's training"));
    TrainingSpec t;
    t.epochs = r.optionalPositiveInt(training, "epochs", 0);
    t.batchSize = r.optionalPositiveInt(training, "batch_size", 0);
    t.learningRate = r.optionalPositive(training, "learning_rate", 0.0);
    t.maxExamples = r.optionalPositiveInt(training, "max_examples", 0);
    t.precision = config_detail::parseTrainingPrecision(r, training, QString());
    return t;
}

/// `latency_profiling`: warm-up and stopping rule; absent keys keep the defaults.
LatencyProfilingSpec parseLatencyProfiling(const YamlReader& r, const YAML::Node& lat) {
    r.requireMap(lat, QStringLiteral("latency_profiling"));
    r.checkKeys(lat,
                {QStringLiteral("warmup_iterations"), QStringLiteral("warmup_seconds"),
                 QStringLiteral("ci_half_width"), QStringLiteral("min_samples"),
                 QStringLiteral("max_samples"), QStringLiteral("max_seconds")},
                QStringLiteral("latency_profiling"));
    LatencyProfilingSpec l;
    l.warmupIterations = r.optionalNonNegativeInt(lat, "warmup_iterations", l.warmupIterations);
    l.warmupSeconds = lat["warmup_seconds"]
                          ? r.number(lat["warmup_seconds"], QStringLiteral("warmup_seconds"))
                          : l.warmupSeconds;
    if (l.warmupSeconds < 0) {
        r.fail(lat["warmup_seconds"],
               QStringLiteral("warmup_seconds must be a non-negative number"));
    }
    if (lat["ci_half_width"]) {
        l.ciHalfWidth = r.requireFraction(lat, "ci_half_width", true);
    }
    l.minSamples = r.optionalPositiveInt(lat, "min_samples", l.minSamples);
    l.maxSamples = r.optionalPositiveInt(lat, "max_samples", l.maxSamples);
    l.maxSeconds = r.optionalPositive(lat, "max_seconds", l.maxSeconds);
    if (l.maxSamples < l.minSamples) {
        r.fail(lat, QStringLiteral("max_samples (%1) must be at least min_samples (%2)")
                        .arg(l.maxSamples)
                        .arg(l.minSamples));
    }
    return l;
}

/// `workloads` (at least one, distinct names) and `deadline_sets` (each declared in
/// deadlines.yaml).
void parseWorkloadsAndDeadlines(const YamlReader& r, const YAML::Node& root,
                                const DeadlinesConfig* deadlines, ProtocolConfig& p) {
    const YAML::Node workloads = r.require(root, "workloads");
    r.requireSequence(workloads, QStringLiteral("workloads"));
    if (workloads.size() == 0) {
        r.fail(workloads, QStringLiteral("workloads must list at least one workload"));
    }
    for (const YAML::Node& node : workloads) {
        WorkloadSpec w = parseWorkload(r, node);
        for (const WorkloadSpec& other : p.workloads) {
            if (other.name == w.name) {
                r.fail(node, QStringLiteral("workload name '%1' is used twice").arg(w.name));
            }
        }
        p.workloads.push_back(w);
    }

    const YAML::Node deadlineSets = r.require(root, "deadline_sets");
    p.deadlineSets = r.stringList(deadlineSets, QStringLiteral("deadline_sets"));
    for (qsizetype i = 0; deadlines != nullptr && i < p.deadlineSets.size(); ++i) {
        if (!deadlines->contains(p.deadlineSets.at(i))) {
            r.fail(deadlineSets[static_cast<std::size_t>(i)],
                   QStringLiteral("deadline set '%1' is not declared in %2 (declared: %3)")
                       .arg(p.deadlineSets.at(i), deadlines->sourcePath,
                            deadlines->names().join(QStringLiteral(", "))));
        }
    }
}

/// `cost_per_device_hour` and `pareto_reference`.
void parseCostsAndReference(const YamlReader& r, const YAML::Node& root, ProtocolConfig& p) {
    const YAML::Node cost = r.require(root, "cost_per_device_hour");
    r.requireMap(cost, QStringLiteral("cost_per_device_hour"));
    r.checkKeys(cost, {QStringLiteral("cpu"), QStringLiteral("cuda")},
                QStringLiteral("cost_per_device_hour"));
    p.costPerDeviceHour.insert(QStringLiteral("cpu"), r.requirePositive(cost, "cpu"));
    if (cost["cuda"]) {
        p.costPerDeviceHour.insert(QStringLiteral("cuda"), r.requirePositive(cost, "cuda"));
    }

    const YAML::Node ref = r.require(root, "pareto_reference");
    r.requireMap(ref, QStringLiteral("pareto_reference"));
    r.checkKeys(
        ref,
        {QStringLiteral("latency_ms"), QStringLiteral("cost_per_1k"), QStringLiteral("accuracy")},
        QStringLiteral("pareto_reference"));
    p.paretoReferenceLatencyMs = r.requirePositive(ref, "latency_ms");
    p.paretoReferenceCostPer1k = r.requirePositive(ref, "cost_per_1k");
    p.paretoReferenceAccuracy = r.number(r.require(ref, "accuracy"), QStringLiteral("accuracy"));
    if (p.paretoReferenceAccuracy < 0 || p.paretoReferenceAccuracy >= 1) {
        r.fail(ref["accuracy"], QStringLiteral("accuracy must be a number in [0, 1)"));
    }
}

}  // namespace

ProtocolConfig ProtocolConfig::load(const QString& path, const ModelsConfig* models,
                                    const DeadlinesConfig* deadlines) {
    const YamlReader r(path);
    const YAML::Node& root = r.root();
    r.checkKeys(
        root,
        {QStringLiteral("protocol"), QStringLiteral("description"), QStringLiteral("tasks"),
         QStringLiteral("models"), QStringLiteral("sweep"), QStringLiteral("seeds"),
         QStringLiteral("evaluation"), QStringLiteral("training"),
         QStringLiteral("latency_profiling"), QStringLiteral("workloads"),
         QStringLiteral("deadline_sets"), QStringLiteral("risk_epsilon"), QStringLiteral("alpha"),
         QStringLiteral("cascade_gain_confidence"), QStringLiteral("decision_cost_us"),
         QStringLiteral("cost_per_device_hour"), QStringLiteral("pareto_reference"),
         QStringLiteral("hypotheses"), QStringLiteral("fidelity")},
        QStringLiteral("the protocol"));
    ProtocolConfig p;
    p.sourcePath = path;
    p.name = r.requireString(root, "protocol");
    p.description = r.optionalString(root, "description", QString());
    parseScope(r, root, models, p);
    parseSeeds(r, root, p);
    if (const YAML::Node eval = root["evaluation"]) {
        r.requireMap(eval, QStringLiteral("evaluation"));
        r.checkKeys(eval, {QStringLiteral("max_examples")}, QStringLiteral("evaluation"));
        p.maxEvalExamples = r.optionalNonNegativeInt(eval, "max_examples", 0);
    }

    if (const YAML::Node training = root["training"]) {
        p.training = parseTrainingOverrides(r, training);
    }
    if (const YAML::Node lat = root["latency_profiling"]) {
        p.latency = parseLatencyProfiling(r, lat);
    }
    parseWorkloadsAndDeadlines(r, root, deadlines, p);
    p.riskEpsilon = r.requireFraction(root, "risk_epsilon", true);
    p.alpha = r.requireFraction(root, "alpha", true);
    if (root["cascade_gain_confidence"]) {
        p.cascadeGainConfidence = r.requireFraction(root, "cascade_gain_confidence", false);
    }
    if (root["decision_cost_us"]) {
        p.decisionCostUs = r.requireNonNegative(root, "decision_cost_us");
    }

    parseCostsAndReference(r, root, p);

    const YAML::Node hypotheses = r.require(root, "hypotheses");
    r.requireSequence(hypotheses, QStringLiteral("hypotheses"));
    for (const YAML::Node& node : hypotheses) {
        p.hypotheses.push_back(parseHypothesis(r, node));
    }
    if (const YAML::Node fidelity = root["fidelity"]) {
        p.fidelity = parseFidelity(r, fidelity);
    }
    return p;
}

TrainingSpec ProtocolConfig::trainingFor(const ModelVariant& model) const {
    return applyTrainingOverrides(model.training, training);
}

}  // namespace aip
