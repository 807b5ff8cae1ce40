#pragma once

#include <QList>
#include <QMainWindow>

class QDockWidget;
class QLabel;
class QMenu;
class QTabWidget;

namespace aip {

class AblationsPage;
class BaselinesPage;
class DatasetsPanel;
class FailuresPage;
class Job;
class JobManager;
class JobsPanel;
class ModelZooPanel;
class ParetoPage;
class PipelinePanel;
class PlannerPlaygroundPage;
class ProfilesPage;
class ReportPage;
class WorkloadsPage;

/// The workbench window: it only assembles the docks and pages; each page owns its widgets and
/// its toolbar. The window's own actions are the results folder (open, recent), running the
/// pipeline, exporting the report, reloading the current page and going to a page, each with a
/// shortcut. Its geometry, dock layout, splitters and current page are saved when it closes and
/// restored when the next one opens (windowsettings.h); the status bar counts the running jobs.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// The one pool every job of the window runs on; pages submit their jobs here, and the
    /// Jobs dock lists them.
    JobManager* jobManager() const { return m_jobs; }
    DatasetsPanel* datasetsPanel() const { return m_datasets; }
    ModelZooPanel* modelZooPanel() const { return m_zoo; }
    JobsPanel* jobsPanel() const { return m_jobsPanel; }
    PipelinePanel* pipelinePanel() const { return m_pipeline; }
    ProfilesPage* profilesPage() const { return m_profiles; }
    PlannerPlaygroundPage* plannerPlaygroundPage() const { return m_playground; }
    BaselinesPage* baselinesPage() const { return m_baselines; }
    ParetoPage* paretoPage() const { return m_pareto; }
    AblationsPage* ablationsPage() const { return m_ablations; }
    FailuresPage* failuresPage() const { return m_failures; }
    WorkloadsPage* workloadsPage() const { return m_workloads; }
    /// The report pages in tab order.
    const QList<ReportPage*>& reportPages() const { return m_reportPages; }
    QTabWidget* pages() const { return m_pages; }

    /// Makes `directory` the results folder of every page (remembered, first of the recent
    /// folders); the report pages read it again.
    void openResultsFolder(const QString& directory);
    /// Writes the report of the results folder into `reportDir` in a job (File ▸ Export
    /// report…, as `--batch export-report`).
    Job* exportReport(const QString& reportDir);
    /// Reads the current page's files again (View ▸ Reload, F5).
    void reloadCurrentPage();
    /// Keeps the window's layout and current page for the next start (done on close).
    void saveSettings() const;
    /// Jobs queued or running, as the status bar shows them.
    int runningJobCount() const;
    QLabel* jobCountLabel() const { return m_jobCount; }

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    QDockWidget* addDock(const QString& objectName, const QString& title, Qt::DockWidgetArea area,
                         QWidget* content);
    void addReportPage(ReportPage* page, const QString& title);
    void createActions();
    void createGoMenu();
    void updateJobCount();
    void updateRecentMenu();
    void updateTitle();

    JobManager* m_jobs = nullptr;
    QTabWidget* m_pages = nullptr;
    DatasetsPanel* m_datasets = nullptr;
    ModelZooPanel* m_zoo = nullptr;
    JobsPanel* m_jobsPanel = nullptr;
    PipelinePanel* m_pipeline = nullptr;
    ProfilesPage* m_profiles = nullptr;
    PlannerPlaygroundPage* m_playground = nullptr;
    BaselinesPage* m_baselines = nullptr;
    ParetoPage* m_pareto = nullptr;
    AblationsPage* m_ablations = nullptr;
    FailuresPage* m_failures = nullptr;
    WorkloadsPage* m_workloads = nullptr;
    QList<ReportPage*> m_reportPages;
    QMenu* m_recentMenu = nullptr;
    QLabel* m_jobCount = nullptr;
};

}  // namespace aip
