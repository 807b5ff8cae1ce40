#include "common/error.h"
#include "download/datasetdownloader.h"
#include "jobs/jobmanager.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QHostAddress>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <archive.h>
#include <archive_entry.h>

#include <memory>

using namespace aip;

namespace {

struct ArchiveEntry {
    QByteArray path;
    QByteArray data;
    enum class Kind { File, Folder, Symlink } kind = Kind::File;
    QByteArray linkTarget;
};

la_ssize_t appendToByteArray(archive*, void* client, const void* buffer, size_t length) {
    static_cast<QByteArray*>(client)->append(static_cast<const char*>(buffer),
                                             static_cast<qsizetype>(length));
    return static_cast<la_ssize_t>(length);
}

/// A tar.gz or zip held in memory, written with libarchive exactly as listed (no path clean-up,
/// so hostile names reach the downloader unchanged).
QByteArray makeArchive(const QList<ArchiveEntry>& entries, ArchiveType type) {
    QByteArray bytes;
    archive* writer = archive_write_new();
    if (type == ArchiveType::Zip) {
        archive_write_set_format_zip(writer);
    } else {
        archive_write_add_filter_gzip(writer);
        archive_write_set_format_pax_restricted(writer);
    }
    if (archive_write_open(writer, &bytes, nullptr, &appendToByteArray, nullptr) != ARCHIVE_OK) {
        qFatal("archive_write_open: %s", archive_error_string(writer));
    }
    for (const ArchiveEntry& e : entries) {
        archive_entry* entry = archive_entry_new();
        archive_entry_set_pathname(entry, e.path.constData());
        switch (e.kind) {
            case ArchiveEntry::Kind::File:
                archive_entry_set_filetype(entry, AE_IFREG);
                archive_entry_set_perm(entry, 0644);
                archive_entry_set_size(entry, e.data.size());
                break;
            case ArchiveEntry::Kind::Folder:
                archive_entry_set_filetype(entry, AE_IFDIR);
                archive_entry_set_perm(entry, 0755);
                break;
            case ArchiveEntry::Kind::Symlink:
                archive_entry_set_filetype(entry, AE_IFLNK);
                archive_entry_set_perm(entry, 0777);
                archive_entry_set_symlink(entry, e.linkTarget.constData());
                break;
        }
        if (archive_write_header(writer, entry) != ARCHIVE_OK) {
            qFatal("archive_write_header: %s", archive_error_string(writer));
        }
        if (!e.data.isEmpty()) {
            archive_write_data(writer, e.data.constData(), static_cast<size_t>(e.data.size()));
        }
        archive_entry_free(entry);
    }
    archive_write_close(writer);
    archive_write_free(writer);
    return bytes;
}

/// Incompressible, so the archive is large enough to arrive in several reads.
QByteArray fixtureBinary() {
    QRandomGenerator rng(20240611);
    QByteArray data(300 * 1024, Qt::Uninitialized);
    for (char& c : data) {
        c = static_cast<char>(rng.bounded(256));
    }
    return data;
}

const QByteArray kFixtureText = "hello from the fixture\nsecond line\n";

QList<ArchiveEntry> fixtureEntries() {
    return {{"fixture-data/", {}, ArchiveEntry::Kind::Folder},
            {"fixture-data/a.bin", fixtureBinary()},
            {"fixture-data/sub/", {}, ArchiveEntry::Kind::Folder},
            {"fixture-data/sub/b.txt", kFixtureText}};
}

QByteArray sha256Hex(const QByteArray& data) {
    return QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex();
}

QByteArray md5Hex(const QByteArray& data) {
    return QCryptographicHash::hash(data, QCryptographicHash::Md5).toHex();
}

QList<FileDigest> fixtureDigests() {
    return {{"a.bin", sha256Hex(fixtureBinary())}, {"sub/b.txt", sha256Hex(kFixtureText)}};
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return QByteArray("<unreadable>");
    }
    return file.readAll();
}

/// Every entry below `root` (hidden ones too) with its size, to compare before and after a job.
QStringList snapshot(const QString& root) {
    QStringList entries;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo info = it.fileInfo();
        entries.append(QStringLiteral("%1 %2")
                           .arg(QDir(root).relativeFilePath(info.filePath()))
                           .arg(info.isDir() ? -1 : info.size()));
    }
    entries.sort();
    return entries;
}

