#include "engine/runtimeinfo.h"

#include <QTest>

using namespace aip;

class TestEngine final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void runtimeFingerprint();
    void threadsAreSetForLibTorch();
    void quantizedEngineIsSupported();
};

void TestEngine::runtimeFingerprint() {
    const RuntimeInfo info = queryRuntime();
    QVERIFY2(info.torchVersion.startsWith("1."), qPrintable(info.torchVersion));
    QVERIFY(info.logicalCores >= 1);
    QVERIFY(!info.cpuModel.isEmpty());
    QVERIFY(!info.quantizedEngines.isEmpty());
    QVERIFY2(info.blasLibrary.contains("blas"), qPrintable(info.blasLibrary));
    const QJsonObject json = info.toJson();
    QCOMPARE(json.value("torch_version").toString(), info.torchVersion);
    QVERIFY(json.contains("quantized_engines"));
}

void TestEngine::threadsAreSetForLibTorch() {
    setComputeThreads(1);
    QCOMPARE(queryRuntime().intraOpThreads, 1);
    setComputeThreads(0);
    QCOMPARE(queryRuntime().intraOpThreads, QThread::idealThreadCount());
}

void TestEngine::quantizedEngineIsSupported() {
    const QString engine = selectQuantizedEngine();
    const RuntimeInfo info = queryRuntime();
    QVERIFY(info.quantizedEngines.contains(engine));
    QCOMPARE(info.quantizedEngine, engine);
}

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
