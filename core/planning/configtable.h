#pragma once

#include "config/modelsconfig.h"
#include "results/profiles.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <vector>

namespace aip {

struct ProtocolConfig;

/// One (model, precision) of the table's task: its per-example answers, indexed by example slot
/// (ConfigTable::exampleSlot), and its fastest measured latency.
struct VariantAnswers {
    QString model;
    QString precision;
    int modelIndex = -1;  ///< index into ConfigTable::modelNames() (health is tracked per model)
    std::vector<std::uint8_t> correct;
    std::vector<float> confidence;  ///< max softmax
    double accuracy = 0.0;
    /// The smallest latency sample of any ok profile of this variant (any batch, any device;
    /// steady, switched or idle samples), and the single entry it belongs to; +inf / -1 when it
    /// has no usable latency profile.
    double minLatencyMs = 0.0;
    int fastestEntry = -1;
};

/// One candidate the policies choose from: a single configuration (model, precision, batch,
/// device), or an anytime cascade: stage 1 is a single configuration; the items it is unsure
/// of (conf₁ < θ) go to stage 2 (another model, any precision, any device) at the smallest
/// profiled batch that holds them, when their slack covers stage 2's tail; an item whose stage
/// 2 has not answered by its deadline gets stage 1's answer, on time. A cascade's accuracy
/// depends on the budget B it is planned for: A(B) = acc₁ + g(B)·Δ, with g(B) the probability
/// that stage 2's answer arrives within B. So one cascade is listed at up to three budgets
/// ("budget points"): its full planning tail, stage 1's median plus stage 2's tail, and stage
/// 1's tail alone; the points share how they serve (servingEntry) and differ in tail and
/// accuracy.
struct ConfigEntry {
    int id = 0;    ///< position in ConfigTable::entries()
    QString name;  ///< ConfigKey::id(), or "<m1>/<p1>><m2>/<p2>[@<device2>]/b<batch>/<device>@<θ>"
                   ///< with "~median" or "~stage1" for the lower budget points
    bool cascade = false;
    ConfigKey stage1;  ///< the configuration, or the cascade's stage 1
    /// Cascades only: stage 2 at its planning batch (the smallest profiled batch that holds
    /// the escalated items of a batch at quantile 1-ε); at run time the batch follows the
    /// number escalated (ConfigTable::stage2EntryFor).
    ConfigKey stage2;
    double threshold = 0.0;  ///< cascades only: escalate when conf₁ < θ
    int batchSize = 1;
    QString device;
    double deviceUnits = 1.0;    ///< cores on cpu (threads of the run), GPUs on cuda
    double costPerBusyMs = 0.0;  ///< price of one millisecond of this entry's (stage-1) batch
    int variant1 = -1;           ///< VariantAnswers index of stage 1 (or the single model)
    int variant2 = -1;           ///< cascades only
    int model1 = -1;             ///< modelNames() index of stage 1 (or the single model)
    int model2 = -1;             ///< cascades only
    int samples1 = -1;           ///< ConfigTable::samples() set of stage 1 at this batch size
    int samples2 = -1;           ///< cascades only: the set of stage 2 at its planning batch
    int ladder2 = -1;            ///< cascades only: stage 2's profiled batches (stage2EntryFor)
    /// The entry that serves exactly as this one (itself, except for a cascade's lower budget
    /// points): simulate or replay one of them and all are known.
    int servingEntry = 0;
    /// Planned accuracy on the calibration examples: a single configuration's accuracy; a
    /// cascade's A(tailMs), the expected accuracy when its budget is its planning tail.
    double accuracy = 0.0;
    /// Cascades: the accuracy when every escalated item gets stage 2's answer, acc₁ + Δ with Δ
    /// planned as ConfigTableOptions::cascadeGainConfidence says; singles: the accuracy.
    double fullAccuracy = 0.0;
    /// Cascades: g(tailMs), the probability that an escalated item's stage-2 answer arrives
    /// within the planning tail; 0 for a single configuration.
    double stage2CompletesShare = 0.0;
    double escalationRate = 0.0;  ///< P(conf₁ < θ); 0 for a single configuration
    double tail1Ms = 0.0;         ///< quantile 1-ε of the stage-1 samples
    /// Quantile 1-ε of stage 2's samples at its planning batch right after another
    /// configuration (stage 2 always follows stage 1's other weights); 0 when nothing
    /// escalates.
    double tail2Ms = 0.0;
    /// The planning tail: tail₁ for a single configuration; for a cascade, the budget it is
    /// planned for (tail₁ + tail₂ at the full point). A cascade's answers are on time whenever
    /// stage 1's are: the tail bounds its accuracy, not its hits.
    double tailMs = 0.0;
    /// The planning tail when stage 1 runs right after other weights: the 1-ε quantile of its
    /// switched samples (+ the same stage-2 allowance as tailMs for a cascade).
    double switchedTailMs = 0.0;
    double meanMs = 0.0;  ///< expected busy time of a batch (stage 2 included, when it runs)
    double minMs = 0.0;   ///< smallest stage-1 sample
    /// Stage 1: mean serving time right after another configuration minus the steady mean (0
    /// where the profiles have no serving pass).
    double switchPenaltyMs = 0.0;
    double throughputPerS = 0.0;  ///< items per second: batch / mean latency
    double costPerItem = 0.0;     ///< expected cost of one item (currency of the price table)
};

/// What ConfigTable::build needs beside the profiles.
struct ConfigTableOptions {
    QString task;               ///< empty: the one task the profiles hold
    double riskEpsilon = 0.05;  ///< the planner plans on the latency quantile 1-ε
    /// "cpu": per core-hour, "cuda": per GPU-hour. Empty: every cost is zero. Non-empty: a device
    /// kind it lacks is an error.
    QMap<QString, double> costPerDeviceHour;
    std::vector<CascadeSpec> cascades;  ///< each × its θ grid
    /// Held-out calibration: with a seed, the evaluation examples are shuffled with it and
    /// split in two halves (the calibration half gets the odd one); accuracies, θ's escalation
    /// rates and every other planned number come from the calibration half, and traces draw
    /// their examples from the test half (testExample()). Without one, every example serves
    /// both (hand-built tables of tests).
    std::optional<std::uint64_t> splitSeed;
    /// Selection-aware cascades: the gain Δ of a cascade over its stage 1 is planned on the
    /// one-sided lower bound, at this confidence, of the mean of the paired per-example
    /// differences on the calibration half, Δ̂ − z·s/√n (a grid of θ picks its best on noise
    /// otherwise). 0: the point estimate Δ̂ (hand-built tables of tests).
    double cascadeGainConfidence = 0.0;
    /// What an experiment charges each decision on this table, in ms, instead of the measured
    /// decide() time (ServingSimulator::measuredDecisionCostMs): the protocol's
    /// `decision_cost_us`. Empty: measured.
    std::optional<double> pinnedDecisionCostMs;

