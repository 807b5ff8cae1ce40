#include "reports/pipelinepanel.h"

#include "common/error.h"
#include "config/configset.h"
#include "jobs/jobmanager.h"
#include "jobs/queuedcall.h"
#include "pages/pagesettings.h"
#include "pipeline/pipeline.h"
#include "plots/reportfigures.h"
#include "reports/pipelinestagemodel.h"

#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include <cmath>

namespace aip {

namespace {

QString approximateDuration(double seconds) {
    const auto s = static_cast<long long>(std::llround(seconds));
    return s < 60     ? QObject::tr("%1 s").arg(s)
           : s < 3600 ? QObject::tr("%1 min %2 s").arg(s / 60).arg(s % 60)
                      : QObject::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

}  // namespace

PipelinePanel::PipelinePanel(JobManager* jobs, QWidget* parent)
    : QWidget(parent),
      m_jobs(jobs),
      m_model(new PipelineStageModel(this)),
      m_protocol(new QComboBox(this)),
      m_runButton(new QPushButton(tr("Run pipeline"), this)),
      m_cancelButton(new QPushButton(tr("Cancel"), this)),
      m_status(new QLabel(this)),
      m_eta(new QLabel(this)),
      m_view(new QTableView(this)),
      m_etaTimer(new QTimer(this)) {
    setObjectName(QStringLiteral("pipelinePanel"));
    m_protocol->setObjectName(QStringLiteral("protocolBox"));
    m_protocol->addItem(tr("Quick"), true);
    m_protocol->addItem(tr("Full"), false);
    m_protocol->setCurrentIndex(pagesettings::quickProtocol() ? 0 : 1);
    m_protocol->setToolTip(
        tr("Quick: experimental_protocol_quick.yaml (Fashion-MNIST, offline, "
           "minutes); Full: experimental_protocol.yaml (hours)"));
    m_runButton->setObjectName(QStringLiteral("runPipelineButton"));
    m_runButton->setToolTip(
        tr("Run every stage that is not up to date into the results folder, in order"));
    m_cancelButton->setObjectName(QStringLiteral("cancelPipelineButton"));
    m_cancelButton->setToolTip(
        tr("Stop the run at the next checkpoint; a later run resumes from there"));
    m_status->setObjectName(QStringLiteral("pipelineStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_eta->setObjectName(QStringLiteral("pipelineEta"));
    m_view->setObjectName(QStringLiteral("stageView"));
    m_view->setModel(m_model);
    m_view->verticalHeader()->hide();
    m_view->setSelectionMode(QAbstractItemView::NoSelection);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 4);

    auto* controls = new QHBoxLayout;
    controls->addWidget(m_protocol);
    controls->addWidget(m_runButton);
    controls->addWidget(m_cancelButton);
    controls->addStretch(1);
    controls->addWidget(m_eta);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);

    connect(m_runButton, &QPushButton::clicked, this,
            [this] { run(m_protocol->currentData().toBool()); });
    connect(m_cancelButton, &QPushButton::clicked, this, &PipelinePanel::cancel);
    connect(m_etaTimer, &QTimer::timeout, this, &PipelinePanel::updateEta);
    // The running stage stays in sight in a short dock.
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this](const QModelIndex& from) {
        if (from.data(PipelineStageModel::StateRole).toInt() ==
            static_cast<int>(PipelineStageModel::State::Running)) {
            m_view->scrollTo(from);
        }
    });
    m_etaTimer->setInterval(1000);
    updateButtons();
    refresh();
}

PipelinePanel::~PipelinePanel() = default;

void PipelinePanel::refresh() {
    if (isRunning()) {
        return;
    }
    const QString directory = pagesettings::resultsDirectory();
    try {
        m_model->setManifest(RunManifest::load(QDir(directory).filePath(RunManifest::fileName())));
        m_status->setText(tr("Results folder: %1").arg(QDir::toNativeSeparators(directory)));
    } catch (const Error& e) {
        m_model->setManifest(RunManifest{});
        m_status->setText(e.message());
    }
}

Job* PipelinePanel::run(bool quick, const QStringList& stages, const QString& configDir) {
    if (isRunning()) {
        return nullptr;
    }
    m_protocol->setCurrentIndex(quick ? 0 : 1);
    refresh();
    PipelineParams params;
    params.configDir = configDir.isEmpty() ? defaultConfigDirectory() : configDir;
    params.outDir = pagesettings::resultsDirectory();
    params.quick = quick;
    params.stages = stages;
    params.renderFigures = &renderReportFigures;
    // Stage events come from the job's thread; the model lives on this one.
    QPointer<PipelineStageModel> model = m_model;
    params.onStageStatus = [model](const StageStatus& status) {
        postToApplicationThread(model.data(), [model, status] { model->applyStatus(status); });
    };
    auto* job = m_jobs->submit<PipelineParams, PipelineResult>(
        tr("Pipeline (%1) into %2").arg(quick ? tr("quick") : tr("full"), params.outDir), params,
        &runPipeline);
    m_run = job;
    m_model->startRun(stages);
    m_status->setText(
        tr("Running the %1 pipeline into %2 …")
            .arg(quick ? tr("quick") : tr("full"), QDir::toNativeSeparators(params.outDir)));
    connect(job, &Job::progressChanged, this, [this](double fraction, const QString& step) {
        m_model->applyProgress(fraction, step);
    });
    connect(job, &Job::done, this, [this, job](Job::State state) {
        m_run.clear();
        m_etaTimer->stop();
        const bool failed = state == Job::State::Failed;
        const bool cancelled = state == Job::State::Cancelled;
        m_model->finishRun(failed, cancelled, failed ? job->errorMessage() : QString());
        if (failed) {
            m_status->setText(tr("Failed: %1").arg(job->errorMessage()));
        } else if (cancelled) {
            m_status->setText(
                tr("Cancelled. Run again to resume from the first stage that is "
                   "not up to date."));
        } else {
            const PipelineResult& r = job->result();
            m_status->setText(tr("Done: %1 stages run, %2 up to date.")
                                  .arg(r.stagesRun.size())
                                  .arg(r.stagesSkipped.size()));
        }
        m_eta->clear();
        updateButtons();
        Q_EMIT runFinished();
    });
    m_etaTimer->start();
    updateEta();
    updateButtons();
    Q_EMIT runStarted();
    return job;
}

void PipelinePanel::cancel() {
    if (m_run) {
        m_run->cancel();
        m_status->setText(tr("Cancelling at the next checkpoint …"));
    }
}

void PipelinePanel::updateEta() {
    int unknown = 0;
    const std::optional<double> remaining = m_model->remainingSeconds(&unknown);
    if (!remaining) {
        m_eta->setText(tr("ETA unknown"));
        return;
    }
    m_eta->setText(unknown == 0 ? tr("ETA %1").arg(approximateDuration(*remaining))
                                : tr("ETA over %1 (%2 stages never ran here)")
                                      .arg(approximateDuration(*remaining))
                                      .arg(unknown));
}

void PipelinePanel::updateButtons() {
    m_runButton->setEnabled(!isRunning());
    m_protocol->setEnabled(!isRunning());
    m_cancelButton->setEnabled(isRunning());
}

}  // namespace aip
