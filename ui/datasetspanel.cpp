#include "datasetspanel.h"

#include "common/error.h"
#include "datasettablemodel.h"
#include "download/datasetdownloader.h"
#include "jobs/jobmanager.h"
#include "rowtableview.h"

#include <QAction>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMessageBox>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace aip {

DatasetsPanel::DatasetsPanel(JobManager* jobs, DataSearchPath searchPath, QWidget* parent)
    : QWidget(parent),
      m_jobs(jobs),
      m_searchPath(std::move(searchPath)),
      m_model(new DatasetTableModel(this)),
      m_view(createRowTableView(QStringLiteral("datasetsView"), m_model, this)) {
    auto* toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_refresh = toolbar->addAction(tr("Refresh"), this, &DatasetsPanel::refresh);
    m_refresh->setToolTip(tr("Look for the datasets again and count their examples"));
    m_download = toolbar->addAction(tr("Download…"), this, &DatasetsPanel::downloadSelected);
    m_download->setObjectName(QStringLiteral("downloadDatasetAction"));
    m_download->setToolTip(
        tr("Download the selected dataset from its official source (CIFAR-10, SST-2)"));
    m_download->setEnabled(false);

    m_view->setTextElideMode(Qt::ElideMiddle);
    QHeaderView* header = m_view->horizontalHeader();
    header->setSectionResizeMode(DatasetTableModel::NameColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(DatasetTableModel::LocationColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(DatasetTableModel::SplitsColumn, QHeaderView::ResizeToContents);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 4);
    layout->setSpacing(0);
    layout->addWidget(toolbar);
    layout->addWidget(m_view);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DatasetsPanel::updateActions);
    connect(m_model, &DatasetTableModel::dataChanged, this, &DatasetsPanel::updateActions);
}

DatasetsPanel::~DatasetsPanel() = default;

void DatasetsPanel::refresh() {
    m_model->refresh(*m_jobs, m_searchPath);
}

QString DatasetsPanel::selectedDataset() const {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(DatasetTableModel::NameRole).toString();
}

void DatasetsPanel::updateActions() {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    // Downloadable is only set once a scan has looked for the dataset.
    m_download->setEnabled(!rows.isEmpty() &&
                           rows.first().data(DatasetTableModel::DownloadableRole).toBool() &&
                           !rows.first().data(DatasetTableModel::FoundRole).toBool() &&
                           !m_downloading.contains(selectedDataset()));
}

void DatasetsPanel::downloadSelected() {
    const QString name = selectedDataset();
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
