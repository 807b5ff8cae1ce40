#include "modelzoopanel.h"

#include "common/error.h"
#include "config/configset.h"
#include "engine/trainer.h"
#include "evaluation/evaluator.h"
#include "evaluation/modelimport.h"
#include "evaluation/modelresolver.h"
#include "jobs/etacontext.h"
#include "jobs/jobmanager.h"
#include "modelzoomodel.h"
#include "precisionaccuracymodel.h"
#include "rowtableview.h"
#include "zoodialogs.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

#include <exception>

namespace aip {

ModelZooPanel::ModelZooPanel(JobManager* jobs, DataSearchPath searchPath, QString configDirectory,
                             QWidget* parent)
    : QWidget(parent),
      m_jobs(jobs),
      m_searchPath(std::move(searchPath)),
      m_configDirectory(std::move(configDirectory)),
      m_model(new ModelZooModel(this)),
      m_view(new QTreeView(this)),
      m_message(new QLabel(this)),
      m_evaluationTitle(new QLabel(this)),
      m_evaluation(new PrecisionAccuracyModel(this)) {
    auto* toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    QAction* reloadAction = toolbar->addAction(tr("Reload"), this, &ModelZooPanel::reload);
    reloadAction->setToolTip(tr("Read models.yaml again and look for checkpoints and files"));
    m_train = toolbar->addAction(tr("Train…"), this, &ModelZooPanel::train);
    m_train->setObjectName(QStringLiteral("trainModelAction"));
    m_evaluate = toolbar->addAction(tr("Evaluate…"), this, &ModelZooPanel::evaluate);
    m_evaluate->setObjectName(QStringLiteral("evaluateModelAction"));
    m_import = toolbar->addAction(tr("Import TorchScript…"), this, &ModelZooPanel::importModel);
    m_import->setObjectName(QStringLiteral("importModelAction"));
    m_import->setToolTip(tr("Add a TorchScript module to the zoo (your models.yaml overlay)"));
    m_import->setStatusTip(m_import->toolTip());
    m_remove = toolbar->addAction(tr("Remove checkpoint"), this, &ModelZooPanel::removeCheckpoint);
    m_remove->setObjectName(QStringLiteral("removeCheckpointAction"));
    m_removeImport = toolbar->addAction(tr("Remove import"), this, &ModelZooPanel::removeImport);
    m_removeImport->setObjectName(QStringLiteral("removeImportAction"));

    m_view->setObjectName(QStringLiteral("modelZooView"));
    // The toolbar may not show every action in a narrow dock; a row's menu always does.
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->addActions({m_train, m_evaluate, m_remove, m_import, m_removeImport});
    m_view->setModel(m_model);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setTextElideMode(Qt::ElideRight);
    // Id, architecture and weights keep their width; the long parameter list takes the rest.
    m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(ModelZooModel::ParametersColumn, QHeaderView::Stretch);

    m_message->setObjectName(QStringLiteral("modelZooMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    m_evaluationTitle->setObjectName(QStringLiteral("evaluationTitle"));
    m_evaluationTitle->setWordWrap(true);
    m_evaluationView = createRowTableView(QStringLiteral("evaluationView"), m_evaluation, this);
    m_evaluationView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_evaluationView->horizontalHeader()->setSectionResizeMode(PrecisionAccuracyModel::NoteColumn,
                                                               QHeaderView::Stretch);
    auto* evaluationBox = new QWidget(this);
    auto* evaluationLayout = new QVBoxLayout(evaluationBox);
    evaluationLayout->setContentsMargins(0, 4, 0, 0);
    evaluationLayout->addWidget(m_evaluationTitle);
    evaluationLayout->addWidget(m_evaluationView);
    evaluationBox->hide();
    connect(m_evaluation, &QAbstractItemModel::modelReset, evaluationBox,
            [this, evaluationBox] { evaluationBox->setVisible(m_evaluation->rowCount() > 0); });

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(evaluationBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 4);
    layout->setSpacing(0);
    layout->addWidget(toolbar);
    layout->addWidget(m_message);
    layout->addWidget(splitter);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ModelZooPanel::updateActions);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ModelZooPanel::updateActions);
    reload();
}

ModelZooPanel::~ModelZooPanel() = default;

void ModelZooPanel::reload() {
    const QString selected = selectedModelId();
    try {
        m_models = ConfigSet::load(m_configDirectory, false).models;
        m_model->setModels(m_models, m_searchPath);
        m_error.clear();
    } catch (const std::exception& e) {
        m_models = {};
        m_model->clear();
        m_error = QString::fromUtf8(e.what());
    }
    showMessage(m_error);
    m_view->expandAll();
    if (!selected.isEmpty()) {
        selectModel(selected);
    }
    updateActions();
}

bool ModelZooPanel::selectModel(const QString& id) {
    for (int t = 0; t < m_model->rowCount(); ++t) {
        const QModelIndex task = m_model->index(t, 0);
        for (int r = 0; r < m_model->rowCount(task); ++r) {
            const QModelIndex row = m_model->index(r, 0, task);
            if (row.data(ModelZooModel::ModelIdRole).toString() == id) {
                m_view->selectionModel()->select(
                    row, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
                m_view->setCurrentIndex(row);
                return true;
            }
        }
    }
    return false;
}

QString ModelZooPanel::selectedModelId() const {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(ModelZooModel::ModelIdRole).toString();
}

const ModelVariant* ModelZooPanel::selectedModel() const {
    const QString id = selectedModelId();
    return id.isEmpty() ? nullptr : m_models.model(id);
}

QStringList ModelZooPanel::removableCheckpoints() const {
    const ModelVariant* model = selectedModel();
    if (model == nullptr || model->architecture == u"torchscript") {
        return {};
    }
    QString userFolder;
    try {
        userFolder = QDir(m_searchPath.userDataDirectory()).absolutePath() + u'/';
    } catch (const Error&) {
        return {};
    }
    QStringList files;
    for (const TrainedCheckpoint& c : trainedCheckpoints(model->id, m_searchPath)) {
        if (QDir(c.file).absolutePath().startsWith(userFolder)) {
            files.append(c.file);
        }
    }
    return files;
}

namespace {

/// Enables `action` or not, its tooltip and status tip saying what it does or why it cannot.
void setActionState(QAction* action, bool enabled, const QString& does, const QString& whyNot) {
    action->setEnabled(enabled);
    action->setToolTip(enabled ? does : whyNot);
    action->setStatusTip(action->toolTip());
}

}  // namespace

void ModelZooPanel::updateActions() {
    const ModelVariant* model = selectedModel();
    const bool zoo = model != nullptr && model->architecture != u"torchscript";
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    const bool hasWeights =
        !rows.isEmpty() && !rows.first().data(ModelZooModel::WeightsPathRole).toString().isEmpty();
    const QString none = tr("Select a model of the zoo first");

    setActionState(
        m_train, zoo && !m_training.contains(model->id),
        zoo ? tr("Train %1 with its models.yaml preset, or values of your own").arg(model->id)
            : QString(),
        model == nullptr ? none
        : !zoo ? tr("%1 is an imported TorchScript module: it comes trained").arg(model->id)
               : tr("%1 is being trained (see the Jobs dock)").arg(model->id));
    setActionState(
        m_evaluate, model != nullptr && hasWeights,
        model != nullptr
            ? tr("Accuracy of %1 on its task's evaluation split, per precision").arg(model->id)
            : QString(),
        model == nullptr ? none
        : zoo            ? tr("%1 is not trained yet: Train it first").arg(model->id)
                         : tr("The TorchScript file of %1 is not found").arg(model->id));
    const QStringList removable = removableCheckpoints();
    setActionState(m_remove, !removable.isEmpty(),
                   tr("Delete the checkpoints of %1 in the user data folder")
                       .arg(model != nullptr ? model->id : QString()),
                   model == nullptr ? none
                   : !zoo           ? tr("An imported TorchScript model has no checkpoint")
                   : hasWeights     ? tr("The checkpoints of %1 are outside the user data folder "
                                             "(on the data search path); they are not removed from here")
                                      .arg(model->id)
                                : tr("%1 has no checkpoint").arg(model->id));
    const bool imported = model != nullptr && m_models.overlayModelIds.contains(model->id);
    setActionState(m_removeImport, imported,
                   tr("Take %1 off your models.yaml overlay (its file is left alone)")
                       .arg(model != nullptr ? model->id : QString()),
                   model == nullptr ? none
                                    : tr("%1 comes with the shipped models.yaml; only imported "
                                         "models are taken off the zoo")
                                          .arg(model->id));
}

void ModelZooPanel::showMessage(const QString& message) {
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

void ModelZooPanel::watch(Job* job, const QString& what) {
    connect(job, &Job::done, this, [this, job, what](Job::State state) {
        if (state == Job::State::Failed) {
            showMessage(tr("%1 failed: %2").arg(what, job->errorMessage()));
        } else if (state == Job::State::Finished) {
            reload();
            Q_EMIT zooChanged();
        }
        updateActions();
    });
}

void ModelZooPanel::train() {
    const ModelVariant* model = selectedModel();
    if (model == nullptr) {
        return;
    }
    TrainDialog dialog(*model, *m_models.task(model->task), this);
    if (dialog.exec() == QDialog::Accepted) {
        startTraining(dialog.params());
    }
}

Job* ModelZooPanel::startTraining(const TrainParams& params) {
    showMessage(m_error);
    auto* job = m_jobs->submit<TrainParams, TrainResult>(
        tr("Train %1").arg(params.model.id), params, [](const TrainParams& p, JobContext& context) {
            EtaContext eta(context);
            return trainModel(p, eta);
        });
    const QString id = params.model.id;
    m_training.append(id);
    connect(job, &Job::done, this, [this, id] { m_training.removeOne(id); });
    watch(job, tr("Training %1").arg(id));
    updateActions();
    return job;
}

void ModelZooPanel::evaluate() {
    const ModelVariant* model = selectedModel();
    if (model == nullptr) {
        return;
    }
    EvaluateDialog dialog(m_configDirectory, *model, *m_models.task(model->task),
                          trainedCheckpoints(model->id, m_searchPath), this);
    if (dialog.exec() == QDialog::Accepted) {
        startEvaluation(dialog.params(), dialog.precisions());
    }
}

Job* ModelZooPanel::startEvaluation(const EvaluateParams& params, const QStringList& precisions) {
    showMessage(m_error);
    auto* job = m_jobs->submit<EvaluateParams, std::vector<PrecisionAccuracy>>(
        tr("Evaluate %1").arg(QFileInfo(params.model).completeBaseName()), params,
        [precisions](const EvaluateParams& p, JobContext& context) {
            return evaluatePrecisions(p, precisions, context);
        });
    m_evaluationJob = job;
    const QString title =
        tr("%1 on %2/%3%4")
            .arg(params.model, params.dataset, params.split,
                 params.maxExamples > 0 ? tr(", first %L1 examples").arg(params.maxExamples)
                                        : QString());
    m_evaluationTitle->setText(tr("Evaluating %1…").arg(title));
    connect(job, &Job::done, this, [this, job, title](Job::State state) {
        if (m_evaluationJob.data() != job) {
            return;  // a later evaluation replaced this one
        }
        if (state == Job::State::Finished) {
            m_evaluationTitle->setText(title);
            m_evaluation->setResults(job->result());
        } else if (state == Job::State::Failed) {
            showMessage(tr("Evaluation failed: %1").arg(job->errorMessage()));
        }
    });
    return job;
}

void ModelZooPanel::importModel() {
    ImportModelDialog dialog(m_models, this);
    while (dialog.exec() == QDialog::Accepted) {
        try {
            startImport(dialog.params());
            return;
        } catch (const Error& e) {
            QMessageBox::warning(&dialog, dialog.windowTitle(), e.message());
        }
    }
}

Job* ModelZooPanel::startImport(ImportParams params) {
    showMessage(m_error);
    if (params.configDir.isEmpty()) {
        params.configDir = m_configDirectory;
    }
    if (params.overlayFile.isEmpty()) {
        params.overlayFile = userModelsOverlayFile();
    }
    auto* job = m_jobs->submit<ImportParams, ImportResult>(
        tr("Import %1").arg(QFileInfo(params.file).fileName()), params, &importTorchScriptModel);
    connect(job, &Job::finished, this, [this, job] {
        // After watch()'s reload: the new model is listed, select it.
        QMetaObject::invokeMethod(
            this, [this, id = job->result().id] { selectModel(id); }, Qt::QueuedConnection);
    });
    watch(job, tr("Import of %1").arg(params.file));
    return job;
}

void ModelZooPanel::removeCheckpoint() {
    const QString id = selectedModelId();
    const QStringList files = removableCheckpoints();
    if (files.isEmpty()) {
        return;
    }
    QMessageBox box(
        QMessageBox::Warning, tr("Remove checkpoint"),
        tr("Delete %n checkpoint(s) of %1?", nullptr, static_cast<int>(files.size())).arg(id),
        QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("removeCheckpointBox"));
    box.setInformativeText(
        tr("These files and their recipe descriptions are deleted; the model must be trained "
           "again before it can be evaluated or profiled:\n%1")
            .arg(files.join(u'\n')));
    QPushButton* remove = box.addButton(tr("Remove"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == remove) {
        startRemoval(id, files);
    }
}

void ModelZooPanel::removeImport() {
    const QString id = selectedModelId();
    if (!m_models.overlayModelIds.contains(id)) {
        return;
    }
    const ModelVariant* model = m_models.model(id);
    QMessageBox box(QMessageBox::Question, tr("Remove import"), tr("Take %1 off the zoo?").arg(id),
                    QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("removeImportBox"));
    box.setInformativeText(
        tr("Its entry in %1 is removed; the TorchScript file stays:\n%2")
            .arg(m_models.overlayPath, model != nullptr ? model->file : QString()));
    QPushButton* remove = box.addButton(tr("Remove"), QMessageBox::DestructiveRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    if (box.clickedButton() == remove) {
        startImportRemoval(id);
    }
}

Job* ModelZooPanel::startImportRemoval(const QString& modelId) {
    showMessage(m_error);
    const QString overlay =
        m_models.overlayPath.isEmpty() ? userModelsOverlayFile() : m_models.overlayPath;
    auto* job = m_jobs->submit<QString, QString>(tr("Remove import %1").arg(modelId), modelId,
                                                 [overlay](const QString& id, JobContext&) {
                                                     removeModelFromOverlay(overlay, id);
                                                     return id;
                                                 });
    watch(job, tr("Removing the import %1").arg(modelId));
    return job;
}

Job* ModelZooPanel::startRemoval(const QString& modelId, const QStringList& checkpointFiles) {
    showMessage(m_error);
    auto* job = m_jobs->submit<QStringList, QStringList>(
        tr("Remove checkpoints of %1").arg(modelId), checkpointFiles,
        [](const QStringList& files, JobContext& context) {
            QStringList removed;
            for (qsizetype i = 0; i < files.size(); ++i) {
                context.throwIfCancelled();
                removed.append(removeCheckpointFiles(files[i]));
                context.setProgress(static_cast<double>(i + 1) / static_cast<double>(files.size()));
            }
            return removed;
        });
    watch(job, tr("Removing the checkpoints of %1").arg(modelId));
    return job;
}

}  // namespace aip
