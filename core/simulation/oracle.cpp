#include "simulation/oracle.h"

#include <cmath>

namespace aip {

SimulationResult oracle(const Trace& trace, const ConfigTable& table, const RunLabels& labels) {
    SimulationResult result;
    result.policy = QStringLiteral("Oracle");
    result.labels = labels;
    result.configNames = table.entryNames();
    result.records.resize(trace.size());
    const std::vector<VariantAnswers>& variants = table.variants();
    for (std::size_t i = 0; i < trace.size(); ++i) {
        const Request& request = trace[i];
        const int slot = table.requireExampleSlot(request.example, request.id);
        int best = -1;
        int bestRank = -1;
        for (std::size_t v = 0; v < variants.size(); ++v) {
            if (variants[v].fastestEntry < 0) {
                continue;
            }
            // The same arithmetic as the simulator's hit test: floating-point addition is
            // monotone, so no policy's computed latency can come out below this one.
            const bool fits = (request.arrivalMs + variants[v].minLatencyMs) - request.arrivalMs <=
                              request.deadlineMs;
            const bool right = table.correct(static_cast<int>(v), slot);
            const int rank = (fits && right) ? 3 : fits ? 2 : right ? 1 : 0;
            if (rank > bestRank ||
                (rank == bestRank && variants[v].minLatencyMs <
                                         variants[static_cast<std::size_t>(best)].minLatencyMs)) {
                best = static_cast<int>(v);
                bestRank = rank;
            }
        }
        RequestRecord& r = result.records[i];
        r.requestId = request.id;
        r.arrivalMs = request.arrivalMs;
        r.deadlineMs = request.deadlineMs;
        r.example = request.example;
        if (best < 0) {
            continue;  // no variant with a latency profile: nothing could answer
        }
        const VariantAnswers& v = variants[static_cast<std::size_t>(best)];
        const ConfigEntry& e = table.entry(v.fastestEntry);
        r.entry = e.id;
        r.batchSize = e.batchSize;
        r.batchFill = 1;
        r.startMs = request.arrivalMs;
        r.finishMs = request.arrivalMs + v.minLatencyMs;
        r.answered = true;
        r.correct = table.correct(best, slot);
        r.hit = r.finishMs - r.arrivalMs <= request.deadlineMs;
        r.cost = v.minLatencyMs * e.costPerBusyMs / e.batchSize;
    }
    result.metrics = computeMetrics(result.records);
    return result;
}

}  // namespace aip
