#include "jobs/jobmanager.h"
#include "mainwindow.h"

#include <QDockWidget>
#include <QTabWidget>
#include <QTest>

using namespace aip;

class TestMainWindow final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void docksAndPagesAreTitled();
    void ownsAJobManager();
};

void TestMainWindow::docksAndPagesAreTitled() {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QStringList titles;
    for (const QDockWidget* dock : window.findChildren<QDockWidget*>()) {
        QVERIFY(!dock->objectName().isEmpty());  // needed to save and restore the layout
        titles.append(dock->windowTitle());
    }
    titles.sort();
    QCOMPARE(titles, QStringList({"Datasets", "Jobs", "Model zoo"}));
    const auto* pages = window.findChild<QTabWidget*>("pages");
    QVERIFY(pages != nullptr);
    QCOMPARE(pages->count(), 3);
    QCOMPARE(pages->tabText(1), QString("Planner playground"));
}

void TestMainWindow::ownsAJobManager() {
    MainWindow window;
    QVERIFY(window.jobManager() != nullptr);
    QCOMPARE(window.jobManager()->parent(), &window);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
