#include "common/csv.h"
#include "common/error.h"
#include "common/quantile.h"
#include "config/protocolconfig.h"
#include "planning/baselines.h"
#include "planning/cascadeplanner.h"
#include "planning/configtable.h"
#include "planning/mdpplanner.h"
#include "simulation/bestfixed.h"
#include "simulation/experiment.h"
#include "simulation/fidelity.h"
#include "simulation/oracle.h"
#include "simulation/requestscsv.h"
#include "simulation/servingsimulator.h"
#include "simulation/servingstep.h"

#include "planningfixtures.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>
#include <tuple>
#include <utility>

using namespace aip;
using namespace aip::testing;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/// Every way a policy is run in the property tests.
std::vector<std::unique_ptr<Policy>> allPolicies(const ConfigTable& table, const Trace& trace,
                                                 const PolicyOptions& options = {}) {
    std::vector<std::unique_ptr<Policy>> policies;
    for (const QString& name : servingPolicies()) {
        policies.push_back(makePolicy(name, table, planningOptionsFor(options, trace)));
    }
    return policies;
}

Request request(std::int64_t id, double arrival, double deadline, std::int64_t example) {
    return Request{id, arrival, deadline, example};
}

/// Most accurate entry with tail ≤ budget by brute force (ties: smaller tail), or -1.
int bruteForceBest(const ConfigTable& table, double budget) {
    int best = -1;
    for (const ConfigEntry& e : table.entries()) {
        if (e.tailMs > budget) {
            continue;
        }
        if (best < 0 || e.accuracy > table.entry(best).accuracy ||
            (e.accuracy == table.entry(best).accuracy && e.tailMs < table.entry(best).tailMs)) {
            best = e.id;
        }
    }
    return best;
}

/// Best effort by its definition: of every single entry, the one with the most expected
/// correct, on-time answer (accuracy × the share of its samples ≤ budget), of equals the one
/// with the lowest mean; returned as (value, mean).
std::pair<double, double> bruteForceLikeliest(const ConfigTable& table, double budget) {
    double value = -1.0;
    double mean = kInf;
    for (const ConfigEntry& e : table.entries()) {
        if (e.cascade) {
            continue;
        }
        const std::span<const double> s = table.samples(e.samples1);
        const double share = static_cast<double>(std::count_if(
                                 s.begin(), s.end(), [&](double x) { return x <= budget; })) /
                             static_cast<double>(s.size());
        const double v = e.accuracy * share;
        if (v > value || (v == value && e.meanMs < mean)) {
            value = v;
            mean = e.meanMs;
        }
    }
    return {value, mean};
}

/// What bruteForceLikeliest() measures of `entry`.
std::pair<double, double> likeliness(const ConfigTable& table, int entry, double budget) {
    const ConfigEntry& e = table.entry(entry);
    return {e.accuracy * table.shareWithinMs(e.samples1, false, budget), e.meanMs};
}

}  // namespace

class TestPlanning final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void quantileIsType7_data();
    void quantileIsType7();
    void tableEntriesOfTheGoldenProfiles();
    void cascadeAccuracyIsExact();
    void cascadeAtThetaZeroIsStageOneAndAboveOneIsStageTwo();
    void cascadeBudgetPointsFollowTheChanceStageTwoFits();
    void cascadeGainIsPlannedOnItsLowerConfidenceBound();
    void stageTwoRunsAtTheSmallestBatchThatHoldsTheEscalated();
    void lateStageTwoReturnsTheStageOneAnswerOnTime();
    void calibrationAndTestHalvesAreSeededAndDisjoint();
    void costFollowsThreadsAndPrice();
    void optionsComeFromTheConfiguration();
    void buildRejectsBadInput_data();
    void buildRejectsBadInput();
    void buildNotesWhatItLeavesOut();
    void frontierIsTheParetoSet();
    void plannerWithUnboundedDeadlinePicksTheMostAccurate();
    void plannerBelowEveryLatencyPicksTheFastest();
    void plannerPicksTheMostAccurateEntryThatFits();
    void plannerServesTheWholeQueueInTime();
    void plannerDrainsUnderALoadSpike();
    void arrivalRateIsEstimatedFromThePast();
    void plannerAdaptsToTheArrivalRate();
    void plannerWeighsEachWaitingRequestsDeadline();
    void plannerFallsBackFromUnhealthyModels();
    void explainDecisionSaysWhy();
    void staticBaselinesAndAutotuner();
    void makePolicyKnowsThePolicies();
    void pinnedDecisionCostIsChargedInsteadOfMeasured();
    void mdpPlannerSolvesTheGoldenTable();
    void mdpPlannerDecidesByLookup();
    void deadlineClassesComeFromTheRequests();
    void infaasFitsALinearModel();
    void infaasPicksTheCheapestVariantMeetingTheSlo();
    void infaasTailPlansOnTheTailWhereTheMeanMisleads();
    void goldenTenRequests();
    void anytimeRuleSkipsStageTwoWhenSlackIsShort();
    void switchingConfigurationsCostsWhatTheServingPassMeasured();
    void idleGapsCostWhatWasMeasuredAfterThem();
    void shareWithinCountsTheSamplesAtMost();
    void stochasticDominanceComparesEveryShare();
    void plannerCountsTheIdleOfTheWeightsThatRanLast();
    void bestEffortTakesTheEntryLikeliestOnTime();
    void oracleBoundsEveryPolicy();
    void fastestSampleBoundsEveryDraw();
    void bestFixedInHindsightByHand();
    void bestFixedInHindsightIsTheBestEntryOnTheTrace();
    void bestFixedInHindsightBoundsTheFixedBaselines();
    void identicalSeedsGiveIdenticalRecords();
    void crashingModelFallsBackOnlyWithTheHandler();
    void failingStageTwoReturnsTheStageOneAnswer();
    void failedModelIsRetriedAfterItsWindow();
    void simulatorBatchesUnderASpike();
    void simulatorUsesAllWorkers();
    void simulatorRejectsBadInput();
    void requestsCsvRoundTrips();
};

void TestPlanning::quantileIsType7_data() {
    QTest::addColumn<std::vector<double>>("samples");
    QTest::addColumn<double>("q");
    QTest::addColumn<double>("expected");
    QTest::newRow("median of four") << std::vector<double>{1, 2, 3, 4} << 0.5 << 2.5;
    QTest::newRow("0.95 of four") << std::vector<double>{4, 3, 2, 1} << 0.95 << 3.85;
    QTest::newRow("min") << std::vector<double>{5, 1, 3} << 0.0 << 1.0;
    QTest::newRow("max") << std::vector<double>{5, 1, 3} << 1.0 << 5.0;
    QTest::newRow("one sample") << std::vector<double>{7} << 0.99 << 7.0;
    QTest::newRow("0.9 of eleven")
        << std::vector<double>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 100} << 0.95 << 54.5;
}

void TestPlanning::quantileIsType7() {
    QFETCH(std::vector<double>, samples);
    QFETCH(double, q);
    QFETCH(double, expected);
    QCOMPARE(empiricalQuantileUnsorted(samples, q), expected);
    QVERIFY(std::isnan(empiricalQuantile({}, 0.5)));
}

void TestPlanning::tableEntriesOfTheGoldenProfiles() {
    const ConfigTable table = goldenProfiles().table();
    QCOMPARE(table.size(), 3);
    QCOMPARE(table.entryNames(),
             QStringList({"S/fp32/b1/cpu:1", "L/fp32/b1/cpu:1", "S/fp32>L/fp32/b1/cpu:1@0.8"}));
    const ConfigEntry& s = table.entry(0);
    QCOMPARE(s.accuracy, 0.7);
    QCOMPARE(s.tailMs, 2.0);
    QCOMPARE(s.meanMs, 2.0);
    QCOMPARE(s.throughputPerS, 500.0);
    const ConfigEntry& c = table.entry(2);
    QVERIFY(c.cascade);
    QCOMPARE(c.accuracy, 0.9);
    QCOMPARE(c.escalationRate, 0.5);
    QCOMPARE(c.tail1Ms, 2.0);
    QCOMPARE(c.tail2Ms, 5.0);
    QCOMPARE(c.tailMs, 7.0);
    QCOMPARE(c.meanMs, 4.5);
    QCOMPARE(table.frontier(), std::vector<int>({0, 1, 2}));
    QCOMPARE(table.exampleCount(), 10);
    QCOMPARE(table.exampleSlot(9), 9);
    QCOMPARE(table.exampleSlot(10), -1);
    QCOMPARE(table.findEntry("L/fp32/b1/cpu:1"), 1);
    QVERIFY(table.correct(c.variant2, 2));
    QVERIFY(!table.correct(c.variant1, 2));
}

void TestPlanning::cascadeAccuracyIsExact() {
    // A right on 0 and 2; B right on 0, 1, 3. Confidences of A: 0.9 0.4 0.6 0.2.
    Profiles p;
    p.latency.push_back(latencyProfile("A", "fp32", 1, "cpu:1", {1.0}));
    p.latency.push_back(latencyProfile("B", "fp32", 1, "cpu:1", {3.0}));
    p.accuracy.push_back(accuracyProfile("A", "fp32", {1, 0, 1, 0}, {0.9f, 0.4f, 0.6f, 0.2f}));
    p.accuracy.push_back(accuracyProfile("B", "fp32", {1, 1, 0, 1}, {0.5f, 0.5f, 0.5f, 0.5f}));
    p.options.task = kTask;
    p.options.riskEpsilon = 0.3;
    p.options.cascades.push_back(CascadeSpec{"A", "B", {0.3, 0.5, 0.7}});
    const ConfigTable table = p.table();
    QCOMPARE(table.size(), 5);
    // θ 0.3: escalates example 3 only. Its answers are on time with stage 1's; the accuracy
    // needs stage 2 to answer in time: planned on 1 + 3 ms. (At 1 ms stage 2 never fits, so
    // no lower budget point is listed.)
    QCOMPARE(table.entry(2).accuracy, 0.75);
    QCOMPARE(table.entry(2).escalationRate, 0.25);
    QCOMPARE(table.entry(2).tailMs, 4.0);
    // θ 0.5: escalates 1 and 3, both right in B; 0 and 2 right in A.
    QCOMPARE(table.entry(3).accuracy, 1.0);
    QCOMPARE(table.entry(3).escalationRate, 0.5);
    QCOMPARE(table.entry(3).tailMs, 4.0);
    // θ 0.7: escalates 1, 2, 3: B is wrong on 2.
    QCOMPARE(table.entry(4).accuracy, 0.75);
    QCOMPARE(table.entry(4).escalationRate, 0.75);
}

void TestPlanning::cascadeAtThetaZeroIsStageOneAndAboveOneIsStageTwo() {
    for (const std::uint64_t seed : {1u, 2u, 3u}) {
        const ConfigTable table = randomProfiles(seed).table();
        int checked = 0;
        for (const ConfigEntry& e : table.entries()) {
            if (!e.cascade || e.servingEntry != e.id) {
                continue;  // the lower budget points are checked elsewhere
            }
            const double stage1 = table.variants()[static_cast<std::size_t>(e.variant1)].accuracy;
            const double stage2 = table.variants()[static_cast<std::size_t>(e.variant2)].accuracy;
            if (e.threshold == 0.0) {
                QCOMPARE(e.accuracy, stage1);
                QCOMPARE(e.fullAccuracy, stage1);
                QCOMPARE(e.escalationRate, 0.0);
                QCOMPARE(e.tailMs, e.tail1Ms);
                ++checked;
            } else if (e.threshold > 1.0) {
                // Every item escalates: stage 2 runs the whole batch (its batch of that size),
                // planned on its switched 1-ε tail.
                QCOMPARE(e.escalationRate, 1.0);
                QCOMPARE(e.fullAccuracy, stage2);
                QCOMPARE(e.stage2.batchSize, e.batchSize);
                const std::span<const double> one = table.samples(e.samples1);
                const std::span<const double> two = table.switchedSamples(e.samples2);
                QCOMPARE(e.tail2Ms, empiricalQuantileUnsorted({two.begin(), two.end()}, 0.95));
                QCOMPARE(e.tailMs, e.tail1Ms + e.tail2Ms);
                // A(B) = acc₁ + g(B)·(acc₂ - acc₁), g by counting every pair of samples: stage 2
                // starts when B - s₁ covers its tail and answers when s₂ ≤ B - s₁.
                int fits = 0;
                for (const double s1 : one) {
                    for (const double s2 : two) {
                        fits += (e.tailMs - s1 >= e.tail2Ms && s2 <= e.tailMs - s1) ? 1 : 0;
                    }
                }
                const double g =
                    static_cast<double>(fits) / static_cast<double>(one.size() * two.size());
                QCOMPARE(e.stage2CompletesShare, g);
                QCOMPARE(e.accuracy, stage1 + g * (stage2 - stage1));
                ++checked;
            }
        }
        // 2 cascades × 8 stage-1 configurations × 4 stage-2 (precision, device) × θ 0 and 1.5
        QCOMPARE(checked, 128);
    }
}

namespace {

/// S: samples 1 2 3 4, right on 2 of 4; L: samples 2 4, right on all; the cascade S > L at θ 1.5
/// escalates every item; ε = 0.05.
Profiles escalateEveryItem() {
    Profiles p;
    p.latency.push_back(latencyProfile("S", "fp32", 1, "cpu:1", {1.0, 2.0, 3.0, 4.0}));
    p.latency.push_back(latencyProfile("L", "fp32", 1, "cpu:1", {2.0, 4.0}));
    p.accuracy.push_back(accuracyProfile("S", "fp32", {1, 0, 1, 0}, {0.9f, 0.4f, 0.6f, 0.2f}));
    p.accuracy.push_back(accuracyProfile("L", "fp32", {1, 1, 1, 1}, {0.5f, 0.5f, 0.5f, 0.5f}));
    p.options.task = kTask;
    p.options.riskEpsilon = 0.05;
    p.options.cascades.push_back(CascadeSpec{"S", "L", {1.5}});
    return p;
}

}  // namespace

void TestPlanning::cascadeBudgetPointsFollowTheChanceStageTwoFits() {
    // S: samples 1 2 3 4, right on 2 of 4; L: samples 2 4, right on all; θ 1.5 escalates every
    // item. ε = 0.05: tail₁ = 3.85 (type 7), median₁ = 2.5, tail₂ = 3.9.
    const Profiles p = escalateEveryItem();
    const ConfigTable table = p.table();
    QCOMPARE(table.entryNames(),
             QStringList({"S/fp32/b1/cpu:1", "L/fp32/b1/cpu:1", "S/fp32>L/fp32/b1/cpu:1@1.5",
                          "S/fp32>L/fp32/b1/cpu:1@1.5~median"}));
    const ConfigEntry& full = table.entry(2);
    const ConfigEntry& median = table.entry(3);
    QCOMPARE(full.tail2Ms, 3.9);
    // Full point B = 3.85 + 3.9 = 7.75: after stage-1 samples 1, 2, 3 the slack (6.75, 5.75,
    // 4.75) covers 3.9 and both stage-2 samples fit; after 4 it does not. g = 3/4.
    QCOMPARE(full.tailMs, 7.75);
    QCOMPARE(full.stage2CompletesShare, 0.75);
    QCOMPARE(full.accuracy, 0.5 + 0.75 * 0.5);
    QCOMPARE(full.fullAccuracy, 1.0);
    // Median point B = 2.5 + 3.9 = 6.4: slack 5.4 and 4.4 after 1 and 2 (both samples fit);
    // 3.4 after 3 is short of 3.9. g = 2/4.
    QCOMPARE(median.tailMs, 6.4);
    QCOMPARE(median.stage2CompletesShare, 0.5);
    QCOMPARE(median.accuracy, 0.75);
    QCOMPARE(median.servingEntry, full.id);
    QCOMPARE(full.servingEntry, full.id);
    // Stage 1's tail alone (3.85) leaves at most 2.85 < 3.9: no better than S, not listed.
    // Busy time: stage 1's mean 2.5, then stage 2's 3 for every batch.
    QCOMPARE(full.meanMs, 5.5);
    QCOMPARE(median.meanMs, 5.5);
}

