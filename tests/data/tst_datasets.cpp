#include "common/error.h"
#include "data/cifar10batches.h"
#include "data/datasearchpath.h"
#include "data/datasetloader.h"
#include "data/gzipfile.h"
#include "data/idxfile.h"
#include "data/imagefolder.h"
#include "data/sst2tsv.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <zlib.h>

#include <functional>
#include <stdexcept>
#include <vector>

using namespace aip;

/// Writes a broken fixture into the folder it is given and loads it; must throw aip::Error.
using BadInputScenario = std::function<void(const QString& dir)>;
Q_DECLARE_METATYPE(BadInputScenario)

namespace {

// Fixture writers throw instead of using QVERIFY so they can be called from lambdas and
// helpers; Qt Test reports an escaped exception as a failure of the running test.
void writeFile(const QString& path, const QByteArray& data) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(data) != data.size()) {
        throw std::runtime_error("cannot write fixture " + path.toStdString());
    }
}

void writeGzip(const QString& path, const QByteArray& data, const char* mode = "wb") {
    QDir().mkpath(QFileInfo(path).absolutePath());
    gzFile file = gzopen(QFile::encodeName(path).constData(), mode);
    if (file == nullptr || gzwrite(file, data.constData(), unsigned(data.size())) != data.size() ||
        gzclose(file) != Z_OK) {
        throw std::runtime_error("cannot write gzip fixture " + path.toStdString());
    }
}

void writeImage(const QString& path, const cv::Mat& image) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (!cv::imwrite(QFile::encodeName(path).toStdString(), image)) {
        throw std::runtime_error("cannot write image fixture " + path.toStdString());
    }
}

template <typename Load>
QString errorMessage(Load&& load) {
    try {
        load();
    } catch (const Error& e) {
        return e.message();
    }
    return QStringLiteral("<no aip::Error thrown>");
}

// CIFAR fixture pixels: a pattern where every byte position and record differ.
std::uint8_t cifarPixel(int record, int offset) {
    return std::uint8_t((record * 37 + offset * 11) % 256);
}

QByteArray cifarRecord(int record, int label) {
    QByteArray bytes(cifar10::kRecordBytes, '\0');
    bytes[0] = char(label);
    for (int k = 0; k < cifar10::kImageBytes; ++k) {
        bytes[1 + k] = char(cifarPixel(record, k));
    }
    return bytes;
}

QByteArray cifarMeta() {
    return "zero\none\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\n";
}

QByteArray bigEndian(quint32 value) {
    QByteArray bytes(4, '\0');
    for (int i = 0; i < 4; ++i) {
        bytes[i] = char((value >> (24 - 8 * i)) & 0xff);
    }
    return bytes;
}

std::uint8_t idxPixel(int image, int offset) {
    return std::uint8_t(image * 50 + offset);
}

QByteArray idxImages(quint32 count, quint32 rows, quint32 cols) {
    QByteArray bytes =
        bigEndian(idx::kImagesMagic) + bigEndian(count) + bigEndian(rows) + bigEndian(cols);
    for (quint32 i = 0; i < count; ++i) {
        for (quint32 k = 0; k < rows * cols; ++k) {
            bytes.append(char(idxPixel(int(i), int(k))));
        }
    }
    return bytes;
}

QByteArray idxLabels(const QList<int>& labels) {
    QByteArray bytes = bigEndian(idx::kLabelsMagic) + bigEndian(quint32(labels.size()));
    for (int label : labels) {
        bytes.append(char(label));
    }
    return bytes;
}

QList<int> labelsOf(const Dataset& dataset, qsizetype count) {
    QList<int> labels;
    for (qsizetype i = 0; i < count && i < dataset.size(); ++i) {
        labels.append(dataset.label(i));
    }
    return labels;
}

QList<int> classCounts(const Dataset& dataset) {
    QList<int> counts(dataset.numClasses(), 0);
    for (qsizetype i = 0; i < dataset.size(); ++i) {
        ++counts[dataset.label(i)];
    }
    return counts;
}

QList<int> bytesAt(const ImageDataset& dataset, qsizetype image, int offset, int count) {
    QList<int> bytes;
    for (int k = 0; k < count; ++k) {
        bytes.append(dataset.pixels(image)[offset + k]);
    }
    return bytes;
}

}  // namespace

class TestDatasets final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();

    void searchPathOrder();
    void searchPathSkipsEmptyAndDuplicateFolders();
    void searchPathFindsFirstExisting();
    void searchPathNotFoundNamesEveryFolder();
    void userDataDirectoryIsCreatedOnDemand();

    void cifarBatch();
    void cifarTrainJoinsBatchesInOrder();
    void idxPair_data();
    void idxPair();
    void gzipConcatenatedMembers();
    void sst2Tsv();
    void imageFolder_data();
    void imageFolder();
    void imageFolderColourGrayAlpha();
    void imageFolderTargetSize();
    void imageOptionsApplyToBuiltInDatasets();

    void badInput_data();
    void badInput();
    void datasetNotFound();
    void unknownSplit_data();
    void unknownSplit();

    void goldenCifar10Test();
    void goldenCifar10Train();
    void goldenFashionMnist_data();
    void goldenFashionMnist();
    void goldenSst2();

private:
    DataSearchPath realDataPath() const;

    QByteArray m_savedDataDir;
    bool m_hadDataDir = false;
};

void TestDatasets::initTestCase() {
    // Keeps the user data folder of these tests away from the real one.
    QStandardPaths::setTestModeEnabled(true);
    m_hadDataDir = qEnvironmentVariableIsSet(DataSearchPath::environmentVariable());
    m_savedDataDir = qgetenv(DataSearchPath::environmentVariable());
}

void TestDatasets::cleanup() {
    if (m_hadDataDir) {
        qputenv(DataSearchPath::environmentVariable(), m_savedDataDir);
    } else {
        qunsetenv(DataSearchPath::environmentVariable());
    }
}

