#include "simulation/servingstep.h"

#include "common/error.h"

#include <chrono>
#include <limits>

namespace aip {

ServingStep::ServingStep(const Trace& trace, const Policy& policy, SimulationResult& result,
                         bool measureDecisionTime)
    : m_trace(trace),
      m_policy(policy),
      m_table(policy.table()),
      m_result(result),
      m_measure(measureDecisionTime),
      m_health(static_cast<int>(policy.table().modelNames().size())) {
    m_result.policy = policy.name();
    m_result.configNames = m_table.entryNames();
    m_result.records.assign(trace.size(), RequestRecord{});
    for (std::size_t i = 0; i < trace.size(); ++i) {
        RequestRecord& r = m_result.records[i];
        r.requestId = trace[i].id;
        r.arrivalMs = trace[i].arrivalMs;
        r.deadlineMs = trace[i].deadlineMs;
        r.example = trace[i].example;
    }
    if (m_measure) {
        m_decisionUs.reserve(trace.size());
    }
}

void ServingStep::admit(double nowMs) {
    while (m_next < m_trace.size() && m_trace[m_next].arrivalMs <= nowMs) {
        m_arrivals.observe(m_trace[m_next].arrivalMs);
        m_deadlines.observe(m_trace[m_next].deadlineMs);
        m_queue.push_back(static_cast<int>(m_next++));
    }
}

double ServingStep::nextArrivalMs() const {
    return m_next < m_trace.size() ? m_trace[m_next].arrivalMs
                                   : std::numeric_limits<double>::infinity();
}

ServedBatch ServingStep::decide(double nowMs, double decisionCostMs, int lastVariant,
                                double idleGapMs) {
    const Request& head = m_trace[static_cast<std::size_t>(m_queue.front())];
    DecisionContext context;
    context.nowMs = nowMs;
    context.budgetMs = head.arrivalMs + head.deadlineMs - nowMs - decisionCostMs;
    context.queueLength = static_cast<int>(m_queue.size());
    context.health = &m_health;
    // Over the head's slack: what arrives within it competes with it for the worker.
    context.arrivalRatePerMs = m_arrivals.ratePerMs(nowMs, context.budgetMs);
    context.lastVariant = lastVariant;
    context.idleGapMs = idleGapMs;
    context.deadlines = &m_deadlines;
    m_waitingDue.clear();
    for (std::size_t k = 0;
         k < m_queue.size() && k < static_cast<std::size_t>(DecisionContext::kWaitingWindow); ++k) {
        const Request& r = m_trace[static_cast<std::size_t>(m_queue[k])];
        m_waitingDue.push_back(r.arrivalMs + r.deadlineMs);
    }
    context.waitingDueMs = m_waitingDue;
    ServedBatch batch;
    batch.queueLength = context.queueLength;
    if (m_measure) {
        const auto t0 = std::chrono::steady_clock::now();
        batch.decision = m_policy.decide(context);
        const auto t1 = std::chrono::steady_clock::now();
        m_decisionUs.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
    } else {
        batch.decision = m_policy.decide(context);
    }
    ++m_decisions;
    const Decision& d = batch.decision;
    if (d.entry < 0 || d.entry >= m_table.size() || d.take < 1 || d.take > context.queueLength ||
        d.take > m_table.entry(d.entry).batchSize) {
        throw Error(QStringLiteral("%1 chose entry %2 with %3 requests while %4 wait")
                        .arg(m_policy.name())
                        .arg(d.entry)
                        .arg(d.take)
                        .arg(context.queueLength));
    }
    batch.requests.assign(m_queue.begin(), m_queue.begin() + d.take);
    m_queue.erase(m_queue.begin(), m_queue.begin() + d.take);
    return batch;
}

void ServingStep::recordFailedAttempt(const ServedBatch& batch, double startMs, double busyMs) {
    const ConfigEntry& e = m_table.entry(batch.decision.entry);
    const double share = busyMs * e.costPerBusyMs / static_cast<double>(batch.requests.size());
    for (const int index : batch.requests) {
        RequestRecord& r = m_result.records[static_cast<std::size_t>(index)];
        r.startMs = startMs;
        r.entry = e.id;
        r.batchSize = e.batchSize;
        r.batchFill = static_cast<int>(batch.requests.size());
        r.cost += share;
        ++r.failedAttempts;
    }
}

void ServingStep::requeue(const ServedBatch& batch, int maxAttempts) {
    for (auto it = batch.requests.rbegin(); it != batch.requests.rend(); ++it) {
        if (m_result.records[static_cast<std::size_t>(*it)].failedAttempts < maxAttempts) {
            m_queue.push_front(*it);
        }
    }
}

Stage2Plan ServingStep::planStage2(const ServedBatch& batch, std::span<const float> confidence1,
                                   double stage1DoneMs) const {
    Stage2Plan plan;
    const ConfigEntry& e = m_table.entry(batch.decision.entry);
    if (!e.cascade) {
        return plan;
    }
    std::vector<int> unsure;
    for (std::size_t k = 0; k < batch.requests.size(); ++k) {
        if (static_cast<double>(confidence1[k]) < e.threshold) {
            unsure.push_back(static_cast<int>(k));
        }
    }
    if (unsure.empty()) {
        return plan;
    }
    // Stage 2's tail at the batch that holds every unsure item: the batch that runs, holding
    // only those whose slack covers it, is no slower.
    const double tail2 =
        m_table.entry(m_table.stage2EntryFor(e, static_cast<int>(unsure.size()))).switchedTailMs;
    for (const int k : unsure) {
        const Request& r =
            m_trace[static_cast<std::size_t>(batch.requests[static_cast<std::size_t>(k)])];
        if (r.arrivalMs + r.deadlineMs - stage1DoneMs >= tail2) {
            plan.positions.push_back(k);
        }
    }
    if (plan.positions.empty()) {
        return plan;
    }
    // Stage 2 holds the worker: it runs only where what it is expected to gain for these items
    // is at least what it is expected to cost the requests waiting by now, each of which the
    // fastest entry, serving them one after another, would still answer in time without it
    // but not after it.
    const int entry2 = m_table.stage2EntryFor(e, static_cast<int>(plan.positions.size()));
    const double busy2 = m_table.entry(entry2).switchedTailMs;
    const ConfigEntry& fast = m_table.entry(m_table.frontier().front());
    const double perItem = fast.meanMs / static_cast<double>(fast.batchSize);
    const double accuracy1 = m_table.variants()[static_cast<std::size_t>(e.variant1)].accuracy;
    const double gainPerItem =
        e.escalationRate > 0.0 ? (e.fullAccuracy - accuracy1) / e.escalationRate : 0.0;
    const double gain = gainPerItem * static_cast<double>(plan.positions.size());
    double cost = 0.0;
    int k = 0;
    const auto weigh = [&](const Request& r) {
        const double left = r.arrivalMs + r.deadlineMs - stage1DoneMs;
        const double servedAfter = static_cast<double>(k++) * perItem + fast.switchedTailMs;
        if (left >= servedAfter && left < busy2 + servedAfter) {
            cost += fast.accuracy;
        }
    };
    for (const int index : m_queue) {
        if (k >= DecisionContext::kWaitingWindow) {
            break;
        }
        weigh(m_trace[static_cast<std::size_t>(index)]);
    }
    for (std::size_t i = m_next; i < m_trace.size() && m_trace[i].arrivalMs <= stage1DoneMs &&
                                 k < DecisionContext::kWaitingWindow;
         ++i) {
        weigh(m_trace[i]);
    }
    if (cost > gain) {
        plan.positions.clear();
        return plan;
    }
    plan.entry = entry2;
    return plan;
}

void ServingStep::answer(const ServedBatch& batch, double startMs, double stage1DoneMs,
                         std::span<const std::uint8_t> right1, const Stage2Plan& plan,
                         const Stage2Outcome& stage2) {
    const ConfigEntry& e = m_table.entry(batch.decision.entry);
    const auto fill = static_cast<double>(batch.requests.size());
    double cost = (stage1DoneMs - startMs) * e.costPerBusyMs;
    if (plan.entry >= 0) {
        cost += (stage2.endMs - stage2.startMs) * m_table.entry(plan.entry).costPerBusyMs;
    }
    std::size_t next2 = 0;  // position in plan.positions
    for (std::size_t k = 0; k < batch.requests.size(); ++k) {
        RequestRecord& r = m_result.records[static_cast<std::size_t>(batch.requests[k])];
        r.startMs = startMs;
        r.entry = e.id;
        r.batchSize = e.batchSize;
        r.batchFill = static_cast<int>(batch.requests.size());
        r.cost += cost / fill;
        r.answered = true;
        r.fallback = batch.decision.fallback;
        r.finishMs = stage1DoneMs;
        r.correct = right1[k] != 0;
        r.hit = r.finishMs - r.arrivalMs <= r.deadlineMs;
        const bool escalated =
            next2 < plan.positions.size() && plan.positions[next2] == static_cast<int>(k);
        if (!escalated) {
            continue;
        }
        const std::size_t at = next2++;
        const double dueMs = r.arrivalMs + r.deadlineMs;
        if (stage2.ran && stage2.endMs <= dueMs) {
            r.finishMs = stage2.endMs;
            r.stage2Ran = true;
            r.correct = stage2.right[at] != 0;
            r.hit = r.finishMs - r.arrivalMs <= r.deadlineMs;
        } else {
            // Anytime: stage 1's answer, returned when stage 2 failed or at the deadline
            // (stage 1 was on time: its slack covered stage 2's tail).
            r.finishMs = stage2.failed ? std::min(stage2.endMs, dueMs) : dueMs;
            r.fallback = r.fallback || stage2.failed;
            r.hit = true;
        }
    }
}

void ServingStep::finish(std::int64_t failures) {
    m_result.metrics = computeMetrics(m_result.records);
    m_result.metrics.failures = failures;
    m_result.metrics.decisions = m_decisions;
    setDecisionTimes(m_result.metrics, std::move(m_decisionUs));
}

BatchRecord beginBatch(const ConfigEntry& entry, int stage, const ConfigEntry& config, int fill,
                       int queueLength, double startMs, const std::vector<BatchRecord>& earlier) {
    BatchRecord b;
    b.entry = entry.id;
    b.stage = stage;
    b.config = config.stage1.id();
    b.fill = fill;
    b.batchSize = config.batchSize;
    b.queueLength = queueLength;
    b.startMs = startMs;
    b.previousConfig = earlier.empty() ? QString() : earlier.back().config;
    return b;
}

}  // namespace aip