void TestPlanning::cascadeGainIsPlannedOnItsLowerConfidenceBound() {
    // The profiles of cascadeBudgetPointsFollowTheChanceStageTwoFits, at 95% confidence. Every
    // item escalates; d = L − S per example: 0, 1, 0, 1. Mean 0.5, sample variance
    // (2 − 4·0.25)/3 = 1/3, standard error √(1/12) = 0.288675; z₀.₉₅ = 1.644854 (normal
    // tables). Planned full accuracy 1 − 1.644854·0.288675 = 0.525172.
    Profiles p = escalateEveryItem();
    p.options.cascadeGainConfidence = 0.95;
    const ConfigTable table = p.table();
    const ConfigEntry& full = table.entry(table.findEntry("S/fp32>L/fp32/b1/cpu:1@1.5"));
    QVERIFY(std::abs(full.fullAccuracy - 0.525172) < 1e-6);
    // A(B) = acc₁ + g(B)·Δ with the lowered Δ = 0.025172: g 3/4 at the full point, 2/4 at the
    // median point (as without the bound).
    QVERIFY(std::abs(full.accuracy - (0.5 + 0.75 * 0.025172)) < 1e-6);
    const int median = table.findEntry("S/fp32>L/fp32/b1/cpu:1@1.5~median");
    QVERIFY(median >= 0);
    QVERIFY(std::abs(table.entry(median).accuracy - (0.5 + 0.5 * 0.025172)) < 1e-6);
    // The single entries keep their measured accuracies.
    QCOMPARE(table.entry(table.findEntry("L/fp32/b1/cpu:1")).accuracy, 1.0);

    // A gain whose bound is below zero plans the cascade below stage 1 alone: with S right on
    // 3 of 4 and L wrong where S is right once, d = 0, 1, −1, 0 (mean 0, variance 2/3).
    Profiles worse = p;
    worse.accuracy[0] = accuracyProfile("S", "fp32", {1, 0, 1, 1}, {0.9f, 0.4f, 0.6f, 0.2f});
    worse.accuracy[1] = accuracyProfile("L", "fp32", {1, 1, 0, 1}, {0.5f, 0.5f, 0.5f, 0.5f});
    const ConfigTable lowered = worse.table();
    const ConfigEntry& c = lowered.entry(lowered.findEntry("S/fp32>L/fp32/b1/cpu:1@1.5"));
    QVERIFY(std::abs(c.fullAccuracy - (0.75 - 1.644854 * std::sqrt(2.0 / 3.0 / 4.0))) < 1e-6);
    QVERIFY(c.accuracy < 0.75);
}

void TestPlanning::stageTwoRunsAtTheSmallestBatchThatHoldsTheEscalated() {
    // S and L at batches 1 and 4 on cpu:1, L also on cpu:2 at batch 4. The cascade at θ 0.8 of
    // the golden profiles escalates examples 2, 4, 7, 9 (conf₁ 0.5, 0.6, 0.4, 0.3).
    Profiles p = goldenProfiles();
    p.latency.push_back(latencyProfile("S", "fp32", 4, "cpu:1", {3.0}));
    p.latency.push_back(latencyProfile("L", "fp32", 4, "cpu:1", {8.0}));
    p.latency.push_back(latencyProfile("L", "fp32", 4, "cpu:2", {6.0}, 2));
    const ConfigTable table = p.table();
    // Stage 2 on cpu:2 has no batch 1: it is listed for stage-1 batches up to 4 with its batch
    // of 4, and its name says where stage 2 runs.
    const int other = table.findEntry("S/fp32>L/fp32@cpu:2/b1/cpu:1@0.8");
    QVERIFY(other >= 0);
    QCOMPARE(table.entry(other).stage2.device, QString("cpu:2"));
    QCOMPARE(table.entry(other).stage2.batchSize, 4);
    const int cascade = table.findEntry("S/fp32>L/fp32/b4/cpu:1@0.8");
    QVERIFY(cascade >= 0);
    const ConfigEntry& c = table.entry(cascade);
    QCOMPARE(table.entry(table.stage2EntryFor(c, 1)).name, QString("L/fp32/b1/cpu:1"));
    QCOMPARE(table.entry(table.stage2EntryFor(c, 2)).name, QString("L/fp32/b4/cpu:1"));
    QCOMPARE(table.entry(table.stage2EntryFor(c, 4)).name, QString("L/fp32/b4/cpu:1"));

    // A batch of examples 0, 1, 2, 3 (conf₁ 0.9, 0.95, 0.5, 0.85): only example 2 is unsure;
    // its slack covers L's tail at batch 1 (5 ms), so stage 2 runs it alone, at batch 1.
    const Trace trace = {request(0, 0, 100, 0), request(1, 0, 100, 1), request(2, 0, 100, 2),
                         request(3, 0, 100, 3)};
    const CascadePlanner planner(table);
    SimulationResult result;
    ServingStep step(trace, planner, result, false);
    step.admit(0.0);
    ServedBatch batch;
    batch.decision = Decision{cascade, 4, false, false, false};
    batch.queueLength = 4;
    batch.requests = {0, 1, 2, 3};
    const std::vector<float> confidence{0.9f, 0.95f, 0.5f, 0.85f};
    const Stage2Plan plan = step.planStage2(batch, confidence, 3.0);
    QCOMPARE(plan.positions, std::vector<int>({2}));
    QCOMPARE(table.entry(plan.entry).name, QString("L/fp32/b1/cpu:1"));
    // Deadlines of 7 ms leave 4 ms after stage 1, short of L's 5 ms tail at batch 1: nothing
    // goes.
    const Trace tight = {request(0, 0, 7, 0), request(1, 0, 7, 1), request(2, 0, 7, 2),
                         request(3, 0, 7, 3)};
    SimulationResult other2;
    ServingStep tightStep(tight, planner, other2, false);
    QVERIFY(tightStep.planStage2(batch, confidence, 3.0).positions.empty());
}

void TestPlanning::lateStageTwoReturnsTheStageOneAnswerOnTime() {
    // Golden table: example 2 is unsure in S (conf 0.5 < 0.8) and wrong there; L is right.
    const ConfigTable table = goldenProfiles().table();
    const CascadePlanner planner(table);
    for (const double stage2End : {7.0, 11.0}) {
        const Trace trace = {request(0, 0, 9, 2)};
        SimulationResult result;
        ServingStep step(trace, planner, result, false);
        step.admit(0.0);
        const ServedBatch batch = step.decide(0.0, 0.0, -1, 0.0);
        QCOMPARE(table.entry(batch.decision.entry).name, QString("S/fp32>L/fp32/b1/cpu:1@0.8"));
        const std::vector<float> confidence{0.5f};
        const Stage2Plan plan = step.planStage2(batch, confidence, 2.0);  // slack 7 ≥ 5
        QCOMPARE(plan.positions, std::vector<int>({0}));
        Stage2Outcome stage2;
        stage2.ran = true;
        stage2.startMs = 2.0;
        stage2.endMs = stage2End;
        stage2.right = {1};
        const std::vector<std::uint8_t> right1{0};
        step.answer(batch, 0.0, 2.0, right1, plan, stage2);
        step.finish(0);
        const RequestRecord& r = result.records[0];
        QVERIFY(r.hit);
        if (stage2End <= 9.0) {  // stage 2 in time: its (right) answer at 7
            QVERIFY(r.stage2Ran);
            QVERIFY(r.correct);
            QCOMPARE(r.finishMs, 7.0);
        } else {  // stage 2 still running at the deadline: stage 1's (wrong) answer at 9
            QVERIFY(!r.stage2Ran);
            QVERIFY(!r.correct);
            QCOMPARE(r.finishMs, 9.0);
        }
        QCOMPARE(result.metrics.hitRate, 1.0);
    }
}

void TestPlanning::calibrationAndTestHalvesAreSeededAndDisjoint() {
    Profiles p = goldenProfiles();
    p.options.splitSeed = 7;
    const ConfigTable table = p.table();
    QVERIFY(table.hasSplit());
    QCOMPARE(table.calibrationCount(), 5);
    QCOMPARE(table.testCount(), 5);
    std::vector<std::int64_t> test;
    for (int k = 0; k < table.testCount(); ++k) {
        test.push_back(table.testExample(k));
    }
    QVERIFY(std::is_sorted(test.begin(), test.end()));
    // S's answers (golden fixture): right on 0 1 3 5 6 8 9. Its planned accuracy counts the
    // calibration half only.
    const std::vector<int> sRight{1, 1, 0, 1, 0, 1, 1, 0, 1, 1};
    int right = 0;
    for (int slot = 0; slot < 10; ++slot) {
        const bool inTest = std::find(test.begin(), test.end(), slot) != test.end();
        QCOMPARE(table.isCalibration(slot), !inTest);
        right += table.isCalibration(slot) ? sRight[static_cast<std::size_t>(slot)] : 0;
    }
    QCOMPARE(table.entry(0).accuracy, right / 5.0);
    // The same seed, the same split; traces land on the test half only.
    Profiles again = goldenProfiles();
    again.options.splitSeed = 7;
    const ConfigTable same = again.table();
    for (int k = 0; k < 5; ++k) {
        QCOMPARE(same.testExample(k), test[static_cast<std::size_t>(k)]);
    }
    Trace trace;
    for (int i = 0; i < 10; ++i) {
        trace.push_back(request(i, i, 10, i));
    }
    for (const Request& r : onTestHalf(trace, table)) {
        QVERIFY(!table.isCalibration(table.exampleSlot(r.example)));
    }
    // Another seed, another split (for these two seeds).
    Profiles other = goldenProfiles();
    other.options.splitSeed = 8;
    const ConfigTable otherTable = other.table();
    bool differs = false;
    for (int k = 0; k < 5; ++k) {
        differs = differs || otherTable.testExample(k) != test[static_cast<std::size_t>(k)];
    }
    QVERIFY(differs);
}

void TestPlanning::costFollowsThreadsAndPrice() {
    Profiles p;
    p.latency.push_back(latencyProfile("A", "fp32", 4, "cpu:N", {8.0, 12.0}, 2));
    p.latency.push_back(latencyProfile("A", "fp32", 1, "cuda:0", {1.0}, 0));
    p.accuracy.push_back(accuracyProfile("A", "fp32", {1, 0}, {0.9f, 0.4f}));
    p.options.task = kTask;
    p.options.costPerDeviceHour.insert("cpu", 3.6);
    p.options.costPerDeviceHour.insert("cuda", 36.0);
    const ConfigTable table = p.table();
    // cpu: 2 cores × 3.6 per core-hour = 2e-6 per ms; mean 10 ms for 4 items.
    QCOMPARE(table.entry(0).deviceUnits, 2.0);
    QVERIFY(qFuzzyCompare(table.entry(0).costPerBusyMs, 2e-6));
    QVERIFY(qFuzzyCompare(table.entry(0).costPerItem, 5e-6));
    QCOMPARE(table.entry(0).throughputPerS, 400.0);
    // cuda: one GPU at 36 per hour = 1e-5 per ms.
    QCOMPARE(table.entry(1).deviceUnits, 1.0);
    QVERIFY(qFuzzyCompare(table.entry(1).costPerItem, 1e-5));
}

void TestPlanning::optionsComeFromTheConfiguration() {
    ModelsConfig models;
    models.cascades.push_back(CascadeSpec{"S", "L", {0.8, 0.9}});
    ProtocolConfig protocol;
    protocol.riskEpsilon = 0.01;
    protocol.costPerDeviceHour.insert("cpu", 0.0475);
    const ConfigTableOptions options = ConfigTableOptions::from(models, protocol, "cifar10");
    QCOMPARE(options.task, QString("cifar10"));
    QCOMPARE(options.riskEpsilon, 0.01);
    QCOMPARE(options.costPerDeviceHour.value("cpu"), 0.0475);
    QCOMPARE(options.cascades.size(), std::size_t(1));
    QCOMPARE(options.cascades[0].thresholds, std::vector<double>({0.8, 0.9}));
}

void TestPlanning::buildRejectsBadInput_data() {
    QTest::addColumn<int>("breakage");
    QTest::addColumn<QString>("expected");
    QTest::newRow("different examples") << 0 << "every (model, precision) of task t must cover";
    QTest::newRow("no samples") << 1 << "S/fp32/b1/cpu:1 is ok but has no samples";
    QTest::newRow("negative sample") << 2 << "S/fp32/b1/cpu:1 has a sample -1";
    QTest::newRow("duplicate") << 3 << "two latency profiles for S/fp32/b1/cpu:1";
    QTest::newRow("no price") << 4 << "no cost_per_device_hour for 'cuda'";
    QTest::newRow("epsilon") << 5 << "risk epsilon must lie in (0, 1)";
    QTest::newRow("nothing usable") << 6 << "no usable configuration for task t";
    QTest::newRow("two tasks") << 7 << "the profiles hold 2 tasks";
    QTest::newRow("bad threshold") << 8 << "threshold -0.5 must be a finite number";
    QTest::newRow("cpu:N without threads") << 9 << "device cpu:N has no thread count";
}

void TestPlanning::buildRejectsBadInput() {
    QFETCH(int, breakage);
    QFETCH(QString, expected);
    Profiles p = goldenProfiles();
    switch (breakage) {
        case 0:
            p.accuracy[1].index[3] = 42;
            break;
        case 1:
            p.latency[0].samplesMs.clear();
            break;
        case 2:
            p.latency[0].samplesMs[1] = -1.0;
            break;
        case 3:
            p.latency.push_back(p.latency[0]);
            break;
        case 4:
            p.latency.push_back(latencyProfile("S", "fp32", 1, "cuda:0", {1.0}, 0));
            break;
        case 5:
            p.options.riskEpsilon = 0.0;
            break;
        case 6:
            for (LatencyProfile& l : p.latency) {
                l.status = QStringLiteral("failed: out of memory");
            }
            break;
        case 7:
            p.options.task.clear();
            p.latency[0].key.task = QStringLiteral("other");
            break;
        case 8:
            p.options.cascades[0].thresholds.push_back(-0.5);
            break;
        case 9:
            p.latency.push_back(latencyProfile("S", "fp32", 8, "cpu:N", {1.0}, 0));
            break;
    }
    try {
        p.table();
        QFAIL("expected aip::Error");
    } catch (const Error& e) {
        QVERIFY2(e.message().contains(expected), qPrintable(e.message()));
    }
}

