#pragma once

// The program run on a copy of the golden quick-run case (tests/golden/quick-run: recorded
// profiles, every decision charged 1 µs), so that stages 04–11 are deterministic and one
// uninterrupted run is the reference for runs that were killed or stopped by a fault.

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTest>

#include "common/error.h"
#include "pipeline/runmanifest.h"

#include <map>

namespace aip::testing {

inline const QString kGoldenCase = QStringLiteral(AIP_TEST_SOURCE_DIR "/tests/golden/quick-run");
inline const QStringList kGoldenStages{"baselines", "planner",   "statistical-tests", "pareto",
                                       "ablations", "workloads", "failure-analysis",  "figures"};

inline QByteArray readBytes(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

using FolderContents = std::map<QString, QByteArray>;

/// Every file below `folder` by relative path (hidden ones included), the lock file left out.
inline FolderContents contents(const QString& folder) {
    FolderContents files;
    const QDir root(QDir(folder).absolutePath());
    QDirIterator it(root.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString name = root.relativeFilePath(path);
        if (name != QLatin1String(".run.lock")) {
            files[name] = readBytes(path);
        }
    }
    return files;
}

/// The names whose content differs between `a` and `b`, or that only one of them holds.
inline QStringList differences(const FolderContents& a, const FolderContents& b) {
    QStringList names;
    for (const auto& [name, bytes] : a) {
        const auto other = b.find(name);
        if (other == b.end() || other->second != bytes) {
            names << name;
        }
    }
    for (const auto& [name, bytes] : b) {
        if (a.count(name) == 0) {
            names << name;
        }
    }
    return names;
}

/// Copies the case's configs/ and results/ (its inputs) into `to`.
inline void copyGoldenCase(const QString& to) {
    for (const QString& sub : {QStringLiteral("configs"), QStringLiteral("results")}) {
        QDirIterator it(QDir(kGoldenCase).filePath(sub), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString from = it.next();
            const QString target = QDir(to).filePath(QDir(kGoldenCase).relativeFilePath(from));
            QVERIFY(QDir().mkpath(QFileInfo(target).absolutePath()));
            QVERIFY(QFile::copy(from, target));
        }
    }
}

struct ProgramRun {
    QProcess::ExitStatus status = QProcess::NormalExit;
    int code = -1;
    QString errors;  ///< stderr
};

/// Runs `program` with `arguments`, `env` (NAME=VALUE) added to this process's environment.
inline ProgramRun runProgram(const QString& program, const QStringList& arguments,
                             const QStringList& env = {}) {
    QProcess p;
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    for (const QString& kv : env) {
        e.insert(kv.section(u'=', 0, 0), kv.section(u'=', 1));
    }
    p.setProcessEnvironment(e);
    p.setProcessChannelMode(QProcess::SeparateChannels);
    p.setStandardOutputFile(QProcess::nullDevice());
    p.start(program, arguments);
    p.waitForFinished(-1);
    return {p.exitStatus(), p.exitCode(), QString::fromLocal8Bit(p.readAllStandardError())};
}

/// `anytime-planner --batch --quick` over the case's stages, on the copy in `folder` (as typed).
inline QStringList goldenPipelineArguments(const QString& folder) {
    return {"--batch", "--quick",           "--config-dir", folder + "/configs",
            "--out",   folder + "/results", "--stage",      kGoldenStages.join(u',')};
}

inline ProgramRun runGoldenPipeline(const QString& folder, const QStringList& env = {}) {
    return runProgram(QStringLiteral(AIP_TEST_BINARY), goldenPipelineArguments(folder), env);
}

/// What is wrong with the results folder `folder` after a run that was killed or stopped: a file
/// that is neither an input (`inputs`) nor, complete, what an uninterrupted run wrote
/// (`reference`), or a manifest that does not parse. Empty when nothing is.
inline QStringList incompleteFiles(const QString& folder, const FolderContents& reference,
                                   const FolderContents& inputs) {
    QStringList problems;
    for (const auto& [name, bytes] : contents(folder)) {
        if (name == RunManifest::fileName()) {
            try {
                RunManifest::load(QDir(folder).filePath(name));
            } catch (const Error& e) {
                problems << e.message();
            }
            continue;
        }
        const auto input = inputs.find(name);
        const auto written = reference.find(name);
        if (!(input != inputs.end() && input->second == bytes) &&
            !(written != reference.end() && written->second == bytes)) {
            problems << name + (written == reference.end() && input == inputs.end()
                                    ? QStringLiteral(": not a file the run writes")
                                    : QStringLiteral(": partial"));
        }
    }
    return problems;
}

}  // namespace aip::testing
