#include "jobs/queuedcall.h"

#include "common/error.h"

#include <QCoreApplication>
#include <QEvent>
#include <QPointer>
#include <QThread>

#include <condition_variable>
#include <exception>
#include <mutex>

#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#endif

namespace aip {
namespace {

class CallEvent final : public QEvent {
public:
    CallEvent(QObject* guard, std::function<void()> work)
        : QEvent(eventType()), m_guard(guard), m_work(std::move(work)) {}

    static QEvent::Type eventType() {
        static const auto type = static_cast<QEvent::Type>(QEvent::registerEventType());
        return type;
    }

    void run() {
        acceptHandOver(this);
        if (!m_guard.isNull()) {
            m_work();
        }
    }

private:
    QPointer<QObject> m_guard;
    std::function<void()> m_work;
};

/// Lives on the application's thread and runs the calls posted to it, in order.
class Caller final : public QObject {
public:
    bool event(QEvent* event) override {
        if (event->type() != CallEvent::eventType()) {
            return QObject::event(event);
        }
        static_cast<CallEvent*>(event)->run();
        return true;
    }
};

QThread* applicationThread() {
    QCoreApplication* app = QCoreApplication::instance();
    if (app == nullptr) {
        throw Error(
            QStringLiteral("a job's work was handed to the application's thread, but "
                           "there is no application object"));
    }
    return app->thread();
}

Caller* caller() {
    // Made on first use on whichever thread comes first, then handed to the application's
    // thread; it lives as long as the process.
    static Caller* const instance = [] {
        auto* made = new Caller;
        made->moveToThread(applicationThread());
        return made;
    }();
    return instance;
}

}  // namespace

void announceHandOver([[maybe_unused]] const void* object) {
#if defined(__SANITIZE_THREAD__)
    __tsan_release(const_cast<void*>(object));
#endif
}

void acceptHandOver([[maybe_unused]] const void* object) {
#if defined(__SANITIZE_THREAD__)
    __tsan_acquire(const_cast<void*>(object));
#endif
}

void postToApplicationThread(QObject* guard, std::function<void()> work) {
    auto* event = new CallEvent(guard, std::move(work));
    announceHandOver(event);
    QCoreApplication::postEvent(caller(), event);
}

void runOnApplicationThread(const std::function<void()>& work) {
    if (QThread::currentThread() == applicationThread()) {
        work();
        return;
    }
    std::mutex mutex;
    std::condition_variable finished;
    bool done = false;
    std::exception_ptr failure;
    postToApplicationThread(caller(), [&] {
        try {
            work();
        } catch (...) {
            failure = std::current_exception();
        }
        const std::lock_guard lock(mutex);
        done = true;
        finished.notify_one();
    });
    std::unique_lock lock(mutex);
    finished.wait(lock, [&] { return done; });
    if (failure) {
        std::rethrow_exception(failure);
    }
}

}  // namespace aip
