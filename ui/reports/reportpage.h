#pragma once

#include "reports/reportsnapshot.h"

#include <QList>
#include <QPointer>
#include <QWidget>

class QAbstractItemModel;
class QCustomPlot;
class QLabel;
class QMenu;
class QTableView;
class QToolBar;
class QVBoxLayout;

namespace aip {

class Job;
class JobManager;

/// What every report page shares: its own toolbar (Reload, then the page's controls, then
/// Export CSV… for each table and Save image… for each plot), one message line for the files
/// that could not be read, and the reading of the results folder's files in a job when the page
/// is shown and they changed (or on Reload). A subclass builds its widgets and draws the
/// snapshot in showSnapshot().
class ReportPage : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReportPage)

public:
    ~ReportPage() override;

    /// Reads the page's files of the results folder (pagesettings) in a job; the page is drawn
    /// when it is done. A load still running is cancelled: its result would be stale.
    Job* reload();
    /// Forgets what was loaded, so the page reads the folder again when it is next shown.
    void markStale();
    bool isLoading() const { return !m_load.isNull(); }
    /// The problems the page shows (one line per file), empty when everything loaded.
    QString message() const;
    QString directory() const { return m_snapshot.directory; }
    const ReportSnapshot& snapshot() const { return m_snapshot; }

    QToolBar* toolBar() const { return m_toolBar; }
    /// The plots and the table views the page exports, in the order of their menus.
    const QList<QCustomPlot*>& plots() const { return m_plots; }
    const QList<QTableView*>& tables() const { return m_tables; }

Q_SIGNALS:
    /// The page shows the folder's files (or says why not).
    void loaded();

protected:
    /// `title` names the page in its jobs ("Read the Baselines page's files in …").
    ReportPage(JobManager* jobs, ReportFiles files, const QString& objectName, const QString& title,
               QWidget* parent);

    void showEvent(QShowEvent* event) override;
    /// Keeps each plot's legend fitted to its width.
    bool eventFilter(QObject* watched, QEvent* event) override;
    /// Draws m_snapshot into the page's widgets (what did not load: empty).
    virtual void showSnapshot() = 0;

    JobManager* jobs() const { return m_jobs; }
    /// The page's content, below the toolbar and the message.
    void setContent(QWidget* content);
    /// A plot of the page: on screen, in the Save image… menu and its context menu.
    QCustomPlot* addPlot(const QString& objectName, const QString& title);
    /// A sortable table view of `model`: in the Export CSV… menu and its context menu.
    QTableView* addTable(QAbstractItemModel* model, const QString& objectName,
                         const QString& title);
    /// A problem of the page's own (beside the files' problems), e.g. a run it could not read.
    void setPageProblem(const QString& text);

private:
    void updateMessage();
    void saveImage(QCustomPlot* plot, const QString& title);
    void exportCsv(QTableView* view, const QString& title);

    JobManager* m_jobs;
    ReportFiles m_files;
    QString m_title;
    QToolBar* m_toolBar = nullptr;
    QMenu* m_exportMenu = nullptr;
    QMenu* m_imageMenu = nullptr;
    QLabel* m_message = nullptr;
    QVBoxLayout* m_layout = nullptr;
    QList<QCustomPlot*> m_plots;
    QList<QTableView*> m_tables;
    ReportSnapshot m_snapshot;
    QString m_pageProblem;
    QString m_loadedStamp;
    QPointer<Job> m_load;
};

}  // namespace aip
