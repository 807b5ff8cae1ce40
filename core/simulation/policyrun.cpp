#include "simulation/policyrun.h"

#include "simulation/bestfixed.h"
#include "simulation/experiment.h"
#include "simulation/oracle.h"
#include "simulation/servingsimulator.h"

namespace aip {

namespace {

/// Forwards every decision to the policy that makes it and keeps a copy of what it was asked.
class DecisionRecorder final : public Policy {
public:
    DecisionRecorder(const Policy& inner, std::vector<RecordedDecision>& out)
        : Policy(inner.table(), inner.options()), m_inner(inner), m_out(out) {}

    QString name() const override { return m_inner.name(); }
    Decision decide(const DecisionContext& context) const override {
        RecordedDecision r;
        r.nowMs = context.nowMs;
        r.budgetMs = context.budgetMs;
        r.queueLength = context.queueLength;
        r.arrivalRatePerMs = context.arrivalRatePerMs;
        r.lastVariant = context.lastVariant;
        r.idleGapMs = context.idleGapMs;
        if (context.deadlines != nullptr) {
            r.deadlines = *context.deadlines;
        }
        r.waitingDueMs.assign(context.waitingDueMs.begin(), context.waitingDueMs.end());
        r.decision = m_inner.decide(context);
        m_out.push_back(std::move(r));
        return m_out.back().decision;
    }

private:
    const Policy& m_inner;
    std::vector<RecordedDecision>& m_out;
};

}  // namespace

DecisionContext RecordedDecision::context() const {
    DecisionContext c;
    c.nowMs = nowMs;
    c.budgetMs = budgetMs;
    c.queueLength = queueLength;
    c.arrivalRatePerMs = arrivalRatePerMs;
    c.lastVariant = lastVariant;
    c.idleGapMs = idleGapMs;
    c.deadlines = deadlines ? &*deadlines : nullptr;
    c.waitingDueMs = waitingDueMs;
    return c;
}

PolicyRun simulatePolicy(const QString& policyName, const ConfigTable& table, const Trace& trace,
                         const RunLabels& labels, bool recordDecisions) {
    PolicyRun run;
    SimulationOptions options;
    options.labels = labels;
    options.recordBatches = true;
    if (policyName == u"Oracle") {
        run.result = oracle(trace, table, labels);
    } else if (policyName == kBestFixedInHindsight) {
        options.decisionCostMs = fixedPolicyDecisionCostMs(table, trace);
        run.result = bestFixedInHindsight(trace, table, options);
    } else {
        run.policy = makePolicy(policyName, table, planningOptionsFor({}, trace));
        options.decisionCostMs = chargedDecisionCostMs(*run.policy, trace);
        if (recordDecisions) {
            const DecisionRecorder recorder(*run.policy, run.decisions);
            run.result = ServingSimulator::run(trace, recorder, options);
        } else {
            run.result = ServingSimulator::run(trace, *run.policy, options);
        }
    }
    return run;
}

void requireLiveReplayable(const QString& policyName) {
    if (knownBounds().contains(policyName)) {
        throw Error(
            QStringLiteral("%1 is a hindsight bound: it cannot be replayed live").arg(policyName));
    }
}

PolicyRun replayPolicyLive(const QString& policyName, const ConfigTable& table, const Trace& trace,
                           const LiveModels& models, const LiveOptions& options,
                           JobContext& context, bool recordDecisions) {
    requireLiveReplayable(policyName);
    PolicyRun run;
    run.policy = makePolicy(policyName, table, planningOptionsFor({}, trace));
    if (recordDecisions) {
        const DecisionRecorder recorder(*run.policy, run.decisions);
        run.result = runLive(trace, recorder, models, options, context);
    } else {
        run.result = runLive(trace, *run.policy, models, options, context);
    }
    run.result.policy += QStringLiteral("/live");
    return run;
}

DecisionExplanation explainRecorded(const ConfigTable& table, const PolicyOptions& options,
                                    const RecordedDecision& recorded) {
    return CascadePlanner(table, options).explain(recorded.context());
}

}  // namespace aip