DataSearchPath TestDatasets::realDataPath() const {
    QStringList dirs = QString::fromLocal8Bit(m_savedDataDir).split(u':', Qt::SkipEmptyParts);
    dirs << QStringLiteral(AIP_TEST_SHARED_DIR "/datasets")
         << DataSearchPath::systemDatasetDirectory();
    return DataSearchPath(dirs);
}

// ---- DataSearchPath ----

void TestDatasets::searchPathOrder() {
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString explicitDir = tmp.filePath("explicit");
    const QString a = tmp.filePath("a");
    const QString b = tmp.filePath("b");
    const QString user = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    const QString system = QStringLiteral("/usr/share/datasets");
    qputenv(DataSearchPath::environmentVariable(), (a + u':' + b).toLocal8Bit());

    QCOMPARE(DataSearchPath::fromEnvironment(explicitDir).directories(),
             QStringList({explicitDir, a, b, user, system}));
    QCOMPARE(DataSearchPath::fromEnvironment().directories(), QStringList({a, b, user, system}));

    qunsetenv(DataSearchPath::environmentVariable());
    QCOMPARE(DataSearchPath::fromEnvironment().directories(), QStringList({user, system}));

    // A relative --data-dir is taken from the current folder.
    QCOMPARE(DataSearchPath::fromEnvironment(QStringLiteral("rel")).directories().first(),
             QDir::current().absoluteFilePath("rel"));

    const QString described = DataSearchPath::fromEnvironment(explicitDir).describe();
    QVERIFY2(described.startsWith(explicitDir + QStringLiteral(" (--data-dir, missing)")),
             qPrintable(described));
    QVERIFY2(described.contains(system + QStringLiteral(" (system datasets")),
             qPrintable(described));
}

void TestDatasets::searchPathSkipsEmptyAndDuplicateFolders() {
    QTemporaryDir tmp;
    const QString a = tmp.filePath("a");
    const QString b = tmp.filePath("b");
    qputenv(DataSearchPath::environmentVariable(),
            (QStringLiteral("::") + a + QStringLiteral("::") + b + u':' + a + u':').toLocal8Bit());
    const QStringList dirs = DataSearchPath::fromEnvironment(b).directories();
    QCOMPARE(dirs.mid(0, 2), QStringList({b, a}));
    QCOMPARE(dirs.count(a), 1);
    QCOMPARE(dirs.count(b), 1);
    QCOMPARE(DataSearchPath({QString(), a, a + u'/', b}).directories(), QStringList({a, b}));
}

void TestDatasets::searchPathFindsFirstExisting() {
    QTemporaryDir tmp;
    const QString a = tmp.filePath("a");
    const QString b = tmp.filePath("b");
    QVERIFY(QDir().mkpath(a));
    writeFile(b + QStringLiteral("/set/file.bin"), "b");
    qputenv(DataSearchPath::environmentVariable(), (a + u':' + b).toLocal8Bit());
    const DataSearchPath path = DataSearchPath::fromEnvironment();

    QCOMPARE(path.find("set/file.bin"), b + QStringLiteral("/set/file.bin"));
    QCOMPARE(path.find("set"), b + QStringLiteral("/set"));
    writeFile(a + QStringLiteral("/set/file.bin"), "a");
    QCOMPARE(path.find("set/file.bin"), a + QStringLiteral("/set/file.bin"));
    QCOMPARE(path.find("set/other.bin"), QString());
    QCOMPARE(path.find(b + QStringLiteral("/set/file.bin")), b + QStringLiteral("/set/file.bin"));
    QCOMPARE(path.require("set/file.bin", "test data"), a + QStringLiteral("/set/file.bin"));

    // --data-dir comes before AIP_DATA_DIR.
    const QString explicitDir = tmp.filePath("explicit");
    writeFile(explicitDir + QStringLiteral("/set/file.bin"), "x");
    QCOMPARE(DataSearchPath::fromEnvironment(explicitDir).find("set/file.bin"),
             explicitDir + QStringLiteral("/set/file.bin"));
}

void TestDatasets::searchPathNotFoundNamesEveryFolder() {
    QTemporaryDir tmp;
    const QString a = tmp.filePath("a");
    const QString b = tmp.filePath("b");
    QVERIFY(QDir().mkpath(a));
    const DataSearchPath path({a, b});
    const QString message = errorMessage([&] { path.require("set/missing.bin", "dataset demo"); });
    QVERIFY2(message.startsWith(QStringLiteral("set/missing.bin: dataset demo not found")),
             qPrintable(message));
    QVERIFY2(message.contains(a + QStringLiteral(", ") + b + QStringLiteral(" (missing)")),
             qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("AIP_DATA_DIR")), qPrintable(message));
}

void TestDatasets::userDataDirectoryIsCreatedOnDemand() {
    QTemporaryDir tmp;
    const QString user = tmp.filePath("user/data");
    const DataSearchPath path({tmp.path()}, user);
    QVERIFY(!QFileInfo::exists(user));
    QCOMPARE(path.userDataDirectory(), user);
    QVERIFY(QFileInfo(user).isDir());

    const QString standard = DataSearchPath::fromEnvironment().userDataDirectory();
    QCOMPARE(standard, QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation));
    QVERIFY(QFileInfo(standard).isDir());
}

// ---- formats, on fixtures written here ----

