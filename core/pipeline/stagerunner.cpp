#include "pipeline/stagerunner.h"

#include "common/error.h"
#include "common/faultpoint.h"
#include "engine/runtimeinfo.h"
#include "pipeline/filedigest.h"
#include "pipeline/runmanifest.h"
#include "results/resultfiles.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QLockFile>

#include <algorithm>

namespace aip {

namespace {

/// Content digests within one run, so a file that is one stage's output and the next stage's
/// input is read once. Cleared whenever a stage has run (it may have rewritten anything).
class DigestCache {
public:
    QString digest(const QString& absolutePath) {
        auto found = m_digests.find(absolutePath);
        if (found == m_digests.end()) {
            found = m_digests.insert(absolutePath, sha256OfPath(absolutePath));
        }
        return *found;
    }
    void clear() { m_digests.clear(); }

private:
    QHash<QString, QString> m_digests;
};

/// The environment a manifest names: CPU model, logical cores, LibTorch version, BLAS, the
/// quantized engine, and the build (`git describe` taken when the build was configured, or the
/// version outside a git checkout). Loads LibTorch's context; loads no model.
QJsonObject manifestEnvironment() {
    selectQuantizedEngine();
    const RuntimeInfo info = queryRuntime();
    return {{QStringLiteral("cpu_model"), info.cpuModel},
            {QStringLiteral("logical_cores"), info.logicalCores},
            {QStringLiteral("torch_version"), info.torchVersion},
            {QStringLiteral("blas"), info.blasLibrary},
            {QStringLiteral("quantized_engine"), info.quantizedEngine},
            {QStringLiteral("build"), buildDescription()}};
}

/// The path as the manifest records it: relative inside the results folder, else absolute.
QString recordedPath(const QDir& results, const QString& path) {
    const QString absolute = QDir::cleanPath(results.absoluteFilePath(path));
    const QString relative = results.relativeFilePath(absolute);
    return relative.startsWith(QStringLiteral("../")) || QDir::isAbsolutePath(relative) ? absolute
                                                                                        : relative;
}

QString absolutePath(const QDir& results, const QString& recorded) {
    return QDir::cleanPath(results.absoluteFilePath(recorded));
}

/// The stage whose recorded outputs include `path`, for a helpful "missing input" message.
QString producerOf(const RunManifest& manifest, const QString& path) {
    for (const StageRecord& s : manifest.stages()) {
        for (const RecordedFile& f : s.outputs) {
            if (f.path == path) {
                return s.name;
            }
        }
    }
    return {};
}

std::vector<RecordedFile> digestInputs(const StageDefinition& stage, const QString& label,
                                       const QDir& results, const RunManifest& manifest,
                                       DigestCache& cache) {
    std::vector<RecordedFile> inputs;
    for (const QString& input : stage.inputs) {
        const QString path = recordedPath(results, input);
        const QString absolute = absolutePath(results, path);
        if (!QFileInfo::exists(absolute)) {
            const QString producer = producerOf(manifest, path);
            throw Error(
                QStringLiteral("stage %1: input %2 is missing (%3)")
                    .arg(label, absolute,
                         producer.isEmpty()
                             ? QStringLiteral("run the stages before it first")
                             : QStringLiteral("stage '%1' writes it: run it first").arg(producer)));
        }
        inputs.push_back({path, cache.digest(absolute)});
    }
    return inputs;
}

/// Why a stage has to run, or an empty string when its record still holds.
QString reasonToRun(const StageDefinition& stage, const StageRecord* record,
                    const std::vector<RecordedFile>& inputs, const QString& parametersSha256,
                    std::uint64_t seed, const QString& build, const QDir& results,
                    DigestCache& cache) {
    if (record == nullptr) {
        return QStringLiteral("no record of an earlier run");
    }
    for (const RecordedFile& input : inputs) {
        const auto old = std::find_if(record->inputs.begin(), record->inputs.end(),
                                      [&](const RecordedFile& f) { return f.path == input.path; });
        if (old == record->inputs.end()) {
            return QStringLiteral("new input %1").arg(input.path);
        }
        if (old->sha256 != input.sha256) {
            return QStringLiteral("input %1 changed").arg(input.path);
        }
    }
    if (record->inputs.size() != inputs.size()) {
        return QStringLiteral("its list of inputs changed");
    }
    if (record->parametersSha256 != parametersSha256) {
        return QStringLiteral("its parameters changed");
    }
    if (stage.seeded && record->seed != seed) {
        return QStringLiteral("the seed changed (%1 → %2)").arg(record->seed).arg(seed);
    }
    for (const RecordedFile& output : record->outputs) {
        const QString absolute = absolutePath(results, output.path);
        if (!QFileInfo::exists(absolute)) {
            return QStringLiteral("output %1 is missing").arg(output.path);
        }
        if (cache.digest(absolute) != output.sha256) {
            return QStringLiteral("output %1 changed").arg(output.path);
        }
    }
    if (stage.rerunWhenBuildChanges && record->build != build) {
        return QStringLiteral("the program changed (made by %1, this is %2)")
            .arg(record->build.isEmpty() ? QStringLiteral("an unrecorded build") : record->build,
                 build);
    }
    return {};
}

std::vector<RecordedFile> digestOutputs(const QStringList& written, const QString& label,
                                        const QDir& results, DigestCache& cache) {
    std::vector<RecordedFile> outputs;
    for (const QString& file : written) {
        const QString path = recordedPath(results, file);
        if (std::any_of(outputs.begin(), outputs.end(),
                        [&](const RecordedFile& f) { return f.path == path; })) {
            continue;
        }
        const QString absolute = absolutePath(results, path);
        if (!QFileInfo::exists(absolute)) {
            throw Error(QStringLiteral("stage %1: reports writing %2, which does not exist")
                            .arg(label, absolute));
        }
        outputs.push_back({path, cache.digest(absolute)});
    }
    return outputs;
}

void report(const StageRunOptions& options, const StageStatus& status) {
    if (options.onStatus) {
        options.onStatus(status);
    }
}

}  // namespace

QString stageLabel(int number, int lastNumber, const QString& name) {
    return QStringLiteral("%1/%2 %3")
        .arg(number, 2, 10, QLatin1Char('0'))
        .arg(lastNumber, 2, 10, QLatin1Char('0'))
        .arg(name);
}

namespace {

/// One writer per results folder: a lock file in it, held while stages run. A second run into
/// the same folder (another pipeline, or a run from the workbench) is refused with the holder's
/// process id, name and host; a lock left by a process that no longer runs is taken over.
class ResultsFolderLock final {
public:
    explicit ResultsFolderLock(const QDir& results)
        : m_lock(resultfiles::kRunLock.in(results.absolutePath())) {
        m_lock.setStaleLockTime(0);  // held as long as the process lives, however long
        if (m_lock.tryLock(0)) {
            return;
        }
        const QString path = QDir::toNativeSeparators(resultfiles::kRunLock.in(results));
        qint64 pid = 0;
        QString host;
        QString application;
        if (m_lock.error() == QLockFile::LockFailedError &&
            m_lock.getLockInfo(&pid, &host, &application)) {
            throw Error(QStringLiteral("%1: another run is writing this results folder (process "
                                       "%2%3 on %4); wait for it to finish or stop it")
                            .arg(path)
                            .arg(pid)
                            .arg(application.isEmpty() ? QString() : u' ' + application,
                                 host.isEmpty() ? QStringLiteral("this machine") : host));
        }
        throw Error(QStringLiteral("%1: cannot lock the results folder (%2)")
                        .arg(path, m_lock.error() == QLockFile::PermissionError
                                       ? QStringLiteral("no permission to write there")
                                       : QStringLiteral("the lock file cannot be read")));
    }
    ResultsFolderLock(const ResultsFolderLock&) = delete;
    ResultsFolderLock& operator=(const ResultsFolderLock&) = delete;

private:
    QLockFile m_lock;
};

/// The number of the last stage this run may reach (an optional stage counts when asked for);
/// throws for a name in `only` that is no stage.
int lastStageNumber(const std::vector<StageDefinition>& stages, const QStringList& only) {
    QStringList names;
    int lastNumber = 0;
    for (const StageDefinition& s : stages) {
        names.append(s.name);
        if (!s.optional || only.contains(s.name)) {
            lastNumber = std::max(lastNumber, s.number);
        }
    }
    for (const QString& name : only) {
        if (!names.contains(name)) {
            throw Error(QStringLiteral("unknown stage '%1' (stages: %2)")
                            .arg(name, names.join(QStringLiteral(", "))));
        }
    }
    return lastNumber;
}

/// The results folder's manifest. One whose content cannot be parsed (a crash of another
/// writer, an edit by hand) is rebuilt, saying so: every stage then runs again, since no record
/// vouches for its outputs. A manifest that cannot be opened (permissions) stops the run.
RunManifest loadManifest(const QString& path, JobContext& job) {
    if (QFileInfo::exists(path) && !QFileInfo(path).isReadable()) {
        throw Error(QStringLiteral("%1: cannot read (permission denied)").arg(path));
    }
    try {
        return RunManifest::load(path);
    } catch (const Error& e) {
        job.log(
            QStringLiteral("%1; rebuilding the manifest: every stage runs again").arg(e.message()));
    }
    return {};
}

/// The stages asked for, with the earlier ones a stage needs: a stage asked for alone whose
/// inputs are missing brings the stages before it along (they write those inputs, or are
/// skipped quickly when their records still hold). An input that an earlier stage of the same
/// run provides is not missing. Empty: every stage.
QStringList withMissingInputsProvided(const std::vector<StageDefinition>& stages, QStringList only,
                                      const QDir& results, JobContext& job) {
    QStringList provided;
    for (std::size_t i = 0; i < stages.size() && !only.isEmpty(); ++i) {
        if (!only.contains(stages[i].name)) {
            continue;
        }
        for (const QString& input : stages[i].inputs) {
            if (provided.contains(input) ||
                QFileInfo::exists(absolutePath(results, recordedPath(results, input)))) {
                continue;
            }
            job.log(QStringLiteral("%1 needs %2, which is missing: running the stages before it "
                                   "too")
                        .arg(stages[i].name, input));
            for (std::size_t j = 0; j < i; ++j) {
                if (!stages[j].optional && !only.contains(stages[j].name)) {
                    only.append(stages[j].name);
                    provided += stages[j].provides;
                }
            }
            break;
        }
        provided += stages[i].provides;
    }
    return only;
}

/// Runs one stage and records it: its inputs, parameters, seed, outputs (digested) and times.
/// A failure is rethrown naming the stage.
StageRecord runStage(const StageDefinition& stage, const QString& label,
                     std::vector<RecordedFile> inputs, const QString& parametersSha256,
                     StageContext& context, DigestCache& cache) {
    StageRecord record;
    record.build = buildIdentity();
    record.name = stage.name;
    record.number = stage.number;
    record.inputs = std::move(inputs);
    record.parameters = stage.parameters;
    record.parametersSha256 = parametersSha256;
    record.seed = context.seed;
    record.started = QDateTime::currentDateTimeUtc();
    QElapsedTimer clock;
    clock.start();
    QStringList written;
    try {
        if (!stage.run) {
            throw Error(QStringLiteral("it has no run function"));
        }
        written = stage.run(context);
    } catch (const CancelledError&) {
        throw;
    } catch (const std::exception& e) {
        throw Error(QStringLiteral("stage %1: %2").arg(label, QString::fromUtf8(e.what())));
    }
    cache.clear();
    record.outputs = digestOutputs(written, label, context.results, cache);
    record.finished = QDateTime::currentDateTimeUtc();
    record.durationS = clock.elapsed() / 1000.0;
    return record;
}

}  // namespace

StageRunReport runStages(const std::vector<StageDefinition>& stages, StageContext& context,
                         const StageRunOptions& options) {
    const int lastNumber = lastStageNumber(stages, options.only);
    const QDir& results = context.results;
    if (const QFileInfo info(results.absolutePath()); info.exists() && !info.isDir()) {
        throw Error(QStringLiteral("%1: is a file, not a folder (the results folder must be a "
                                   "folder; choose another with --out)")
                        .arg(results.absolutePath()));
    }
    if (!QDir().mkpath(results.absolutePath())) {
        throw Error(
            QStringLiteral("%1: cannot create the results folder").arg(results.absolutePath()));
    }
    const ResultsFolderLock lock(results);
    const QString build = buildIdentity();
    const QString manifestPath = results.absoluteFilePath(RunManifest::fileName());
    RunManifest manifest = loadManifest(manifestPath, context.job);
    manifest.protocol = context.configs.protocol.name;
    bool environmentKnown = false;
    DigestCache cache;
    StageRunReport result;
    const QStringList only = withMissingInputsProvided(stages, options.only, results, context.job);

    for (const StageDefinition& stage : stages) {
        if ((!only.isEmpty() || stage.optional) && !only.contains(stage.name)) {
            continue;
        }
        context.job.throwIfCancelled();
        const QString label = stageLabel(stage.number, lastNumber, stage.name);
        std::vector<RecordedFile> inputs = digestInputs(stage, label, results, manifest, cache);
        const QString parametersSha256 = parametersDigest(stage.parameters);
        const StageRecord* recorded = manifest.stage(stage.name);
        const QString reason = options.force
                                   ? QStringLiteral("--force")
                                   : reasonToRun(stage, recorded, inputs, parametersSha256,
                                                 context.seed, build, results, cache);
        StageStatus status{
            StageStatus::Event::Skipped, stage.number, lastNumber, stage.name, reason, 0.0};
        if (reason.isEmpty()) {
            context.job.log(QStringLiteral("%1: up to date, skipped").arg(label));
            if (recorded->build != build) {
                context.job.log(
                    QStringLiteral("%1: its results were made by %2, not by this build (%3); "
                                   "--force reruns it")
                        .arg(label,
                             recorded->build.isEmpty() ? QStringLiteral("an unrecorded build")
                                                       : recorded->build,
                             build));
            }
            report(options, status);
            result.skipped.append(stage.name);
            continue;
        }

        status.event = StageStatus::Event::Started;
        context.job.log(QStringLiteral("%1: running (%2)").arg(label, reason));
        report(options, status);
        faultPoint("stage", stage.name);
        context.job.setProgress(0.0, label);
        const StageRecord record =
            runStage(stage, label, std::move(inputs), parametersSha256, context, cache);
        if (!environmentKnown) {
            manifest.environment = manifestEnvironment();
            environmentKnown = true;
        }
        manifest.setStage(record);
        manifest.save(manifestPath);

        for (const RecordedFile& f : record.outputs) {
            result.filesWritten.append(absolutePath(results, f.path));
        }
        result.ran.append(stage.name);
        context.job.log(QStringLiteral("%1: done in %2 s, %3 files")
                            .arg(label)
                            .arg(record.durationS, 0, 'f', 1)
                            .arg(record.outputs.size()));
        status.event = StageStatus::Event::Finished;
        status.seconds = record.durationS;
        report(options, status);
    }
    return result;
}

}  // namespace aip