void TestPlanning::buildNotesWhatItLeavesOut() {
    Profiles p = goldenProfiles();
    p.latency.push_back(latencyProfile("S", "int8", 1, "cpu:1", {1.0}));  // no accuracy
    LatencyProfile unsupported = latencyProfile("S", "bf16", 1, "cpu:1", {});
    unsupported.status = QStringLiteral("unsupported: no bf16 kernel");
    p.latency.push_back(unsupported);
    p.options.cascades.push_back(CascadeSpec{"S", "absent", {0.5}});
    p.options.cascades.push_back(CascadeSpec{"x", "y", {0.5}});  // another task's: silent
    const ConfigTable table = p.table();
    QCOMPARE(table.size(), 3);
    QCOMPARE(table.notes().size(), 2);
    QVERIFY(table.notes().at(0).contains("S/int8/b1/cpu:1: left out, no accuracy profile"));
    QVERIFY(table.notes().at(1).contains("cascade S > absent: left out"));
}

void TestPlanning::frontierIsTheParetoSet() {
    for (const std::uint64_t seed : {1u, 2u, 3u, 4u}) {
        const ConfigTable table = randomProfiles(seed).table();
        const std::vector<int>& front = table.frontier();
        QVERIFY(front.size() >= 2);
        for (std::size_t i = 1; i < front.size(); ++i) {
            QVERIFY(table.entry(front[i]).tailMs >= table.entry(front[i - 1]).tailMs);
            QVERIFY(table.entry(front[i]).accuracy > table.entry(front[i - 1]).accuracy);
        }
        for (const ConfigEntry& e : table.entries()) {
            const bool onFront = std::find(front.begin(), front.end(), e.id) != front.end();
            bool dominated = false;
            for (const ConfigEntry& o : table.entries()) {
                if (o.tailMs <= e.tailMs && o.accuracy >= e.accuracy &&
                    (o.tailMs < e.tailMs || o.accuracy > e.accuracy)) {
                    dominated = true;
                    break;
                }
            }
            QVERIFY2(!(onFront && dominated), qPrintable(e.name));
            if (!onFront) {
                // Off the front: something on it is at least as fast and as accurate.
                bool covered = false;
                for (const int id : front) {
                    covered = covered || (table.entry(id).tailMs <= e.tailMs &&
                                          table.entry(id).accuracy >= e.accuracy);
                }
                QVERIFY2(covered, qPrintable(e.name));
            }
        }
        QCOMPARE(table.byTail().size(), table.entries().size());
        for (std::size_t i = 0; i < table.byTail().size(); ++i) {
            QCOMPARE(table.tailRank(table.byTail()[i]), static_cast<int>(i));
        }
    }
}

void TestPlanning::plannerWithUnboundedDeadlinePicksTheMostAccurate() {
    for (const std::uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
        const ConfigTable table = randomProfiles(seed).table();
        const CascadePlanner planner(table);
        DecisionContext context;
        context.budgetMs = kInf;
        const Decision d = planner.decide(context);
        double best = 0.0;
        for (const ConfigEntry& e : table.entries()) {
            best = std::max(best, e.accuracy);
        }
        QCOMPARE(table.entry(d.entry).accuracy, best);
        QVERIFY(!d.bestEffort);
        QCOMPARE(d.take, 1);
    }
}

void TestPlanning::plannerBelowEveryLatencyPicksTheFastest() {
    for (const std::uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
        const ConfigTable table = randomProfiles(seed).table();
        const CascadePlanner planner(table);
        double fastest = kInf;
        double lowestMean = kInf;
        for (const ConfigEntry& e : table.entries()) {
            fastest = std::min(fastest, e.tailMs);
            lowestMean = std::min(lowestMean, e.meanMs);
        }
        // Below every tail: the entry most likely to answer correctly in time.
        for (const double budget : {fastest - 1e-9, fastest * 0.8, 0.0, -50.0}) {
            DecisionContext context;
            context.budgetMs = budget;
            const Decision d = planner.decide(context);
            QVERIFY(d.bestEffort);
            QCOMPARE(likeliness(table, d.entry, budget), bruteForceLikeliest(table, budget));
            if (budget <= 0.0) {  // none can: the fastest on average
                QCOMPARE(table.entry(d.entry).meanMs, lowestMean);
            }
        }
    }
}

void TestPlanning::plannerPicksTheMostAccurateEntryThatFits() {
    for (const std::uint64_t seed : {1u, 2u, 3u}) {
        const ConfigTable table = randomProfiles(seed).table();
        const CascadePlanner planner(table);
        SeededRng rng(seed, QStringLiteral("test/budgets"));
        for (int i = 0; i < 500; ++i) {
            DecisionContext context;
            context.budgetMs = rng.uniform(0.0, 40.0);
            const Decision d = planner.decide(context);
            const int expected = bruteForceBest(table, context.budgetMs);
            if (expected < 0) {
                QVERIFY(d.bestEffort);
                QCOMPARE(likeliness(table, d.entry, context.budgetMs),
                         bruteForceLikeliest(table, context.budgetMs));
                continue;
            }
            QVERIFY(table.entry(d.entry).tailMs <= context.budgetMs);
            QCOMPARE(table.entry(d.entry).accuracy, table.entry(expected).accuracy);
            QCOMPARE(table.entry(d.entry).tailMs, table.entry(expected).tailMs);
        }
    }
}

void TestPlanning::plannerServesTheWholeQueueInTime() {
    // With q requests queued the planner takes the most accurate front entry whose
    // ⌈q / batch⌉ batches fit the head's budget, checked against a brute force over the front,
    // on the precomputed tables (threshold 8) and on the linear walk (no spike mode).
    for (const std::uint64_t seed : {1u, 2u, 3u}) {
        const ConfigTable table = randomProfiles(seed).table();
        const CascadePlanner withTables(table);
        PolicyOptions noSpike;
        noSpike.spikeQueueThreshold = std::numeric_limits<int>::max();
        const CascadePlanner linear(table, noSpike);
        SeededRng rng(seed, QStringLiteral("test/queues"));
        int steppedDown = 0;
        for (int i = 0; i < 500; ++i) {
            DecisionContext context;
            context.budgetMs = rng.uniform(0.0, 60.0);
            context.queueLength = static_cast<int>(rng.uniformInt(2, 8));
            const int alone = bruteForceBest(table, context.budgetMs);
            // The most accurate entry of any batch size that serves all q in time.
            int expected = -1;
            for (const ConfigEntry& e : table.entries()) {
                const int id = e.id;
                const double service =
                    e.tailMs * ((context.queueLength + e.batchSize - 1) / e.batchSize);
                if (service <= context.budgetMs &&
                    (expected < 0 || e.accuracy > table.entry(expected).accuracy)) {
                    expected = id;
                }
            }
            const Decision d = withTables.decide(context);
            QCOMPARE(linear.decide(context).entry, d.entry);
            if (alone < 0) {
                // The head is late whatever runs: the queue behind it is drained fastest.
                QVERIFY(d.bestEffort && d.drain);
                double most = 0.0;
                for (const ConfigEntry& e : table.entries()) {
                    most = std::max(most, e.throughputPerS);
                }
                QCOMPARE(table.entry(d.entry).throughputPerS, most);
                continue;
            }
            QVERIFY(!d.bestEffort);
            if (expected < 0) {
                QCOMPARE(d.entry, table.frontier().front());  // none serves all: the fastest
                continue;
            }
            QCOMPARE(table.entry(d.entry).accuracy, table.entry(expected).accuracy);
            steppedDown += table.entry(d.entry).accuracy < table.entry(alone).accuracy ? 1 : 0;
        }
        QVERIFY2(steppedDown > 0, "the queue never changed a decision: the test tests nothing");
    }
    // A queue of one decides as before.
    const ConfigTable table = randomProfiles(1).table();
    const CascadePlanner planner(table);
    DecisionContext one;
    one.budgetMs = 20.0;
    QCOMPARE(planner.decide(one).entry, bruteForceBest(table, 20.0));
}

void TestPlanning::plannerDrainsUnderALoadSpike() {
    const ConfigTable table = randomProfiles(7).table();
    PolicyOptions options;
    options.spikeQueueThreshold = 8;
    const CascadePlanner planner(table, options);
    int spikes = 0;
    int served = 0;
    for (const double budget : {3.0, 10.0, 30.0, 100.0, kInf}) {
        DecisionContext context;
        context.budgetMs = budget;
        context.queueLength = 9;
        // By brute force: the most accurate entry that serves all 9 in time, batch after
        // batch of its tail, and the highest throughput among those that fit the head.
        int whole = -1;
        double best = 0.0;
        for (const ConfigEntry& e : table.entries()) {
            if (e.tailMs <= budget) {
                best = std::max(best, e.throughputPerS);
            }
            if (e.tailMs * ((9 + e.batchSize - 1) / e.batchSize) <= budget &&
                (whole < 0 || e.accuracy > table.entry(whole).accuracy)) {
                whole = e.id;
            }
        }
        const Decision d = planner.decide(context);
        if (whole >= 0) {
            // Nine waiting but all served in time: not a spike, the queue rule decides.
            QVERIFY(!d.drain);
            QCOMPARE(table.entry(d.entry).accuracy, table.entry(whole).accuracy);
            ++served;
            continue;
        }
        QVERIFY(d.drain);
        QCOMPARE(table.entry(d.entry).throughputPerS, best);
        QCOMPARE(d.take, std::min(9, table.entry(d.entry).batchSize));
        QCOMPARE(d.take, 4);
        context.queueLength = 8;  // at the threshold: normal planning
        QVERIFY(!planner.decide(context).drain);
        ++spikes;
    }
    QVERIFY(spikes > 0 && served > 0);
    DecisionContext hopeless;
    hopeless.budgetMs = -1.0;
    hopeless.queueLength = 20;
    const Decision d = planner.decide(hopeless);
    QVERIFY(d.drain && d.bestEffort);
    double best = 0.0;
    for (const ConfigEntry& e : table.entries()) {
        best = std::max(best, e.throughputPerS);
    }
    QCOMPARE(table.entry(d.entry).throughputPerS, best);
}

void TestPlanning::plannerWeighsEachWaitingRequestsDeadline() {
    // Deadlines seen so far 2, 3, 5, 8: the mean share at most x for x uniform in [1, 3] is
    // (∫ F) / 2 = (0.25 · 1) / 2 = 0.125; in [2, 2] it is F(2) = 0.25.
    DeadlineWindow window;
    for (const double d : {8.0, 2.0, 5.0, 3.0}) {
        window.observe(d);
    }
    QCOMPARE(window.meanShareAtMost(1.0, 3.0), 0.125);
    QCOMPARE(window.meanShareAtMost(2.0, 2.0), 0.25);
    QCOMPARE(window.meanShareAtMost(0.0, 10.0), (10.0 - 2 + 10.0 - 3 + 10.0 - 5 + 10.0 - 8) / 40);

    // Golden table (S 2 ms 0.7, L 5 ms 0.8, S>L 7 ms 0.9, S>L's mean 4.5 ms). The head is due
    // in 100 ms, the request behind it in 4 ms; S ran last.
    const ConfigTable table = goldenProfiles().table();
    const CascadePlanner planner(table);
    DeadlineWindow seen;
    seen.observe(100.0);
    seen.observe(4.0);
    DecisionContext c;
    c.budgetMs = 100.0;
    c.queueLength = 2;
    c.arrivalRatePerMs = 1e-6;
    c.lastVariant = table.entry(0).variant1;
    c.deadlines = &seen;
    // Deadlines alone: the one behind waits for the batch (S>L: 4.5 + S's 2 = 6.5 ms, lost
    // with share 1/2; S: 2 + 2 = 4 ms, lost with share 1/2 too): S>L 0.9 - 0.7 · 0.5 = 0.55
    // beats S 0.7 - 0.7 · 0.5 = 0.35 and L 0.8 - 0.35 = 0.45.
    QCOMPARE(planner.decide(c).entry, 2);
    // Knowing it is due in 4 ms: after S (2 ms) it is served in time by S (2 + 2 ≤ 4), so S
    // scores 0.7 + 0.7 = 1.4 against S>L's 0.9 and L's 0.8.
    const std::vector<double> due{100.0, 4.0};
    c.waitingDueMs = due;
    QCOMPARE(planner.decide(c).entry, 0);
}

void TestPlanning::arrivalRateIsEstimatedFromThePast() {
    ArrivalRateEstimator estimator;
    QCOMPARE(estimator.ratePerMs(10.0), 0.0);
    estimator.observe(0.0);
    QCOMPARE(estimator.ratePerMs(0.0), 0.0);  // one arrival: no interval yet
    for (int t = 1; t < 100; ++t) {
        estimator.observe(static_cast<double>(t));
    }
    // The last 32 arrivals, 68 … 99 ms: 31 intervals in 31 ms.
    QCOMPARE(estimator.ratePerMs(99.0), 1.0);
    // Silence decays it: 31 arrivals after 68 ms in the 62 ms up to 130 ms.
    QCOMPARE(estimator.ratePerMs(130.0), 0.5);

    // Over a horizon: 0 … 99 ms at 1/ms, then 100 … 149.5 ms at 2/ms.
    ArrivalRateEstimator twoRates;
    for (int t = 0; t < 100; ++t) {
        twoRates.observe(static_cast<double>(t));
    }
    for (int k = 0; k < 100; ++k) {
        twoRates.observe(100.0 + 0.5 * k);
    }
    // A short horizon still counts the last 32: 31 intervals of 0.5 ms.
    QCOMPARE(twoRates.ratePerMs(149.5, 1.0), 2.0);
    // The last 100 ms hold the arrivals from 50 ms on: 50 + 100, so 149 after 50 ms in 99.5.
    QCOMPARE(twoRates.ratePerMs(149.5, 100.0), 149.0 / 99.5);
    // A horizon longer than what arrived: all 200, 199 after 0 ms in 149.5.
    QCOMPARE(twoRates.ratePerMs(149.5, 1000.0), 199.0 / 149.5);
}

void TestPlanning::plannerAdaptsToTheArrivalRate() {
    // The golden table: S 2 ms (0.7), L 5 ms (0.8), the cascade S > L (tail 7 ms, mean
    // 2 + 0.5·5 = 4.5 ms, 0.9), all batch 1. Under load an entry of mean m waits
    // W = (m/2)·min(1, λm)/(1 − λm) more (M/D/1) in the long run, but no more than the queue
    // builds within the budget B: (m/2)·min(1, λm) + max(0, λm − 1)·B + √(λB)·m.
    const ConfigTable table = goldenProfiles().table();
    const CascadePlanner planner(table);
    const auto chosen = [&](double ratePerMs, double budgetMs) {
        DecisionContext context;
        context.budgetMs = budgetMs;
        context.arrivalRatePerMs = ratePerMs;
        return planner.decide(context);
    };
    const QString cascade = table.entry(table.frontier().back()).name;
    QVERIFY(table.entry(table.frontier().back()).cascade);
    // No load known, or light load: the most accurate entry that fits, the cascade.
    QCOMPARE(table.entry(chosen(0.0, 20.0).entry).name, cascade);
    QCOMPARE(table.entry(chosen(0.01, 20.0).entry).name, cascade);
    // 100 requests/s: the cascade waits 1.0125/0.55 = 1.84 ms more (8.84 > 8.5; within the
    // budget it could build 1.0125 + √0.85·4.5 = 5.16), L 1.25/0.5 = 2.5 ms more (7.5 ≤ 8.5).
    QCOMPARE(table.entry(chosen(0.1, 8.5).entry).name, QString("L/fp32/b1/cpu:1"));
    QCOMPARE(table.entry(chosen(0.1, 20.0).entry).name, cascade);
    // 250 requests/s, 20 ms: L (λm = 1.25) falls behind by 2.5 + 0.25·20 + √5·5 = 18.7 ms
    // (23.7 > 20), the cascade (1.125) by 2.25 + 0.125·20 + √5·4.5 = 14.8 (21.8 > 20); S keeps
    // up (0.5) and waits 0.5/0.5 = 1 ms more (3 ≤ 20).
    const Decision s = chosen(0.25, 20.0);
    QCOMPARE(table.entry(s.entry).name, QString("S/fp32/b1/cpu:1"));
    QVERIFY(!s.drain && !s.bestEffort);
    // 600 requests/s: S falls behind too (λm = 1.2), but a 20 ms budget absorbs it:
    // 1 + 0.2·20 + √12·2 = 11.9 ms more (13.9 ≤ 20) ...
    const Decision behind = chosen(0.6, 20.0);
    QCOMPARE(table.entry(behind.entry).name, QString("S/fp32/b1/cpu:1"));
    QVERIFY(!behind.drain);
    // ... and an 8 ms one does not (1 + 1.6 + √4.8·2 = 7.0, 9.0 > 8): nothing keeps up, so the
    // highest throughput that fits drains the queue.
    const Decision drain = chosen(0.6, 8.0);
    QCOMPARE(table.entry(drain.entry).name, QString("S/fp32/b1/cpu:1"));
    QVERIFY(drain.drain);
    // A budget nothing fits stays best effort, whatever the load.
    QVERIFY(chosen(0.25, 1.0).bestEffort);
}

