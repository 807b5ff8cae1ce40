#include "common/allocator.h"

#include <QtGlobal>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace aip {

namespace {

QString& description() {
    static QString d = QStringLiteral("system defaults");
    return d;
}

}  // namespace

QString configureTensorAllocator() {
#if defined(__GLIBC__)
    if (qEnvironmentVariableIntValue("AIP_SYSTEM_MALLOC") != 0) {
        description() = QStringLiteral("glibc defaults (AIP_SYSTEM_MALLOC)");
        return description();
    }
    // One arena: a worker thread's arena is a chain of 64 MiB heaps that glibc unmaps as they
    // empty, so per-thread arenas fault again on every pass however the thresholds are set.
    // -1 as the trim threshold disables trimming (mallopt(3)).
    const bool ok = mallopt(M_ARENA_MAX, 1) == 1 && mallopt(M_MMAP_MAX, 0) == 1 &&
                    mallopt(M_TRIM_THRESHOLD, -1) == 1;
    description() = ok ? QStringLiteral("glibc: one arena, no mmap, no trim")
                       : QStringLiteral("glibc defaults (mallopt refused)");
#endif
    return description();
}

QString allocatorDescription() {
    return description();
}

}  // namespace aip
