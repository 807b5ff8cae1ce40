#include "common/faultpoint.h"

#include <QString>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>

#include <unistd.h>

namespace aip {

namespace {

struct FaultSettings {
    bool trace = false;
    long long killAt = 0;  ///< 0: never
};

const FaultSettings& settings() {
    static const FaultSettings s = [] {
        FaultSettings f;
        const char* trace = std::getenv("AIP_TRACE_FAULT_POINTS");
        f.trace = trace != nullptr && trace[0] == '1';
        if (const char* kill = std::getenv("AIP_KILL_AT_FAULT_POINT")) {
            f.killAt = std::atoll(kill);
        }
        return f;
    }();
    return s;
}

std::atomic<long long> g_passed{0};

}  // namespace

void faultPoint(const char* where, const QString& detail) {
    const FaultSettings& s = settings();
    if (!s.trace && s.killAt <= 0) {
        return;
    }
    const long long n = g_passed.fetch_add(1, std::memory_order_relaxed) + 1;
    if (s.trace) {
        std::fprintf(stderr, "fault point %lld: %s%s%s\n", n, where, detail.isEmpty() ? "" : " ",
                     detail.toLocal8Bit().constData());
        std::fflush(stderr);
    }
    if (n == s.killAt) {
        ::kill(::getpid(), SIGKILL);
    }
}

void faultPoint(const char* where) {
    faultPoint(where, QString());
}

}  // namespace aip
