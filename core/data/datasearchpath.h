#pragma once

#include <QString>
#include <QStringList>

namespace aip {

/// The ordered folders where datasets and pretrained models are looked up: `--data-dir`, then
/// each folder of `AIP_DATA_DIR` (':'-separated, like PATH), then the user's data folder, then
/// Debian's `/usr/share/datasets`. The first folder holding a file wins.
class DataSearchPath final {
public:
    /// Where Debian's dataset packages (dataset-fashion-mnist) install their files.
    static QString systemDatasetDirectory() { return QStringLiteral("/usr/share/datasets"); }
    /// The name of the environment variable holding extra data folders.
    static const char* environmentVariable() { return "AIP_DATA_DIR"; }

    /// The standard order; `explicitDir` is the `--data-dir` option and may be empty.
    static DataSearchPath fromEnvironment(const QString& explicitDir = {});

    /// Exactly these folders, in this order (empty entries dropped, duplicates kept once).
    /// `userDataDirectory` is where downloads go; empty means the platform's application data
    /// folder, as for fromEnvironment().
    explicit DataSearchPath(const QStringList& directories, const QString& userDataDirectory = {});

    /// Every folder in search order, as absolute clean paths, whether or not it exists.
    QStringList directories() const { return m_directories; }

    /// The first existing `<folder>/<relativePath>` (file or folder) as an absolute path, or an
    /// empty string. An absolute `relativePath` is returned as is when it exists.
    QString find(const QString& relativePath) const;

    /// Like find(), but throws aip::Error naming `what` (e.g. "dataset cifar10"), the path
    /// looked for and every folder searched when nothing is found.
    QString require(const QString& relativePath, const QString& what) const;

    /// Where downloads and checkpoints are written; created on first use. Throws aip::Error when
    /// there is none or it cannot be created.
    QString userDataDirectory() const;

    /// The folders in order, each with where it came from and "(missing)" when absent, for error
    /// messages: "/data (--data-dir), /usr/share/datasets (system datasets, missing)".
    QString describe() const;

private:
    DataSearchPath() = default;
    void add(const QString& directory, const QString& origin);

    QStringList m_directories;
    QStringList m_origins;  // parallel to m_directories; empty strings where unknown
    QString m_userDataDirectory;
};

}  // namespace aip
