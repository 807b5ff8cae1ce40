#pragma once

#include <QObject>

#include <functional>

namespace aip {

/// Runs `work` on the application's (main) thread from its event loop, after the events posted
/// before it, unless `guard` is deleted first; safe to call from any thread. Work handed from a
/// job's thread to the objects of the application's thread goes through here.
///
/// Where QMetaObject::invokeMethod(Qt::QueuedConnection) would do the same, this also states the
/// hand-over to ThreadSanitizer: Qt's event queue passes an event between threads under a lock
/// inside libQt6Core that the sanitizer cannot see (the distribution's Qt is not instrumented), so
/// a functor written on one thread and run on the other would be reported as a data race.
void postToApplicationThread(QObject* guard, std::function<void()> work);

/// Runs `work` on the application's thread and waits for it to finish; what it throws is thrown
/// here. Called on the application's thread, it runs at once.
void runOnApplicationThread(const std::function<void()>& work);

/// For a hand-over through a queue inside Qt (its event queue, its thread pool): `announce` on
/// the handing thread once `object` is fully written, `accept` on the receiving thread before
/// reading it. They tell ThreadSanitizer what Qt's uninstrumented lock does; nothing in other
/// builds.
void announceHandOver(const void* object);
void acceptHandOver(const void* object);

}  // namespace aip
