#include "planning/mdpplanner.h"

#include "planning/dominance.h"

#include "common/error.h"
#include "common/quantile.h"

#include <QElapsedTimer>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace aip {

/// One action of the MDP: an entry and the service-time quantiles its transitions draw.
struct MdpPlanner::Action {
    int entry = -1;
    int batch = 1;
    double accuracy = 0.0;        ///< where what is left covers the planning tail
    double stage1Accuracy = 0.0;  ///< otherwise (the same for a single configuration)
    double tailMs = 0.0;
    std::vector<double> onTimeMs;  ///< stage 1's service-time quantiles, ascending
    std::vector<double> busyMs;    ///< the batch's busy-time quantiles, ascending
    double meanBusyMs = 0.0;
};

namespace {

/// Lowest to highest rate of the grid, as a ratio.
constexpr double kRateSpan = 512.0;

/// Share of the ascending points that are ≤ x.
double shareAtMost(const std::vector<double>& points, double x) {
    return static_cast<double>(std::upper_bound(points.begin(), points.end(), x) - points.begin()) /
           static_cast<double>(points.size());
}

/// Solves a·x = b for the n × n row-major a by Gaussian elimination with partial pivoting;
/// b becomes x.
void solveLinear(std::vector<double>& a, std::vector<double>& b, int n) {
    const auto at = [&](int r, int c) -> double& {
        return a[static_cast<std::size_t>(r) * static_cast<std::size_t>(n) +
                 static_cast<std::size_t>(c)];
    };
    for (int c = 0; c < n; ++c) {
        int pivot = c;
        for (int r = c + 1; r < n; ++r) {
            if (std::abs(at(r, c)) > std::abs(at(pivot, c))) {
                pivot = r;
            }
        }
        if (pivot != c) {
            for (int k = 0; k < n; ++k) {
                std::swap(at(c, k), at(pivot, k));
            }
            std::swap(b[static_cast<std::size_t>(c)], b[static_cast<std::size_t>(pivot)]);
        }
        const double diagonal = at(c, c);
        if (diagonal == 0.0) {
            continue;  // cannot happen for a unichain policy; leaves x[c] at what b holds
        }
        for (int r = c + 1; r < n; ++r) {
            const double f = at(r, c) / diagonal;
            if (f == 0.0) {
                continue;
            }
            for (int k = c; k < n; ++k) {
                at(r, k) -= f * at(c, k);
            }
            b[static_cast<std::size_t>(r)] -= f * b[static_cast<std::size_t>(c)];
        }
    }
    for (int c = n - 1; c >= 0; --c) {
        double sum = b[static_cast<std::size_t>(c)];
        for (int k = c + 1; k < n; ++k) {
            sum -= at(c, k) * b[static_cast<std::size_t>(k)];
        }
        b[static_cast<std::size_t>(c)] = at(c, c) != 0.0 ? sum / at(c, c) : 0.0;
    }
}

}  // namespace

MdpPlanner::MdpPlanner(const ConfigTable& table, const PolicyOptions& options)
    : Policy(table, options), m_deadlines(options.deadlineClassesMs) {
    QElapsedTimer timer;
    timer.start();
    if (m_deadlines.empty()) {
        throw Error(
            QStringLiteral("MDPPlanner needs the deadline classes it plans for; none given"));
    }
    for (const double d : m_deadlines) {
        if (!(d > 0.0) || !std::isfinite(d)) {
            throw Error(
                QStringLiteral("MDPPlanner: deadline class %1 ms is not a positive number").arg(d));
        }
    }
    std::sort(m_deadlines.begin(), m_deadlines.end());
    m_deadlines.erase(std::unique(m_deadlines.begin(), m_deadlines.end()), m_deadlines.end());

    std::vector<Action> actions;
    double fastestPerMs = 0.0;
    for (const ConfigEntry& e : table.entries()) {
        Action a;
        a.entry = e.id;
        a.batch = e.batchSize;
        a.accuracy = e.accuracy;
        a.stage1Accuracy = table.variants()[static_cast<std::size_t>(e.variant1)].accuracy;
        a.tailMs = e.tailMs;
        const std::span<const double> samples = table.samples(e.samples1);
        a.onTimeMs = quantilePoints(samples, kServiceQuantiles);
        // A cascade's batch stays busy for stage 2 too: its mean over stage 1's.
        const double stage1Mean = std::accumulate(samples.begin(), samples.end(), 0.0) /
                                  static_cast<double>(samples.size());
        const double stage2 = std::max(0.0, e.meanMs - stage1Mean);
        a.busyMs = a.onTimeMs;
        for (double& s : a.busyMs) {
            s += stage2;
        }
        a.meanBusyMs = std::accumulate(a.busyMs.begin(), a.busyMs.end(), 0.0) / kServiceQuantiles;
        fastestPerMs = std::max(fastestPerMs, a.batch / a.meanBusyMs);
        actions.push_back(std::move(a));
    }
    selectActions(actions);

    m_lowestRate = fastestPerMs / 256.0;
    m_logStep = std::log(kRateSpan) / (kRateBuckets - 1);
    m_policy.assign(static_cast<std::size_t>(kRateBuckets) * kMaxQueue, actions.front().entry);
    m_gain.assign(kRateBuckets, 0.0);
    for (int j = 0; j < kRateBuckets; ++j) {
        solveBucket(j, actions);
    }
    m_stats.states = kRateBuckets * kMaxQueue;
    m_stats.actions = static_cast<int>(m_actions.size());
    m_stats.bytes = m_policy.size() * sizeof(int);
    m_stats.solveMs = static_cast<double>(timer.nsecsElapsed()) / 1e6;
}

