#include "profilespage.h"

#include "config/configset.h"
#include "jobs/jobmanager.h"
#include "latencyhistogram.h"
#include "livelatencyview.h"
#include "livesamplefeed.h"
#include "pagewidgets.h"
#include "pipeline/pipeline.h"
#include "profilessnapshot.h"
#include "profiletablemodels.h"
#include "resultsfolderbar.h"
#include "rowtableview.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace aip {

namespace {

const QString kLatencyStage = QStringLiteral("profile-latency");
const QString kAccuracyStage = QStringLiteral("profile-accuracy");

}  // namespace

ProfilesPage::ProfilesPage(JobManager* jobs, QWidget* parent)
    : QWidget(parent),
      m_jobs(jobs),
      m_folder(new ResultsFolderBar(this)),
      m_profileLatency(new QPushButton(tr("Profile latency"), this)),
      m_profileAccuracy(new QPushButton(tr("Profile accuracy"), this)),
      m_reload(new QPushButton(tr("Reload"), this)),
      m_message(createProblemLabel(QStringLiteral("profilesMessage"), this)),
      m_latencyModel(new LatencyProfileTableModel(this)),
      m_accuracyModel(new AccuracyProfileTableModel(this)),
      m_latencyView(
          createRowTableView(QStringLiteral("latencyProfilesView"), m_latencyModel, this)),
      m_accuracyView(
          createRowTableView(QStringLiteral("accuracyProfilesView"), m_accuracyModel, this)),
      m_live(new LiveLatencyView(LiveLatencyView::defaultDevices(), this)),
      m_feed(new LiveSampleFeed(this)) {
    setObjectName(QStringLiteral("profilesPage"));
    m_profileLatency->setObjectName(QStringLiteral("profileLatencyButton"));
    m_profileLatency->setToolTip(
        tr("Measure every configuration of the protocol's sweep (the profile-latency stage)"));
    m_profileAccuracy->setObjectName(QStringLiteral("profileAccuracyButton"));
    m_profileAccuracy->setToolTip(
        tr("Score every (model, precision) of the sweep on its evaluation split (the "
           "profile-accuracy stage)"));
    m_reload->setObjectName(QStringLiteral("profilesReloadButton"));
    m_reload->setToolTip(tr("Read the folder's profile files again"));

    for (QTableView* view : {m_latencyView, m_accuracyView}) {
        view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
        view->horizontalHeader()->setStretchLastSection(true);
        view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
    }

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_profileLatency);
    buttons->addWidget(m_profileAccuracy);
    buttons->addStretch(1);
    buttons->addWidget(m_reload);

    m_latencyView->setToolTip(tr("One row per configuration; select one to draw its samples"));
    m_accuracyView->setToolTip(tr("One row per (model, precision) on its evaluation split"));
    // The tables side by side above, the histograms per device side by side below.
    auto* tables = new QSplitter(Qt::Horizontal, this);
    tables->setObjectName(QStringLiteral("profilesTablesSplitter"));
    tables->addWidget(
        createTitledBox(tr("Latency profiles (latency_profiles.csv)"), m_latencyView, this));
    tables->addWidget(
        createTitledBox(tr("Accuracy profiles (accuracy_profiles.csv)"), m_accuracyView, this));
    tables->setStretchFactor(0, 3);
    tables->setStretchFactor(1, 2);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("profilesSplitter"));
    split->addWidget(tables);
    split->addWidget(createTitledBox(tr("Latency samples per device"), m_live, this));
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_folder);
    layout->addLayout(buttons);
    layout->addWidget(m_message);
    layout->addWidget(split, 1);

    connect(m_folder, &ResultsFolderBar::changed, this, [this] {
        if (isVisible()) {
            reload();
        }
    });
    connect(m_reload, &QPushButton::clicked, this, &ProfilesPage::reload);
    connect(m_profileLatency, &QPushButton::clicked, this,
            [this] { startProfiling(kLatencyStage); });
    connect(m_profileAccuracy, &QPushButton::clicked, this,
            [this] { startProfiling(kAccuracyStage); });
    connect(m_latencyView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ProfilesPage::showSelectedSamples);
    connect(m_feed, &LiveSampleFeed::configurationStarted, this,
            [this](const QString& id) { m_live->startConfiguration(id); });
    connect(m_feed, &LiveSampleFeed::samplesArrived, this,
            [this](const QList<double>& samples) { m_live->appendSamples(samples); });
}

ProfilesPage::~ProfilesPage() = default;

LatencyHistogram* ProfilesPage::histogram() const {
    return m_live->current();
}

void ProfilesPage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    m_folder->sync();  // the other page may have moved the folder
    if (!isLoading() && profilesStamp(m_folder->directory()) != m_loadedStamp) {
        reload();
    }
}

