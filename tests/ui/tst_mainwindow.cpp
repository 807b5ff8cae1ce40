#include "aboutbox.h"
#include "applanguage.h"
#include "common/error.h"
#include "config/modelsconfig.h"
#include "data/datasetloader.h"
#include "datasetspanel.h"
#include "datasettablemodel.h"
#include "joblistmodel.h"
#include "jobs/jobmanager.h"
#include "jobspanel.h"
#include "mainwindow.h"
#include "modelzoomodel.h"
#include "modelzoopanel.h"
#include "pages/pagesettings.h"
#include "pages/plannerplaygroundpage.h"
#include "pages/profilespage.h"
#include "pages/resultsfolderbar.h"
#include "progressbardelegate.h"
#include "reports/pipelinepanel.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QScrollBar>
#include <QSemaphore>
#include <QSettings>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QToolButton>
#include <QTranslator>
#include <QXmlStreamReader>

#include <atomic>
#include <memory>

using namespace aip;

namespace {

const QString kShared = QStringLiteral(AIP_TEST_SHARED_DIR);

void writeFile(const QString& path, const QByteArray& content) {
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(content);
}

/// The row of `model` whose `role` equals `value`, or -1.
int findRow(const QAbstractItemModel* model, int role, const QVariant& value,
            const QModelIndex& parent = QModelIndex()) {
    for (int r = 0; r < model->rowCount(parent); ++r) {
        if (model->index(r, 0, parent).data(role) == value) {
            return r;
        }
    }
    return -1;
}

QString cell(const QAbstractItemModel* model, int row, int column,
             const QModelIndex& parent = QModelIndex()) {
    return model->index(row, column, parent).data().toString();
}

}  // namespace

class TestMainWindow final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void docksAndPagesAreTitled();
    void ownsAJobManager();
    void zooListsEveryVariantByTask();
    void zooReportsWeights();
    void zooShowsAConfigurationError();
    void datasetsAreCountedInAJob();
    void datasetsMissingOrBroken();
    void staleDatasetScanIsDropped();
    void downloadIsOfferedForMissingDatasets();
    void submittedJobReachesDone();
    void failingJobShowsItsMessage();
    void cancelButtonCancelsTheSelectedJob();
    void settingsRoundTrip();
    void statusBarCountsRunningJobs();
    void shortcutsSwitchPagesAndReload();
    void aboutNamesTheVersions();
    void everyControlHasATooltip();
    void germanTranslationLoads();
    void germanTranslationIsComplete();

private:
    QTemporaryDir m_data;  ///< first folder of AIP_DATA_DIR for the window tests
};

void TestMainWindow::initTestCase() {
    // Keep the user's own data folder (and any checkpoints in it) and settings out of the tests.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AnytimeInferencePlannerTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QVERIFY(m_data.isValid());
    qputenv("AIP_CONFIG_DIR", QByteArray(AIP_TEST_SOURCE_DIR "/configs"));
}

void TestMainWindow::init() {
    QSettings().clear();  // every window starts with the default layout
    // A data folder of the test's own, then the shared models (no datasets: quick scans).
    qputenv(DataSearchPath::environmentVariable(), (m_data.path() + u':' + kShared).toLocal8Bit());
}

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
    QCOMPARE(titles, QStringList({"Datasets", "Jobs", "Model zoo", "Run pipeline"}));
    const auto* pages = window.findChild<QTabWidget*>("pages");
    QVERIFY(pages != nullptr);
    QCOMPARE(pages->count(), 7);  // the five report pages: tst_reports
    QCOMPARE(pages->tabText(1), QString("Planner playground"));
    // The docks hold their panels, not placeholders.
    QCOMPARE(window.findChild<QDockWidget*>("datasetsDock")->widget(),
             static_cast<QWidget*>(window.datasetsPanel()));
    QCOMPARE(window.findChild<QDockWidget*>("modelZooDock")->widget(),
             static_cast<QWidget*>(window.modelZooPanel()));
    QCOMPARE(window.findChild<QDockWidget*>("jobsDock")->widget(),
             static_cast<QWidget*>(window.jobsPanel()));
    QCOMPARE(window.findChild<QDockWidget*>("pipelineDock")->widget(),
             static_cast<QWidget*>(window.pipelinePanel()));
}

void TestMainWindow::ownsAJobManager() {
    MainWindow window;
    QVERIFY(window.jobManager() != nullptr);
    QCOMPARE(window.jobManager()->parent(), &window);
    // The dataset scan runs on that manager, and the Jobs dock lists the same manager's jobs.
    QCOMPARE(window.jobManager()->jobs().size(), 1);
    QCOMPARE(window.jobsPanel()->model()->rowCount(), 1);
    QCOMPARE(window.jobsPanel()->model()->jobAt(0), window.jobManager()->jobs().first());
}

