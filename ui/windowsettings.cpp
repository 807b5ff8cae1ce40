#include "windowsettings.h"

#include <QHash>
#include <QMainWindow>
#include <QSettings>
#include <QSplitter>
#include <QTabWidget>

#include <algorithm>

namespace aip::windowsettings {

namespace {

// Every key of the window, once; none has a default other than the window's own layout.
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kPage = QStringLiteral("window/page");
const QString kSplitters = QStringLiteral("window/splitters/");
/// Bumped when the docks or toolbars change so much that an old state would misplace them.
constexpr int kStateVersion = 1;

/// Every splitter of the window with its key: its objectName, or (for one without) the nearest
/// named ancestor's and its place among that ancestor's unnamed splitters, which stays the same
/// as long as the page builds its splitters in the same order.
QList<QPair<QString, QSplitter*>> keyedSplitters(const QMainWindow& window) {
    QList<QPair<QString, QSplitter*>> keyed;
    QHash<QString, int> unnamed;
    for (QSplitter* splitter : window.findChildren<QSplitter*>()) {
        QString key = splitter->objectName();
        if (key.isEmpty()) {
            QObject* owner = splitter->parent();
            while (owner && owner->objectName().isEmpty()) {
                owner = owner->parent();
            }
            const QString ownerName = owner ? owner->objectName() : QString();
            key = ownerName + u'/' + QString::number(unnamed[ownerName]++);
        }
        keyed.append({key, splitter});
    }
    return keyed;
}

}  // namespace

void save(const QMainWindow& window, const QTabWidget& pages) {
    QSettings settings;
    settings.setValue(kGeometry, window.saveGeometry());
    settings.setValue(kState, window.saveState(kStateVersion));
    settings.setValue(kPage,
                      pages.currentWidget() ? pages.currentWidget()->objectName() : QString());
    for (const auto& [key, splitter] : keyedSplitters(window)) {
        // A page never shown has not laid out its splitter: what was saved before stays.
        const QList<int> sizes = splitter->sizes();
        if (std::any_of(sizes.begin(), sizes.end(), [](int size) { return size > 0; })) {
            settings.setValue(kSplitters + key, splitter->saveState());
        }
    }
}

void restore(QMainWindow& window, QTabWidget& pages) {
    const QSettings settings;
    window.restoreGeometry(settings.value(kGeometry).toByteArray());
    window.restoreState(settings.value(kState).toByteArray(), kStateVersion);
    const QString page = settings.value(kPage).toString();
    for (int i = 0; i < pages.count(); ++i) {
        if (!page.isEmpty() && pages.widget(i)->objectName() == page) {
            pages.setCurrentIndex(i);
        }
    }
    for (const auto& [key, splitter] : keyedSplitters(window)) {
        const QVariant state = settings.value(kSplitters + key);
        if (state.isValid()) {
            splitter->restoreState(state.toByteArray());
        }
    }
}

}  // namespace aip::windowsettings