/// A minimal HTTP/1.1 server on 127.0.0.1 serving fixed responses from memory. It runs in the
/// test's thread: the download job runs on the pool, and the test spins the event loop while
/// it waits.
class FixtureServer final {
public:
    enum class Mode {
        Full,      ///< the whole body at once
        Paced,     ///< the body in eight slices, 15 ms apart
        DropHalf,  ///< full Content-Length, half the body, then the connection closes
        Trickle,   ///< 1 KiB every 20 ms: slow enough to cancel midway
        Stall,     ///< headers only, then silence
    };
    struct Route {
        int status = 200;
        QByteArray body;
        Mode mode = Mode::Full;
        QByteArray location;  ///< for redirects
    };

    FixtureServer() {
        QObject::connect(&m_server, &QTcpServer::newConnection, &m_server, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                accept(socket);
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    QUrl url(const QString& path) const {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
    }
    void route(const QByteArray& path, Route route) { m_routes.insert(path, std::move(route)); }
    const QList<QByteArray>& requests() const { return m_requests; }

private:
    void accept(QTcpSocket* socket) {
        QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        auto buffer = std::make_shared<QByteArray>();
        auto answered = std::make_shared<bool>(false);
        QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer, answered] {
            buffer->append(socket->readAll());
            // One request per connection: every response says "Connection: close".
            if (*answered || !buffer->contains("\r\n\r\n")) {
                return;
            }
            *answered = true;
            const QList<QByteArray> requestLine = buffer->left(buffer->indexOf("\r\n")).split(' ');
            const QByteArray path = requestLine.size() >= 2 ? requestLine.at(1) : QByteArray();
            m_requests.append(path);
            respond(socket, m_routes.value(path, Route{404, "no such file\n"}));
        });
    }

    static QByteArray reason(int status) {
        switch (status) {
            case 200:
                return "OK";
            case 302:
                return "Found";
            case 404:
                return "Not Found";
            default:
                return "Status";
        }
    }

    static void respond(QTcpSocket* socket, const Route& route) {
        QByteArray head =
            "HTTP/1.1 " + QByteArray::number(route.status) + ' ' + reason(route.status) + "\r\n";
        if (!route.location.isEmpty()) {
            head += "Location: " + route.location + "\r\n";
        }
        head += "Content-Type: application/octet-stream\r\n";
        head += "Content-Length: " + QByteArray::number(route.body.size()) + "\r\n";
        head += "Connection: close\r\n\r\n";
        socket->write(head);
        const QByteArray body = route.body;
        switch (route.mode) {
            case Mode::Full:
                socket->write(body);
                socket->disconnectFromHost();
                break;
            case Mode::DropHalf:
                socket->write(body.left(body.size() / 2));
                socket->disconnectFromHost();
                break;
            case Mode::Stall:
                break;
            case Mode::Paced:
            case Mode::Trickle: {
                const bool paced = route.mode == Mode::Paced;
                const qsizetype slice = paced ? (body.size() + 7) / 8 : 1024;
                auto* timer = new QTimer(socket);
                auto sent = std::make_shared<qsizetype>(0);
                QObject::connect(timer, &QTimer::timeout, socket,
                                 [socket, timer, body, slice, sent] {
                                     socket->write(body.mid(*sent, slice));
                                     *sent += slice;
                                     if (*sent >= body.size()) {
                                         timer->stop();
                                         socket->disconnectFromHost();
                                     }
                                 });
                timer->start(paced ? 15 : 20);
                break;
            }
        }
    }

    QTcpServer m_server;
    QHash<QByteArray, Route> m_routes;
    QList<QByteArray> m_requests;
};

using DownloadJob = TypedJob<DownloadParams, DownloadResult>;

DownloadJob* submit(JobManager& manager, const DownloadParams& params) {
    return manager.submit<DownloadParams, DownloadResult>(QStringLiteral("download"), params,
                                                          &downloadDataset);
}

DownloadParams fixtureParams(const FixtureServer& server, const QString& path,
                             const QByteArray& archive, const QString& destination) {
    DownloadParams params;
    params.url = server.url(path);
    params.expectedDigest = sha256Hex(archive);
    params.digestAlgorithm = DigestAlgorithm::Sha256;
    params.destinationDir = destination;
    params.archiveFolder = QStringLiteral("fixture-data");
    params.expectedFiles = fixtureDigests();
    params.inactivityTimeoutMs = 5000;
    return params;
}

}  // namespace

