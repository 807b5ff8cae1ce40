#pragma once

#include "reports/reportpage.h"

class QComboBox;

namespace aip {

class ReportFilterModel;
class ReportTableModel;

/// Baselines: does the planner beat the usual policies? The protocol's claims (claimed vs
/// measured, pooled) at the top; statistical_tests.csv as a sortable table filtered by task,
/// workload, deadline set and metric; beside it the chosen metric per policy over the runs of
/// all_results.csv in the chosen condition, with 95% CI bars.
class BaselinesPage final : public ReportPage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BaselinesPage)

public:
    explicit BaselinesPage(JobManager* jobs, QWidget* parent = nullptr);
    ~BaselinesPage() override;

    /// The filter boxes: the first entry of each is "(all)" (no filter).
    QComboBox* taskBox() const { return m_task; }
    QComboBox* workloadBox() const { return m_workload; }
    QComboBox* deadlineSetBox() const { return m_deadlineSet; }
    QComboBox* metricBox() const { return m_metric; }
    ReportTableModel* testsModel() const { return m_tests; }
    ReportFilterModel* testsView() const { return m_testsFilter; }
    ReportTableModel* claimsModel() const { return m_claims; }
    ReportTableModel* chartModel() const { return m_chartTable; }

protected:
    void showSnapshot() override;

private:
    void applyFilters();

    QComboBox* m_task = nullptr;
    QComboBox* m_workload = nullptr;
    QComboBox* m_deadlineSet = nullptr;
    QComboBox* m_metric = nullptr;
    ReportTableModel* m_claims = nullptr;
    ReportTableModel* m_tests = nullptr;
    ReportFilterModel* m_testsFilter = nullptr;
    ReportTableModel* m_chartTable = nullptr;
    QCustomPlot* m_chart = nullptr;
};

}  // namespace aip
