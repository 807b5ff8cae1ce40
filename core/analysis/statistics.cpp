#include "analysis/statistics.h"

#include "common/error.h"
#include "common/seededrng.h"

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace aip {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
/// Largest count of non-zero differences whose null distribution is enumerated; 2^50 subsets
/// still fit a 64-bit counter exactly.
constexpr int kMaxExactWilcoxon = 50;
/// |d| values closer than this (relative) are one tie group.
constexpr double kTieTolerance = 1e-9;

void checkConfidence(double confidence) {
    if (!(confidence > 0.0 && confidence < 1.0)) {
        throw Error(QStringLiteral("confidence level %1 is not inside (0, 1)").arg(confidence));
    }
}

/// A NaN or infinite difference has no place in a test: reject it rather than return NaN.
void checkFinite(const std::vector<double>& differences) {
    for (size_t i = 0; i < differences.size(); ++i) {
        if (!std::isfinite(differences[i])) {
            throw Error(QStringLiteral("paired difference %1 of %2 is %3; the tests need a "
                                       "finite value for every pair")
                            .arg(i + 1)
                            .arg(differences.size())
                            .arg(differences[i]));
        }
    }
}

bool allEqual(const std::vector<double>& values) {
    return std::adjacent_find(values.begin(), values.end(), std::not_equal_to<>()) == values.end();
}

/// Upper, lower or two-sided tail probability of a statistic whose null distribution is
/// symmetric around 0, given its survival function sf(x) = P(X > x).
template <typename Survival>
double tailProbability(double statistic, Alternative alternative, Survival sf) {
    switch (alternative) {
        case Alternative::Greater:
            return sf(statistic);
        case Alternative::Less:
            return sf(-statistic);
        case Alternative::TwoSided:
            break;
    }
    return std::min(1.0, 2.0 * sf(std::abs(statistic)));
}

double studentTSurvival(double t, double df) {
    if (std::isinf(t)) {
        return t > 0 ? 0.0 : 1.0;
    }
    const boost::math::students_t_distribution<double> dist(df);
    return boost::math::cdf(boost::math::complement(dist, t));
}

double normalSurvival(double z) {
    const boost::math::normal_distribution<double> dist(0.0, 1.0);
    return boost::math::cdf(boost::math::complement(dist, z));
}

/// The non-zero differences ranked by |d|, with average ranks for ties.
struct SignedRanks {
    std::vector<double> ranks;  ///< parallel to `positive`
    std::vector<bool> positive;
    std::vector<int> tieSizes;  ///< sizes of the tie groups with more than one member
    int nZero = 0;
};

SignedRanks signedRanks(const std::vector<double>& differences) {
    SignedRanks result;
    checkFinite(differences);
    std::vector<double> magnitudes;
    for (const double d : differences) {
        if (d == 0.0) {
            ++result.nZero;
            continue;
        }
        magnitudes.push_back(std::abs(d));
        result.positive.push_back(d > 0.0);
    }
    const size_t n = magnitudes.size();
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return magnitudes[a] < magnitudes[b]; });
    result.ranks.assign(n, 0.0);
    size_t start = 0;
    while (start < n) {
        const double first = magnitudes[order[start]];
        size_t end = start + 1;
        while (end < n &&
               magnitudes[order[end]] - first <= kTieTolerance * magnitudes[order[end]]) {
            ++end;
        }
        // Ranks start + 1 … end share their mean.
        const double averageRank = 0.5 * static_cast<double>(start + 1 + end);
        for (size_t k = start; k < end; ++k) {
            result.ranks[order[k]] = averageRank;
        }
        if (end - start > 1) {
            result.tieSizes.push_back(static_cast<int>(end - start));
        }
        start = end;
    }
    return result;
}

/// Number of subsets of {1, …, n} for every rank sum 0 … n(n+1)/2: the exact null
/// distribution of W+ times 2^n.
std::vector<std::uint64_t> signedRankCounts(int n) {
    std::vector<std::uint64_t> counts(static_cast<size_t>(n * (n + 1) / 2 + 1), 0);
    counts[0] = 1;
    int maxSum = 0;
    for (int rank = 1; rank <= n; ++rank) {
        maxSum += rank;
        for (int sum = maxSum; sum >= rank; --sum) {
            counts[static_cast<size_t>(sum)] += counts[static_cast<size_t>(sum - rank)];
        }
    }
    return counts;
}

