#pragma once

#include "reports/reportpage.h"

class QComboBox;

namespace aip {

class ReportTableModel;

/// Workloads: how the policies fare on each arrival process and deadline. Grouped bars of
/// effective accuracy per workload and policy (workload_results.csv) for the chosen deadline set
/// (or a panel per set) with their table, and the deadline sweep's curves (deadline_sweep.csv) of
/// the hit rate or the effective accuracy. With several tasks, a task filter keeps one task's
/// workloads and sweep curves.
class WorkloadsPage final : public ReportPage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorkloadsPage)

public:
    explicit WorkloadsPage(JobManager* jobs, QWidget* parent = nullptr);
    ~WorkloadsPage() override;

    QComboBox* taskBox() const { return m_task; }
    QComboBox* deadlineSetBox() const { return m_deadlineSet; }
    QComboBox* sweepMetricBox() const { return m_sweepMetric; }
    ReportTableModel* tableModel() const { return m_table; }
    QCustomPlot* workloadPlot() const { return m_workloads; }
    QCustomPlot* sweepPlot() const { return m_sweep; }

protected:
    void showSnapshot() override;

private:
    void drawWorkloads();
    void drawSweep();

    QComboBox* m_task = nullptr;
    QComboBox* m_deadlineSet = nullptr;
    QComboBox* m_sweepMetric = nullptr;
    ReportTableModel* m_table = nullptr;
    QCustomPlot* m_workloads = nullptr;
    QCustomPlot* m_sweep = nullptr;
};

}  // namespace aip
