#include "plannerplaygroundpage.h"

#include "cascadepanel.h"
#include "config/configset.h"
#include "jobs/jobmanager.h"
#include "pagewidgets.h"
#include "paretodecisionplot.h"
#include "planning/plannertables.h"
#include "profilessnapshot.h"
#include "profiletablemodels.h"
#include "replaypanel.h"
#include "resultsfolderbar.h"

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace aip {

namespace {

/// What the load job needs: which configuration, which folder.
struct PlaygroundLoad {
    QString configDir;
    bool quick = true;
    QString resultsDir;
};

/// The configuration and the tables built with it (the replay draws its traces from both).
struct PlaygroundData {
    std::shared_ptr<const ConfigSet> configs;
    std::shared_ptr<const PlannerTables> tables;
};

PlaygroundData loadPlannerTables(const PlaygroundLoad& load, JobContext& context) {
    context.setProgress(0.0, QStringLiteral("configuration"));
    auto configs = std::make_shared<const ConfigSet>(ConfigSet::load(load.configDir, load.quick));
    context.setProgress(0.2, QStringLiteral("profiles and tables"));
    return {configs, PlannerTables::load(*configs, load.resultsDir)};
}

QString percent(double fraction) {
    return QStringLiteral("%1%").arg(QString::number(100.0 * fraction, 'f', 2));
}

QLabel* valueLabel(QWidget* parent, const QString& objectName) {
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

}  // namespace

PlannerPlaygroundPage::PlannerPlaygroundPage(JobManager* jobs, QWidget* parent)
    : QWidget(parent),
      m_jobs(jobs),
      m_folder(new ResultsFolderBar(this)),
      m_reload(new QPushButton(tr("Reload"), this)),
      m_message(createProblemLabel(QStringLiteral("playgroundMessage"), this)),
      m_taskLabel(new QLabel(tr("Task:"), this)),
      m_task(new QComboBox(this)),
      m_slider(new QSlider(Qt::Horizontal, this)),
      m_deadline(new QDoubleSpinBox(this)),
      m_queue(new QSpinBox(this)),
      m_chosen(valueLabel(this, QStringLiteral("chosenEntry"))),
      m_verdict(valueLabel(this, QStringLiteral("verdict"))),
      m_accuracy(valueLabel(this, QStringLiteral("chosenAccuracy"))),
      m_tail(valueLabel(this, QStringLiteral("chosenTail"))),
      m_tailCaption(new QLabel(tr("Tail latency:"), this)),
      m_mean(valueLabel(this, QStringLiteral("chosenMean"))),
      m_batch(valueLabel(this, QStringLiteral("chosenBatch"))),
      m_theta(valueLabel(this, QStringLiteral("chosenCascade"))),
      m_reason(valueLabel(this, QStringLiteral("reason"))),
      m_plot(new ParetoDecisionPlot(this)),
      m_tabs(new QTabWidget(this)),
      m_cascade(new CascadePanel(this)),
      m_replay(new ReplayPanel(jobs, this)) {
    setObjectName(QStringLiteral("plannerPlaygroundPage"));
    m_reload->setToolTip(tr("Read the folder's profiles and build the planner's tables again"));
    m_task->setObjectName(QStringLiteral("taskBox"));
    m_taskLabel->setBuddy(m_task);

    m_slider->setObjectName(QStringLiteral("deadlineSlider"));
    m_slider->setRange(0, kSliderSteps);
    m_slider->setToolTip(tr("The request's deadline, log scale from %1 to %2 ms")
                             .arg(kMinDeadlineMs)
                             .arg(kMaxDeadlineMs));
    m_deadline->setObjectName(QStringLiteral("deadlineSpinBox"));
    m_deadline->setRange(kMinDeadlineMs, kMaxDeadlineMs);
    m_deadline->setDecimals(2);
    m_deadline->setSuffix(tr(" ms"));
    m_deadline->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    m_deadline->setKeyboardTracking(false);
    m_queue->setObjectName(QStringLiteral("queueSpinBox"));
    m_queue->setRange(1, 10000);
    m_queue->setToolTip(
        tr("Requests waiting, the one being planned for included; more than 8 that "
           "no entry serves within the deadline is a load spike"));
    m_chosen->setStyleSheet(QStringLiteral("font-weight: bold"));
    m_verdict->setWordWrap(true);
    m_reason->setWordWrap(true);
    m_reason->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_theta->setWordWrap(true);

    auto* top = new QHBoxLayout;
    top->addWidget(m_folder, 1);
    top->addWidget(m_taskLabel);
    top->addWidget(m_task);
    top->addWidget(m_reload);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Deadline:"), this));
    controls->addWidget(m_slider, 1);
    controls->addWidget(m_deadline);
    controls->addSpacing(12);
    auto* queueLabel = new QLabel(tr("Queue length:"), this);
    queueLabel->setBuddy(m_queue);
    controls->addWidget(queueLabel);
    controls->addWidget(m_queue);

    auto* decision = new QGroupBox(tr("The planner's choice"), this);
    auto* form = new QFormLayout(decision);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("Entry:"), m_chosen);
    form->addRow(tr("Verdict:"), m_verdict);
    form->addRow(tr("Accuracy:"), m_accuracy);
    form->addRow(m_tailCaption, m_tail);
    form->addRow(tr("Mean latency:"), m_mean);
    form->addRow(tr("Batch:"), m_batch);
    form->addRow(tr("Cascade:"), m_theta);
    form->addRow(tr("Why:"), m_reason);

    QGroupBox* plotBox =
        createTitledBox(tr("All entries, the Pareto front and the deadline"), m_plot, this);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(decision);
    split->addWidget(plotBox);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);

    auto* decisionTab = new QWidget(this);
    auto* decisionLayout = new QVBoxLayout(decisionTab);
    decisionLayout->addLayout(controls);
    decisionLayout->addWidget(split, 1);
    m_tabs->setObjectName(QStringLiteral("playgroundTabs"));
    m_tabs->addTab(decisionTab, tr("Decision"));
    m_tabs->addTab(m_cascade, tr("Cascade"));
    m_tabs->addTab(m_replay, tr("Replay"));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_message);
    layout->addWidget(m_tabs, 1);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &PlannerPlaygroundPage::showDecision);
    connect(m_slider, &QSlider::valueChanged, this, [this](int position) {
        const QSignalBlocker block(m_deadline);
        m_deadline->setValue(deadlineAt(position));
        scheduleDecision();
    });
    connect(m_deadline, &QDoubleSpinBox::valueChanged, this, [this](double ms) {
        const QSignalBlocker block(m_slider);
        m_slider->setValue(sliderPosition(ms));
        scheduleDecision();
    });
    connect(m_queue, &QSpinBox::valueChanged, this, &PlannerPlaygroundPage::scheduleDecision);
    connect(m_task, &QComboBox::currentIndexChanged, this, &PlannerPlaygroundPage::showTask);
    connect(m_reload, &QPushButton::clicked, this, &PlannerPlaygroundPage::reload);
    connect(m_folder, &ResultsFolderBar::changed, this, [this] {
        if (isVisible()) {
            reload();
        }
    });

    setDeadlineMs(10.0);
    setQueueLength(1);
    setData(nullptr);
}