/// P(W+ ≤ upTo) or P(W+ ≥ from) under the exact null distribution.
double exactProbability(const std::vector<std::uint64_t>& counts, int n, int from, int upTo) {
    std::uint64_t hits = 0;
    for (int sum = std::max(from, 0); sum <= upTo && sum < static_cast<int>(counts.size()); ++sum) {
        hits += counts[static_cast<size_t>(sum)];
    }
    return std::ldexp(static_cast<double>(hits), -n);
}

struct WilcoxonCore {
    WilcoxonTest test;
    std::vector<std::uint64_t> exactCounts;  ///< only when test.exact
};

WilcoxonCore wilcoxonCore(const std::vector<double>& differences) {
    WilcoxonCore core;
    WilcoxonTest& w = core.test;
    const SignedRanks ranked = signedRanks(differences);
    const int n = static_cast<int>(ranked.ranks.size());
    w.nNonZero = n;
    w.nZero = ranked.nZero;
    w.hasTies = !ranked.tieSizes.empty();
    for (int i = 0; i < n; ++i) {
        (ranked.positive[static_cast<size_t>(i)] ? w.rankSumPositive : w.rankSumNegative) +=
            ranked.ranks[static_cast<size_t>(i)];
    }
    w.statistic = std::min(w.rankSumPositive, w.rankSumNegative);
    if (n == 0) {
        w.pValue = 1.0;
        return core;
    }
    w.exact = n <= kMaxExactWilcoxon && w.nZero == 0 && !w.hasTies;
    if (w.exact) {
        core.exactCounts = signedRankCounts(n);
        const int statistic = static_cast<int>(w.statistic);
        w.pValue = std::min(1.0, 2.0 * exactProbability(core.exactCounts, n, 0, statistic));
        return core;
    }
    const double nd = static_cast<double>(n);
    const double mean = nd * (nd + 1.0) / 4.0;
    double variance = nd * (nd + 1.0) * (2.0 * nd + 1.0) / 24.0;
    for (const int t : ranked.tieSizes) {
        const double td = static_cast<double>(t);
        variance -= (td * td * td - td) / 48.0;
    }
    w.zStatistic = (w.rankSumPositive - mean) / std::sqrt(variance);
    w.pValue = tailProbability(w.zStatistic, Alternative::TwoSided, normalSurvival);
    return core;
}

}  // namespace

QString alternativeName(Alternative alternative) {
    switch (alternative) {
        case Alternative::Greater:
            return QStringLiteral("greater");
        case Alternative::Less:
            return QStringLiteral("less");
        case Alternative::TwoSided:
            break;
    }
    return QStringLiteral("two-sided");
}

Alternative alternativeFromName(const QString& name) {
    for (const Alternative a : {Alternative::TwoSided, Alternative::Greater, Alternative::Less}) {
        if (name == alternativeName(a)) {
            return a;
        }
    }
    throw Error(
        QStringLiteral("unknown alternative '%1'; expected two-sided, greater or less").arg(name));
}

PairedTTest pairedTTest(const std::vector<double>& differences, double confidence) {
    checkConfidence(confidence);
    checkFinite(differences);
    PairedTTest r;
    r.n = static_cast<int>(differences.size());
    if (r.n == 0) {
        return r;
    }
    const double n = static_cast<double>(r.n);
    r.meanDiff = std::accumulate(differences.begin(), differences.end(), 0.0) / n;
    if (r.n == 1) {
        return r;
    }
    r.df = n - 1.0;
    if (allEqual(differences)) {
        // No spread: the mean is the common value exactly (the division above may round).
        const double c = differences.front();
        r.meanDiff = c;
        r.sdDiff = 0.0;
        r.ciLow = c;
        r.ciHigh = c;
        if (c == 0.0) {
            r.tStatistic = 0.0;
            r.pValue = 1.0;
            r.cohensDz = 0.0;
        } else {
            r.tStatistic = c > 0 ? kInf : -kInf;
            r.pValue = 0.0;
            r.cohensDz = r.tStatistic;
        }
        return r;
    }
    double squares = 0.0;
    for (const double d : differences) {
        squares += (d - r.meanDiff) * (d - r.meanDiff);
    }
    r.sdDiff = std::sqrt(squares / r.df);
    const double standardError = r.sdDiff / std::sqrt(n);
    r.tStatistic = r.meanDiff / standardError;
    r.pValue = tailProbability(r.tStatistic, Alternative::TwoSided,
                               [&](double t) { return studentTSurvival(t, r.df); });
    const boost::math::students_t_distribution<double> dist(r.df);
    const double critical = boost::math::quantile(dist, 0.5 + confidence / 2.0);
    r.ciLow = r.meanDiff - critical * standardError;
    r.ciHigh = r.meanDiff + critical * standardError;
    r.cohensDz = r.meanDiff / r.sdDiff;
    return r;
}