void TestPlanning::plannerFallsBackFromUnhealthyModels() {
    const ConfigTable table = goldenProfiles().table();
    const int s = table.modelIndex("S");
    const int l = table.modelIndex("L");
    ModelHealth health(2);
    health.markFailed(l, 100.0);
    DecisionContext context;
    context.nowMs = 10.0;
    context.budgetMs = 50.0;
    context.health = &health;
    const CascadePlanner planner(table);
    Decision d = planner.decide(context);
    QCOMPARE(table.entryNames().at(d.entry), QString("S/fp32/b1/cpu:1"));
    QVERIFY(d.fallback);
    QVERIFY(!d.bestEffort);
    // After the retry time the model is tried again.
    context.nowMs = 100.0;
    d = planner.decide(context);
    QCOMPARE(table.entryNames().at(d.entry), QString("S/fp32>L/fp32/b1/cpu:1@0.8"));
    QVERIFY(!d.fallback);
    // Without the failure handler the planner ignores health.
    PolicyOptions noHandler;
    noHandler.failureHandler = false;
    const CascadePlanner stubborn(table, noHandler);
    context.nowMs = 10.0;
    QCOMPARE(stubborn.decide(context).entry, 2);
    // Only L healthy and nothing fits: the fastest healthy entry, best effort.
    ModelHealth sDown(2);
    sDown.markFailed(s, 100.0);
    context.health = &sDown;
    context.budgetMs = 1.0;
    d = planner.decide(context);
    QCOMPARE(d.entry, 1);
    QVERIFY(d.fallback && d.bestEffort);
    // Nothing healthy: the preferred entry anyway.
    sDown.markFailed(l, 100.0);
    d = planner.decide(context);
    QCOMPARE(d.entry, 0);
    QVERIFY(!d.fallback);
}

void TestPlanning::explainDecisionSaysWhy() {
    const ConfigTable table = goldenProfiles().table();
    DecisionExplanation x = explainDecision(table, 6.0);
    QCOMPARE(x.decision.entry, 1);
    QVERIFY2(x.reason.contains("2 of the 3 front entries fit"), qPrintable(x.reason));
    QVERIFY(x.reason.contains("the most accurate of them: L/fp32/b1/cpu:1"));
    QVERIFY(x.reason.contains("rejected the next more accurate S/fp32>L/fp32/b1/cpu:1@0.8"));
    QVERIFY(x.reason.contains("faster but less accurate: S/fp32/b1/cpu:1"));
    x = explainDecision(table, 1.0);
    QCOMPARE(x.decision.entry, 0);
    QVERIFY2(x.reason.contains("nothing fits"), qPrintable(x.reason));
    x = explainDecision(table, 100.0);
    QCOMPARE(x.decision.entry, 2);
    QVERIFY(x.reason.contains("most accurate entry of the table"));
    QVERIFY(
        x.reason.contains("anytime: stage 2 (L/fp32/b1/cpu:1) runs for items with "
                          "confidence < 0.8"));
    // 30 waiting and 50 ms: the fastest entry needs 30 × 2 = 60 ms for them, so a spike ...
    x = explainDecision(table, 50.0, 30);
    QVERIFY2(x.reason.contains("load spike: queue 30 > threshold 8"), qPrintable(x.reason));
    // ... but with 100 ms all of them are served in time: planned as usual.
    x = explainDecision(table, 100.0, 30);
    QVERIFY2(!x.decision.drain && !x.reason.contains("load spike"), qPrintable(x.reason));
    // Nothing fits the head of 3 (S's 2 ms > 1 ms): late anyway, drained for the 2 behind it.
    x = explainDecision(table, 1.0, 3);
    QVERIFY(x.decision.drain && x.decision.bestEffort);
    QVERIFY2(x.reason.contains("nothing fits the head, late whatever runs; for the 2 waiting "
                               "behind it, so the highest-throughput entry overall"),
             qPrintable(x.reason));
    QVERIFY_THROWS_EXCEPTION(Error, explainDecision(table, 10.0, 0));
}

void TestPlanning::staticBaselinesAndAutotuner() {
    Profiles p;
    // fast: 1 ms at b1, 2 ms at b8; big: 4 ms at b1 (no better per item at b8: 40 ms).
    p.latency.push_back(latencyProfile("fast", "fp32", 1, "cpu:1", {1.0}));
    p.latency.push_back(latencyProfile("fast", "fp32", 8, "cpu:1", {2.0}));
    p.latency.push_back(latencyProfile("big", "fp32", 1, "cpu:1", {4.0}));
    p.latency.push_back(latencyProfile("big", "fp32", 8, "cpu:1", {40.0}));
    p.latency.push_back(latencyProfile("big", "int8", 8, "cpu:1", {16.0}));  // no batch 1
    p.accuracy.push_back(accuracyProfile("fast", "fp32", {1, 0, 0, 0}, {0.9f, 0.9f, 0.9f, 0.9f}));
    p.accuracy.push_back(accuracyProfile("big", "fp32", {1, 1, 1, 0}, {0.9f, 0.9f, 0.9f, 0.9f}));
    p.accuracy.push_back(accuracyProfile("big", "int8", {1, 1, 1, 1}, {0.9f, 0.9f, 0.9f, 0.9f}));
    p.options.task = kTask;
    const ConfigTable table = p.table();
    QCOMPARE(table.entryNames().at(staticSmallEntry(table)), QString("fast/fp32/b1/cpu:1"));
    // big/int8 has only batch 8, its smallest profiled batch: it is the most accurate.
    QCOMPARE(table.entryNames().at(staticLargeEntry(table)), QString("big/int8/b8/cpu:1"));
    QCOMPARE(table.entryNames().at(maxThroughputEntry(table)), QString("fast/fp32/b8/cpu:1"));

    const auto autotuner = makePolicy("ThroughputAutotuner", table);
    DecisionContext context;
    context.budgetMs = 0.5;  // deadline-blind
    context.queueLength = 3;
    Decision d = autotuner->decide(context);
    QCOMPARE(table.entryNames().at(d.entry), QString("fast/fp32/b8/cpu:1"));
    QCOMPARE(d.take, 3);
    QVERIFY(d.bestEffort);
    const auto small = makePolicy("StaticSmall", table);
    d = small->decide(context);
    QCOMPARE(d.take, 1);
    QCOMPARE(small->name(), QString("StaticSmall"));
    // A fixed policy falls back to the next faster healthy entry with the handler on.
    const auto large = makePolicy("StaticLarge", table);
    ModelHealth health(2);
    health.markFailed(table.modelIndex("big"), 1000.0);
    context.health = &health;
    d = large->decide(context);
    QVERIFY(d.fallback);
    QCOMPARE(table.entry(d.entry).stage1.model, QString("fast"));
    QCOMPARE(table.entryNames().at(d.entry), QString("fast/fp32/b8/cpu:1"));
    PolicyOptions noHandler;
    noHandler.failureHandler = false;
    d = makePolicy("StaticLarge", table, noHandler)->decide(context);
    QCOMPARE(table.entryNames().at(d.entry), QString("big/int8/b8/cpu:1"));
    QVERIFY(!d.fallback);
}

void TestPlanning::pinnedDecisionCostIsChargedInsteadOfMeasured() {
    // decision_cost_us: 2.5 in a protocol charges every decision 2.5 µs = 0.0025 ms.
    ProtocolConfig protocol;
    protocol.decisionCostUs = 2.5;
    Profiles profiles = goldenProfiles();
    const ConfigTableOptions fromProtocol = ConfigTableOptions::from({}, protocol, QString());
    QCOMPARE(fromProtocol.pinnedDecisionCostMs, std::optional<double>(0.0025));
    profiles.options.pinnedDecisionCostMs = fromProtocol.pinnedDecisionCostMs;
    const ConfigTable table = profiles.table();
    const Trace trace = {request(0, 0, 100, 0), request(1, 1, 100, 1)};
    for (const QString& name : {QStringLiteral("CascadePlanner"), QStringLiteral("StaticSmall")}) {
        const auto policy = makePolicy(name, table);
        QCOMPARE(ServingSimulator::measuredDecisionCostMs(*policy, trace), 0.0025);
        QCOMPARE(chargedDecisionCostMs(*policy, trace), 0.0025);
    }
    // Without a pin the cost is measured: whole microseconds, at least one.
    const ConfigTable measured = goldenProfiles().table();
    QVERIFY(!measured.pinnedDecisionCostMs().has_value());
    const double cost =
        ServingSimulator::measuredDecisionCostMs(*makePolicy("StaticLarge", measured), trace);
    QVERIFY(cost >= 0.001);
    QVERIFY(std::abs(cost * 1000.0 - std::round(cost * 1000.0)) < 1e-9);
    // A pin that is negative or not finite is refused when the table is built.
    profiles.options.pinnedDecisionCostMs = -0.001;
    QVERIFY_THROWS_EXCEPTION(Error, profiles.table());
    profiles.options.pinnedDecisionCostMs = std::numeric_limits<double>::infinity();
    QVERIFY_THROWS_EXCEPTION(Error, profiles.table());
}

void TestPlanning::makePolicyKnowsThePolicies() {
    const ConfigTable table = goldenProfiles().table();
    QCOMPARE(knownBounds(), QStringList({"BestFixedInHindsight", "Oracle"}));
    QCOMPARE(servingPolicies(),
             QStringList({"CascadePlanner", "StaticSmall", "StaticLarge", "ThroughputAutotuner",
                          "INFaaS", "INFaaS-tail", "MDPPlanner"}));
    PolicyOptions classes;
    classes.deadlineClassesMs = {5.0};
    for (const QString& name : servingPolicies()) {
        QCOMPARE(makePolicy(name, table, classes)->name(), name);
    }
    // The MDP is solved for the deadline classes: none, or one that is no deadline, is an error.
    try {
        makePolicy("MDPPlanner", table);
        QFAIL("MDPPlanner without deadline classes");
    } catch (const Error& e) {
        QVERIFY(e.message().contains("deadline classes"));
    }
    classes.deadlineClassesMs = {5.0, -1.0};
    QVERIFY_THROWS_EXCEPTION(Error, makePolicy("MDPPlanner", table, classes));
    classes.deadlineClassesMs = {std::numeric_limits<double>::quiet_NaN()};
    QVERIFY_THROWS_EXCEPTION(Error, makePolicy("MDPPlanner", table, classes));
    try {
        makePolicy("Oracle", table);
        QFAIL("Oracle is no policy");
    } catch (const Error& e) {
        QVERIFY(e.message().contains("oracle()"));
    }
    try {
        makePolicy("BestFixedInHindsight", table);
        QFAIL("BestFixedInHindsight is no policy");
    } catch (const Error& e) {
        QVERIFY(e.message().contains("bestFixedInHindsight()"));
    }
    try {
        makePolicy("Greedy", table);
        QFAIL("unknown policy");
    } catch (const Error& e) {
        QVERIFY(e.message().contains("unknown policy 'Greedy'"));
        QVERIFY(e.message().contains("CascadePlanner, StaticSmall"));
    }
    PolicyOptions bad;
    bad.spikeQueueThreshold = 0;
    QVERIFY_THROWS_EXCEPTION(Error, makePolicy("CascadePlanner", table, bad));
    bad = PolicyOptions{};
    bad.infaasAccuracyFloor = 0.95;
    QVERIFY_THROWS_EXCEPTION(Error, makePolicy("INFaaS", table, bad));
}

void TestPlanning::mdpPlannerSolvesTheGoldenTable() {
    // The golden table: S 2 ms (0.7), L 5 ms (0.8), the cascade S > L (stage 1 2 ms, mean busy
    // 4.5 ms, 0.9 when its 7 ms tail fits), all batch 1; one deadline class of 20 ms.
    const ConfigTable table = goldenProfiles().table();
    PolicyOptions options;
    options.deadlineClassesMs = {20.0};
    const MdpPlanner mdp(table, options);
    const int s = table.findEntry("S/fp32/b1/cpu:1");
    const int cascade = table.frontier().back();
    QVERIFY(table.entry(cascade).cascade);

    // The grid: the highest throughput is S's 1/2 per ms, so bucket 0 is (1/2)/256 per ms.
    QCOMPARE(mdp.bucketRatePerMs(0), 0.5 / 256.0);
    QCOMPARE(mdp.rateBucket(0.0), 0);
    QCOMPARE(mdp.rateBucket(0.5 / 256.0), 0);
    QCOMPARE(mdp.rateBucket(1e9), MdpPlanner::kRateBuckets - 1);
    QCOMPARE(mdp.solveStats().states, MdpPlanner::kRateBuckets * MdpPlanner::kMaxQueue);
    QCOMPARE(mdp.solveStats().bytes,
             static_cast<std::size_t>(mdp.solveStats().states) * sizeof(int));
    QVERIFY(mdp.actions().size() >= 2 && mdp.solveStats().maxIterations >= 1);
    QVERIFY(std::find(mdp.actions().begin(), mdp.actions().end(), s) != mdp.actions().end());

    // Light load (λ = 1/512 per ms, ρ = 4.5/512 for the cascade): a request finds the server
    // idle, the cascade answers it within 7 ms, right 9 times in 10. So the long-run correct,
    // on-time answers per ms are 0.9·λ, less what the rare queue of two costs (at most ρ).
    QCOMPARE(mdp.actionAt(1, 0), cascade);
    const double light = mdp.bucketRatePerMs(0);
    QVERIFY2(std::abs(mdp.gainPerMs(0) / (0.9 * light) - 1.0) < 0.02,
             qPrintable(QString::number(mdp.gainPerMs(0) / light)));

    // 400 requests/s: L (5 ms) and the cascade (4.5 ms mean) serve at most 200 and 222 a
    // second; only S (500) keeps up, so a long queue is served by S.
    const int loaded = mdp.rateBucket(0.4);
    QCOMPARE(mdp.actionAt(MdpPlanner::kMaxQueue, loaded), s);
    QCOMPARE(mdp.actionAt(1000, loaded), s);  // longer queues count as the longest
    // Under that load at most S's 0.7 of the arrivals are right and on time.
    QVERIFY(mdp.gainPerMs(loaded) <= 0.7 * mdp.bucketRatePerMs(loaded) + 1e-12);
    QVERIFY(mdp.gainPerMs(loaded) > 0.0);

    // A deadline below every service time: no answer is ever on time.
    options.deadlineClassesMs = {1.0};
    const MdpPlanner impossible(table, options);
    for (int j = 0; j < MdpPlanner::kRateBuckets; ++j) {
        QCOMPARE(impossible.gainPerMs(j), 0.0);
    }
}