void TestDatasets::cifarBatch() {
    QTemporaryDir tmp;
    const QString batch = tmp.filePath("batch.bin");
    const QString meta = tmp.filePath("batches.meta.txt");
    writeFile(batch, cifarRecord(0, 7) + cifarRecord(1, 0) + cifarRecord(2, 9));
    writeFile(meta, cifarMeta());

    const auto dataset = loadCifar10Batches({batch}, meta, "cifar10/fixture");
    QCOMPARE(dataset->name(), QString("cifar10/fixture"));
    QCOMPARE(dataset->kind(), Dataset::Kind::Image);
    QCOMPARE(dataset->size(), 3);
    QCOMPARE(labelsOf(*dataset, 3), QList<int>({7, 0, 9}));
    QCOMPARE(dataset->channels(), 3);
    QCOMPARE(dataset->height(), 32);
    QCOMPARE(dataset->width(), 32);
    QCOMPARE(dataset->classNames().first(), QString("zero"));
    QCOMPARE(dataset->classNames().last(), QString("nine"));
    // Red plane first, then green at 1024, blue at 2048, exactly as in the record.
    for (int record = 0; record < 3; ++record) {
        for (int offset : {0, 1, 31, 32, 1023, 1024, 2048, 3071}) {
            QCOMPARE(int(dataset->pixels(record)[offset]), int(cifarPixel(record, offset)));
        }
    }
    QCOMPARE(loadCifar10Batches({batch}, QString(), "x")->classNames(),
             cifar10::defaultClassNames());
}

void TestDatasets::cifarTrainJoinsBatchesInOrder() {
    QTemporaryDir tmp;
    const QString folder = tmp.filePath("cifar-10-batches-bin");
    for (int i = 1; i <= 5; ++i) {
        writeFile(folder + QStringLiteral("/data_batch_%1.bin").arg(i),
                  cifarRecord(2 * i, i) + cifarRecord(2 * i + 1, i - 1));
    }
    writeFile(folder + QStringLiteral("/test_batch.bin"), cifarRecord(99, 8));
    writeFile(folder + QStringLiteral("/batches.meta.txt"), cifarMeta());
    const DataSearchPath path({tmp.path()});

    const auto train = loadDataset("cifar10", "train", path);
    QCOMPARE(train->name(), QString("cifar10/train"));
    QCOMPARE(train->size(), 10);
    QCOMPARE(labelsOf(*train, 10), QList<int>({1, 0, 2, 1, 3, 2, 4, 3, 5, 4}));
    const auto& images = static_cast<const ImageDataset&>(*train);
    QCOMPARE(int(images.pixels(9)[100]), int(cifarPixel(11, 100)));

    const auto test = loadDataset("cifar10", "test", path);
    QCOMPARE(test->size(), 1);
    QCOMPARE(test->label(0), 8);
    QCOMPARE(test->classNames().at(8), QString("eight"));
}

void TestDatasets::idxPair_data() {
    QTest::addColumn<bool>("compressed");
    QTest::newRow("gzip") << true;
    QTest::newRow("uncompressed") << false;
}

void TestDatasets::idxPair() {
    QFETCH(bool, compressed);
    QTemporaryDir tmp;
    const QString suffix = compressed ? QStringLiteral(".gz") : QString();
    const QString images = tmp.filePath("images-idx3-ubyte") + suffix;
    const QString labels = tmp.filePath("labels-idx1-ubyte") + suffix;
    // 3 rows × 4 columns, so a swapped row/column count would show.
    if (compressed) {
        writeGzip(images, idxImages(3, 3, 4));
        writeGzip(labels, idxLabels({4, 0, 9}));
    } else {
        writeFile(images, idxImages(3, 3, 4));
        writeFile(labels, idxLabels({4, 0, 9}));
    }
    const auto dataset = loadFashionMnist(images, labels, "fashion-mnist/fixture");
    QCOMPARE(dataset->size(), 3);
    QCOMPARE(dataset->channels(), 1);
    QCOMPARE(dataset->height(), 3);
    QCOMPARE(dataset->width(), 4);
    QCOMPARE(labelsOf(*dataset, 3), QList<int>({4, 0, 9}));
    QCOMPARE(dataset->classNames(), fashionmnist::classNames());
    QCOMPARE(dataset->classNames().first(), QString("T-shirt/top"));
    QCOMPARE(dataset->classNames().last(), QString("Ankle boot"));
    for (int i = 0; i < 3; ++i) {
        QList<int> expected;
        for (int k = 0; k < 12; ++k) {
            expected.append(idxPixel(i, k));
        }
        QCOMPARE(bytesAt(*dataset, i, 0, 12), expected);
    }
}

void TestDatasets::gzipConcatenatedMembers() {
    QTemporaryDir tmp;
    const QString file = tmp.filePath("two.gz");
    writeGzip(file, "first member, ");
    writeGzip(file, "second member", "ab");
    QCOMPARE(readGzipFile(file), QByteArray("first member, second member"));
}

void TestDatasets::sst2Tsv() {
    QTemporaryDir tmp;
    const QString file = tmp.filePath("dev.tsv");
    writeFile(file, QStringLiteral("sentence\tlabel\n"
                                   "it 's a charming journey . \t1\r\n"
                                   "flat , dull\t0\n"
                                   "naïve café \t1\n")
                        .toUtf8());
    const auto dataset = loadSst2Tsv(file, "sst2/dev");
    QCOMPARE(dataset->kind(), Dataset::Kind::Text);
    QCOMPARE(dataset->size(), 3);
    QCOMPARE(dataset->classNames(), QStringList({"negative", "positive"}));
    QCOMPARE(labelsOf(*dataset, 3), QList<int>({1, 0, 1}));
    QCOMPARE(dataset->sentence(0), QString("it 's a charming journey . "));
    QCOMPARE(dataset->sentence(1), QString("flat , dull"));
    QCOMPARE(dataset->sentence(2), QStringLiteral("naïve café "));
}

void TestDatasets::imageFolder_data() {
    QTest::addColumn<bool>("splitFolders");
    QTest::newRow("folder/split/class") << true;
    QTest::newRow("folder/class") << false;
}