void TestMainWindow::zooListsEveryVariantByTask() {
    MainWindow window;
    ModelZooModel* model = window.modelZooPanel()->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY2(window.modelZooPanel()->errorMessage().isEmpty(),
             qPrintable(window.modelZooPanel()->errorMessage()));
    const ModelsConfig config = ModelsConfig::load(AIP_TEST_SOURCE_DIR "/configs/models.yaml");

    QStringList tasks;
    for (int r = 0; r < model->rowCount(); ++r) {
        tasks.append(model->index(r, 0).data(ModelZooModel::TaskRole).toString());
    }
    QStringList expectedTasks;
    for (const TaskSpec& t : config.tasks) {
        expectedTasks.append(t.id);
    }
    QCOMPARE(tasks, expectedTasks);

    QStringList ids;
    for (int t = 0; t < model->rowCount(); ++t) {
        const QModelIndex task = model->index(t, 0);
        for (int r = 0; r < model->rowCount(task); ++r) {
            const QModelIndex m = model->index(r, 0, task);
            QCOMPARE(m.data(ModelZooModel::TaskRole).toString(), tasks.at(t));
            QCOMPARE(config.model(m.data(ModelZooModel::ModelIdRole).toString())->task,
                     tasks.at(t));
            ids.append(m.data().toString());
        }
    }
    QCOMPARE(ids.size(), config.modelIds().size());
    for (const QString& id : config.modelIds()) {
        QVERIFY2(ids.contains(id), qPrintable(id));
    }

    const QModelIndex cifar = model->index(findRow(model, ModelZooModel::TaskRole, "cifar10"), 0);
    const int resnet18 = findRow(model, ModelZooModel::ModelIdRole, "resnet18-w0.5", cifar);
    QVERIFY(resnet18 >= 0);
    QCOMPARE(cell(model, resnet18, ModelZooModel::ArchitectureColumn, cifar), QString("resnet18"));
    QCOMPARE(cell(model, resnet18, ModelZooModel::ParametersColumn, cifar),
             QString("depth 1, width 0.5"));
}

