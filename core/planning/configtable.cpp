#include "planning/configtable.h"

#include "common/csv.h"
#include "common/error.h"
#include "common/quantile.h"
#include "common/seededrng.h"
#include "config/protocolconfig.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>
#include <utility>

namespace aip {

namespace {

constexpr double kMsPerHour = 3600.0 * 1000.0;

QString variantLabel(const QString& model, const QString& precision) {
    return model + u'/' + precision;
}

/// Cores (cpu: the run's threads) or GPUs (cuda) one run of `key` occupies.
double deviceUnitsOf(const ConfigKey& key) {
    const QString kind = key.device.section(u':', 0, 0);
    if (kind == u"cuda") {
        return 1.0;
    }
    if (kind != u"cpu") {
        throw Error(QStringLiteral("latency profile %1: unknown device kind '%2' (cpu or cuda)")
                        .arg(key.id(), key.device));
    }
    if (key.threads > 0) {
        return key.threads;
    }
    bool ok = false;
    const int declared = key.device.section(u':', 1).toInt(&ok);
    if (!ok || declared <= 0) {
        throw Error(QStringLiteral("latency profile %1: device %2 has no thread count; the "
                                   "profile must record the threads it ran with")
                        .arg(key.id(), key.device));
    }
    return declared;
}

double pricePerHour(const ConfigTableOptions& options, const ConfigKey& key) {
    if (options.costPerDeviceHour.isEmpty()) {
        return 0.0;
    }
    const QString kind = key.device.section(u':', 0, 0);
    const auto it = options.costPerDeviceHour.constFind(kind);
    if (it == options.costPerDeviceHour.constEnd()) {
        throw Error(
            QStringLiteral("no cost_per_device_hour for '%1' (needed by %2)").arg(kind, key.id()));
    }
    return it.value();
}

double mean(const std::vector<double>& values) {
    return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

}  // namespace

ConfigTableOptions ConfigTableOptions::from(const ModelsConfig& models,
                                            const ProtocolConfig& protocol, const QString& task) {
    ConfigTableOptions options;
    options.task = task;
    options.riskEpsilon = protocol.riskEpsilon;
    options.costPerDeviceHour = protocol.costPerDeviceHour;
    options.cascades = models.cascades;
    options.splitSeed = protocol.baseSeed;
    options.cascadeGainConfidence = protocol.cascadeGainConfidence;
    if (protocol.decisionCostUs) {
        options.pinnedDecisionCostMs = *protocol.decisionCostUs / 1000.0;
    }
    return options;
}

int ConfigTable::findEntry(const QString& name) const {
    return static_cast<int>(m_names.indexOf(name));
}

std::span<const double> ConfigTable::idleSamplesNear(int set, double gapMs) const {
    const std::vector<double>& samples = m_idleSamples[static_cast<std::size_t>(set)];
    const std::size_t n = m_idleGaps[static_cast<std::size_t>(set)].size();
    const auto k = static_cast<std::size_t>(kIdleNeighbours);
    if (n <= k) {
        return samples;
    }
    return std::span<const double>(samples).subspan(idleWindow(set, gapMs), k);
}

double ConfigTable::shareWithinMs(int set, bool switched, double ms) const {
    const std::span<const double> s = switched ? switchedSamples(set) : samples(set);
    if (s.empty() || ms < s.front()) {
        return 0.0;
    }
    if (ms >= s.back()) {
        return 1.0;
    }
    const auto within = std::upper_bound(s.begin(), s.end(), ms) - s.begin();
    return static_cast<double>(within) / static_cast<double>(s.size());
}

double ConfigTable::idleExtraMs(int set, double gapMs) const {
    const std::vector<double>& extra = m_idleExtra[static_cast<std::size_t>(set)];
    return extra.size() == 1 ? extra.front() : extra[idleWindow(set, gapMs)];
}

std::size_t ConfigTable::idleWindow(int set, double gapMs) const {
    const std::vector<double>& gaps = m_idleGaps[static_cast<std::size_t>(set)];
    const std::vector<double>& logGaps = m_idleLogGaps[static_cast<std::size_t>(set)];
    const std::size_t n = gaps.size();
    const auto k = static_cast<std::size_t>(kIdleNeighbours);
    if (n <= k) {
        return 0;
    }
    // Grow a window of the gap order around gapMs towards the nearer neighbour (log scale).
    const double at = std::log(std::clamp(gapMs, 1e-9, 1e12));
    const auto distance = [&](std::size_t i) { return std::abs(logGaps[i] - at); };
    std::size_t lo =
        static_cast<std::size_t>(std::lower_bound(gaps.begin(), gaps.end(), gapMs) - gaps.begin());
    std::size_t hi = lo;
    while (hi - lo < k) {
        if (hi == n || (lo > 0 && distance(lo - 1) <= distance(hi))) {
            --lo;
        } else {
            ++hi;
        }
    }
    return lo;
}

double ConfigTable::fastestSampleMs(int set) const {
    const auto i = static_cast<std::size_t>(set);
    double fastest = std::min(m_samples[i].front(), m_switchedSamples[i].front());
    for (const double s : m_idleSamples[i]) {
        fastest = std::min(fastest, s);
    }
    return fastest;
}

std::vector<double> ConfigTable::idleExtras(int set) const {
    const auto i = static_cast<std::size_t>(set);
    const auto median = [](std::vector<double> v) {
        return empiricalQuantileUnsorted(std::move(v), 0.5);
    };
    const double steady = median(m_samples[i]);
    const std::vector<double>& idle = m_idleSamples[i];
    const auto k = static_cast<std::size_t>(kIdleNeighbours);
    if (m_idleGaps[i].size() <= k) {
        return {std::max(0.0, median(idle) - steady)};
    }
    // One per window of k neighbours in gap order: the window's median less the steady one.
    std::vector<double> extra;
    for (std::size_t lo = 0; lo + k <= idle.size(); ++lo) {
        extra.push_back(std::max(
            0.0, median(std::vector<double>(idle.begin() + static_cast<std::ptrdiff_t>(lo),
                                            idle.begin() + static_cast<std::ptrdiff_t>(lo + k))) -
                     steady));
    }
    return extra;
}

int ConfigTable::exampleSlot(std::int64_t exampleIndex) const {
    const auto n = static_cast<std::int64_t>(m_examples.size());
    if (m_denseExamples) {
        return exampleIndex >= 0 && exampleIndex < n ? static_cast<int>(exampleIndex) : -1;
    }
    const auto it = std::lower_bound(m_examples.begin(), m_examples.end(), exampleIndex);
    if (it == m_examples.end() || *it != exampleIndex) {
        return -1;
    }
    return static_cast<int>(it - m_examples.begin());
}

int ConfigTable::requireExampleSlot(std::int64_t exampleIndex, std::int64_t requestId) const {
    const int slot = exampleSlot(exampleIndex);
    if (slot < 0) {
        throw Error(QStringLiteral("trace: request %1 asks for example %2, which the accuracy "
                                   "profiles of task %3 do not cover (%4 examples)")
                        .arg(requestId)
                        .arg(exampleIndex)
                        .arg(m_task)
                        .arg(m_examples.size()));
    }
    return slot;
}

void ConfigTable::splitExamples(std::uint64_t seed) {
    const std::size_t n = m_examples.size();
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    SeededRng rng(seed, QStringLiteral("calibration-split/%1").arg(m_task));
    for (std::size_t i = n; i > 1; --i) {  // Fisher-Yates, from the seeded stream
        const auto j =
            static_cast<std::size_t>(rng.uniformInt(0, static_cast<std::int64_t>(i) - 1));
        std::swap(order[i - 1], order[j]);
    }
    m_calibration.assign(n, 0);
    for (std::size_t k = 0; k < (n + 1) / 2; ++k) {
        m_calibration[order[k]] = 1;
    }
    m_testExamples.clear();
    for (std::size_t slot = 0; slot < n; ++slot) {
        if (m_calibration[slot] == 0) {
            m_testExamples.push_back(m_examples[slot]);
        }
    }
    if (m_testExamples.empty()) {
        m_calibration.clear();  // one example: it serves both
    }
}

int ConfigTable::stage2EntryFor(const ConfigEntry& cascade, int fill) const {
    const std::vector<int>& ladder = m_ladders[static_cast<std::size_t>(cascade.ladder2)];
    for (const int id : ladder) {
        if (m_entries[static_cast<std::size_t>(id)].batchSize >= fill) {
            return id;
        }
    }
    return ladder.back();
}

namespace {

/// P(Binomial(n, p) = k) for k = 0 … n (exact at p = 0 and p = 1).
std::vector<double> binomialPmf(int n, double p) {
    std::vector<double> pmf(static_cast<std::size_t>(n) + 1);
    for (int k = 0; k <= n; ++k) {
        pmf[static_cast<std::size_t>(k)] =
            std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0)) *
            std::pow(p, k) * std::pow(1.0 - p, n - k);
    }
    return pmf;
}

/// The smallest k with P(Binomial(n, p) ≤ k) ≥ q, from its pmf.
int binomialQuantile(const std::vector<double>& pmf, double q) {
    double cdf = 0.0;
    for (std::size_t k = 0; k < pmf.size(); ++k) {
        cdf += pmf[k];
        if (cdf >= q) {
            return static_cast<int>(k);
        }
    }
    return static_cast<int>(pmf.size()) - 1;
}

/// g(B): the share of stage-1 samples s after which stage 2 starts (B - s covers its tail t₂)
/// and answers within B (a stage-2 sample ≤ B - s). Both sample sets ascending.
double stage2CompletesWithin(double budgetMs, std::span<const double> stage1,
                             std::span<const double> stage2, double tail2Ms) {
    double sum = 0.0;
    for (const double s : stage1) {
        const double slack = budgetMs - s;
        if (slack < tail2Ms) {
            break;  // ascending: no later sample leaves more slack
        }
        sum += static_cast<double>(std::upper_bound(stage2.begin(), stage2.end(), slack) -
                                   stage2.begin()) /
               static_cast<double>(stage2.size());
    }
    return sum / static_cast<double>(stage1.size());
}

/// z with Φ(z) = p for the standard normal, 0 < p < 1: bisection on Φ(z) = erfc(−z/√2)/2.
double normalQuantile(double p) {
    double lo = -40.0;
    double hi = 40.0;
    for (int i = 0; i < 200 && hi - lo > 1e-13; ++i) {
        const double mid = 0.5 * (lo + hi);
        (0.5 * std::erfc(-mid / std::sqrt(2.0)) < p ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

}  // namespace

void ConfigTable::addCascade(int stage1Entry, int ladder, double theta, double quantile,
                             double gainZ) {
    const ConfigEntry s1 = m_entries[static_cast<std::size_t>(stage1Entry)];
    const std::vector<int>& steps = m_ladders[static_cast<std::size_t>(ladder)];
    const ConfigEntry& any2 = m_entries[static_cast<std::size_t>(steps.front())];
    const VariantAnswers& a1 = m_variants[static_cast<std::size_t>(s1.variant1)];
    const VariantAnswers& a2 = m_variants[static_cast<std::size_t>(any2.variant1)];
    // Per calibration example, the difference d ∈ {−1, 0, 1} the cascade makes to stage 1's
    // answer: stage 2's correctness less stage 1's where it escalates.
    std::size_t correct = 0;
    std::size_t escalated = 0;
    std::size_t counted = 0;
    long long gained = 0;
    long long changed = 0;  // Σd² = the examples where d ≠ 0
    for (std::size_t k = 0; k < a1.correct.size(); ++k) {
        if (!isCalibration(static_cast<int>(k))) {
            continue;
        }
        ++counted;
        const bool escalate = static_cast<double>(a1.confidence[k]) < theta;
        correct += escalate ? a2.correct[k] : a1.correct[k];
        if (escalate) {
            ++escalated;
            const int d = static_cast<int>(a2.correct[k]) - static_cast<int>(a1.correct[k]);
            gained += d;
            changed += d != 0 ? 1 : 0;
        }
    }
    const auto n = static_cast<double>(counted);
    const double escalation = static_cast<double>(escalated) / n;
    double full = static_cast<double>(correct) / n;  // acc₁ + Δ̂
    if (gainZ > 0.0 && counted > 1) {
        const double gain = static_cast<double>(gained) / n;
        const double variance =
            (static_cast<double>(changed) - n * gain * gain) / (n - 1.0);  // sample variance of d
        full -= gainZ * std::sqrt(variance / n);
    }

    // Stage 1's configuration, batch, device, samples and price are the single entry's.
    ConfigEntry e = s1;
    e.cascade = true;
    e.threshold = theta;
    e.variant2 = any2.variant1;
    e.model2 = any2.model1;
    e.ladder2 = ladder;
    e.fullAccuracy = full;
    e.escalationRate = escalation;
    // Stage 2 planned at the batch that holds the escalated items of a batch at quantile 1-ε.
    const std::vector<double> escalating = binomialPmf(e.batchSize, escalation);
    const int planned = std::max(1, binomialQuantile(escalating, quantile));
    const ConfigEntry& s2 = m_entries[static_cast<std::size_t>(stage2EntryFor(e, planned))];
    e.stage2 = s2.stage1;
    e.samples2 = s2.samples1;
    e.tail2Ms = escalation > 0.0 ? s2.switchedTailMs : 0.0;
    // Busy time: stage 1, then stage 2 (after a switch) at the batch that holds the k ≥ 1
    // items that escalate, k ~ Binomial(batch, escalation rate).
    double stage2Busy = 0.0;
    double stage2Cost = 0.0;
    for (int k = 1; k <= e.batchSize && escalation > 0.0; ++k) {
        const double p = escalating[static_cast<std::size_t>(k)];
        const ConfigEntry& runs = m_entries[static_cast<std::size_t>(stage2EntryFor(e, k))];
        const double busy = runs.meanMs + runs.switchPenaltyMs;
        stage2Busy += p * busy;
        stage2Cost += p * busy * runs.costPerBusyMs;
    }
    e.meanMs = s1.meanMs + stage2Busy;
    // Each stage at its own device's price.
    e.costPerItem = (s1.meanMs * s1.costPerBusyMs + stage2Cost) / e.batchSize;

    QString name =
        QStringLiteral("%1/%2>%3/%4")
            .arg(s1.stage1.model, s1.stage1.precision, s2.stage1.model, s2.stage1.precision);
    if (s2.device != s1.device) {
        name += u'@' + s2.device;
    }
    name += QStringLiteral("/b%1/%2@%3").arg(s1.batchSize).arg(s1.device, csv::number(theta));

    // The budget points: the full planning tail, stage 1's median plus stage 2's tail, and
    // stage 1's tail alone. A lower point is listed only where it plans more accurately than
    // stage 1 alone and less than the full point at a smaller tail.
    const std::span<const double> stage1Samples = samples(s1.samples1);
    const std::span<const double> stage2Samples = switchedSamples(s2.samples1);
    const double acc1 = a1.accuracy;
    const auto accuracyAt = [&](double budgetMs, double& share) {
        share = escalation > 0.0
                    ? stage2CompletesWithin(budgetMs, stage1Samples, stage2Samples, e.tail2Ms)
                    : 0.0;
        return acc1 + share * (full - acc1);
    };
    struct Point {
        double budgetMs;
        const char* suffix;
    };
    const Point points[] = {
        {e.tail1Ms + e.tail2Ms, ""},
        {std::max(e.tail1Ms, empiricalQuantile(stage1Samples, 0.5) + e.tail2Ms), "~median"},
        {e.tail1Ms, "~stage1"},
    };
    double fullShare = 0.0;
    const double fullAccuracy = accuracyAt(points[0].budgetMs, fullShare);
    const int servingEntry = static_cast<int>(m_entries.size());
    double lastBudget = std::numeric_limits<double>::infinity();
    for (const Point& point : points) {
        double share = fullShare;
        double accuracy = fullAccuracy;
        if (point.suffix[0] != '\0') {
            if (!(point.budgetMs < lastBudget)) {
                continue;
            }
            accuracy = accuracyAt(point.budgetMs, share);
            if (!(accuracy > acc1) || !(accuracy < fullAccuracy)) {
                continue;
            }
        }
        lastBudget = point.budgetMs;
        ConfigEntry p = e;
        p.id = static_cast<int>(m_entries.size());
        p.name = name + QLatin1String(point.suffix);
        p.servingEntry = servingEntry;
        p.accuracy = accuracy;
        p.stage2CompletesShare = share;
        p.tailMs = point.budgetMs;
        p.switchedTailMs = s1.switchedTailMs + (point.budgetMs - e.tail1Ms);
        m_entries.push_back(std::move(p));
    }
}

QString ConfigTable::resolveTask(const std::vector<LatencyProfile>& latency,
                                 const std::vector<AccuracyProfile>& accuracy,
                                 const ConfigTableOptions& options) {
    if (!options.task.isEmpty()) {
        return options.task;
    }
    QStringList tasks;
    for (const LatencyProfile& p : latency) {
        if (!tasks.contains(p.key.task)) {
            tasks.append(p.key.task);
        }
    }
    for (const AccuracyProfile& p : accuracy) {
        if (!tasks.contains(p.task)) {
            tasks.append(p.task);
        }
    }
    if (tasks.size() != 1) {
        throw Error(QStringLiteral("the profiles hold %1 tasks (%2); name the task to plan for")
                        .arg(tasks.size())
                        .arg(tasks.join(QStringLiteral(", "))));
    }
    return tasks.first();
}

std::map<QString, int> ConfigTable::addVariants(const std::vector<AccuracyProfile>& accuracy,
                                                const ConfigTableOptions& options) {
    std::map<QString, int> variantByLabel;
    const AccuracyProfile* reference = nullptr;
    for (const AccuracyProfile& p : accuracy) {
        if (p.task != m_task) {
            continue;
        }
        const QString label = variantLabel(p.model, p.precision);
        const std::size_t n = p.index.size();
        if (p.label.size() != n || p.predicted.size() != n || p.confidence.size() != n) {
            throw Error(QStringLiteral("accuracy profile %1 of task %2: index, label, predicted "
                                       "and confidence have different lengths")
                            .arg(label, m_task));
        }
        if (n == 0) {
            throw Error(QStringLiteral("accuracy profile %1 of task %2 has no examples")
                            .arg(label, m_task));
        }
        if (variantByLabel.count(label) != 0) {
            throw Error(
                QStringLiteral("two accuracy profiles for %1 of task %2").arg(label, m_task));
        }
        if (reference == nullptr) {
            reference = &p;
            m_examples = p.index;
            std::sort(m_examples.begin(), m_examples.end());
            if (std::adjacent_find(m_examples.begin(), m_examples.end()) != m_examples.end()) {
                throw Error(QStringLiteral("accuracy profile %1 of task %2 lists an example twice")
                                .arg(label, m_task));
            }
            m_denseExamples = true;
            for (std::size_t i = 0; i < m_examples.size(); ++i) {
                if (m_examples[i] != static_cast<std::int64_t>(i)) {
                    m_denseExamples = false;
                    break;
                }
            }
            if (options.splitSeed) {
                splitExamples(*options.splitSeed);
            }
        } else if (n != m_examples.size()) {
            throw Error(QStringLiteral("accuracy profile %1 covers %2 examples, %3/%4 covers %5; "
                                       "every (model, precision) of task %6 must cover the same "
                                       "examples")
                            .arg(label)
                            .arg(n)
                            .arg(reference->model, reference->precision)
                            .arg(m_examples.size())
                            .arg(m_task));
        }
        VariantAnswers v;
        v.model = p.model;
        v.precision = p.precision;
        if (!m_modelNames.contains(p.model)) {
            m_modelNames.append(p.model);
        }
        v.modelIndex = static_cast<int>(m_modelNames.indexOf(p.model));
        v.correct.assign(n, 0);
        v.confidence.assign(n, 0.0f);
        std::size_t correctCount = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const int slot = exampleSlot(p.index[i]);
            if (slot < 0) {
                throw Error(QStringLiteral("accuracy profile %1 has example %2, which %3/%4 lacks; "
                                           "every (model, precision) of task %5 must cover the "
                                           "same examples")
                                .arg(label)
                                .arg(p.index[i])
                                .arg(reference->model, reference->precision, m_task));
            }
            const bool ok = p.correct(i);
            v.correct[static_cast<std::size_t>(slot)] = ok ? 1 : 0;
            v.confidence[static_cast<std::size_t>(slot)] = p.confidence[i];
            correctCount += ok && isCalibration(slot) ? 1 : 0;
        }
        v.accuracy = static_cast<double>(correctCount) / static_cast<double>(calibrationCount());
        v.minLatencyMs = std::numeric_limits<double>::infinity();
        variantByLabel.emplace(label, static_cast<int>(m_variants.size()));
        m_variants.push_back(std::move(v));
    }
    return variantByLabel;
}

void ConfigTable::addSingles(const std::vector<LatencyProfile>& latency,
                             const std::map<QString, int>& variantByLabel,
                             const ConfigTableOptions& options, double quantile) {
    std::map<QString, int> singleById;
    for (const LatencyProfile& p : latency) {
        if (p.key.task != m_task || !p.ok()) {
            continue;
        }
        const QString id = p.key.id();
        if (p.samplesMs.empty()) {
            throw Error(QStringLiteral("latency profile %1 is ok but has no samples").arg(id));
        }
        for (const std::vector<double>* values :
             {&p.samplesMs, &p.servingSteadyMs, &p.servingSwitchedMs, &p.servingIdleMs}) {
            for (const double s : *values) {
                if (!std::isfinite(s) || s < 0.0) {
                    throw Error(QStringLiteral("latency profile %1 has a sample %2; samples must "
                                               "be finite milliseconds ≥ 0")
                                    .arg(id)
                                    .arg(s));
                }
            }
        }
        if (p.key.batchSize < 1) {
            throw Error(QStringLiteral("latency profile %1: batch size must be ≥ 1").arg(id));
        }
        if (singleById.count(id) != 0) {
            throw Error(QStringLiteral("two latency profiles for %1 of task %2").arg(id, m_task));
        }
        const auto variant = variantByLabel.find(variantLabel(p.key.model, p.key.precision));
        if (variant == variantByLabel.end()) {
            m_notes.append(QStringLiteral("%1: left out, no accuracy profile for %2/%3")
                               .arg(id, p.key.model, p.key.precision));
            continue;
        }
        // What serving a batch costs, where the serving pass measured it (input building
        // included, steady and after a switch); else the back-to-back forward passes.
        const bool served = !p.servingSteadyMs.empty() && !p.servingSwitchedMs.empty();
        std::vector<double> sorted = served ? p.servingSteadyMs : p.samplesMs;
        std::sort(sorted.begin(), sorted.end());
        std::vector<double> switched = served ? p.servingSwitchedMs : sorted;
        std::sort(switched.begin(), switched.end());
        std::vector<double> idle = served && !p.servingIdleMs.empty() ? p.servingIdleMs : sorted;
        std::vector<double> idleGaps;
        if (served && !p.servingIdleGapMs.empty() &&
            p.servingIdleGapMs.size() == p.servingIdleMs.size()) {
            std::vector<std::pair<double, double>> byGap;
            for (std::size_t k = 0; k < idle.size(); ++k) {
                byGap.emplace_back(p.servingIdleGapMs[k], idle[k]);
            }
            std::sort(byGap.begin(), byGap.end());
            for (std::size_t k = 0; k < byGap.size(); ++k) {
                idleGaps.push_back(byGap[k].first);
                idle[k] = byGap[k].second;
            }
        } else {
            std::sort(idle.begin(), idle.end());
        }

        const int set = static_cast<int>(m_samples.size());

        ConfigEntry e;
        e.id = static_cast<int>(m_entries.size());
        e.name = id;
        e.stage1 = p.key;
        e.batchSize = p.key.batchSize;
        e.device = p.key.device;
        e.deviceUnits = deviceUnitsOf(p.key);
        e.costPerBusyMs = e.deviceUnits * pricePerHour(options, p.key) / kMsPerHour;
        e.variant1 = variant->second;
        e.model1 = m_variants[static_cast<std::size_t>(e.variant1)].modelIndex;
        e.samples1 = set;
        e.servingEntry = e.id;
        e.accuracy = m_variants[static_cast<std::size_t>(e.variant1)].accuracy;
        e.fullAccuracy = e.accuracy;
        e.tail1Ms = empiricalQuantile(sorted, quantile);
        e.tailMs = e.tail1Ms;
        e.switchedTailMs = empiricalQuantile(switched, quantile);
        e.meanMs = mean(sorted);
        e.minMs = sorted.front();
        e.switchPenaltyMs = mean(switched) - e.meanMs;
        m_samples.push_back(std::move(sorted));
        m_switchedSamples.push_back(std::move(switched));
        m_idleSamples.push_back(std::move(idle));
        std::vector<double> logGaps(idleGaps.size());
        std::transform(idleGaps.begin(), idleGaps.end(), logGaps.begin(),
                       [](double gap) { return std::log(std::max(gap, 1e-9)); });
        m_idleLogGaps.push_back(std::move(logGaps));
        m_idleGaps.push_back(std::move(idleGaps));
        m_idleExtra.push_back(idleExtras(set));

        // The Oracle's latency: the fastest any draw of the simulator can be (steady, after a
        // switch or after an idle), so that it bounds every policy.
        VariantAnswers& v = m_variants[static_cast<std::size_t>(e.variant1)];
        const double fastest = fastestSampleMs(set);
        if (fastest < v.minLatencyMs) {
            v.minLatencyMs = fastest;
            v.fastestEntry = e.id;
        }
        singleById.emplace(id, e.id);
        m_entries.push_back(std::move(e));
    }
}

void ConfigTable::buildLadders(int singles) {
    std::map<QString, int> ladderOf;  // "<weights>@<device>" → m_ladders index
    for (int i = 0; i < singles; ++i) {
        const ConfigEntry& e = m_entries[static_cast<std::size_t>(i)];
        const QString key = e.stage1.weights() + u'@' + e.device;
        const auto [it, added] = ladderOf.emplace(key, static_cast<int>(m_ladders.size()));
        if (added) {
            m_ladders.emplace_back();
        }
        m_ladders[static_cast<std::size_t>(it->second)].push_back(i);
    }
    for (std::vector<int>& ladder : m_ladders) {
        std::sort(ladder.begin(), ladder.end(), [&](int a, int b) {
            return m_entries[static_cast<std::size_t>(a)].batchSize <
                   m_entries[static_cast<std::size_t>(b)].batchSize;
        });
    }
}

void ConfigTable::addCascades(const ConfigTableOptions& options, int singles, double quantile) {
    // The normal quantile of the gain's confidence, once for every cascade (0: the point estimate).
    const double gainZ =
        options.cascadeGainConfidence > 0.0 ? normalQuantile(options.cascadeGainConfidence) : 0.0;
    // Every stage-1 configuration of the cascade's first model with every (precision,
    // device) of its second, each at every θ of the grid and at up to three budget points.
    for (const CascadeSpec& spec : options.cascades) {
        const bool stage1Here = m_modelNames.contains(spec.stage1);
        const bool stage2Here = m_modelNames.contains(spec.stage2);
        if (!stage1Here && !stage2Here) {
            continue;  // a cascade of another task
        }
        if (!stage1Here || !stage2Here) {
            m_notes.append(
                QStringLiteral("cascade %1 > %2: left out, %3 has no profiles "
                               "for task %4")
                    .arg(spec.stage1, spec.stage2, stage1Here ? spec.stage2 : spec.stage1, m_task));
            continue;
        }
        for (const double theta : spec.thresholds) {
            if (!std::isfinite(theta) || theta < 0.0) {
                throw Error(QStringLiteral("cascade %1 > %2: threshold %3 must be a finite "
                                           "number ≥ 0")
                                .arg(spec.stage1, spec.stage2)
                                .arg(theta));
            }
        }
        for (int i = 0; i < singles; ++i) {
            if (m_entries[static_cast<std::size_t>(i)].stage1.model != spec.stage1) {
                continue;
            }
            for (std::size_t l = 0; l < m_ladders.size(); ++l) {
                const std::vector<int>& ladder = m_ladders[l];
                const ConfigEntry& top = m_entries[static_cast<std::size_t>(ladder.back())];
                if (top.stage1.model != spec.stage2) {
                    continue;
                }
                const int batch = m_entries[static_cast<std::size_t>(i)].batchSize;
                if (top.batchSize < batch) {
                    m_notes.append(
                        QStringLiteral("cascade %1 > %2: no profiled batch of %3 holds the %4 "
                                       "items of %5")
                            .arg(spec.stage1, spec.stage2, top.stage1.weights() + u'@' + top.device)
                            .arg(batch)
                            .arg(m_entries[static_cast<std::size_t>(i)].name));
                    continue;
                }
                for (const double theta : spec.thresholds) {
                    addCascade(i, static_cast<int>(l), theta, quantile, gainZ);
                }
            }
        }
    }
}

void ConfigTable::summarizeEntries() {
    for (ConfigEntry& e : m_entries) {
        e.throughputPerS = e.meanMs > 0.0 ? 1000.0 * e.batchSize / e.meanMs
                                          : std::numeric_limits<double>::infinity();
        if (!e.cascade) {
            e.costPerItem = e.meanMs * e.costPerBusyMs / e.batchSize;
        }
        m_maxBatch = std::max(m_maxBatch, e.batchSize);
        m_names.append(e.name);
    }
}

void ConfigTable::orderByTail() {
    m_byTail.resize(m_entries.size());
    std::iota(m_byTail.begin(), m_byTail.end(), 0);
    std::sort(m_byTail.begin(), m_byTail.end(), [&](int a, int b) {
        const ConfigEntry& x = m_entries[static_cast<std::size_t>(a)];
        const ConfigEntry& y = m_entries[static_cast<std::size_t>(b)];
        if (x.tailMs != y.tailMs) {
            return x.tailMs < y.tailMs;
        }
        if (x.accuracy != y.accuracy) {
            return x.accuracy > y.accuracy;
        }
        if (x.costPerItem != y.costPerItem) {
            return x.costPerItem < y.costPerItem;
        }
        return a < b;
    });
    m_tailRank.resize(m_entries.size());
    for (std::size_t rank = 0; rank < m_byTail.size(); ++rank) {
        m_tailRank[static_cast<std::size_t>(m_byTail[rank])] = static_cast<int>(rank);
    }
    double best = -1.0;
    for (const int id : m_byTail) {
        if (m_entries[static_cast<std::size_t>(id)].accuracy > best) {
            best = m_entries[static_cast<std::size_t>(id)].accuracy;
            m_frontier.push_back(id);
        }
    }
}

ConfigTable ConfigTable::build(const std::vector<LatencyProfile>& latency,
                               const std::vector<AccuracyProfile>& accuracy,
                               const ConfigTableOptions& options) {
    if (!(options.riskEpsilon > 0.0 && options.riskEpsilon < 1.0)) {
        throw Error(
            QStringLiteral("risk epsilon must lie in (0, 1), got %1").arg(options.riskEpsilon));
    }
    ConfigTable table;
    table.m_epsilon = options.riskEpsilon;
    if (options.pinnedDecisionCostMs &&
        !(std::isfinite(*options.pinnedDecisionCostMs) && *options.pinnedDecisionCostMs >= 0.0)) {
        throw Error(QStringLiteral("the pinned decision cost must be finite and not negative, "
                                   "got %1 ms")
                        .arg(*options.pinnedDecisionCostMs));
    }
    table.m_pinnedDecisionCostMs = options.pinnedDecisionCostMs;
    const double quantile = 1.0 - options.riskEpsilon;

    table.m_task = resolveTask(latency, accuracy, options);
    // Per-example answers of every (model, precision) of the task, on one common example set.
    const std::map<QString, int> variantByLabel = table.addVariants(accuracy, options);
    // Single configurations: every ok latency profile of the task with its accuracy profile.
    table.addSingles(latency, variantByLabel, options, quantile);
    const int singles = static_cast<int>(table.m_entries.size());
    // Stage-2 ladders: the single entries of each (model, precision, device) by batch size.
    table.buildLadders(singles);
    // Cascades: every stage-1 configuration of the cascade's first model with every (precision,
    // device) of its second, each at every θ of the grid and at up to three budget points.
    table.addCascades(options, singles, quantile);
    if (table.m_entries.empty()) {
        throw Error(QStringLiteral("no usable configuration for task %1: no ok latency profile "
                                   "with an accuracy profile")
                        .arg(table.m_task));
    }

    table.summarizeEntries();
    // Tail order and the Pareto front along it.
    table.orderByTail();
    return table;
}

}  // namespace aip
