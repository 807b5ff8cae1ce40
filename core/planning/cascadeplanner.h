#pragma once

#include "planning/policy.h"

#include <QString>

#include <limits>
#include <span>
#include <utility>
#include <vector>

namespace aip {

/// A decision with the words that justify it (the CLI's `--batch plan` prints them).
struct DecisionExplanation {
    Decision decision;
    QString reason;
};

/// The anytime planner. On the Pareto front of (tail latency at 1-ε, accuracy), sorted by tail,
/// one binary search finds the most accurate entry whose tail fits the head request's remaining
/// budget; with q requests queued, the most accurate entry of any batch size that serves all q
/// (⌈q / batch⌉ batches of its tail) within that budget, so the requests behind the head are not
/// starved (a binary search on a per-q table over every entry). Degrades gracefully: nothing fits
/// → the entry most likely to answer the head correctly in time, accuracy × P(service ≤ budget)
/// over its samples (best effort; the fastest when none can), or, with requests behind the late
/// head or arriving, that entry, the fastest or the highest-throughput one, whichever the
/// one-step score prefers; a model marked
/// unhealthy → the most accurate healthy entry that fits (else the fastest healthy one); a
/// queue longer than PolicyOptions::spikeQueueThreshold that no entry serves within the budget
/// → the highest-throughput entry that fits, batching as many waiting requests as it holds
/// (also a binary search, on a prefix maximum), or, where that cannot keep up with the
/// arrivals, the highest-throughput entry of all; but the fastest entry where it keeps up and
/// serves the whole queue, one request after another, within that batch's mean: it clears the
/// queue no later and answers each request sooner, where a large batch may answer none in time.
///
/// Load-aware: with the server's online estimate λ of the arrival rate over the head's slack B
/// (DecisionContext::arrivalRatePerMs), an entry of batch size b and mean batch time m keeps up
/// in the long run only while ρ = λ·m/b < 1, and then the requests arriving meanwhile wait about
/// W∞ = (m/2)·min(1, λ·m)/(1 − ρ) for it (M/D/1 for b = 1); within B the queue builds at most
/// W_B = (m/2)·min(1, λ·m) + max(0, ρ − 1)·B + √(λB)·m/b. The planner picks the most accurate
/// entry whose tail + min(W∞, W_B) fits the budget (loadedTailMs), and never one more accurate
/// than the queue rule allows; when none fits, the highest-throughput entry that fits (as in a
/// load spike). A scan, most accurate first and stopping at the first that fits, of the entries
/// no other beats on accuracy, tail, mean and time per item.
///
/// Switch-aware: running other weights than the worker ran last costs a switch, so an entry is
/// judged by its switched tail (ConfigEntry::switchedTailMs), and the entries of the weights
/// that ran last by their steady tail; the more accurate of the two that fit is the pick (a
/// binary search on the switched front, a scan of the few entries of the last weights).
///
/// Idle-aware: after the worker idled (DecisionContext::idleGapMs), a batch of the weights it
/// ran last costs what the profile measured such an idle to add (ConfigTable::idleDrawExtraMs),
/// so those entries are judged by their tail plus that extra (a walk down the front from the
/// binary search's pick, usually a step or two).
///
/// One step ahead (expectedCorrect): each candidate is scored by the correct, on-time answers
/// it leads to. The waiting requests (DecisionContext::waitingDueMs) count against their own
/// due times: those in its batch by the chance that its stage 1 ends in time (the share of its
/// samples within their slack, an idle's extra counted; a cascade's full accuracy where its
/// tail fits, else stage 1's), those behind it when the fastest
/// entry, serving them one after another after the batch, still does. The λ·m requests
/// arriving while a batch of mean m runs, whose wait is spread over the batch, cost the answers
/// the fastest entry would have given them (deadlines seen so far, DecisionContext::deadlines).
/// The candidates, none more accurate than the entry chosen so far: that entry, the faster
/// entries of the front, the front of the weights that ran last (their larger batches too),
/// the most accurate entry that fits the tightest waiting request (alone and serving the whole
/// queue) and, with requests waiting, the highest-throughput entry that fits. A candidate whose
/// upper bound (every answer on time, nothing lost) cannot beat the best score so far is not
/// scored; the planner takes the highest score.
class CascadePlanner final : public Policy {
public:
    CascadePlanner(const ConfigTable& table, const PolicyOptions& options = {});

