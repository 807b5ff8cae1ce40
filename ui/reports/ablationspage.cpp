#include "reports/ablationspage.h"

#include "plots/customplot.h"
#include "plots/reportplots.h"
#include "reports/reporttables.h"
#include "reports/reportwidgets.h"

#include <QComboBox>
#include <QSplitter>
#include <QTableView>

namespace aip {

AblationsPage::AblationsPage(JobManager* jobs, QWidget* parent)
    : ReportPage(jobs, ReportFile::Ablations, QStringLiteral("ablationsPage"), tr("Ablations"),
                 parent),
      m_dimension(addFilterBox(toolBar(), tr("Dimension"), QStringLiteral("dimensionBox"))),
      m_table(new ReportTableModel(this)) {
    m_plot = addPlot(QStringLiteral("ablationPlot"), tr("Ablation"));
    QTableView* table = addTable(m_table, QStringLiteral("ablationView"), tr("Ablation"));
    auto* content = new QSplitter(Qt::Vertical, this);
    content->addWidget(m_plot);
    content->addWidget(table);
    content->setSizes({500, 250});
    setContent(content);
    for (const QString& dimension : ablationDimensions()) {
        QString label = dimension;
        m_dimension->addItem(label.replace(u'_', u' '), dimension);
    }
    connect(m_dimension, &QComboBox::currentIndexChanged, this, &AblationsPage::redraw);
}

AblationsPage::~AblationsPage() = default;

void AblationsPage::showSnapshot() {
    redraw();
}

void AblationsPage::redraw() {
    const QString dimension = m_dimension->currentData().toString();
    const auto rows = snapshot().ablations.find(dimension);
    if (rows == snapshot().ablations.end() || rows->second.empty()) {
        m_table->setTable({});
        clearPlot(*m_plot, tr("No rows of ablation/%1.csv to draw").arg(dimension));
        return;
    }
    m_table->setTable(ablationTable(rows->second));
    buildAblationPlot(*m_plot, dimension, rows->second);
    showFigure(*m_plot);
}

}  // namespace aip
