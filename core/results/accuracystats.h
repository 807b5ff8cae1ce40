#pragma once

#include "results/profiles.h"

namespace aip {

/// Summary of one (model, precision) on its evaluation split.
struct AccuracySummary {
    std::int64_t n = 0;
    double accuracy = 0.0;
    double ci95Low = 0.0;  ///< Wilson score interval, 95%
    double ci95High = 0.0;
    double meanConfidence = 0.0;
    double ece = 0.0;  ///< expected calibration error, 15 equal-width confidence bins
};

/// Wilson score interval for `successes` out of `n` at 95% (z = 1.959964); [0, 0] for n = 0.
std::pair<double, double> wilsonInterval95(std::int64_t successes, std::int64_t n);

/// Expected calibration error: examples binned by confidence into `bins` equal-width bins
/// ((0, 1/B], …, ((B−1)/B, 1]; confidence 0 falls into the first), ECE = Σ_b |B_b|/n ·
/// |accuracy(B_b) − mean confidence(B_b)|.
double expectedCalibrationError(const AccuracyProfile& profile, int bins = 15);

AccuracySummary summarizeAccuracy(const AccuracyProfile& profile);

/// The anytime cascade's rule: an example goes on to stage 2 when stage 1's confidence is below θ.
inline bool escalates(double confidence1, double theta) {
    return confidence1 < theta;
}

/// A 2-stage cascade evaluated exactly from the per-example answers of both stages, without
/// running a model: answer = stage 1 if conf₁ ≥ θ else stage 2.
struct CascadeOutcome {
    double accuracy = 0.0;
    double escalationRate = 0.0;  ///< P(conf₁ < θ)
};

/// Throws aip::Error when the two profiles do not cover the same examples in the same order.
CascadeOutcome evaluateCascade(const AccuracyProfile& stage1, const AccuracyProfile& stage2,
                               double theta);

/// Expected latency of the cascade per batch: stage 1 always, stage 2 with the escalation
/// probability: mean₁ + escalation · mean₂ (both latency profiles must be ok).
double expectedCascadeLatencyMs(const LatencyProfile& stage1, const LatencyProfile& stage2,
                                double escalationRate);

}  // namespace aip
