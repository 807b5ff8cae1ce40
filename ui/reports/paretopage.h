#pragma once

#include "reports/reportpage.h"

#include <QPointF>

class QComboBox;
class QMenu;
class QMouseEvent;

namespace aip {

class ReportFilterModel;
class ReportTableModel;

/// Pareto: each policy's frontier of effective accuracy against p95 latency or cost (log
/// axis), pooled (pareto_analysis.csv) or within one condition (the frontiers of that
/// condition's runs of all_results.csv); any policy shown or hidden. Hovering a point names
/// the runs at it (workload, deadline set, seed) and their numbers. Below, the hypervolume and
/// dominated-share rows of pareto_analysis.csv for the chosen condition and space.
class ParetoPage final : public ReportPage {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ParetoPage)

public:
    explicit ParetoPage(JobManager* jobs, QWidget* parent = nullptr);
    ~ParetoPage() override;

    QComboBox* spaceBox() const { return m_space; }
    QComboBox* conditionBox() const { return m_condition; }
    /// One checkable action per policy: checked policies are drawn.
    QMenu* policyMenu() const { return m_policies; }
    QCustomPlot* plot() const { return m_plot; }
    ReportTableModel* hypervolumeModel() const { return m_hypervolume; }
    ReportFilterModel* hypervolumeView() const { return m_hypervolumeFilter; }
    /// The tooltip for a point of the plot at `pixel` (empty when none is within a few pixels).
    QString tooltipAt(const QPointF& pixel) const;
    /// The frontier rows drawn now (point and summary rows, as pareto_analysis.csv has them).
    const std::vector<ParetoAnalysisRow>& drawnRows() const { return m_drawn; }

protected:
    void showSnapshot() override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void redraw();
    ParetoSpace space() const;

    QComboBox* m_space = nullptr;
    QComboBox* m_condition = nullptr;
    QMenu* m_policies = nullptr;
    QCustomPlot* m_plot = nullptr;
    ReportTableModel* m_hypervolume = nullptr;
    ReportFilterModel* m_hypervolumeFilter = nullptr;
    std::vector<ParetoAnalysisRow> m_drawn;
};

}  // namespace aip
