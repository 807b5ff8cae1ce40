// The Datasets dock's Browse… grid, checked against the dataset files read here byte by byte,
// and its Add image folder…, kept between sessions.

#include "data/datasearchpath.h"
#include "data/imagefolderregistry.h"
#include "datasetbrowser.h"
#include "datasetspanel.h"
#include "datasettablemodel.h"
#include "examplegridmodel.h"
#include "jobs/jobmanager.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace aip;

namespace {

const QString kShared = QStringLiteral(AIP_TEST_SHARED_DIR);
const QString kConfigs = QStringLiteral(AIP_TEST_SOURCE_DIR "/configs");
const QString kCifar = kShared + QStringLiteral("/datasets/cifar-10-batches-bin");

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

int findRow(const QAbstractItemModel* model, int role, const QVariant& value) {
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->index(r, 0).data(role) == value) {
            return r;
        }
    }
    return -1;
}

/// A solid `colour` PNG of 8×8 pixels at `path`.
void writeImage(const QString& path, QColor colour) {
    QVERIFY(QDir().mkpath(QFileInfo(path).absolutePath()));
    QImage image(8, 8, QImage::Format_RGB888);
    image.fill(colour);
    QVERIFY(image.save(path));
}

}  // namespace

class TestDatasetBrowser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cifarPagesMatchTheBatchFile();
    void sst2SentencesMatchTheTsv();
    void imageFolderIsAddedKeptAndBrowsed();

private:
    QTemporaryDir m_work;
};

void TestDatasetBrowser::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QFile::remove(imagefolders::registryFile());
    QVERIFY(m_work.isValid());
    qputenv(DataSearchPath::environmentVariable(),
            (kShared + QStringLiteral("/datasets:") + kShared).toLocal8Bit());
}

