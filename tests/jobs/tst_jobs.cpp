#include "common/error.h"
#include "jobs/jobmanager.h"
#include "jobs/queuedcall.h"

#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <thread>

using namespace aip;

namespace {

struct CountParams {
    int items = 0;
    int failAt = -1;
};

struct CountResult {
    int processed = 0;
};

CountResult countWork(const CountParams& p, JobContext& context) {
    CountResult r;
    for (int i = 0; i < p.items; ++i) {
        context.throwIfCancelled();
        if (i == p.failAt) {
            throw Error(QStringLiteral("data/item%1.bin: truncated record").arg(i));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        ++r.processed;
        context.setProgress(static_cast<double>(i + 1) / p.items, QStringLiteral("item %1").arg(i));
        if (i % 10 == 0) {
            context.log(QStringLiteral("done %1").arg(i));
        }
    }
    return r;
}

}  // namespace

class TestJobs final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void finishesWithResultAndProgress();
    void cancelMidway();
    void failureCarriesMessage();
    void signalsArriveInOwnerThread();
    void cancelBeforeStart();
    void managerDestructionCancelsRunningJobs();
    void waitForReturnsForFinishedJob();
    void handsWorkToTheApplicationThread();
};

void TestJobs::finishesWithResultAndProgress() {
    JobManager manager;
    auto* job = manager.submit<CountParams, CountResult>("count", {50, -1}, &countWork);
    QSignalSpy progress(job, &Job::progressChanged);
    QSignalSpy logs(job, &Job::logged);
    QSignalSpy finished(job, &Job::finished);
    QSignalSpy failed(job, &Job::failed);
    QVERIFY(finished.wait(10000));
    QCOMPARE(job->state(), Job::State::Finished);
    QCOMPARE(job->result().processed, 50);
    QVERIFY(progress.count() >= 2);
    // Progress never goes backwards and ends at 1.
    double last = 0.0;
    for (const QList<QVariant>& args : progress) {
        const double f = args.at(0).toDouble();
        QVERIFY(f >= last);
        last = f;
    }
    QCOMPARE(last, 1.0);
    QCOMPARE(logs.count(), 5);
    QCOMPARE(failed.count(), 0);
}

void TestJobs::cancelMidway() {
    JobManager manager;
    auto* job = manager.submit<CountParams, CountResult>("count", {100000, -1}, &countWork);
    QSignalSpy progress(job, &Job::progressChanged);
    QSignalSpy cancelled(job, &Job::cancelled);
    QSignalSpy finished(job, &Job::finished);
    QVERIFY(progress.wait(10000));  // it is running
    job->cancel();
    QVERIFY(cancelled.wait(10000));
    QCOMPARE(job->state(), Job::State::Cancelled);
    QCOMPARE(finished.count(), 0);
    QVERIFY(!job->hasResult());
    QVERIFY(job->progress() < 1.0);
}

void TestJobs::failureCarriesMessage() {
    JobManager manager;
    auto* job = manager.submit<CountParams, CountResult>("count", {20, 7}, &countWork);
    QSignalSpy failed(job, &Job::failed);
    QSignalSpy done(job, &Job::done);
    QVERIFY(failed.wait(10000));
    QCOMPARE(failed.first().at(0).toString(), QString("data/item7.bin: truncated record"));
    QCOMPARE(job->errorMessage(), QString("data/item7.bin: truncated record"));
    QCOMPARE(job->state(), Job::State::Failed);
    QTRY_COMPARE(done.count(), 1);
}

void TestJobs::signalsArriveInOwnerThread() {
    JobManager manager;
    std::atomic<bool> workerWasOtherThread{false};
    QThread* const mainThread = QThread::currentThread();
    auto* job = manager.submit<int, int>("thread", 0, [&](const int&, JobContext& ctx) {
        workerWasOtherThread = QThread::currentThread() != mainThread;
        ctx.setProgress(0.5, "half");
        return 1;
    });
    QThread* progressThread = nullptr;
    connect(job, &Job::progressChanged, this, [&] { progressThread = QThread::currentThread(); });
    QSignalSpy finished(job, &Job::finished);
    QVERIFY(finished.wait(10000));
    QVERIFY(workerWasOtherThread);
    QCOMPARE(progressThread, mainThread);
}

void TestJobs::cancelBeforeStart() {
    JobManager manager(1);
    // Occupy the only thread, then queue a second job and cancel it before it runs.
    std::atomic<bool> release{false};
    auto* blocker = manager.submit<int, int>("blocker", 0, [&](const int&, JobContext&) {
        while (!release) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        return 0;
    });
    std::atomic<bool> ran{false};
    auto* queued = manager.submit<int, int>("queued", 0, [&](const int&, JobContext&) {
        ran = true;
        return 0;
    });
    queued->cancel();
    release = true;
    QSignalSpy cancelled(queued, &Job::cancelled);
    QVERIFY(cancelled.wait(10000));
    QVERIFY(!ran);
    QCOMPARE(JobManager::waitFor(blocker), Job::State::Finished);
}

void TestJobs::managerDestructionCancelsRunningJobs() {
    std::atomic<int> processed{0};
    {
        JobManager manager;
        manager.submit<int, int>("endless", 0, [&](const int&, JobContext& ctx) {
            for (;;) {
                ctx.throwIfCancelled();
                ++processed;
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
            return 0;
        });
        QTRY_VERIFY(processed > 0);
    }  // must return: the destructor cancels and waits
    const int after = processed;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    QCOMPARE(processed.load(), after);
}

void TestJobs::waitForReturnsForFinishedJob() {
    JobManager manager;
    auto* job =
        manager.submit<int, int>("quick", 3, [](const int& x, JobContext&) { return x * 2; });
    QCOMPARE(JobManager::waitFor(job), Job::State::Finished);
    // A second wait on an already-signalled job returns at once.
    QCOMPARE(JobManager::waitFor(job), Job::State::Finished);
    QCOMPARE(job->result(), 6);
}

void TestJobs::handsWorkToTheApplicationThread() {
    QThread* const mainThread = QThread::currentThread();
    // Posted from another thread: runs on this one, in order; a call whose guard is gone is
    // dropped.
    QStringList order;
    QThread* ranOn = nullptr;
    QObject guard;
    auto* dropped = new QObject;
    std::thread poster([&] {
        postToApplicationThread(&guard, [&] {
            order << "first";
            ranOn = QThread::currentThread();
        });
        postToApplicationThread(dropped, [&] { order << "dropped"; });
        postToApplicationThread(&guard, [&] { order << "second"; });
    });
    poster.join();
    delete dropped;
    QCoreApplication::sendPostedEvents();
    QCOMPARE(order, QStringList({"first", "second"}));
    QCOMPARE(ranOn, mainThread);

    // Waited for from another thread: runs here, and what it throws is thrown there.
    QThread* waitedOn = nullptr;
    QString rethrown;
    std::thread waiter([&] {
        try {
            runOnApplicationThread([&] {
                waitedOn = QThread::currentThread();
                throw Error("figure.png: no rows");
            });
        } catch (const Error& e) {
            rethrown = e.message();
        }
    });
    while (waitedOn == nullptr) {
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    }
    waiter.join();
    QCOMPARE(waitedOn, mainThread);
    QCOMPARE(rethrown, QString("figure.png: no rows"));

    // On this thread it runs at once.
    bool now = false;
    runOnApplicationThread([&] { now = true; });
    QVERIFY(now);
}

QTEST_GUILESS_MAIN(TestJobs)
#include "tst_jobs.moc"
