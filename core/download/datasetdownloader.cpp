#include "download/datasetdownloader.h"

#include "common/error.h"
#include "jobs/job.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTimer>

#include <archive.h>
#include <archive_entry.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <system_error>

namespace aip {

namespace {

// Share of the progress bar each phase takes; downloading dominates the wall time.
constexpr double kDownloadShare = 0.85;
constexpr double kExtractShare = 0.12;

constexpr qint64 kChunkBytes = qint64{256} * 1024;
constexpr int kCancelPollMs = 50;

QString mib(qint64 bytes) {
    return QString::number(static_cast<double>(bytes) / (1024.0 * 1024.0), 'f', 1);
}

QCryptographicHash::Algorithm qtAlgorithm(DigestAlgorithm algorithm) {
    return algorithm == DigestAlgorithm::Md5 ? QCryptographicHash::Md5 : QCryptographicHash::Sha256;
}

int hexDigits(DigestAlgorithm algorithm) {
    return algorithm == DigestAlgorithm::Md5 ? 32 : 64;
}

bool isHex(const QByteArray& text) {
    for (const char c : text) {
        const bool digit = c >= '0' && c <= '9';
        const bool letter = c >= 'a' && c <= 'f';
        if (!digit && !letter) {
            return false;
        }
    }
    return true;
}

QByteArray normalizedDigest(const QByteArray& digest) {
    return digest.trimmed().toLower();
}

void checkDigestText(const QByteArray& digest, DigestAlgorithm algorithm, const QString& what) {
    if (digest.size() != hexDigits(algorithm) || !isHex(digest)) {
        throw Error(QStringLiteral("%1: '%2' is not a %3 digest (%4 hex digits expected)")
                        .arg(what, QString::fromLatin1(digest), digestAlgorithmName(algorithm))
                        .arg(hexDigits(algorithm)));
    }
}

/// The '/'-joined components of an archive or file path, or nullopt when the path could reach
/// outside the folder it is extracted into (absolute, a drive letter, or any ".." component).
/// "." and empty components are dropped, so "./" yields an empty path.
std::optional<QString> safeRelativePath(const QString& path) {
    if (path.startsWith(QLatin1Char('/')) || path.startsWith(QLatin1Char('\\'))) {
        return std::nullopt;
    }
    // Archives written on Windows may use backslashes and drive letters.
    const QStringList parts = QString(path)
                                  .replace(QLatin1Char('\\'), QLatin1Char('/'))
                                  .split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QStringList kept;
    for (const QString& part : parts) {
        if (part == QLatin1String("..")) {
            return std::nullopt;
        }
        if (kept.isEmpty() && part.size() == 2 && part.at(1) == QLatin1Char(':')) {
            return std::nullopt;
        }
        if (part != QLatin1String(".")) {
            kept.append(part);
        }
    }
    return kept.join(QLatin1Char('/'));
}

bool isSingleFolderName(const QString& name) {
    return !name.isEmpty() && name != QLatin1String(".") && name != QLatin1String("..") &&
           !name.contains(QLatin1Char('/')) && !name.contains(QLatin1Char('\\'));
}

ArchiveType detectArchiveType(const QUrl& url) {
    const QString name = url.fileName().toLower();
    if (name.endsWith(QLatin1String(".tar.gz")) || name.endsWith(QLatin1String(".tgz"))) {
        return ArchiveType::TarGz;
    }
    if (name.endsWith(QLatin1String(".zip"))) {
        return ArchiveType::Zip;
    }
    throw Error(QStringLiteral("%1: cannot tell the archive type from the name '%2'; "
                               "set the archive type to tar.gz or zip")
                    .arg(url.toDisplayString(), url.fileName()));
}

/// The parameters after checking, with defaults filled in.
struct Plan {
    QString url;  // for messages
    QByteArray expectedDigest;
    ArchiveType archiveType = ArchiveType::TarGz;
    QString destination;
    QString finalPath;
    QList<FileDigest> files;
};

Plan makePlan(const DownloadParams& params) {
    Plan plan;
    plan.url = params.url.toDisplayString();
    const QString scheme = params.url.scheme().toLower();
    if (!params.url.isValid() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        throw Error(QStringLiteral("'%1' is not an http or https URL").arg(plan.url));
    }
    if (params.destinationDir.isEmpty()) {
        throw Error(QStringLiteral("%1: no destination folder given").arg(plan.url));
    }
    if (!isSingleFolderName(params.archiveFolder)) {
        throw Error(QStringLiteral("%1: the archive folder '%2' must be a single folder name")
                        .arg(plan.url, params.archiveFolder));
    }
    const QString installed =
        params.installedFolder.isEmpty() ? params.archiveFolder : params.installedFolder;
    if (!isSingleFolderName(installed)) {
        throw Error(QStringLiteral("%1: the installed folder '%2' must be a single folder name")
                        .arg(plan.url, installed));
    }
    if (params.inactivityTimeoutMs <= 0) {
        throw Error(QStringLiteral("%1: the timeout must be positive, not %2 ms")
                        .arg(plan.url)
                        .arg(params.inactivityTimeoutMs));
    }
    plan.expectedDigest = normalizedDigest(params.expectedDigest);
    if (!plan.expectedDigest.isEmpty()) {
        checkDigestText(plan.expectedDigest, params.digestAlgorithm,
                        plan.url + QStringLiteral(" expected digest"));
    }
    bool anyFileDigest = false;
    for (const FileDigest& file : params.expectedFiles) {
        const std::optional<QString> relative = safeRelativePath(file.relativePath);
        if (!relative || relative->isEmpty()) {
            throw Error(QStringLiteral("%1: expected file '%2' must be a path inside '%3'")
                            .arg(plan.url, file.relativePath, params.archiveFolder));
        }
        const QByteArray digest = normalizedDigest(file.sha256);
        if (!digest.isEmpty()) {
            checkDigestText(digest, DigestAlgorithm::Sha256, *relative);
            anyFileDigest = true;
        }
        plan.files.append({*relative, digest});
    }
    // Something must tie the download to known content, or a hijacked host could plant anything.
    if (plan.expectedDigest.isEmpty() && !anyFileDigest) {
        throw Error(QStringLiteral("%1: neither an archive digest nor any file digest is given, "
                                   "so the download could not be verified")
                        .arg(plan.url));
    }
    plan.archiveType = params.archiveType == ArchiveType::Detect ? detectArchiveType(params.url)
                                                                 : params.archiveType;
    plan.destination = QDir(params.destinationDir).absolutePath();
    plan.finalPath = plan.destination + QLatin1Char('/') + installed;
    return plan;
}

QByteArray fileSha256(const QString& path, JobContext& context) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        throw Error(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    while (!file.atEnd()) {
        context.throwIfCancelled();
        const QByteArray chunk = file.read(4 * kChunkBytes);
        if (chunk.isEmpty() && file.error() != QFileDevice::NoError) {
            throw Error(QStringLiteral("%1: read failed: %2").arg(path, file.errorString()));
        }
        hash.addData(chunk);
    }
    return hash.result().toHex();
}

/// Checks each expected file under `folder`; returns their actual digests. Messages name the
/// file as `shownFolder`/<file> and append `origin` (where the folder came from) if given: a
/// staging folder is gone by the time the user reads the message.
QList<FileDigest> verifyFiles(const QString& folder, const QString& shownFolder,
                              const QString& origin, const QList<FileDigest>& files,
                              JobContext& context, double progressFrom) {
    const QString from = origin.isEmpty() ? QString() : QStringLiteral(" (from %1)").arg(origin);
    QList<FileDigest> verified;
    for (qsizetype i = 0; i < files.size(); ++i) {
        const FileDigest& expected = files.at(i);
        const QString path = folder + QLatin1Char('/') + expected.relativePath;
        const QString shown = shownFolder + QLatin1Char('/') + expected.relativePath;
        context.setProgress(progressFrom + (1.0 - progressFrom) * static_cast<double>(i) /
                                               static_cast<double>(files.size()),
                            QStringLiteral("verifying %1").arg(expected.relativePath));
        if (!QFileInfo(path).isFile()) {
            throw Error(QStringLiteral("%1: missing%2").arg(shown, from));
        }
        const QByteArray actual = fileSha256(path, context);
        if (!expected.sha256.isEmpty() && actual != expected.sha256) {
            throw Error(QStringLiteral("%1: sha256 mismatch: expected %2, got %3%4")
                            .arg(shown, QString::fromLatin1(expected.sha256),
                                 QString::fromLatin1(actual), from));
        }
        verified.append({expected.relativePath, actual});
    }
    return verified;
}

struct Fetched {
    qint64 bytes = 0;
    QByteArray digest;
};

/// How a transfer went: the bytes written, and what stopped it early, if anything.
struct Transfer {
    qint64 received = 0;
    bool cancelled = false;
    bool timedOut = false;
    QString writeError;
};

QNetworkRequest archiveRequest(const QUrl& url) {
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setMaximumRedirectsAllowed(10);
    // Qt inflates bodies it asked to be compressed; the digest is over the bytes as published.
    request.setRawHeader("Accept-Encoding", "identity");
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArray("anytime-planner"));
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    return request;
}

int httpStatus(const QNetworkReply& reply) {
    return reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

bool isSuccessStatus(const QNetworkReply& reply) {
    const int status = httpStatus(reply);
    return status >= 200 && status < 300;
}

/// Throws the error that says how the transfer into `file` failed: cancelled, the disk, a
/// stall, an HTTP status, a network error, no response or a short body. Returns when the body
/// arrived whole and is flushed.
void requireCompleteTransfer(const QNetworkReply& reply, const Transfer& transfer,
                             const DownloadParams& params, const Plan& plan, QFile& file,
                             const JobContext& context) {
    if (transfer.cancelled || context.isCancelled()) {
        throw CancelledError();
    }
    if (!transfer.writeError.isEmpty()) {
        throw Error(QStringLiteral("%1: cannot write the download: %2 (is the disk full?)")
                        .arg(file.fileName(), transfer.writeError));
    }
    const QUrl finalUrl = reply.url();
    const QString where =
        finalUrl == params.url
            ? plan.url
            : QStringLiteral("%1 (redirected to %2)").arg(plan.url, finalUrl.toDisplayString());
    if (transfer.timedOut) {
        throw Error(QStringLiteral("%1: no data for %2 s after %3 bytes; the server or the "
                                   "network stalled, try again later")
                        .arg(where)
                        .arg(params.inactivityTimeoutMs / 1000.0)
                        .arg(transfer.received));
    }
    const int status = httpStatus(reply);
    if (status != 0 && !isSuccessStatus(reply)) {
        const QString reason =
            reply.attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        throw Error(QStringLiteral("%1: HTTP %2 %3").arg(where).arg(status).arg(reason).trimmed());
    }
    const QVariant lengthHeader = reply.header(QNetworkRequest::ContentLengthHeader);
    const qint64 expectedLength = lengthHeader.isValid() ? lengthHeader.toLongLong() : -1;
    if (reply.error() != QNetworkReply::NoError) {
        const QString of =
            expectedLength >= 0 ? QStringLiteral(" of %1").arg(expectedLength) : QString();
        throw Error(QStringLiteral("%1: download failed after %2%3 bytes: %4")
                        .arg(where)
                        .arg(transfer.received)
                        .arg(of, reply.errorString()));
    }
    if (status == 0) {
        throw Error(QStringLiteral("%1: the server sent no HTTP response").arg(where));
    }
    // Qt does not always report a connection closed early as an error.
    if (expectedLength >= 0 && transfer.received != expectedLength) {
        throw Error(QStringLiteral("%1: connection dropped after %2 of %3 bytes; try again")
                        .arg(where)
                        .arg(transfer.received)
                        .arg(expectedLength));
    }
    if (!file.flush()) {
        throw Error(QStringLiteral("%1: cannot write the download: %2 (is the disk full?)")
                        .arg(file.fileName(), file.errorString()));
    }
}

/// Streams the body of `plan.url` into `file`, hashing as it goes. Runs a local event loop: the
/// pool thread has none of its own.
Fetched fetch(const DownloadParams& params, const Plan& plan, QFile& file, JobContext& context) {
    // Runs last: the network classes delete helpers with deleteLater(), and a pool thread runs
    // no event loop once this function returns.
    const struct DeferredDeleteFlush {
        ~DeferredDeleteFlush() {
            QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        }
    } flush;
    QNetworkAccessManager manager;
    // Deleted before the manager: a reply must not outlive its manager.
    const std::unique_ptr<QNetworkReply> reply(manager.get(archiveRequest(params.url)));
    // Bounded buffering: the body goes to disk as it arrives, never into memory whole.
    reply->setReadBufferSize(4 * kChunkBytes);

    QCryptographicHash hash(qtAlgorithm(params.digestAlgorithm));
    Transfer transfer;
    QEventLoop loop;
    QTimer inactivity;
    inactivity.setSingleShot(true);
    inactivity.setInterval(params.inactivityTimeoutMs);
    QTimer cancelPoll;
    cancelPoll.setInterval(kCancelPollMs);

    const auto drain = [&] {
        inactivity.start();
        // Redirect and error pages have bodies too; they are not the archive.
        if (!isSuccessStatus(*reply)) {
            reply->skip(reply->bytesAvailable());
            return;
        }
        while (reply->bytesAvailable() > 0) {
            const QByteArray chunk = reply->read(kChunkBytes);
            if (chunk.isEmpty()) {
                break;
            }
            hash.addData(chunk);
            if (file.write(chunk) != chunk.size()) {
                transfer.writeError = file.errorString();
                reply->abort();
                return;
            }
            transfer.received += chunk.size();
        }
        const qint64 total = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
        const qint64 received = transfer.received;
        if (total > 0) {
            context.setProgress(
                kDownloadShare * std::min(1.0, static_cast<double>(received) / total),
                QStringLiteral("downloading %1 of %2 MiB").arg(mib(received), mib(total)));
        } else {
            context.setProgress(0.0, QStringLiteral("downloading %1 MiB").arg(mib(received)));
        }
    };

    QObject::connect(reply.get(), &QNetworkReply::readyRead, &loop, drain);
    QObject::connect(reply.get(), &QNetworkReply::metaDataChanged, &inactivity,
                     qOverload<>(&QTimer::start));
    QObject::connect(reply.get(), &QNetworkReply::redirected, &inactivity,
                     qOverload<>(&QTimer::start));
    QObject::connect(&inactivity, &QTimer::timeout, &loop, [&] {
        transfer.timedOut = true;
        reply->abort();
    });
    QObject::connect(&cancelPoll, &QTimer::timeout, &loop, [&] {
        if (context.isCancelled()) {
            transfer.cancelled = true;
            reply->abort();
        }
    });
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);

    inactivity.start();
    cancelPoll.start();
    if (!reply->isFinished()) {
        loop.exec();
    }
    inactivity.stop();
    cancelPoll.stop();
    if (!transfer.cancelled && !transfer.timedOut && transfer.writeError.isEmpty() &&
        reply->bytesAvailable() > 0) {
        drain();  // data that arrived together with the finished signal
    }
    requireCompleteTransfer(*reply, transfer, params, plan, file, context);
    return {transfer.received, hash.result().toHex()};
}

/// Frees the reader however extraction ends.
struct ArchiveReader {
    archive* handle = archive_read_new();
    ArchiveReader() = default;
    ArchiveReader(const ArchiveReader&) = delete;
    ArchiveReader& operator=(const ArchiveReader&) = delete;
    ~ArchiveReader() { archive_read_free(handle); }
    QString error() const {
        const char* text = archive_error_string(handle);
        return text ? QString::fromLocal8Bit(text) : QStringLiteral("unknown libarchive error");
    }
};

void checkArchiveFormat(ArchiveReader& reader, ArchiveType expected, const QString& url) {
    const int format = archive_format(reader.handle) & ARCHIVE_FORMAT_BASE_MASK;
    bool gzip = false;
    for (int i = 0; i < archive_filter_count(reader.handle); ++i) {
        gzip = gzip || archive_filter_code(reader.handle, i) == ARCHIVE_FILTER_GZIP;
    }
    const bool matches = expected == ArchiveType::Zip ? format == ARCHIVE_FORMAT_ZIP
                                                      : format == ARCHIVE_FORMAT_TAR && gzip;
    if (!matches) {
        throw Error(QStringLiteral("%1: expected a %2 archive but got %3")
                        .arg(url,
                             expected == ArchiveType::Zip ? QStringLiteral("zip")
                                                          : QStringLiteral("tar.gz"),
                             QString::fromLatin1(archive_format_name(reader.handle))));
    }
}

QString entryKind(mode_t type) {
    switch (type) {
        case AE_IFLNK:
            return QStringLiteral("symbolic link");
        case AE_IFCHR:
        case AE_IFBLK:
            return QStringLiteral("device");
        case AE_IFIFO:
            return QStringLiteral("named pipe");
        case AE_IFSOCK:
            return QStringLiteral("socket");
        default:
            return QStringLiteral("special file");
    }
}

/// Writes the archive's files and folders under `root`. Entries are written by hand rather than
/// with archive_write_disk: with only plain files and folders whose paths were checked, nothing
/// (no symlink, no "..") can place data outside `root`.
int extract(const QString& archivePath, qint64 archiveBytes, const Plan& plan, const QString& root,
            JobContext& context) {
    ArchiveReader reader;
    archive_read_support_filter_all(reader.handle);
    archive_read_support_format_all(reader.handle);
    if (archive_read_open_filename(reader.handle, QFile::encodeName(archivePath).constData(),
                                   kChunkBytes) != ARCHIVE_OK) {
        throw Error(QStringLiteral("%1: not a readable archive: %2").arg(plan.url, reader.error()));
    }
    QByteArray buffer(kChunkBytes, Qt::Uninitialized);
    int files = 0;
    bool first = true;
    for (;;) {
        context.throwIfCancelled();
        archive_entry* entry = nullptr;
        const int status = archive_read_next_header(reader.handle, &entry);
        if (status == ARCHIVE_EOF) {
            break;
        }
        if (status < ARCHIVE_WARN) {
            throw Error(QStringLiteral("%1: damaged archive: %2").arg(plan.url, reader.error()));
        }
        if (first) {
            checkArchiveFormat(reader, plan.archiveType, plan.url);
            first = false;
        }
        const char* utf8 = archive_entry_pathname_utf8(entry);
        const char* raw = utf8 ? utf8 : archive_entry_pathname(entry);
        const QString name = raw ? QString::fromUtf8(raw) : QString();
        const std::optional<QString> relative = safeRelativePath(name);
        if (!relative) {
            throw Error(QStringLiteral("%1: refusing archive entry '%2': it points outside the "
                                       "destination (absolute path or '..')")
                            .arg(plan.url, name));
        }
        if (relative->isEmpty()) {
            continue;  // "./" or "/" alone names the root itself
        }
        const QString target = root + QLatin1Char('/') + *relative;
        const mode_t type = archive_entry_filetype(entry);
        if (type == AE_IFDIR) {
            if (!QDir().mkpath(target)) {
                throw Error(QStringLiteral("%1: cannot create folder").arg(target));
            }
            continue;
        }
        if (archive_entry_hardlink(entry) != nullptr) {
            throw Error(QStringLiteral("%1: archive entry '%2' is a hard link; only plain files "
                                       "and folders are extracted")
                            .arg(plan.url, name));
        }
        if (type != AE_IFREG) {
            throw Error(QStringLiteral("%1: archive entry '%2' is a %3; only plain files and "
                                       "folders are extracted")
                            .arg(plan.url, name, entryKind(type)));
        }
        const QString parent = QFileInfo(target).absolutePath();
        if (!QDir().mkpath(parent)) {
            throw Error(QStringLiteral("%1: cannot create folder").arg(parent));
        }
        QFile out(target);
        if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            throw Error(QStringLiteral("%1: cannot write: %2").arg(target, out.errorString()));
        }
        for (;;) {
            context.throwIfCancelled();
            const la_ssize_t n =
                archive_read_data(reader.handle, buffer.data(), static_cast<size_t>(buffer.size()));
            if (n == 0) {
                break;
            }
            if (n < 0) {
                throw Error(QStringLiteral("%1: damaged archive entry '%2': %3")
                                .arg(plan.url, name, reader.error()));
            }
            if (out.write(buffer.constData(), n) != n) {
                throw Error(QStringLiteral("%1: write failed: %2 (is the disk full?)")
                                .arg(target, out.errorString()));
            }
            if (archiveBytes > 0) {
                const double read =
                    static_cast<double>(archive_filter_bytes(reader.handle, -1)) / archiveBytes;
                context.setProgress(kDownloadShare + kExtractShare * std::min(1.0, read),
                                    QStringLiteral("extracting %1").arg(*relative));
            }
        }
        if (!out.flush()) {
            throw Error(QStringLiteral("%1: write failed: %2 (is the disk full?)")
                            .arg(target, out.errorString()));
        }
        ++files;
    }
    if (first) {
        throw Error(QStringLiteral("%1: the archive is empty").arg(plan.url));
    }
    return files;
}

