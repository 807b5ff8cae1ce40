#pragma once

#include "simulation/policyrun.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QWidget>

#include <memory>
#include <vector>

class QCPGraph;
class QCustomPlot;
class QCheckBox;
class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableView;

namespace aip {

struct ConfigSet;
class Job;
class JobManager;
class PlannerTables;

/// One replayed run: the simulator's records, and each decision with the state it was taken in.
struct ReplayRun {
    SimulationResult result;
    std::vector<RecordedDecision> decisions;
    PolicyOptions options;  ///< what the policy planned with
    QString policy;
    bool live = false;  ///< replayed on the real models, not simulated

    /// The decision that formed the batch of request `row` (records order): the last one taken
    /// at or before the request's start; -1 when it never started or for a hindsight bound.
    int decisionFor(int row) const;
};

/// The requests of a replayed run: id, arrival, deadline, the entry that answered, start,
/// latency, whether stage 2 ran, hit and correct.
class ReplayRequestModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplayRequestModel)

public:
    enum Column {
        Request,
        Arrival,
        Deadline,
        Entry,
        Start,
        Latency,
        Stage2,
        Hit,
        Correct,
        ColumnCount
    };
    static constexpr int ValueRole = Qt::UserRole + 1;

    explicit ReplayRequestModel(QObject* parent = nullptr);
    void setRun(std::shared_ptr<const ReplayRun> run);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const ReplayRun> m_run;
};

/// One run on a timeline sharing its time axis (s) over three panels: each request's latency
/// against its arrival (hits, misses, unanswered; escalated ones ringed), the queue length at
/// each decision, and the entry each batch ran (stage-2 batches marked). The wheel zooms and
/// dragging pans the time axis; clicking a request (or a batch) selects it.
class ReplayTimeline final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplayTimeline)

public:
    explicit ReplayTimeline(QWidget* parent = nullptr);
    void setRun(std::shared_ptr<const ReplayRun> run);
    void resetZoom();
    void markRequest(int row);
    /// The row of the request nearest `pixel` in the requests panel (within a few pixels; a
    /// batch in the entry panel gives its first request); -1 when none is near.
    int requestAt(const QPointF& pixel) const;
    /// The pixel position of request `row` in the requests panel.
    QPointF pixelOf(int row) const;
    QCustomPlot* plot() const { return m_plot; }
    /// Points drawn per layer, for tests: requests, queue samples, stage-1 and stage-2 batches.
    int requestPoints() const;
    int queuePoints() const;
    int batchPoints(int stage) const;

Q_SIGNALS:
    void requestClicked(int row);

private:
    double requestY(int row) const;

    QCustomPlot* m_plot = nullptr;
    std::vector<QCPGraph*> m_requestGraphs;
    QCPGraph* m_escalated = nullptr;
    QCPGraph* m_selected = nullptr;
    QCPGraph* m_queue = nullptr;
    QCPGraph* m_stage1 = nullptr;
    QCPGraph* m_stage2 = nullptr;
    std::shared_ptr<const ReplayRun> m_run;
    double m_unansweredY = 1.0;
    double m_endS = 1.0;
};

/// The Planner playground's replay: a policy on one protocol workload, deadline set and seed,
/// simulated in a job as `--batch simulate` runs it (simulatePolicy), shown on a ReplayTimeline
/// with a table of its requests; selecting a request shows the planner's explanation of the
/// decision that served it.
class ReplayPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReplayPanel)

public:
    explicit ReplayPanel(JobManager* jobs, QWidget* parent = nullptr);
    ~ReplayPanel() override;

    /// The configuration and tables to replay on, and the results folder they were read from
    /// (its model_files.csv names the weights a live replay runs); nullptr clears the panel.
    void setSources(std::shared_ptr<const ConfigSet> configs,
                    std::shared_ptr<const PlannerTables> tables, const QString& task,
                    const QString& resultsDir);

    /// Simulates the chosen run in a job, or replays it live on the real models when Live is
    /// checked (nullptr when there is nothing to run).
    Job* simulate();
    bool isRunning() const { return !m_job.isNull(); }
    const ReplayRun* run() const { return m_run.get(); }
    /// Shows the decision that served request `row` (records order) and selects it.
    void selectRequest(int row);
    int selectedRequest() const { return m_selectedRow; }

    QComboBox* policyBox() const { return m_policy; }
    QComboBox* workloadBox() const { return m_workload; }
    QComboBox* deadlineBox() const { return m_deadlines; }
    QSpinBox* seedBox() const { return m_seed; }
    QPushButton* simulateButton() const { return m_simulate; }
    QCheckBox* liveBox() const { return m_live; }
    ReplayRequestModel* model() const { return m_model; }
    QTableView* requestView() const { return m_view; }
    ReplayTimeline* timeline() const { return m_timeline; }
    QString message() const;
    QString summaryText() const;
    QString explanationText() const;

Q_SIGNALS:
    /// A simulation ended (run() holds it, or message() says why not).
    void simulated();
    void requestExplained(int row);

private:
    void showRun(std::shared_ptr<const ReplayRun> run);
    void updateLiveBox();

    JobManager* m_jobs;
    QComboBox* m_policy = nullptr;
    QComboBox* m_workload = nullptr;
    QComboBox* m_deadlines = nullptr;
    QSpinBox* m_seed = nullptr;
    QCheckBox* m_live = nullptr;
    QPushButton* m_simulate = nullptr;
    QPushButton* m_resetZoom = nullptr;
    QLabel* m_message = nullptr;
    QLabel* m_summary = nullptr;
    ReplayTimeline* m_timeline = nullptr;
    ReplayRequestModel* m_model = nullptr;
    QTableView* m_view = nullptr;
    QPlainTextEdit* m_explanation = nullptr;
    std::shared_ptr<const ConfigSet> m_configs;
    std::shared_ptr<const PlannerTables> m_tables;
    QString m_task;
    QString m_resultsDir;
    QPointer<Job> m_job;
    std::shared_ptr<const ReplayRun> m_run;
    int m_selectedRow = -1;
};

}  // namespace aip
