#pragma once

#include "planning/cascadeinspection.h"

#include <QAbstractTableModel>
#include <QWidget>

#include <memory>
#include <vector>

class QCPGraph;
class QCPItemStraightLine;
class QComboBox;
class QCustomPlot;
class QDoubleSpinBox;
class QLabel;
class QSlider;
class QTableView;

namespace aip {

class PlannerTables;

/// The test-half examples of one cascade at one θ: the example, its label, stage 1's confidence
/// and answer, whether it escalates (conf₁ < θ), stage 2's answer, the cascade's answer and
/// whether it is right. Moving θ changes the last four columns only.
class CascadeExampleModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CascadeExampleModel)

public:
    enum Column {
        Example,
        Label,
        Confidence1,
        Answer1,
        Escalated,
        Answer2,
        Answer,
        Correct,
        ColumnCount
    };
    /// The unformatted value of a cell (number or bool), for sorting and tests.
    static constexpr int ValueRole = Qt::UserRole + 1;

    explicit CascadeExampleModel(QObject* parent = nullptr);

    void setExamples(std::vector<CascadeExample> examples);
    void setTheta(double theta);
    double theta() const { return m_theta; }
    const std::vector<CascadeExample>& examples() const { return m_examples; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<CascadeExample> m_examples;
    double m_theta = 0.5;
};

/// The Planner playground's cascade panel: a cascade of the table (stage-1 → stage-2 variant),
/// θ on a slider over [0, 1], the test-half examples at that θ (CascadeExampleModel), the
/// cascade's accuracy and escalation rate there, and both as curves over θ with θ marked.
class CascadePanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CascadePanel)

public:
    static constexpr int kThetaSteps = 1000;

    explicit CascadePanel(QWidget* parent = nullptr);
    ~CascadePanel() override;

    /// The tables and the task to show; nullptr clears the panel.
    void setTables(std::shared_ptr<const PlannerTables> tables, const QString& task);

    double theta() const;
    void setTheta(double theta);
    /// The cascades of the table (CascadePair::name) and the one shown.
    QComboBox* cascadeBox() const { return m_cascade; }
    QSlider* thetaSlider() const { return m_slider; }
    CascadeExampleModel* model() const { return m_model; }
    QCustomPlot* plot() const { return m_plot; }
    /// The outcome at the current θ, as the summary shows it.
    const CascadeCounts& outcome() const { return m_outcome; }
    const std::vector<CascadeCounts>& curve() const { return m_curve; }
    /// Why nothing is shown (no cascade in models.yaml, or its predictions missing); empty
    /// when a cascade is shown.
    QString message() const;
    QString summaryText() const;
    /// The θ's of the table's entries of this cascade (models.yaml's grid), as marked on the
    /// accuracy curve.
    std::vector<double> plannedThetas() const;
    /// The x of the θ marker on the plot.
    double markedTheta() const;

Q_SIGNALS:
    void thetaChanged(double theta);

private:
    void showCascade();
    void showTheta();

    QComboBox* m_cascade = nullptr;
    QSlider* m_slider = nullptr;
    QDoubleSpinBox* m_thetaBox = nullptr;
    QLabel* m_message = nullptr;
    QLabel* m_summary = nullptr;
    CascadeExampleModel* m_model = nullptr;
    QTableView* m_view = nullptr;
    QCustomPlot* m_plot = nullptr;
    QCPGraph* m_accuracyGraph = nullptr;
    QCPGraph* m_escalationGraph = nullptr;
    QCPGraph* m_gridGraph = nullptr;  ///< the θ grid of models.yaml the planner chooses from
    QCPItemStraightLine* m_marker = nullptr;
    std::shared_ptr<const PlannerTables> m_tables;
    QString m_task;
    std::vector<CascadePair> m_pairs;
    std::vector<CascadeCounts> m_curve;
    CascadeCounts m_outcome;
};

}  // namespace aip