void TestPlanning::mdpPlannerDecidesByLookup() {
    const ConfigTable table = goldenProfiles().table();
    PolicyOptions options;
    options.deadlineClassesMs = {3.0, 20.0};
    const MdpPlanner mdp(table, options);
    for (const double rate : {0.0, 0.01, 0.1, 0.4, 2.0}) {
        for (const int queue : {1, 2, 7, 64, 200}) {
            DecisionContext context;
            context.budgetMs = 10.0;
            context.queueLength = queue;
            context.arrivalRatePerMs = rate;
            const Decision d = mdp.decide(context);
            QCOMPARE(d.entry, mdp.actionAt(queue, mdp.rateBucket(rate)));
            QCOMPARE(d.take, 1);  // every entry is batch 1
            QVERIFY(!d.fallback);
        }
    }
    // Its choice's model fails: the handler serves with a healthy one.
    DecisionContext context;
    context.budgetMs = 10.0;
    context.queueLength = 64;
    context.arrivalRatePerMs = 0.4;
    const int chosen = mdp.decide(context).entry;
    ModelHealth health(static_cast<int>(table.modelNames().size()));
    health.markFailed(table.entry(chosen).model1, 1000.0);
    context.health = &health;
    const Decision fallback = mdp.decide(context);
    QVERIFY(fallback.fallback);
    QVERIFY(health.healthy(table.entry(fallback.entry), 0.0));
}

void TestPlanning::deadlineClassesComeFromTheRequests() {
    Trace trace;
    for (const double d : {5.0, 10.0, 5.0, 20.0, 10.0}) {
        trace.push_back(request(static_cast<std::int64_t>(trace.size()), 0.0, d, 0));
    }
    QCOMPARE(deadlineClassesOf(trace), std::vector<double>({5.0, 10.0, 20.0}));
    // Deadlines 1 … 160 ms, each once: 16 classes at the (k + ½)/16 quantiles, the request of
    // rank ⌊(k + ½)·10⌋ (0-based): 6, 16, 26, … 156 ms.
    trace.clear();
    for (int i = 160; i >= 1; --i) {
        trace.push_back(request(static_cast<std::int64_t>(trace.size()), 0.0, i, 0));
    }
    std::vector<double> expected;
    for (int k = 0; k < 16; ++k) {
        expected.push_back(6.0 + 10.0 * k);
    }
    QCOMPARE(deadlineClassesOf(trace), expected);
    // Options that name classes keep them.
    PolicyOptions named;
    named.deadlineClassesMs = {7.0};
    QCOMPARE(planningOptionsFor(named, trace).deadlineClassesMs, std::vector<double>({7.0}));
}

void TestPlanning::infaasFitsALinearModel() {
    // Exactly linear: 1 + 2·batch.
    const std::vector<double> batches = {1, 2, 4};
    LinearLatencyModel m = fitLinearLatency(batches, std::vector<double>{3, 5, 9});
    QCOMPARE(m.slopeMs, 2.0);
    QCOMPARE(m.interceptMs, 1.0);
    QCOMPARE(m.predictMs(8), 17.0);
    // Least squares through (1,2) (2,5) (4,8): slope 81/42, intercept 0.5.
    m = fitLinearLatency(batches, std::vector<double>{2, 5, 8});
    QVERIFY(qFuzzyCompare(m.slopeMs, 81.0 / 42.0));
    QVERIFY(qFuzzyCompare(m.interceptMs, 0.5));
    // One batch size: flat.
    m = fitLinearLatency(std::vector<double>{8}, std::vector<double>{6});
    QCOMPARE(m.slopeMs, 0.0);
    QCOMPARE(m.interceptMs, 6.0);
    QVERIFY_THROWS_EXCEPTION(Error, fitLinearLatency(batches, std::vector<double>{1, 2}));

    // Through the policy: means of the profiles (the samples average to 2, 5, 8).
    Profiles p;
    p.latency.push_back(latencyProfile("A", "fp32", 1, "cpu:1", {1.0, 3.0}));
    p.latency.push_back(latencyProfile("A", "fp32", 2, "cpu:1", {5.0}));
    p.latency.push_back(latencyProfile("A", "fp32", 4, "cpu:1", {7.0, 8.0, 9.0}));
    p.accuracy.push_back(accuracyProfile("A", "fp32", {1, 1}, {0.9f, 0.9f}));
    p.options.task = kTask;
    const ConfigTable table = p.table();
    const InfaasPolicy infaas(table);
    const LinearLatencyModel fitted = infaas.latencyModel("A", "fp32", "cpu:1");
    QVERIFY(qFuzzyCompare(fitted.slopeMs, 81.0 / 42.0));
    QVERIFY(qFuzzyCompare(fitted.interceptMs, 0.5));
    QVERIFY(qFuzzyCompare(infaas.predictedMs(2), 0.5 + 4 * 81.0 / 42.0));
    QVERIFY_THROWS_EXCEPTION(Error, infaas.latencyModel("A", "int8", "cpu:1"));
}

void TestPlanning::infaasPicksTheCheapestVariantMeetingTheSlo() {
    Profiles p;
    p.latency.push_back(latencyProfile("A", "fp32", 1, "cpu:1", {3.0}));
    p.latency.push_back(latencyProfile("A", "fp32", 4, "cpu:1", {9.0}));
    p.latency.push_back(latencyProfile("A", "fp32", 1, "cpu:2", {2.0}, 2));
    p.latency.push_back(latencyProfile("B", "fp32", 1, "cpu:1", {0.5}));
    p.accuracy.push_back(accuracyProfile("A", "fp32", {1, 1, 1, 0}, {0.9f, 0.9f, 0.9f, 0.9f}));
    p.accuracy.push_back(accuracyProfile("B", "fp32", {1, 0, 0, 0}, {0.9f, 0.9f, 0.9f, 0.9f}));
    p.accuracy.push_back(accuracyProfile("C", "fp32", {1, 1, 0, 0}, {0.9f, 0.9f, 0.9f, 0.9f}));
    p.options.task = kTask;
    p.options.costPerDeviceHour.insert("cpu", 1.0);
    const ConfigTable table = p.table();
    PolicyOptions options;
    options.infaasAccuracyFloor = 0.7;  // B (0.25) is out
    const InfaasPolicy infaas(table, options);
    QCOMPARE(infaas.accuracyFloor(), 0.7);
    QVERIFY(std::isnan(infaas.predictedMs(table.findEntry("B/fp32/b1/cpu:1"))));
    auto chosen = [&](double budget, int queue) {
        DecisionContext context;
        context.budgetMs = budget;
        context.queueLength = queue;
        const Decision d = infaas.decide(context);
        return table.entryNames().at(d.entry);
    };
    // One request: b1 on cpu:1 costs 3 units, cpu:2 costs 2·2 = 4, b4 costs 9.
    QCOMPARE(chosen(100.0, 1), QString("A/fp32/b1/cpu:1"));
    // Four requests: b4 costs 9/4 per request.
    QCOMPARE(chosen(100.0, 4), QString("A/fp32/b4/cpu:1"));
    // b4 misses a 5 ms SLO.
    QCOMPARE(chosen(5.0, 4), QString("A/fp32/b1/cpu:1"));
    // Only cpu:2 meets 2.5 ms.
    QCOMPARE(chosen(2.5, 1), QString("A/fp32/b1/cpu:2"));
    // Nothing meets 1 ms: the fastest prediction, best effort.
    DecisionContext tight;
    tight.budgetMs = 1.0;
    const Decision d = infaas.decide(tight);
    QCOMPARE(table.entryNames().at(d.entry), QString("A/fp32/b1/cpu:2"));
    QVERIFY(d.bestEffort);
    // The default floor is the median variant accuracy: A 0.75 and B 0.25 have latency
    // profiles (C has none) → 0.5.
    QCOMPARE(InfaasPolicy(table).accuracyFloor(), 0.5);
}

void TestPlanning::infaasTailPlansOnTheTailWhereTheMeanMisleads() {
    // A: fast on average, one slow sample in four; B: slower on average, never slow.
    // Type-7 quantile 0.95 of four sorted samples: x[2] + 0.85·(x[3] − x[2]).
    //   A b1 {1,1,1,9}:   mean 3, tail 1 + 0.85·8 = 7.8    A b2 {2,2,2,10}: mean 4, tail 8.8
    //   B b1 {4,4,4,4}:   mean 4, tail 4                   B b2 {5,5,5,5}:  mean 5, tail 5
    // Lines through the two batch sizes: A mean 2 + b, A tail 6.8 + b, B (both) 3 + b.
    Profiles p;
    p.latency.push_back(latencyProfile("A", "fp32", 1, "cpu:1", {1.0, 1.0, 1.0, 9.0}));
    p.latency.push_back(latencyProfile("A", "fp32", 2, "cpu:1", {2.0, 2.0, 2.0, 10.0}));
    p.latency.push_back(latencyProfile("B", "fp32", 1, "cpu:1", {4.0, 4.0, 4.0, 4.0}));
    p.latency.push_back(latencyProfile("B", "fp32", 2, "cpu:1", {5.0, 5.0, 5.0, 5.0}));
    p.accuracy.push_back(accuracyProfile("A", "fp32", {1, 1, 1, 0}, {0.9f, 0.9f, 0.9f, 0.9f}));
    p.accuracy.push_back(accuracyProfile("B", "fp32", {1, 1, 0, 1}, {0.9f, 0.9f, 0.9f, 0.9f}));
    p.options.task = kTask;
    p.options.riskEpsilon = 0.05;
    p.options.costPerDeviceHour.insert("cpu", 1.0);
    const ConfigTable table = p.table();
    PolicyOptions options;
    options.infaasAccuracyFloor = 0.5;
    const InfaasPolicy mean(table, options);
    const InfaasPolicy tail(table, options, InfaasLatency::Tail);
    QCOMPARE(mean.name(), QString("INFaaS"));
    QCOMPARE(tail.name(), QString("INFaaS-tail"));
    QCOMPARE(makePolicy("INFaaS-tail", table, options)->name(), QString("INFaaS-tail"));
    const LinearLatencyModel aTail = tail.latencyModel("A", "fp32", "cpu:1");
    QVERIFY(qFuzzyCompare(aTail.slopeMs, 1.0));
    QVERIFY(qFuzzyCompare(aTail.interceptMs, 6.8));
    QVERIFY(qFuzzyCompare(mean.latencyModel("A", "fp32", "cpu:1").interceptMs, 2.0));
    QVERIFY(qFuzzyCompare(tail.predictedMs(table.findEntry("A/fp32/b2/cpu:1")), 8.8));
    QVERIFY(qFuzzyCompare(tail.predictedMs(table.findEntry("B/fp32/b1/cpu:1")), 4.0));

    const auto chosen = [&](const InfaasPolicy& policy, double budget, int queue) {
        DecisionContext context;
        context.budgetMs = budget;
        context.queueLength = queue;
        const Decision d = policy.decide(context);
        return std::make_pair(table.entryNames().at(d.entry), d.bestEffort);
    };
    using Pick = std::pair<QString, bool>;
    // A 5 ms SLO, one request, the same price per millisecond: the cheapest prediction that
    // fits. By the mean A b1 (3) beats B b1 (4); by the tail A b1 (7.8) misses, B b1 (4) fits.
    QCOMPARE(chosen(mean, 5.0, 1), Pick("A/fp32/b1/cpu:1", false));
    QCOMPARE(chosen(tail, 5.0, 1), Pick("B/fp32/b1/cpu:1", false));
    // Two requests: per request A b2 costs 4/2, B b2 5/2 (mean); by the tail A b2 (8.8) misses.
    QCOMPARE(chosen(mean, 5.0, 2), Pick("A/fp32/b2/cpu:1", false));
    QCOMPARE(chosen(tail, 5.0, 2), Pick("B/fp32/b2/cpu:1", false));
    // 3.5 ms: A b1's mean fits; no tail does, so INFaaS-tail takes its fastest prediction,
    // B b1 (4), best effort.
    QCOMPARE(chosen(mean, 3.5, 1), Pick("A/fp32/b1/cpu:1", false));
    QCOMPARE(chosen(tail, 3.5, 1), Pick("B/fp32/b1/cpu:1", true));
}

