#include "datasetspanel.h"

#include "common/error.h"
#include "config/configset.h"
#include "data/imagefolderregistry.h"
#include "datasetbrowser.h"
#include "datasettablemodel.h"
#include "download/datasetdownloader.h"
#include "jobs/jobmanager.h"
#include "rowtableview.h"

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace aip {

DatasetsPanel::DatasetsPanel(JobManager* jobs, DataSearchPath searchPath, QWidget* parent,
                             QString configDir)
    : QWidget(parent),
      m_jobs(jobs),
      m_searchPath(std::move(searchPath)),
      m_configDir(configDir.isEmpty() ? defaultConfigDirectory() : std::move(configDir)),
      m_model(new DatasetTableModel(this)),
      m_view(createRowTableView(QStringLiteral("datasetsView"), m_model, this)) {
    auto* toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_refresh = toolbar->addAction(tr("Refresh"), this, &DatasetsPanel::refresh);
    m_refresh->setToolTip(tr("Look for the datasets again and count their examples"));
    m_download = toolbar->addAction(tr("Download…"), this, &DatasetsPanel::download);
    m_download->setObjectName(QStringLiteral("downloadDatasetAction"));
    m_browse = toolbar->addAction(tr("Browse…"), this, [this] { browse(selectedDataset()); });
    m_browse->setObjectName(QStringLiteral("browseDatasetAction"));
    m_addFolder =
        toolbar->addAction(tr("Add image folder…"), this, &DatasetsPanel::chooseImageFolder);
    m_addFolder->setObjectName(QStringLiteral("addImageFolderAction"));
    m_addFolder->setToolTip(
        tr("List a folder of images, FOLDER/[SPLIT/]CLASS/*.png, as a "
           "dataset (kept for the next session)"));
    m_addFolder->setStatusTip(m_addFolder->toolTip());
    m_forgetFolder =
        toolbar->addAction(tr("Remove folder"), this, &DatasetsPanel::forgetSelectedFolder);
    m_forgetFolder->setObjectName(QStringLiteral("forgetImageFolderAction"));
    m_model->setImageFolders(imagefolders::registered());
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("datasetsMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    m_view->setTextElideMode(Qt::ElideMiddle);
    // The toolbar may not show every action in a narrow dock; a row's menu always does.
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->addActions({m_browse, m_download, m_addFolder, m_forgetFolder});
    QHeaderView* header = m_view->horizontalHeader();
    header->setSectionResizeMode(DatasetTableModel::NameColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(DatasetTableModel::LocationColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(DatasetTableModel::SplitsColumn, QHeaderView::ResizeToContents);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 4);
    layout->setSpacing(0);
    layout->addWidget(toolbar);
    layout->addWidget(m_message);
    layout->addWidget(m_view);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DatasetsPanel::updateActions);
    connect(m_model, &DatasetTableModel::dataChanged, this, &DatasetsPanel::updateActions);
    connect(m_model, &DatasetTableModel::modelReset, this, &DatasetsPanel::updateActions);
    connect(m_model, &DatasetTableModel::rowsInserted, this, &DatasetsPanel::updateActions);
    updateActions();
}

DatasetsPanel::~DatasetsPanel() = default;

void DatasetsPanel::refresh() {
    m_model->refresh(*m_jobs, m_searchPath);
}

QString DatasetsPanel::selectedDataset() const {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(DatasetTableModel::NameRole).toString();
}

QStringList DatasetsPanel::downloadCandidates() const {
    QStringList names;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QModelIndex index = m_model->index(row, 0);
        // Downloadable is only set once a scan has looked for the dataset.
        const QString name = index.data(DatasetTableModel::NameRole).toString();
        if (index.data(DatasetTableModel::DownloadableRole).toBool() &&
            !index.data(DatasetTableModel::FoundRole).toBool() && !m_downloading.contains(name)) {
            names.append(name);
        }
    }
    return names;
}

void DatasetsPanel::updateActions() {
    const QStringList candidates = downloadCandidates();
    m_download->setEnabled(!candidates.isEmpty());
    bool scanning = false;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        scanning = scanning || m_model->index(row, 0).data(DatasetTableModel::StateRole) ==
                                   QStringLiteral("scanning");
    }
    QString tip;
    if (!candidates.isEmpty()) {
        const QString selected = selectedDataset();
        tip = candidates.contains(selected) || candidates.size() == 1
                  ? tr("Download %1 from its official source")
                        .arg(candidates.contains(selected) ? selected : candidates.first())
                  : tr("Download a missing dataset from its official source (%1)")
                        .arg(candidates.join(QStringLiteral(", ")));
    } else if (!m_downloading.isEmpty()) {
        tip = tr("Nothing else to download: %1 is being downloaded (see the Jobs dock)")
                  .arg(QStringList(m_downloading.values()).join(QStringLiteral(", ")));
    } else if (scanning || m_model->rowCount() == 0) {
        tip = tr("Looking for the datasets on the data search path…");
    } else {
        tip = tr("Nothing to download: every dataset with an official source (%1) is installed")
                  .arg(officialSourceNames().join(QStringLiteral(", ")));
    }
    m_download->setToolTip(tip);
    m_download->setStatusTip(tip);

    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    const bool selected = !rows.isEmpty();
    const bool found = selected && rows.first().data(DatasetTableModel::FoundRole).toBool();
    const bool folder = selected && rows.first().data(DatasetTableModel::ImageFolderRole).toBool();
    m_browse->setEnabled(found);
    m_browse->setToolTip(
        found ? tr("Show the examples of %1 with their labels, and a model's answers")
                    .arg(rows.first().data().toString())
        : selected ? tr("%1 is not here to browse").arg(rows.first().data().toString())
                   : tr("Select a dataset to browse"));
    m_browse->setStatusTip(m_browse->toolTip());
    m_forgetFolder->setEnabled(folder);
    m_forgetFolder->setToolTip(
        folder ? tr("Take %1 off the list (its files are left alone)")
                     .arg(rows.first().data(DatasetTableModel::NameRole).toString())
               : tr("Select an image folder to take it off the list"));
    m_forgetFolder->setStatusTip(m_forgetFolder->toolTip());
}

