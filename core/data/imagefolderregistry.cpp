#include "data/imagefolderregistry.h"

#include "common/atomicfile.h"
#include "common/error.h"
#include "data/imagefolder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace aip::imagefolders {

namespace {

QString fileOrDefault(const QString& file) {
    return file.isEmpty() ? registryFile() : file;
}

void save(const QString& file, const QStringList& folders) {
    if (file.isEmpty()) {
        throw Error(
            QStringLiteral("no config folder is known on this system to keep the image "
                           "folders in"));
    }
    if (!QDir().mkpath(QFileInfo(file).absolutePath())) {
        throw Error(QStringLiteral("%1: cannot create its folder").arg(file));
    }
    QByteArray text;
    for (const QString& folder : folders) {
        text += folder.toUtf8() + '\n';
    }
    writeFileAtomically(file, text);
}

}  // namespace

QString registryFile() {
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
    return folder.isEmpty() ? QString()
                            : QDir(folder).filePath(QStringLiteral("image_folders.txt"));
}

QStringList registered(const QString& file) {
    QFile f(fileOrDefault(file));
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text)) {
        return {};
    }
    QStringList folders;
    for (const QByteArray& line : f.readAll().split('\n')) {
        const QString folder = QString::fromUtf8(line).trimmed();
        if (!folder.isEmpty() && !folders.contains(folder)) {
            folders.append(folder);
        }
    }
    return folders;
}

QString add(const QString& folder, const QString& file) {
    const QString absolute = QDir::cleanPath(QDir::current().absoluteFilePath(folder));
    if (!QFileInfo(absolute).isDir()) {
        throw Error(QStringLiteral("%1: not a folder").arg(absolute));
    }
    if (!imagefolder::holdsImages(absolute)) {
        throw Error(QStringLiteral("%1: not an image folder; expected %1/[<split>/]<class>/*.png "
                                   "(or .jpg, .jpeg, .bmp)")
                        .arg(absolute));
    }
    QStringList folders = registered(file);
    if (!folders.contains(absolute)) {
        folders.append(absolute);
        save(fileOrDefault(file), folders);
    }
    return absolute;
}

void remove(const QString& folder, const QString& file) {
    QStringList folders = registered(file);
    if (folders.removeAll(QDir::cleanPath(QDir::current().absoluteFilePath(folder))) > 0) {
        save(fileOrDefault(file), folders);
    }
}

}  // namespace aip::imagefolders