class TestDownload final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void downloadsTarGzWithProgress();
    void downloadsZipWithMd5UnderInstalledName();
    void followsRedirect();
    void failsAndLeavesNothingBehind_data();
    void failsAndLeavesNothingBehind();
    void cancelMidDownloadLeavesNothingBehind();
    void presentDatasetIsNotDownloadedAgain();
    void presentButDifferentFolderIsAnError();
    void rejectsParametersThatVerifyNothing();
    void officialSourcesCarryPublishedDigests();
    void officialDigestsMatchReferenceData();
    void sst2SourceInstallsLoaderLayout();
};

void TestDownload::downloadsTarGzWithProgress() {
    FixtureServer server;
    QVERIFY(server.listen());
    const QByteArray archive = makeArchive(fixtureEntries(), ArchiveType::TarGz);
    server.route("/data/fixture.tar.gz", {200, archive, FixtureServer::Mode::Paced});
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QString dest = root.filePath(QStringLiteral("datasets"));

    JobManager manager;
    DownloadJob* job = submit(
        manager, fixtureParams(server, QStringLiteral("/data/fixture.tar.gz"), archive, dest));
    QSignalSpy progress(job, &Job::progressChanged);
    QCOMPARE(JobManager::waitFor(job), Job::State::Finished);

    const DownloadResult& result = job->result();
    QCOMPARE(result.folder, dest + QStringLiteral("/fixture-data"));
    QCOMPARE(result.bytesDownloaded, archive.size());
    QCOMPARE(result.archiveDigest, sha256Hex(archive));
    QVERIFY(!result.alreadyPresent);
    QCOMPARE(result.verifiedFiles, fixtureDigests());
    QCOMPARE(readAll(dest + QStringLiteral("/fixture-data/a.bin")), fixtureBinary());
    QCOMPARE(readAll(dest + QStringLiteral("/fixture-data/sub/b.txt")), kFixtureText);
    // Only the dataset: no temporary download, no staging folder.
    QCOMPARE(
        snapshot(dest),
        QStringList({QStringLiteral("fixture-data -1"), QStringLiteral("fixture-data/a.bin 307200"),
                     QStringLiteral("fixture-data/sub -1"),
                     QStringLiteral("fixture-data/sub/b.txt %1").arg(kFixtureText.size())}));

    // Progress arrived while downloading, never went backwards and ended complete.
    QVERIFY(progress.count() >= 2);
    bool sawPartial = false;
    double last = 0.0;
    for (const QList<QVariant>& args : progress) {
        const double fraction = args.at(0).toDouble();
        QVERIFY2(fraction >= last,
                 qPrintable(QStringLiteral("%1 after %2").arg(fraction).arg(last)));
        sawPartial = sawPartial || (fraction > 0.0 && fraction < 1.0);
        last = fraction;
    }
    QVERIFY(sawPartial);
    QCOMPARE(last, 1.0);
}

void TestDownload::downloadsZipWithMd5UnderInstalledName() {
    FixtureServer server;
    QVERIFY(server.listen());
    const QByteArray archive = makeArchive(fixtureEntries(), ArchiveType::Zip);
    server.route("/fixture.zip", {200, archive});
    QTemporaryDir root;
    const QString dest = root.path();

    DownloadParams params = fixtureParams(server, QStringLiteral("/fixture.zip"), archive, dest);
    params.digestAlgorithm = DigestAlgorithm::Md5;
    params.expectedDigest = md5Hex(archive).toUpper();  // published digests come in either case
    params.archiveType = ArchiveType::Detect;
    params.installedFolder = QStringLiteral("fixture");
    JobManager manager;
    DownloadJob* job = submit(manager, params);
    QCOMPARE(JobManager::waitFor(job), Job::State::Finished);
    QCOMPARE(job->result().folder, dest + QStringLiteral("/fixture"));
    QCOMPARE(job->result().digestAlgorithm, DigestAlgorithm::Md5);
    QCOMPARE(job->result().archiveDigest, md5Hex(archive));
    QCOMPARE(readAll(dest + QStringLiteral("/fixture/a.bin")), fixtureBinary());
    QCOMPARE(readAll(dest + QStringLiteral("/fixture/sub/b.txt")), kFixtureText);
    QVERIFY(!QFileInfo::exists(dest + QStringLiteral("/fixture-data")));
    QCOMPARE(QDir(dest).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList{QStringLiteral("fixture")});
}