PlannerPlaygroundPage::~PlannerPlaygroundPage() = default;

int PlannerPlaygroundPage::sliderPosition(double deadlineMs) {
    const double ms = std::clamp(deadlineMs, kMinDeadlineMs, kMaxDeadlineMs);
    return static_cast<int>(std::lround(kSliderSteps * std::log(ms / kMinDeadlineMs) /
                                        std::log(kMaxDeadlineMs / kMinDeadlineMs)));
}

double PlannerPlaygroundPage::deadlineAt(int sliderPosition) {
    const double t = std::clamp(sliderPosition, 0, kSliderSteps) / double(kSliderSteps);
    return kMinDeadlineMs * std::pow(kMaxDeadlineMs / kMinDeadlineMs, t);
}

double PlannerPlaygroundPage::deadlineMs() const {
    return m_deadline->value();
}

void PlannerPlaygroundPage::setDeadlineMs(double ms) {
    m_deadline->setValue(ms);  // moves the slider too
}

int PlannerPlaygroundPage::queueLength() const {
    return m_queue->value();
}

void PlannerPlaygroundPage::setQueueLength(int length) {
    m_queue->setValue(length);
}

QString PlannerPlaygroundPage::currentTask() const {
    return m_task->currentText();
}

const ConfigTable* PlannerPlaygroundPage::currentTable() const {
    if (!m_data || m_task->currentIndex() < 0) {
        return nullptr;
    }
    return &m_data->table(m_task->currentText());
}

QString PlannerPlaygroundPage::message() const {
    return m_message->text();
}

QString PlannerPlaygroundPage::chosenText() const {
    return m_chosen->text();
}

QString PlannerPlaygroundPage::verdictText() const {
    return m_verdict->text();
}

QString PlannerPlaygroundPage::reasonText() const {
    return m_reason->text();
}

QString PlannerPlaygroundPage::loadStamp() const {
    return profilesStamp(m_folder->directory()) +
           (m_folder->quick() ? QStringLiteral("|quick") : QStringLiteral("|full"));
}

void PlannerPlaygroundPage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    m_folder->sync();  // the Profiles page may have moved the folder
    if (!isLoading() && loadStamp() != m_loadedStamp) {
        reload();
    }
}

Job* PlannerPlaygroundPage::reload() {
    if (m_load) {
        m_load->cancel();  // its result would be stale anyway
    }
    const PlaygroundLoad params{defaultConfigDirectory(), m_folder->quick(), m_folder->directory()};
    auto* job = m_jobs->submit<PlaygroundLoad, PlaygroundData>(
        tr("Build the planner's tables from %1").arg(params.resultsDir), params,
        &loadPlannerTables);
    m_load = job;
    const QString stamp = loadStamp();
    connect(job, &Job::done, this, [this, job, stamp](Job::State state) {
        if (m_load != job) {
            return;  // a newer load started
        }
        m_load.clear();
        m_loadedStamp = stamp;
        if (state == Job::State::Finished) {
            setMessage(QString());
            setData(job->result().tables, job->result().configs);
        } else {
            setMessage(state == Job::State::Failed
                           ? tr("Cannot plan over the profiles of %1:\n%2")
                                 .arg(QDir::toNativeSeparators(job->params().resultsDir),
                                      job->errorMessage())
                           : tr("Loading the profiles was cancelled."));
            setData(nullptr);
        }
        Q_EMIT profilesLoaded();
    });
    return job;
}