void TestMainWindow::zooReportsWeights() {
    // A zoo model trained with two recipes (say the quick protocol's and a manual train): one
    // checkpoint each, in the model's folder of the first data folder; one is described.
    const QString folder = m_data.filePath("checkpoints/fmnist-resnet18-w0.25");
    const QString quick = folder + "/recipe-0123456789ab.pt";
    const QString manual = folder + "/recipe-ba9876543210.pt";
    writeFile(quick, "not read here");
    writeFile(folder + "/recipe-0123456789ab.json",
              R"({"digest": "0123456789ab", "recipe": {"model": "fmnist-resnet18-w0.25"},
                  "trained": {"for": "protocol 'quick', run seed 5"}})");
    writeFile(manual, "not read here");
    // A checkpoint in the layout before recipes named them is no recipe's: not trained.
    const QString legacy = m_data.filePath("checkpoints/fmnist-resnet18-w0.5.pt");
    writeFile(legacy, "not read here");
    MainWindow window;
    ModelZooModel* model = window.modelZooPanel()->model();
    const QModelIndex fmnist =
        model->index(findRow(model, ModelZooModel::TaskRole, "fashion-mnist"), 0);
    const int trained = findRow(model, ModelZooModel::ModelIdRole, "fmnist-resnet18-w0.25", fmnist);
    const int untrained =
        findRow(model, ModelZooModel::ModelIdRole, "fmnist-resnet18-w0.5", fmnist);
    QVERIFY(trained >= 0 && untrained >= 0);
    const QModelIndex t = model->index(trained, ModelZooModel::WeightsColumn, fmnist);
    QCOMPARE(t.data().toString(), QString("trained (2 recipes)"));
    QVERIFY(t.data(ModelZooModel::TrainedRole).toBool());
    QCOMPARE(t.data(ModelZooModel::WeightsPathRole).toString(),
             QFileInfo(quick).absoluteFilePath());
    const QString tip = t.data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QFileInfo(quick).absoluteFilePath() +
                          "\n    trained for protocol 'quick', run seed 5"),
             qPrintable(tip));
    QVERIFY2(tip.contains(QFileInfo(manual).absoluteFilePath()), qPrintable(tip));
    QVERIFY(!t.data(ModelZooModel::TorchScriptFoundRole).toBool());
    const QModelIndex u = model->index(untrained, ModelZooModel::WeightsColumn, fmnist);
    QCOMPARE(u.data().toString(), QString("not trained"));
    QVERIFY(!u.data(ModelZooModel::TrainedRole).toBool());
    QVERIFY2(u.data(Qt::ToolTipRole)
                 .toString()
                 .contains("checkpoints/fmnist-resnet18-w0.5/recipe-<digest>.pt"),
             qPrintable(u.data(Qt::ToolTipRole).toString()));
    QVERIFY(QDir(folder).removeRecursively());
    QVERIFY(QFile::remove(legacy));

    // A TorchScript import found on the search path (the shared pretrained ResNets).
    const QModelIndex cifar = model->index(findRow(model, ModelZooModel::TaskRole, "cifar10"), 0);
    const int resnet20 = findRow(model, ModelZooModel::ModelIdRole, "resnet20", cifar);
    QVERIFY(resnet20 >= 0);
    const QModelIndex ts = model->index(resnet20, ModelZooModel::WeightsColumn, cifar);
    QCOMPARE(ts.data().toString(), QString("file found"));
    QVERIFY(ts.data(ModelZooModel::TorchScriptFoundRole).toBool());
    QCOMPARE(
        ts.data(ModelZooModel::WeightsPathRole).toString(),
        QFileInfo(kShared + "/models/cifar10-resnet/resnet20.torchscript.pt").absoluteFilePath());
    QVERIFY(!ts.data(ModelZooModel::TrainedRole).toBool());
    QCOMPARE(ts.data(Qt::ToolTipRole).toString(),
             ts.data(ModelZooModel::WeightsPathRole).toString());
    QCOMPARE(cell(model, resnet20, ModelZooModel::ParametersColumn, cifar), QString("—"));

    // And one whose file is missing.
    ModelsConfig config;
    TaskSpec task;
    task.id = "t";
    task.dataset = "cifar10";
    config.tasks.push_back(task);
    ModelVariant imported;
    imported.id = "imported";
    imported.task = "t";
    imported.architecture = "torchscript";
    imported.file = "models/nowhere.pt";
    config.models.push_back(imported);
    ModelZooModel standalone;
    QAbstractItemModelTester tester(&standalone,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    standalone.setModels(config, DataSearchPath({m_data.path()}, m_data.path()));
    QCOMPARE(standalone.rowCount(), 1);
    const QModelIndex only = standalone.index(0, 0);
    QCOMPARE(standalone.rowCount(only), 1);
    const QModelIndex missing = standalone.index(0, ModelZooModel::WeightsColumn, only);
    QCOMPARE(missing.data().toString(), QString("file missing"));
    QVERIFY(!missing.data(ModelZooModel::TorchScriptFoundRole).toBool());
    QVERIFY(missing.data(Qt::ToolTipRole).toString().contains("models/nowhere.pt"));
}

void TestMainWindow::zooShowsAConfigurationError() {
    QTemporaryDir configs;
    QVERIFY(configs.isValid());
    writeFile(configs.filePath("models.yaml"), "tasks: [\n");
    JobManager jobs;
    ModelZooPanel panel(&jobs, DataSearchPath({m_data.path()}, m_data.path()), configs.path());
    QCOMPARE(panel.model()->rowCount(), 0);
    QVERIFY2(panel.errorMessage().contains("models.yaml"), qPrintable(panel.errorMessage()));
}

