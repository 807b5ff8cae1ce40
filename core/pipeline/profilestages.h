#pragma once

#include "pipeline/stagecontext.h"

#include <QStringList>

namespace aip {

/// Stage 02 `profile-latency`: times every configuration of the sweep; writes
/// latency_profiles.csv, latency_samples.csv and latency_environment.json.
QStringList runProfileLatencyStage(StageContext& context);

/// Stage 03 `profile-accuracy`: scores every (model, precision) of the sweep on its task's
/// evaluation split; writes accuracy_profiles.csv and predictions.csv.
QStringList runProfileAccuracyStage(StageContext& context);

}  // namespace aip
