#include "jobspanel.h"

#include "joblistmodel.h"
#include "progressbardelegate.h"
#include "rowtableview.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace aip {

JobsPanel::JobsPanel(JobManager* jobs, QWidget* parent)
    : QWidget(parent),
      m_model(new JobListModel(jobs, this)),
      m_view(createRowTableView(QStringLiteral("jobsView"), m_model, this)),
      m_cancel(new QPushButton(tr("Cancel"), this)) {
    m_view->setItemDelegateForColumn(JobListModel::ProgressColumn,
                                     new ProgressBarDelegate(JobListModel::ProgressRole, m_view));
    m_view->setTextElideMode(Qt::ElideRight);
    QHeaderView* header = m_view->horizontalHeader();
    header->setSectionResizeMode(JobListModel::NameColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(JobListModel::ProgressColumn, QHeaderView::Fixed);
    header->setStretchLastSection(true);
    header->resizeSection(JobListModel::NameColumn, 260);
    header->resizeSection(JobListModel::ProgressColumn, 160);

    m_cancel->setObjectName(QStringLiteral("cancelJobButton"));
    m_cancel->setToolTip(tr("Ask the selected job to stop at its next checkpoint"));
    m_cancel->setEnabled(false);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_view);
    layout->addLayout(buttons);

    connect(m_cancel, &QPushButton::clicked, this, &JobsPanel::cancelSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &JobsPanel::updateCancelButton);
    connect(m_model, &JobListModel::dataChanged, this, &JobsPanel::updateCancelButton);
    connect(m_model, &JobListModel::rowsInserted, m_view, &QTableView::scrollToBottom);
}

JobsPanel::~JobsPanel() = default;

int JobsPanel::selectedRow() const {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void JobsPanel::updateCancelButton() {
    const int row = selectedRow();
    m_cancel->setEnabled(row >= 0 &&
                         m_model->index(row, 0).data(JobListModel::CancellableRole).toBool());
}

void JobsPanel::cancelSelected() {
    if (Job* job = m_model->jobAt(selectedRow())) {
        job->cancel();
    }
    updateCancelButton();
}

}  // namespace aip