    /// The protocol's ε and prices with models.yaml's cascades, for one task.
    static ConfigTableOptions from(const ModelsConfig& models, const ProtocolConfig& protocol,
                                   const QString& task);
};

/// Every configuration the planner and the baselines can choose for one task, precomputed from
/// the profiles: sorted latency samples, tails, accuracies, costs, the Pareto front (tail vs
/// accuracy) and per-example correctness. Built once; read-only and shared afterwards.
class ConfigTable final {
public:
    /// Only ok latency profiles are used; an ok profile without the accuracy profile of its
    /// (model, precision) is left out with a note. Throws aip::Error on inconsistent input:
    /// accuracy profiles of one task that cover different examples, empty or negative samples,
    /// duplicate configurations, an unknown price, ε outside (0, 1), no usable configuration.
    static ConfigTable build(const std::vector<LatencyProfile>& latency,
                             const std::vector<AccuracyProfile>& accuracy,
                             const ConfigTableOptions& options);

    const QString& task() const { return m_task; }
    double riskEpsilon() const { return m_epsilon; }
    /// ConfigTableOptions::pinnedDecisionCostMs: empty where decisions are charged as measured.
    std::optional<double> pinnedDecisionCostMs() const { return m_pinnedDecisionCostMs; }
    int size() const { return static_cast<int>(m_entries.size()); }
    const std::vector<ConfigEntry>& entries() const { return m_entries; }
    const ConfigEntry& entry(int id) const { return m_entries[static_cast<std::size_t>(id)]; }
    /// The entry called `name`, or -1.
    int findEntry(const QString& name) const;
    /// Entry names by id (shared with every SimulationResult).
    const QStringList& entryNames() const { return m_names; }