double pairedTTestPValue(const std::vector<double>& differences, Alternative alternative) {
    const PairedTTest t = pairedTTest(differences);
    if (t.n < 2) {
        return kNaN;
    }
    if (t.tStatistic == 0.0 && t.sdDiff == 0.0) {
        return 1.0;
    }
    return tailProbability(t.tStatistic, alternative,
                           [&](double x) { return studentTSurvival(x, t.df); });
}

WilcoxonTest wilcoxonSignedRank(const std::vector<double>& differences) {
    return wilcoxonCore(differences).test;
}

double wilcoxonPValue(const std::vector<double>& differences, Alternative alternative) {
    const WilcoxonCore core = wilcoxonCore(differences);
    const WilcoxonTest& w = core.test;
    if (alternative == Alternative::TwoSided || w.nNonZero == 0) {
        return w.pValue;
    }
    if (w.exact) {
        const int n = w.nNonZero;
        const int observed = static_cast<int>(w.rankSumPositive);
        return alternative == Alternative::Greater
                   ? exactProbability(core.exactCounts, n, observed, n * (n + 1) / 2)
                   : exactProbability(core.exactCounts, n, 0, observed);
    }
    return tailProbability(w.zStatistic, alternative, normalSurvival);
}

MeanInterval bootstrapMeanInterval(const std::vector<double>& differences, std::uint64_t seed,
                                   int resamples, double confidence) {
    checkConfidence(confidence);
    if (resamples < 1) {
        throw Error(QStringLiteral("bootstrap needs at least one resample, got %1").arg(resamples));
    }
    checkFinite(differences);
    MeanInterval interval;
    const auto n = static_cast<std::int64_t>(differences.size());
    if (n == 0) {
        return interval;
    }
    SeededRng rng(seed, QStringLiteral("analysis/bootstrap-mean"));
    std::vector<double> means(static_cast<size_t>(resamples));
    for (double& mean : means) {
        double sum = 0.0;
        for (std::int64_t k = 0; k < n; ++k) {
            sum += differences[static_cast<size_t>(rng.uniformInt(0, n - 1))];
        }
        mean = sum / static_cast<double>(n);
    }
    std::sort(means.begin(), means.end());
    const auto quantile = [&](double q) {
        const double position = q * static_cast<double>(resamples - 1);
        const auto below = static_cast<size_t>(std::floor(position));
        const size_t above = std::min(below + 1, means.size() - 1);
        const double fraction = position - static_cast<double>(below);
        return means[below] + fraction * (means[above] - means[below]);
    };
    interval.low = quantile(0.5 - confidence / 2.0);
    interval.high = quantile(0.5 + confidence / 2.0);
    return interval;
}

MeanInterval wilsonInterval(int successes, int trials, double confidence) {
    checkConfidence(confidence);
    if (trials < 0 || successes < 0 || successes > trials) {
        throw Error(QStringLiteral("%1 successes of %2 trials is no proportion")
                        .arg(successes)
                        .arg(trials));
    }
    MeanInterval interval;
    if (trials == 0) {
        return interval;
    }
    const double n = static_cast<double>(trials);
    const double p = static_cast<double>(successes) / n;
    const boost::math::normal_distribution<double> normal(0.0, 1.0);
    const double z = boost::math::quantile(normal, 0.5 + confidence / 2.0);
    const double z2 = z * z;
    const double centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    const double half = z / (1.0 + z2 / n) * std::sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n));
    // Rounding must not put a bound a hair outside [0, 1].
    interval.low = std::max(0.0, centre - half);
    interval.high = std::min(1.0, centre + half);
    return interval;
}

std::vector<double> holmAdjust(const std::vector<double>& pValues) {
    std::vector<size_t> family;
    for (size_t i = 0; i < pValues.size(); ++i) {
        const double p = pValues[i];
        if (std::isnan(p)) {
            continue;
        }
        if (p < 0.0 || p > 1.0) {
            throw Error(QStringLiteral("p-value %1 is outside [0, 1]").arg(p));
        }
        family.push_back(i);
    }
    std::stable_sort(family.begin(), family.end(),
                     [&](size_t a, size_t b) { return pValues[a] < pValues[b]; });
    std::vector<double> adjusted(pValues.size(), kNaN);
    const size_t m = family.size();
    double running = 0.0;
    for (size_t j = 0; j < m; ++j) {
        const double scaled = std::min(1.0, static_cast<double>(m - j) * pValues[family[j]]);
        running = std::max(running, scaled);
        adjusted[family[j]] = running;
    }
    return adjusted;
}

}  // namespace aip
