#pragma once

#include <QString>
#include <QStringList>

namespace aip::pagesettings {

/// The results folder the Profiles and Planner playground pages read and profile into.
/// Default: `results/` in the working directory (as `--out` defaults to), made absolute.
QString resultsDirectory();
void setResultsDirectory(const QString& directory);

/// Whether the pages use the quick protocol (experimental_protocol_quick.yaml). Default: on,
/// the protocol that runs offline on Fashion-MNIST.
bool quickProtocol();
void setQuickProtocol(bool quick);

/// The folder the last export (CSV, image, report) went to. Default: the results folder.
QString exportDirectory();
void setExportDirectory(const QString& directory);

/// The results folders opened last, most recent first (at most kMaxRecentFolders, each once).
inline constexpr int kMaxRecentFolders = 8;
QStringList recentFolders();
/// Puts `directory` (made absolute) first in recentFolders().
void addRecentFolder(const QString& directory);

}  // namespace aip::pagesettings