    /// All entries by planning tail ascending (ties: accuracy descending, cost, id).
    const std::vector<int>& byTail() const { return m_byTail; }
    /// Position of an entry in byTail().
    int tailRank(int entry) const { return m_tailRank[static_cast<std::size_t>(entry)]; }
    /// The Pareto front of (tail latency at 1-ε, accuracy): tail ascending, accuracy strictly
    /// ascending. frontier().front() is the fastest entry.
    const std::vector<int>& frontier() const { return m_frontier; }

    const QStringList& modelNames() const { return m_modelNames; }
    int modelIndex(const QString& model) const {
        return static_cast<int>(m_modelNames.indexOf(model));
    }
    const std::vector<VariantAnswers>& variants() const { return m_variants; }

    /// The ascending latency samples of one profile (ConfigEntry::samples1/samples2): what
    /// serving a batch costs right after a batch of the same configuration (the serving pass),
    /// or the back-to-back forward passes where the profile has no serving pass.
    std::span<const double> samples(int set) const {
        return m_samples[static_cast<std::size_t>(set)];
    }
    /// The same profile's ascending serving samples right after another configuration ran (the
    /// steady ones where the profile has no serving pass).
    std::span<const double> switchedSamples(int set) const {
        return m_switchedSamples[static_cast<std::size_t>(set)];
    }
    /// The serving samples after the server idled `gapMs` with this configuration loaded last:
    /// the kIdleNeighbours samples whose idle gaps are nearest (on a log scale); every idle
    /// sample where the profile records no gaps (the steady ones where it has none at all).
    std::span<const double> idleSamplesNear(int set, double gapMs) const;
    static constexpr int kIdleNeighbours = 5;
    /// What an idle of `gapMs` adds to a batch of this profile: the median of
    /// idleSamplesNear(set, gapMs) less the median steady sample, at least 0. A median, so that
    /// one or two outliers among the neighbours (a sample the machine delayed) do not become a
    /// fifth of every draw; the simulator adds it to a steady draw.
    double idleExtraMs(int set, double gapMs) const;
    /// The shortest idle gap the profile measured (0 where it records none): a pause shorter
    /// than this is no idle.
    double shortestIdleGapMs(int set) const {
        const std::vector<double>& gaps = m_idleGaps[static_cast<std::size_t>(set)];
        return gaps.empty() ? 0.0 : gaps.front();
    }
    /// What a batch of this profile costs beyond a steady one when the worker idled `gapMs`
    /// with its weights loaded last: idleExtraMs() once gapMs reaches the shortest measured
    /// idle, else 0. The simulator adds it to a steady draw; the planner to a steady tail.
    double idleDrawExtraMs(int set, double gapMs) const {
        return gapMs > 0.0 && gapMs >= shortestIdleGapMs(set) ? idleExtraMs(set, gapMs) : 0.0;
    }
    /// The share of the profile's steady samples (switched: of those after a switch) that are
    /// at most `ms`: the chance that a batch of it ends within `ms`. O(log n).
    double shareWithinMs(int set, bool switched, double ms) const;
    /// The fastest service time a run of this profile can take: the smallest of its steady,
    /// switched and idle samples (what a bound on every draw needs).
    double fastestSampleMs(int set) const;
    int sampleSetCount() const { return static_cast<int>(m_samples.size()); }

    /// The single entry a cascade's stage 2 runs as when `fill` items escalate: stage 2's
    /// smallest profiled batch that holds them (its largest when none does).
    int stage2EntryFor(const ConfigEntry& cascade, int fill) const;

    /// Example slots: position of an evaluation example in the accuracy profiles; -1 if absent.
    int exampleSlot(std::int64_t exampleIndex) const;
    /// exampleSlot() of the example a request asks for; throws aip::Error naming the request
    /// when the accuracy profiles do not cover it.
    int requireExampleSlot(std::int64_t exampleIndex, std::int64_t requestId) const;
    int exampleCount() const { return static_cast<int>(m_examples.size()); }
    /// Whether the example in `slot` is in the calibration half (every slot without a split).
    bool isCalibration(int slot) const {
        return m_calibration.empty() || m_calibration[static_cast<std::size_t>(slot)] != 0;
    }
    bool hasSplit() const { return !m_calibration.empty(); }
    int calibrationCount() const {
        return exampleCount() - static_cast<int>(m_testExamples.size());
    }
    /// Examples traces may draw: the test half (every example without a split).
    int testCount() const {
        return m_calibration.empty() ? exampleCount() : static_cast<int>(m_testExamples.size());
    }
    /// The k-th example of the test half (ascending), for k in [0, testCount()).
    std::int64_t testExample(int k) const {
        return m_calibration.empty() ? m_examples[static_cast<std::size_t>(k)]
                                     : m_testExamples[static_cast<std::size_t>(k)];
    }
    bool correct(int variant, int slot) const {
        return m_variants[static_cast<std::size_t>(variant)]
                   .correct[static_cast<std::size_t>(slot)] != 0;
    }
    float confidence(int variant, int slot) const {
        return m_variants[static_cast<std::size_t>(variant)]
            .confidence[static_cast<std::size_t>(slot)];
    }
    int maxBatchSize() const { return m_maxBatch; }