void TestDownload::followsRedirect() {
    FixtureServer server;
    QVERIFY(server.listen());
    const QByteArray archive = makeArchive(fixtureEntries(), ArchiveType::TarGz);
    server.route("/real/fixture.tar.gz", {200, archive});
    server.route("/moved/fixture.tar.gz",
                 {302, "moved\n", FixtureServer::Mode::Full,
                  server.url(QStringLiteral("/real/fixture.tar.gz")).toEncoded()});
    QTemporaryDir root;

    JobManager manager;
    DownloadJob* job = submit(
        manager,
        fixtureParams(server, QStringLiteral("/moved/fixture.tar.gz"), archive, root.path()));
    QCOMPARE(JobManager::waitFor(job), Job::State::Finished);
    QCOMPARE(server.requests(),
             QList<QByteArray>({"/moved/fixture.tar.gz", "/real/fixture.tar.gz"}));
    QCOMPARE(job->result().bytesDownloaded, archive.size());  // the redirect page is not counted
    QCOMPARE(readAll(root.filePath(QStringLiteral("fixture-data/a.bin"))), fixtureBinary());
}

void TestDownload::failsAndLeavesNothingBehind_data() {
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<bool>("destinationExists");

    QTest::newRow("corrupted archive") << "corrupted" << true;
    QTest::newRow("corrupted archive, new destination") << "corrupted" << false;
    QTest::newRow("connection dropped midway") << "dropped" << true;
    QTest::newRow("404") << "notFound" << false;
    QTest::newRow("no data until timeout") << "stalled" << true;
    QTest::newRow("../ entry") << "dotdot" << true;
    QTest::newRow("nested ../../ entry") << "nestedDotdot" << true;
    QTest::newRow("absolute entry") << "absolute" << true;
    QTest::newRow("symlink entry") << "symlink" << true;
    QTest::newRow("extracted file digest mismatch") << "fileDigest" << true;
    QTest::newRow("expected folder missing") << "missingFolder" << true;
    QTest::newRow("zip declared as tar.gz") << "wrongType" << true;
}

