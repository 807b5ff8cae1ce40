// The experiment pipeline and the commands that run one of its stages alone.

#include "cli/commands.h"

#include "jobs/jobmanager.h"
#include "jobs/queuedcall.h"
#include "pipeline/pipeline.h"
#include "pipeline/runmanifest.h"
#include "pipeline/stagerunner.h"
#include "results/resultfiles.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTimer>

#include <optional>

namespace aip::cli {

namespace {

/// Pipeline progress on stderr: "[pipeline 02/11 profile-latency 45% 1m05s, ETA 1m20s] step"
/// for each new percent of the running stage, and the same line again whenever nothing was
/// printed for kQuietLimitMs, so a long step never leaves the terminal silent. The ETA follows
/// the rate of the current unit of work (a stage that trains several models reports each one
/// from 0 to 100%). Main thread only.
class PipelineProgress final {
public:
    static constexpr int kQuietLimitMs = 20000;

    PipelineProgress() {
        m_sinceOutput.start();
        m_stageClock.start();
        m_unitClock.start();
    }

    void stageStatus(const StageStatus& status) {
        if (status.event == StageStatus::Event::Started) {
            m_stage = stageLabel(status.number, status.lastNumber, status.name);
            m_stageClock.restart();
            m_fraction = 0.0;
            m_unitStart = -1.0;
            m_step.clear();
            m_lastPercent = -1;
        } else if (status.event == StageStatus::Event::Finished) {
            m_stage.clear();
        }
    }

    void progress(double fraction, const QString& step) {
        // The runner's own "stage starts" report repeats the line logged with the reason.
        if (m_stage.isEmpty() || step.isEmpty() || step == m_stage) {
            return;
        }
        if (m_unitStart < 0.0 || fraction < m_fraction) {
            m_unitStart = fraction;  // a new unit of work starts here
            m_unitClock.restart();
        }
        m_fraction = fraction;
        m_step = step;
        const int percent = static_cast<int>(fraction * 100.0);
        if (percent != m_lastPercent) {
            m_lastPercent = percent;
            print();
        }
    }

    /// Called on a timer: repeats the status line once the output has been quiet too long.
    void heartbeat() {
        if (!m_stage.isEmpty() && m_sinceOutput.elapsed() >= kQuietLimitMs) {
            print();
        }
    }

    void outputSeen() { m_sinceOutput.restart(); }

private:
    void print() {
        const double elapsed = m_stageClock.elapsed() / 1000.0;
        const double unitElapsed = m_unitClock.elapsed() / 1000.0;
        const double done = m_fraction - m_unitStart;
        QString eta = QStringLiteral("ETA unknown");
        if (m_unitStart >= 0.0 && done >= 0.005 && unitElapsed >= 1.0) {
            eta = QStringLiteral("ETA %1").arg(
                formatDuration(unitElapsed * (1.0 - m_fraction) / done));
        }
        err() << QStringLiteral("[pipeline %1 %2% %3, %4] %5")
                     .arg(m_stage)
                     .arg(static_cast<int>(m_fraction * 100.0), 3)
                     .arg(formatDuration(elapsed), eta,
                          m_step.isEmpty() ? QStringLiteral("working") : m_step)
              << Qt::endl;
        outputSeen();
    }

