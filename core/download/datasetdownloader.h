#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace aip {

class JobContext;

/// The digest an archive is checked against: SHA-256 where the source publishes one, MD5 where
/// that is all the official page gives (CIFAR-10).
enum class DigestAlgorithm { Sha256, Md5 };

/// The container of a downloaded archive. Detect decides from the URL's file name
/// (".tar.gz"/".tgz" or ".zip").
enum class ArchiveType { Detect, TarGz, Zip };

/// One file of an extracted dataset and its SHA-256 (lower-case hex). An empty digest means the
/// file must exist but no published digest is known for it; its actual digest is still reported.
struct FileDigest {
    QString relativePath;  ///< relative to the dataset folder, '/'-separated
    QByteArray sha256;
    friend bool operator==(const FileDigest&, const FileDigest&) = default;
};

/// Where an official dataset archive lives and what it must contain once extracted.
struct DownloadSource {
    QString dataset;  ///< registry key: "cifar10", "sst2"
    QUrl url;
    DigestAlgorithm archiveDigestAlgorithm = DigestAlgorithm::Sha256;
    QByteArray archiveDigest;  ///< hex; empty where the source publishes none
    ArchiveType archiveType = ArchiveType::Detect;
    QString archiveFolder;    ///< the top-level folder the archive extracts to
    QString installedFolder;  ///< the folder name the loaders look for
    QList<FileDigest> files;  ///< relative to the dataset folder
    QString note;             ///< what is and is not verified, for the user
};

/// Parameters of the download job (downloadDataset).
struct DownloadParams {
    QUrl url;  ///< http or https; redirects are followed
    DigestAlgorithm digestAlgorithm = DigestAlgorithm::Sha256;
    /// Hex digest of the archive, checked before anything is extracted. May be empty only when
    /// expectedFiles carries at least one digest, so something is always verified.
    QByteArray expectedDigest;
    ArchiveType archiveType = ArchiveType::Detect;
    QString destinationDir;           ///< e.g. a folder on the data search path; created if missing
    QString archiveFolder;            ///< the single folder name the archive must produce
    QString installedFolder;          ///< name under destinationDir; empty: same as archiveFolder
    QList<FileDigest> expectedFiles;  ///< checked inside archiveFolder after extraction
    int inactivityTimeoutMs = 30000;  ///< fail when no data arrives for this long

    /// The parameters that fetch `source` into `destinationDir`.
    static DownloadParams fromSource(const DownloadSource& source, const QString& destinationDir);
};

/// What a finished download job produced.
struct DownloadResult {
    QString folder;               ///< absolute path of the installed dataset folder
    qint64 bytesDownloaded = 0;   ///< 0 when the dataset was already present
    bool alreadyPresent = false;  ///< the folder existed and verified; nothing was fetched
    DigestAlgorithm digestAlgorithm = DigestAlgorithm::Sha256;
    QByteArray archiveDigest;         ///< actual digest of the archive (empty if not fetched)
    QList<FileDigest> verifiedFiles;  ///< actual SHA-256 of each expected file
};

/// The download job's work function, run on a JobManager pool thread: streams the archive to a
/// temporary file in the destination, checks its digest, extracts it into a staging folder,
/// checks the expected files and renames the folder into place. On failure or cancellation
/// nothing it created remains, so only a complete, verified dataset ever appears at the final
/// path. A folder already at the final path is checked against expectedFiles and returned
/// without a download; one that does not match is an error and is never replaced.
/// Throws aip::Error (message names the URL or file and the problem) or CancelledError.
DownloadResult downloadDataset(const DownloadParams& params, JobContext& context);

/// The official source of a dataset ("cifar10", "sst2"), or nullopt for an unknown name.
/// Fashion-MNIST is not listed: it comes from Debian's dataset-fashion-mnist package.
std::optional<DownloadSource> officialSource(const QString& dataset);

/// The names officialSource() knows.
QStringList officialSourceNames();

QString digestAlgorithmName(DigestAlgorithm algorithm);

}  // namespace aip