Job* ProfilesPage::reload() {
    if (m_load) {
        m_load->cancel();  // its result would be stale anyway
    }
    const QString directory = m_folder->directory();
    auto* job = m_jobs->submit<QString, ProfilesSnapshot>(
        tr("Read profiles in %1").arg(directory), directory,
        [](const QString& dir, JobContext&) { return loadProfilesSnapshot(dir); });
    m_load = job;
    const QString stamp = profilesStamp(directory);
    connect(job, &Job::done, this, [this, job, stamp](Job::State state) {
        if (m_load != job) {
            return;  // a newer load started
        }
        m_load.clear();
        if (state == Job::State::Finished) {
            m_loadedStamp = stamp;
            setSnapshot(job->result());
        } else if (state == Job::State::Failed) {
            setMessage(job->errorMessage());
        }
        Q_EMIT profilesLoaded();
    });
    return job;
}

void ProfilesPage::setSnapshot(const ProfilesSnapshot& snapshot) {
    const QString shown = histogram()->configId();
    m_latencyModel->setProfiles(snapshot.latency);
    m_accuracyModel->setRows(snapshot.accuracy);
    setMessage(snapshot.message());
    // The task column only says something when the folder holds several tasks.
    QSet<QString> tasks;
    for (const LatencyProfile& p : snapshot.latency) {
        tasks.insert(p.key.task);
    }
    m_latencyView->setColumnHidden(LatencyProfileTableModel::TaskColumn, tasks.size() <= 1);
    if (m_feed->isActive()) {
        return;  // the histogram follows the measurement
    }
    // The configuration on the histogram stays selected, now drawn from the file; one the folder
    // does not hold leaves the histogram.
    for (int row = 0; row < m_latencyModel->rowCount(); ++row) {
        if (!shown.isEmpty() && m_latencyModel->profile(row).key.id() == shown) {
            m_latencyView->selectRow(row);
            return;
        }
    }
    m_live->clear();
}

void ProfilesPage::setMessage(const QString& text) {
    QStringList parts;
    if (!m_runFailure.isEmpty()) {
        parts << m_runFailure;
    }
    if (!text.isEmpty()) {
        parts << text;
    }
    setProblemText(m_message, parts.join(u'\n'));
}

QString ProfilesPage::message() const {
    return m_message->text();
}

Job* ProfilesPage::startProfiling(const QString& stage) {
    if (m_run) {
        return nullptr;  // one run at a time: both stages write into the same folder
    }
    PipelineParams params;
    params.configDir = defaultConfigDirectory();
    params.outDir = m_folder->directory();
    params.quick = m_folder->quick();
    params.stages = {stage};
    const bool latency = stage == kLatencyStage;
    if (latency) {
        params.onLatencySample = m_feed->sink();
    }
    const QString title = latency ? tr("Profile latency") : tr("Profile accuracy");
    auto* job = m_jobs->submit<PipelineParams, PipelineResult>(
        tr("%1 (%2 protocol) into %3")
            .arg(title, params.quick ? tr("quick") : tr("full"), params.outDir),
        params, &runPipeline);
    m_run = job;
    m_runFailure.clear();
    setMessage(QString());  // what the folder lacked is being made; the reload after the run says
    if (latency) {
        m_latencyView->clearSelection();
        m_live->clear(tr("Waiting for the first latency sample…"));
        m_feed->start();
    }
    connect(job, &Job::done, this, [this, job, latency, title](Job::State state) {
        if (latency) {
            m_feed->stop();
            if (histogram()->samples().empty()) {
                m_live->clear(tr("No latency samples were measured"));
            } else {  // what was measured stays, no longer marked as measuring
                m_live->finishLive();
            }
        }
        if (m_run == job) {
            m_run.clear();
        }
        if (state == Job::State::Failed) {
            m_runFailure = tr("%1 failed: %2").arg(title, job->errorMessage());
        } else if (state == Job::State::Cancelled) {
            m_runFailure = tr("%1 was cancelled; the files were not changed.").arg(title);
        }
        updateButtons();
        reload();
    });
    updateButtons();
    return job;
}

void ProfilesPage::updateButtons() {
    const bool idle = m_run.isNull();
    m_profileLatency->setEnabled(idle);
    m_profileAccuracy->setEnabled(idle);
    m_folder->setEnabled(idle);
}

void ProfilesPage::showSelectedSamples() {
    if (m_feed->isActive()) {
        return;  // the histogram follows the configuration being measured
    }
    const QModelIndexList rows = m_latencyView->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        return;
    }
    const LatencyProfile& p = m_latencyModel->profile(rows.first().row());
    if (!p.ok()) {
        m_live->showSamples(p.key.id(), {});
        histogram()->clear(tr("%1 — %2").arg(p.key.id(), p.status));
        return;
    }
    m_live->showSamples(p.key.id(), p.samplesMs);
}

}  // namespace aip
