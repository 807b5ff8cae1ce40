#include "common/allocator.h"
#include "common/atomicfile.h"
#include "common/csv.h"
#include "common/error.h"
#include "common/seededrng.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

#include <cstdlib>
#include <cstring>
#include <set>
#include <thread>
#include <vector>

using namespace aip;

class TestCommon final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void allocatorKeepsFreedTensorMemory();
    void csvQuoting_data();
    void csvQuoting();
    void csvRoundTrip();
    void csvParseErrors_data();
    void csvParseErrors();
    void csvReadsWhatOtherProgramsWrite();
    void csvRefusesAGigabyteLine();
    void csvWriterRejectsWrongWidth();
    void atomicWriteCommits();
    void atomicWriteWithoutCommitLeavesOldFile();
    void atomicWriteIntoUnwritableFolderFails();
    void rngIsReproducible();
    void rngStreamsAreIndependent();
};

namespace {

/// Page faults a worker thread (where jobs run models) takes in the third of three identical
/// passes, each writing a dozen blocks of 1–24 MiB and freeing some early and the rest at the
/// end: the pattern of a model's activations and gradients from one step to the next.
long faultsOfThirdPass() {
    long faults = -1;
    std::thread worker([&] {
        volatile char sink = 0;
        for (int pass = 0; pass < 3; ++pass) {
            rusage before{};
            getrusage(RUSAGE_THREAD, &before);
            std::vector<char*> blocks;
            for (std::size_t i = 0; i < 12; ++i) {
                const std::size_t bytes = ((1 + (i * 7) % 24) << 20) + 4096 * i;
                auto* block = static_cast<char*>(std::malloc(bytes));
                std::memset(block, pass + 1, bytes);
                sink = sink + block[bytes / 2];
                blocks.push_back(block);
                if (i % 3 == 2) {
                    std::free(blocks[blocks.size() - 2]);
                    blocks[blocks.size() - 2] = nullptr;
                }
            }
            for (char* block : blocks) {
                std::free(block);
            }
            rusage after{};
            getrusage(RUSAGE_THREAD, &after);
            faults = after.ru_minflt - before.ru_minflt;
        }
    });
    worker.join();
    return faults;
}

}  // namespace

void TestCommon::allocatorKeepsFreedTensorMemory() {
    if (qEnvironmentVariableIntValue("AIP_SYSTEM_MALLOC") != 0) {
        QSKIP("AIP_SYSTEM_MALLOC keeps the C library's defaults");
    }
    QCOMPARE(allocatorDescription(), QStringLiteral("system defaults"));
    const QString applied = configureTensorAllocator();
#if !defined(__GLIBC__)
    QSKIP("the allocator is configured for glibc only");
#endif
#if defined(__SANITIZE_ADDRESS__)
    // AddressSanitizer's allocator replaces glibc's and refuses mallopt: said, not hidden.
    QCOMPARE(applied, QStringLiteral("glibc defaults (mallopt refused)"));
    QCOMPARE(allocatorDescription(), applied);
    return;
#endif
    QCOMPARE(applied, QStringLiteral("glibc: one arena, no mmap, no trim"));
    QCOMPARE(allocatorDescription(), applied);
    // With glibc's defaults the third pass takes about 17,000 faults here.
    const long faults = faultsOfThirdPass();
    QVERIFY2(faults < 1000, qPrintable(QStringLiteral("%1 page faults").arg(faults)));
}

void TestCommon::csvQuoting_data() {
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("plain") << "resnet18"
                           << "resnet18";
    QTest::newRow("comma") << "a,b"
                           << "\"a,b\"";
    QTest::newRow("quote") << "say \"hi\""
                           << "\"say \"\"hi\"\"\"";
    QTest::newRow("newline") << "two\nlines"
                             << "\"two\nlines\"";
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("status") << "unsupported: no bf16 kernel, for conv"
                            << "\"unsupported: no bf16 kernel, for conv\"";
}

void TestCommon::csvQuoting() {
    QFETCH(QString, field);
    QFETCH(QString, quoted);
    QCOMPARE(csv::quoteField(field), quoted);
}

void TestCommon::csvRoundTrip() {
    CsvWriter writer({"a", "b", "c"});
    writer.addRow({"1", "x,y", "he said \"no\""});
    writer.addRow({"", "multi\nline", "é ü"});
    const CsvTable table = CsvTable::parse(writer.data(), "mem.csv");
    QCOMPARE(table.header(), QStringList({"a", "b", "c"}));
    QCOMPARE(table.rowCount(), 2);
    QCOMPARE(table.value(0, "b"), QString("x,y"));
    QCOMPARE(table.value(0, "c"), QString("he said \"no\""));
    QCOMPARE(table.value(1, "a"), QString());
    QCOMPARE(table.value(1, "b"), QString("multi\nline"));
    QCOMPARE(table.value(1, "c"), QString("é ü"));
    QCOMPARE(table.lineOf(1), 3);
    QVERIFY_THROWS_EXCEPTION(Error, table.column("missing"));
}

void TestCommon::csvParseErrors_data() {
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unterminated") << QByteArray("a,b\n1,\"open\n")
                                  << "t.csv:2: unterminated quoted field";
    QTest::newRow("short row") << QByteArray("a,b\n1,2\n3\n")
                               << "t.csv:3: expected 2 fields like the header, found 1";
    QTest::newRow("stray quote") << QByteArray("a\nab\"c\n") << "t.csv:2: stray quote";
    QTest::newRow("after quote") << QByteArray("a\n\"x\"y\n")
                                 << "t.csv:2: text after a closing quote";
    QTest::newRow("empty") << QByteArray("") << "t.csv: empty CSV";
    QTest::newRow("NUL byte") << QByteArray("a,b\n1,2\n3,\0\n", 11)
                              << "t.csv:3: a NUL byte at offset 10; this is binary data";
    QTest::newRow("not UTF-8") << QByteArray("a,b\n1,2\n\xff\xfe,x\n") << "t.csv:3: not UTF-8 text";
    QTest::newRow("line too long") << QByteArray("a\n") + QByteArray(csv::kMaxLineBytes + 1, 'x')
                                   << "t.csv:2: a line longer than 64 MiB";
}

