#include "common/faultpoint.h"

#include <QString>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <unistd.h>

namespace aip {

namespace {

struct FaultSettings {
    bool trace = false;
    long long killAt = 0;  ///< 0: never
    QString killStage;     ///< counting for killAt starts at this stage's marker; empty: at once
};

const FaultSettings& settings() {
    static const FaultSettings s = [] {
        FaultSettings f;
        const char* trace = std::getenv("AIP_TRACE_FAULT_POINTS");
        f.trace = trace != nullptr && trace[0] == '1';
        if (const char* kill = std::getenv("AIP_KILL_AT_FAULT_POINT")) {
            f.killAt = std::atoll(kill);
        }
        f.killStage = qEnvironmentVariable("AIP_KILL_IN_STAGE");
        return f;
    }();
    return s;
}

std::atomic<long long> g_passed{0};   ///< every point, for the trace
std::atomic<long long> g_counted{0};  ///< the points counted towards killAt
std::atomic<bool> g_armed{false};     ///< counting towards killAt has begun

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
    if (s.killAt <= 0) {
        return;
    }
    if (!g_armed.load(std::memory_order_relaxed)) {
        if (!s.killStage.isEmpty() &&
            !(std::strcmp(where, "stage") == 0 && detail == s.killStage)) {
            return;
        }
        g_armed.store(true, std::memory_order_relaxed);
        if (!s.killStage.isEmpty()) {
            return;  // the stage's marker is point 0
        }
    }
    if (g_counted.fetch_add(1, std::memory_order_relaxed) + 1 == s.killAt) {
        ::kill(::getpid(), SIGKILL);
    }
}

void faultPoint(const char* where) {
    faultPoint(where, QString());
}

}  // namespace aip