    /// What was left out and why (profiles without accuracy, cascades without profiles).
    const QStringList& notes() const { return m_notes; }

private:
    /// The budget points of the cascade of single entry `stage1Entry` with the stage-2 ladder
    /// `ladder` at threshold θ, planned on the latency quantile `quantile` and on the gain
    /// lowered by `gainZ` standard errors (ConfigTableOptions::cascadeGainConfidence).
    void addCascade(int stage1Entry, int ladder, double theta, double quantile, double gainZ);
    /// Draws the calibration half of the examples with `seed`.
    void splitExamples(std::uint64_t seed);
    // The phases of build(), in order.
    /// `options.task`, else the one task the profiles hold (an error if they hold several).
    static QString resolveTask(const std::vector<LatencyProfile>& latency,
                               const std::vector<AccuracyProfile>& accuracy,
                               const ConfigTableOptions& options);
    /// The per-example answers of every (model, precision) of the task, on one common example
    /// set (split into halves with the options' seed); returns "model/precision" → variant.
    std::map<QString, int> addVariants(const std::vector<AccuracyProfile>& accuracy,
                                       const ConfigTableOptions& options);
    /// A single entry per ok latency profile of the task that has its accuracy profile.
    void addSingles(const std::vector<LatencyProfile>& latency,
                    const std::map<QString, int>& variantByLabel, const ConfigTableOptions& options,
                    double quantile);
    /// Stage-2 ladders: the first `singles` entries per (model, precision, device), by batch.
    void buildLadders(int singles);
    /// Every stage-1 configuration of each cascade's first model with every (precision, device)
    /// of its second, each at every θ of its grid.
    void addCascades(const ConfigTableOptions& options, int singles, double quantile);
    /// Throughput, cost per item, the largest batch and the names.
    void summarizeEntries();
    /// The tail order, each entry's rank in it and the Pareto front along it.
    void orderByTail();

    QString m_task;
    double m_epsilon = 0.05;
    std::optional<double> m_pinnedDecisionCostMs;
    std::vector<ConfigEntry> m_entries;
    QStringList m_names;
    std::vector<int> m_byTail;
    std::vector<int> m_tailRank;
    std::vector<int> m_frontier;
    QStringList m_modelNames;
    std::vector<VariantAnswers> m_variants;
    std::vector<std::vector<double>> m_samples;
    std::vector<std::vector<double>> m_switchedSamples;
    std::vector<std::vector<double>> m_idleSamples;  ///< by idle gap where m_idleGaps has them
    std::vector<std::vector<double>> m_idleGaps;     ///< ascending; empty: none recorded
    /// Stage-2 ladders: the single entries of one (model, precision, device), by batch size.
    std::vector<std::vector<int>> m_ladders;
    std::vector<std::int64_t> m_examples;      ///< sorted example indices; slot = position
    bool m_denseExamples = false;              ///< m_examples[i] == i: slot lookup is the index
    std::vector<std::uint8_t> m_calibration;   ///< per slot; empty: no split
    std::vector<std::int64_t> m_testExamples;  ///< ascending
    int m_maxBatch = 1;
    QStringList m_notes;
    /// log(max(gap, 1e-9)) of each of m_idleGaps: computed once, not at every draw.
    std::vector<std::vector<double>> m_idleLogGaps;
    /// idleExtraMs() per window start of the gap order (one value where there is one window).
    std::vector<std::vector<double>> m_idleExtra;
    /// The first of the kIdleNeighbours samples nearest `gapMs` in the gap order (0 when the
    /// profile has that many or fewer).
    std::size_t idleWindow(int set, double gapMs) const;
    /// The m_idleExtra values of a set whose samples are in place.
    std::vector<double> idleExtras(int set) const;
};

}  // namespace aip
