#pragma once

#include <QPointer>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;
class QTimer;

namespace aip {

class Job;
class JobManager;
class PipelineStageModel;

/// Run pipeline: the whole experiment pipeline as one job into the results folder, with the
/// Quick or Full protocol. The stage list shows each stage's state (as the manifest recorded
/// it, then up to date, running with %, done with its duration, failed with its message), an
/// overall ETA from the stages' recorded durations and the running stage's rate, and Cancel.
/// A later run resumes where the manifest says (the runner skips stages that are up to date).
class PipelinePanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PipelinePanel)

public:
    explicit PipelinePanel(JobManager* jobs, QWidget* parent = nullptr);
    ~PipelinePanel() override;

    /// Starts a run of `stages` (empty: the whole pipeline) into the results folder
    /// (pagesettings); nullptr while one runs. `configDir` empty: the default configuration.
    Job* run(bool quick, const QStringList& stages = {}, const QString& configDir = QString());
    void cancel();
    bool isRunning() const { return !m_run.isNull(); }
    /// Reads the folder's run_manifest.json into the stage list (when no run is going).
    void refresh();

    PipelineStageModel* stageModel() const { return m_model; }
    QComboBox* protocolBox() const { return m_protocol; }
    QPushButton* runButton() const { return m_runButton; }
    QPushButton* cancelButton() const { return m_cancelButton; }
    QLabel* etaLabel() const { return m_eta; }
    QLabel* statusLabel() const { return m_status; }

Q_SIGNALS:
    void runStarted();
    /// The run ended (finished, failed or cancelled): the result files may have changed.
    void runFinished();

private:
    void updateEta();
    void updateButtons();

    JobManager* m_jobs;
    PipelineStageModel* m_model = nullptr;
    QComboBox* m_protocol = nullptr;
    QPushButton* m_runButton = nullptr;
    QPushButton* m_cancelButton = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_eta = nullptr;
    QTableView* m_view = nullptr;
    QTimer* m_etaTimer = nullptr;
    QPointer<Job> m_run;
};

}  // namespace aip