void DatasetsPanel::chooseImageFolder() {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Add image folder"),
                                                             QString(), QFileDialog::ShowDirsOnly);
    if (!folder.isEmpty()) {
        addImageFolder(folder);
    }
}

Job* DatasetsPanel::addImageFolder(const QString& folder) {
    auto* job = m_jobs->submit<QString, QString>(
        tr("Add image folder %1").arg(QFileInfo(folder).fileName()), folder,
        [](const QString& f, JobContext&) { return imagefolders::add(f); });
    connect(job, &Job::done, this, [this, job](Job::State state) {
        if (state == Job::State::Finished) {
            m_model->setImageFolders(imagefolders::registered());
            refresh();
            const int row = [&] {
                for (int r = 0; r < m_model->rowCount(); ++r) {
                    if (m_model->index(r, 0).data(DatasetTableModel::NameRole) == job->result()) {
                        return r;
                    }
                }
                return -1;
            }();
            m_view->selectRow(row);
        }
        showMessage(state == Job::State::Failed ? job->errorMessage() : QString());
    });
    return job;
}

void DatasetsPanel::forgetSelectedFolder() {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.isEmpty() || !rows.first().data(DatasetTableModel::ImageFolderRole).toBool()) {
        return;
    }
    try {
        imagefolders::remove(rows.first().data(DatasetTableModel::NameRole).toString());
    } catch (const Error& e) {
        showMessage(e.message());
        return;
    }
    m_model->setImageFolders(imagefolders::registered());
    updateActions();
}

QString DatasetsPanel::message() const {
    return m_message->text();
}

void DatasetsPanel::showMessage(const QString& message) {
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
}

DatasetBrowser* DatasetsPanel::browse(const QString& dataset) {
    if (dataset.isEmpty()) {
        return nullptr;
    }
    auto* browser = new DatasetBrowser(m_jobs, m_searchPath, m_configDir, dataset, this);
    browser->setAttribute(Qt::WA_DeleteOnClose);
    browser->show();
    return browser;
}

void DatasetsPanel::download() {
    const QStringList candidates = downloadCandidates();
    if (candidates.isEmpty()) {
        return;
    }
    QString name = selectedDataset();
    if (!candidates.contains(name)) {
        if (candidates.size() == 1) {
            name = candidates.first();
        } else {
            bool ok = false;
            name = QInputDialog::getItem(this, tr("Download"), tr("Dataset to download:"),
                                         candidates, 0, false, &ok);
            if (!ok) {
                return;
            }
        }
    }
    startDownload(name);
}

void DatasetsPanel::startDownload(const QString& name) {
    const std::optional<DownloadSource> source = officialSource(name);
    if (!source) {
        return;
    }
    QString destination;
    try {
        destination = m_searchPath.userDataDirectory();
    } catch (const Error& e) {
        QMessageBox::warning(this, tr("Download %1").arg(name), e.message());
        return;
    }
    const auto answer =
        QMessageBox::question(this, tr("Download %1").arg(name),
                              tr("Download %1 from\n%2\ninto %3?\n\n%4")
                                  .arg(name, source->url.toString(), destination, source->note));
    if (answer != QMessageBox::Yes) {
        return;
    }
    auto* job = m_jobs->submit<DownloadParams, DownloadResult>(
        tr("Download %1").arg(name), DownloadParams::fromSource(*source, destination),
        &downloadDataset);
    m_downloading.insert(name);
    connect(job, &Job::done, this, [this, name](Job::State state) {
        m_downloading.remove(name);
        if (state == Job::State::Finished) {
            refresh();  // count the dataset now that it is installed
        }
        updateActions();  // after a failure or a cancel, the user may try again
    });
    updateActions();
}

}  // namespace aip