QString listTopLevel(const QString& root) {
    const QStringList names =
        QDir(root).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
    return names.isEmpty() ? QStringLiteral("nothing") : names.join(QStringLiteral(", "));
}

/// Removes the destination folder on failure if this job created it and left it empty.
class CreatedFolderGuard final {
public:
    explicit CreatedFolderGuard(QString path) : m_path(std::move(path)) {}
    ~CreatedFolderGuard() {
        if (m_created && !m_keep) {
            QDir().rmdir(m_path);  // fails harmlessly if something else now lives there
        }
    }
    CreatedFolderGuard(const CreatedFolderGuard&) = delete;
    CreatedFolderGuard& operator=(const CreatedFolderGuard&) = delete;

    void create() {
        if (QFileInfo(m_path).isDir()) {
            return;
        }
        if (!QDir().mkpath(m_path)) {
            throw Error(QStringLiteral("%1: cannot create the destination folder").arg(m_path));
        }
        m_created = true;
    }
    void keep() { m_keep = true; }

private:
    QString m_path;
    bool m_created = false;
    bool m_keep = false;
};

}  // namespace

QString digestAlgorithmName(DigestAlgorithm algorithm) {
    return algorithm == DigestAlgorithm::Md5 ? QStringLiteral("md5") : QStringLiteral("sha256");
}

