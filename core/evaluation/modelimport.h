#pragma once

#include "jobs/job.h"

#include <QString>

#include <vector>

namespace aip {

/// Parameters of the import job: a TorchScript file added to the model zoo for one task.
struct ImportParams {
    QString configDir;         ///< where the shipped models.yaml (and its tasks) is
    QString overlayFile;       ///< the user's overlay written to (userModelsOverlayFile())
    QString file;              ///< the TorchScript .pt, as typed (made absolute here)
    QString id;                ///< the new model id; empty: the file's base name
    QString task;              ///< a task of models.yaml
    std::vector<double> mean;  ///< per image channel; empty: none
    std::vector<double> std;
};

struct ImportResult {
    QString id;
    QString file;  ///< absolute
    QString overlayFile;
    qint64 parameters = 0;
};

/// Loads the module as the evaluator does (loadInferenceModel) and runs the same probe a
/// profiling run does before measuring (prepare at fp32 on one thread: a forward pass of the
/// task's input shape that must give one logit per class), then appends the model to the
/// overlay. Throws aip::Error naming the file for a missing or corrupt file, a module whose
/// shapes do not fit the task, an unknown task or a taken id; the overlay is left as it was.
ImportResult importTorchScriptModel(const ImportParams& params, JobContext& context);

}  // namespace aip
