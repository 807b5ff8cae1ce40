#include "planning/configtable.h"

#include "common/csv.h"
#include "common/error.h"
#include "config/protocolconfig.h"
#include "planning/quantile.h"

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
    return options;
}

int ConfigTable::findEntry(const QString& name) const {
    return static_cast<int>(m_names.indexOf(name));
}

std::span<const double> ConfigTable::idleSamplesNear(int set, double gapMs) const {
    const std::vector<double>& samples = m_idleSamples[static_cast<std::size_t>(set)];
    const std::vector<double>& gaps = m_idleGaps[static_cast<std::size_t>(set)];
    const std::vector<double>& logGaps = m_idleLogGaps[static_cast<std::size_t>(set)];
    const std::size_t n = gaps.size();
    const auto k = static_cast<std::size_t>(kIdleNeighbours);
    if (n <= k) {
        return samples;
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
    return std::span<const double>(samples).subspan(lo, k);
}

double ConfigTable::fastestSampleMs(int set) const {
    const auto i = static_cast<std::size_t>(set);
    double fastest = std::min(m_samples[i].front(), m_switchedSamples[i].front());
    for (const double s : m_idleSamples[i]) {
        fastest = std::min(fastest, s);
    }
    return fastest;
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

ConfigTable ConfigTable::build(const std::vector<LatencyProfile>& latency,
                               const std::vector<AccuracyProfile>& accuracy,
                               const ConfigTableOptions& options) {
    if (!(options.riskEpsilon > 0.0 && options.riskEpsilon < 1.0)) {
        throw Error(
            QStringLiteral("risk epsilon must lie in (0, 1), got %1").arg(options.riskEpsilon));
    }
    ConfigTable table;
    table.m_epsilon = options.riskEpsilon;
    const double quantile = 1.0 - options.riskEpsilon;

    // The task: given, or the only one the profiles hold.
    table.m_task = options.task;
    if (table.m_task.isEmpty()) {
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
        table.m_task = tasks.first();
    }

    // Per-example answers of every (model, precision) of the task, on one common example set.
    std::map<QString, int> variantByLabel;
    const AccuracyProfile* reference = nullptr;
    for (const AccuracyProfile& p : accuracy) {
        if (p.task != table.m_task) {
            continue;
        }
        const QString label = variantLabel(p.model, p.precision);
        const std::size_t n = p.index.size();
        if (p.label.size() != n || p.predicted.size() != n || p.confidence.size() != n) {
            throw Error(QStringLiteral("accuracy profile %1 of task %2: index, label, predicted "
                                       "and confidence have different lengths")
                            .arg(label, table.m_task));
        }
        if (n == 0) {
            throw Error(QStringLiteral("accuracy profile %1 of task %2 has no examples")
                            .arg(label, table.m_task));
        }
        if (variantByLabel.count(label) != 0) {
            throw Error(
                QStringLiteral("two accuracy profiles for %1 of task %2").arg(label, table.m_task));
        }
        if (reference == nullptr) {
            reference = &p;
            table.m_examples = p.index;
            std::sort(table.m_examples.begin(), table.m_examples.end());
            if (std::adjacent_find(table.m_examples.begin(), table.m_examples.end()) !=
                table.m_examples.end()) {
                throw Error(QStringLiteral("accuracy profile %1 of task %2 lists an example twice")
                                .arg(label, table.m_task));
            }
            table.m_denseExamples = true;
            for (std::size_t i = 0; i < table.m_examples.size(); ++i) {
                if (table.m_examples[i] != static_cast<std::int64_t>(i)) {
                    table.m_denseExamples = false;
                    break;
                }
            }
        } else if (n != table.m_examples.size()) {
            throw Error(QStringLiteral("accuracy profile %1 covers %2 examples, %3/%4 covers %5; "
                                       "every (model, precision) of task %6 must cover the same "
                                       "examples")
                            .arg(label)
                            .arg(n)
                            .arg(reference->model, reference->precision)
                            .arg(table.m_examples.size())
                            .arg(table.m_task));
        }
        VariantAnswers v;
        v.model = p.model;
        v.precision = p.precision;
        if (!table.m_modelNames.contains(p.model)) {
            table.m_modelNames.append(p.model);
        }
        v.modelIndex = static_cast<int>(table.m_modelNames.indexOf(p.model));
        v.correct.assign(n, 0);
        v.confidence.assign(n, 0.0f);
        std::size_t correctCount = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const int slot = table.exampleSlot(p.index[i]);
            if (slot < 0) {
                throw Error(QStringLiteral("accuracy profile %1 has example %2, which %3/%4 lacks; "
                                           "every (model, precision) of task %5 must cover the "
                                           "same examples")
                                .arg(label)
                                .arg(p.index[i])
                                .arg(reference->model, reference->precision, table.m_task));
            }
            const bool ok = p.correct(i);
            v.correct[static_cast<std::size_t>(slot)] = ok ? 1 : 0;
            v.confidence[static_cast<std::size_t>(slot)] = p.confidence[i];
            correctCount += ok ? 1 : 0;
        }
        v.accuracy = static_cast<double>(correctCount) / static_cast<double>(n);
        v.minLatencyMs = std::numeric_limits<double>::infinity();
        variantByLabel.emplace(label, static_cast<int>(table.m_variants.size()));
        table.m_variants.push_back(std::move(v));
    }

    // Single configurations: every ok latency profile of the task with its accuracy profile.
    std::map<QString, int> singleById;
    for (const LatencyProfile& p : latency) {
        if (p.key.task != table.m_task || !p.ok()) {
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
            throw Error(
                QStringLiteral("two latency profiles for %1 of task %2").arg(id, table.m_task));
        }
        const auto variant = variantByLabel.find(variantLabel(p.key.model, p.key.precision));
        if (variant == variantByLabel.end()) {
            table.m_notes.append(QStringLiteral("%1: left out, no accuracy profile for %2/%3")
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

        const int set = static_cast<int>(table.m_samples.size());

        ConfigEntry e;
        e.id = static_cast<int>(table.m_entries.size());
        e.name = id;
        e.stage1 = p.key;
        e.batchSize = p.key.batchSize;
        e.device = p.key.device;
        e.deviceUnits = deviceUnitsOf(p.key);
        e.costPerBusyMs = e.deviceUnits * pricePerHour(options, p.key) / kMsPerHour;
        e.variant1 = variant->second;
        e.model1 = table.m_variants[static_cast<std::size_t>(e.variant1)].modelIndex;
        e.samples1 = set;
        e.accuracy = table.m_variants[static_cast<std::size_t>(e.variant1)].accuracy;
        e.tail1Ms = empiricalQuantile(sorted, quantile);
        e.tailMs = e.tail1Ms;
        e.switchedTailMs = empiricalQuantile(switched, quantile);
        e.meanMs = mean(sorted);
        e.minMs = sorted.front();
        e.switchPenaltyMs = mean(switched) - e.meanMs;
        table.m_samples.push_back(std::move(sorted));
        table.m_switchedSamples.push_back(std::move(switched));
        table.m_idleSamples.push_back(std::move(idle));
        std::vector<double> logGaps(idleGaps.size());
        std::transform(idleGaps.begin(), idleGaps.end(), logGaps.begin(),
                       [](double gap) { return std::log(std::max(gap, 1e-9)); });
        table.m_idleLogGaps.push_back(std::move(logGaps));
        table.m_idleGaps.push_back(std::move(idleGaps));

        VariantAnswers& v = table.m_variants[static_cast<std::size_t>(e.variant1)];
        if (e.minMs < v.minLatencyMs) {
            v.minLatencyMs = e.minMs;
            v.fastestEntry = e.id;
        }
        singleById.emplace(id, e.id);
        table.m_entries.push_back(std::move(e));
    }
    const int singles = static_cast<int>(table.m_entries.size());

    // Cascades: stage-1 and stage-2 configurations on the same device at the same batch size,
    // any precision pair, each at every θ of the grid.
    for (const CascadeSpec& spec : options.cascades) {
        const bool stage1Here = table.m_modelNames.contains(spec.stage1);
        const bool stage2Here = table.m_modelNames.contains(spec.stage2);
        if (!stage1Here && !stage2Here) {
            continue;  // a cascade of another task
        }
        if (!stage1Here || !stage2Here) {
            table.m_notes.append(QStringLiteral("cascade %1 > %2: left out, %3 has no profiles "
                                                "for task %4")
                                     .arg(spec.stage1, spec.stage2,
                                          stage1Here ? spec.stage2 : spec.stage1, table.m_task));
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
            const ConfigEntry s1 = table.m_entries[static_cast<std::size_t>(i)];
            if (s1.stage1.model != spec.stage1) {
                continue;
            }
            for (int j = 0; j < singles; ++j) {
                const ConfigEntry s2 = table.m_entries[static_cast<std::size_t>(j)];
                if (s2.stage1.model != spec.stage2 || s2.device != s1.device ||
                    s2.batchSize != s1.batchSize) {
                    continue;
                }
                const VariantAnswers& a1 = table.m_variants[static_cast<std::size_t>(s1.variant1)];
                const VariantAnswers& a2 = table.m_variants[static_cast<std::size_t>(s2.variant1)];
                for (const double theta : spec.thresholds) {
                    std::size_t correct = 0;
                    std::size_t escalated = 0;
                    for (std::size_t k = 0; k < a1.correct.size(); ++k) {
                        const bool escalate = static_cast<double>(a1.confidence[k]) < theta;
                        escalated += escalate ? 1 : 0;
                        correct += escalate ? a2.correct[k] : a1.correct[k];
                    }
                    const auto n = static_cast<double>(a1.correct.size());
                    ConfigEntry e;
                    e.id = static_cast<int>(table.m_entries.size());
                    e.name = QStringLiteral("%1/%2>%3/%4/b%5/%6@%7")
                                 .arg(s1.stage1.model, s1.stage1.precision, s2.stage1.model,
                                      s2.stage1.precision)
                                 .arg(s1.batchSize)
                                 .arg(s1.device, csv::number(theta));
                    e.cascade = true;
                    e.stage1 = s1.stage1;
                    e.stage2 = s2.stage1;
                    e.threshold = theta;
                    e.batchSize = s1.batchSize;
                    e.device = s1.device;
                    e.deviceUnits = s1.deviceUnits;
                    e.costPerBusyMs = s1.costPerBusyMs;
                    e.variant1 = s1.variant1;
                    e.variant2 = s2.variant1;
                    e.model1 = s1.model1;
                    e.model2 = s2.model1;
                    e.samples1 = s1.samples1;
                    e.samples2 = s2.samples1;
                    e.accuracy = static_cast<double>(correct) / n;
                    e.escalationRate = static_cast<double>(escalated) / n;
                    e.tail1Ms = s1.tail1Ms;
                    e.tail2Ms = s2.switchedTailMs;
                    // Conservative: when more than ε of the items escalate, stage 2 is part of
                    // the 1-ε tail, so both tails add; otherwise the tail is stage 1's.
                    const double stage2Share =
                        e.escalationRate > options.riskEpsilon ? e.tail2Ms : 0.0;
                    e.tailMs = e.tail1Ms + stage2Share;
                    e.switchedTailMs = s1.switchedTailMs + stage2Share;
                    // Stage 2 runs once for the batch when any of its items escalates.
                    const double anyEscalates =
                        1.0 - std::pow(1.0 - e.escalationRate, static_cast<double>(e.batchSize));
                    e.meanMs = s1.meanMs + anyEscalates * (s2.meanMs + s2.switchPenaltyMs);
                    e.minMs = s1.minMs;
                    e.switchPenaltyMs = s1.switchPenaltyMs;
                    table.m_entries.push_back(std::move(e));
                }
            }
        }
    }
    if (table.m_entries.empty()) {
        throw Error(QStringLiteral("no usable configuration for task %1: no ok latency profile "
                                   "with an accuracy profile")
                        .arg(table.m_task));
    }

    for (ConfigEntry& e : table.m_entries) {
        e.throughputPerS = e.meanMs > 0.0 ? 1000.0 * e.batchSize / e.meanMs
                                          : std::numeric_limits<double>::infinity();
        e.costPerItem = e.meanMs * e.costPerBusyMs / e.batchSize;
        table.m_maxBatch = std::max(table.m_maxBatch, e.batchSize);
        table.m_names.append(e.name);
    }

    // Tail order and the Pareto front along it.
    table.m_byTail.resize(table.m_entries.size());
    std::iota(table.m_byTail.begin(), table.m_byTail.end(), 0);
    std::sort(table.m_byTail.begin(), table.m_byTail.end(), [&](int a, int b) {
        const ConfigEntry& x = table.m_entries[static_cast<std::size_t>(a)];
        const ConfigEntry& y = table.m_entries[static_cast<std::size_t>(b)];
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
    table.m_tailRank.resize(table.m_entries.size());
    for (std::size_t rank = 0; rank < table.m_byTail.size(); ++rank) {
        table.m_tailRank[static_cast<std::size_t>(table.m_byTail[rank])] = static_cast<int>(rank);
    }
    double best = -1.0;
    for (const int id : table.m_byTail) {
        if (table.m_entries[static_cast<std::size_t>(id)].accuracy > best) {
            best = table.m_entries[static_cast<std::size_t>(id)].accuracy;
            table.m_frontier.push_back(id);
        }
    }
    return table;
}

}  // namespace aip