void TestDownload::failsAndLeavesNothingBehind() {
    QFETCH(QString, scenario);
    QFETCH(bool, destinationExists);

    FixtureServer server;
    QVERIFY(server.listen());
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QString dest = root.filePath(QStringLiteral("datasets"));
    if (destinationExists) {
        QVERIFY(QDir().mkpath(dest + QStringLiteral("/older")));
        QFile keep(dest + QStringLiteral("/older/keep.txt"));
        QVERIFY(keep.open(QIODevice::WriteOnly));
        keep.write("already here\n");
    }
    const QStringList before = snapshot(root.path());

    const QByteArray archive = makeArchive(fixtureEntries(), ArchiveType::TarGz);
    const QString path = QStringLiteral("/fixture.tar.gz");
    DownloadParams params = fixtureParams(server, path, archive, dest);
    const QString url = params.url.toDisplayString();
    QStringList expected;  // fragments the message must contain

    const auto hostile = [&](const QByteArray& name) {
        QList<ArchiveEntry> entries = fixtureEntries();
        entries.append({name, "planted\n"});
        const QByteArray bad = makeArchive(entries, ArchiveType::TarGz);
        server.route(path.toUtf8(), {200, bad});
        params.expectedDigest = sha256Hex(bad);
        expected =
            QStringList{url, QStringLiteral("refusing archive entry"), QString::fromUtf8(name)};
    };

    if (scenario == QLatin1String("corrupted")) {
        QByteArray corrupted = archive;
        for (qsizetype i = corrupted.size() / 2; i < corrupted.size() / 2 + 16; ++i) {
            corrupted[i] = static_cast<char>(~corrupted[i]);
        }
        server.route(path.toUtf8(), {200, corrupted});
        expected = QStringList{url, QStringLiteral("sha256 mismatch"),
                               QString::fromLatin1(sha256Hex(archive)),
                               QString::fromLatin1(sha256Hex(corrupted))};
    } else if (scenario == QLatin1String("dropped")) {
        server.route(path.toUtf8(), {200, archive, FixtureServer::Mode::DropHalf});
        expected = QStringList{url, QStringLiteral(" of %1").arg(archive.size())};
    } else if (scenario == QLatin1String("notFound")) {
        params.url = server.url(QStringLiteral("/missing.tar.gz"));
        expected = QStringList{params.url.toDisplayString(), QStringLiteral("HTTP 404")};
    } else if (scenario == QLatin1String("stalled")) {
        server.route(path.toUtf8(), {200, archive, FixtureServer::Mode::Stall});
        params.inactivityTimeoutMs = 300;
        expected = QStringList{url, QStringLiteral("no data for 0.3 s")};
    } else if (scenario == QLatin1String("dotdot")) {
        hostile("../evil");
    } else if (scenario == QLatin1String("nestedDotdot")) {
        hostile("fixture-data/sub/../../../evil");
    } else if (scenario == QLatin1String("absolute")) {
        hostile(root.filePath(QStringLiteral("absolute-evil")).toUtf8());
    } else if (scenario == QLatin1String("symlink")) {
        QList<ArchiveEntry> entries = fixtureEntries();
        entries.append(
            {"fixture-data/escape", {}, ArchiveEntry::Kind::Symlink, root.path().toUtf8()});
        const QByteArray bad = makeArchive(entries, ArchiveType::TarGz);
        server.route(path.toUtf8(), {200, bad});
        params.expectedDigest = sha256Hex(bad);
        expected = QStringList{url, QStringLiteral("fixture-data/escape"),
                               QStringLiteral("symbolic link")};
    } else if (scenario == QLatin1String("fileDigest")) {
        server.route(path.toUtf8(), {200, archive});
        const QByteArray wrong = sha256Hex("not the content");
        params.expectedFiles[1].sha256 = wrong;
        expected = QStringList{QStringLiteral("fixture-data/sub/b.txt: sha256 mismatch"),
                               QString::fromLatin1(wrong),
                               QString::fromLatin1(sha256Hex(kFixtureText)), url};
    } else if (scenario == QLatin1String("missingFolder")) {
        server.route(path.toUtf8(), {200, archive});
        params.archiveFolder = QStringLiteral("other-name");
        expected = QStringList{url, QStringLiteral("no folder 'other-name'"),
                               QStringLiteral("fixture-data")};
    } else if (scenario == QLatin1String("wrongType")) {
        const QByteArray zip = makeArchive(fixtureEntries(), ArchiveType::Zip);
        server.route(path.toUtf8(), {200, zip});
        params.expectedDigest = sha256Hex(zip);
        expected = QStringList{url, QStringLiteral("expected a tar.gz archive")};
    } else {
        QFAIL("unknown scenario");
    }

    JobManager manager;
    DownloadJob* job = submit(manager, params);
    QSignalSpy failed(job, &Job::failed);
    QCOMPARE(JobManager::waitFor(job), Job::State::Failed);
    QCOMPARE(failed.count(), 1);
    const QString message = job->errorMessage();
    for (const QString& fragment : expected) {
        QVERIFY2(message.contains(fragment),
                 qPrintable(QStringLiteral("'%1' not in: %2").arg(fragment, message)));
    }
    QVERIFY(!job->hasResult());
    QCOMPARE(snapshot(root.path()), before);
    QCOMPARE(QFileInfo::exists(dest), destinationExists);
}

void TestDownload::cancelMidDownloadLeavesNothingBehind() {
    FixtureServer server;
    QVERIFY(server.listen());
    const QByteArray archive = makeArchive(fixtureEntries(), ArchiveType::TarGz);
    server.route("/slow.tar.gz", {200, archive, FixtureServer::Mode::Trickle});
    QTemporaryDir root;
    const QString dest = root.path();
    const QStringList before = snapshot(dest);

    JobManager manager;
    DownloadJob* job =
        submit(manager, fixtureParams(server, QStringLiteral("/slow.tar.gz"), archive, dest));
    QSignalSpy progress(job, &Job::progressChanged);
    QSignalSpy cancelled(job, &Job::cancelled);
    QSignalSpy finished(job, &Job::finished);
    QTRY_VERIFY_WITH_TIMEOUT(job->progress() > 0.0, 5000);  // bytes are arriving
    QElapsedTimer sinceCancel;
    sinceCancel.start();
    job->cancel();
    QCOMPARE(JobManager::waitFor(job), Job::State::Cancelled);
    QVERIFY2(sinceCancel.elapsed() < 2000, "the job noticed the cancel late");
    QCOMPARE(cancelled.count(), 1);
    QCOMPARE(finished.count(), 0);
    QVERIFY(job->progress() < 0.5);
    QCOMPARE(snapshot(dest), before);
}

