#pragma once

#include <QString>

namespace aip::pagesettings {

/// The results folder the Profiles and Planner playground pages read and profile into.
/// Default: `results/` in the working directory (as `--out` defaults to), made absolute.
QString resultsDirectory();
void setResultsDirectory(const QString& directory);

/// Whether the pages use the quick protocol (experimental_protocol_quick.yaml). Default: on,
/// the protocol that runs offline on Fashion-MNIST.
bool quickProtocol();
void setQuickProtocol(bool quick);

}  // namespace aip::pagesettings
