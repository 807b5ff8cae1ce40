#pragma once

#include <QPointF>
#include <QWidget>

#include <optional>

class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCustomPlot;

namespace aip {

class ConfigTable;

/// Every entry of a ConfigTable at (tail latency at 1−ε, accuracy) on a log latency axis, the
/// Pareto front as the step line "best accuracy reachable within x ms", the deadline as a
/// vertical line and the planner's choice highlighted.
class ParetoDecisionPlot final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ParetoDecisionPlot)

public:
    explicit ParetoDecisionPlot(QWidget* parent = nullptr);
    ~ParetoDecisionPlot() override;

    /// The entries to draw; nullptr clears the plot. The table must outlive its use here.
    void setTable(const ConfigTable* table);
    /// Moves the deadline line and the highlight (entry -1: none).
    void setDecision(double deadlineMs, int chosenEntry);

    /// What is drawn: points of single configurations and of cascades, entries on the front
    /// line, the deadline line's x, and the highlighted point (tail, accuracy).
    int singlePointCount() const;
    int cascadePointCount() const;
    int frontPointCount() const;
    std::optional<double> deadlineLine() const;
    std::optional<QPointF> highlighted() const;
    /// The legend stands in the plot's layout below the axes, not inside them over entries.
    bool legendBelowAxes() const;

private:
    void updateRange();

    QCustomPlot* m_plot = nullptr;
    QCPGraph* m_singles = nullptr;
    QCPGraph* m_cascades = nullptr;
    QCPGraph* m_front = nullptr;
    QCPGraph* m_chosen = nullptr;
    QCPItemStraightLine* m_deadline = nullptr;
    QCPItemText* m_deadlineLabel = nullptr;
    const ConfigTable* m_table = nullptr;
    double m_deadlineMs = 0.0;
    double m_minTail = 1.0;
    double m_maxTail = 1.0;
    double m_minAccuracy = 0.0;
    double m_maxAccuracy = 1.0;
};

}  // namespace aip
