#include "mainwindow.h"

#include "pages/reportspage.h"

#include "config/configset.h"
#include "data/datasearchpath.h"
#include "datasetspanel.h"
#include "jobs/jobmanager.h"
#include "jobspanel.h"
#include "modelzoopanel.h"
#include "pages/plannerplaygroundpage.h"
#include "pages/profilespage.h"

#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>

namespace aip {

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), m_jobs(new JobManager(0, this)) {
    setWindowTitle(tr("Anytime Inference Planner"));
    setObjectName(QStringLiteral("MainWindow"));
    resize(1280, 800);

    m_pages = new QTabWidget(this);
    m_pages->setObjectName(QStringLiteral("pages"));
    m_profiles = new ProfilesPage(m_jobs, this);
    m_playground = new PlannerPlaygroundPage(m_jobs, this);
    m_pages->addTab(m_profiles, tr("Profiles"));
    m_pages->addTab(m_playground, tr("Planner playground"));
    m_reports = new ReportsPage(*m_jobs, this);
    m_pages->addTab(m_reports, tr("Reports"));
    setCentralWidget(m_pages);

    const DataSearchPath searchPath = DataSearchPath::fromEnvironment();
    m_datasets = new DatasetsPanel(m_jobs, searchPath, this);
    m_zoo = new ModelZooPanel(searchPath, defaultConfigDirectory(), this);
    m_jobsPanel = new JobsPanel(m_jobs, this);
    QDockWidget* datasets =
        addDock(QStringLiteral("datasetsDock"), tr("Datasets"), Qt::LeftDockWidgetArea, m_datasets);
    QDockWidget* zoo =
        addDock(QStringLiteral("modelZooDock"), tr("Model zoo"), Qt::LeftDockWidgetArea, m_zoo);
    QDockWidget* jobs =
        addDock(QStringLiteral("jobsDock"), tr("Jobs"), Qt::BottomDockWidgetArea, m_jobsPanel);
    resizeDocks({datasets, zoo}, {620, 620}, Qt::Horizontal);
    resizeDocks({datasets, zoo}, {170, 430}, Qt::Vertical);
    resizeDocks({jobs}, {170}, Qt::Vertical);
    m_datasets->refresh();

    createMenus();
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

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
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

}  // namespace aip