void TestDatasets::imageFolder() {
    QFETCH(bool, splitFolders);
    QTemporaryDir tmp;
    const QString root = tmp.filePath("pets");
    const QString classRoot = splitFolders ? root + QStringLiteral("/train") : root;
    // "dog" sorts after "cat" although written first; files sort by name within a class.
    writeImage(classRoot + "/dog/b.png", cv::Mat(2, 3, CV_8UC1, cv::Scalar(200)));
    writeImage(classRoot + "/cat/z.bmp", cv::Mat(2, 3, CV_8UC1, cv::Scalar(20)));
    writeImage(classRoot + "/cat/a.PNG", cv::Mat(2, 3, CV_8UC1, cv::Scalar(10)));
    writeFile(classRoot + "/cat/notes.txt", "not an image");
    if (splitFolders) {
        writeImage(root + "/test/cat/t.png", cv::Mat(2, 3, CV_8UC1, cv::Scalar(1)));
        writeImage(root + "/test/dog/t.png", cv::Mat(2, 3, CV_8UC1, cv::Scalar(2)));
    }

    const auto dataset = loadDataset(root, "train", DataSearchPath(QStringList()));
    QCOMPARE(dataset->name(), root + QStringLiteral("/train"));
    QCOMPARE(dataset->classNames(), QStringList({"cat", "dog"}));
    QCOMPARE(dataset->size(), 3);
    QCOMPARE(labelsOf(*dataset, 3), QList<int>({0, 0, 1}));
    const auto& images = static_cast<const ImageDataset&>(*dataset);
    QCOMPARE(images.channels(), 1);
    QCOMPARE(images.height(), 2);
    QCOMPARE(images.width(), 3);
    QCOMPARE(bytesAt(images, 0, 0, 6), QList<int>(6, 10));
    QCOMPARE(bytesAt(images, 1, 0, 6), QList<int>(6, 20));
    QCOMPARE(bytesAt(images, 2, 0, 6), QList<int>(6, 200));

    if (splitFolders) {
        QCOMPARE(imagefolder::splitsIn(root), QStringList({"test", "train"}));
        // Also found by name on the search path.
        const auto test = loadDataset("pets", "test", DataSearchPath({tmp.path()}));
        QCOMPARE(test->size(), 2);
        QCOMPARE(int(static_cast<const ImageDataset&>(*test).pixels(1)[0]), 2);
    } else {
        QCOMPARE(imagefolder::splitsIn(root), QStringList());
    }
}

void TestDatasets::imageFolderColourGrayAlpha() {
    QTemporaryDir tmp;
    const QString root = tmp.filePath("colours");
    // OpenCV writes BGR(A): blue 10, green 20, red 30, one distinct pixel at row 1, column 2.
    cv::Mat colour(2, 3, CV_8UC3, cv::Scalar(10, 20, 30));
    colour.at<cv::Vec3b>(1, 2) = cv::Vec3b(1, 2, 3);
    writeImage(root + "/a/colour.png", colour);
    writeImage(root + "/b/alpha.png", cv::Mat(2, 3, CV_8UC4, cv::Scalar(10, 20, 30, 128)));

    const auto rgb = loadImageFolder(root, QString());
    QCOMPARE(rgb->name(), root);
    QCOMPARE(rgb->channels(), 3);
    QCOMPARE(rgb->size(), 2);
    const int plane = 6;
    QCOMPARE(bytesAt(*rgb, 0, 0, 1), QList<int>({30}));             // red
    QCOMPARE(bytesAt(*rgb, 0, plane, 1), QList<int>({20}));         // green
    QCOMPARE(bytesAt(*rgb, 0, 2 * plane, 1), QList<int>({10}));     // blue
    QCOMPARE(bytesAt(*rgb, 0, 5, 1), QList<int>({3}));              // red at (1, 2)
    QCOMPARE(bytesAt(*rgb, 0, 2 * plane + 5, 1), QList<int>({1}));  // blue at (1, 2)
    QCOMPARE(bytesAt(*rgb, 1, 0, 1), QList<int>({30}));             // alpha dropped, RGB kept

    const QString grayRoot = tmp.filePath("gray");
    writeImage(grayRoot + "/only/g.png", cv::Mat(2, 3, CV_8UC1, cv::Scalar(77)));
    QCOMPARE(loadImageFolder(grayRoot, QString())->channels(), 1);
    ImageLoadOptions threeChannels;
    threeChannels.channels = 3;
    const auto expanded = loadImageFolder(grayRoot, QString(), threeChannels);
    QCOMPARE(expanded->channels(), 3);
    QCOMPARE(bytesAt(*expanded, 0, 0, 18), QList<int>(18, 77));

    // Mixed gray and colour images need an explicit channel count.
    writeImage(grayRoot + "/only/h.png", colour);
    const QString message = errorMessage([&] { loadImageFolder(grayRoot, QString()); });
    QVERIFY2(message.startsWith(grayRoot + "/only/h.png: 3×2 RGB image, but"), qPrintable(message));
    QCOMPARE(loadImageFolder(grayRoot, QString(), threeChannels)->size(), 2);
}

void TestDatasets::imageFolderTargetSize() {
    QTemporaryDir tmp;
    const QString root = tmp.filePath("sizes");
    writeImage(root + "/a/small.png", cv::Mat(4, 4, CV_8UC3, cv::Scalar(10, 20, 30)));
    writeImage(root + "/b/large.png", cv::Mat(8, 6, CV_8UC3, cv::Scalar(40, 50, 60)));
    writeImage(root + "/b/photo.jpg", cv::Mat(4, 4, CV_8UC3, cv::Scalar(128, 128, 128)));

    const QString message = errorMessage([&] { loadImageFolder(root, QString()); });
    QVERIFY2(message.startsWith(root + "/b/large.png: 6×8 RGB image, but " + root +
                                "/a/small.png is 4×4 RGB"),
             qPrintable(message));

    ImageLoadOptions options;
    options.width = 2;
    options.height = 3;
    const auto dataset = loadImageFolder(root, QString(), options);
    QCOMPARE(dataset->size(), 3);
    QCOMPARE(dataset->width(), 2);
    QCOMPARE(dataset->height(), 3);
    // Area interpolation keeps a uniform image uniform.
    QCOMPARE(bytesAt(*dataset, 0, 0, 6), QList<int>(6, 30));
    QCOMPARE(bytesAt(*dataset, 1, 12, 6), QList<int>(6, 40));

    options.width = 0;
    QVERIFY_THROWS_EXCEPTION(Error, loadImageFolder(root, QString(), options));
    options.width = 2;
    options.channels = 2;
    QVERIFY_THROWS_EXCEPTION(Error, loadImageFolder(root, QString(), options));
}

