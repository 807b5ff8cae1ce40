#pragma once

#include "pipeline/stagecontext.h"

#include <QString>
#include <QStringList>

namespace aip {

/// Stage 01 `datasets`: everything the measurements need, in place. Writes sweep_plan.csv (one
/// row per configuration to profile) and environment.json (the runtime fingerprint); checks
/// that every dataset split the protocol's tasks need is on the data search path; finds every
/// imported TorchScript model; trains every swept zoo model that has no checkpoint yet (its
/// models.yaml preset with the protocol's `training` overrides, seeded with the run seed); and
/// writes model_files.csv (model, file, SHA-256), so the profiling stages rerun when a model's
/// weights change. Returns those three files plus the model files themselves.
QStringList runDatasetsStage(StageContext& context);

/// The search path folder holding `split` of `dataset` (the loaders read it from there).
/// Throws aip::Error naming the dataset, the file looked for and every folder searched, and
/// saying how to get the data (`--batch download` where an official source is known).
QString requireDatasetSplit(const QString& dataset, const QString& split,
                            const DataSearchPath& search);

}  // namespace aip