void TestDownload::presentDatasetIsNotDownloadedAgain() {
    FixtureServer server;
    QVERIFY(server.listen());
    const QByteArray archive = makeArchive(fixtureEntries(), ArchiveType::TarGz);
    server.route("/fixture.tar.gz", {200, archive});
    QTemporaryDir root;
    const DownloadParams params =
        fixtureParams(server, QStringLiteral("/fixture.tar.gz"), archive, root.path());

    JobManager manager;
    QCOMPARE(JobManager::waitFor(submit(manager, params)), Job::State::Finished);
    QCOMPARE(server.requests().size(), 1);
    const QStringList installed = snapshot(root.path());

    DownloadJob* again = submit(manager, params);
    QCOMPARE(JobManager::waitFor(again), Job::State::Finished);
    QCOMPARE(server.requests().size(), 1);
    QVERIFY(again->result().alreadyPresent);
    QCOMPARE(again->result().bytesDownloaded, 0);
    QCOMPARE(again->result().folder, root.filePath(QStringLiteral("fixture-data")));
    QCOMPARE(again->result().verifiedFiles, fixtureDigests());
    QCOMPARE(snapshot(root.path()), installed);
}

void TestDownload::presentButDifferentFolderIsAnError() {
    FixtureServer server;
    QVERIFY(server.listen());
    const QByteArray archive = makeArchive(fixtureEntries(), ArchiveType::TarGz);
    server.route("/fixture.tar.gz", {200, archive});
    QTemporaryDir root;
    QVERIFY(QDir().mkpath(root.filePath(QStringLiteral("fixture-data/sub"))));
    QFile stale(root.filePath(QStringLiteral("fixture-data/a.bin")));
    QVERIFY(stale.open(QIODevice::WriteOnly));
    stale.write("an older, different a.bin");
    stale.close();
    const QStringList before = snapshot(root.path());

    JobManager manager;
    DownloadJob* job = submit(
        manager, fixtureParams(server, QStringLiteral("/fixture.tar.gz"), archive, root.path()));
    QCOMPARE(JobManager::waitFor(job), Job::State::Failed);
    QVERIFY2(job->errorMessage().contains(QStringLiteral("already exists")),
             qPrintable(job->errorMessage()));
    QVERIFY(job->errorMessage().contains(root.filePath(QStringLiteral("fixture-data"))));
    QVERIFY(server.requests().isEmpty());  // never replaces what the user has
    QCOMPARE(snapshot(root.path()), before);
}

void TestDownload::rejectsParametersThatVerifyNothing() {
    FixtureServer server;
    QVERIFY(server.listen());
    QTemporaryDir root;
    const QString dest = root.filePath(QStringLiteral("new"));

    DownloadParams noDigests;
    noDigests.url = server.url(QStringLiteral("/fixture.tar.gz"));
    noDigests.destinationDir = dest;
    noDigests.archiveFolder = QStringLiteral("fixture-data");
    noDigests.expectedFiles = {{QStringLiteral("a.bin"), QByteArray()}};

    DownloadParams badHex = noDigests;
    badHex.expectedDigest = "xyz";

    DownloadParams unknownType = noDigests;
    unknownType.url = server.url(QStringLiteral("/fixture.rar"));
    unknownType.expectedDigest = sha256Hex("x");

    DownloadParams escapingFile = noDigests;
    escapingFile.expectedDigest = sha256Hex("x");
    escapingFile.expectedFiles = {{QStringLiteral("../a.bin"), sha256Hex("x")}};

    JobManager manager;
    const QList<std::pair<DownloadParams, QString>> cases = {
        {noDigests, QStringLiteral("could not be verified")},
        {badHex, QStringLiteral("is not a sha256 digest")},
        {unknownType, QStringLiteral("cannot tell the archive type")},
        {escapingFile, QStringLiteral("must be a path inside")},
    };
    for (const auto& [params, fragment] : cases) {
        DownloadJob* job = submit(manager, params);
        QCOMPARE(JobManager::waitFor(job), Job::State::Failed);
        QVERIFY2(job->errorMessage().contains(fragment), qPrintable(job->errorMessage()));
    }
    QVERIFY(server.requests().isEmpty());
    QVERIFY(!QFileInfo::exists(dest));
}

