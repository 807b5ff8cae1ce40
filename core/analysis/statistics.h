#pragma once

#include <QString>

#include <cstdint>
#include <limits>
#include <vector>

namespace aip {

/// Paired statistics over differences d_i = policy − baseline (one per replicate). Every
/// p-value comes from Boost.Math's Student t or normal distribution. Degenerate inputs give the
/// defined values documented on each result; none of these functions divides by zero. A NaN or
/// infinite difference is bad input: aip::Error.

/// The alternative hypothesis of a test on the differences: their location is ≠ 0
/// (two-sided), > 0 (greater: the policy's value is higher) or < 0 (less).
enum class Alternative { TwoSided, Greater, Less };

/// "two-sided", "greater" or "less" (the names of the protocol's hypotheses).
QString alternativeName(Alternative alternative);
/// Parses a name of alternativeName(); throws aip::Error for anything else.
Alternative alternativeFromName(const QString& name);

/// Paired two-sided t-test of mean(d) = 0, its t-based confidence interval and Cohen's d_z.
/// Degenerate cases:
/// - n = 0: every field is NaN.
/// - n = 1: meanDiff = d_1, everything else NaN (no spread to test against).
/// - n ≥ 2 and all d_i = 0: sd 0, t 0, p 1, CI [0, 0], d_z 0 (no difference at all).
/// - n ≥ 2 and all d_i = c ≠ 0: sd 0, t ±inf, p 0, CI [c, c], d_z ±inf (a constant shift).
struct PairedTTest {
    static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    int n = 0;
    double meanDiff = kNaN;
    double sdDiff = kNaN;  ///< sample standard deviation (n − 1 in the denominator)
    double df = kNaN;      ///< n − 1
    double tStatistic = kNaN;
    double pValue = kNaN;  ///< two-sided
    double ciLow = kNaN;   ///< mean ± t_{(1+confidence)/2, n−1} · sd / √n
    double ciHigh = kNaN;
    double cohensDz = kNaN;  ///< mean / sd
};
PairedTTest pairedTTest(const std::vector<double>& differences, double confidence = 0.95);
/// The t-test's p-value for the given alternative (one-sided: Student t tail of t). All-zero
/// differences give p = 1 for every alternative; n < 2 gives NaN.
double pairedTTestPValue(const std::vector<double>& differences, Alternative alternative);

/// Wilcoxon signed-rank test (zero differences dropped, as scipy's zero_method="wilcox").
/// |d| values within a relative 1e-9 of each other count as tied and get their average rank:
/// differences of values that are equal in decimal can differ in the last bits of a double.
/// The null distribution is exact (enumerated) when at most 50 differences remain and there
/// were neither zeros nor ties; otherwise the normal approximation with the tie-corrected
/// variance n(n+1)(2n+1)/24 − Σ(t³ − t)/48 and no continuity correction.
/// All differences zero (or none): statistic 0, p 1.
struct WilcoxonTest {
    static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
    int nNonZero = 0;
    int nZero = 0;
    bool hasTies = false;
    bool exact = false;
    double rankSumPositive = 0.0;  ///< W+
    double rankSumNegative = 0.0;  ///< W−
    double statistic = 0.0;        ///< min(W+, W−), scipy's two-sided statistic
    double zStatistic = kNaN;      ///< (W+ − n(n+1)/4) / sd; normal approximation only
    double pValue = 1.0;           ///< two-sided; exact: min(1, 2·P(W ≤ statistic))
};
WilcoxonTest wilcoxonSignedRank(const std::vector<double>& differences);
/// The signed-rank test's p-value for the given alternative; one-sided tests use W+
/// (greater: P(W+ ≥ observed), less: P(W+ ≤ observed)), as scipy does.
double wilcoxonPValue(const std::vector<double>& differences, Alternative alternative);

/// A percentile bootstrap confidence interval of mean(d): `resamples` resamples of size n
/// drawn with replacement from SeededRng(seed, "analysis/bootstrap-mean"); the bounds are the
/// (1 − confidence)/2 and (1 + confidence)/2 quantiles of the resampled means, linearly
/// interpolated between order statistics (numpy's default). n = 0 gives NaN bounds.
struct MeanInterval {
    double low = PairedTTest::kNaN;
    double high = PairedTTest::kNaN;
};
MeanInterval bootstrapMeanInterval(const std::vector<double>& differences, std::uint64_t seed,
                                   int resamples = 10000, double confidence = 0.95);

/// The Wilson score interval of the proportion successes / trials: centre
/// (p̂ + z²/2n)/(1 + z²/n), half-width z/(1 + z²/n)·√(p̂(1 − p̂)/n + z²/4n²), z the normal
/// (1 + confidence)/2 quantile. Unlike p̂ ± z·√(p̂(1 − p̂)/n) it stays inside [0, 1] and does not
/// shrink to a point at 0 or n successes. trials = 0 gives NaN bounds. Throws aip::Error for
/// successes outside [0, trials] or a confidence outside (0, 1).
MeanInterval wilsonInterval(int successes, int trials, double confidence = 0.95);

/// Holm–Bonferroni step-down adjusted p-values, in the input's order: with the m p-values
/// sorted ascending, adjusted_(i) = max over j ≤ i of min(1, (m − j + 1)·p_(j)). Equal
/// p-values keep their input order. NaN entries are not part of the family (m counts the
/// others) and stay NaN. Throws aip::Error for a p-value outside [0, 1].
std::vector<double> holmAdjust(const std::vector<double>& pValues);

}  // namespace aip
