#include "mainwindow.h"

#include "common/error.h"
#include "config/configset.h"
#include "data/datasearchpath.h"
#include "datasetspanel.h"
#include "jobs/jobmanager.h"
#include "jobspanel.h"
#include "modelzoopanel.h"
#include "pages/pagesettings.h"
#include "pages/plannerplaygroundpage.h"
#include "pages/profilespage.h"
#include "pages/resultsfolderbar.h"
#include "reports/ablationspage.h"
#include "reports/baselinespage.h"
#include "reports/failurespage.h"
#include "reports/paretopage.h"
#include "reports/pipelinepanel.h"
#include "reports/reportexport.h"
#include "reports/workloadspage.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>

namespace aip {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), m_jobs(new JobManager(0, this)) {
    setObjectName(QStringLiteral("MainWindow"));
    resize(1400, 900);

    m_pages = new QTabWidget(this);
    m_pages->setObjectName(QStringLiteral("pages"));
    m_profiles = new ProfilesPage(m_jobs, this);
    m_playground = new PlannerPlaygroundPage(m_jobs, this);
    m_pages->addTab(m_profiles, tr("Profiles"));
    m_pages->addTab(m_playground, tr("Planner playground"));
    m_baselines = new BaselinesPage(m_jobs, this);
    m_pareto = new ParetoPage(m_jobs, this);
    m_ablations = new AblationsPage(m_jobs, this);
    m_failures = new FailuresPage(m_jobs, this);
    m_workloads = new WorkloadsPage(m_jobs, this);
    addReportPage(m_baselines, tr("Baselines"));
    addReportPage(m_pareto, tr("Pareto"));
    addReportPage(m_ablations, tr("Ablations"));
    addReportPage(m_failures, tr("Failures"));
    addReportPage(m_workloads, tr("Workloads"));
    setCentralWidget(m_pages);

    const DataSearchPath searchPath = DataSearchPath::fromEnvironment();
    m_datasets = new DatasetsPanel(m_jobs, searchPath, this);
    m_zoo = new ModelZooPanel(m_jobs, searchPath, defaultConfigDirectory(), this);
    m_jobsPanel = new JobsPanel(m_jobs, this);
    m_pipeline = new PipelinePanel(m_jobs, this);
    QDockWidget* datasets =
        addDock(QStringLiteral("datasetsDock"), tr("Datasets"), Qt::LeftDockWidgetArea, m_datasets);
    QDockWidget* zoo =
        addDock(QStringLiteral("modelZooDock"), tr("Model zoo"), Qt::LeftDockWidgetArea, m_zoo);
    QDockWidget* jobs =
        addDock(QStringLiteral("jobsDock"), tr("Jobs"), Qt::BottomDockWidgetArea, m_jobsPanel);
    QDockWidget* pipeline = addDock(QStringLiteral("pipelineDock"), tr("Run pipeline"),
                                    Qt::BottomDockWidgetArea, m_pipeline);
    splitDockWidget(jobs, pipeline, Qt::Horizontal);
    // The report pages want the width: the two left docks share one place, as tabs.
    tabifyDockWidget(datasets, zoo);
    datasets->raise();
    resizeDocks({datasets}, {430}, Qt::Horizontal);
    resizeDocks({jobs}, {210}, Qt::Vertical);
    m_datasets->refresh();

    connect(m_pipeline, &PipelinePanel::runFinished, this, [this] {
        for (ReportPage* page : m_reportPages) {
            page->markStale();  // the visible page reads at once, the others when shown
        }
    });
    createActions();
    updateTitle();
    statusBar()->showMessage(tr("Ready"));
}

MainWindow::~MainWindow() = default;

QDockWidget* MainWindow::addDock(const QString& objectName, const QString& title,
                                 Qt::DockWidgetArea area, QWidget* content) {
    auto* dock = new QDockWidget(title, this);
    dock->setObjectName(objectName);
    dock->setWidget(content);
    addDockWidget(area, dock);
    return dock;
}

void MainWindow::addReportPage(ReportPage* page, const QString& title) {
    m_pages->addTab(page, title);
    m_reportPages.append(page);
}