    QString name() const override { return QStringLiteral("CascadePlanner"); }
    Decision decide(const DecisionContext& context) const override;
    /// The same decision, with what fitted, what was chosen and what was rejected.
    DecisionExplanation explain(const DecisionContext& context) const;

private:
    Decision chooseNormal(const DecisionContext& context) const;
    Decision chooseDrain(const DecisionContext& context) const;
    bool isLoadSpike(const DecisionContext& context) const;
    /// Nothing fits the head (its switch or idle paid): without the best-effort rule the most
    /// accurate entry; with requests behind it or arriving (load-aware), chooseLate(); else
    /// mostLikelyOnTime().
    Decision chooseBestEffort(const DecisionContext& context) const;
    /// Nothing fits the head: mostLikelyOnTime(), the fastest entry or the highest-throughput
    /// one, whichever serves the head and the requests behind it better.
    Decision chooseLate(const DecisionContext& context) const;
    /// Best effort for the head alone: the single entry with the most expected correct, on-time
    /// answer, accuracy × onTimeShare(budget); of equals, the lowest mean. A scan of
    /// m_likelyOrder and, after an idle, of the entries of the weights that ran last.
    int mostLikelyOnTime(const DecisionContext& context) const;
    /// Single entries no other single entry beats: as accurate, and stochastically at most as
    /// slow in its steady and in its switched samples (so at least as likely to end within
    /// any time), most accurate first. Exact for a head without an idle; after one, an entry
    /// beaten only by one of the weights that ran last, whose idle may cost more, is not
    /// reconsidered.
    std::vector<int> m_likelyOrder;
    static constexpr int kServicePoints = 16;
    /// Whether running `e` now switches weights (the worker ran others last).
    static bool switches(const ConfigEntry& e, const DecisionContext& context) {
        return context.lastVariant >= 0 && context.lastVariant != e.variant1;
    }
    /// What the worker's idle adds to a batch of `e` now: 0 after a switch or without an idle.
    double idleExtraMs(const ConfigEntry& e, const DecisionContext& context) const;
    /// The chance that `e`'s stage 1, run now, ends within `ms`: the share of its samples
    /// (switched or steady plus the idle's extra) at most `ms`.
    double onTimeShare(const ConfigEntry& e, const DecisionContext& context, double ms) const;
    /// Slow path while some model is unhealthy: a linear scan of the tail order.
    Decision chooseHealthy(const DecisionContext& context, const Decision& preferred) const;
    static int lastAtMost(const std::vector<double>& ascending, double value);
    /// Time to serve `queueLength` requests with `entry`: its tail per batch of its batch size.
    double queueServiceMs(int entry, int queueLength) const;

    /// Queue lengths 2 … kQueueTables have precomputed tables.
    static constexpr int kQueueTables = 64;
    std::vector<double> m_frontierTails;  ///< tails of ConfigTable::frontier()
    std::vector<double> m_tails;          ///< tails of ConfigTable::byTail()
    std::vector<int> m_drainBest;  ///< m_drainBest[i]: highest throughput among byTail()[0..i]

    /// Entries by a planning tail ascending, with the most accurate among each prefix: the
    /// most accurate entry whose tail fits a budget is one binary search.
    struct TailTable {
        std::vector<double> tailMs;
        std::vector<int> bestEntry;
    };
    std::vector<TailTable> m_queueTables;  ///< [q - 2]: every entry by queueServiceMs for q
    /// The table of queue length `queueLength`; nullptr outside 2 … kQueueTables.
    const TailTable* queueTable(int queueLength) const;
    /// (tail, entry) pairs sorted by tail, with the most accurate entry of each prefix.
    static TailTable mostAccuratePerPrefix(const ConfigTable& table,
                                           std::vector<std::pair<double, int>> order);
    /// The entries no other one beats at once on accuracy, tail, mean and time per item (so
    /// on loaded tail at every rate and horizon), most accurate first, then by tail.
    std::vector<int> m_loadOrder;
    /// The most accurate entry whose loaded tail fits the head's budget (the lowest loaded
    /// tail among equals); -1 when none does.
    int chooseUnderLoad(const DecisionContext& context) const;
    TailTable m_switchTable;                    ///< every entry by its switched tail
    std::vector<std::vector<int>> m_byVariant;  ///< entries of each stage-1 weights by tail
    /// The entries whose stage 1 runs `variant` (none for -1 or an unknown one), by tail.
    std::span<const int> entriesOfWeights(int variant) const;
    /// The most accurate entry that fits the head's budget counting the switch from the
    /// weights that ran last (and the idle's extra on those); -1 when none fits.
    int chooseSwitchAware(const DecisionContext& context) const;
    /// One step ahead: among `upper`, the faster, less accurate entries of the front and the
    /// entries of the weights that ran last up to `accuracyCap` (the most accurate entry that
    /// fits the head, before the queue and the load lowered the choice to `upper`), the one
    /// with the most expected correct answers, its own minus those it costs the requests
    /// arriving while it runs.
    int chooseLookahead(int upper, double accuracyCap, const DecisionContext& context) const;
    /// Expected correct, on-time answers if `e` runs now: those of the waiting requests (each
    /// against its own due time; the ones behind the batch served next by the fastest entry),
    /// less those lost among the arrivals while it runs.
    double expectedCorrect(const ConfigEntry& e, const DecisionContext& context) const;
    /// What expectedCorrect can give `e` at most: nothing late, nothing lost.
    double upperBound(const ConfigEntry& e, const DecisionContext& context) const;

public:
    /// Tail plus the wait that the requests arriving at `ratePerMs` build within `horizonMs`
    /// (the head's slack): the stationary M/D/1 wait (m/2)·min(1, λm)/(1 − ρ) where ρ = λm/b
    /// < 1, but never more than the queue can build within the horizon, (m/2)·min(1, λm) +
    /// max(0, ρ − 1)·H + √(λH)·m/b (its drift and its Poisson spread). +inf only when ρ ≥ 1
    /// and the horizon is unbounded.
    static double loadedTailMs(const ConfigEntry& entry, double ratePerMs, double horizonMs);
};

/// What the planner decides for the head request of a queue of `queueLength` requests with
/// `deadlineMs` left, every model healthy, and why.
DecisionExplanation explainDecision(const ConfigTable& table, double deadlineMs,
                                    int queueLength = 1, const PolicyOptions& options = {});

}  // namespace aip
