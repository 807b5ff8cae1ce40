#include "pagesettings.h"

#include <QDir>
#include <QSettings>

namespace aip::pagesettings {

namespace {

// Every key of the pages, once, with its default.
const QString kResultsDirectory = QStringLiteral("pages/resultsDirectory");
const QString kQuickProtocol = QStringLiteral("pages/quickProtocol");
constexpr bool kQuickProtocolDefault = true;
const QString kExportDirectory = QStringLiteral("reports/exportDirectory");
const QString kRecentFolders = QStringLiteral("reports/recentFolders");

QString absolute(const QString& directory) {
    return QDir::cleanPath(QDir::current().absoluteFilePath(directory));
}

}  // namespace

QString resultsDirectory() {
    const QString stored = QSettings().value(kResultsDirectory).toString();
    return QDir::cleanPath(
        QDir::current().absoluteFilePath(stored.isEmpty() ? QStringLiteral("results") : stored));
}

void setResultsDirectory(const QString& directory) {
    QSettings().setValue(kResultsDirectory,
                         QDir::cleanPath(QDir::current().absoluteFilePath(directory)));
}

bool quickProtocol() {
    return QSettings().value(kQuickProtocol, kQuickProtocolDefault).toBool();
}

void setQuickProtocol(bool quick) {
    QSettings().setValue(kQuickProtocol, quick);
}

QString exportDirectory() {
    const QString stored = QSettings().value(kExportDirectory).toString();
    return stored.isEmpty() ? resultsDirectory() : stored;
}

void setExportDirectory(const QString& directory) {
    QSettings().setValue(kExportDirectory, absolute(directory));
}

QStringList recentFolders() {
    return QSettings().value(kRecentFolders).toStringList().mid(0, kMaxRecentFolders);
}

void addRecentFolder(const QString& directory) {
    QStringList folders = recentFolders();
    const QString path = absolute(directory);
    folders.removeAll(path);
    folders.prepend(path);
    QSettings().setValue(kRecentFolders, folders.mid(0, kMaxRecentFolders));
}

}  // namespace aip::pagesettings
