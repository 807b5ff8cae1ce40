#include "mainwindow.h"

#include "aboutbox.h"
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
#include "windowsettings.h"

#include <QApplication>
#include <QCloseEvent>
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

#include <algorithm>

namespace aip {

namespace {

/// Gives `action` its shortcut and a tooltip that names it (toolbars show the tooltip).
QAction* withShortcut(QAction* action, const QKeySequence& shortcut, const QString& tip) {
    action->setShortcut(shortcut);
    action->setToolTip(
        QStringLiteral("%1 (%2)").arg(tip, shortcut.toString(QKeySequence::NativeText)));
    return action;
}

}  // namespace

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
    m_jobCount = new QLabel(this);
    m_jobCount->setObjectName(QStringLiteral("jobCountLabel"));
    m_jobCount->setToolTip(tr("Jobs queued or running; the Jobs dock lists them"));
    statusBar()->addPermanentWidget(m_jobCount);
    connect(m_jobs, &JobManager::jobStarted, this, &MainWindow::updateJobCount);
    connect(m_jobs, &JobManager::jobDone, this, &MainWindow::updateJobCount);
    updateJobCount();
    createActions();
    createGoMenu();
    updateTitle();
    windowsettings::restore(*this, *m_pages);
    statusBar()->showMessage(tr("Ready"));
}

MainWindow::~MainWindow() = default;

void MainWindow::closeEvent(QCloseEvent* event) {
    saveSettings();
    QMainWindow::closeEvent(event);
}

void MainWindow::saveSettings() const {
    windowsettings::save(*this, *m_pages);
}

int MainWindow::runningJobCount() const {
    const QList<Job*> jobs = m_jobs->jobs();
    return static_cast<int>(std::count_if(jobs.begin(), jobs.end(), [](const Job* job) {
        return job->state() == Job::State::Queued || job->state() == Job::State::Running;
    }));
}

void MainWindow::updateJobCount() {
    m_jobCount->setText(tr("Jobs running: %1").arg(runningJobCount()));
}

void MainWindow::reloadCurrentPage() {
    QWidget* page = m_pages->currentWidget();
    if (page == m_profiles) {
        m_profiles->reload();
    } else if (page == m_playground) {
        m_playground->reload();
    } else if (auto* report = qobject_cast<ReportPage*>(page)) {
        report->reload();
    }
}

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
    QAction* open = file->addAction(tr("&Open results folder…"), this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Open results folder"),
                                                              pagesettings::resultsDirectory());
        if (!dir.isEmpty()) {
            openResultsFolder(dir);
        }
    });
    open->setObjectName(QStringLiteral("openResultsFolderAction"));
    withShortcut(open, QKeySequence::Open,
                 tr("Choose the results folder every page reads and writes"));
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
    withShortcut(
        exportAction, QKeySequence(Qt::CTRL | Qt::Key_E),
        tr("Write the results folder's report (CSVs, figures, report.html) into a folder"));
    file->addSeparator();
    QMenu* runMenu = file->addMenu(tr("Run &pipeline"));
    runMenu->setObjectName(QStringLiteral("runPipelineMenu"));
    QAction* runQuick =
        runMenu->addAction(tr("&Quick protocol"), this, [this] { m_pipeline->run(true); });
    runQuick->setObjectName(QStringLiteral("runQuickAction"));
    withShortcut(runQuick, QKeySequence(Qt::CTRL | Qt::Key_R),
                 tr("Run the quick protocol's pipeline into the results folder"));
    QAction* runFull =
        runMenu->addAction(tr("&Full protocol"), this, [this] { m_pipeline->run(false); });
    runFull->setObjectName(QStringLiteral("runFullAction"));
    withShortcut(runFull, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R),
                 tr("Run the full protocol's pipeline into the results folder"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));
    withShortcut(quit, QKeySequence::Quit, tr("Close the window (its layout is kept)"));

    QToolBar* tools = addToolBar(tr("Workbench"));
    tools->setObjectName(QStringLiteral("workbenchToolBar"));
    tools->setToolButtonStyle(Qt::ToolButtonTextOnly);
    tools->addAction(open);
    auto* run = new QToolButton(tools);
    run->setObjectName(QStringLiteral("runPipelineToolButton"));
    run->setText(tr("Run pipeline"));
    run->setToolTip(tr("Run the whole pipeline into the results folder (Quick or Full "
                       "protocol: %1, %2); a later run resumes")
                        .arg(runQuick->shortcut().toString(QKeySequence::NativeText),
                             runFull->shortcut().toString(QKeySequence::NativeText)));
    run->setMenu(runMenu);
    run->setPopupMode(QToolButton::InstantPopup);
    tools->addWidget(run);
    tools->addAction(exportAction);
    connect(m_pipeline, &PipelinePanel::runStarted, this, [run] { run->setEnabled(false); });
    connect(m_pipeline, &PipelinePanel::runFinished, this, [run] { run->setEnabled(true); });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    QAction* reload = view->addAction(tr("&Reload page"), this, &MainWindow::reloadCurrentPage);
    reload->setObjectName(QStringLiteral("reloadPageAction"));
    withShortcut(reload, QKeySequence::Refresh, tr("Read the current page's files again"));
    tools->addAction(reload);
    view->addSeparator();
    for (QDockWidget* dock : findChildren<QDockWidget*>()) {
        view->addAction(dock->toggleViewAction());
    }
    view->addAction(tools->toggleViewAction());
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About"), this, [this] { showAboutBox(this); })
        ->setObjectName(QStringLiteral("aboutAction"));
}

void MainWindow::createGoMenu() {
    // After View, before Help: the pages by number, and the next and previous one.
    QMenu* go = new QMenu(tr("&Go"), this);
    menuBar()->insertMenu(menuBar()->actions().constLast(), go);
    for (int i = 0; i < m_pages->count() && i < 9; ++i) {
        QAction* page =
            go->addAction(m_pages->tabText(i), this, [this, i] { m_pages->setCurrentIndex(i); });
        page->setObjectName(QStringLiteral("goToPage%1Action").arg(i + 1));
        withShortcut(page,
                     QKeySequence(QKeyCombination(Qt::ControlModifier, Qt::Key(Qt::Key_1 + i))),
                     tr("Show the %1 page").arg(m_pages->tabText(i)));
    }
    go->addSeparator();
    const auto step = [this](int by) {
        m_pages->setCurrentIndex((m_pages->currentIndex() + by + m_pages->count()) %
                                 m_pages->count());
    };
    withShortcut(go->addAction(tr("&Next page"), this, [step] { step(1); }),
                 QKeySequence(Qt::CTRL | Qt::Key_PageDown), tr("Show the next page"));
    withShortcut(go->addAction(tr("&Previous page"), this, [step] { step(-1); }),
                 QKeySequence(Qt::CTRL | Qt::Key_PageUp), tr("Show the previous page"));
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
