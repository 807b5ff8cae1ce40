#include "datasetbrowser.h"

#include "config/modelsconfig.h"
#include "data/datasetloader.h"
#include "data/datasetscan.h"
#include "evaluation/evaluator.h"
#include "evaluation/modelresolver.h"
#include "examplegridmodel.h"
#include "jobs/jobmanager.h"
#include "zoodialogs.h"

#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>
#include <exception>

namespace aip {

namespace {

struct LoadParams {
    QString dataset;
    QString split;
    DataSearchPath searchPath;
};

struct PredictParams {
    EvaluateParams evaluate;
    DataSearchPath searchPath;
    std::shared_ptr<const Dataset> data;
    qsizetype first = 0;
    qsizetype count = 0;
};

/// The page's examples run through the model the evaluate command would load.
AccuracyProfile predictPage(const PredictParams& p, JobContext& context) {
    context.setProgress(0.0, QStringLiteral("loading %1").arg(p.evaluate.model));
    const std::unique_ptr<InferenceModel> model =
        loadModelToEvaluate(p.evaluate, *p.data, p.searchPath, context);
    std::vector<qsizetype> indices;
    for (qsizetype i = p.first; i < p.first + p.count; ++i) {
        indices.push_back(i);
    }
    const std::unique_ptr<Dataset> page = selectExamples(*p.data, indices);
    AccuracyProfile answers = predictExamples(*model, *page, p.count, 16, context);
    for (std::int64_t& index : answers.index) {
        index += p.first;  // back to the split's numbering
    }
    return answers;
}

}  // namespace

DatasetBrowser::DatasetBrowser(JobManager* jobs, DataSearchPath searchPath, QString configDir,
                               QString dataset, QWidget* parent)
    : QDialog(parent),
      m_jobs(jobs),
      m_searchPath(std::move(searchPath)),
      m_configDir(std::move(configDir)),
      m_dataset(std::move(dataset)),
      m_examples(new ExampleGridModel(this)) {
    setObjectName(QStringLiteral("datasetBrowser"));
    const bool builtIn = datasets::isBuiltIn(m_dataset);
    setWindowTitle(tr("Browse %1").arg(builtIn ? m_dataset : QFileInfo(m_dataset).fileName()));
    resize(980, 720);

    m_split = new QComboBox(this);
    m_split->setObjectName(QStringLiteral("split"));
    for (const QString& split : datasetSplits(m_dataset)) {
        m_split->addItem(split.isEmpty() ? tr("all") : split, split);
    }
    // The evaluation split first: the one models are scored on.
    for (const QString& preferred : {QStringLiteral("test"), QStringLiteral("dev")}) {
        if (const int i = m_split->findData(preferred); i >= 0) {
            m_split->setCurrentIndex(i);
            break;
        }
    }

    m_model = new QComboBox(this);
    m_model->setObjectName(QStringLiteral("model"));
    m_model->addItem(tr("no model"), QString());
    try {
        const ModelsConfig models =
            ModelsConfig::load(QDir(m_configDir).filePath(QStringLiteral("models.yaml")));
        for (const ModelVariant& model : models.models) {
            const TaskSpec* task = models.task(model.task);
            // A built-in dataset: the models of its tasks. An image folder: the image models
            // (whether one fits the folder's images and classes shows when it runs).
            const bool fits =
                builtIn ? task->dataset == m_dataset : task->input.kind == InputSpec::Kind::Image;
            if (!fits ||
                (model.architecture == u"torchscript" && m_searchPath.find(model.file).isEmpty())) {
                continue;
            }
            for (const auto& [text, value] :
                 weightChoices(model, trainedCheckpoints(model.id, m_searchPath))) {
                m_model->addItem(text, value);
            }
        }
    } catch (const std::exception& e) {
        m_model->setToolTip(QString::fromUtf8(e.what()));
    }

    m_predict = new QPushButton(tr("Predict"), this);
    m_predict->setObjectName(QStringLiteral("predict"));
    m_predict->setToolTip(tr("Run the chosen model on the examples shown (a job)"));
    m_previous = new QPushButton(tr("◀ Previous"), this);
    m_next = new QPushButton(tr("Next ▶"), this);
    m_page = new QLabel(this);
    m_page->setObjectName(QStringLiteral("page"));
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("browserMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_view = new QListView(this);
    m_view->setObjectName(QStringLiteral("examplesView"));
    m_view->setModel(m_examples);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setUniformItemSizes(true);
    m_view->setWordWrap(true);
    if (builtIn && datasets::validSplits(m_dataset).contains(QStringLiteral("dev"))) {
        // Sentences: one per line, as long as they are.
        m_view->setViewMode(QListView::ListMode);
        m_view->setUniformItemSizes(false);
        m_view->setAlternatingRowColors(true);
        m_view->setSpacing(2);
    } else {
        // Cells side by side, wrapped like a grid: the thumbnail, and beside it the label and
        // the model's answer (IconMode would squeeze the text under the thumbnail's width).
        m_view->setViewMode(QListView::ListMode);
        m_view->setFlow(QListView::LeftToRight);
        m_view->setWrapping(true);
        m_view->setResizeMode(QListView::Adjust);
        m_view->setMovement(QListView::Static);
        m_view->setIconSize(
            QSize(ExampleGridModel::thumbnailHeight(), ExampleGridModel::thumbnailHeight()));
        m_view->setGridSize(ExampleGridModel::cellSize() + QSize(8, 8));
    }

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Split:"), this));
    controls->addWidget(m_split);
    controls->addSpacing(12);
    controls->addWidget(new QLabel(tr("Model:"), this));
    controls->addWidget(m_model, 1);
    controls->addWidget(m_predict);
    controls->addSpacing(12);
    controls->addWidget(m_previous);
    controls->addWidget(m_page);
    controls->addWidget(m_next);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_message);
    layout->addWidget(m_view, 1);

    connect(m_split, &QComboBox::currentIndexChanged, this, [this] { loadSplit(); });
    connect(m_model, &QComboBox::currentIndexChanged, this, &DatasetBrowser::updateControls);
    connect(m_predict, &QPushButton::clicked, this, [this] { predict(); });
    connect(m_previous, &QPushButton::clicked, this,
            [this] { showPage(m_examples->first() - pageSize()); });
    connect(m_next, &QPushButton::clicked, this,
            [this] { showPage(m_examples->first() + pageSize()); });
    loadSplit();
}

DatasetBrowser::~DatasetBrowser() = default;

Job* DatasetBrowser::loadSplit() {
    if (m_load) {
        m_load->cancel();
    }
    m_data.reset();
    m_examples->clear();
    const QString split = m_split->currentData().toString();
    m_message->setText(
        tr("Loading %1…").arg(split.isEmpty() ? m_dataset : m_dataset + u'/' + split));
    auto* job = m_jobs->submit<LoadParams, std::shared_ptr<const Dataset>>(
        tr("Load %1 for browsing")
            .arg(datasets::isBuiltIn(m_dataset) ? m_dataset : QFileInfo(m_dataset).fileName()),
        LoadParams{m_dataset, split, m_searchPath},
        [](const LoadParams& p, JobContext&) -> std::shared_ptr<const Dataset> {
            return loadDataset(p.dataset, p.split, p.searchPath);
        });
    m_load = job;
    connect(job, &Job::done, this, [this, job](Job::State state) {
        if (m_load.data() != job) {
            return;  // another split was chosen meanwhile
        }
        if (state == Job::State::Finished) {
            m_data = job->result();
            m_message->clear();
            showPage(0);
        } else if (state == Job::State::Failed) {
            m_message->setText(job->errorMessage());
        }
        updateControls();
    });
    updateControls();
    return job;
}

void DatasetBrowser::showPage(qsizetype first) {
    if (!m_data) {
        return;
    }
    const qsizetype size = m_data->size();
    first = std::clamp<qsizetype>(first, 0, std::max<qsizetype>(0, size - 1));
    m_examples->setPage(m_data, first, pageSize());
    m_page->setText(tr("%L1–%L2 of %L3")
                        .arg(size == 0 ? 0 : first + 1)
                        .arg(first + m_examples->rowCount())
                        .arg(size));
    updateControls();
    Q_EMIT pageShown();
}

Job* DatasetBrowser::predict() {
    const QString model = m_model->currentData().toString();
    if (!m_data || model.isEmpty()) {
        return nullptr;
    }
    EvaluateParams evaluate;
    evaluate.configDir = m_configDir;
    evaluate.model = model;
    evaluate.dataset = m_dataset;
    evaluate.split = m_split->currentData().toString();
    const PredictParams params{evaluate, m_searchPath, m_data, m_examples->first(),
                               m_examples->rowCount()};
    auto* job = m_jobs->submit<PredictParams, AccuracyProfile>(
        tr("Predict %1 examples").arg(params.count), params, &predictPage);
    m_predictJob = job;
    m_message->setText(tr("Running %1 on the examples shown…").arg(m_model->currentText()));
    const qsizetype first = params.first;
    const std::shared_ptr<const Dataset> data = m_data;
    connect(job, &Job::done, this, [this, job, first, data](Job::State state) {
        // Dropped when the page or the split changed meanwhile.
        const bool current =
            m_predictJob.data() == job && data == m_data && first == m_examples->first();
        if (state == Job::State::Finished && current) {
            const AccuracyProfile& answers = job->result();
            qsizetype correct = 0;
            for (std::size_t i = 0; i < answers.size(); ++i) {
                correct += answers.correct(i) ? 1 : 0;
            }
            m_examples->setPredictions(answers);
            m_message->setText(tr("%1: %2 of %3 shown answered right")
                                   .arg(m_model->currentText())
                                   .arg(correct)
                                   .arg(answers.size()));
            Q_EMIT predictionsShown();
        } else if (state == Job::State::Failed && current) {
            m_message->setText(job->errorMessage());
        } else if (current) {
            m_message->clear();
        }
        updateControls();
    });
    updateControls();
    return job;
}

void DatasetBrowser::updateControls() {
    const bool loaded = m_data != nullptr;
    const bool running = m_predictJob && !m_predictJob->isDone();
    m_predict->setEnabled(loaded && !running && !m_model->currentData().toString().isEmpty());
    m_previous->setEnabled(loaded && m_examples->first() > 0);
    m_next->setEnabled(loaded && m_examples->first() + pageSize() < m_data->size());
    if (m_model->count() <= 1) {
        m_predict->setToolTip(
            tr("No trained model of this dataset's task is here: train or "
               "import one in the Model zoo dock"));
    }
}

}  // namespace aip
