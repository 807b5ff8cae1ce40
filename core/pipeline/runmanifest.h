#pragma once

#include "results/resultfiles.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

#include <cstdint>
#include <vector>

namespace aip {

/// A file a stage read or wrote, with the SHA-256 of its content.
struct RecordedFile {
    QString path;  ///< relative to the results folder when inside it, else absolute
    QString sha256;
    bool operator==(const RecordedFile&) const = default;
};

/// What the manifest remembers of one completed stage: enough to decide, on the next run,
/// whether running it again could change anything.
struct StageRecord {
    QString name;
    int number = 0;
    std::vector<RecordedFile> inputs;
    QJsonObject parameters;
    QString parametersSha256;
    std::uint64_t seed = 0;
    std::vector<RecordedFile> outputs;
    /// The program that ran it (buildIdentity()); empty in a manifest that predates the field.
    QString build;
    QDateTime started;  ///< UTC
    QDateTime finished;
    double durationS = 0.0;
};

/// results/run_manifest.json: the environment and build of the latest run, and one record per
/// completed stage in stage order. Rewritten atomically after each stage, so a run that is
/// killed leaves the records of the stages it completed.
class RunManifest final {
public:
    static QString fileName() { return resultfiles::kRunManifest.name(); }

    /// Reads a manifest; a missing file gives an empty one. Throws aip::Error naming the file
    /// when it is not a run manifest.
    static RunManifest load(const QString& path);
    /// Writes the manifest atomically (a temporary file renamed over the target).
    void save(const QString& path) const;

    QJsonObject toJson() const;
    static RunManifest fromJson(const QJsonObject& json, const QString& sourceName);

    /// The record of a stage, or null.
    const StageRecord* stage(const QString& name) const;
    const std::vector<StageRecord>& stages() const { return m_stages; }
    /// Replaces the record of the same stage, or inserts it in stage-number order.
    void setStage(StageRecord record);

    QString protocol;
    QJsonObject environment;

private:
    std::vector<StageRecord> m_stages;
};

/// `git describe --tags --always --dirty` of the source tree at configure time, else the
/// version.
QString buildDescription();

/// What identifies the running program: buildDescription() and the first 12 hex digits of the
/// SHA-256 of the executable (another build of other code is another executable), computed
/// once per process. Without a QCoreApplication, buildDescription() alone.
QString buildIdentity();

/// SHA-256 of a parameters object in canonical form (compact JSON, keys sorted).
QString parametersDigest(const QJsonObject& parameters);

}  // namespace aip
