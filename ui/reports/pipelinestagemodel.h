#pragma once

#include "pipeline/runmanifest.h"
#include "pipeline/stagerunner.h"

#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace aip {

/// The pipeline's stages and what each is doing: the stage list of the Run pipeline panel.
/// Before a run each stage shows what run_manifest.json recorded of it; during a run the
/// runner's StageStatus events and the job's progress move it through running (with %), up to
/// date, done (with its duration), failed (with the message) or cancelled.
class PipelineStageModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PipelineStageModel)

public:
    enum class State { NotRun, Recorded, Waiting, Running, UpToDate, Done, Failed, Cancelled };
    enum Column { NumberColumn, StageColumn, StateColumn, ColumnCount };
    enum Role { StateRole = Qt::UserRole + 1, ProgressRole };

    struct Stage {
        int number = 0;
        QString name;
        State state = State::NotRun;
        double progress = 0.0;          ///< Running: the fraction done
        double seconds = 0.0;           ///< Done, Recorded: how long it ran
        std::optional<double> typical;  ///< the duration the manifest recorded, for the ETA
        QString message;                ///< Failed: why; UpToDate: nothing; Running: the step
    };

    explicit PipelineStageModel(QObject* parent = nullptr);
    ~PipelineStageModel() override;

    /// Every stage as `manifest` records it (an empty manifest: none has run).
    void setManifest(const RunManifest& manifest);
    /// A run of `stages` (empty: every stage but the optional ones) starts: those wait.
    void startRun(const QStringList& stages);
    void applyStatus(const StageStatus& status);
    void applyProgress(double fraction, const QString& step);
    /// The run ended: the running stage fails with `message`, or is cancelled; stages still
    /// waiting go back to what the manifest said.
    void finishRun(bool failed, bool cancelled, const QString& message);

    const std::vector<Stage>& stages() const { return m_stages; }
    const Stage* stage(const QString& name) const;
    /// Seconds the run still needs: the running stage's rest (from its rate, or its recorded
    /// duration) plus the recorded durations of the stages waiting; nullopt when no estimate.
    /// `unknown` counts the waiting stages without a recorded duration.
    std::optional<double> remainingSeconds(int* unknown = nullptr) const;
    /// "State" column text of a stage.
    static QString describe(const Stage& stage);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    Stage* find(const QString& name);
    void changed(const Stage* stage);

    std::vector<Stage> m_stages;
    QElapsedTimer m_stageClock;
    RunManifest m_manifest;
};

}  // namespace aip
