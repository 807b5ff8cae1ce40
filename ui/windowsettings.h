#pragma once

class QMainWindow;
class QTabWidget;

namespace aip::windowsettings {

/// Saves the window's geometry and state (toolbars, docks and their layout), the current page of
/// `pages`, and the sizes of every QSplitter inside the window. The folders (results,
/// export, recent) are kept by pagesettings as they change.
void save(const QMainWindow& window, const QTabWidget& pages);
/// Restores what save() kept; what was never saved keeps the window's defaults.
void restore(QMainWindow& window, QTabWidget& pages);

}  // namespace aip::windowsettings
