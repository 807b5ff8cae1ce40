#include "data/datasearchpath.h"

#include "common/error.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace aip {

namespace {

QString applicationDataDirectory() {
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
}

}  // namespace

DataSearchPath DataSearchPath::fromEnvironment(const QString& explicitDir) {
    DataSearchPath path;
    path.add(explicitDir, QStringLiteral("--data-dir"));
    const QString fromEnv = qEnvironmentVariable(environmentVariable());
    for (const QString& dir : fromEnv.split(u':', Qt::SkipEmptyParts)) {
        path.add(dir, QString::fromLatin1(environmentVariable()));
    }
    path.m_userDataDirectory = applicationDataDirectory();
    path.add(path.m_userDataDirectory, QStringLiteral("user data folder"));
    path.add(systemDatasetDirectory(), QStringLiteral("system datasets"));
    return path;
}

DataSearchPath::DataSearchPath(const QStringList& directories, const QString& userDataDirectory) {
    for (const QString& dir : directories) {
        add(dir, QString());
    }
    m_userDataDirectory = userDataDirectory.isEmpty() ? applicationDataDirectory()
                                                      : QDir(userDataDirectory).absolutePath();
}

void DataSearchPath::add(const QString& directory, const QString& origin) {
    if (directory.trimmed().isEmpty()) {
        return;
    }
    const QString absolute = QDir::cleanPath(QDir(directory).absolutePath());
    if (m_directories.contains(absolute)) {
        return;
    }
    m_directories.append(absolute);
    m_origins.append(origin);
}

QString DataSearchPath::find(const QString& relativePath) const {
    if (relativePath.isEmpty()) {
        return {};
    }
    if (QDir::isAbsolutePath(relativePath)) {
        return QFileInfo::exists(relativePath) ? QDir::cleanPath(relativePath) : QString();
    }
    for (const QString& dir : m_directories) {
        const QString candidate = QDir::cleanPath(dir + u'/' + relativePath);
        if (QFileInfo::exists(candidate)) {
            return candidate;
        }
    }
    return {};
}

QString DataSearchPath::require(const QString& relativePath, const QString& what) const {
    const QString found = find(relativePath);
    if (found.isEmpty()) {
        throw Error(
            QStringLiteral("%1: %2 not found; searched %3. Put the files in one of these "
                           "folders, or name the folder that holds them with --data-dir "
                           "or %4")
                .arg(relativePath, what, describe(), QString::fromLatin1(environmentVariable())));
    }
    return found;
}

QString DataSearchPath::userDataDirectory() const {
    if (m_userDataDirectory.isEmpty()) {
        throw Error(QStringLiteral("no user data folder is known on this system; name a writable "
                                   "folder with --data-dir or %1")
                        .arg(QString::fromLatin1(environmentVariable())));
    }
    if (!QDir().mkpath(m_userDataDirectory)) {
        throw Error(
            QStringLiteral("%1: cannot create the user data folder").arg(m_userDataDirectory));
    }
    return m_userDataDirectory;
}

QString DataSearchPath::describe() const {
    if (m_directories.isEmpty()) {
        return QStringLiteral("no folders (the data search path is empty)");
    }
    QStringList parts;
    for (qsizetype i = 0; i < m_directories.size(); ++i) {
        QStringList notes;
        if (!m_origins.at(i).isEmpty()) {
            notes.append(m_origins.at(i));
        }
        if (!QFileInfo(m_directories.at(i)).isDir()) {
            notes.append(QStringLiteral("missing"));
        }
        parts.append(notes.isEmpty()
                         ? m_directories.at(i)
                         : QStringLiteral("%1 (%2)").arg(m_directories.at(i), notes.join(u", ")));
    }
    return parts.join(QStringLiteral(", "));
}

}  // namespace aip