void TestDatasetBrowser::cifarPagesMatchTheBatchFile() {
    // CIFAR-10's binary format: per record one label byte, then 1024 bytes each of R, G, B.
    const QByteArray batch = readAll(kCifar + "/test_batch.bin");
    QCOMPARE(batch.size(), 10000 * 3073);
    const QStringList classes =
        QString::fromUtf8(readAll(kCifar + "/batches.meta.txt")).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(classes.size(), 10);

    JobManager jobs;
    DatasetsPanel panel(&jobs, DataSearchPath::fromEnvironment(), nullptr, kConfigs);
    DatasetBrowser* browser = panel.browse("cifar10");
    QVERIFY(browser != nullptr);
    QAbstractItemModelTester tester(browser->examples(),
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy shown(browser, &DatasetBrowser::pageShown);
    QVERIFY(shown.wait(120000));
    QCOMPARE(browser->splitChooser()->currentData().toString(), QString("test"));
    ExampleGridModel* grid = browser->examples();
    QCOMPARE(grid->rowCount(), DatasetBrowser::pageSize());
    const auto checkPage = [&](qsizetype first) {
        for (int row = 0; row < grid->rowCount(); ++row) {
            const qsizetype example = first + row;
            const QModelIndex index = grid->index(row);
            const auto label = static_cast<int>(static_cast<uchar>(batch[example * 3073]));
            QCOMPARE(index.data(ExampleGridModel::IndexRole).toLongLong(), example);
            QCOMPARE(index.data(ExampleGridModel::LabelRole).toInt(), label);
            QCOMPARE(index.data(ExampleGridModel::LabelNameRole).toString(), classes.at(label));
            // The thumbnail's corner is the image's first pixel (scaled up without smoothing).
            const QImage thumb = index.data(Qt::DecorationRole).value<QImage>();
            QCOMPARE(thumb.height(), ExampleGridModel::thumbnailHeight());
            const QRgb corner = thumb.pixel(0, 0);
            QCOMPARE(qRed(corner), static_cast<int>(static_cast<uchar>(batch[example * 3073 + 1])));
            QCOMPARE(qGreen(corner),
                     static_cast<int>(static_cast<uchar>(batch[example * 3073 + 1 + 1024])));
            QCOMPARE(qBlue(corner),
                     static_cast<int>(static_cast<uchar>(batch[example * 3073 + 1 + 2048])));
        }
    };
    checkPage(0);

    // The pretrained ResNet-20 on the page: an answer and a confidence for every example.
    const int resnet20 = browser->modelChooser()->findData("resnet20");
    QVERIFY(resnet20 > 0);
    browser->modelChooser()->setCurrentIndex(resnet20);
    QVERIFY(browser->predictButton()->isEnabled());
    QSignalSpy predicted(browser, &DatasetBrowser::predictionsShown);
    browser->predictButton()->click();
    QVERIFY(predicted.wait(120000));
    int correct = 0;
    for (int row = 0; row < grid->rowCount(); ++row) {
        const QModelIndex index = grid->index(row);
        const auto label = static_cast<int>(static_cast<uchar>(batch[row * 3073]));
        QVERIFY(index.data(ExampleGridModel::PredictedRole).isValid());
        const double confidence = index.data(ExampleGridModel::ConfidenceRole).toDouble();
        QVERIFY(confidence > 0.1 && confidence <= 1.0);
        QCOMPARE(index.data(ExampleGridModel::CorrectRole).toBool(),
                 index.data(ExampleGridModel::PredictedRole).toInt() == label);
        correct += index.data(ExampleGridModel::PredictedRole).toInt() == label ? 1 : 0;
    }
    // He et al.'s ResNet-20 answers about 91% of CIFAR-10's test images right.
    QVERIFY2(correct >= 38, qPrintable(QString::number(correct)));
    QVERIFY2(browser->message()->text().contains(QString("%1 of 48").arg(correct)),
             qPrintable(browser->message()->text()));

    // The next page: the next records of the file, predictions forgotten.
    browser->showPage(DatasetBrowser::pageSize());
    checkPage(DatasetBrowser::pageSize());
    QVERIFY(!grid->index(0).data(ExampleGridModel::PredictedRole).isValid());
    browser->close();
}

void TestDatasetBrowser::sst2SentencesMatchTheTsv() {
    const QList<QByteArray> lines = readAll(kShared + "/datasets/sst2/dev.tsv").split('\n');
    JobManager jobs;
    DatasetsPanel panel(&jobs, DataSearchPath::fromEnvironment(), nullptr, kConfigs);
    DatasetBrowser* browser = panel.browse("sst2");
    QSignalSpy shown(browser, &DatasetBrowser::pageShown);
    QVERIFY(shown.wait(120000));
    QCOMPARE(browser->splitChooser()->currentData().toString(), QString("dev"));
    QCOMPARE(browser->view()->viewMode(), QListView::ListMode);
    ExampleGridModel* grid = browser->examples();
    QCOMPARE(grid->rowCount(), DatasetBrowser::pageSize());
    for (int row = 0; row < grid->rowCount(); ++row) {
        const QList<QByteArray> fields = lines.at(row + 1).split('\t');  // after the header
        QCOMPARE(grid->index(row).data(ExampleGridModel::SentenceRole).toString(),
                 QString::fromUtf8(fields.at(0)));
        QCOMPARE(grid->index(row).data(ExampleGridModel::LabelRole).toInt(), fields.at(1).toInt());
        QVERIFY(grid->index(row).data().toString().contains(fields.at(0).trimmed()));
    }
    browser->close();
}

void TestDatasetBrowser::imageFolderIsAddedKeptAndBrowsed() {
    // A folder as a user names it: relative to the working folder, with a space.
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(m_work.path()));
    writeImage("my images/train/cat/a.png", Qt::red);
    writeImage("my images/train/cat/b.png", Qt::red);
    writeImage("my images/train/dog/c.png", Qt::blue);
    writeImage("my images/test/cat/d.png", Qt::red);
    writeImage("my images/test/dog/e.png", Qt::blue);
    QVERIFY(QDir().mkpath("no images/cat"));
    const QString absolute = QDir(m_work.path()).absoluteFilePath("my images");

    JobManager jobs;
    {
        DatasetsPanel panel(&jobs, DataSearchPath::fromEnvironment(), nullptr, kConfigs);
        QAbstractItemModelTester tester(panel.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(panel.addFolderAction()->isEnabled());
        Job* bad = panel.addImageFolder("no images");
        QCOMPARE(JobManager::waitFor(bad), Job::State::Failed);
        QVERIFY2(
            bad->errorMessage().contains(m_work.filePath("no images") + ": not an image folder"),
            qPrintable(bad->errorMessage()));
        QTRY_VERIFY(panel.message().contains("no images"));

        QSignalSpy scanned(panel.model(), &DatasetTableModel::scanFinished);
        Job* added = panel.addImageFolder("my images");
        QCOMPARE(JobManager::waitFor(added), Job::State::Finished);
        QVERIFY(scanned.wait(60000));
        QVERIFY(panel.message().isEmpty());
        const int row = findRow(panel.model(), DatasetTableModel::NameRole, absolute);
        QVERIFY(row >= 3);  // after the built-in datasets
        const QModelIndex index = panel.model()->index(row, 0);
        QVERIFY(index.data(DatasetTableModel::ImageFolderRole).toBool());
        QCOMPARE(index.data().toString(), QString("my images (image folder)"));
        QCOMPARE(index.data(DatasetTableModel::StateRole).toString(), QString("found"));
        const QVariantMap counts = index.data(DatasetTableModel::SplitCountsRole).toMap();
        QCOMPARE(counts.value("train").toLongLong(), 3);
        QCOMPARE(counts.value("test").toLongLong(), 2);
        QVERIFY(!index.data(DatasetTableModel::DownloadableRole).toBool());
        QCOMPARE(panel.view()->currentIndex().row(), row);  // selected once added
        QVERIFY(panel.browseAction()->isEnabled());
        QVERIFY(panel.forgetFolderAction()->isEnabled());
    }
    // Kept for the next session.
    QCOMPARE(imagefolders::registered(), QStringList{absolute});
    DatasetsPanel again(&jobs, DataSearchPath::fromEnvironment(), nullptr, kConfigs);
    const int row = findRow(again.model(), DatasetTableModel::NameRole, absolute);
    QVERIFY(row >= 0);

    // Browsed: the class folders' names as labels, the images' colours as thumbnails.
    DatasetBrowser* browser = again.browse(absolute);
    QSignalSpy shown(browser, &DatasetBrowser::pageShown);
    QVERIFY(shown.wait(60000));
    QCOMPARE(browser->splitChooser()->currentData().toString(), QString("test"));
    ExampleGridModel* grid = browser->examples();
    QCOMPARE(grid->rowCount(), 2);
    QCOMPARE(grid->index(0).data(ExampleGridModel::LabelNameRole).toString(), QString("cat"));
    QCOMPARE(grid->index(1).data(ExampleGridModel::LabelNameRole).toString(), QString("dog"));
    QCOMPARE(QColor(grid->index(0).data(Qt::DecorationRole).value<QImage>().pixel(3, 3)),
             QColor(Qt::red));
    QCOMPARE(QColor(grid->index(1).data(Qt::DecorationRole).value<QImage>().pixel(3, 3)),
             QColor(Qt::blue));
    browser->splitChooser()->setCurrentIndex(browser->splitChooser()->findData("train"));
    QVERIFY(shown.wait(60000));
    QCOMPARE(grid->rowCount(), 3);
    browser->close();

    // Taken off the list again; the files stay.
    again.view()->selectRow(row);
    again.forgetFolderAction()->trigger();
    QVERIFY(imagefolders::registered().isEmpty());
    QCOMPARE(findRow(again.model(), DatasetTableModel::NameRole, absolute), -1);
    QVERIFY(QFile::exists("my images/train/cat/a.png"));
    QDir::setCurrent(previous);
}

QTEST_MAIN(TestDatasetBrowser)
#include "tst_datasetbrowser.moc"