DownloadParams DownloadParams::fromSource(const DownloadSource& source,
                                          const QString& destinationDir) {
    DownloadParams params;
    params.url = source.url;
    params.digestAlgorithm = source.archiveDigestAlgorithm;
    params.expectedDigest = source.archiveDigest;
    params.archiveType = source.archiveType;
    params.destinationDir = destinationDir;
    params.archiveFolder = source.archiveFolder;
    params.installedFolder = source.installedFolder;
    params.expectedFiles = source.files;
    return params;
}

DownloadResult downloadDataset(const DownloadParams& params, JobContext& context) {
    const Plan plan = makePlan(params);
    DownloadResult result;
    result.folder = plan.finalPath;
    result.digestAlgorithm = params.digestAlgorithm;

    const QFileInfo existing(plan.finalPath);
    if (existing.exists()) {
        if (!existing.isDir()) {
            throw Error(QStringLiteral("%1: exists and is not a folder; move it away to download "
                                       "%2")
                            .arg(plan.finalPath, plan.url));
        }
        try {
            result.verifiedFiles =
                verifyFiles(plan.finalPath, plan.finalPath, QString(), plan.files, context, 0.0);
        } catch (const Error& e) {
            throw Error(QStringLiteral("%1 already exists but does not match the expected "
                                       "content (%2); move it away or delete it to download "
                                       "again")
                            .arg(plan.finalPath, e.message()));
        }
        result.alreadyPresent = true;
        context.log(QStringLiteral("%1: already present and verified").arg(plan.finalPath));
        return result;
    }

    CreatedFolderGuard destination(plan.destination);
    destination.create();
    const QString installedName = QFileInfo(plan.finalPath).fileName();

    // Both live inside the destination so the final rename stays on one file system; both are
    // removed when they go out of scope, whatever happens.
    auto archiveFile = std::make_unique<QTemporaryFile>(
        plan.destination + QStringLiteral("/.%1-XXXXXX.download").arg(installedName));
    if (!archiveFile->open()) {
        throw Error(QStringLiteral("%1: cannot create a temporary file: %2")
                        .arg(plan.destination, archiveFile->errorString()));
    }

    context.log(QStringLiteral("downloading %1").arg(plan.url));
    context.setProgress(0.0, QStringLiteral("connecting to %1").arg(params.url.host()));
    const Fetched fetched = fetch(params, plan, *archiveFile, context);
    result.bytesDownloaded = fetched.bytes;
    result.archiveDigest = fetched.digest;
    archiveFile->close();

    const QString algorithm = digestAlgorithmName(params.digestAlgorithm);
    if (!plan.expectedDigest.isEmpty()) {
        if (fetched.digest != plan.expectedDigest) {
            throw Error(QStringLiteral("%1: %2 mismatch: expected %3, got %4; the download is "
                                       "damaged or the file changed upstream")
                            .arg(plan.url, algorithm, QString::fromLatin1(plan.expectedDigest),
                                 QString::fromLatin1(fetched.digest)));
        }
        context.log(QStringLiteral("%1 bytes, %2 %3 verified")
                        .arg(fetched.bytes)
                        .arg(algorithm, QString::fromLatin1(fetched.digest)));
    } else {
        context.log(QStringLiteral("%1 bytes, %2 %3 (no published archive digest; the extracted "
                                   "files are checked instead)")
                        .arg(fetched.bytes)
                        .arg(algorithm, QString::fromLatin1(fetched.digest)));
    }

    QTemporaryDir staging(plan.destination +
                          QStringLiteral("/.%1-XXXXXX.staging").arg(installedName));
    if (!staging.isValid()) {
        throw Error(QStringLiteral("%1: cannot create a staging folder: %2")
                        .arg(plan.destination, staging.errorString()));
    }
    const int files =
        extract(archiveFile->fileName(), fetched.bytes, plan, staging.path(), context);
    archiveFile.reset();  // the archive is no longer needed; free its space before installing
    context.log(QStringLiteral("extracted %1 files").arg(files));

    const QString extracted = staging.path() + QLatin1Char('/') + params.archiveFolder;
    if (!QFileInfo(extracted).isDir()) {
        throw Error(QStringLiteral("%1: the archive has no folder '%2' (its top level holds %3)")
                        .arg(plan.url, params.archiveFolder, listTopLevel(staging.path())));
    }
    result.verifiedFiles = verifyFiles(extracted, params.archiveFolder, plan.url, plan.files,
                                       context, kDownloadShare + kExtractShare);
    context.throwIfCancelled();

    // rename(2) within one file system: the dataset appears complete or not at all. It fails
    // rather than merge if another job installed the folder meanwhile.
    std::error_code error;
    std::filesystem::rename(QFile::encodeName(extracted).toStdString(),
                            QFile::encodeName(plan.finalPath).toStdString(), error);
    if (error) {
        throw Error(QStringLiteral("%1: cannot move the extracted dataset into place: %2")
                        .arg(plan.finalPath, QString::fromLocal8Bit(error.message().c_str())));
    }
    destination.keep();
    context.log(QStringLiteral("installed %1").arg(plan.finalPath));
    return result;
}