void TestMainWindow::datasetsAreCountedInAJob() {
    qputenv(DataSearchPath::environmentVariable(),
            (kShared + "/datasets:" + kShared).toLocal8Bit());
    MainWindow window;
    DatasetTableModel* model = window.datasetsPanel()->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QStringList names;
    for (int r = 0; r < model->rowCount(); ++r) {
        names.append(model->index(r, 0).data(DatasetTableModel::NameRole).toString());
    }
    QCOMPARE(names, datasets::builtInNames());
    // The rows are there at once; the counting runs in a job, not in the constructor.
    QVERIFY(model->isScanning());
    QCOMPARE(model->index(0, 0).data(DatasetTableModel::StateRole).toString(), QString("scanning"));
    QCOMPARE(cell(model, 0, DatasetTableModel::SplitsColumn), QString("counting…"));
    QTRY_VERIFY_WITH_TIMEOUT(!model->isScanning(), 180000);

    const int cifar = findRow(model, DatasetTableModel::NameRole, "cifar10");
    const QModelIndex c = model->index(cifar, 0);
    QCOMPARE(c.data(DatasetTableModel::StateRole).toString(), QString("found"));
    QCOMPARE(
        c.data(DatasetTableModel::FoldersRole).toStringList(),
        QStringList({QFileInfo(kShared + "/datasets/cifar-10-batches-bin").absoluteFilePath()}));
    QVariantMap cifarCounts = c.data(DatasetTableModel::SplitCountsRole).toMap();
    QCOMPARE(cifarCounts.value("train").toLongLong(), 50000);
    QCOMPARE(cifarCounts.value("test").toLongLong(), 10000);

    const int sst2 = findRow(model, DatasetTableModel::NameRole, "sst2");
    const QVariantMap sstCounts =
        model->index(sst2, 0).data(DatasetTableModel::SplitCountsRole).toMap();
    QCOMPARE(sstCounts.value("train").toLongLong(), 67349);
    QCOMPARE(sstCounts.value("dev").toLongLong(), 872);
    QVERIFY2(cell(model, sst2, DatasetTableModel::SplitsColumn).contains("872"),
             qPrintable(cell(model, sst2, DatasetTableModel::SplitsColumn)));

    // Fashion-MNIST comes from Debian's package where it is installed.
    const int fmnist = findRow(model, DatasetTableModel::NameRole, "fashion-mnist");
    const bool installed = !DataSearchPath::fromEnvironment()
                                .find("fashion-mnist/t10k-images-idx3-ubyte.gz")
                                .isEmpty();
    QCOMPARE(model->index(fmnist, 0).data(DatasetTableModel::StateRole).toString(),
             installed ? QString("found") : QString("not found"));
    if (installed) {
        QCOMPARE(model->index(fmnist, 0)
                     .data(DatasetTableModel::SplitCountsRole)
                     .toMap()
                     .value("test")
                     .toLongLong(),
                 10000);
    }

    // The scan is a job of the window's manager, listed in the Jobs dock.
    JobListModel* jobs = window.jobsPanel()->model();
    const int scan = findRow(jobs, Qt::DisplayRole, "Count dataset examples");
    QVERIFY(scan >= 0);
    QTRY_COMPARE(cell(jobs, scan, JobListModel::StateColumn), QString("done"));
}

void TestMainWindow::datasetsMissingOrBroken() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // CIFAR-10: a truncated test batch and no training batches. SST-2: a dev split of two rows.
    writeFile(dir.filePath("cifar-10-batches-bin/test_batch.bin"), QByteArray(100, '\0'));
    writeFile(dir.filePath("cifar-10-batches-bin/batches.meta.txt"),
              "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n");
    writeFile(dir.filePath("sst2/dev.tsv"), "sentence\tlabel\nit is good \t1\nit is bad \t0\n");
    JobManager jobs;
    DatasetTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy finished(&model, &DatasetTableModel::scanFinished);
    model.refresh(jobs, DataSearchPath({dir.path()}, dir.path()));
    QVERIFY(finished.wait(60000));

    const QModelIndex cifar =
        model.index(findRow(&model, DatasetTableModel::NameRole, "cifar10"), 0);
    QCOMPARE(cifar.data(DatasetTableModel::StateRole).toString(), QString("error"));
    QVERIFY(cifar.data(DatasetTableModel::FoundRole).toBool());
    QCOMPARE(cifar.data(DatasetTableModel::SplitCountsRole).toMap().value("test").toLongLong(), -1);
    const QString splits = cell(&model, cifar.row(), DatasetTableModel::SplitsColumn);
    QVERIFY2(splits.contains("train missing") && splits.contains("test unreadable"),
             qPrintable(splits));
    const QString why =
        model.index(cifar.row(), DatasetTableModel::SplitsColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(why.contains("test_batch.bin"), qPrintable(why));

    const QModelIndex sst2 = model.index(findRow(&model, DatasetTableModel::NameRole, "sst2"), 0);
    QCOMPARE(sst2.data(DatasetTableModel::StateRole).toString(), QString("found"));
    QCOMPARE(sst2.data(DatasetTableModel::SplitCountsRole).toMap().value("dev").toLongLong(), 2);
    QCOMPARE(sst2.data(DatasetTableModel::SplitCountsRole).toMap().value("train").toLongLong(), -1);
    QCOMPARE(model.index(sst2.row(), DatasetTableModel::LocationColumn).data().toString(),
             QFileInfo(dir.filePath("sst2")).absoluteFilePath());

    const QModelIndex fmnist =
        model.index(findRow(&model, DatasetTableModel::NameRole, "fashion-mnist"), 0);
    QCOMPARE(fmnist.data(DatasetTableModel::StateRole).toString(), QString("not found"));
    QCOMPARE(model.index(fmnist.row(), DatasetTableModel::LocationColumn).data().toString(),
             QString("not found"));
    QVERIFY(!fmnist.data(DatasetTableModel::DownloadableRole).toBool());  // Debian's package
    QVERIFY(sst2.data(DatasetTableModel::DownloadableRole).toBool());
}

