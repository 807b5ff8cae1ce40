#pragma once

#include "results/profiles.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace aip {

/// The profilers' files in results/ (resultfiles::kLatencyProfiles, kLatencySamples,
/// kAccuracyProfiles, kPredictions), written atomically and read back by the later stages.
namespace profilefiles {

/// latency_profiles.csv: one row per configuration with its summary and status (of the forward
/// samples), plus latency_samples.csv: every raw sample, its `kind` forward (back to back),
/// serving_steady, serving_switched or serving_idle (LatencyProfile's serving samples). Returns the
/// two paths written.
QStringList writeLatencyProfiles(const std::vector<LatencyProfile>& profiles,
                                 const QString& directory);
/// Reads both files back (samples in measurement order). Throws aip::Error naming file:line.
std::vector<LatencyProfile> readLatencyProfiles(const QString& directory);

/// accuracy_profiles.csv (summaries) and predictions.csv (per example). Returns the paths.
QStringList writeAccuracyProfiles(const std::vector<AccuracyProfile>& profiles,
                                  const QString& directory);
/// Reads predictions.csv back into one profile per (task, model, precision), in file order.
/// The dataset and split come from accuracy_profiles.csv.
std::vector<AccuracyProfile> readAccuracyProfiles(const QString& directory);

}  // namespace profilefiles

}  // namespace aip
