#pragma once

#include <QString>
#include <QStringList>

namespace aip {

/// The image folders a user registered as datasets (the Datasets dock's Add image folder…),
/// kept one absolute path a line in `image_folders.txt` of the application's config folder
/// (QStandardPaths::AppConfigLocation), so they are listed again in the next session. A
/// registered folder is a dataset named by its path, as `--dataset FOLDER` takes it.
namespace imagefolders {

/// <AppConfigLocation>/image_folders.txt; empty when the platform has no config folder.
QString registryFile();

/// The registered folders in the order they were added (those that no longer exist too: the
/// dock shows them as not found). `file` empty: registryFile().
QStringList registered(const QString& file = {});

/// Checks that `folder` is an image folder (`<folder>/[<split>/]<class>/*.png|jpg|jpeg|bmp`:
/// its first split's first class holds an image) and adds its absolute path, unless it is there
/// already; written atomically. Returns the absolute path. Throws aip::Error naming the folder
/// and the layout expected, or the registry file when it cannot be written.
QString add(const QString& folder, const QString& file = {});

/// Takes `folder` off the list (the folder itself is left alone).
void remove(const QString& folder, const QString& file = {});

}  // namespace imagefolders

}  // namespace aip