    QString m_stage;  ///< "02/11 profile-latency" while a stage runs, else empty
    QElapsedTimer m_stageClock;
    QElapsedTimer m_unitClock;
    QElapsedTimer m_sinceOutput;
    double m_fraction = 0.0;
    double m_unitStart = -1.0;  ///< the fraction the current unit of work started from
    QString m_step;
    int m_lastPercent = -1;
};

/// --stage NAME[,NAME]: every name must be a stage (a usage error otherwise).
std::optional<QStringList> stageListOption(const Options& p) {
    if (!p.isSet(QStringLiteral("stage"))) {
        return QStringList();
    }
    const QStringList known = pipelineStageNames();
    QStringList names;
    for (const QString& name : splitStageList(p.value(QStringLiteral("stage")))) {
        if (!known.contains(name)) {
            err() << kProgram << " pipeline: unknown stage '" << name
                  << "' (stages: " << known.join(QStringLiteral(", ")) << ")" << Qt::endl;
            return std::nullopt;
        }
        names.append(name);
    }
    return names;
}

/// The pipeline, or one of its stages when `onlyStage` is given (a command of its own).
int runPipelineStages(const Options& p, const BatchHooks& hooks, const QString& onlyStage) {
    PipelineParams params;
    params.configDir = configDir(p);
    params.outDir = resultsDir(p);
    params.quick = p.isSet(QStringLiteral("quick"));
    params.dataDir = p.value(QStringLiteral("data-dir"));
    params.force = p.isSet(QStringLiteral("force"));
    params.renderFigures = hooks.renderFigures;
    if (!onlyStage.isEmpty()) {
        params.stages = QStringList{onlyStage};
    } else if (const std::optional<QStringList> stages = stageListOption(p)) {
        params.stages = *stages;
    } else {
        return 2;
    }
    if (p.isSet(QStringLiteral("seed"))) {
        params.seed = seedValue(p);
    }
    // Stage events come from the job's thread; `receiver` hands them to this thread in order
    // with the job's own progress signals. Declared before the manager, so it outlives the job.
    QObject receiver;
    PipelineProgress progress;
    params.onStageStatus = [&receiver, &progress](const StageStatus& status) {
        postToApplicationThread(&receiver, [&progress, status] { progress.stageStatus(status); });
    };
    JobManager manager;
    auto* job = manager.submit<PipelineParams, PipelineResult>(QStringLiteral("pipeline"), params,
                                                               &runPipeline);
    QObject::connect(
        job, &Job::progressChanged, &receiver,
        [&progress](double fraction, const QString& step) { progress.progress(fraction, step); });
    QObject::connect(job, &Job::logged, &receiver, [&progress] { progress.outputSeen(); });
    QTimer heartbeat;
    QObject::connect(&heartbeat, &QTimer::timeout, &receiver,
                     [&progress] { progress.heartbeat(); });
    heartbeat.start(2000);
    const int code = runJobToEnd(job, false);
    if (code == 0) {
        const PipelineResult& r = job->result();
        for (const QString& file : r.filesWritten) {
            out() << file << Qt::endl;
        }
        err() << QStringLiteral("[pipeline] %1 stages run, %2 up to date; manifest %3")
                     .arg(r.stagesRun.size())
                     .arg(r.stagesSkipped.size())
                     .arg(QDir(params.outDir).absoluteFilePath(RunManifest::fileName()))
              << Qt::endl;
    }
    return code;
}

}  // namespace

QStringList splitStageList(const QString& list) {
    QStringList names;
    for (const QString& part : list.split(u',', Qt::SkipEmptyParts)) {
        names.append(part.trimmed());
    }
    return names;
}

int runPipelineCommand(const Options& p, const BatchHooks& hooks) {
    return runPipelineStages(p, hooks, QString());
}

OptionSpec seedOption() {
    return {QStringLiteral("seed"), QStringLiteral("S"),
            QStringLiteral("run seed (default: the protocol's seeds.base)")};
}
OptionSpec forceOption() {
    return {QStringLiteral("force"), QString(),
            QStringLiteral("rerun stages even where run_manifest.json says they are up to date")};
}

Command stageCommand(const QString& stage) {
    return {stage,
            QStringLiteral("%1; writes %2")
                .arg(pipelineStageDescription(stage),
                     resultfiles::writtenBy(stage).join(QStringLiteral(", "))),
            {quickOption(), configDirOption(), outOption(), dataDirOption(), seedOption(),
             forceOption()},
            {},
            [stage](const Options& p, const BatchHooks& hooks) {
                return runPipelineStages(p, hooks, stage);
            }};
}

}  // namespace aip::cli
