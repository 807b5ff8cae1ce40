#pragma once

#include "planning/configtable.h"
#include "results/accuracystats.h"
#include "results/profiles.h"

#include <QString>

#include <cstdint>
#include <vector>

namespace aip {

/// One (stage-1 variant → stage-2 variant) pair the table's cascades use, whatever their batch,
/// device and θ: what the answers of a cascade depend on.
struct CascadePair {
    int variant1 = -1;  ///< ConfigTable::variants() index
    int variant2 = -1;
    QString name;  ///< "<m1>/<p1> → <m2>/<p2>"
};

/// The distinct pairs of the table's cascade entries, in entry order; empty without cascades.
std::vector<CascadePair> cascadePairs(const ConfigTable& table);

/// One test-half example through a cascade's two stages, as predictions.csv recorded them.
struct CascadeExample {
    std::int64_t index = 0;  ///< example index within the split
    int label = 0;
    float confidence1 = 0.0f;  ///< stage 1's max softmax
    int predicted1 = 0;
    int predicted2 = 0;
    bool correct1 = false;
    bool correct2 = false;

    /// Escalated at θ: stage 1 is unsure (conf₁ < θ).
    bool escalated(double theta) const { return escalates(confidence1, theta); }
    /// The cascade's answer when stage 2 answers every escalated example.
    bool correct(double theta) const { return escalated(theta) ? correct2 : correct1; }
};

/// Every test-half example (ConfigTable::testExample order) with both stages' answers, from
/// the accuracy profiles the table was built from. Throws aip::Error when a profile of the pair
/// is missing or lacks one of the examples.
std::vector<CascadeExample> cascadeExamples(const ConfigTable& table,
                                            const std::vector<AccuracyProfile>& accuracy,
                                            const CascadePair& pair);

/// The cascade at one θ over a set of examples, counted (evaluateCascade gives the rates over
/// whole profiles).
struct CascadeCounts {
    double theta = 0.0;
    int examples = 0;
    int escalated = 0;
    int correct = 0;
    double accuracy() const { return examples > 0 ? double(correct) / examples : 0.0; }
    double escalationRate() const { return examples > 0 ? double(escalated) / examples : 0.0; }
};

CascadeCounts cascadeCounts(const std::vector<CascadeExample>& examples, double theta);

/// cascadeOutcome at `steps` + 1 evenly spaced θ over [0, 1].
std::vector<CascadeCounts> cascadeCurve(const std::vector<CascadeExample>& examples,
                                        int steps = 100);

}  // namespace aip
