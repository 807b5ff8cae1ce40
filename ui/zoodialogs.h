#pragma once

#include "config/modelsconfig.h"
#include "engine/trainer.h"
#include "evaluation/evaluator.h"
#include "evaluation/modelimport.h"
#include "evaluation/modelresolver.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace aip {

/// The weights of `model` a job can load, as (what to show, what EvaluateParams::model takes):
/// the TorchScript file of an import (by its id), or each trained checkpoint of a zoo model (by
/// its file), with what it was trained for. Empty for an untrained zoo model.
QList<QPair<QString, QString>> weightChoices(const ModelVariant& model,
                                             const std::vector<TrainedCheckpoint>& checkpoints);

/// Train…: the model's models.yaml preset (epochs, batch size, learning rate, max examples),
/// the seed and the threads, each editable; params() is what the train job gets, the same
/// TrainParams `--batch train` fills from its options.
class TrainDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrainDialog)

public:
    TrainDialog(const ModelVariant& model, const TaskSpec& task, QWidget* parent = nullptr);
    ~TrainDialog() override;

    TrainParams params() const;
    QSpinBox* epochs() const { return m_epochs; }
    QSpinBox* maxExamples() const { return m_maxExamples; }

private:
    void updateRecipe();

    ModelVariant m_model;
    TaskSpec m_task;
    QSpinBox* m_epochs = nullptr;
    QSpinBox* m_batchSize = nullptr;
    QDoubleSpinBox* m_learningRate = nullptr;
    QSpinBox* m_maxExamples = nullptr;
    QSpinBox* m_seed = nullptr;
    QSpinBox* m_threads = nullptr;
    QLabel* m_recipe = nullptr;
};

/// Evaluate…: which weights (a zoo model's trained checkpoints, or the TorchScript file), the
/// precisions, the examples and the batch size; scored on the task's evaluation split.
class EvaluateDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EvaluateDialog)

public:
    EvaluateDialog(const QString& configDir, const ModelVariant& model, const TaskSpec& task,
                   const std::vector<TrainedCheckpoint>& checkpoints, QWidget* parent = nullptr);
    ~EvaluateDialog() override;

    EvaluateParams params() const;
    QStringList precisions() const;
    QSpinBox* maxExamples() const { return m_maxExamples; }

private:
    QString m_configDir;
    ModelVariant m_model;
    TaskSpec m_task;
    QComboBox* m_weights = nullptr;
    QList<QCheckBox*> m_precisions;
    QSpinBox* m_maxExamples = nullptr;
    QSpinBox* m_batchSize = nullptr;
};

/// Import TorchScript…: the .pt file, the model id, the task and the input normalization.
class ImportModelDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ImportModelDialog)

public:
    ImportModelDialog(const ModelsConfig& models, QWidget* parent = nullptr);
    ~ImportModelDialog() override;

    /// The file, id, task and mean/std as typed; configDir and overlayFile are the caller's.
    /// Throws aip::Error for a mean or std that is not a list of numbers.
    ImportParams params() const;
    QLineEdit* file() const { return m_file; }
    QLineEdit* id() const { return m_id; }
    QComboBox* task() const { return m_task; }
    QLineEdit* mean() const { return m_mean; }
    QLineEdit* std() const { return m_std; }

private:
    void chooseFile();
    void taskChanged();
    void updateOk();

    ModelsConfig m_models;
    QLineEdit* m_file = nullptr;
    QLineEdit* m_id = nullptr;
    QComboBox* m_task = nullptr;
    QLineEdit* m_mean = nullptr;
    QLineEdit* m_std = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

}  // namespace aip