void MainWindow::createActions() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open results folder…"), QKeySequence::Open, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open results folder"),
                                                              pagesettings::resultsDirectory());
        if (!dir.isEmpty()) {
            openResultsFolder(dir);
        }
    });
    open->setObjectName(QStringLiteral("openResultsFolderAction"));
    m_recentMenu = file->addMenu(tr("Open &recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentFoldersMenu"));
    updateRecentMenu();
    QAction* exportAction = file->addAction(tr("&Export report…"), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Export the report into"),
                                                              pagesettings::exportDirectory());
        if (!dir.isEmpty()) {
            exportReport(dir);
        }
    });
    exportAction->setObjectName(QStringLiteral("exportReportAction"));
    file->addSeparator();
    QMenu* runMenu = file->addMenu(tr("Run &pipeline"));
    runMenu->setObjectName(QStringLiteral("runPipelineMenu"));
    QAction* runQuick =
        runMenu->addAction(tr("&Quick protocol"), this, [this] { m_pipeline->run(true); });
    runQuick->setObjectName(QStringLiteral("runQuickAction"));
    QAction* runFull =
        runMenu->addAction(tr("&Full protocol"), this, [this] { m_pipeline->run(false); });
    runFull->setObjectName(QStringLiteral("runFullAction"));
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QToolBar* tools = addToolBar(tr("Workbench"));
    tools->setObjectName(QStringLiteral("workbenchToolBar"));
    tools->setToolButtonStyle(Qt::ToolButtonTextOnly);
    tools->addAction(open);
    auto* run = new QToolButton(tools);
    run->setObjectName(QStringLiteral("runPipelineToolButton"));
    run->setText(tr("Run pipeline"));
    run->setToolTip(
        tr("Run the whole pipeline into the results folder (Quick or Full "
           "protocol); a later run resumes"));
    run->setMenu(runMenu);
    run->setPopupMode(QToolButton::InstantPopup);
    tools->addWidget(run);
    tools->addAction(exportAction);
    connect(m_pipeline, &PipelinePanel::runStarted, this, [run] { run->setEnabled(false); });
    connect(m_pipeline, &PipelinePanel::runFinished, this, [run] { run->setEnabled(true); });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (QDockWidget* dock : findChildren<QDockWidget*>()) {
        view->addAction(dock->toggleViewAction());
    }
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About"), this, [this] {
        QMessageBox::about(
            this, tr("About Anytime Inference Planner"),
            tr("Anytime Inference Planner %1\nPicks, per request deadline, the most accurate "
               "inference configuration that still answers on time.")
                .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::updateRecentMenu() {
    m_recentMenu->clear();
    const QStringList folders = pagesettings::recentFolders();
    for (const QString& folder : folders) {
        m_recentMenu->addAction(QDir::toNativeSeparators(folder), this,
                                [this, folder] { openResultsFolder(folder); });
    }
    m_recentMenu->setEnabled(!folders.isEmpty());
}

void MainWindow::updateTitle() {
    setWindowTitle(tr("%1 — Anytime Inference Planner")
                       .arg(QDir::toNativeSeparators(pagesettings::resultsDirectory())));
}

void MainWindow::openResultsFolder(const QString& directory) {
    pagesettings::setResultsDirectory(directory);
    pagesettings::addRecentFolder(directory);
    updateRecentMenu();
    updateTitle();
    m_pipeline->refresh();
    for (ReportPage* page : m_reportPages) {
        page->markStale();
    }
    m_profiles->folderBar()->sync();  // each reads the folder again if it is on screen
    m_playground->folderBar()->sync();
    statusBar()->showMessage(
        tr("Results folder: %1").arg(QDir::toNativeSeparators(pagesettings::resultsDirectory())));
}

Job* MainWindow::exportReport(const QString& reportDir) {
    const QString results = pagesettings::resultsDirectory();
    const QString target = QDir::cleanPath(QDir::current().absoluteFilePath(reportDir));
    pagesettings::setExportDirectory(target);
    auto* job = m_jobs->submit<QString, ExportedReport>(
        tr("Export the report of %1 into %2").arg(results, target), target,
        [results](const QString& to, JobContext&) { return aip::exportReport(results, to); });
    statusBar()->showMessage(tr("Exporting the report into %1 …").arg(target));
    connect(job, &Job::done, this, [this, job, target](Job::State state) {
        if (state == Job::State::Finished) {
            const ExportedReport& r = job->result();
            statusBar()->showMessage(tr("Report written: %1 (%2 files%3)")
                                         .arg(QDir::toNativeSeparators(r.html))
                                         .arg(r.files.size())
                                         .arg(r.skipped.isEmpty()
                                                  ? QString()
                                                  : tr("; %1 left out").arg(r.skipped.size())));
        } else if (state == Job::State::Failed) {
            // One line, no dialog: the Jobs dock keeps the message too.
            statusBar()->showMessage(tr("Export failed: %1").arg(job->errorMessage()));
        }
    });
    return job;
}

}  // namespace aip
