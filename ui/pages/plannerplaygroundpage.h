#pragma once

#include "planning/cascadeplanner.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <memory>
#include <optional>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QTabWidget;

namespace aip {

class CascadePanel;
class ConfigTable;
struct ConfigSet;
class PlannerTables;
class Job;
class JobManager;
class ParetoDecisionPlot;
class ReplayPanel;
class ResultsFolderBar;

/// The Planner playground: the results folder's profiles as the planner's tables (built in a
/// job), in three tabs. Decision: a deadline (log slider and spin box) and a queue length;
/// every change, after a short pause, asks explainDecision() and shows the chosen entry, the
/// reason and where the choice sits among all entries and the Pareto front. Cascade: one
/// cascade's test-half examples at a θ and its accuracy and escalation over θ (CascadePanel).
/// Replay: a policy simulated on a protocol trace, on a timeline, each request's decision
/// explained (ReplayPanel).
class PlannerPlaygroundPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlannerPlaygroundPage)

public:
    static constexpr double kMinDeadlineMs = 0.5;
    static constexpr double kMaxDeadlineMs = 1000.0;
    static constexpr int kSliderSteps = 1000;
    static constexpr int kDebounceMs = 50;

    explicit PlannerPlaygroundPage(JobManager* jobs, QWidget* parent = nullptr);
    ~PlannerPlaygroundPage() override;

    /// Loads the folder's profiles and builds the tables (PlannerTables::load) in a job.
    Job* reload();
    bool isLoading() const { return !m_load.isNull(); }
    /// Why nothing can be planned (missing or malformed files, configuration errors); empty
    /// when the tables are loaded.
    QString message() const;

    const PlannerTables* data() const { return m_data.get(); }
    /// The table of the chosen task, or nullptr before a successful load.
    const ConfigTable* currentTable() const;
    QString currentTask() const;

    double deadlineMs() const;
    void setDeadlineMs(double ms);
    int queueLength() const;
    void setQueueLength(int length);
    /// The slider position for a deadline and back (log scale over [0.5, 1000] ms).
    static int sliderPosition(double deadlineMs);
    static double deadlineAt(int sliderPosition);

    /// What the page shows now (after the debounce); empty before the tables are loaded.
    const std::optional<DecisionExplanation>& explanation() const { return m_explanation; }
    /// The chosen entry's name, the verdict (fits / best effort / load spike) and the reason as
    /// shown.
    QString chosenText() const;
    QString verdictText() const;
    QString reasonText() const;

    ResultsFolderBar* folderBar() const { return m_folder; }
    QSlider* deadlineSlider() const { return m_slider; }
    QDoubleSpinBox* deadlineSpinBox() const { return m_deadline; }
    QSpinBox* queueSpinBox() const { return m_queue; }
    QComboBox* taskBox() const { return m_task; }
    ParetoDecisionPlot* plot() const { return m_plot; }
    QTabWidget* tabs() const { return m_tabs; }
    CascadePanel* cascadePanel() const { return m_cascade; }
    ReplayPanel* replayPanel() const { return m_replay; }

Q_SIGNALS:
    /// A load is done (the tables are there, or message() says why not).
    void profilesLoaded();
    /// The shown decision was recomputed.
    void decisionShown();

protected:
    void showEvent(QShowEvent* event) override;

private:
    QString loadStamp() const;
    void setData(std::shared_ptr<const PlannerTables> data,
                 std::shared_ptr<const ConfigSet> configs = nullptr);
    void showTask();
    void setMessage(const QString& text);
    void scheduleDecision();
    void showDecision();
    void clearDecision();

    JobManager* m_jobs;
    ResultsFolderBar* m_folder = nullptr;
    QPushButton* m_reload = nullptr;
    QLabel* m_message = nullptr;
    QLabel* m_taskLabel = nullptr;
    QComboBox* m_task = nullptr;
    QSlider* m_slider = nullptr;
    QDoubleSpinBox* m_deadline = nullptr;
    QSpinBox* m_queue = nullptr;
    QLabel* m_chosen = nullptr;
    QLabel* m_verdict = nullptr;
    QLabel* m_accuracy = nullptr;
    QLabel* m_tail = nullptr;
    QLabel* m_tailCaption = nullptr;
    QLabel* m_mean = nullptr;
    QLabel* m_batch = nullptr;
    QLabel* m_theta = nullptr;
    QLabel* m_reason = nullptr;
    ParetoDecisionPlot* m_plot = nullptr;
    QTabWidget* m_tabs = nullptr;
    CascadePanel* m_cascade = nullptr;
    ReplayPanel* m_replay = nullptr;
    QTimer m_debounce;
    QPointer<Job> m_load;
    QString m_loadedStamp;
    std::shared_ptr<const PlannerTables> m_data;
    std::shared_ptr<const ConfigSet> m_configs;
    std::optional<DecisionExplanation> m_explanation;
};

}  // namespace aip