void TestDatasets::imageOptionsApplyToBuiltInDatasets() {
    QTemporaryDir tmp;
    QByteArray images = bigEndian(idx::kImagesMagic) + bigEndian(2) + bigEndian(4) + bigEndian(4);
    images += QByteArray(16, char(5)) + QByteArray(16, char(45));
    writeGzip(tmp.filePath("fashion-mnist/t10k-images-idx3-ubyte.gz"), images);
    writeGzip(tmp.filePath("fashion-mnist/t10k-labels-idx1-ubyte.gz"), idxLabels({3, 1}));
    ImageLoadOptions options;
    options.channels = 3;
    options.width = 8;
    options.height = 6;
    const auto dataset =
        loadDataset("fashion-mnist", "test", DataSearchPath({tmp.path()}), options);
    const auto& shaped = static_cast<const ImageDataset&>(*dataset);
    QCOMPARE(shaped.name(), QString("fashion-mnist/test"));
    QCOMPARE(shaped.channels(), 3);
    QCOMPARE(shaped.height(), 6);
    QCOMPARE(shaped.width(), 8);
    QCOMPARE(labelsOf(shaped, 2), QList<int>({3, 1}));
    QCOMPARE(bytesAt(shaped, 0, 0, 144), QList<int>(144, 5));
    QCOMPARE(bytesAt(shaped, 1, 0, 144), QList<int>(144, 45));
}

// ---- bad input: one aip::Error starting with the file and saying what is wrong ----

