#include "reports/workloadspage.h"

#include "plots/customplot.h"
#include "plots/reportplots.h"
#include "reports/reporttables.h"
#include "reports/reportwidgets.h"

#include <QComboBox>
#include <QSplitter>
#include <QTableView>

namespace aip {

WorkloadsPage::WorkloadsPage(JobManager* jobs, QWidget* parent)
    : ReportPage(jobs, ReportFile::WorkloadResults | ReportFile::DeadlineSweep,
                 QStringLiteral("workloadsPage"), tr("Workloads"), parent),
      m_task(addFilterBox(toolBar(), tr("Task"), QStringLiteral("taskFilter"))),
      m_deadlineSet(
          addFilterBox(toolBar(), tr("Deadline set"), QStringLiteral("deadlineSetFilter"))),
      m_sweepMetric(
          addFilterBox(toolBar(), tr("Deadline sweep"), QStringLiteral("sweepMetricBox"))),
      m_table(new ReportTableModel(this)) {
    m_sweepMetric->addItem(tr("hit rate"), static_cast<int>(DeadlineMetric::HitRate));
    m_sweepMetric->addItem(tr("effective accuracy"),
                           static_cast<int>(DeadlineMetric::EffectiveAccuracy));
    m_workloads = addPlot(QStringLiteral("workloadPlot"), tr("Workload comparison"));
    m_sweep = addPlot(QStringLiteral("deadlineSweepPlot"), tr("Deadline sweep"));
    QTableView* table = addTable(m_table, QStringLiteral("workloadView"), tr("Workload results"));
    auto* plots = new QSplitter(Qt::Horizontal, this);
    plots->addWidget(m_workloads);
    plots->addWidget(m_sweep);
    auto* content = new QSplitter(Qt::Vertical, this);
    content->addWidget(plots);
    content->addWidget(table);
    plots->setSizes({500, 500});
    content->setSizes({550, 200});
    setContent(content);
    connect(m_sweepMetric, &QComboBox::currentIndexChanged, this, &WorkloadsPage::drawSweep);
    connect(m_deadlineSet, &QComboBox::currentIndexChanged, this, &WorkloadsPage::drawWorkloads);
    connect(m_task, &QComboBox::currentIndexChanged, this, [this] {
        drawWorkloads();
        drawSweep();
    });
}

WorkloadsPage::~WorkloadsPage() = default;

namespace {

/// The task of a "task:name" (a workload of a run of several tasks, or a policy of the sweep);
/// empty for a bare name.
QString taskOf(const QString& name) {
    const qsizetype colon = name.indexOf(u':');
    return colon < 0 ? QString() : name.left(colon);
}

}  // namespace

void WorkloadsPage::showSnapshot() {
    const ReportSnapshot& s = snapshot();
    QStringList tasks;
    QStringList sets;
    for (const ResultRow& row : s.workloads ? *s.workloads : std::vector<ResultRow>{}) {
        if (!tasks.contains(taskOf(row.workload))) {
            tasks << taskOf(row.workload);
        }
        if (!sets.contains(row.deadlineSet)) {
            sets << row.deadlineSet;
        }
    }
    fillFilterBox(m_task, tasks, true, tasks.value(0));
    fillFilterBox(m_deadlineSet, sets, true, sets.value(0));
    drawWorkloads();
    drawSweep();
}

void WorkloadsPage::drawWorkloads() {
    const ReportSnapshot& s = snapshot();
    const QString task = filterValue(m_task);
    const QString set = filterValue(m_deadlineSet);
    std::vector<ResultRow> rows;
    for (const ResultRow& row : s.workloads ? *s.workloads : std::vector<ResultRow>{}) {
        if ((task.isEmpty() || taskOf(row.workload) == task) &&
            (set.isEmpty() || row.deadlineSet == set)) {
            rows.push_back(row);
        }
    }
    m_table->setTable(workloadTable(rows));
    if (rows.empty()) {
        clearPlot(*m_workloads, tr("No rows of workload_results.csv to draw"));
        return;
    }
    buildWorkloadComparisonPlot(*m_workloads, rows);
    showFigure(*m_workloads);
}

void WorkloadsPage::drawSweep() {
    const ReportSnapshot& s = snapshot();
    const QString task = filterValue(m_task);
    std::vector<DeadlineSweepRow> rows;
    for (const DeadlineSweepRow& row :
         s.deadlineSweep ? *s.deadlineSweep : std::vector<DeadlineSweepRow>{}) {
        if (task.isEmpty() || taskOf(row.run.policy) == task) {
            rows.push_back(row);
            if (!task.isEmpty()) {  // one task: the policies by their own names and colours
                rows.back().run.policy = row.run.policy.mid(task.size() + 1);
            }
        }
    }
    if (rows.empty()) {
        clearPlot(*m_sweep, tr("No rows of deadline_sweep.csv to draw"));
        return;
    }
    buildDeadlinePlot(*m_sweep, rows,
                      static_cast<DeadlineMetric>(m_sweepMetric->currentData().toInt()));
    showFigure(*m_sweep);
}

}  // namespace aip
