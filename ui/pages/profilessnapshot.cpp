#include "profilessnapshot.h"

#include "common/error.h"
#include "results/profilefiles.h"
#include "results/resultfiles.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace aip {

namespace {

/// The files of one profiler that are not there, or an empty list.
QStringList missingFiles(const QDir& dir, const QStringList& names) {
    QStringList missing;
    for (const QString& name : names) {
        if (!QFileInfo::exists(dir.filePath(name))) {
            missing << name;
        }
    }
    return missing;
}

template <class Read>
QString tryRead(const QDir& dir, const QStringList& files, const QString& stage, Read read) {
    const QStringList missing = missingFiles(dir, files);
    if (!missing.isEmpty()) {
        return QCoreApplication::translate("aip::ProfilesSnapshot", "%1 not found — run %2")
            .arg(missing.join(QStringLiteral(", ")), stage);
    }
    try {
        read();
    } catch (const Error& e) {
        return e.message();
    }
    return {};
}

}  // namespace

QString ProfilesSnapshot::message() const {
    QStringList lines;
    for (const QString& problem : {latencyProblem, accuracyProblem}) {
        if (!problem.isEmpty()) {
            lines << problem;
        }
    }
    if (lines.isEmpty()) {
        return {};
    }
    return QCoreApplication::translate("aip::ProfilesSnapshot",
                                       "Some profiles of %1 could not be shown:\n%2")
        .arg(QDir::toNativeSeparators(directory), lines.join(u'\n'));
}

ProfilesSnapshot loadProfilesSnapshot(const QString& directory) {
    ProfilesSnapshot snapshot;
    snapshot.directory = directory;
    const QDir dir(directory);
    if (!dir.exists()) {
        snapshot.latencyProblem = QCoreApplication::translate(
            "aip::ProfilesSnapshot",
            "the folder does not exist yet — run Profile latency and Profile accuracy");
        return snapshot;
    }
    snapshot.latencyProblem =
        tryRead(dir, {resultfiles::kLatencyProfiles.name(), resultfiles::kLatencySamples.name()},
                QCoreApplication::translate("aip::ProfilesSnapshot", "Profile latency"),
                [&] { snapshot.latency = profilefiles::readLatencyProfiles(directory); });
    snapshot.accuracyProblem = tryRead(
        dir, {resultfiles::kAccuracyProfiles.name(), resultfiles::kPredictions.name()},
        QCoreApplication::translate("aip::ProfilesSnapshot", "Profile accuracy"), [&] {
            for (const AccuracyProfile& p : profilefiles::readAccuracyProfiles(directory)) {
                snapshot.accuracy.push_back(AccuracyRow{p.task, p.model, p.precision, p.dataset,
                                                        p.split, summarizeAccuracy(p)});
            }
        });
    if (!snapshot.latencyProblem.isEmpty()) {
        snapshot.latency.clear();
    }
    if (!snapshot.accuracyProblem.isEmpty()) {
        snapshot.accuracy.clear();
    }
    return snapshot;
}

QString filesStamp(const QString& directory, const QStringList& names) {
    const QDir dir(directory);
    QStringList parts{dir.absolutePath()};
    for (const QString& name : names) {
        const QFileInfo info(dir.filePath(name));
        parts << (info.exists() ? QStringLiteral("%1:%2:%3")
                                      .arg(name)
                                      .arg(info.size())
                                      .arg(info.lastModified().toMSecsSinceEpoch())
                                : name + QStringLiteral(":-"));
    }
    return parts.join(u'|');
}

QString profilesStamp(const QString& directory) {
    using namespace resultfiles;
    return filesStamp(directory,
                      names({kLatencyProfiles, kLatencySamples, kAccuracyProfiles, kPredictions}));
}

}  // namespace aip