void TestDatasets::badInput_data() {
    QTest::addColumn<QString>("culprit");
    QTest::addColumn<BadInputScenario>("scenario");
    QTest::addColumn<QString>("problem");

    QTest::newRow("cifar truncated")
        << "b.bin" << BadInputScenario([](const QString& d) {
               writeFile(d + "/b.bin", cifarRecord(0, 1) + cifarRecord(1, 2).left(1000));
               loadCifar10Batches({d + "/b.bin"}, {}, "x");
           })
        << "truncated or malformed CIFAR-10 batch: 4073 bytes is not a whole number of 3073-byte "
           "records (1 complete records, then 1000 stray bytes)";
    QTest::newRow("cifar label") << "b.bin" << BadInputScenario([](const QString& d) {
        writeFile(d + "/b.bin", cifarRecord(0, 1) + cifarRecord(1, 10));
        loadCifar10Batches({d + "/b.bin"}, {}, "x");
    }) << "record 1 (byte offset 3073) has label 10; CIFAR-10 labels are 0 to 9";
    QTest::newRow("cifar meta") << "meta.txt" << BadInputScenario([](const QString& d) {
        writeFile(d + "/b.bin", cifarRecord(0, 1));
        writeFile(d + "/meta.txt", "cat\ndog\n");
        loadCifar10Batches({d + "/b.bin"}, d + "/meta.txt", "x");
    }) << "expected 10 class names, one per line, found 2";
    QTest::newRow("idx wrong magic") << "images.gz" << BadInputScenario([](const QString& d) {
        writeGzip(d + "/images.gz", idxLabels({1, 2}));
        writeGzip(d + "/labels.gz", idxLabels({1, 2}));
        loadFashionMnist(d + "/images.gz", d + "/labels.gz", "x");
    }) << "wrong IDX magic number 0x00000801, expected 0x00000803";
    QTest::newRow("idx truncated data") << "images.gz" << BadInputScenario([](const QString& d) {
        writeGzip(d + "/images.gz", idxImages(3, 2, 2).chopped(1));
        writeGzip(d + "/labels.gz", idxLabels({1, 2, 3}));
        loadFashionMnist(d + "/images.gz", d + "/labels.gz", "x");
    }) << "truncated IDX data: the header announces 3 images of 2×2 (12 bytes), the file holds 11";
    QTest::newRow("idx count mismatch") << "images.gz" << BadInputScenario([](const QString& d) {
        writeGzip(d + "/images.gz", idxImages(3, 2, 2));
        writeGzip(d + "/labels.gz", idxLabels({1, 2}));
        loadFashionMnist(d + "/images.gz", d + "/labels.gz", "x");
    }) << "3 images, but";
    QTest::newRow("idx label out of range")
        << "labels.gz" << BadInputScenario([](const QString& d) {
               writeGzip(d + "/images.gz", idxImages(2, 2, 2));
               writeGzip(d + "/labels.gz", idxLabels({1, 10}));
               loadFashionMnist(d + "/images.gz", d + "/labels.gz", "x");
           })
        << "label 10 at index 1, but there are only 10 classes";
    QTest::newRow("gzip truncated") << "images.gz" << BadInputScenario([](const QString& d) {
        writeGzip(d + "/full.gz", idxImages(20, 8, 8));
        QFile full(d + "/full.gz");
        if (!full.open(QIODevice::ReadOnly)) {
            throw std::runtime_error("cannot reopen fixture");
        }
        writeFile(d + "/images.gz", full.readAll().chopped(30));
        writeGzip(d + "/labels.gz", idxLabels(QList<int>(20, 1)));
        loadFashionMnist(d + "/images.gz", d + "/labels.gz", "x");
    }) << "truncated gzip stream";
    QTest::newRow("gzip corrupt") << "images.gz" << BadInputScenario([](const QString& d) {
        writeGzip(d + "/full.gz", idxImages(20, 8, 8));
        QFile full(d + "/full.gz");
        if (!full.open(QIODevice::ReadOnly)) {
            throw std::runtime_error("cannot reopen fixture");
        }
        QByteArray bytes = full.readAll();
        for (qsizetype i = 12; i < bytes.size() - 8; ++i) {
            bytes[i] = char(bytes[i] ^ 0x5a);
        }
        writeFile(d + "/images.gz", bytes);
        writeGzip(d + "/labels.gz", idxLabels(QList<int>(20, 1)));
        loadFashionMnist(d + "/images.gz", d + "/labels.gz", "x");
    }) << "corrupt gzip stream";
    QTest::newRow("not gzip") << "images.gz" << BadInputScenario([](const QString& d) {
        writeFile(d + "/images.gz", idxImages(1, 2, 2));
        writeGzip(d + "/labels.gz", idxLabels({1}));
        loadFashionMnist(d + "/images.gz", d + "/labels.gz", "x");
    }) << "not a gzip file";
    QTest::newRow("tsv row without label") << "t.tsv" << BadInputScenario([](const QString& d) {
        writeFile(d + "/t.tsv", "sentence\tlabel\ngood .\t1\nno label here\n");
        loadSst2Tsv(d + "/t.tsv", "x");
    }) << "t.tsv:3: expected sentence<TAB>label, found a row without a label";
    QTest::newRow("tsv empty label") << "t.tsv" << BadInputScenario([](const QString& d) {
        writeFile(d + "/t.tsv", "sentence\tlabel\ngood .\t\n");
        loadSst2Tsv(d + "/t.tsv", "x");
    }) << "t.tsv:2: expected label 0 (negative) or 1 (positive), found \"\"";
    QTest::newRow("tsv label 2") << "t.tsv" << BadInputScenario([](const QString& d) {
        writeFile(d + "/t.tsv", "sentence\tlabel\ngood .\t1\nodd .\t2\n");
        loadSst2Tsv(d + "/t.tsv", "x");
    }) << "t.tsv:3: expected label 0 (negative) or 1 (positive), found \"2\"";
    QTest::newRow("tsv bad header") << "t.tsv" << BadInputScenario([](const QString& d) {
        writeFile(d + "/t.tsv", "label\tsentence\n1\tgood .\n");
        loadSst2Tsv(d + "/t.tsv", "x");
    }) << "t.tsv:1: expected the header sentence<TAB>label, found \"label<TAB>sentence\"";
    QTest::newRow("tsv garbage") << "t.tsv" << BadInputScenario([](const QString& d) {
        QByteArray bytes;
        for (int i = 0; i < 4096; ++i) {
            bytes += char((i * 7919 + 13) % 256);  // every byte value, NUL included
        }
        writeFile(d + "/t.tsv", bytes);
        loadSst2Tsv(d + "/t.tsv", "x");
    }) << "t.tsv:1: expected the header sentence<TAB>label";
    QTest::newRow("cifar garbage") << "b.bin" << BadInputScenario([](const QString& d) {
        QByteArray bytes;
        for (int i = 0; i < 3073 * 3; ++i) {
            bytes += char((i * 7919 + 13) % 256);
        }
        writeFile(d + "/b.bin", bytes);
        loadCifar10Batches({d + "/b.bin"}, {}, "x");
    }) << "has label";
    QTest::newRow("idx garbage") << "images.gz" << BadInputScenario([](const QString& d) {
        QByteArray bytes;
        for (int i = 0; i < 4096; ++i) {
            bytes += char((i * 7919 + 13) % 256);
        }
        writeGzip(d + "/images.gz", bytes);
        writeGzip(d + "/labels.gz", idxLabels({1}));
        loadFashionMnist(d + "/images.gz", d + "/labels.gz", "x");
    }) << "wrong IDX magic number";
    QTest::newRow("image folder that is a symlink loop")
        << "loop a" << BadInputScenario([](const QString& d) {
               QFile::link(d + "/loop b", d + "/loop a");
               QFile::link(d + "/loop a", d + "/loop b");
               loadImageFolder(d + "/loop a", QString());
           })
        << "a symbolic link that leads nowhere (a loop, or a missing target)";
    QTest::newRow("corrupt png") << "pics/b/broken.png" << BadInputScenario([](const QString& d) {
        writeImage(d + "/pics/a/fine.png", cv::Mat(2, 2, CV_8UC1, cv::Scalar(1)));
        writeFile(d + "/pics/b/broken.png", "\x89PNG\r\n\x1a\n this is not really a PNG");
        loadImageFolder(d + "/pics", QString());
    }) << "cannot decode the image";
    // Size checks come before decoding: the decoder would allocate what the header declares.
    QTest::newRow("jpeg over 8192x8192")
        << "pics/a/huge.jpg" << BadInputScenario([](const QString& d) {
               // SOI, then a frame header (SOF0) of 12545×30255 pixels and nothing else.
               writeFile(d + "/pics/a/huge.jpg",
                         QByteArray("\xff\xd8\xff\xc0\x00\x11\x08\x76\x2f\x31\x01\x03", 12));
               loadImageFolder(d + "/pics", QString());
           })
        << "a JPEG image of 12545×30255 pixels; images of more than 67108864 pixels (8192×8192) "
           "are not read";
    QTest::newRow("png over 8192x8192")
        << "pics/a/huge.png" << BadInputScenario([](const QString& d) {
               writeFile(d + "/pics/a/huge.png", QByteArray("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16) +
                                                     bigEndian(100000) + bigEndian(8193));
               loadImageFolder(d + "/pics", QString());
           })
        << "a PNG image of 100000×8193 pixels";
    QTest::newRow("bmp over 8192x8192")
        << "pics/a/huge.bmp" << BadInputScenario([](const QString& d) {
               // BITMAPINFOHEADER with a negative (top-down) height.
               writeFile(d + "/pics/a/huge.bmp",
                         "BM" + QByteArray(12, '\0') +
                             QByteArray("\x28\0\0\0\x20\x4e\0\0\xe0\xb1\xff\xff", 12));
               loadImageFolder(d + "/pics", QString());
           })
        << "a BMP image of 20000×20000 pixels";
    // OpenCV would decode it: it picks the decoder by the content, not the name.
    QTest::newRow("tiff named png") << "pics/a/photo.png" << BadInputScenario([](const QString& d) {
        writeImage(d + "/pics/a/photo.tiff", cv::Mat(2, 2, CV_8UC1, cv::Scalar(1)));
        QFile::rename(d + "/pics/a/photo.tiff", d + "/pics/a/photo.png");
        loadImageFolder(d + "/pics", QString());
    }) << "not a PNG, JPEG or BMP file";
    QTest::newRow("image folder without images")
        << "pics" << BadInputScenario([](const QString& d) {
               writeFile(d + "/pics/a/readme.txt", "no images");
               loadImageFolder(d + "/pics", QString());
           })
        << "no images in the class folders (a)";
    QTest::newRow("missing split file")
        << "cifar-10-batches-bin/data_batch_3.bin" << BadInputScenario([](const QString& d) {
               writeFile(d + "/cifar-10-batches-bin/data_batch_1.bin", cifarRecord(0, 1));
               writeFile(d + "/cifar-10-batches-bin/data_batch_2.bin", cifarRecord(0, 1));
               loadDataset("cifar10", "train", DataSearchPath({d}));
           })
        << "missing; dataset cifar10 (split train) needs it next to";
}

void TestDatasets::badInput() {
    QFETCH(QString, culprit);
    QFETCH(BadInputScenario, scenario);
    QFETCH(QString, problem);
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString message = errorMessage([&] { scenario(tmp.path()); });
    QVERIFY2(message.startsWith(tmp.filePath(culprit) + u':'), qPrintable(message));
    QVERIFY2(message.contains(problem), qPrintable(message));
}

void TestDatasets::datasetNotFound() {
    QTemporaryDir tmp;
    const QString a = tmp.filePath("a");
    const QString b = tmp.filePath("b");
    QVERIFY(QDir().mkpath(a));
    const DataSearchPath path({a, b});

    QString message = errorMessage([&] { loadDataset("cifar10", "test", path); });
    QVERIFY2(message.startsWith(
                 "cifar-10-batches-bin/test_batch.bin: dataset cifar10 (split test) not found"),
             qPrintable(message));
    QVERIFY2(message.contains(a) && message.contains(b), qPrintable(message));

    message = errorMessage([&] { loadDataset("fashion-mnist", "train", path); });
    QVERIFY2(message.startsWith("fashion-mnist/train-images-idx3-ubyte.gz: dataset fashion-mnist"),
             qPrintable(message));
    QVERIFY2(message.contains(a) && message.contains(b), qPrintable(message));

    message = errorMessage([&] { loadDataset("sst2", "dev", path); });
    QVERIFY2(message.startsWith("sst2/dev.tsv: dataset sst2 (split dev) not found"),
             qPrintable(message));

    message = errorMessage([&] { loadDataset("no-such-set", "test", path); });
    QVERIFY2(message.startsWith("no-such-set: dataset not found; it is not one of cifar10, "
                                "fashion-mnist, sst2"),
             qPrintable(message));
    QVERIFY2(message.contains(a) && message.contains(b), qPrintable(message));
}

void TestDatasets::unknownSplit_data() {
    QTest::addColumn<QString>("dataset");
    QTest::addColumn<QString>("split");
    QTest::addColumn<QString>("expected");
    QTest::newRow("cifar10") << "cifar10"
                             << "val"
                             << "cifar10: unknown split \"val\"; valid splits: train, test";
    QTest::newRow("fashion-mnist") << "fashion-mnist"
                                   << "dev"
                                   << "fashion-mnist: unknown split \"dev\"; valid splits: train, "
                                      "test";
    QTest::newRow("sst2") << "sst2"
                          << "test"
                          << "sst2: unknown split \"test\"; valid splits: train, dev";
    QTest::newRow("image folder") << "FOLDER"
                                  << "test"
                                  << "FOLDER: no split \"test\"; valid splits: train, val";
}

void TestDatasets::unknownSplit() {
    QFETCH(QString, dataset);
    QFETCH(QString, split);
    QFETCH(QString, expected);
    QTemporaryDir tmp;
    const QString folder = tmp.filePath("pics");
    writeImage(folder + "/train/a/x.png", cv::Mat(2, 2, CV_8UC1, cv::Scalar(1)));
    writeImage(folder + "/val/a/x.png", cv::Mat(2, 2, CV_8UC1, cv::Scalar(1)));
    dataset.replace("FOLDER", folder);
    expected.replace("FOLDER", folder);
    QCOMPARE(errorMessage([&] { loadDataset(dataset, split, DataSearchPath({tmp.path()})); }),
             expected);
}

// ---- golden values on the real files ----

void TestDatasets::goldenCifar10Test() {
    const DataSearchPath path = realDataPath();
    if (path.find("cifar-10-batches-bin/test_batch.bin").isEmpty()) {
        QSKIP(
            "CIFAR-10 binary batches not found; set AIP_DATA_DIR to a folder holding "
            "cifar-10-batches-bin/");
    }
    QElapsedTimer timer;
    timer.start();
    const auto dataset = loadDataset("cifar10", "test", path);
    qInfo("cifar10/test loaded in %lld ms", timer.elapsed());
    const auto& images = static_cast<const ImageDataset&>(*dataset);
    QCOMPARE(images.size(), 10000);
    QCOMPARE(images.classNames(), cifar10::defaultClassNames());
    QCOMPARE(classCounts(images), QList<int>(10, 1000));
    QCOMPARE(labelsOf(images, 10), QList<int>({3, 8, 8, 0, 6, 6, 1, 6, 3, 1}));
    // Golden bytes read with od from test_batch.bin (file offset = 1 + plane offset).
    QCOMPARE(bytesAt(images, 0, 0, 4), QList<int>({158, 159, 165, 166}));
    QCOMPARE(bytesAt(images, 0, 528, 1), QList<int>({101}));
    QCOMPARE(bytesAt(images, 0, 1024, 4), QList<int>({112, 111, 116, 118}));
    QCOMPARE(bytesAt(images, 0, 2048, 4), QList<int>({49, 47, 51, 53}));
    QCOMPARE(bytesAt(images, 0, 3071, 1), QList<int>({110}));
    QCOMPARE(bytesAt(images, 9999, 3071, 1), QList<int>({26}));
}

void TestDatasets::goldenCifar10Train() {
    const DataSearchPath path = realDataPath();
    if (path.find("cifar-10-batches-bin/data_batch_1.bin").isEmpty()) {
        QSKIP(
            "CIFAR-10 binary batches not found; set AIP_DATA_DIR to a folder holding "
            "cifar-10-batches-bin/");
    }
    QElapsedTimer timer;
    timer.start();
    const auto dataset = loadDataset("cifar10", "train", path);
    qInfo("cifar10/train loaded in %lld ms", timer.elapsed());
    const auto& images = static_cast<const ImageDataset&>(*dataset);
    QCOMPARE(images.size(), 50000);
    QCOMPARE(classCounts(images), QList<int>(10, 5000));
    QCOMPARE(labelsOf(images, 10), QList<int>({6, 9, 9, 4, 1, 1, 2, 7, 8, 3}));
    QCOMPARE(bytesAt(images, 0, 0, 4), QList<int>({59, 43, 50, 68}));
    // First image of data_batch_2 and of data_batch_5, and the very last one: batch order.
    QCOMPARE(images.label(10000), 1);
    QCOMPARE(bytesAt(images, 10000, 0, 4), QList<int>({35, 27, 25, 26}));
    QCOMPARE(bytesAt(images, 40000, 0, 4), QList<int>({255, 252, 253, 250}));
    QCOMPARE(images.label(49999), 1);
    QCOMPARE(bytesAt(images, 49999, 0, 4), QList<int>({229, 236, 234, 231}));
    QCOMPARE(bytesAt(images, 49999, 3071, 1), QList<int>({161}));
}

void TestDatasets::goldenFashionMnist_data() {
    QTest::addColumn<QString>("split");
    QTest::addColumn<int>("size");
    QTest::addColumn<QList<int>>("firstLabels");
    QTest::addColumn<QList<int>>("offsets");
    QTest::addColumn<QList<int>>("pixels");
    // Golden values read once with python3's gzip module; offset 406 is row 14, column 14.
    QTest::newRow("train") << "train" << 60000 << QList<int>({9, 0, 0, 3, 0, 2, 7, 2, 5, 5})
                           << QList<int>({96, 99, 100, 406, 783})
                           << QList<int>({1, 13, 73, 217, 0});
    QTest::newRow("test") << "test" << 10000 << QList<int>({9, 2, 1, 1, 6, 1, 4, 6, 5, 7})
                          << QList<int>({215, 221, 241, 406, 783})
                          << QList<int>({3, 37, 84, 110, 0});
}

void TestDatasets::goldenFashionMnist() {
    QFETCH(QString, split);
    QFETCH(int, size);
    QFETCH(QList<int>, firstLabels);
    QFETCH(QList<int>, offsets);
    QFETCH(QList<int>, pixels);
    const DataSearchPath path = realDataPath();
    if (path.find("fashion-mnist/t10k-images-idx3-ubyte.gz").isEmpty()) {
        QSKIP(
            "Fashion-MNIST not found; install Debian's dataset-fashion-mnist or set "
            "AIP_DATA_DIR to a folder holding fashion-mnist/");
    }
    QElapsedTimer timer;
    timer.start();
    const auto dataset = loadDataset("fashion-mnist", split, path);
    qInfo("fashion-mnist/%s loaded in %lld ms", qPrintable(split), timer.elapsed());
    const auto& images = static_cast<const ImageDataset&>(*dataset);
    QCOMPARE(images.size(), size);
    QCOMPARE(images.channels(), 1);
    QCOMPARE(images.height(), 28);
    QCOMPARE(images.width(), 28);
    QCOMPARE(classCounts(images), QList<int>(10, size / 10));
    QCOMPARE(labelsOf(images, 10), firstLabels);
    QList<int> found;
    for (int offset : offsets) {
        found.append(images.pixels(0)[offset]);
    }
    QCOMPARE(found, pixels);
}

void TestDatasets::goldenSst2() {
    const DataSearchPath path = realDataPath();
    if (path.find("sst2/dev.tsv").isEmpty()) {
        QSKIP("SST-2 not found; set AIP_DATA_DIR to a folder holding sst2/dev.tsv");
    }
    const auto dev = loadDataset("sst2", "dev", path);
    const auto& text = static_cast<const TextDataset&>(*dev);
    QCOMPARE(text.size(), 872);
    QCOMPARE(classCounts(text), QList<int>({428, 444}));
    QCOMPARE(text.sentence(0), QString("it 's a charming and often affecting journey . "));
    QCOMPARE(text.label(0), 1);
    QCOMPARE(text.sentence(1), QString("unflinchingly bleak and desperate "));
    QCOMPARE(text.label(1), 0);

    if (!path.find("sst2/train.tsv").isEmpty()) {
        const auto train = loadDataset("sst2", "train", path);
        QCOMPARE(train->size(), 67349);
        QCOMPARE(classCounts(*train), QList<int>({29780, 37569}));
    }
}

QTEST_GUILESS_MAIN(TestDatasets)
#include "tst_datasets.moc"