namespace {

DownloadSource cifar10Source() {
    DownloadSource source;
    source.dataset = QStringLiteral("cifar10");
    source.url = QUrl(QStringLiteral("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"));
    // The official page publishes only this MD5 for the binary version.
    source.archiveDigestAlgorithm = DigestAlgorithm::Md5;
    source.archiveDigest = "c32a1d4ab5d03f1284b67883e8d87530";
    source.archiveType = ArchiveType::TarGz;
    source.archiveFolder = QStringLiteral("cifar-10-batches-bin");
    source.installedFolder = QStringLiteral("cifar-10-batches-bin");
    source.files = {
        {QStringLiteral("data_batch_1.bin"),
         "cee916563c9f80d84e3cc88e17fdc0941787f1244f00a67874d45b261883ada5"},
        {QStringLiteral("data_batch_2.bin"),
         "a591ca11fa1708a91ee40f54b3da4784ccd871ecf2137de63f51ada8b3fa57ed"},
        {QStringLiteral("data_batch_3.bin"),
         "bbe8596564c0f86427f876058170b84dac6670ddf06d79402899d93ceea26f67"},
        {QStringLiteral("data_batch_4.bin"),
         "014e562d6e23c72197cc727519169a60359f5eccd8945ad5a09d710285ff4e48"},
        {QStringLiteral("data_batch_5.bin"),
         "755304fc0b379caeae8c14f0dac912fbc7d6cd469eb67a1029a08a39453a9add"},
        {QStringLiteral("test_batch.bin"),
         "8e2eb146ae340b09e24670f29cabc6326dba54da8789dab6768acf480273f65b"},
        // The reference copy of this 10-line text file was re-written, not taken from the
        // official archive, so its digest is no evidence about the official bytes; the archive's
        // MD5 already covers it.
        {QStringLiteral("batches.meta.txt"), QByteArray()},
    };
    source.note = QStringLiteral(
        "archive checked against the official MD5; the six record batches against known "
        "SHA-256 digests");
    return source;
}

DownloadSource sst2Source() {
    DownloadSource source;
    source.dataset = QStringLiteral("sst2");
    source.url = QUrl(QStringLiteral("https://dl.fbaipublicfiles.com/glue/data/SST-2.zip"));
    // GLUE publishes no digest for its zips: the extracted dev set is checked instead.
    source.archiveDigestAlgorithm = DigestAlgorithm::Sha256;
    source.archiveType = ArchiveType::Zip;
    source.archiveFolder = QStringLiteral("SST-2");
    // The loaders read <data>/sst2/{train,dev}.tsv.
    source.installedFolder = QStringLiteral("sst2");
    source.files = {
        {QStringLiteral("dev.tsv"),
         "54a9c12c77e402fc14d6a66a506f24d999f596b0176eb777c972cccc2f9cc4b0"},
        // The known train.tsv digest is of a copy whose rows are in a different order from the
        // GLUE file, so it cannot match the official bytes; the file must exist and its actual
        // digest is reported.
        {QStringLiteral("train.tsv"), QByteArray()},
    };
    source.note = QStringLiteral(
        "no archive digest is published; dev.tsv is checked against a known SHA-256, train.tsv "
        "only for presence");
    return source;
}

}  // namespace

std::optional<DownloadSource> officialSource(const QString& dataset) {
    const QString key = dataset.trimmed().toLower();
    if (key == QLatin1String("cifar10")) {
        return cifar10Source();
    }
    if (key == QLatin1String("sst2")) {
        return sst2Source();
    }
    return std::nullopt;
}

QStringList officialSourceNames() {
    return {QStringLiteral("cifar10"), QStringLiteral("sst2")};
}

}  // namespace aip
