#pragma once

#include "data/datasearchpath.h"

#include <QSet>
#include <QWidget>

class QAction;
class QLabel;
class QTableView;

namespace aip {

class DatasetBrowser;
class DatasetTableModel;
class Job;
class JobManager;

/// The Datasets dock: the known datasets as found on the data search path and the registered
/// image folders, counted in a job; Browse… shows a split's examples (and a model's answers);
/// and a Download… action that fetches a missing CIFAR-10 or SST-2 from its official source
/// (the selected one, the only one missing, or the one chosen from a list).
class DatasetsPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DatasetsPanel)

public:
    /// `configDir` holds models.yaml (the models the browser offers); empty: the default.
    DatasetsPanel(JobManager* jobs, DataSearchPath searchPath, QWidget* parent = nullptr,
                  QString configDir = {});
    ~DatasetsPanel() override;

    DatasetTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    /// The last action's failure (an image folder that is not one); empty when none.
    QString message() const;
    QAction* downloadAction() const { return m_download; }
    QAction* addFolderAction() const { return m_addFolder; }
    QAction* forgetFolderAction() const { return m_forgetFolder; }
    QAction* browseAction() const { return m_browse; }

    /// Looks for the datasets again and recounts them (a job).
    void refresh();
    /// Downloads `name` after asking; what Download… runs once it knows which dataset.
    void startDownload(const QString& name);
    /// Registers `folder` (as typed: relative to the working folder) as an image-folder
    /// dataset in a job, then lists and counts it; what Add image folder… runs once a folder is
    /// chosen. The registration is kept in imagefolders::registryFile().
    Job* addImageFolder(const QString& folder);
    /// Opens the browser on `dataset` (a built-in name or a folder path); what Browse… runs.
    DatasetBrowser* browse(const QString& dataset);

private:
    QString selectedDataset() const;
    /// The datasets Download… can fetch now: an official source, not found, not under way.
    QStringList downloadCandidates() const;
    void updateActions();
    void download();
    void chooseImageFolder();
    void forgetSelectedFolder();
    void showMessage(const QString& message);

    JobManager* m_jobs;
    DataSearchPath m_searchPath;
    QString m_configDir;
    DatasetTableModel* m_model = nullptr;
    QTableView* m_view = nullptr;
    QLabel* m_message = nullptr;
    QAction* m_refresh = nullptr;
    QAction* m_download = nullptr;
    QAction* m_addFolder = nullptr;
    QAction* m_forgetFolder = nullptr;
    QAction* m_browse = nullptr;
    QSet<QString> m_downloading;  ///< datasets with a download job under way
};

}  // namespace aip