void TestPlanning::goldenTenRequests() {
    const ConfigTable table = goldenProfiles().table();
    // id, arrival, deadline, example
    const Trace trace = {request(0, 0, 10, 0),   request(1, 1, 20, 2), request(2, 2, 6, 4),
                         request(3, 3, 30, 7),   request(4, 21, 6, 9), request(5, 22, 4, 3),
                         request(6, 30, 7.5, 6), request(7, 40, 7, 5), request(8, 50, 100, 8),
                         request(9, 51, 3, 1)};
    // The load-blind planner (the rate estimate of this short trace would change its picks;
    // plannerAdaptsToTheArrivalRate checks those).
    PolicyOptions blind;
    blind.loadAware = false;
    const CascadePlanner planner(table, blind);
    SimulationOptions options;
    options.labels = RunLabels{"golden", "hand", 7};
    options.decisionCostMs = 0.5;
    options.recordBatches = true;
    const SimulationResult result = ServingSimulator::run(trace, planner, options);

    const QString s = "S/fp32/b1/cpu:1";
    const QString l = "L/fp32/b1/cpu:1";
    const QString c = "S/fp32>L/fp32/b1/cpu:1@0.8";
    struct Expected {
        double start;
        double finish;
        QString config;
        bool stage2;
        bool hit;
        bool correct;
    };
    // Worked by hand: budget = arrival + deadline - now - 0.5; the front is S (tail 2),
    // L (5), C (7); the anytime rule escalates conf₁ < 0.8 when the slack after stage 1 ≥ 5,
    // and when stage 2's expected gain, (0.9 − 0.7) / 0.5 = 0.4 per escalated item, is at least
    // 0.7 (S's accuracy) per waiting request that S would answer in time without stage 2 but
    // not after it.
    const std::vector<Expected> expected = {
        {0.5, 2.5, c, false, true, true},  // budget 9.5 → C; conf 0.9: stage 1 answers
        // Waits for r0; budget 18 → C; conf 0.5 and slack 16 ≥ 5, but at 5.0 r2 has 3 ms
        // left: S answers it by 7.0, not after L's 5 ms (0.7 lost > 0.4 gained): stage 1's
        // answer, wrong.
        {3.0, 5.0, c, false, true, false},
        {5.5, 7.5, s, false, true, false},    // budget 2.5 → S, on time and wrong
        {8.0, 15.0, c, true, true, true},     // budget 25 → C; conf 0.4, none waiting → L right
        {21.5, 26.5, l, false, true, true},   // budget 5.5 → L
        {27.0, 29.0, s, false, false, true},  // budget -1 → S, late
        {30.5, 37.5, c, true, true, false},   // budget 7 → C; slack exactly 5 → L, wrong
        {40.5, 45.5, l, false, true, true},   // budget 6.5 → L
        {50.5, 52.5, c, false, true, true},   // budget 99.5 → C; conf 0.9
        {53.0, 55.0, s, false, false, true},  // budget 1 → S best effort, late
    };
    QCOMPARE(result.records.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const RequestRecord& r = result.records[i];
        const Expected& x = expected[i];
        const QByteArray where = "request " + QByteArray::number(static_cast<int>(i));
        QVERIFY2(r.startMs == x.start, where.constData());
        QVERIFY2(r.finishMs == x.finish, where.constData());
        QVERIFY2(result.configNames.at(r.entry) == x.config, where.constData());
        QVERIFY2(r.stage2Ran == x.stage2, where.constData());
        QVERIFY2(r.hit == x.hit, where.constData());
        QVERIFY2(r.correct == x.correct, where.constData());
        QVERIFY(r.answered);
        QCOMPARE(r.batchFill, 1);
        QCOMPARE(r.failedAttempts, 0);
    }
    const RunMetrics& m = result.metrics;
    QCOMPARE(m.requests, 10);
    QCOMPARE(m.hitRate, 0.8);
    QCOMPARE(m.accuracy, 0.7);
    QCOMPARE(m.effectiveAccuracy, 0.5);
    QCOMPARE(m.escalationRate, 0.2);
    // Latencies 2.5 4 5.5 12 5.5 7 7.5 5.5 2.5 4; sorted, type 7: h = 9q.
    QCOMPARE(m.p50Ms, 5.5);
    QVERIFY(qFuzzyCompare(m.p95Ms, 7.5 + 0.55 * 4.5));
    QVERIFY(qFuzzyCompare(m.p99Ms, 7.5 + 0.91 * 4.5));
    // 36 busy milliseconds at 1e-6 per millisecond, over 10 requests, per 1000.
    QVERIFY(qFuzzyCompare(m.costPer1k, 36e-6 / 10 * 1000));
    QCOMPARE(m.failures, 0);
    QCOMPARE(m.fallbacks, 0);
    QCOMPARE(m.unanswered, 0);
    QCOMPARE(m.decisions, 10);
    QCOMPARE(m.value("effective_accuracy"), 0.5);
    QVERIFY(std::isnan(m.value("nonsense")));

    // The same run as requests.csv, byte for byte against the golden file.
    QFile golden(QStringLiteral(AIP_TEST_SOURCE_DIR) +
                 "/tests/planning/golden/cascade_planner_10_requests/requests.csv");
    QVERIFY2(golden.open(QIODevice::ReadOnly), qPrintable(golden.fileName()));
    const QByteArray produced = csv::formatRow(requestsCsvHeader()) + requestsCsvRows(result);
    QCOMPARE(QString::fromUtf8(produced), QString::fromUtf8(golden.readAll()));

    // Its batches, from the same hand-worked timeline: a cascade's escalation is a stage-2
    // batch of L right after stage 1; S takes 2 ms, L 5 ms.
    struct Batch {
        int stage;
        QString config;
        double start;
        double forward;
    };
    const QString sk = "S/fp32/b1/cpu:1";
    const QString lk = "L/fp32/b1/cpu:1";
    const std::vector<Batch> batches = {{1, sk, 0.5, 2},  {1, sk, 3, 2},    {1, sk, 5.5, 2},
                                        {1, sk, 8, 2},    {2, lk, 10, 5},   {1, lk, 21.5, 5},
                                        {1, sk, 27, 2},   {1, sk, 30.5, 2}, {2, lk, 32.5, 5},
                                        {1, lk, 40.5, 5}, {1, sk, 50.5, 2}, {1, sk, 53, 2}};
    QCOMPARE(result.batches.size(), batches.size());
    for (std::size_t i = 0; i < batches.size(); ++i) {
        const BatchRecord& b = result.batches[i];
        const QByteArray where = "batch " + QByteArray::number(static_cast<int>(i));
        QVERIFY2(b.stage == batches[i].stage && b.config == batches[i].config, where.constData());
        QVERIFY2(b.startMs == batches[i].start && b.forwardMs == batches[i].forward,
                 where.constData());
        QVERIFY2(b.previousConfig == (i == 0 ? QString() : batches[i - 1].config),
                 where.constData());
        QCOMPARE(b.fill, 1);
    }

    // Against a "live" run of the same batches that also spent 0.25 ms building each input and
    // 1 ms more on every forward pass after another configuration ran: the comparison finds
    // both. Of S's 8 batches, 7 follow another and 2 of those follow L; of L's 4, 2 follow S.
    SimulationResult live = result;
    for (BatchRecord& b : live.batches) {
        b.preprocessMs = 0.25;
        b.forwardMs += !b.previousConfig.isEmpty() && b.previousConfig != b.config ? 1.0 : 0.0;
    }
    const RunFidelity fidelity = compareBatches(table, result, live);
    QCOMPARE(fidelity.liveBatches, 12);
    QCOMPARE(fidelity.simulatedBusyMs, 8 * 2.0 + 4 * 5.0);
    QCOMPARE(fidelity.liveBusyMs, 8 * 2.0 + 4 * 5.0 + 12 * 0.25 + 4 * 1.0);
    QCOMPARE(fidelity.configs.size(), std::size_t(2));
    const ConfigFidelity& lf = fidelity.configs[0];  // sorted by name: L before S
    const ConfigFidelity& sf = fidelity.configs[1];
    QCOMPARE(sf.config, sk);
    QCOMPARE(sf.simulatedBatches, 8);
    QCOMPARE(sf.liveBatches, 8);
    QCOMPARE(sf.profiledP50Ms, 2.0);
    QCOMPARE(sf.preprocessP50Ms, 0.25);
    QCOMPARE(sf.switchedBatches, 2);
    QCOMPARE(sf.forwardAfterSwitchP50Ms, 3.0);
    QCOMPARE(sf.forwardAfterSameP50Ms, 2.0);
    QCOMPARE(lf.config, lk);
    QCOMPARE(lf.liveBatches, 4);
    QCOMPARE(lf.switchedBatches, 2);
    QCOMPARE(lf.forwardAfterSwitchP50Ms, 6.0);
    QCOMPARE(lf.forwardAfterSameP50Ms, 5.0);
    QVERIFY(formatFidelity(fidelity).contains(sk));

    // The Oracle on the same trace: every request has a right variant that fits → 1.0.
    const SimulationResult best = oracle(trace, table);
    QCOMPARE(best.metrics.effectiveAccuracy, 1.0);
    QCOMPARE(best.configNames.at(best.records[2].entry), l);  // S is wrong on example 4
    QCOMPARE(best.records[2].finishMs, 7.0);
    QCOMPARE(best.configNames.at(best.records[9].entry), s);
    QCOMPARE(best.records[9].finishMs, 53.0);
}

void TestPlanning::switchingConfigurationsCostsWhatTheServingPassMeasured() {
    // The golden profiles with a serving pass: S serves in 2.5 ms right after its own batch,
    // 3 ms after L's and 4 ms after the server idled; L in 6 and 7 ms.
    Profiles profiles = goldenProfiles();
    profiles.latency[0].servingSteadyMs = {2.5, 2.5};
    profiles.latency[0].servingSwitchedMs = {3.0, 3.0};
    profiles.latency[0].servingIdleMs = {4.0, 4.0};
    profiles.latency[1].servingSteadyMs = {6.0, 6.0};
    profiles.latency[1].servingSwitchedMs = {7.0, 7.0};
    const ConfigTable table = profiles.table();
    const ConfigEntry& s = table.entry(0);
    QCOMPARE(s.name, QString("S/fp32/b1/cpu:1"));
    QCOMPARE(s.meanMs, 2.5);  // the steady serving cost, not the 2 ms forward pass
    QCOMPARE(s.switchPenaltyMs, 0.5);
    QCOMPARE(table.entry(1).switchPenaltyMs, 1.0);
    QCOMPARE(table.samples(s.samples1)[0], 2.5);
    QCOMPARE(table.switchedSamples(s.samples1)[0], 3.0);
    QCOMPARE(table.idleSamplesNear(s.samples1, 10.0)[0], 4.0);  // no gaps recorded: all of them
    QCOMPARE(table.idleSamplesNear(table.entry(1).samples1, 10.0)[0], 6.0);  // none: steady

    // The cascade escalates example 2 (conf₁ 0.5 < 0.8) and answers example 0 in stage 1.
    const FixedEntryPolicy cascade("StaticLarge", 2, table);
    const Trace trace = {request(0, 0, 100, 2), request(1, 100, 100, 2), request(2, 200, 100, 0),
                         request(3, 300, 100, 0), request(4, 300, 100, 0)};
    SimulationOptions options;
    options.recordBatches = true;
    const SimulationResult result = ServingSimulator::run(trace, cascade, options);
    // Request 0: S on an idle server (4), then L after S (switched, 7) → 11.
    QCOMPARE(result.records[0].finishMs, 11.0);
    // Request 1: S after L (3), L after S (7) → 110.
    QCOMPARE(result.records[1].finishMs, 110.0);
    // Request 2: S after L (3), no escalation → 203; request 3: S after S on an idle server
    // (4) → 304; request 4, waiting behind it: S right after S (2.5) → 306.5.
    QCOMPARE(result.records[2].finishMs, 203.0);
    QCOMPARE(result.records[3].finishMs, 304.0);
    QCOMPARE(result.records[4].finishMs, 306.5);
    QCOMPARE(result.batches.size(), std::size_t(7));
    QCOMPARE(result.batches[6].previousConfig, result.batches[6].config);
}

void TestPlanning::idleGapsCostWhatWasMeasuredAfterThem() {
    // S: 2.5 ms for the batches after its own, and idle samples after gaps of 0.5 … 256 ms:
    // 3 ms after the five shortest, 9 ms after the five longest.
    Profiles profiles = goldenProfiles();
    LatencyProfile& p = profiles.latency[0];
    p.servingSteadyMs = {2.5, 2.5};
    p.servingSwitchedMs = {3.0, 3.0};
    p.servingIdleGapMs = {256, 0.5, 1, 2, 4, 8, 16, 32, 64, 128};
    p.servingIdleMs = {9, 3, 3, 3, 3, 3, 9, 9, 9, 9};
    const ConfigTable table = profiles.table();
    const int set = table.entry(0).samples1;
    QCOMPARE(table.shortestIdleGapMs(set), 0.5);
    // Nearest on a log scale: around 1 ms the gaps 0.5 … 8 (16 is farther than 0.5).
    const auto near = [&](double gapMs) {
        const std::span<const double> s = table.idleSamplesNear(set, gapMs);
        return std::vector<double>(s.begin(), s.end());
    };
    QCOMPARE(near(1.0), std::vector<double>(5, 3.0));
    QCOMPARE(near(1000.0), std::vector<double>(5, 9.0));
    QCOMPARE(near(std::numeric_limits<double>::infinity()), std::vector<double>(5, 9.0));

    const FixedEntryPolicy small("StaticSmall", 0, table);
    Trace trace;
    for (int i = 0; i < 3; ++i) {
        trace.push_back(request(i, 0, 1000, 0));
    }
    // After the third batch (ends 14 ms) the server idles 1 ms, then 0.3 ms (no idle: shorter
    // than any measured gap).
    trace.push_back(request(3, 15.0, 1000, 0));
    trace.push_back(request(4, 18.3, 1000, 0));
    const SimulationResult result = ServingSimulator::run(trace, small);
    // A fresh server has idled for ever: 9, then 2.5 per batch behind it.
    const std::vector<double> finish{9.0, 11.5, 14.0, 18.0, 20.8};
    for (std::size_t i = 0; i < finish.size(); ++i) {
        QVERIFY2(std::abs(result.records[i].finishMs - finish[i]) < 1e-9,
                 qPrintable(QString::number(result.records[i].finishMs)));
    }

    // One sample the machine delayed (300 ms after the 2 ms gap) is among the five neighbours
    // of a 1 ms idle, but the idle adds their median, 3 − 2.5 ms, to a steady draw: the same
    // finish times, never 300 ms.
    p.servingIdleMs = {9, 3, 3, 300, 3, 3, 9, 9, 9, 9};
    const ConfigTable noisy = profiles.table();
    const std::span<const double> around = noisy.idleSamplesNear(set, 1.0);
    QVERIFY(std::find(around.begin(), around.end(), 300.0) != around.end());
    QCOMPARE(noisy.idleExtraMs(set, 1.0), 0.5);
    QCOMPARE(noisy.idleExtraMs(set, 1000.0), 6.5);
    const SimulationResult robust =
        ServingSimulator::run(trace, FixedEntryPolicy("StaticSmall", 0, noisy));
    for (std::size_t i = 0; i < finish.size(); ++i) {
        QVERIFY2(std::abs(robust.records[i].finishMs - finish[i]) < 1e-9,
                 qPrintable(QString::number(robust.records[i].finishMs)));
    }
}

void TestPlanning::shareWithinCountsTheSamplesAtMost() {
    Profiles profiles = goldenProfiles();
    profiles.latency[0].samplesMs = {4.0, 1.0, 3.0, 2.0};
    const ConfigTable table = profiles.table();
    const int set = table.entry(0).samples1;
    QCOMPARE(table.shareWithinMs(set, false, 0.5), 0.0);
    QCOMPARE(table.shareWithinMs(set, false, 2.0), 0.5);  // at most: 1 and 2
    QCOMPARE(table.shareWithinMs(set, false, 2.5), 0.5);
    QCOMPARE(table.shareWithinMs(set, false, 4.0), 1.0);
    QCOMPARE(table.shareWithinMs(set, true, 3.0), 0.75);  // no serving pass: the same samples
}

void TestPlanning::stochasticDominanceComparesEveryShare() {
    const std::vector<double> fast{1.0, 2.0, 3.0};
    const std::vector<double> slow{1.5, 2.0, 3.0};
    QVERIFY(stochasticallyAtMost(fast, slow));
    QVERIFY(!stochasticallyAtMost(slow, fast));
    // Crossing: {1, 5} is likelier within 1 ms, {2, 3} within 4 ms.
    const std::vector<double> a{1.0, 5.0};
    const std::vector<double> b{2.0, 3.0};
    QVERIFY(!stochasticallyAtMost(a, b));
    QVERIFY(!stochasticallyAtMost(b, a));
    // The same shares from samples of different counts: each at most the other.
    const std::vector<double> twice{1.0, 1.0, 2.0, 2.0};
    const std::vector<double> once{1.0, 2.0};
    QVERIFY(stochasticallyAtMost(twice, once));
    QVERIFY(stochasticallyAtMost(once, twice));
}

