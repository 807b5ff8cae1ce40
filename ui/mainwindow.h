#pragma once

#include <QMainWindow>

class QDockWidget;
class QTabWidget;

namespace aip {

class JobManager;

/// The workbench window: it only assembles the docks and pages; each page owns its widgets.
class MainWindow final : public QMainWindow {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    JobManager* jobManager() const { return m_jobs; }

private:
    QDockWidget* addDock(const QString& objectName, const QString& title, Qt::DockWidgetArea area,
                         QWidget* content);
    void createMenus();

    JobManager* m_jobs = nullptr;
    QTabWidget* m_pages = nullptr;
};

}  // namespace aip
