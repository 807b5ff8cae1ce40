#pragma once

#include <QMainWindow>

class QDockWidget;
class QTabWidget;

namespace aip {

class DatasetsPanel;
class JobManager;
class ReportsPage;
class JobsPanel;
class ModelZooPanel;
class PlannerPlaygroundPage;
class ProfilesPage;

/// The workbench window: it only assembles the docks and pages; each page owns its widgets.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// The one pool every job of the window runs on; pages submit their jobs here, and the
    /// Jobs dock lists them.
    JobManager* jobManager() const { return m_jobs; }
    ReportsPage* reportsPage() const { return m_reports; }
    DatasetsPanel* datasetsPanel() const { return m_datasets; }
    ModelZooPanel* modelZooPanel() const { return m_zoo; }
    JobsPanel* jobsPanel() const { return m_jobsPanel; }
    ProfilesPage* profilesPage() const { return m_profiles; }
    PlannerPlaygroundPage* plannerPlaygroundPage() const { return m_playground; }

private:
    QDockWidget* addDock(const QString& objectName, const QString& title, Qt::DockWidgetArea area,
                         QWidget* content);
    void createMenus();

    JobManager* m_jobs = nullptr;
    QTabWidget* m_pages = nullptr;
    ReportsPage* m_reports = nullptr;
    DatasetsPanel* m_datasets = nullptr;
    ModelZooPanel* m_zoo = nullptr;
    JobsPanel* m_jobsPanel = nullptr;
    ProfilesPage* m_profiles = nullptr;
    PlannerPlaygroundPage* m_playground = nullptr;
};

}  // namespace aip
