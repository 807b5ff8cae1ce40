#pragma once

#include "data/datasearchpath.h"

#include <QSet>
#include <QWidget>

class QAction;
class QTableView;

namespace aip {

class DatasetTableModel;
class JobManager;

/// The Datasets dock: the known datasets as found on the data search path, counted in a job,
/// and a Download… action that fetches a missing CIFAR-10 or SST-2 from its official source.
class DatasetsPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatasetsPanel)

public:
    DatasetsPanel(JobManager* jobs, DataSearchPath searchPath, QWidget* parent = nullptr);
    ~DatasetsPanel() override;

    DatasetTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QAction* downloadAction() const { return m_download; }

    /// Looks for the datasets again and recounts them (a job).
    void refresh();

private:
    QString selectedDataset() const;
    void updateActions();
    void downloadSelected();

    JobManager* m_jobs;
    DataSearchPath m_searchPath;
    DatasetTableModel* m_model = nullptr;
    QTableView* m_view = nullptr;
    QAction* m_refresh = nullptr;
    QAction* m_download = nullptr;
    QSet<QString> m_downloading;  ///< datasets with a download job under way
};

}  // namespace aip