void TestDownload::officialSourcesCarryPublishedDigests() {
    const std::optional<DownloadSource> cifar = officialSource(QStringLiteral("cifar10"));
    QVERIFY(cifar.has_value());
    QCOMPARE(cifar->url,
             QUrl(QStringLiteral("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz")));
    QCOMPARE(cifar->archiveDigestAlgorithm, DigestAlgorithm::Md5);
    QCOMPARE(cifar->archiveDigest, QByteArray("c32a1d4ab5d03f1284b67883e8d87530"));
    QCOMPARE(cifar->archiveType, ArchiveType::TarGz);
    QCOMPARE(cifar->archiveFolder, QStringLiteral("cifar-10-batches-bin"));
    QCOMPARE(cifar->installedFolder, QStringLiteral("cifar-10-batches-bin"));
    QHash<QString, QByteArray> cifarFiles;
    for (const FileDigest& f : cifar->files) {
        cifarFiles.insert(f.relativePath, f.sha256);
    }
    QCOMPARE(cifarFiles.value(QStringLiteral("test_batch.bin")),
             QByteArray("8e2eb146ae340b09e24670f29cabc6326dba54da8789dab6768acf480273f65b"));
    QCOMPARE(cifarFiles.value(QStringLiteral("data_batch_1.bin")),
             QByteArray("cee916563c9f80d84e3cc88e17fdc0941787f1244f00a67874d45b261883ada5"));
    QCOMPARE(cifarFiles.value(QStringLiteral("data_batch_5.bin")),
             QByteArray("755304fc0b379caeae8c14f0dac912fbc7d6cd469eb67a1029a08a39453a9add"));
    for (int i = 1; i <= 5; ++i) {
        QCOMPARE(cifarFiles.value(QStringLiteral("data_batch_%1.bin").arg(i)).size(), 64);
    }
    QVERIFY(cifarFiles.contains(QStringLiteral("batches.meta.txt")));

    const std::optional<DownloadSource> sst2 = officialSource(QStringLiteral("SST2"));
    QVERIFY(sst2.has_value());
    QCOMPARE(sst2->url, QUrl(QStringLiteral("https://dl.fbaipublicfiles.com/glue/data/SST-2.zip")));
    QCOMPARE(sst2->archiveType, ArchiveType::Zip);
    QVERIFY(sst2->archiveDigest.isEmpty());
    QCOMPARE(sst2->archiveFolder, QStringLiteral("SST-2"));
    QCOMPARE(sst2->installedFolder, QStringLiteral("sst2"));
    QCOMPARE(sst2->files.size(), 2);
    QCOMPARE(sst2->files.at(0),
             (FileDigest{QStringLiteral("dev.tsv"),
                         "54a9c12c77e402fc14d6a66a506f24d999f596b0176eb777c972cccc2f9cc4b0"}));
    QCOMPARE(sst2->files.at(1).relativePath, QStringLiteral("train.tsv"));

    QVERIFY(!officialSource(QStringLiteral("fashion-mnist")).has_value());  // a Debian package
    QVERIFY(!officialSource(QStringLiteral("imagenet")).has_value());
    QCOMPARE(officialSourceNames(),
             QStringList({QStringLiteral("cifar10"), QStringLiteral("sst2")}));

    const DownloadParams params = DownloadParams::fromSource(*cifar, QStringLiteral("/data"));
    QCOMPARE(params.url, cifar->url);
    QCOMPARE(params.digestAlgorithm, DigestAlgorithm::Md5);
    QCOMPARE(params.expectedDigest, cifar->archiveDigest);
    QCOMPARE(params.destinationDir, QStringLiteral("/data"));
    QCOMPARE(params.archiveFolder, cifar->archiveFolder);
    QCOMPARE(params.expectedFiles, cifar->files);
}