void MdpPlanner::selectActions(std::vector<Action>& candidates) {
    // b beats a when it is as accurate (at and below its tail), takes as many, and is as fast
    // at every quantile; of identical ones the first stays.
    const auto beats = [](const Action& b, const Action& a) {
        return b.accuracy >= a.accuracy && b.stage1Accuracy >= a.stage1Accuracy &&
               b.tailMs <= a.tailMs && b.batch >= a.batch && allAtMost(b.onTimeMs, a.onTimeMs) &&
               allAtMost(b.busyMs, a.busyMs);
    };
    std::vector<Action> kept;
    for (const std::size_t i : unbeatenIndices(
             candidates.size(),
             [&](std::size_t b, std::size_t a) { return beats(candidates[b], candidates[a]); })) {
        kept.push_back(std::move(candidates[i]));
    }
    candidates = std::move(kept);
    m_actions.clear();
    for (const Action& a : candidates) {
        m_actions.push_back(a.entry);
    }
}

void MdpPlanner::solveBucket(int bucket, const std::vector<Action>& actions) {
    constexpr int q = kMaxQueue;
    const double lambda = bucketRatePerMs(bucket);
    const auto n = static_cast<int>(actions.size());
    const auto index = [](int i, int k, int width) {
        return static_cast<std::size_t>(i) * static_cast<std::size_t>(width) +
               static_cast<std::size_t>(k);
    };

    // Arrivals during one batch of each action: k = 0 … q − 1, and q for q or more.
    std::vector<double> arrivals(static_cast<std::size_t>(n * (q + 1)), 0.0);
    for (int a = 0; a < n; ++a) {
        for (const double s : actions[static_cast<std::size_t>(a)].busyMs) {
            const double mean = lambda * s;
            double pk = std::exp(-mean);
            double sum = 0.0;
            for (int k = 0; k < q; ++k) {
                arrivals[index(a, k, q + 1)] += pk / kServiceQuantiles;
                sum += pk;
                pk *= mean / (k + 1);
            }
            arrivals[index(a, q, q + 1)] += std::max(0.0, 1.0 - sum) / kServiceQuantiles;
        }
    }

    // Rewards and expected sojourns per (queue length, action).
    const double classes = static_cast<double>(m_deadlines.size());
    std::vector<double> reward(static_cast<std::size_t>(q * n));
    std::vector<double> sojourn(static_cast<std::size_t>(q * n));
    for (int length = 1; length <= q; ++length) {
        for (int a = 0; a < n; ++a) {
            const Action& act = actions[static_cast<std::size_t>(a)];
            const int take = std::min(length, act.batch);
            double r = 0.0;
            for (int i = 1; i <= take; ++i) {
                const double waited = (length - i) / lambda;
                for (const double d : m_deadlines) {
                    const double left = d - waited;
                    if (left <= 0.0) {
                        continue;
                    }
                    const double accuracy = left >= act.tailMs ? act.accuracy : act.stage1Accuracy;
                    r += shareAtMost(act.onTimeMs, left) * accuracy / classes;
                }
            }
            const double empty = length == take ? arrivals[index(a, 0, q + 1)] : 0.0;
            reward[index(length - 1, a, n)] = r;
            sojourn[index(length - 1, a, n)] = act.meanBusyMs + empty / lambda;
        }
    }
    // The state after `length` with action a and k arrivals (an empty queue waits for one).
    const auto next = [&](int length, int a, int k) {
        const int rest = length - std::min(length, actions[static_cast<std::size_t>(a)].batch);
        return std::max(1, std::min(q, rest + k));
    };

    // Start greedy on the reward rate, then policy iteration.
    std::vector<int> policy(static_cast<std::size_t>(q));
    for (int length = 1; length <= q; ++length) {
        int best = 0;
        for (int a = 1; a < n; ++a) {
            if (reward[index(length - 1, a, n)] * sojourn[index(length - 1, best, n)] >
                reward[index(length - 1, best, n)] * sojourn[index(length - 1, a, n)]) {
                best = a;
            }
        }
        policy[static_cast<std::size_t>(length - 1)] = best;
    }
    std::vector<double> h(static_cast<std::size_t>(q + 1), 0.0);  // h[1] = 0
    double gain = 0.0;
    std::vector<double> matrix(static_cast<std::size_t>(q * q));
    std::vector<double> rhs(static_cast<std::size_t>(q));
    int iterations = 0;
    for (bool changed = true; changed && iterations < 100;) {
        ++iterations;
        // Evaluate: unknowns g (column 0) and h(2 … q) (columns 1 … q − 1).
        std::fill(matrix.begin(), matrix.end(), 0.0);
        for (int length = 1; length <= q; ++length) {
            const int row = length - 1;
            const int a = policy[static_cast<std::size_t>(row)];
            matrix[index(row, 0, q)] = sojourn[index(row, a, n)];
            rhs[static_cast<std::size_t>(row)] = reward[index(row, a, n)];
            if (length > 1) {
                matrix[index(row, length - 1, q)] += 1.0;
            }
            for (int k = 0; k <= q; ++k) {
                const int to = next(length, a, k);
                if (to > 1) {
                    matrix[index(row, to - 1, q)] -= arrivals[index(a, k, q + 1)];
                }
            }
        }
        solveLinear(matrix, rhs, q);
        gain = rhs[0];
        for (int s = 2; s <= q; ++s) {
            h[static_cast<std::size_t>(s)] = rhs[static_cast<std::size_t>(s - 1)];
        }
        // Improve: keep the current action unless another is better by more than rounding.
        changed = false;
        for (int length = 1; length <= q; ++length) {
            const auto value = [&](int a) {
                double v =
                    reward[index(length - 1, a, n)] - gain * sojourn[index(length - 1, a, n)];
                for (int k = 0; k <= q; ++k) {
                    v += arrivals[index(a, k, q + 1)] *
                         h[static_cast<std::size_t>(next(length, a, k))];
                }
                return v;
            };
            int& chosen = policy[static_cast<std::size_t>(length - 1)];
            double best = value(chosen);
            for (int a = 0; a < n; ++a) {
                const double v = value(a);
                if (v > best + 1e-9 * (1.0 + std::abs(best))) {
                    best = v;
                    chosen = a;
                    changed = true;
                }
            }
        }
    }
    for (int length = 1; length <= q; ++length) {
        m_policy[static_cast<std::size_t>(bucket * q + length - 1)] =
            actions[static_cast<std::size_t>(policy[static_cast<std::size_t>(length - 1)])].entry;
    }
    m_gain[static_cast<std::size_t>(bucket)] = gain;
    m_stats.maxIterations = std::max(m_stats.maxIterations, iterations);
}

int MdpPlanner::rateBucket(double ratePerMs) const {
    if (!(ratePerMs > 0.0)) {
        return 0;
    }
    const double at = std::round(std::log(ratePerMs / m_lowestRate) / m_logStep);
    return static_cast<int>(std::clamp(at, 0.0, static_cast<double>(kRateBuckets - 1)));
}

double MdpPlanner::bucketRatePerMs(int bucket) const {
    return m_lowestRate * std::exp(m_logStep * bucket);
}

int MdpPlanner::actionAt(int queueLength, int bucket) const {
    const int length = std::clamp(queueLength, 1, kMaxQueue);
    return m_policy[static_cast<std::size_t>(bucket * kMaxQueue + length - 1)];
}

Decision MdpPlanner::decide(const DecisionContext& context) const {
    const int entry = actionAt(context.queueLength, rateBucket(context.arrivalRatePerMs));
    return preferring(entry, context, table().entry(entry).tailMs > context.budgetMs);
}

}  // namespace aip
