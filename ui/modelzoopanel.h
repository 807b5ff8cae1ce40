#pragma once

#include "config/modelsconfig.h"
#include "data/datasearchpath.h"

#include <QPointer>
#include <QWidget>

class QAction;
class QLabel;
class QTableView;
class QTreeView;

namespace aip {

class Job;
class JobManager;
class ModelZooModel;
class PrecisionAccuracyModel;
struct EvaluateParams;
struct ImportParams;
struct TrainParams;

/// The Model zoo dock: the models.yaml variants (with the user's overlay) grouped by task, with
/// their weights' status, and the actions on them — Train…, Evaluate…, Import TorchScript…,
/// Remove checkpoint, Remove import — each run as a job of the window's JobManager.
class ModelZooPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ModelZooPanel)

public:
    /// `configDirectory` holds models.yaml (see defaultConfigDirectory()).
    ModelZooPanel(JobManager* jobs, DataSearchPath searchPath, QString configDirectory,
                  QWidget* parent = nullptr);
    ~ModelZooPanel() override;

    ModelZooModel* model() const { return m_model; }
    QTreeView* view() const { return m_view; }
    PrecisionAccuracyModel* evaluationModel() const { return m_evaluation; }
    /// Why the configuration could not be read, or the last action's failure; empty when none.
    QString errorMessage() const { return m_error; }
    QAction* trainAction() const { return m_train; }
    QAction* evaluateAction() const { return m_evaluate; }
    QAction* importAction() const { return m_import; }
    QAction* removeAction() const { return m_remove; }
    QAction* removeImportAction() const { return m_removeImport; }

    /// Reads the configuration again and checks which weights are present.
    void reload();
    /// Selects the row of model `id`; false when it is not listed.
    bool selectModel(const QString& id);

    /// What the actions run once their dialog was accepted; each returns the job (owned by the
    /// JobManager). The zoo reloads when a job that changes it finishes.
    Job* startTraining(const TrainParams& params);
    Job* startEvaluation(const EvaluateParams& params, const QStringList& precisions);
    /// `params` without configDir/overlayFile gets the panel's and userModelsOverlayFile().
    Job* startImport(ImportParams params);
    Job* startRemoval(const QString& modelId, const QStringList& checkpointFiles);
    /// Takes the imported model `modelId` off the user's overlay (its file stays).
    Job* startImportRemoval(const QString& modelId);

Q_SIGNALS:
    /// The zoo changed on disk (a checkpoint trained or removed, a model imported).
    void zooChanged();

private:
    QString selectedModelId() const;
    const ModelVariant* selectedModel() const;
    /// The selected zoo model's checkpoints in the user data folder (the ones it may delete).
    QStringList removableCheckpoints() const;
    void updateActions();
    void train();
    void evaluate();
    void importModel();
    void removeCheckpoint();
    void removeImport();
    void showMessage(const QString& message);
    /// Reloads after `job` finished, and shows its failure in the dock.
    void watch(Job* job, const QString& what);

    JobManager* m_jobs;
    DataSearchPath m_searchPath;
    QString m_configDirectory;
    QString m_error;
    ModelsConfig m_models;
    ModelZooModel* m_model = nullptr;
    QTreeView* m_view = nullptr;
    QLabel* m_message = nullptr;
    QLabel* m_evaluationTitle = nullptr;
    PrecisionAccuracyModel* m_evaluation = nullptr;
    QTableView* m_evaluationView = nullptr;
    QAction* m_train = nullptr;
    QAction* m_evaluate = nullptr;
    QAction* m_import = nullptr;
    QAction* m_remove = nullptr;
    QAction* m_removeImport = nullptr;
    QPointer<Job> m_evaluationJob;  ///< the latest; an older one's result is dropped
    QStringList m_training;         ///< models with a train job under way
};

}  // namespace aip
