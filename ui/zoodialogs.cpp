#include "zoodialogs.h"

#include "common/error.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace aip {

namespace {

/// The dialogs' one layout: what it does in a sentence or two, the form, an optional note, and
/// OK (named `okText`) / Cancel.
QDialogButtonBox* layOut(QDialog* dialog, const QString& intro, QFormLayout* form, QWidget* note,
                         const QString& okText) {
    dialog->setMinimumWidth(520);  // the notes wrap, the form stays readable
    auto* layout = new QVBoxLayout(dialog);
    auto* introLabel = new QLabel(intro, dialog);
    introLabel->setWordWrap(true);
    introLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(introLabel);
    layout->addLayout(form);
    if (note != nullptr) {
        layout->addWidget(note);
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(okText);
    QObject::connect(buttons, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    layout->addWidget(buttons);
    return buttons;
}

QSpinBox* spinBox(QWidget* parent, const QString& name, int minimum, int maximum, int value) {
    auto* box = new QSpinBox(parent);
    box->setObjectName(name);
    box->setRange(minimum, maximum);
    box->setValue(value);
    box->setGroupSeparatorShown(true);
    return box;
}

QString numberList(const std::vector<double>& values) {
    QStringList parts;
    for (const double v : values) {
        parts.append(QString::number(v));
    }
    return parts.join(QStringLiteral(", "));
}

std::vector<double> parseNumberList(const QString& text, const QString& what) {
    std::vector<double> values;
    for (const QString& part : text.split(u',', Qt::SkipEmptyParts)) {
        bool ok = false;
        const double v = part.trimmed().toDouble(&ok);
        if (!ok) {
            throw Error(QObject::tr("%1: '%2' is not a number").arg(what, part.trimmed()));
        }
        values.push_back(v);
    }
    return values;
}

}  // namespace

QList<QPair<QString, QString>> weightChoices(const ModelVariant& model,
                                             const std::vector<TrainedCheckpoint>& checkpoints) {
    QList<QPair<QString, QString>> choices;
    if (model.architecture == u"torchscript") {
        choices.append({QObject::tr("%1 (TorchScript file)").arg(model.id), model.id});
        return choices;
    }
    for (const TrainedCheckpoint& c : checkpoints) {
        choices.append(
            {QObject::tr("%1, recipe %2 (%3)")
                 .arg(model.id, c.digest,
                      c.trainedFor.isEmpty() ? QObject::tr("no description") : c.trainedFor),
             c.file});
    }
    return choices;
}

// --- Train -------------------------------------------------------------------------------------

TrainDialog::TrainDialog(const ModelVariant& model, const TaskSpec& task, QWidget* parent)
    : QDialog(parent), m_model(model), m_task(task) {
    setObjectName(QStringLiteral("trainDialog"));
    setWindowTitle(tr("Train %1").arg(model.id));
    const TrainingSpec& preset = model.training;
    const int intMax = std::numeric_limits<int>::max();
    m_epochs = spinBox(this, QStringLiteral("epochs"), 1, 1000, std::max(1, preset.epochs));
    m_batchSize =
        spinBox(this, QStringLiteral("batchSize"), 1, 4096, std::max(1, preset.batchSize));
    m_learningRate = new QDoubleSpinBox(this);
    m_learningRate->setObjectName(QStringLiteral("learningRate"));
    m_learningRate->setDecimals(6);
    m_learningRate->setRange(0.000001, 10.0);
    m_learningRate->setSingleStep(0.001);
    m_learningRate->setValue(preset.learningRate > 0 ? preset.learningRate : 0.01);
    m_maxExamples = spinBox(this, QStringLiteral("maxExamples"), 0, intMax, preset.maxExamples);
    m_maxExamples->setSpecialValueText(tr("whole split"));
    m_seed =
        spinBox(this, QStringLiteral("seed"), 0, intMax, static_cast<int>(kDefaultTrainingSeed));
    m_threads = spinBox(this, QStringLiteral("threads"), 0, 1024, 0);
    m_threads->setSpecialValueText(tr("all cores (%1)").arg(QThread::idealThreadCount()));
    m_recipe = new QLabel(this);
    m_recipe->setObjectName(QStringLiteral("recipe"));
    m_recipe->setWordWrap(true);
    m_recipe->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* form = new QFormLayout;
    form->addRow(tr("Epochs:"), m_epochs);
    form->addRow(tr("Batch size:"), m_batchSize);
    form->addRow(tr("Learning rate:"), m_learningRate);
    form->addRow(tr("Max examples:"), m_maxExamples);
    form->addRow(tr("Seed:"), m_seed);
    form->addRow(tr("Threads:"), m_threads);
    layOut(this,
           tr("%1 (%2) on the %3 split of %4. The values start at the models.yaml preset.")
               .arg(model.id, model.architecture, task.trainSplit, task.dataset),
           form, m_recipe, tr("Train"));
    for (QSpinBox* box : {m_epochs, m_batchSize, m_maxExamples, m_seed, m_threads}) {
        connect(box, &QSpinBox::valueChanged, this, &TrainDialog::updateRecipe);
    }
    connect(m_learningRate, &QDoubleSpinBox::valueChanged, this, &TrainDialog::updateRecipe);
    updateRecipe();
}

TrainDialog::~TrainDialog() = default;

TrainParams TrainDialog::params() const {
    TrainParams p;
    p.model = m_model;
    p.task = m_task;
    p.epochs = m_epochs->value();
    p.batchSize = m_batchSize->value();
    p.learningRate = m_learningRate->value();
    p.maxExamples = m_maxExamples->value();
    p.seed = static_cast<std::uint64_t>(m_seed->value());
    p.threads = m_threads->value();
    p.purpose = QStringLiteral("workbench Train, seed %1").arg(p.seed);
    return p;
}

void TrainDialog::updateRecipe() {
    // The checkpoint is named by its recipe: say where this one goes, and that a changed value
    // trains a checkpoint of its own instead of overwriting the preset's.
    const TrainingRecipe recipe = trainingRecipe(params());
    m_recipe->setText(tr("Writes %1/recipe-%2.pt in the user data folder, where --batch train "
                         "writes the same recipe.")
                          .arg(TrainingRecipe::checkpointFolder(m_model.id), recipe.digest()));
}

// --- Evaluate ----------------------------------------------------------------------------------

EvaluateDialog::EvaluateDialog(const QString& configDir, const ModelVariant& model,
                               const TaskSpec& task,
                               const std::vector<TrainedCheckpoint>& checkpoints, QWidget* parent)
    : QDialog(parent), m_configDir(configDir), m_model(model), m_task(task) {
    setObjectName(QStringLiteral("evaluateDialog"));
    setWindowTitle(tr("Evaluate %1").arg(model.id));
    m_weights = new QComboBox(this);
    m_weights->setObjectName(QStringLiteral("weights"));
    for (const auto& [text, value] : weightChoices(model, checkpoints)) {
        m_weights->addItem(text, value);
        m_weights->setItemData(m_weights->count() - 1, value, Qt::ToolTipRole);
    }
    auto* precisionRow = new QHBoxLayout;
    for (const QString& precision : knownPrecisions()) {
        auto* box = new QCheckBox(precision, this);
        box->setObjectName(precision);
        box->setChecked(true);
        m_precisions.append(box);
        precisionRow->addWidget(box);
    }
    precisionRow->addStretch();
    m_maxExamples =
        spinBox(this, QStringLiteral("maxExamples"), 0, std::numeric_limits<int>::max(), 0);
    m_maxExamples->setSpecialValueText(tr("whole split"));
    m_batchSize = spinBox(this, QStringLiteral("batchSize"), 1, 4096, 64);

    auto* form = new QFormLayout;
    form->addRow(tr("Weights:"), m_weights);
    form->addRow(tr("Precisions:"), precisionRow);
    form->addRow(tr("Max examples:"), m_maxExamples);
    form->addRow(tr("Batch size:"), m_batchSize);
    QDialogButtonBox* buttons = layOut(this,
                                       tr("Accuracy of %1 on the %2 split of %3, once per "
                                          "precision. A precision this model or build cannot run "
                                          "shows why.")
                                           .arg(model.id, task.evalSplit, task.dataset),
                                       form, nullptr, tr("Evaluate"));
    const auto updateOk = [this, buttons] {
        buttons->button(QDialogButtonBox::Ok)
            ->setEnabled(m_weights->count() > 0 && !precisions().isEmpty());
    };
    for (QCheckBox* box : m_precisions) {
        connect(box, &QCheckBox::toggled, this, updateOk);
    }
    updateOk();
}

EvaluateDialog::~EvaluateDialog() = default;

QStringList EvaluateDialog::precisions() const {
    QStringList chosen;
    for (const QCheckBox* box : m_precisions) {
        if (box->isChecked()) {
            chosen.append(box->objectName());
        }
    }
    return chosen;
}

EvaluateParams EvaluateDialog::params() const {
    EvaluateParams p;
    p.configDir = m_configDir;
    p.model = m_weights->currentData().toString();
    p.dataset = m_task.dataset;
    p.split = m_task.evalSplit;
    p.maxExamples = m_maxExamples->value();
    p.batchSize = m_batchSize->value();
    return p;
}

// --- Import ------------------------------------------------------------------------------------

ImportModelDialog::ImportModelDialog(const ModelsConfig& models, QWidget* parent)
    : QDialog(parent), m_models(models) {
    setObjectName(QStringLiteral("importModelDialog"));
    setWindowTitle(tr("Import TorchScript model"));
    m_file = new QLineEdit(this);
    m_file->setObjectName(QStringLiteral("file"));
    m_file->setPlaceholderText(tr("a TorchScript module saved with torch.jit.save"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &ImportModelDialog::chooseFile);
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    m_id = new QLineEdit(this);
    m_id->setObjectName(QStringLiteral("id"));
    m_id->setPlaceholderText(tr("the file's name"));
    m_task = new QComboBox(this);
    m_task->setObjectName(QStringLiteral("task"));
    for (const TaskSpec& task : models.tasks) {
        if (task.input.kind == InputSpec::Kind::Image) {
            m_task->addItem(tr("%1 (%2×%3×%4)")
                                .arg(task.id)
                                .arg(task.input.channels)
                                .arg(task.input.height)
                                .arg(task.input.width),
                            task.id);
        }
    }
    m_mean = new QLineEdit(this);
    m_mean->setObjectName(QStringLiteral("mean"));
    m_std = new QLineEdit(this);
    m_std->setObjectName(QStringLiteral("std"));

    auto* form = new QFormLayout;
    form->addRow(tr("File:"), fileRow);
    form->addRow(tr("Model id:"), m_id);
    form->addRow(tr("Task:"), m_task);
    form->addRow(tr("Mean:"), m_mean);
    form->addRow(tr("Std:"), m_std);
    m_buttons = layOut(this,
                       tr("The module is loaded and run once on the task's input shape before "
                          "it is added to your models.yaml overlay:\n%1")
                           .arg(userModelsOverlayFile()),
                       form, nullptr, tr("Import"));
    connect(m_task, &QComboBox::currentIndexChanged, this, &ImportModelDialog::taskChanged);
    connect(m_file, &QLineEdit::textChanged, this, &ImportModelDialog::updateOk);
    taskChanged();
    updateOk();
}

ImportModelDialog::~ImportModelDialog() = default;

void ImportModelDialog::chooseFile() {
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Import TorchScript model"), QFileInfo(m_file->text()).absolutePath(),
        tr("TorchScript modules (*.pt *.pth);;All files (*)"));
    if (!file.isEmpty()) {
        m_file->setText(file);
    }
}

void ImportModelDialog::taskChanged() {
    // Start from the normalization the task's zoo models use: usually what the import needs.
    const QString task = m_task->currentData().toString();
    for (const ModelVariant& model : m_models.models) {
        if (model.task == task && !model.preprocessing.mean.empty()) {
            m_mean->setText(numberList(model.preprocessing.mean));
            m_std->setText(numberList(model.preprocessing.std));
            return;
        }
    }
    m_mean->clear();
    m_std->clear();
}

void ImportModelDialog::updateOk() {
    m_buttons->button(QDialogButtonBox::Ok)
        ->setEnabled(!m_file->text().trimmed().isEmpty() && m_task->count() > 0);
}

ImportParams ImportModelDialog::params() const {
    ImportParams p;
    p.file = m_file->text().trimmed();
    p.id = m_id->text().trimmed();
    p.task = m_task->currentData().toString();
    p.mean = parseNumberList(m_mean->text(), tr("Mean"));
    p.std = parseNumberList(m_std->text(), tr("Std"));
    return p;
}

}  // namespace aip
