#pragma once

#include "model/modelspec.h"

#include <QMap>
#include <QString>
#include <QStringList>

#include <vector>

namespace aip {

/// A 2-stage cascade: stage 1 always runs, stage 2 when conf₁ < θ (and the slack allows).
struct CascadeSpec {
    QString stage1;
    QString stage2;
    std::vector<double> thresholds;
};

/// The sweep dimensions: which precisions, batch sizes and devices are profiled.
struct SweepSpec {
    QStringList precisions;  ///< fp32 | bf16 | int8
    std::vector<int> batchSizes;
    QStringList devices;  ///< cpu:1 | cpu:N | cpu:<k> | cuda:<k>
};

/// configs/models.yaml, with the user's overlay (userModelsOverlayFile()) on top.
struct ModelsConfig {
    QString sourcePath;
    /// The overlay whose models were added, empty when there was none.
    QString overlayPath;
    /// The ids of the models the overlay added (removeModelFromOverlay() takes them off).
    QStringList overlayModelIds;
    std::vector<TaskSpec> tasks;
    std::vector<ModelVariant> models;  ///< every variant of every family, flattened
    SweepSpec sweep;
    std::vector<CascadeSpec> cascades;

    const TaskSpec* task(const QString& id) const;
    const ModelVariant* model(const QString& id) const;
    QStringList modelIds() const;

    /// Parses and validates `path`, then adds the models of the user's overlay
    /// (userModelsOverlayFile()) when it exists; throws aip::Error("<file>:<line>: <expected
    /// form>") naming whichever of the two files is wrong.
    static ModelsConfig load(const QString& path);
    /// As load(path), with `overlay` as the overlay file (empty: none).
    static ModelsConfig load(const QString& path, const QString& overlay);
};

/// The user's models.yaml overlay: `models.yaml` in the application's config folder
/// (QStandardPaths::AppConfigLocation). It holds a `models:` list only, in the form of
/// models.yaml, whose families use the tasks of the shipped models.yaml; the workbench's
/// Import TorchScript writes it, every loader of models.yaml reads it.
QString userModelsOverlayFile();

/// Appends `model` (a TorchScript import: id, task, file, mean/std) to the overlay `overlay`,
/// creating it when absent, written atomically. Throws aip::Error naming the file when it
/// cannot be read or written.
void addModelToOverlay(const QString& overlay, const ModelVariant& model);

/// Takes the model `modelId` off the overlay `overlay` (the entry Import TorchScript wrote),
/// written atomically; its .pt file is left alone. Throws aip::Error naming the file when it
/// cannot be read or written, or holds no model `modelId`.
void removeModelFromOverlay(const QString& overlay, const QString& modelId);

/// The accepted values, declared once for the parser, the CLI and the GUI.
QStringList knownPrecisions();
QStringList knownArchitectures();

}  // namespace aip