void PlannerPlaygroundPage::setMessage(const QString& text) {
    setProblemText(m_message, text);
}

void PlannerPlaygroundPage::setData(std::shared_ptr<const PlannerTables> data,
                                    std::shared_ptr<const ConfigSet> configs) {
    const QString previousTask = m_task->currentText();
    m_plot->setTable(nullptr);  // it must not hold on to the old tables
    m_data = std::move(data);
    m_configs = m_data ? std::move(configs) : nullptr;
    {
        const QSignalBlocker block(m_task);
        m_task->clear();
        if (m_data) {
            m_task->addItems(m_data->tasks());
            m_task->setCurrentIndex(std::max(0, m_task->findText(previousTask)));
        }
    }
    // A chooser only when there is a choice.
    m_task->setVisible(m_task->count() > 1);
    m_taskLabel->setVisible(m_task->count() > 1);
    for (QWidget* control : {static_cast<QWidget*>(m_slider), static_cast<QWidget*>(m_deadline),
                             static_cast<QWidget*>(m_queue)}) {
        control->setEnabled(m_data != nullptr);
    }
    showTask();
}

void PlannerPlaygroundPage::showTask() {
    m_plot->setTable(currentTable());
    m_cascade->setTables(m_data, currentTask());
    m_replay->setSources(m_configs, m_data, currentTask(), m_folder->directory());
    if (m_data) {
        showDecision();
    } else {
        clearDecision();
    }
}

void PlannerPlaygroundPage::scheduleDecision() {
    if (m_data) {
        m_debounce.start();  // restarts: a slider drag asks once it pauses
    }
}

void PlannerPlaygroundPage::clearDecision() {
    m_debounce.stop();
    m_explanation.reset();
    const QString none = tr("—");
    for (QLabel* label : {m_chosen, m_verdict, m_accuracy, m_tail, m_mean, m_batch, m_theta}) {
        label->setText(none);
    }
    m_reason->setText(isLoading() ? tr("Loading the profiles…") : tr("No profiles loaded."));
}

void PlannerPlaygroundPage::showDecision() {
    const ConfigTable* table = currentTable();
    if (table == nullptr) {
        clearDecision();
        return;
    }
    const double deadline = deadlineMs();
    m_explanation = explainDecision(*table, deadline, queueLength());
    const Decision& d = m_explanation->decision;
    const ConfigEntry& e = table->entry(d.entry);

    m_chosen->setText(e.name);
    if (d.drain) {
        m_verdict->setText(d.bestEffort
                               ? tr("Nothing fits: the highest-throughput entry drains the "
                                    "queue behind the late head (best effort)")
                               : tr("Load spike: the highest-throughput entry that fits drains "
                                    "the queue"));
    } else if (d.bestEffort) {
        m_verdict->setText(
            tr("Best effort: no tail fits %1 ms, so the entry likeliest to answer correctly "
               "in time runs; it may be late")
                .arg(QString::number(deadline, 'g', 4)));
    } else {
        m_verdict->setText(tr("Fits: the most accurate entry whose tail is within %1 ms")
                               .arg(QString::number(deadline, 'g', 4)));
    }
    m_verdict->setStyleSheet(d.bestEffort ? QStringLiteral("color: #b03020")
                                          : QStringLiteral("color: #2a7040"));
    m_accuracy->setText(percent(e.accuracy));
    m_tailCaption->setText(
        tr("Tail latency (quantile %1):").arg(QString::number(1.0 - table->riskEpsilon(), 'g', 4)));
    m_tail->setText(e.cascade && e.tailMs > e.tail1Ms
                        ? tr("%1 ms (stage 1 %2 + stage 2 %3)")
                              .arg(formatMs(e.tailMs), formatMs(e.tail1Ms), formatMs(e.tail2Ms))
                        : tr("%1 ms").arg(formatMs(e.tailMs)));
    m_mean->setText(tr("%1 ms").arg(formatMs(e.meanMs)));
    m_batch->setText(
        tr("%1 (takes %2 of the %3 waiting)").arg(e.batchSize).arg(d.take).arg(queueLength()));
    m_theta->setText(e.cascade ? tr("θ = %1: stage 2 %2 when confidence < θ (%3 of items)")
                                     .arg(QString::number(e.threshold, 'g', 4), e.stage2.id(),
                                          percent(e.escalationRate))
                               : tr("none"));
    m_reason->setText(m_explanation->reason);
    m_plot->setDecision(deadline, d.entry);
    Q_EMIT decisionShown();
}

}  // namespace aip
