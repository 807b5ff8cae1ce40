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

/// configs/models.yaml
struct ModelsConfig {
    QString sourcePath;
    std::vector<TaskSpec> tasks;
    std::vector<ModelVariant> models;  ///< every variant of every family, flattened
    SweepSpec sweep;
    std::vector<CascadeSpec> cascades;

    const TaskSpec* task(const QString& id) const;
    const ModelVariant* model(const QString& id) const;
    QStringList modelIds() const;

    /// Parses and validates; throws aip::Error("<file>:<line>: <expected form>").
    static ModelsConfig load(const QString& path);
};

/// The accepted values, declared once for the parser, the CLI and the GUI.
QStringList knownPrecisions();
QStringList knownArchitectures();

}  // namespace aip