void TestDownload::officialDigestsMatchReferenceData() {
    // The registry's per-file digests must accept the real data the project is tested with.
    const QString shared = QStringLiteral(AIP_TEST_SHARED_DIR "/datasets");
    if (!QFileInfo(shared).isDir()) {
        QSKIP("reference datasets not present");
    }
    const std::pair<QString, QString> datasets[] = {
        {QStringLiteral("cifar10"), QStringLiteral("cifar-10-batches-bin")},
        {QStringLiteral("sst2"), QStringLiteral("sst2")}};
    for (const auto& [name, folder] : datasets) {
        const DownloadSource source = *officialSource(name);
        int checked = 0;
        for (const FileDigest& file : source.files) {
            if (file.sha256.isEmpty()) {
                continue;
            }
            const QString path =
                shared + QLatin1Char('/') + folder + QLatin1Char('/') + file.relativePath;
            QFile f(path);
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(path));
            QCryptographicHash hash(QCryptographicHash::Sha256);
            QVERIFY(hash.addData(&f));
            QCOMPARE(hash.result().toHex(), file.sha256);
            ++checked;
        }
        QVERIFY(checked > 0);
    }
}

void TestDownload::sst2SourceInstallsLoaderLayout() {
    // The GLUE zip's layout (SST-2/{train,dev}.tsv), served locally, built from the reference
    // files: the registry entry verifies dev.tsv and installs the folder as sst2/.
    const QString shared = QStringLiteral(AIP_TEST_SHARED_DIR "/datasets/sst2");
    if (!QFileInfo(shared).isDir()) {
        QSKIP("reference SST-2 not present");
    }
    const QByteArray dev = readAll(shared + QStringLiteral("/dev.tsv"));
    const QByteArray train = readAll(shared + QStringLiteral("/train.tsv"));
    const QByteArray zip = makeArchive({{"SST-2/", {}, ArchiveEntry::Kind::Folder},
                                        {"SST-2/dev.tsv", dev},
                                        {"SST-2/train.tsv", train}},
                                       ArchiveType::Zip);
    FixtureServer server;
    QVERIFY(server.listen());
    server.route("/glue/data/SST-2.zip", {200, zip});
    QTemporaryDir root;

    DownloadParams params = DownloadParams::fromSource(*officialSource(QStringLiteral("sst2")),
                                                       root.filePath(QStringLiteral("data")));
    params.url = server.url(QStringLiteral("/glue/data/SST-2.zip"));
    JobManager manager;
    DownloadJob* job = submit(manager, params);
    QCOMPARE(JobManager::waitFor(job), Job::State::Finished);
    QCOMPARE(job->result().folder, root.filePath(QStringLiteral("data/sst2")));
    QCOMPARE(readAll(root.filePath(QStringLiteral("data/sst2/dev.tsv"))), dev);
    QCOMPARE(readAll(root.filePath(QStringLiteral("data/sst2/train.tsv"))), train);
    QCOMPARE(job->result().verifiedFiles.at(1).sha256, sha256Hex(train));
    QCOMPARE(QDir(root.filePath(QStringLiteral("data")))
                 .entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
             QStringList{QStringLiteral("sst2")});

    // Tampered dev set: rejected although the zip itself has no digest to check.
    QByteArray tampered = dev;
    const qsizetype lastLabel = tampered.size() - 2;  // "...<TAB>1\n"
    tampered[lastLabel] = tampered[lastLabel] == '0' ? '1' : '0';
    const QByteArray badZip =
        makeArchive({{"SST-2/dev.tsv", tampered}, {"SST-2/train.tsv", train}}, ArchiveType::Zip);
    server.route("/bad/SST-2.zip", {200, badZip});
    params.url = server.url(QStringLiteral("/bad/SST-2.zip"));
    params.destinationDir = root.filePath(QStringLiteral("other"));
    DownloadJob* bad = submit(manager, params);
    QCOMPARE(JobManager::waitFor(bad), Job::State::Failed);
    QVERIFY2(bad->errorMessage().contains(QStringLiteral("SST-2/dev.tsv: sha256 mismatch")),
             qPrintable(bad->errorMessage()));
    QVERIFY(!QFileInfo::exists(root.filePath(QStringLiteral("other"))));
}

QTEST_GUILESS_MAIN(TestDownload)
#include "tst_download.moc"