void TestCommon::csvParseErrors() {
    QFETCH(QByteArray, data);
    QFETCH(QString, expected);
    try {
        CsvTable::parse(data, "t.csv");
        QFAIL("no error thrown");
    } catch (const Error& e) {
        QVERIFY2(e.message().startsWith(expected), qPrintable(e.message()));
    }
}

// What other programs write: CRLF line ends, a byte order mark, a quoted field over two lines.
void TestCommon::csvReadsWhatOtherProgramsWrite() {
    const QByteArray bytes =
        "\xEF\xBB\xBF"
        "a,b\r\n1,\"two\r\nlines\"\r\n\r\n3,\"x,\"\"y\"\"\"\r\n4,5";
    const CsvTable table = CsvTable::parse(bytes, "excel.csv");
    QCOMPARE(table.header(), QStringList({"a", "b"}));  // no BOM in the first name
    QCOMPARE(table.rowCount(), 3);
    QCOMPARE(table.value(0, "b"), QString("two\r\nlines"));
    QCOMPARE(table.value(1, "a"), QString("3"));
    QCOMPARE(table.value(1, "b"), QString("x,\"y\""));
    QCOMPARE(table.value(2, "b"), QString("5"));  // the last line without a line end
    QCOMPARE(table.lineOf(0), 2);
    QCOMPARE(table.lineOf(1), 5);  // after the two-line field and the blank line
    QCOMPARE(table.lineOf(2), 6);
}

// A 1 GiB line is refused while reading, naming the file and the line.
void TestCommon::csvRefusesAGigabyteLine() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString previous = QDir::currentPath();
    QVERIFY(QDir::setCurrent(dir.path()));
    const auto back = qScopeGuard([&] { QDir::setCurrent(previous); });
    const QString path = "./huge line.csv";
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("arrival_ms,deadline_ms,example_index\n0,5,0\n1,5,");
        const QByteArray block(qsizetype{1} << 20, '7');
        for (int i = 0; i < 1024; ++i) {
            QCOMPARE(f.write(block), block.size());
        }
        f.write("\n");
    }
    QCOMPARE(QFileInfo(path).size(), (qint64{1} << 30) + 48);
    try {
        CsvTable::load(path);
        QFAIL("a 1 GiB line was read");
    } catch (const Error& e) {
        QVERIFY2(e.message().startsWith(path + ":3: a line longer than 64 MiB"),
                 qPrintable(e.message()));
    }
}

void TestCommon::csvWriterRejectsWrongWidth() {
    CsvWriter writer({"a", "b"});
    QVERIFY_THROWS_EXCEPTION(Error, writer.addRow({"only one"}));
    QCOMPARE(writer.rowCount(), 0);
}

void TestCommon::atomicWriteCommits() {
    QTemporaryDir dir;
    const QString path = dir.filePath("sub/out.csv");
    writeFileAtomically(path, "x,y\n1,2\n");
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("x,y\n1,2\n"));
}

void TestCommon::atomicWriteWithoutCommitLeavesOldFile() {
    QTemporaryDir dir;
    const QString path = dir.filePath("results.csv");
    writeFileAtomically(path, "old\n");
    try {
        AtomicFileWriter writer(path);
        writer.write(QByteArray("half of a new fi"));
        throw Error("simulated crash mid-write");
    } catch (const Error&) {
    }
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), QByteArray("old\n"));
    // No temporary file is left beside it.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList({"results.csv"}));

    const QString fresh = dir.filePath("never.csv");
    {
        AtomicFileWriter writer(fresh);
        writer.write(QByteArray("partial"));
    }
    QVERIFY(!QFile::exists(fresh));
}

void TestCommon::atomicWriteIntoUnwritableFolderFails() {
    try {
        writeFileAtomically("/proc/aip-test/x.csv", "data");
        QFAIL("no error thrown");
    } catch (const Error& e) {
        QVERIFY2(e.message().startsWith("/proc/aip-test/x.csv: "), qPrintable(e.message()));
    }
}

void TestCommon::rngIsReproducible() {
    SeededRng a(42, "workload/poisson");
    SeededRng b(42, "workload/poisson");
    for (int i = 0; i < 100; ++i) {
        QCOMPARE(a.uniform01(), b.uniform01());
    }
    SeededRng c(43, "workload/poisson");
    SeededRng d(42, "workload/poisson");
    QVERIFY(c.uniform01() != d.uniform01());
    const double e = SeededRng(7).exponential(2.0);
    QVERIFY(e > 0.0);
    const auto k = SeededRng(7).uniformInt(3, 5);
    QVERIFY(k >= 3 && k <= 5);
}

void TestCommon::rngStreamsAreIndependent() {
    SeededRng root(2026);
    SeededRng s1 = root.derive("train/shuffle");
    SeededRng s2 = root.derive("workload/arrivals");
    QVERIFY(s1.seed() != s2.seed());
    QCOMPARE(root.derive("train/shuffle").seed(), s1.seed());
    std::set<std::uint64_t> seeds;
    for (int i = 0; i < 1000; ++i) {
        seeds.insert(root.derive(QString::number(i)).seed());
    }
    QCOMPARE(seeds.size(), std::size_t(1000));
}

QTEST_GUILESS_MAIN(TestCommon)
#include "tst_common.moc"
