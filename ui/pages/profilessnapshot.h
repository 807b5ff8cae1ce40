#pragma once

#include "results/accuracystats.h"
#include "results/profiles.h"

#include <QString>
#include <QStringList>

#include <vector>

namespace aip {

/// One row of accuracy_profiles.csv, recomputed from predictions.csv by the core's
/// summarizeAccuracy (the same numbers the profiler wrote).
struct AccuracyRow {
    QString task;
    QString model;
    QString precision;
    QString dataset;
    QString split;
    AccuracySummary summary;
};

/// What a results folder holds for the Profiles page. A missing or malformed file is not an
/// exception here but a problem text, so the page can show what did load beside what did not.
struct ProfilesSnapshot {
    QString directory;
    std::vector<LatencyProfile> latency;  ///< latency_profiles.csv + latency_samples.csv
    std::vector<AccuracyRow> accuracy;    ///< accuracy_profiles.csv + predictions.csv
    QString latencyProblem;               ///< empty when the latency files loaded
    QString accuracyProblem;              ///< empty when the accuracy files loaded

    /// One message for the page: empty when both loaded.
    QString message() const;
};

/// Reads the profile files of `directory` (for a job: it parses every raw sample and
/// prediction).
ProfilesSnapshot loadProfilesSnapshot(const QString& directory);

/// The folder's path and each named file's size and time (or its absence), joined: what a page
/// compares to tell whether the files it shows changed.
QString filesStamp(const QString& directory, const QStringList& names);

/// Changes whenever the folder, or one of its profile files, changes (path, size, time), so a
/// page can tell whether what it shows is still current without reading the files.
QString profilesStamp(const QString& directory);

}  // namespace aip
