#include "results/accuracystats.h"

#include "common/error.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace aip {

std::pair<double, double> wilsonInterval95(std::int64_t successes, std::int64_t n) {
    if (n <= 0) {
        return {0.0, 0.0};
    }
    constexpr double kZ = 1.959963984540054;
    const double nn = static_cast<double>(n);
    const double p = static_cast<double>(successes) / nn;
    const double z2 = kZ * kZ;
    const double centre = (p + z2 / (2.0 * nn)) / (1.0 + z2 / nn);
    const double half = kZ * std::sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn)) / (1.0 + z2 / nn);
    return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

double expectedCalibrationError(const AccuracyProfile& profile, int bins) {
    const std::size_t n = profile.size();
    if (n == 0 || bins <= 0) {
        return 0.0;
    }
    std::vector<double> confidenceSum(static_cast<std::size_t>(bins), 0.0);
    std::vector<double> correctSum(static_cast<std::size_t>(bins), 0.0);
    std::vector<std::int64_t> count(static_cast<std::size_t>(bins), 0);
    for (std::size_t i = 0; i < n; ++i) {
        const double c = std::clamp(static_cast<double>(profile.confidence[i]), 0.0, 1.0);
        // Bin b holds ((b)/B, (b+1)/B]: ceil(c·B) − 1, with 0 in the first bin.
        const int b = std::clamp(static_cast<int>(std::ceil(c * bins)) - 1, 0, bins - 1);
        confidenceSum[static_cast<std::size_t>(b)] += c;
        correctSum[static_cast<std::size_t>(b)] += profile.correct(i) ? 1.0 : 0.0;
        ++count[static_cast<std::size_t>(b)];
    }
    double ece = 0.0;
    for (std::size_t b = 0; b < count.size(); ++b) {
        if (count[b] > 0) {
            ece += std::abs(correctSum[b] - confidenceSum[b]) / static_cast<double>(n);
        }
    }
    return ece;
}

AccuracySummary summarizeAccuracy(const AccuracyProfile& profile) {
    AccuracySummary s;
    s.n = static_cast<std::int64_t>(profile.size());
    std::int64_t correct = 0;
    double confidence = 0.0;
    for (std::size_t i = 0; i < profile.size(); ++i) {
        correct += profile.correct(i) ? 1 : 0;
        confidence += profile.confidence[i];
    }
    if (s.n > 0) {
        s.accuracy = static_cast<double>(correct) / static_cast<double>(s.n);
        s.meanConfidence = confidence / static_cast<double>(s.n);
    }
    std::tie(s.ci95Low, s.ci95High) = wilsonInterval95(correct, s.n);
    s.ece = expectedCalibrationError(profile);
    return s;
}

CascadeOutcome evaluateCascade(const AccuracyProfile& stage1, const AccuracyProfile& stage2,
                               double theta) {
    if (stage1.index != stage2.index) {
        throw Error(QStringLiteral("cascade %1 → %2: the two stages' predictions do not cover the "
                                   "same examples (%3 and %4 rows)")
                        .arg(stage1.model, stage2.model)
                        .arg(stage1.size())
                        .arg(stage2.size()));
    }
    const std::size_t n = stage1.size();
    CascadeOutcome out;
    if (n == 0) {
        return out;
    }
    std::size_t correct = 0;
    std::size_t escalated = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const bool escalate = escalates(stage1.confidence[i], theta);
        escalated += escalate ? 1 : 0;
        correct += (escalate ? stage2.correct(i) : stage1.correct(i)) ? 1 : 0;
    }
    out.accuracy = static_cast<double>(correct) / static_cast<double>(n);
    out.escalationRate = static_cast<double>(escalated) / static_cast<double>(n);
    return out;
}

double expectedCascadeLatencyMs(const LatencyProfile& stage1, const LatencyProfile& stage2,
                                double escalationRate) {
    if (!stage1.ok() || !stage2.ok()) {
        throw Error(QStringLiteral("cascade %1 → %2: a stage has no latency profile (%3)")
                        .arg(stage1.key.id(), stage2.key.id(),
                             stage1.ok() ? stage2.status : stage1.status));
    }
    return stage1.meanMs + escalationRate * stage2.meanMs;
}

}  // namespace aip