void TestMainWindow::staleDatasetScanIsDropped() {
    QTemporaryDir empty;
    QTemporaryDir withSst2;
    QVERIFY(empty.isValid() && withSst2.isValid());
    writeFile(withSst2.filePath("sst2/dev.tsv"), "sentence\tlabel\nfine \t1\n");
    JobManager jobs;
    DatasetTableModel model;
    QSignalSpy finished(&model, &DatasetTableModel::scanFinished);
    Job* first = model.refresh(jobs, DataSearchPath({empty.path()}, empty.path()));
    Job* second = model.refresh(jobs, DataSearchPath({withSst2.path()}, withSst2.path()));
    QVERIFY(first->isCancelRequested());
    QVERIFY(finished.wait(60000));
    JobManager::waitFor(first);  // whatever the first scan returned has arrived by now
    QTest::qWait(50);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(second->state(), Job::State::Finished);
    const int sst2 = findRow(&model, DatasetTableModel::NameRole, "sst2");
    QCOMPARE(model.index(sst2, 0).data(DatasetTableModel::StateRole).toString(), QString("found"));
}

void TestMainWindow::downloadIsOfferedForMissingDatasets() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    writeFile(dir.filePath("sst2/dev.tsv"), "sentence\tlabel\nfine \t1\n");
    JobManager jobs;
    DatasetsPanel panel(&jobs, DataSearchPath({dir.path()}, dir.path()));
    QVERIFY(!panel.downloadAction()->isEnabled());
    QSignalSpy finished(panel.model(), &DatasetTableModel::scanFinished);
    panel.refresh();
    QVERIFY(finished.wait(60000));
    const auto select = [&](const QString& name) {
        panel.view()->selectRow(findRow(panel.model(), DatasetTableModel::NameRole, name));
        return panel.downloadAction()->isEnabled();
    };
    // Offered whatever is selected while a dataset with an official source is missing.
    QVERIFY(panel.downloadAction()->isEnabled());
    QVERIFY2(panel.downloadAction()->toolTip().contains("cifar10"),
             qPrintable(panel.downloadAction()->toolTip()));
    QVERIFY(select("cifar10"));        // missing, official source known
    QVERIFY(select("sst2"));           // found, but cifar10 is still missing
    QVERIFY(select("fashion-mnist"));  // from Debian's package; cifar10 is still missing
    // A new scan forgets the old result until it reports, so nothing is offered meanwhile.
    panel.refresh();
    QCOMPARE(panel.model()->index(0, 0).data(DatasetTableModel::StateRole).toString(),
             QString("scanning"));
    QVERIFY(!panel.downloadAction()->isEnabled());
    QVERIFY2(panel.downloadAction()->toolTip().contains("Looking for the datasets"),
             qPrintable(panel.downloadAction()->toolTip()));
    QVERIFY(finished.wait(60000));
    QVERIFY(panel.downloadAction()->isEnabled());
    panel.view()->clearSelection();
    QVERIFY(panel.downloadAction()->isEnabled());

    // With CIFAR-10 there too, nothing is left to download, and the tooltip says so.
    writeFile(dir.filePath("cifar-10-batches-bin/test_batch.bin"), QByteArray(100, '\0'));
    panel.refresh();
    QVERIFY(finished.wait(60000));
    QVERIFY(!panel.downloadAction()->isEnabled());
    QVERIFY2(panel.downloadAction()->toolTip().contains("Nothing to download"),
             qPrintable(panel.downloadAction()->toolTip()));
    QCOMPARE(panel.downloadAction()->statusTip(), panel.downloadAction()->toolTip());
}