void TestPlanning::plannerCountsTheIdleOfTheWeightsThatRanLast() {
    // S: 2 ms steady and after a switch, 3 ms after an idle of 1 … 32 ms. L: 5 ms steady and
    // after a switch, 9 ms after such an idle (4 ms more). No cascade.
    Profiles profiles = goldenProfiles();
    profiles.options.cascades.clear();
    const std::vector<double> gaps{1, 2, 4, 8, 16, 32};
    LatencyProfile& s = profiles.latency[0];
    s.servingSteadyMs = {2.0, 2.0};
    s.servingSwitchedMs = {2.0, 2.0};
    s.servingIdleGapMs = gaps;
    s.servingIdleMs = std::vector<double>(gaps.size(), 3.0);
    LatencyProfile& l = profiles.latency[1];
    l.servingSteadyMs = {5.0, 5.0};
    l.servingSwitchedMs = {5.0, 5.0};
    l.servingIdleGapMs = gaps;
    l.servingIdleMs = std::vector<double>(gaps.size(), 9.0);
    const ConfigTable table = profiles.table();
    QCOMPARE(table.entry(1).name, QString("L/fp32/b1/cpu:1"));
    QCOMPARE(table.idleDrawExtraMs(table.entry(1).samples1, 10.0), 4.0);
    QCOMPARE(table.idleDrawExtraMs(table.entry(1).samples1, 0.5), 0.0);  // shorter than any
    const CascadePlanner planner(table);
    DecisionContext context;
    context.budgetMs = 7.0;
    context.lastVariant = table.entry(1).variant1;
    // Back to back, L's 5 ms fit the 7 left; after 10 ms idle with L loaded, its 9 do not,
    // while S (a switch, 2 ms) does.
    QCOMPARE(planner.decide(context).entry, 1);
    context.idleGapMs = 10.0;
    QCOMPARE(planner.decide(context).entry, 0);
    // 9 ms left: L fits even after the idle.
    context.budgetMs = 9.0;
    QCOMPARE(planner.decide(context).entry, 1);
}

void TestPlanning::bestEffortTakesTheEntryLikeliestOnTime() {
    // A: 1 ms in 18 of 20 runs, 6 ms in 2 (tail at 0.95: 6 ms), 7 of 10 right. B: always
    // 2.5 ms, 8 of 10 right. A 2 ms budget fits neither tail: A answers in time with chance
    // 0.9 (expected 0.63 correct), B never; so A, where the fastest tail (B) would miss.
    Profiles profiles = goldenProfiles();
    profiles.options.cascades.clear();
    std::vector<double> a(18, 1.0);
    a.push_back(6.0);
    a.push_back(6.0);
    profiles.latency[0].samplesMs = a;
    profiles.latency[1].samplesMs = std::vector<double>(20, 2.5);
    const ConfigTable table = profiles.table();
    QCOMPARE(table.entry(0).tailMs, 6.0);
    QCOMPARE(table.entry(1).tailMs, 2.5);
    QCOMPARE(table.frontier(), std::vector<int>({1}));  // A is off the tail front
    const CascadePlanner planner(table);
    DecisionContext context;
    context.budgetMs = 2.0;
    Decision d = planner.decide(context);
    QCOMPARE(d.entry, 0);
    QVERIFY(d.bestEffort);
    context.budgetMs = 3.0;  // B's tail fits: no best effort
    d = planner.decide(context);
    QCOMPARE(d.entry, 1);
    QVERIFY(!d.bestEffort);
    context.budgetMs = 0.5;  // none can: the lower mean (A: 1.5 ms, B: 2.5 ms)
    QCOMPARE(planner.decide(context).entry, 0);
}

void TestPlanning::anytimeRuleSkipsStageTwoWhenSlackIsShort() {
    const ConfigTable table = goldenProfiles().table();
    const FixedEntryPolicy cascade("StaticLarge", 2, table);
    // Example 2: conf₁ 0.5 < 0.8, stage 1 wrong, stage 2 right.
    const Trace trace = {request(0, 0, 6.99, 2), request(1, 100, 7, 2)};
    const SimulationResult result = ServingSimulator::run(trace, cascade);
    // Slack after stage 1 is 4.99 < 5: the stage-1 answer returns at 2 ms.
    QCOMPARE(result.records[0].finishMs, 2.0);
    QVERIFY(!result.records[0].stage2Ran);
    QVERIFY(!result.records[0].correct);
    QVERIFY(result.records[0].hit);
    // Slack exactly 5: stage 2 runs and is right.
    QCOMPARE(result.records[1].finishMs, 107.0);
    QVERIFY(result.records[1].stage2Ran);
    QVERIFY(result.records[1].correct);
    QVERIFY(result.records[1].hit);
    QCOMPARE(result.metrics.escalationRate, 0.5);
}

void TestPlanning::oracleBoundsEveryPolicy() {
    for (const std::uint64_t seed : {1u, 2u, 3u, 4u, 5u, 6u}) {
        const ConfigTable table = randomProfiles(seed).table();
        // A loaded trace, and a light one whose deadlines are fine-grained, so that answers
        // land close to the bound.
        std::vector<double> fine;
        for (double d = 0.5; d <= 12.0; d += 0.05) {
            fine.push_back(d);
        }
        Trace trace = randomTrace(seed, 400, 0.25, {2.0, 4.0, 8.0, 16.0, 40.0}, 200);
        const Trace light = randomTrace(seed + 100, 600, 0.01, fine, 200);
        const double offset = trace.back().arrivalMs + 100.0;
        for (const Request& r : light) {
            trace.push_back(request(static_cast<std::int64_t>(trace.size()), offset + r.arrivalMs,
                                    r.deadlineMs, r.example));
        }
        const SimulationResult bound = oracle(trace, table);
        for (const bool handler : {true, false}) {
            PolicyOptions policyOptions;
            policyOptions.failureHandler = handler;
            for (const auto& policy : allPolicies(table, trace, policyOptions)) {
                for (const int workers : {1, 3}) {
                    SimulationOptions options;
                    options.labels.seed = seed;
                    options.workers = workers;
                    options.decisionCostMs = workers == 1 ? 0.0 : 0.01;
                    if (!handler) {
                        options.failures.push_back(FailureSpec{"m4", 100.0, 400.0});
                    }
                    const SimulationResult run = ServingSimulator::run(trace, *policy, options);
                    QVERIFY2(run.metrics.effectiveAccuracy <= bound.metrics.effectiveAccuracy,
                             qPrintable(policy->name()));
                    QVERIFY(run.metrics.hitRate <= bound.metrics.hitRate);
                    for (std::size_t i = 0; i < trace.size(); ++i) {
                        const RequestRecord& r = run.records[i];
                        const RequestRecord& o = bound.records[i];
                        if (r.hit && r.correct) {
                            QVERIFY2(o.hit && o.correct, qPrintable(policy->name()));
                        }
                    }
                }
            }
        }
        QVERIFY(bound.metrics.effectiveAccuracy > 0.0);
    }
}

void TestPlanning::fastestSampleBoundsEveryDraw() {
    // S served at 2.5 steady, 3 after a switch, 4 or 1.5 after idling; L has no serving pass.
    Profiles profiles = goldenProfiles();
    profiles.latency[0].servingSteadyMs = {2.5, 2.6};
    profiles.latency[0].servingSwitchedMs = {3.0, 3.1};
    profiles.latency[0].servingIdleMs = {4.0, 1.5};
    const ConfigTable table = profiles.table();
    QCOMPARE(table.fastestSampleMs(table.entry(0).samples1), 1.5);
    QCOMPARE(table.fastestSampleMs(table.entry(1).samples1), 5.0);
    QCOMPARE(table.fastestSampleMs(table.entry(2).samples2), 5.0);  // the cascade's stage 2: L
}

void TestPlanning::bestFixedInHindsightByHand() {
    // The golden table: S 2 ms (entry 0), L 5 ms (entry 1), the cascade S > L at θ = 0.8
    // (entry 2: stage 1 at 2 ms, escalation to L, answered at 7 ms, when conf₁ < 0.8 and the
    // slack after stage 1 is ≥ 5). Constant samples and requests 100 ms apart: no queue, no
    // draw matters. Per example: S right on 0 1 3 5 6 8 9, L right on all but 3 and 6; conf₁
    // 0.9 0.95 0.5 0.85 0.6 0.99 0.7 0.4 0.9 0.3.
    const ConfigTable table = goldenProfiles().table();
    QCOMPARE(table.entryNames(),
             QStringList({"S/fp32/b1/cpu:1", "L/fp32/b1/cpu:1", "S/fp32>L/fp32/b1/cpu:1@0.8"}));
    const auto trace = [](const std::vector<std::pair<std::int64_t, double>>& requests) {
        Trace t;
        for (const auto& [example, deadline] : requests) {
            const auto id = static_cast<std::int64_t>(t.size());
            t.push_back(request(id, 100.0 * static_cast<double>(id), deadline, example));
        }
        return t;
    };
    SimulationOptions options;
    options.labels = RunLabels{"hand", "set", 3};

    // Correct and on time:  S          L               cascade
    //   example 2, 10 ms:   wrong      right at 5      escalates (slack 8), right at 7
    //   example 3,  3 ms:   right      late            conf 0.85: stage 1, right at 2
    //   example 7,  6 ms:   wrong      right at 5      slack 4 < 5: stage 1, wrong
    //   example 6,  4 ms:   right      late            slack 2 < 5: stage 1, right at 2
    //   example 4, 20 ms:   wrong      right at 5      escalates (slack 18), right at 7
    // S 2 of 5, L 3 of 5, the cascade 4 of 5 (every answer on time).
    const Trace five = trace({{2, 10}, {3, 3}, {7, 6}, {6, 4}, {4, 20}});
    // Each entry's bound is what it reaches here: no queue, every sample the fastest. With a
    // 1.5 ms decision cost S answers example 3 at 3.5 > 3: 1 of 5.
    QCOMPARE(fixedEntryEffectiveAccuracyBound(five, table, 0), 0.4);
    QCOMPARE(fixedEntryEffectiveAccuracyBound(five, table, 1), 0.6);
    QCOMPARE(fixedEntryEffectiveAccuracyBound(five, table, 2), 0.8);
    QCOMPARE(fixedEntryEffectiveAccuracyBound(five, table, 0, 1.5), 0.2);
    SimulationResult best = bestFixedInHindsight(five, table, options);
    QCOMPARE(best.policy, QString("BestFixedInHindsight"));
    QCOMPARE(best.fixedEntry, 2);
    QCOMPARE(best.metrics.effectiveAccuracy, 0.8);
    QCOMPARE(best.metrics.hitRate, 1.0);
    QCOMPARE(best.metrics.escalationRate, 0.4);
    QCOMPARE(best.labels.workload, QString("hand"));
    for (const RequestRecord& r : best.records) {
        QCOMPARE(r.entry, 2);
    }
    QCOMPARE(best.records[0].finishMs, 7.0);
    QCOMPARE(best.records[2].finishMs, 202.0);

    // A tie on effective accuracy (1 of 2 each) goes to the higher hit rate (S and the cascade
    // answer both in time, L is late on example 3), then the lower cost (both 2 + 2 busy ms),
    // then the lower id: S.
    best = bestFixedInHindsight(trace({{3, 3}, {7, 6}}), table, options);
    QCOMPARE(best.fixedEntry, 0);
    QCOMPARE(best.metrics.effectiveAccuracy, 0.5);
    QCOMPARE(best.metrics.hitRate, 1.0);

    // L and the cascade are right and on time on both (S is wrong on example 2); the cascade
    // is cheaper (2 + 7 busy ms against 5 + 5), though its id is higher.
    best = bestFixedInHindsight(trace({{5, 10}, {2, 10}}), table, options);
    QCOMPARE(best.fixedEntry, 2);
    QCOMPARE(best.metrics.effectiveAccuracy, 1.0);
    QVERIFY(qFuzzyCompare(best.metrics.costPer1k, 9e-6 / 2 * 1000));

    // Bad input is an aip::Error, as from the simulator.
    QVERIFY_THROWS_EXCEPTION(Error, bestFixedInHindsight({request(0, 0, 1, 77)}, table));
}

void TestPlanning::bestFixedInHindsightIsTheBestEntryOnTheTrace() {
    for (const std::uint64_t seed : {1u, 2u, 3u, 4u}) {
        // Every third profile with a serving pass whose switched and idle samples are faster
        // than its steady ones, so that the steady samples alone would not bound a run.
        Profiles profiles = randomProfiles(seed);
        for (std::size_t i = 0; i < profiles.latency.size(); i += 3) {
            LatencyProfile& p = profiles.latency[i];
            p.servingSteadyMs = p.samplesMs;
            for (const double x : p.samplesMs) {
                p.servingSwitchedMs.push_back(0.8 * x);
                p.servingIdleMs.push_back(0.6 * x);
                p.servingIdleGapMs.push_back(static_cast<double>(p.servingIdleGapMs.size() + 1));
            }
        }
        const ConfigTable table = profiles.table();
        // Seed 3: tight deadlines and a heavier load, where most entries cannot win. Seed 4:
        // light load and fine-grained deadlines, so that runs land close to their bounds.
        std::vector<double> fine;
        for (double d = 0.5; d <= 12.0; d += 0.05) {
            fine.push_back(d);
        }
        const Trace trace = seed == 3   ? randomTrace(seed, 600, 0.5, {1.0, 2.0, 3.0}, 200)
                            : seed == 4 ? randomTrace(seed, 600, 0.01, fine, 200)
                                        : randomTrace(seed, 300, 0.2, {2.0, 4.0, 8.0, 16.0}, 200);
        SimulationOptions options;
        options.labels = RunLabels{"poisson", "set", seed};
        options.recordBatches = true;
        const SimulationResult best = bestFixedInHindsight(trace, table, options);
        QVERIFY(best.fixedEntry >= 0);
        QCOMPARE(best.policy, QString("BestFixedInHindsight"));
        // Every entry one after another on the common stream, and the fixed baselines on their
        // own: none is better by the ranking rule, and the winner is one of these runs.
        SimulationOptions plain = options;
        plain.recordBatches = false;
        plain.measureDecisionTime = false;
        const auto key = [](const RunMetrics& x, int id) {
            return std::make_tuple(x.effectiveAccuracy, x.hitRate, -x.costPer1k, -id);
        };
        const RunMetrics& b = best.metrics;
        bool found = false;
        const auto check = [&](const Policy& fixed, int id, const QString& what) {
            const RunMetrics m = ServingSimulator::run(trace, fixed, plain).metrics;
            QVERIFY2(key(m, id) <= key(b, best.fixedEntry), qPrintable(what));
            QVERIFY2(m.effectiveAccuracy <= fixedEntryEffectiveAccuracyBound(trace, table, id),
                     qPrintable(what));
            found = found || (id == best.fixedEntry && m.effectiveAccuracy == b.effectiveAccuracy &&
                              m.hitRate == b.hitRate && m.costPer1k == b.costPer1k);
        };
        for (const ConfigEntry& e : table.entries()) {
            check(FixedEntryPolicy("BestFixedInHindsight", e.id, table), e.id, e.name);
        }
        for (const QString& name : {"StaticSmall", "StaticLarge", "ThroughputAutotuner"}) {
            const auto baseline = makePolicy(name, table);
            check(*baseline, dynamic_cast<const FixedEntryPolicy&>(*baseline).entry(), name);
        }
        QVERIFY(found);
        // The winner's run with the caller's options: its batches were recorded.
        QVERIFY(!best.batches.empty());
        const SimulationResult bound = oracle(trace, table);
        QVERIFY(best.metrics.effectiveAccuracy <= bound.metrics.effectiveAccuracy);
    }
}

