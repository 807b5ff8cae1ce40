#pragma once

#include "pipeline/stagecontext.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace aip {

/// One step of the experiment pipeline, as the stage registry declares it.
struct StageDefinition {
    int number = 0;  ///< for display ("02/11") and ordering
    QString name;    ///< what `--stage` takes
    QString description;
    /// Files the stage reads: earlier stages' results, relative to the results folder, and
    /// configuration or model files as absolute paths. A folder stands for every file below it.
    QStringList inputs;
    /// The protocol subsection the stage depends on; a change reruns the stage.
    QJsonObject parameters;
    /// False for a stage that draws no random numbers: another run seed does not rerun it.
    bool seeded = true;
    /// Does the work; returns the files it wrote (relative to the results folder or absolute).
    std::function<QStringList(StageContext&)> run;
    /// The files of its output that later stages read (relative to the results folder): a
    /// stage run together with this one does not miss them before this one writes them.
    QStringList provides;
    /// An optional stage runs only when StageRunOptions::only names it; otherwise it is left
    /// out (neither run nor skipped) and not counted in the "NN/MM" labels.
    bool optional = false;
    /// A stage that is cheap and deterministic reruns when another build of the program made
    /// its record (its results follow the code); an expensive one (training, profiling, live
    /// replays) keeps its results, and the run says which build made them.
    bool rerunWhenBuildChanges = false;
};

/// A stage starting, being skipped as up to date, or finishing; reported on the job's thread.
struct StageStatus {
    enum class Event { Started, Skipped, Finished };
    Event event = Event::Started;
    int number = 0;
    int lastNumber = 0;  ///< the highest stage number of the pipeline ("02/11")
    QString name;
    QString reason;        ///< Started: why it runs ("input x.csv changed", "--force", …)
    double seconds = 0.0;  ///< Finished: how long it ran
};
using StageStatusSink = std::function<void(const StageStatus&)>;

struct StageRunOptions {
    QStringList only;    ///< names of the stages to consider, run in pipeline order; empty: all
    bool force = false;  ///< run every considered stage whatever the manifest says
    StageStatusSink onStatus;
};

struct StageRunReport {
    QStringList ran;
    QStringList skipped;
    QStringList filesWritten;  ///< absolute paths, in the order the stages returned them
};

/// "02/11 profile-latency": a stage's number (of the last one) and name.
QString stageLabel(int number, int lastNumber, const QString& name);

/// Runs `stages` in order, resumably. A stage is skipped when the manifest in the results
/// folder (run_manifest.json) records it with the same input digests, parameters and (for a
/// seeded stage) seed, and all its recorded outputs are present with their recorded digests;
/// otherwise it runs, and its record is written and the manifest saved atomically right after.
/// A stage that throws stops the run with aip::Error("stage NN name: problem"), leaving the
/// manifest as it was before that stage. Throws for an unknown name in `options.only` and for a
/// missing input.
StageRunReport runStages(const std::vector<StageDefinition>& stages, StageContext& context,
                         const StageRunOptions& options = {});

}  // namespace aip