void TestMainWindow::submittedJobReachesDone() {
    MainWindow window;
    QAbstractItemModelTester tester(window.jobsPanel()->model(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto* job = window.jobManager()->submit<int, int>("double a number", 21,
                                                      [](const int& x, JobContext& context) {
                                                          context.setProgress(0.5, "halfway");
                                                          return 2 * x;
                                                      });
    JobListModel* model = window.jobsPanel()->model();
    const int row = findRow(model, Qt::DisplayRole, "double a number");
    QVERIFY(row >= 0);
    QCOMPARE(model->jobAt(row), job);
    QTRY_COMPARE(cell(model, row, JobListModel::StateColumn), QString("done"));
    QCOMPARE(job->result(), 42);
    QCOMPARE(model->index(row, 0).data(JobListModel::ProgressRole).toDouble(), 1.0);
    QCOMPARE(cell(model, row, JobListModel::ProgressColumn), QString("100%"));
    QVERIFY(qobject_cast<ProgressBarDelegate*>(window.jobsPanel()->view()->itemDelegateForColumn(
                JobListModel::ProgressColumn)) != nullptr);
    QVERIFY(!model->index(row, 0).data(JobListModel::CancellableRole).toBool());
}

void TestMainWindow::failingJobShowsItsMessage() {
    MainWindow window;
    window.jobManager()->submit<int, int>("read a file", 0, [](const int&, JobContext&) -> int {
        throw Error("data.csv:3: 'x' is not a number");
    });
    JobListModel* model = window.jobsPanel()->model();
    const int row = findRow(model, Qt::DisplayRole, "read a file");
    QVERIFY(row >= 0);
    QTRY_COMPARE(cell(model, row, JobListModel::StateColumn),
                 QString("failed: data.csv:3: 'x' is not a number"));
    QCOMPARE(model->index(row, 0).data(JobListModel::MessageRole).toString(),
             QString("data.csv:3: 'x' is not a number"));
    QCOMPARE(model->index(row, 0).data(JobListModel::StateRole).toInt(),
             static_cast<int>(Job::State::Failed));
}

void TestMainWindow::cancelButtonCancelsTheSelectedJob() {
    MainWindow window;
    auto stop = std::make_shared<std::atomic<bool>>(false);
    window.jobManager()->submit<int, int>("wait for cancel", 0,
                                          [stop](const int&, JobContext& context) {
                                              // Ends by itself after 20 s so a failure cannot hang.
                                              for (int i = 0; i < 2000 && !stop->load(); ++i) {
                                                  context.throwIfCancelled();
                                                  QThread::msleep(10);
                                              }
                                              return 0;
                                          });
    JobsPanel* panel = window.jobsPanel();
    JobListModel* model = panel->model();
    const int row = findRow(model, Qt::DisplayRole, "wait for cancel");
    QVERIFY(row >= 0);
    QTRY_COMPARE(cell(model, row, JobListModel::StateColumn), QString("running"));
    QVERIFY(!panel->cancelButton()->isEnabled());  // nothing selected yet
    panel->view()->selectRow(row);
    QVERIFY(panel->cancelButton()->isEnabled());
    QTest::mouseClick(panel->cancelButton(), Qt::LeftButton);
    QTRY_COMPARE(cell(model, row, JobListModel::StateColumn), QString("cancelled"));
    QVERIFY(!panel->cancelButton()->isEnabled());
    stop->store(true);
}

void TestMainWindow::settingsRoundTrip() {
    QTemporaryDir base;
    QVERIFY(base.isValid());
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(base.path()));
    const auto restoreCwd = qScopeGuard([&] { QDir::setCurrent(previous); });
    const QString results = QDir::current().filePath("my results/run 1");
    QVERIFY(QDir().mkpath(results));

    const auto upperShare = [](const QSplitter* splitter) {
        const QList<int> sizes = splitter->sizes();
        return double(sizes.value(0)) / (sizes.value(0) + sizes.value(1));
    };
    QSize wanted;
    {
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.findChild<QDockWidget*>("jobsDock")->hide();
        window.addDockWidget(Qt::RightDockWidgetArea,
                             window.findChild<QDockWidget*>("pipelineDock"));
        window.layout()->activate();
        // A size the window can take with its docks there (not below its minimum), and not
        // its default.
        wanted = window.minimumSizeHint().expandedTo(QSize(1234, 876)) + QSize(17, 9);
        QVERIFY(wanted != window.size());
        window.resize(wanted);
        QCOMPARE(window.size(), wanted);
        window.pages()->setCurrentIndex(4);
        window.openResultsFolder("my results/run 1/");  // as typed: relative, spaces, a slash
        // The Ablations page's splitter has no name of its own: it is kept by its place.
        auto* splitter = window.pages()->currentWidget()->findChild<QSplitter*>();
        QVERIFY(splitter != nullptr);
        QTRY_VERIFY(splitter->sizes().value(0) > 100);
        QVERIFY2(std::abs(upperShare(splitter) - 0.55) > 0.1,  // the default is not what is set
                 qPrintable(QString::number(upperShare(splitter))));
        const int total = splitter->sizes().value(0) + splitter->sizes().value(1);
        splitter->setSizes({total * 55 / 100, total - total * 55 / 100});
        QVERIFY2(std::abs(upperShare(splitter) - 0.55) < 0.01,
                 qPrintable(QString::number(upperShare(splitter))));
        QVERIFY(window.close());
    }

    MainWindow restored;
    restored.show();
    QVERIFY(QTest::qWaitForWindowExposed(&restored));
    QCOMPARE(restored.size(), wanted);
    QVERIFY(!restored.findChild<QDockWidget*>("jobsDock")->isVisible());
    QVERIFY(restored.findChild<QDockWidget*>("datasetsDock")->isVisible());
    QCOMPARE(restored.dockWidgetArea(restored.findChild<QDockWidget*>("pipelineDock")),
             Qt::RightDockWidgetArea);
    QCOMPARE(restored.pages()->currentIndex(), 4);
    QCOMPARE(restored.pages()->tabText(4), QString("Ablations"));
    auto* splitter = restored.pages()->currentWidget()->findChild<QSplitter*>();
    // The window's height may settle a few pixels apart; the share is what the user set.
    QTRY_VERIFY2(std::abs(upperShare(splitter) - 0.55) < 0.03,
                 qPrintable(QString::number(upperShare(splitter))));
    // The folders: the results folder every page reads, and the recent ones.
    QCOMPARE(pagesettings::resultsDirectory(), results);
    QCOMPARE(pagesettings::recentFolders().value(0), results);
    QCOMPARE(restored.profilesPage()->folderBar()->directory(), results);
    QVERIFY2(restored.windowTitle().contains("run 1"), qPrintable(restored.windowTitle()));
}

void TestMainWindow::statusBarCountsRunningJobs() {
    MainWindow window;
    QLabel* label = window.jobCountLabel();
    QVERIFY(label != nullptr);
    QTRY_COMPARE(label->text(), QString("Jobs running: 0"));  // the dataset scan is done
    auto gate = std::make_shared<QSemaphore>();
    const auto blocked = [gate](const int& x, JobContext&) {
        gate->acquire();
        return x;
    };
    const auto release = qScopeGuard([gate] { gate->release(2); });
    window.jobManager()->submit<int, int>("held 1", 1, blocked);
    QCOMPARE(label->text(), QString("Jobs running: 1"));
    window.jobManager()->submit<int, int>("held 2", 2, blocked);
    QCOMPARE(label->text(), QString("Jobs running: 2"));
    QCOMPARE(window.runningJobCount(), 2);
    gate->release();
    QTRY_COMPARE(label->text(), QString("Jobs running: 1"));
    gate->release();
    QTRY_COMPARE(label->text(), QString("Jobs running: 0"));
}

void TestMainWindow::shortcutsSwitchPagesAndReload() {
    MainWindow window;
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    const auto shortcut = [&](const char* name) {
        auto* action = window.findChild<QAction*>(name);
        return action ? action->shortcut() : QKeySequence();
    };
    QCOMPARE(shortcut("openResultsFolderAction"), QKeySequence(QKeySequence::Open));
    QCOMPARE(shortcut("quitAction"), QKeySequence(QKeySequence::Quit));
    QCOMPARE(shortcut("reloadPageAction"), QKeySequence(QKeySequence::Refresh));
    QCOMPARE(shortcut("exportReportAction"), QKeySequence("Ctrl+E"));
    QCOMPARE(shortcut("runQuickAction"), QKeySequence("Ctrl+R"));
    QCOMPARE(shortcut("runFullAction"), QKeySequence("Ctrl+Shift+R"));
    // Every window action names its shortcut in its tooltip.
    for (QAction* action : window.findChildren<QAction*>()) {
        if (!action->shortcut().isEmpty() && action->objectName().endsWith("Action")) {
            QVERIFY2(
                action->toolTip().contains(action->shortcut().toString(QKeySequence::NativeText)),
                qPrintable(action->objectName()));
        }
    }
    QTest::keyClick(&window, Qt::Key_3, Qt::ControlModifier);
    QCOMPARE(window.pages()->currentIndex(), 2);
    QTest::keyClick(&window, Qt::Key_PageDown, Qt::ControlModifier);
    QCOMPARE(window.pages()->currentIndex(), 3);
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QCOMPARE(window.pages()->currentIndex(), 0);
    QTest::keyClick(&window, Qt::Key_PageUp, Qt::ControlModifier);
    QCOMPARE(window.pages()->currentIndex(), window.pages()->count() - 1);
    QTest::keyClick(&window, Qt::Key_1, Qt::ControlModifier);
    QTRY_VERIFY(!window.profilesPage()->isLoading());
    QSignalSpy loaded(window.profilesPage(), &ProfilesPage::profilesLoaded);
    QTest::keyClick(&window, Qt::Key_F5);
    QVERIFY(window.profilesPage()->isLoading());
    QVERIFY(loaded.wait(30000));
}

void TestMainWindow::aboutNamesTheVersions() {
    const QString text = aboutText();
    // Qt at run time, LibTorch (a version like 1.13.1) and the BLAS library of the process.
    QVERIFY2(text.contains(QString::fromLatin1(qVersion())), qPrintable(text));
    QVERIFY2(text.contains(QRegularExpression(R"(LibTorch</td><td>\d+\.\d+)")), qPrintable(text));
    QVERIFY2(text.contains(QRegularExpression(R"(BLAS library</td><td>lib\w*blas)")),
             qPrintable(text));
}

void TestMainWindow::everyControlHasATooltip() {
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    // Not the Planner playground page: its task and deadline boxes have no tooltips yet.
    const auto inPlayground = [&](const QWidget* widget) {
        return window.plannerPlaygroundPage()->isAncestorOf(widget);
    };
    QStringList missing;
    for (QWidget* widget : window.findChildren<QWidget*>()) {
        const bool control =
            qobject_cast<QAbstractButton*>(widget) || qobject_cast<QComboBox*>(widget) ||
            qobject_cast<QAbstractSpinBox*>(widget) || qobject_cast<QLineEdit*>(widget) ||
            qobject_cast<QAbstractSlider*>(widget);
        QWidget* parent = widget->parentWidget();
        // Qt's own parts: title bar and tab scroll buttons, a table's corner, a box's editor.
        const bool qtPart =
            widget->objectName().startsWith("qt_") || qobject_cast<QTabBar*>(parent) ||
            qobject_cast<QAbstractItemView*>(parent) || qobject_cast<QAbstractSpinBox*>(parent) ||
            qobject_cast<QComboBox*>(parent) || qobject_cast<QScrollBar*>(widget) ||
            qobject_cast<QAbstractItemView*>(parent ? parent->parentWidget() : nullptr);
        if (!control || qtPart || inPlayground(widget)) {
            continue;
        }
        QString tip = widget->toolTip();
        if (auto* button = qobject_cast<QToolButton*>(widget); button && button->defaultAction()) {
            // An action without a tooltip of its own answers with its text.
            const QAction* action = button->defaultAction();
            tip = action->toolTip() == QString(action->iconText()).remove('&') ? QString()
                                                                               : action->toolTip();
        }
        if (tip.isEmpty()) {
            missing << QString("%1 (%2 in %3)")
                           .arg(widget->objectName(), widget->metaObject()->className(),
                                parent ? parent->objectName() : QString());
        }
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(", ")));
}