void TestPlanning::bestFixedInHindsightBoundsTheFixedBaselines() {
    // S's samples spread from 1 to 3.5 ms against deadlines of 2 and 3 ms: which requests S
    // answers in time is down to the draws. The entries of StaticSmall, StaticLarge and
    // ThroughputAutotuner are also run on those baselines' own draws, so on every trace the
    // bound is at least each of them.
    Profiles profiles = goldenProfiles();
    profiles.latency[0].samplesMs = {1.0, 1.5, 2.0, 2.5, 3.0, 3.5};
    const ConfigTable table = profiles.table();
    for (std::uint64_t seed = 1; seed <= 20; ++seed) {
        const Trace trace = randomTrace(seed, 200, 0.3, {2.0, 3.0}, 10);
        SimulationOptions options;
        options.labels = RunLabels{"poisson", "tight", seed};
        options.measureDecisionTime = false;
        const double bound = bestFixedInHindsight(trace, table, options).metrics.effectiveAccuracy;
        for (const QString& name : {"StaticSmall", "StaticLarge", "ThroughputAutotuner"}) {
            const auto baseline = makePolicy(name, table);
            const SimulationResult run = ServingSimulator::run(trace, *baseline, options);
            QVERIFY2(run.metrics.effectiveAccuracy <= bound,
                     qPrintable(QStringLiteral("%1, seed %2").arg(name).arg(seed)));
        }
    }
}

void TestPlanning::identicalSeedsGiveIdenticalRecords() {
    const ConfigTable table = randomProfiles(11).table();
    const Trace trace = randomTrace(11, 500, 0.3, {3.0, 6.0, 12.0, 30.0}, 200);
    for (const QString& name : servingPolicies()) {
        const auto policy = makePolicy(name, table, planningOptionsFor({}, trace));
        SimulationOptions options;
        options.labels = RunLabels{"poisson", "mixed", 42};
        options.workers = 2;
        options.decisionCostMs = 0.002;
        options.failures.push_back(FailureSpec{"m2", 50.0, 300.0});
        const SimulationResult a = ServingSimulator::run(trace, *policy, options);
        const SimulationResult b = ServingSimulator::run(trace, *policy, options);
        QCOMPARE(requestsCsvRows(a), requestsCsvRows(b));
        QCOMPARE(a.metrics.effectiveAccuracy, b.metrics.effectiveAccuracy);
        QCOMPARE(a.metrics.costPer1k, b.metrics.costPer1k);
        options.labels.seed = 43;
        const SimulationResult c = ServingSimulator::run(trace, *policy, options);
        QVERIFY2(requestsCsvRows(a) != requestsCsvRows(c), qPrintable(name));
    }
}

void TestPlanning::crashingModelFallsBackOnlyWithTheHandler() {
    const ConfigTable table = goldenProfiles().table();
    Trace trace;
    for (int i = 0; i < 20; ++i) {
        trace.push_back(request(i, 20.0 * i, 1000.0, i % 10));
    }
    SimulationOptions options;
    options.failures.push_back(FailureSpec{"S", 0.0, kInf, 1.0});
    options.retryAfterMs = 1e9;
    options.maxAttempts = 3;

    // With the handler: the first batch (cascade S > L) throws after 1 ms, S is marked
    // unhealthy, and every request is answered by L.
    const CascadePlanner planner(table);
    const SimulationResult recovered = ServingSimulator::run(trace, planner, options);
    QCOMPARE(recovered.metrics.failures, 1);
    QCOMPARE(recovered.metrics.unanswered, 0);
    QCOMPARE(recovered.metrics.fallbacks, 20);
    QCOMPARE(recovered.records[0].failedAttempts, 1);
    QCOMPARE(recovered.records[0].startMs, 1.0);  // re-queued at the head, retried at 1 ms
    QCOMPARE(recovered.records[0].finishMs, 6.0);
    for (const RequestRecord& r : recovered.records) {
        QCOMPARE(recovered.configNames.at(r.entry), QString("L/fp32/b1/cpu:1"));
        QVERIFY(r.answered && r.fallback && r.hit);
    }
    QCOMPARE(recovered.metrics.accuracy, 0.8);

    // Without it: the planner keeps choosing the cascade; every request fails three times
    // and is given up: a miss and incorrect.
    PolicyOptions noHandler;
    noHandler.failureHandler = false;
    const CascadePlanner stubborn(table, noHandler);
    const SimulationResult lost = ServingSimulator::run(trace, stubborn, options);
    QCOMPARE(lost.metrics.failures, 60);
    QCOMPARE(lost.metrics.unanswered, 20);
    QCOMPARE(lost.metrics.fallbacks, 0);
    QCOMPARE(lost.metrics.hitRate, 0.0);
    QCOMPARE(lost.metrics.accuracy, 0.0);
    QCOMPARE(lost.metrics.effectiveAccuracy, 0.0);
    QCOMPARE(lost.records[5].failedAttempts, 3);
    QVERIFY(std::isnan(lost.records[5].finishMs));
    // Failed attempts still cost device time: 60 × 1 ms at 1e-6.
    QVERIFY(qFuzzyCompare(lost.metrics.costPer1k, 60e-6 / 20 * 1000));
}

void TestPlanning::failingStageTwoReturnsTheStageOneAnswer() {
    const ConfigTable table = goldenProfiles().table();
    // Example 2 escalates (conf 0.5); L fails after 3 ms: the stage-1 answer (wrong) returns.
    const Trace trace = {request(0, 0, 100, 2), request(1, 50, 100, 2)};
    SimulationOptions options;
    options.failures.push_back(FailureSpec{"L", 0.0, 40.0, 3.0});
    options.retryAfterMs = 10.0;
    const CascadePlanner planner(table);
    const SimulationResult result = ServingSimulator::run(trace, planner, options);
    const RequestRecord& r = result.records[0];
    QVERIFY(r.answered);
    QVERIFY(!r.stage2Ran);
    QVERIFY(r.fallback);
    QVERIFY(!r.correct);
    QCOMPARE(r.finishMs, 5.0);  // stage 1 ends at 2, the failure shows at 2 + 3
    QCOMPARE(result.metrics.failures, 1);
    // At 50 L is healthy again (failed at 5, retried after 10 ms) and the window is over.
    QVERIFY(result.records[1].stage2Ran);
    QVERIFY(result.records[1].correct);
    QVERIFY(!result.records[1].fallback);
}

void TestPlanning::failedModelIsRetriedAfterItsWindow() {
    const ConfigTable table = goldenProfiles().table();
    Trace trace;
    for (int i = 0; i < 10; ++i) {
        trace.push_back(request(i, 10.0 * i, 1000.0, 0));  // example 0: no escalation
    }
    SimulationOptions options;
    options.failures.push_back(FailureSpec{"S", 0.0, 30.0});  // fails after its latency, 2 ms
    options.retryAfterMs = 25.0;
    const CascadePlanner planner(table);
    const SimulationResult result = ServingSimulator::run(trace, planner, options);
    // r0 fails at 2 (S unhealthy until 27) and is answered by L at 7; r1 (10), r2 (20) use L;
    // at 30 S is retried outside the window and the cascade serves again.
    QCOMPARE(result.metrics.failures, 1);
    QCOMPARE(result.metrics.unanswered, 0);
    QCOMPARE(result.metrics.fallbacks, 3);
    QCOMPARE(result.records[0].finishMs, 7.0);
    QCOMPARE(result.configNames.at(result.records[2].entry), QString("L/fp32/b1/cpu:1"));
    QCOMPARE(result.configNames.at(result.records[3].entry), QString("S/fp32>L/fp32/b1/cpu:1@0.8"));
    QVERIFY(!result.records[3].fallback);
}

void TestPlanning::simulatorBatchesUnderASpike() {
    Profiles p = goldenProfiles();
    p.latency.push_back(latencyProfile("S", "fp32", 4, "cpu:1", {4.0}));
    const ConfigTable table = p.table();
    Trace trace;
    for (int i = 0; i < 12; ++i) {
        trace.push_back(request(i, 0.0, 11.0, 0));
    }
    trace.push_back(request(12, 40.0, 1000.0, 0));
    PolicyOptions options;
    options.spikeQueueThreshold = 5;
    options.loadAware = false;  // the queue-length rule alone
    const CascadePlanner planner(table, options);
    const SimulationResult spiky = ServingSimulator::run(trace, planner);
    // 12 waiting > 5, due in 11 ms, and no entry serves them all in time (S at batch 4: 3 × 4
    // = 12 ms): a spike. S at batch 4 (1000 items/s) drains 4 at a time: 12 → 8 (still none
    // serves 8 in the 7 ms left) → 4, then the last 4 with a queue of 4 ≤ 5 go back to normal
    // planning one by one: S at batch 1, the only entry whose tail fits 3 ms.
    const QString b4 = "S/fp32/b4/cpu:1";
    for (int i = 0; i < 8; ++i) {
        QCOMPARE(spiky.configNames.at(spiky.records[static_cast<std::size_t>(i)].entry), b4);
        QCOMPARE(spiky.records[static_cast<std::size_t>(i)].batchFill, 4);
        QCOMPARE(spiky.records[static_cast<std::size_t>(i)].batchSize, 4);
    }
    QCOMPARE(spiky.records[0].finishMs, 4.0);
    QCOMPARE(spiky.records[7].finishMs, 8.0);
    QCOMPARE(spiky.configNames.at(spiky.records[8].entry), QString("S/fp32/b1/cpu:1"));
    QCOMPARE(spiky.records[8].finishMs, 10.0);
    QCOMPARE(spiky.records[12].startMs, 40.0);
    QCOMPARE(spiky.configNames.at(spiky.records[12].entry), QString("S/fp32>L/fp32/b1/cpu:1@0.8"));
}

void TestPlanning::simulatorUsesAllWorkers() {
    const ConfigTable table = goldenProfiles().table();
    const auto small = makePolicy("StaticSmall", table);
    const Trace trace = {request(0, 0, 100, 0), request(1, 0, 100, 1), request(2, 0, 100, 3),
                         request(3, 1, 100, 5)};
    SimulationOptions options;
    options.workers = 2;
    const SimulationResult result = ServingSimulator::run(trace, *small, options);
    QCOMPARE(result.records[0].startMs, 0.0);
    QCOMPARE(result.records[1].startMs, 0.0);
    QCOMPARE(result.records[2].startMs, 2.0);
    QCOMPARE(result.records[3].startMs, 2.0);
    QCOMPARE(result.records[3].finishMs, 4.0);

    // The machine measured 1.5× slower than profiled: S's 2 ms take 3, the policy unchanged.
    options.serviceTimeScale = 1.5;
    const SimulationResult slower = ServingSimulator::run(trace, *small, options);
    QCOMPARE(slower.records[0].finishMs, 3.0);
    QCOMPARE(slower.records[2].startMs, 3.0);
    QCOMPARE(slower.records[3].finishMs, 6.0);
    options.serviceTimeScale = 0.0;
    QVERIFY_THROWS_EXCEPTION(Error, ServingSimulator::run(trace, *small, options));
}

void TestPlanning::simulatorRejectsBadInput() {
    const ConfigTable table = goldenProfiles().table();
    const CascadePlanner planner(table);
    auto expectError = [&](const Trace& trace, const SimulationOptions& options,
                           const QString& expected) {
        try {
            ServingSimulator::run(trace, planner, options);
            QFAIL(qPrintable("expected an error: " + expected));
        } catch (const Error& e) {
            QVERIFY2(e.message().contains(expected), qPrintable(e.message()));
        }
    };
    const Trace good = {request(0, 0, 10, 0)};
    expectError({request(0, 5, 10, 0), request(1, 4, 10, 0)}, {},
                "request 1 arrives at 4 ms, before the request ahead of it");
    expectError({request(3, 0, 10, 99)}, {}, "request 3 asks for example 99");
    expectError({request(0, 0, -1, 0)}, {}, "request 0 has deadline -1 ms");
    SimulationOptions options;
    options.workers = 0;
    expectError(good, options, "workers must be ≥ 1");
    options = SimulationOptions{};
    options.failures.push_back(FailureSpec{"X", 0, 1});
    expectError(good, options, "failure injection: unknown model 'X'");
    options = SimulationOptions{};
    options.failures.push_back(FailureSpec{"S", 5, 1});
    expectError(good, options, "expected from ≤ to");
    options = SimulationOptions{};
    options.decisionCostMs = -1;
    expectError(good, options, "decision cost");
    options = SimulationOptions{};
    options.maxAttempts = 0;
    expectError(good, options, "max attempts must be ≥ 1");
    QVERIFY_THROWS_EXCEPTION(Error, oracle({request(0, 0, 1, 77)}, table));
    // An empty trace is a run of nothing.
    const SimulationResult empty = ServingSimulator::run({}, planner);
    QCOMPARE(empty.metrics.requests, 0);
    QVERIFY(std::isnan(empty.metrics.hitRate));
}

void TestPlanning::requestsCsvRoundTrips() {
    const ConfigTable table = goldenProfiles().table();
    Trace trace = {request(10, 0.25, 10, 0), request(11, 1, 1000, 2)};
    SimulationOptions options;
    options.labels = RunLabels{"poisson", "tight", 99};
    options.failures.push_back(FailureSpec{"S", 0.0, 0.5, 1.0});
    options.maxAttempts = 1;
    const SimulationResult run = ServingSimulator::run(trace, CascadePlanner(table), options);
    const SimulationResult bound = oracle(trace, table, options.labels);
    QTemporaryDir dir;
    const QString path = dir.filePath("out/requests.csv");
    writeRequestsCsv(path, {run, bound});
    const CsvTable csvTable = CsvTable::load(path);
    QCOMPARE(csvTable.header(), requestsCsvHeader());
    QCOMPARE(csvTable.rowCount(), 4);
    // Request 10 failed once (S inside [0, 0.5)) and was given up.
    QCOMPARE(csvTable.value(0, "policy"), QString("CascadePlanner"));
    QCOMPARE(csvTable.value(0, "workload"), QString("poisson"));
    QCOMPARE(csvTable.value(0, "deadline_set"), QString("tight"));
    QCOMPARE(csvTable.value(0, "seed"), QString("99"));
    QCOMPARE(csvTable.value(0, "request_id"), QString("10"));
    QCOMPARE(csvTable.value(0, "arrival_ms"), QString("0.25"));
    QCOMPARE(csvTable.value(0, "start_ms"), QString("0.25"));
    QCOMPARE(csvTable.value(0, "finish_ms"), QString());
    QCOMPARE(csvTable.value(0, "answered"), QString("0"));
    QCOMPARE(csvTable.value(0, "failed"), QString("1"));
    QCOMPARE(csvTable.value(0, "hit"), QString("0"));
    // Request 11 arrived at 1: S healthy again? No: it failed at 1.25, retry after 1000 ms →
    // the planner falls back to L (5 ms), right on example 2.
    QCOMPARE(csvTable.value(1, "config"), QString("L/fp32/b1/cpu:1"));
    QCOMPARE(csvTable.value(1, "start_ms"), QString("1.25"));
    QCOMPARE(csvTable.value(1, "finish_ms"), QString("6.25"));
    QCOMPARE(csvTable.value(1, "latency_ms"), QString("5.25"));
    QCOMPARE(csvTable.value(1, "fallback"), QString("1"));
    QCOMPARE(csvTable.value(1, "correct"), QString("1"));
    QCOMPARE(csvTable.value(1, "batch_size"), QString("1"));
    QCOMPARE(csvTable.value(1, "cost"), QString("5e-06"));
    QCOMPARE(csvTable.value(2, "policy"), QString("Oracle"));
    QCOMPARE(csvTable.value(3, "config"), QString("L/fp32/b1/cpu:1"));
    QCOMPARE(csvTable.value(3, "finish_ms"), QString("6"));
}

QTEST_GUILESS_MAIN(TestPlanning)
#include "tst_planning.moc"