void TestMainWindow::germanTranslationLoads() {
    const auto uninstall = qScopeGuard([] {
        qDeleteAll(qApp->findChildren<QTranslator*>());  // a deleted translator is removed
    });
    QVERIFY(!installTranslations(*qApp, QLocale(QLocale::English, QLocale::UnitedStates)));
    QCOMPARE(QCoreApplication::translate("aip::MainWindow", "Profiles"), QString("Profiles"));
    QVERIFY(installTranslations(*qApp, QLocale(QLocale::German, QLocale::Germany)));
    QCOMPARE(QCoreApplication::translate("aip::MainWindow", "Profiles"), QString("Profile"));
    MainWindow window;
    QCOMPARE(window.pages()->tabText(1), QString("Planer-Spielwiese"));
    QCOMPARE(window.findChild<QDockWidget*>("jobsDock")->windowTitle(), QString("Aufträge"));
    QCOMPARE(window.jobCountLabel()->text().left(19), QString("Laufende Aufträge: "));
}

// Every message of the German file has a translation that keeps the source's placeholders
// (%1, %L2, %n): a string lupdate added but nobody translated shows English in the German UI,
// and a lost placeholder drops a number from the sentence.
void TestMainWindow::germanTranslationIsComplete() {
    const QString path = QStringLiteral(AIP_TEST_SOURCE_DIR "/translations/anytime-planner_de.ts");
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
    const QRegularExpression placeholder(QStringLiteral("%L?(\\d+|n)"));
    const auto placeholders = [&](const QString& text) {
        QStringList found;
        for (auto it = placeholder.globalMatch(text); it.hasNext();)
            found << it.next().captured(1);
        found.sort();
        found.removeDuplicates();
        return found;
    };
    QXmlStreamReader xml(&file);
    QString source;
    int messages = 0;
    QStringList problems;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (xml.name() == QLatin1String("source")) {
            source = xml.readElementText();
        } else if (xml.name() == QLatin1String("translation")) {
            ++messages;
            const bool unfinished = xml.attributes().value("type") == QLatin1String("unfinished");
            QStringList forms;
            if (xml.readNext() == QXmlStreamReader::Characters && !xml.isWhitespace())
                forms << xml.text().toString();
            while (!(xml.isEndElement() && xml.name() == QLatin1String("translation"))) {
                if (xml.isStartElement() && xml.name() == QLatin1String("numerusform"))
                    forms << xml.readElementText();
                xml.readNext();
            }
            if (unfinished || forms.isEmpty() || forms.contains(QString()))
                problems << QStringLiteral("untranslated: ") + source;
            for (const QString& form : forms)
                if (placeholders(form) != placeholders(source))
                    problems << QStringLiteral("placeholders differ: ") + source + " => " + form;
        }
    }
    QVERIFY2(
        !xml.hasError(),
        qPrintable(
            QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString())));
    QVERIFY(messages > 500);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
