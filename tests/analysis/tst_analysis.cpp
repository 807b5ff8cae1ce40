#include "analysis/hypotheses.h"
#include "analysis/pareto.h"
#include "analysis/reportdata.h"
#include "analysis/statisticaltests.h"
#include "analysis/statistics.h"
#include "analysis/summary.h"
#include "common/csv.h"
#include "common/error.h"
#include "config/protocolconfig.h"
#include "results/resultstable.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <functional>
#include <iterator>
#include <limits>
#include <map>
#include <vector>

using namespace aip;

namespace {

using Vector = std::vector<double>;

constexpr double kRelTol = 1e-9;

bool close(double actual, double expected, double relTol = kRelTol) {
    if (std::isnan(expected)) {
        return std::isnan(actual);
    }
    if (std::isinf(expected)) {
        return actual == expected;
    }
    return std::abs(actual - expected) <= relTol * std::max(std::abs(expected), 1e-300);
}

#define COMPARE_CLOSE(actual, expected)                                           \
    do {                                                                          \
        const double a_ = (actual);                                               \
        const double e_ = (expected);                                             \
        QVERIFY2(close(a_, e_), qPrintable(QStringLiteral("%1 = %2, expected %3") \
                                               .arg(QLatin1String(#actual))       \
                                               .arg(a_, 0, 'g', 17)               \
                                               .arg(e_, 0, 'g', 17)));            \
    } while (false)

/// Reference outputs of scipy.stats 1.10.1 for one vector of paired differences:
/// ttest_rel(d, 0) (statistic, pvalue, df, confidence_interval(0.95), and the p-values for
/// alternative="greater"/"less"), numpy mean(d)/std(d, ddof=1) for d_z, and
/// wilcoxon(d, zero_method="wilcox", correction=False, mode=…) for the three alternatives,
/// mode "exact" without zeros or ties and n ≤ 50, "approx" otherwise.
struct Reference {
    Vector d;
    double mean, t, tP, df, ciLow, ciHigh, dz, tGreater, tLess;
    bool exact;
    double w, wP, wGreater, wLess;
};

Vector n60() {
    // numpy.random.default_rng(20261126).normal(0.15, 1.0, 60), rounded to 4 decimals.
    return {-0.2241, -0.1056, 1.0884,  1.5421,  -1.2664, 0.2225,  2.0292,  1.033,   -1.5593,
            1.2624,  -0.4652, -0.7937, 0.5478,  0.2355,  -0.1894, 1.5511,  0.8086,  -0.0614,
            0.3415,  -0.7837, -0.0858, 0.8222,  0.8656,  0.8165,  1.3515,  0.05,    -1.0004,
            1.6787,  1.7652,  -1.3674, -0.7079, -0.7101, -0.5013, -0.3483, -0.8608, -0.4202,
            0.9574,  1.7491,  -0.7894, 0.9986,  0.1404,  0.3778,  -0.0094, -1.0231, 0.2466,
            -0.0182, 0.1799,  -1.0826, -0.1068, -0.4093, -0.4011, -1.9786, -0.8128, -0.0692,
            0.4775,  -0.097,  1.426,   1.1649,  -0.3811, 0.0803};
}

/// Student's sleep data (Cushny & Peebles via Student, 1908; R's `sleep`): extra hours of
/// sleep of drug 1 minus drug 2 for the same ten patients.
Vector sleepDifferences() {
    return {-1.2, -2.4, -1.3, -1.3, 0.0, -1.0, -1.8, -0.8, -4.6, -1.4};
}

ResultRow run(const QString& policy, const QString& workload, std::uint64_t seed, double accuracy,
              double p95, double cost) {
    ResultRow r;
    r.policy = policy;
    r.workload = workload;
    r.deadlineSet = QStringLiteral("tight");
    r.seed = seed;
    r.nRequests = 1000;
    r.hitRate = 0.95;
    r.accuracy = accuracy;
    r.effectiveAccuracy = accuracy * 0.9;
    r.costPer1k = cost;
    r.p50Ms = p95 / 2;
    r.p95Ms = p95;
    r.p99Ms = p95 * 1.5;
    r.escalationRate = 0.25;
    return r;
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return file.readAll();
}

QString errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return e.message();
    }
    return QStringLiteral("<no error>");
}

}  // namespace

Q_DECLARE_METATYPE(Reference)

class TestAnalysis final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // statistics
    void scipyReference_data();
    void scipyReference();
    void sleepTextbookValues();
    void allZeroDifferences();
    void constantDifferences();
    void tooFewDifferences();
    void nonFiniteDifferencesThrow();
    void wilcoxonSmallExact();
    void wilcoxonNearlyEqualMagnitudesAreTies();
    void holmHandExample();
    void holmRejectsBadPValues();
    void bootstrapInterval();
    void alternativeNames();
    // results table
    void resultsRoundTrip();
    void resultMetricByName();
    void resultsParseErrors_data();
    void resultsParseErrors();
    // statistical_tests.csv
    void statisticalTestsMatchHandComputation();
    void statisticalTestsAreOrderIndependent();
    void statisticalTestsRoundTrip();
    void statisticalTestsErrors();
    void statisticalTestsReadFilesWithoutConditions();
    // pareto
    void frontierByHand();
    void frontierCollinearAndEqual();
    void hypervolumeByHand();
    void dominatedShareByHand();
    void paretoAnalysisFile();
    // summary
    void summaryReportsLoss();
    void summaryWithoutLoss();
    void summaryPlacesThePolicyAgainstTheBounds();
    // per-condition statistics against the independent reference (reference/paired_tests.py)
    void conditionStudyTestsMatchReference();
    void conditionStudyHypothesesMatchReference();
    void conditionStudyDominanceMatchesReference();
    void conditionStudySummaryShowsClaims();
    void dominanceWithinTheTraceByHand();
    void paretoAnalysisReadsFilesWithoutConditions();
    void wilsonIntervalByHand();
};

// ---------------------------------------------------------------------------------------------
// statistics

void TestAnalysis::scipyReference_data() {
    QTest::addColumn<Reference>("ref");
    // Values below: scipy.stats 1.10.1 ttest_rel / wilcoxon, numpy 1.24.2 (see Reference).
    QTest::newRow("n=5 no ties, exact") << Reference{{1.2, -0.4, 2.5, 0.7, 1.9},
                                                     1.1800000000000002,
                                                     2.362837107816657,
                                                     0.07742298315406554,
                                                     4,
                                                     -0.2065556848143162,
                                                     2.5665556848143165,
                                                     1.0566928785674086,
                                                     0.03871149157703277,
                                                     0.9612885084229672,
                                                     true,
                                                     1.0,
                                                     0.125,
                                                     0.0625,
                                                     0.96875};
    QTest::newRow("ties, approx") << Reference{{1, 2, -2, 3, 3, 4, -1, 5, 2, 6},
                                               2.3,
                                               2.913182283353168,
                                               0.01722182196947792,
                                               9,
                                               0.5139938499435395,
                                               4.08600615005646,
                                               0.9212291254646033,
                                               0.00861091098473896,
                                               0.991389089015261,
                                               false,
                                               5.5,
                                               0.024370603757179417,
                                               0.012185301878589709,
                                               0.9878146981214103};
    QTest::newRow("zeros, approx") << Reference{{0, 1.5, -0.5, 2.25, 0, 3.0, 1.0, -1.75, 2.5, 0.75},
                                                0.875,
                                                1.8663901848956668,
                                                0.09484280396240088,
                                                9,
                                                -0.18554325264736504,
                                                1.935543252647365,
                                                0.5902043986853098,
                                                0.04742140198120044,
                                                0.9525785980187996,
                                                false,
                                                6.0,
                                                0.09289194088370532,
                                                0.04644597044185266,
                                                0.9535540295581474};
    QTest::newRow("n=20, exact") << Reference{
        {0.31, -0.12, 0.57, 0.08, -0.44, 0.92,  0.26, 0.65, -0.03, 0.49,
         0.71, -0.18, 0.38, 0.85, 0.14,  -0.29, 0.53, 1.04, 0.22,  0.6},
        0.3344999999999999,
        3.615260093774985,
        0.0018433128104651364,
        19,
        0.14084407261456092,
        0.5281559273854389,
        0.808396732602313,
        0.0009216564052325682,
        0.9990783435947674,
        true,
        28.0,
        0.002712249755859375,
        0.0013561248779296875,
        0.9988374710083008};
    // scipy 1.10.1's t.ppf(0.975, 59) = 2.00099537704821 is off by 5e-10 relative (its CDF
    // misses 0.975 by 5.8e-11): the CI bounds below use that quantile refined by Newton steps
    // on scipy.special.betainc, 2.000995378088266, with scipy's mean and standard error.
    QTest::newRow("n=60, approx (no ties, too many for exact)") << Reference{n60(),
                                                                             0.11967833333333336,
                                                                             1.0024146064487542,
                                                                             0.32023698368075326,
                                                                             59,
                                                                             -0.11922061159095879,
                                                                             0.35857727825762553,
                                                                             0.1294111692257029,
                                                                             0.16011849184037663,
                                                                             0.8398815081596234,
                                                                             false,
                                                                             807.0,
                                                                             0.4265826005770048,
                                                                             0.2132913002885024,
                                                                             0.7867086997114976};
    QTest::newRow("sleep: zero and ties, approx") << Reference{sleepDifferences(),
                                                               -1.5799999999999998,
                                                               -4.062127683382037,
                                                               0.00283289019738427,
                                                               9,
                                                               -2.4598857632547286,
                                                               -0.7001142367452711,
                                                               -1.2845575625910546,
                                                               0.9985835549013079,
                                                               0.001416445098692135,
                                                               false,
                                                               0.0,
                                                               0.007632441648205508,
                                                               0.9961837791758973,
                                                               0.003816220824102754};
}

void TestAnalysis::scipyReference() {
    QFETCH(Reference, ref);
    const PairedTTest t = pairedTTest(ref.d);
    QCOMPARE(t.n, static_cast<int>(ref.d.size()));
    COMPARE_CLOSE(t.meanDiff, ref.mean);
    COMPARE_CLOSE(t.tStatistic, ref.t);
    COMPARE_CLOSE(t.pValue, ref.tP);
    COMPARE_CLOSE(t.df, ref.df);
    COMPARE_CLOSE(t.ciLow, ref.ciLow);
    COMPARE_CLOSE(t.ciHigh, ref.ciHigh);
    COMPARE_CLOSE(t.cohensDz, ref.dz);
    COMPARE_CLOSE(pairedTTestPValue(ref.d, Alternative::TwoSided), ref.tP);
    COMPARE_CLOSE(pairedTTestPValue(ref.d, Alternative::Greater), ref.tGreater);
    COMPARE_CLOSE(pairedTTestPValue(ref.d, Alternative::Less), ref.tLess);

    const WilcoxonTest w = wilcoxonSignedRank(ref.d);
    QCOMPARE(w.exact, ref.exact);
    COMPARE_CLOSE(w.statistic, ref.w);
    COMPARE_CLOSE(w.pValue, ref.wP);
    COMPARE_CLOSE(w.rankSumPositive + w.rankSumNegative, w.nNonZero * (w.nNonZero + 1) / 2.0);
    COMPARE_CLOSE(wilcoxonPValue(ref.d, Alternative::TwoSided), ref.wP);
    COMPARE_CLOSE(wilcoxonPValue(ref.d, Alternative::Greater), ref.wGreater);
    COMPARE_CLOSE(wilcoxonPValue(ref.d, Alternative::Less), ref.wLess);
}

void TestAnalysis::sleepTextbookValues() {
    // Published: R's t.test(extra ~ group, data = sleep, paired = TRUE) prints
    // t = -4.0621, df = 9, p-value = 0.002833, 95 percent CI -2.4598858 -0.7001142,
    // mean difference -1.58 (also Student 1908, "The probable error of a mean").
    const PairedTTest t = pairedTTest(sleepDifferences());
    QCOMPARE(t.df, 9.0);
    QVERIFY(std::abs(t.tStatistic - -4.0621) < 5e-5);
    QVERIFY(std::abs(t.pValue - 0.002833) < 5e-7);
    QVERIFY(std::abs(t.ciLow - -2.4598858) < 5e-8);
    QVERIFY(std::abs(t.ciHigh - -0.7001142) < 5e-8);
    QVERIFY(std::abs(t.meanDiff - -1.58) < 1e-12);
    // The zero difference (patient 5) is dropped by the signed-rank test.
    const WilcoxonTest w = wilcoxonSignedRank(sleepDifferences());
    QCOMPARE(w.nZero, 1);
    QCOMPARE(w.nNonZero, 9);
    QVERIFY(w.hasTies);
    QCOMPARE(w.rankSumPositive, 0.0);
    QCOMPARE(w.rankSumNegative, 45.0);
}

void TestAnalysis::allZeroDifferences() {
    // Project convention (scipy returns NaN for the t-test and raises for Wilcoxon here):
    // no difference at all is no evidence of one.
    const Vector zeros(8, 0.0);
    const PairedTTest t = pairedTTest(zeros);
    QCOMPARE(t.n, 8);
    QCOMPARE(t.meanDiff, 0.0);
    QCOMPARE(t.sdDiff, 0.0);
    QCOMPARE(t.tStatistic, 0.0);
    QCOMPARE(t.pValue, 1.0);
    QCOMPARE(t.ciLow, 0.0);
    QCOMPARE(t.ciHigh, 0.0);
    QCOMPARE(t.cohensDz, 0.0);
    for (const Alternative a : {Alternative::TwoSided, Alternative::Greater, Alternative::Less}) {
        QCOMPARE(pairedTTestPValue(zeros, a), 1.0);
        QCOMPARE(wilcoxonPValue(zeros, a), 1.0);
    }
    const WilcoxonTest w = wilcoxonSignedRank(zeros);
    QCOMPARE(w.nNonZero, 0);
    QCOMPARE(w.nZero, 8);
    QCOMPARE(w.statistic, 0.0);
    QCOMPARE(w.pValue, 1.0);
}

void TestAnalysis::constantDifferences() {
    // A constant shift (scipy: t = inf, p = 0); the mean is the value itself, not 3·0.1/3.
    const Vector d(3, 0.1);
    const PairedTTest t = pairedTTest(d);
    QCOMPARE(t.meanDiff, 0.1);
    QCOMPARE(t.sdDiff, 0.0);
    QVERIFY(std::isinf(t.tStatistic) && t.tStatistic > 0);
    QCOMPARE(t.pValue, 0.0);
    QCOMPARE(t.ciLow, 0.1);
    QCOMPARE(t.ciHigh, 0.1);
    QCOMPARE(pairedTTestPValue(d, Alternative::Greater), 0.0);
    QCOMPARE(pairedTTestPValue(d, Alternative::Less), 1.0);
    QCOMPARE(pairedTTestPValue(Vector(3, -0.1), Alternative::Less), 0.0);
}

void TestAnalysis::tooFewDifferences() {
    const PairedTTest none = pairedTTest({});
    QCOMPARE(none.n, 0);
    QVERIFY(std::isnan(none.meanDiff));
    QVERIFY(std::isnan(none.pValue));
    const PairedTTest one = pairedTTest({0.5});
    QCOMPARE(one.meanDiff, 0.5);
    QVERIFY(std::isnan(one.sdDiff));
    QVERIFY(std::isnan(one.tStatistic));
    QVERIFY(std::isnan(one.pValue));
    QVERIFY(std::isnan(one.ciLow));
    QVERIFY(std::isnan(one.cohensDz));
    QVERIFY(std::isnan(pairedTTestPValue({0.5}, Alternative::Greater)));
    // One non-zero difference: W+ = 1 or 0 of {0, 1}, each with probability 1/2.
    const WilcoxonTest w = wilcoxonSignedRank({0.5});
    QVERIFY(w.exact);
    QCOMPARE(w.statistic, 0.0);
    QCOMPARE(w.pValue, 1.0);
    QCOMPARE(wilcoxonPValue({0.5}, Alternative::Greater), 0.5);
    QCOMPARE(wilcoxonSignedRank({}).pValue, 1.0);
}

void TestAnalysis::nonFiniteDifferencesThrow() {
    const Vector bad{0.1, std::numeric_limits<double>::quiet_NaN(), 0.3};
    QVERIFY(errorOf([&] { pairedTTest(bad); }).contains("paired difference 2 of 3 is nan"));
    QVERIFY_THROWS_EXCEPTION(Error, wilcoxonSignedRank(bad));
    QVERIFY_THROWS_EXCEPTION(Error,
                             wilcoxonSignedRank({1.0, std::numeric_limits<double>::infinity()}));
    QVERIFY_THROWS_EXCEPTION(Error, pairedTTest({1.0, 2.0}, 1.0));
}

void TestAnalysis::wilcoxonSmallExact() {
    // n = 3, all positive: W− = 0, P(W ≤ 0) = 1/8 (only the empty subset), p = 2/8.
    const WilcoxonTest w = wilcoxonSignedRank({1.0, 2.0, 3.0});
    QVERIFY(w.exact);
    QCOMPARE(w.rankSumPositive, 6.0);
    QCOMPARE(w.statistic, 0.0);
    QCOMPARE(w.pValue, 0.25);
    QCOMPARE(wilcoxonPValue({1.0, 2.0, 3.0}, Alternative::Greater), 0.125);
    QCOMPARE(wilcoxonPValue({1.0, 2.0, 3.0}, Alternative::Less), 1.0);
    // n = 4, W+ = 5 (ranks 1 and 4) is the centre of 0…10: p = 1.
    QCOMPARE(wilcoxonSignedRank({1.0, -2.0, -3.0, 4.0}).pValue, 1.0);
    // n = 4, W− = 1 (rank 1): subsets of {1,2,3,4} with sum ≤ 1 are {} and {1}: p = 2·2/16.
    QCOMPARE(wilcoxonSignedRank({-1.0, 2.0, 3.0, 4.0}).pValue, 0.25);
}

void TestAnalysis::wilcoxonNearlyEqualMagnitudesAreTies() {
    // 0.3 − 0.2 and 0.2 − 0.1 are both 0.1 in decimal but differ in the last bits of a double.
    const double a = 0.3 - 0.2;
    const double b = 0.2 - 0.1;
    QVERIFY(a != b);
    const WilcoxonTest w = wilcoxonSignedRank({a, -b, 0.5, 0.7});
    QVERIFY(w.hasTies);
    QVERIFY(!w.exact);
    QCOMPARE(w.rankSumNegative, 1.5);
    QCOMPARE(w.rankSumPositive, 8.5);
    // As with exact ties: scipy.stats 1.10.1 wilcoxon([0.1, -0.1, 0.5, 0.7],
    // zero_method="wilcox", correction=False, mode="approx") gives W = 1.5, p = 0.19746607...
    COMPARE_CLOSE(w.statistic, 1.5);
    COMPARE_CLOSE(w.pValue, 0.1974660733580187);
}

void TestAnalysis::holmHandExample() {
    // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → max so far 0.06.
    const Vector adjusted = holmAdjust({0.01, 0.04, 0.03, 0.005});
    QCOMPARE(adjusted.size(), size_t{4});
    COMPARE_CLOSE(adjusted[0], 0.03);
    COMPARE_CLOSE(adjusted[1], 0.06);
    COMPARE_CLOSE(adjusted[2], 0.06);
    COMPARE_CLOSE(adjusted[3], 0.02);
    // Capped at 1, and monotone after the cap.
    const Vector capped = holmAdjust({0.4, 0.45, 0.9});
    QCOMPARE(capped, Vector({1.0, 1.0, 1.0}));
    // Equal p-values; a NaN is outside the family (m = 2) and stays NaN.
    const Vector withNaN = holmAdjust({0.02, std::numeric_limits<double>::quiet_NaN(), 0.02});
    COMPARE_CLOSE(withNaN[0], 0.04);
    QVERIFY(std::isnan(withNaN[1]));
    COMPARE_CLOSE(withNaN[2], 0.04);
    QVERIFY(holmAdjust({}).empty());
    QCOMPARE(holmAdjust({0.3}), Vector({0.3}));
}

void TestAnalysis::holmRejectsBadPValues() {
    QVERIFY(errorOf([] { holmAdjust({0.1, 1.5}); }).contains("outside [0, 1]"));
    QVERIFY_THROWS_EXCEPTION(Error, holmAdjust({-0.1}));
}

void TestAnalysis::bootstrapInterval() {
    const Vector d = n60();
    const MeanInterval a = bootstrapMeanInterval(d, 7);
    const MeanInterval b = bootstrapMeanInterval(d, 7);
    QCOMPARE(a.low, b.low);
    QCOMPARE(a.high, b.high);
    const MeanInterval other = bootstrapMeanInterval(d, 8);
    QVERIFY(other.low != a.low || other.high != a.high);
    // For 60 roughly normal values the percentile interval is close to the t interval
    // [-0.1192, 0.3586] (standard error 0.119).
    QVERIFY2(std::abs(a.low - -0.1192) < 0.03, qPrintable(QString::number(a.low)));
    QVERIFY2(std::abs(a.high - 0.3586) < 0.03, qPrintable(QString::number(a.high)));
    QVERIFY(a.low < 0.11967833 && 0.11967833 < a.high);
    // Two values 0 and 1: resampled means are 0, 0.5, 1 with probabilities 1/4, 1/2, 1/4.
    const MeanInterval two = bootstrapMeanInterval({0.0, 1.0}, 1, 4000);
    QCOMPARE(two.low, 0.0);
    QCOMPARE(two.high, 1.0);
    const MeanInterval constant = bootstrapMeanInterval(Vector(5, 0.25), 3, 100);
    QCOMPARE(constant.low, 0.25);
    QCOMPARE(constant.high, 0.25);
    QVERIFY(std::isnan(bootstrapMeanInterval({}, 1).low));
    QVERIFY_THROWS_EXCEPTION(Error, bootstrapMeanInterval(d, 1, 0));
}

void TestAnalysis::alternativeNames() {
    for (const Alternative a : {Alternative::TwoSided, Alternative::Greater, Alternative::Less}) {
        QCOMPARE(alternativeFromName(alternativeName(a)), a);
    }
    QVERIFY(
        errorOf([] { alternativeFromName("bigger"); }).contains("unknown alternative 'bigger'"));
}

// ---------------------------------------------------------------------------------------------
// results table

void TestAnalysis::resultsRoundTrip() {
    std::vector<ResultRow> rows{run("CascadePlanner", "poisson", 20261126, 0.9123, 41.25, 0.0123),
                                run("Static, \"Small\"", "bursty", 3, 0.8, 12.5, 0.001)};
    rows[1].p99Ms = std::numeric_limits<double>::quiet_NaN();
    rows[1].nRequests = 0;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath("results/all_results.csv");
    writeResults(path, rows);
    const QByteArray first = readAll(path);
    QVERIFY(
        first.startsWith("policy,workload,deadline_set,seed,n_requests,hit_rate,accuracy,"
                         "effective_accuracy,cost_per_1k,p50_ms,p95_ms,p99_ms,"
                         "escalation_rate\n"));
    QVERIFY(first.contains("CascadePlanner,poisson,tight,20261126,1000,0.95,0.9123,"));
    QVERIFY(first.contains("\"Static, \"\"Small\"\"\",bursty,tight,3,0,"));
    QVERIFY(first.contains(",nan,0.25\n"));
    const std::vector<ResultRow> back = readResults(path);
    QCOMPARE(back.size(), size_t{2});
    QCOMPARE(back[0], rows[0]);
    QCOMPARE(back[1].policy, rows[1].policy);
    QVERIFY(std::isnan(back[1].p99Ms));
    QCOMPARE(back[1].p95Ms, 12.5);
    QCOMPARE(formatResults(back), first);
    writeResults(path, back);
    QCOMPARE(readAll(path), first);
    // Columns in another order are accepted; the rewrite uses the canonical order.
    const QByteArray shuffled =
        "seed,policy,workload,deadline_set,n_requests,hit_rate,accuracy,effective_accuracy,"
        "cost_per_1k,p50_ms,p95_ms,p99_ms,escalation_rate\n"
        "5,P,w,d,10,1,0.5,0.5,0,1,2,3,0\n";
    QCOMPARE(formatResults(parseResults(shuffled, "s.csv")),
             QByteArray("policy,workload,deadline_set,seed,n_requests,hit_rate,accuracy,"
                        "effective_accuracy,cost_per_1k,p50_ms,p95_ms,p99_ms,escalation_rate\n"
                        "P,w,d,5,10,1,0.5,0.5,0,1,2,3,0\n"));
    QVERIFY(errorOf([&] { readResults(dir.filePath("missing.csv")); }).contains("missing.csv"));
}

void TestAnalysis::resultMetricByName() {
    ResultRow r = run("P", "w", 1, 0.8, 40, 0.02);
    r.hitRate = 0.7;
    QCOMPARE(r.metric("hit_rate"), 0.7);
    QCOMPARE(r.metric("accuracy"), 0.8);
    COMPARE_CLOSE(r.metric("effective_accuracy"), 0.72);
    QCOMPARE(r.metric("cost_per_1k"), 0.02);
    QCOMPARE(r.metric("p50_ms"), 20.0);
    QCOMPARE(r.metric("p95_ms"), 40.0);
    QCOMPARE(r.metric("p99_ms"), 60.0);
    QCOMPARE(r.metric("escalation_rate"), 0.25);
    for (const QString& m : knownMetrics()) {
        r.metric(m);  // every metric the protocol knows is a column
    }
    // The one metric table the result files share: the protocol's metrics in file order.
    QStringList names;
    QStringList rates;
    for (const ResultMetric& m : resultMetrics()) {
        names << QLatin1String(m.name);
        if (m.isRate) {
            rates << QLatin1String(m.name);
        }
        QCOMPARE(r.*m.field, r.metric(QLatin1String(m.name)));
    }
    QCOMPARE(names, knownMetrics());
    QCOMPARE(names, resultMetricColumns().mid(1));
    QCOMPARE(rates, QStringList({"hit_rate", "accuracy", "effective_accuracy", "escalation_rate"}));
    QVERIFY(errorOf([&] { r.metric("latency"); }).contains("unknown metric 'latency'"));
}

void TestAnalysis::resultsParseErrors_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("expected");
    const QByteArray header =
        "policy,workload,deadline_set,seed,n_requests,hit_rate,accuracy,effective_accuracy,"
        "cost_per_1k,p50_ms,p95_ms,p99_ms,escalation_rate\n";
    const QByteArray good = "P,w,d,1,10,1,0.5,0.5,0,1,2,3,0\n";
    QTest::newRow("not a number") << header + good + "P,w,d,2,10,abc,0.5,0.5,0,1,2,3,0\n"
                                  << "r.csv:3: column 'hit_rate': expected a number, found 'abc'";
    QTest::newRow("rate above 1") << header + "P,w,d,2,10,1,1.5,0.5,0,1,2,3,0\n"
                                  << "r.csv:2: column 'accuracy': a rate must lie in [0, 1]";
    QTest::newRow("negative latency") << header + "P,w,d,2,10,1,0.5,0.5,0,1,-2,3,0\n"
                                      << "r.csv:2: column 'p95_ms': must not be negative";
    QTest::newRow("negative seed") << header + "P,w,d,-2,10,1,0.5,0.5,0,1,2,3,0\n"
                                   << "r.csv:2: column 'seed': expected a non-negative integer";
    QTest::newRow("requests past 64 bits")
        << header + "P,w,d,2,9223372036854775808,1,0.5,0.5,0,1,2,3,0\n"
        << "r.csv:2: column 'n_requests': expected an integer of at most 9223372036854775807";
    QTest::newRow("empty policy") << header + ",w,d,2,10,1,0.5,0.5,0,1,2,3,0\n"
                                  << "r.csv:2: column 'policy': empty";
    QTest::newRow("missing column")
        << QByteArray(
               "policy,workload,deadline_set,seed,n_requests,hit_rate,accuracy,"
               "effective_accuracy,cost_per_1k,p50_ms,p95_ms,p99_ms\n")
        << "r.csv: missing column 'escalation_rate'";
    QTest::newRow("unexpected column")
        << QByteArray(header).replace("\n", ",extra\n") + "P,w,d,1,10,1,0.5,0.5,0,1,2,3,0,x\n"
        << "r.csv:1: unexpected column 'extra'";
    QTest::newRow("duplicate run") << header + good + good
                                   << "r.csv:3: policy P, workload w, deadline set d, seed 1 "
                                      "appears twice (first on line 2)";
    QTest::newRow("short row") << header + "P,w,d\n"
                               << "r.csv:2: expected 13 fields";
}

void TestAnalysis::resultsParseErrors() {
    QFETCH(QByteArray, body);
    QFETCH(QString, expected);
    const QString message = errorOf([&] { parseResults(body, "r.csv"); });
    QVERIFY2(message.startsWith(expected), qPrintable(message));
}

// ---------------------------------------------------------------------------------------------
// statistical_tests.csv

namespace {

/// Planner, StaticLarge and StaticSmall on two workloads × three seeds with known accuracies
/// and p95 latencies.
constexpr double kPlannerAcc[] = {0.91, 0.93, 0.90, 0.92, 0.94, 0.915};
constexpr double kLargeAcc[] = {0.899, 0.905, 0.884, 0.89, 0.926, 0.896};
constexpr double kSmallAcc[] = {0.80, 0.82, 0.81, 0.79, 0.83, 0.80};
constexpr double kPlannerP95[] = {40, 42, 39, 45, 44, 41};
constexpr double kLargeP95[] = {90, 95, 88, 99, 97, 91};
constexpr double kSmallP95[] = {20, 21, 19.5, 22, 20.5, 21};

std::vector<ResultRow> smallStudy() {
    std::vector<ResultRow> rows;
    int i = 0;
    for (const char* workload : {"poisson", "bursty"}) {
        for (std::uint64_t seed = 1; seed <= 3; ++seed, ++i) {
            rows.push_back(
                run("CascadePlanner", workload, seed, kPlannerAcc[i], kPlannerP95[i], 0.01));
            rows.push_back(run("StaticLarge", workload, seed, kLargeAcc[i], kLargeP95[i], 0.03));
            rows.push_back(run("StaticSmall", workload, seed, kSmallAcc[i], kSmallP95[i], 0.005));
        }
    }
    return rows;
}

/// policy − baseline in the pairing order: by workload ("bursty" < "poisson"), then seed.
Vector handDifferences(const double* policy, const double* baseline) {
    Vector d;
    for (const int i : {3, 4, 5, 0, 1, 2}) {
        d.push_back(policy[i] - baseline[i]);
    }
    return d;
}

}  // namespace

void TestAnalysis::statisticalTestsMatchHandComputation() {
    const std::vector<ResultRow> rows = smallStudy();
    const std::vector<StatisticalTestRow> tests = computeStatisticalTests(
        rows, {"accuracy", "p95_ms"}, "CascadePlanner", {"StaticLarge", "StaticSmall"}, 0.05);
    // Four pooled rows, then each (metric, baseline) within the conditions bursty/tight and
    // poisson/tight (one task: its task is empty).
    QCOMPARE(tests.size(), size_t{12});
    const QStringList order{"accuracy/StaticLarge/all",    "accuracy/StaticSmall/all",
                            "p95_ms/StaticLarge/all",      "p95_ms/StaticSmall/all",
                            "accuracy/StaticLarge/bursty", "accuracy/StaticLarge/poisson",
                            "accuracy/StaticSmall/bursty", "accuracy/StaticSmall/poisson",
                            "p95_ms/StaticLarge/bursty",   "p95_ms/StaticLarge/poisson",
                            "p95_ms/StaticSmall/bursty",   "p95_ms/StaticSmall/poisson"};
    for (size_t i = 0; i < tests.size(); ++i) {
        QCOMPARE(tests[i].metric + u'/' + tests[i].baseline + u'/' + tests[i].condition.workload,
                 order[static_cast<qsizetype>(i)]);
        QCOMPARE(tests[i].policy, QString("CascadePlanner"));
        QCOMPARE(tests[i].nPairs, i < 4 ? 6 : 3);
        QCOMPARE(tests[i].condition.isPooled(), i < 4);
        if (i >= 4) {
            QCOMPARE(tests[i].condition.task, QString());
            QCOMPARE(tests[i].condition.deadlineSet, QString("tight"));
        }
    }
    const Vector d = handDifferences(kPlannerAcc, kLargeAcc);
    const PairedTTest t = pairedTTest(d);
    const WilcoxonTest w = wilcoxonSignedRank(d);
    COMPARE_CLOSE(tests[0].meanDiff, 0.115 / 6);
    COMPARE_CLOSE(tests[0].meanDiff, t.meanDiff);
    QCOMPARE(tests[0].tStat, t.tStatistic);
    QCOMPARE(tests[0].tP, t.pValue);
    QCOMPARE(tests[0].ci95Low, t.ciLow);
    QCOMPARE(tests[0].ci95High, t.ciHigh);
    QCOMPARE(tests[0].cohensD, t.cohensDz);
    QCOMPARE(tests[0].wilcoxonStat, w.statistic);
    QCOMPARE(tests[0].wilcoxonP, w.pValue);
    // All six accuracy differences are positive and distinct: exact W− = 0, p = 2/64.
    QCOMPARE(tests[0].wilcoxonStat, 0.0);
    COMPARE_CLOSE(tests[0].wilcoxonP, 0.03125);
    // p95: planner minus large, all negative (-50, -53, -49, -54, -53, -50): mean -51.5.
    COMPARE_CLOSE(tests[2].meanDiff, -51.5);
    QVERIFY(tests[2].tStat < 0);
    // Within bursty (seeds 1–3 of the second workload) against StaticLarge: 0.03, 0.014, 0.019.
    const Vector bursty{0.92 - 0.89, 0.94 - 0.926, 0.915 - 0.896};
    QCOMPARE(tests[4].tP, pairedTTest(bursty).pValue);
    COMPARE_CLOSE(tests[4].meanDiff, 0.063 / 3);
    // Holm over the t-test p-values of all twelve rows of the file, pooled and per condition.
    Vector pValues;
    for (const StatisticalTestRow& row : tests) {
        pValues.push_back(row.tP);
    }
    const Vector adjusted = holmAdjust(pValues);
    for (size_t i = 0; i < tests.size(); ++i) {
        QCOMPARE(tests[i].pHolm, adjusted[i]);
        QCOMPARE(tests[i].significant, adjusted[i] < 0.05);
        QVERIFY(tests[i].pHolm >= tests[i].tP);
    }
    QVERIFY(tests[0].significant);
    QVERIFY(tests[3].significant);  // planner's p95 is about twice StaticSmall's
    QVERIFY(tests[3].meanDiff > 0);
}

void TestAnalysis::statisticalTestsAreOrderIndependent() {
    std::vector<ResultRow> rows = smallStudy();
    const QByteArray expected = formatStatisticalTests(
        computeStatisticalTests(rows, {"p95_ms", "accuracy", "hit_rate"}, "CascadePlanner",
                                {"StaticSmall", "StaticLarge"}, 0.05));
    std::reverse(rows.begin(), rows.end());
    std::rotate(rows.begin(), rows.begin() + 5, rows.end());
    const QByteArray shuffled = formatStatisticalTests(
        computeStatisticalTests(rows, {"p95_ms", "accuracy", "hit_rate"}, "CascadePlanner",
                                {"StaticSmall", "StaticLarge"}, 0.05));
    QCOMPARE(shuffled, expected);
    QVERIFY(expected.startsWith(
        "metric,policy,baseline,task,workload,deadline_set,n_pairs,mean_diff,ci95_low,ci95_high,"
        "t_stat,t_p,wilcoxon_stat,wilcoxon_p,cohens_d,p_holm,"
        "significant\np95_ms,CascadePlanner,StaticSmall,all,all,all,6,"));
    // hit_rate is 0.95 everywhere: all differences zero, defined values.
    QVERIFY(expected.contains(
        "hit_rate,CascadePlanner,StaticSmall,all,all,all,6,0,0,0,0,1,0,1,0,1,false\n"));
    QVERIFY(expected.contains(
        "hit_rate,CascadePlanner,StaticSmall,,poisson,tight,3,0,0,0,0,1,0,1,0,1,false\n"));
}

void TestAnalysis::statisticalTestsRoundTrip() {
    std::vector<ResultRow> rows = smallStudy();
    // One pair only for a fourth policy: t-test values NaN, written "nan".
    rows.push_back(run("Oracle", "poisson", 1, 0.99, 10, 0.02));
    rows.push_back(run("INFaaS", "poisson", 1, 0.85, 30, 0.02));
    QTemporaryDir dir;
    const QString path = dir.filePath("statistical_tests.csv");
    const std::vector<StatisticalTestRow> written = computeAndWriteStatisticalTests(
        path, rows, {"accuracy"}, "Oracle", {"INFaaS"}, 0.05, "all_results.csv");
    const QByteArray first = readAll(path);
    QCOMPARE(first,
             QByteArray("metric,policy,baseline,task,workload,deadline_set,n_pairs,mean_diff,"
                        "ci95_low,ci95_high,t_stat,t_p,wilcoxon_stat,wilcoxon_p,cohens_d,p_holm,"
                        "significant\n"
                        "accuracy,Oracle,INFaaS,all,all,all,1,0.14,nan,nan,nan,nan,0,1,nan,nan,"
                        "false\n"
                        "accuracy,Oracle,INFaaS,,poisson,tight,1,0.14,nan,nan,nan,nan,0,1,nan,nan,"
                        "false\n"));
    const std::vector<StatisticalTestRow> back = readStatisticalTests(path);
    QCOMPARE(back.size(), size_t{2});
    QCOMPARE(back[0].condition, RunCondition::pooled());
    QCOMPARE(back[1].condition, (RunCondition{"", "poisson", "tight"}));
    QCOMPARE(formatStatisticalTests(back), first);

    const std::vector<StatisticalTestRow> full = computeStatisticalTests(
        smallStudy(), knownMetrics(), "CascadePlanner", {"StaticLarge", "StaticSmall"}, 0.05);
    const QByteArray data = formatStatisticalTests(full);
    QCOMPARE(formatStatisticalTests(parseStatisticalTests(data, "s.csv")), data);
    QVERIFY(errorOf([] {
                parseStatisticalTests(
                    "metric,policy,baseline,task,workload,deadline_set,n_pairs,mean_diff,"
                    "ci95_low,ci95_high,t_stat,t_p,wilcoxon_stat,wilcoxon_p,cohens_d,p_holm,"
                    "significant\n"
                    "accuracy,A,B,all,all,all,3,0.1,0,0.2,1,0.3,1,0.5,0.4,0.3,yes\n",
                    "s.csv");
            }).startsWith("s.csv:2: column 'significant': expected true or false, found 'yes'"));
}

void TestAnalysis::statisticalTestsReadFilesWithoutConditions() {
    // A file written before the condition columns existed: every row is a pooled row.
    const QByteArray old =
        "metric,policy,baseline,n_pairs,mean_diff,ci95_low,ci95_high,t_stat,t_p,"
        "wilcoxon_stat,wilcoxon_p,cohens_d,p_holm,significant\n"
        "accuracy,A,B,3,0.1,0,0.2,1,0.3,1,0.5,0.4,0.3,false\n";
    const std::vector<StatisticalTestRow> rows = parseStatisticalTests(old, "old.csv");
    QCOMPARE(rows.size(), size_t{1});
    QVERIFY(rows[0].condition.isPooled());
    QCOMPARE(rows[0].condition, RunCondition::pooled());
    QCOMPARE(rows[0].nPairs, 3);
    QCOMPARE(rows[0].pHolm, 0.3);
    // Rewritten, it gains the columns with the value "all".
    QVERIFY(formatStatisticalTests(rows).contains("\naccuracy,A,B,all,all,all,3,"));
    // Some condition columns but not all of them is a damaged file.
    QByteArray partial = old;
    partial.replace("baseline,n_pairs", "baseline,workload,n_pairs").replace("B,3", "B,w,3");
    QVERIFY2(errorOf([&] {
                 parseStatisticalTests(partial, "p.csv");
             }).startsWith("p.csv: missing column 'task'"),
             qPrintable(errorOf([&] { parseStatisticalTests(partial, "p.csv"); })));
    // A condition row of a file of one task has an empty task; the workload may not be empty.
    const QByteArray emptyWorkload =
        "metric,policy,baseline,task,workload,deadline_set,n_pairs,mean_diff,ci95_low,"
        "ci95_high,t_stat,t_p,wilcoxon_stat,wilcoxon_p,cohens_d,p_holm,significant\n"
        "accuracy,A,B,,,tight,3,0.1,0,0.2,1,0.3,1,0.5,0.4,0.3,false\n";
    QVERIFY(errorOf([&] {
                parseStatisticalTests(emptyWorkload, "e.csv");
            }).startsWith("e.csv:2: column 'workload': empty"));
}

void TestAnalysis::statisticalTestsErrors() {
    std::vector<ResultRow> rows = smallStudy();
    rows.erase(std::remove_if(rows.begin(), rows.end(),
                              [](const ResultRow& r) {
                                  return r.policy == "StaticSmall" && r.workload == "bursty" &&
                                         r.seed == 2;
                              }),
               rows.end());
    QCOMPARE(errorOf([&] {
                 computeStatisticalTests(rows, {"accuracy"}, "CascadePlanner", {"StaticSmall"},
                                         0.05, "all_results.csv");
             }),
             QString("all_results.csv: CascadePlanner has a run for workload bursty, deadline "
                     "set tight, seed 2 but StaticSmall has none; paired tests need both"));
    const std::vector<ResultRow> study = smallStudy();
    QVERIFY(errorOf([&] {
                computeStatisticalTests(study, {"latency"}, "CascadePlanner", {"StaticSmall"},
                                        0.05);
            }).contains("unknown metric 'latency'"));
    QVERIFY(errorOf([&] {
                computeStatisticalTests(study, {"accuracy"}, "CascadePlanner", {"INFaaS"}, 0.05);
            }).contains("no runs of policy 'INFaaS'"));
    QVERIFY(errorOf([&] {
                computeStatisticalTests(study, {"accuracy"}, "CascadePlanner", {"CascadePlanner"},
                                        0.05);
            }).contains("cannot be its own baseline"));
    QVERIFY(errorOf([&] {
                computeStatisticalTests(study, {"accuracy"}, "CascadePlanner", {"StaticSmall"},
                                        1.0);
            }).contains("alpha"));
    QVERIFY(errorOf([&] {
                computeStatisticalTests(study, {"accuracy", "accuracy"}, "CascadePlanner",
                                        {"StaticSmall"}, 0.05);
            }).contains("listed twice"));
    std::vector<ResultRow> withNaN = smallStudy();
    withNaN[0].p95Ms = std::numeric_limits<double>::quiet_NaN();
    QVERIFY(errorOf([&] {
                computeStatisticalTests(withNaN, {"p95_ms"}, "CascadePlanner", {"StaticLarge"},
                                        0.05, "r.csv");
            })
                .startsWith("r.csv: p95_ms of policy CascadePlanner is nan for workload poisson, "
                            "deadline set tight, seed 1"));
}

// ---------------------------------------------------------------------------------------------
// pareto

void TestAnalysis::frontierByHand() {
    const std::vector<ParetoPoint> points{{1, 0.5}, {2, 0.7}, {2, 0.6},   {3, 0.7},
                                          {1, 0.5}, {4, 0.9}, {0.5, 0.2}, {5, 0.85}};
    // (2, 0.6) has a better point at the same x, (3, 0.7) one with the same y at a lower x,
    // (5, 0.85) is beaten by (4, 0.9); the duplicate (1, 0.5) appears once.
    const std::vector<ParetoPoint> expected{{0.5, 0.2}, {1, 0.5}, {2, 0.7}, {4, 0.9}};
    QCOMPARE(paretoFrontier(points), expected);
    std::vector<ParetoPoint> reversed(points.rbegin(), points.rend());
    QCOMPARE(paretoFrontier(reversed), expected);
    QVERIFY(paretoFrontier({}).empty());
    QVERIFY_THROWS_EXCEPTION(Error,
                             paretoFrontier({{std::numeric_limits<double>::quiet_NaN(), 0.5}}));
}

void TestAnalysis::frontierCollinearAndEqual() {
    const std::vector<ParetoPoint> collinear{{3, 0.3}, {1, 0.1}, {2, 0.2}};
    QCOMPARE(paretoFrontier(collinear), (std::vector<ParetoPoint>{{1, 0.1}, {2, 0.2}, {3, 0.3}}));
    const std::vector<ParetoPoint> flat{{3, 0.5}, {1, 0.5}, {2, 0.5}};
    QCOMPARE(paretoFrontier(flat), (std::vector<ParetoPoint>{{1, 0.5}}));
    const std::vector<ParetoPoint> sameX{{2, 0.1}, {2, 0.4}, {2, 0.3}};
    QCOMPARE(paretoFrontier(sameX), (std::vector<ParetoPoint>{{2, 0.4}}));
    QVERIFY(!dominates({1, 0.5}, {1, 0.5}));
    QVERIFY(dominates({1, 0.5}, {1, 0.4}));
    QVERIFY(dominates({1, 0.5}, {2, 0.5}));
    QVERIFY(!dominates({1, 0.5}, {0.5, 0.4}));
}

void TestAnalysis::hypervolumeByHand() {
    const std::vector<ParetoPoint> points{{1, 0.5}, {2, 0.7}, {4, 0.9}, {3, 0.6}};
    // (2−1)·0.5 + (4−2)·0.7 + (5−4)·0.9 = 2.8
    COMPARE_CLOSE(hypervolume(points, {5, 0}), 2.8);
    // A point beyond the reference latency adds nothing, even though it is on the frontier.
    std::vector<ParetoPoint> beyond = points;
    beyond.push_back({6, 0.95});
    COMPARE_CLOSE(hypervolume(beyond, {5, 0}), 2.8);
    // y_ref = 0.6: (1, 0.5) is below it; (4−2)·0.1 + (5−4)·0.3 = 0.5
    COMPARE_CLOSE(hypervolume(points, {5, 0.6}), 0.5);
    // Collinear: (3−1)·0.1 + (4−3)·0.3 = 0.5; order of input does not matter.
    COMPARE_CLOSE(hypervolume({{3, 0.3}, {1, 0.1}}, {4, 0}), 0.5);
    QCOMPARE(hypervolume({}, {5, 0}), 0.0);
    QCOMPARE(hypervolume({{6, 0.9}}, {5, 0}), 0.0);
    QCOMPARE(hypervolume({{1, 0.9}, {1, 0.9}}, {2, 0.4}), 0.5);
}

void TestAnalysis::dominatedShareByHand() {
    const std::vector<ParetoPoint> frontier{{1, 0.5}, {2, 0.7}, {4, 0.9}};
    // (2, 0.5) and (3, 0.7) are dominated; (1, 0.5) equals a frontier point (not dominated);
    // (0.5, 0.9) is better than all.
    const std::vector<ParetoPoint> baseline{{2, 0.5}, {1, 0.5}, {0.5, 0.9}, {3, 0.7}};
    QCOMPARE(dominatedShare(baseline, frontier), 0.5);
    QCOMPARE(dominatedShare({{5, 0.1}}, frontier), 1.0);
    QCOMPARE(dominatedShare({{5, 0.1}}, {}), 0.0);
    QVERIFY(std::isnan(dominatedShare({}, frontier)));
}

void TestAnalysis::paretoAnalysisFile() {
    std::vector<ResultRow> rows;
    const auto add = [&](const char* policy, std::uint64_t seed, double eff, double p95,
                         double cost) {
        ResultRow r = run(policy, "poisson", seed, 1.0, p95, cost);
        r.effectiveAccuracy = eff;
        rows.push_back(r);
    };
    add("CascadePlanner", 1, 0.8, 40, 0.02);
    add("CascadePlanner", 2, 0.9, 60, 0.03);
    add("CascadePlanner", 3, 0.85, 70, 0.01);
    add("StaticSmall", 1, 0.7, 20, 0.01);
    add("StaticSmall", 2, 0.75, 50, 0.02);
    add("StaticSmall", 3, 0.7, 80, 0.015);
    ProtocolConfig protocol;
    protocol.paretoReferenceLatencyMs = 100;
    protocol.paretoReferenceCostPer1k = 0.05;
    protocol.paretoReferenceAccuracy = 0.5;
    const ParetoReference reference = ParetoReference::fromProtocol(protocol);
    QTemporaryDir dir;
    const QString path = dir.filePath("pareto_analysis.csv");
    writeParetoAnalysis(path,
                        computeParetoAnalysis(rows, "CascadePlanner", {"StaticSmall"}, reference));
    // Latency: planner frontier (40, 0.8), (60, 0.9): 20·0.3 + 40·0.4 = 22.
    // Cost: planner frontier (0.01, 0.85), (0.03, 0.9): 0.02·0.35 + 0.02·0.4 = 0.015.
    // StaticSmall latency: frontier (20, 0.7), (50, 0.75) ((80, 0.7) is behind both):
    // 30·0.2 + 50·0.25 = 18.5. Cost: frontier (0.01, 0.7), (0.02, 0.75): 0.01·0.2 + 0.03·0.25 =
    // 0.0095. Dominance run by run: seed 1 (40, 0.8) does not dominate (20, 0.7) (slower), nor
    // (0.02, 0.8) (0.01, 0.7); seed 2 (60, 0.9) not (50, 0.75), nor (0.03, 0.9) (0.02, 0.75);
    // seed 3 (70, 0.85) dominates (80, 0.7) and (0.01, 0.85) dominates (0.015, 0.7): 1 of 3 in
    // each space. (Seed 2's (50, 0.75) lies behind seed 1's planner point (40, 0.8), another
    // trace: not counted.) One condition, poisson/tight, of a file of one task.
    const QByteArray expected =
        "method,space,kind,task,workload,deadline_set,x,y,n_points,hypervolume,dominated_share\n"
        "CascadePlanner,latency,point,all,all,all,40,0.8,,,\n"
        "CascadePlanner,latency,point,all,all,all,60,0.9,,,\n"
        "CascadePlanner,latency,summary,all,all,all,100,0.5,3,22,\n"
        "CascadePlanner,cost,point,all,all,all,0.01,0.85,,,\n"
        "CascadePlanner,cost,point,all,all,all,0.03,0.9,,,\n"
        "CascadePlanner,cost,summary,all,all,all,0.05,0.5,3,0.015,\n"
        "StaticSmall,latency,point,all,all,all,20,0.7,,,\n"
        "StaticSmall,latency,point,all,all,all,50,0.75,,,\n"
        "StaticSmall,latency,summary,all,all,all,100,0.5,3,18.5,0.3333333333\n"
        "StaticSmall,latency,condition,,poisson,tight,,,3,,0.3333333333\n"
        "StaticSmall,cost,point,all,all,all,0.01,0.7,,,\n"
        "StaticSmall,cost,point,all,all,all,0.02,0.75,,,\n"
        "StaticSmall,cost,summary,all,all,all,0.05,0.5,3,0.0095,0.3333333333\n"
        "StaticSmall,cost,condition,,poisson,tight,,,3,,0.3333333333\n";
    QCOMPARE(QString::fromUtf8(readAll(path)).split(u'\n'),
             QString::fromUtf8(expected).split(u'\n'));
    QVERIFY(errorOf([&] {
                computeParetoAnalysis(rows, "CascadePlanner", {"INFaaS"}, reference, "r.csv");
            }).contains("r.csv: no runs of policy 'INFaaS'"));
    rows[4].p95Ms = std::numeric_limits<double>::quiet_NaN();
    QVERIFY(errorOf([&] {
                computeParetoAnalysis(rows, "CascadePlanner", {"StaticSmall"}, reference, "r.csv");
            })
                .contains("r.csv: the run of StaticSmall for workload poisson, deadline set tight, "
                          "seed 2 has no finite latency point"));
}

// ---------------------------------------------------------------------------------------------
// summary

namespace {

ProtocolConfig protocolWithHypotheses() {
    ProtocolConfig protocol;
    protocol.alpha = 0.05;
    protocol.hypotheses = {
        {"H1", "CascadePlanner is more accurate than StaticSmall", "accuracy", "CascadePlanner",
         "StaticSmall", "greater"},
        {"H2", "CascadePlanner has a lower p95 latency than StaticSmall", "p95_ms",
         "CascadePlanner", "StaticSmall", "less"},
        {"H3", "CascadePlanner beats INFaaS", "accuracy", "CascadePlanner", "INFaaS", "greater"},
    };
    return protocol;
}

}  // namespace

void TestAnalysis::summaryReportsLoss() {
    const std::vector<ResultRow> rows = smallStudy();
    const std::vector<StatisticalTestRow> tests = computeStatisticalTests(
        rows, {"accuracy", "p95_ms"}, "CascadePlanner", {"StaticLarge", "StaticSmall"}, 0.05);
    QCOMPARE(verdictOf(tests[0]), QString("better"));  // accuracy vs StaticLarge
    QCOMPARE(verdictOf(tests[2]), QString("better"));  // p95 vs StaticLarge: lower
    QCOMPARE(verdictOf(tests[3]), QString("worse"));   // p95 vs StaticSmall: higher
    const QString md = buildSummaryMarkdown(rows, tests, protocolWithHypotheses());
    QVERIFY2(md.contains("CascadePlanner is significantly better in 3 and significantly worse "
                         "in 1 of 4 comparisons"),
             qPrintable(md));
    // Planner mean p95 = 41.83, StaticSmall 20.67, difference +21.17.
    QVERIFY2(md.contains("| p95_ms | StaticSmall | 41.83 | 20.67 | +21.17 ["), qPrintable(md));
    QVERIFY(md.contains("| accuracy | StaticLarge | 0.9192 | 0.9 | +0.01917 ["));
    QVERIFY(md.contains(" | worse |\n"));
    QVERIFY(
        md.contains("Where CascadePlanner loses:\n\n- **CascadePlanner is worse than "
                    "StaticSmall on p95_ms**: 41.83 against 20.67"));
    QVERIFY(!md.contains("is not significantly worse"));
    // Hypotheses: H1 holds, H2 (lower latency than StaticSmall) fails, H3 has no INFaaS runs.
    QVERIFY2(md.contains(QRegularExpression(
                 "\\| H1 \\| CascadePlanner is more accurate than StaticSmall \\| accuracy, "
                 "CascadePlanner vs StaticSmall, greater \\| — \\| \\+0.1108 \\[[^|]+\\] \\| "
                 "[^|]+ \\| supported \\|")),
             qPrintable(md));
    QVERIFY(md.contains(QRegularExpression(
        "\\| H2 \\|[^\n]*, less \\| — \\| \\+21.17 \\[[^|]+\\] \\| 1 \\| not supported \\|")));
    QVERIFY(
        md.contains("| H3 | CascadePlanner beats INFaaS | accuracy, CascadePlanner vs INFaaS, "
                    "greater | — | n/a | n/a | not tested: no runs of INFaaS |"));
    QVERIFY(
        md.contains("### H3: CascadePlanner beats INFaaS\n\naccuracy, CascadePlanner vs "
                    "INFaaS, greater; no value claimed.\n\nNot tested: no runs of INFaaS."));
    // H1 and H2, pooled and within each of the two conditions: six rows in one Holm family.
    QVERIFY(md.contains("the t-test p-values of all 6 such rows"));
    QVERIFY(md.contains(QRegularExpression("\\| bursty / tight \\| 3 \\| — \\| \\+0.1183 \\[")));
    QVERIFY2(md.contains("**H2 is not supported** (pooled): its Holm p = 1 is not below α = "
                         "0.05. CascadePlanner loses (mean difference on StaticSmall's side) in "
                         "2 of 2 conditions: bursty / tight (+22.17), poisson / tight "
                         "(+20.17).\n"),
             qPrintable(md));

    QTemporaryDir dir;
    writeSummaryMarkdown(dir.filePath("summary.md"), md);
    QCOMPARE(QString::fromUtf8(readAll(dir.filePath("summary.md"))), md);
}

void TestAnalysis::summaryWithoutLoss() {
    const std::vector<ResultRow> rows = smallStudy();
    const std::vector<StatisticalTestRow> tests = computeStatisticalTests(
        rows, {"accuracy", "hit_rate"}, "CascadePlanner", {"StaticLarge"}, 0.05);
    ProtocolConfig protocol;
    const QString md = buildSummaryMarkdown(rows, tests, protocol);
    QVERIFY2(md.contains("CascadePlanner is not significantly worse than any baseline on any "
                         "metric tested."),
             qPrintable(md));
    QVERIFY(
        md.contains("| hit_rate | StaticLarge | 0.95 | 0.95 | 0 [0, 0] | 1 | 1 | 0 | no "
                    "significant difference |"));
    QVERIFY(md.contains("The protocol declares no hypotheses."));
    QCOMPARE(metricDirection("escalation_rate"), MetricDirection::Neutral);
    StatisticalTestRow escalation;
    escalation.metric = "escalation_rate";
    escalation.meanDiff = 0.1;
    escalation.significant = true;
    QCOMPARE(verdictOf(escalation), QString("higher"));
    QVERIFY_THROWS_EXCEPTION(Error, metricDirection("latency"));
}

void TestAnalysis::summaryPlacesThePolicyAgainstTheBounds() {
    // Effective accuracy per seed: the planner 0.70 0.72 0.74, BestFixedInHindsight 0.68 0.73
    // 0.70, the Oracle 0.9 each. Planner − BestFixed: +0.02 −0.01 +0.04, mean 0.01667, sd
    // 0.02517, 95% t interval 0.01667 ± 4.303·0.02517/√3 = [−0.04585, 0.07918]; the planner
    // reaches it in 2 runs of 3. Planner − Oracle: −0.2 −0.18 −0.16, mean −0.18, sd 0.02,
    // −0.18 ± 4.303·0.02/√3 = [−0.2297, −0.1303], reached in none. Hit rates are 0.95
    // everywhere: difference 0 in 3 of 3.
    const double planner[] = {0.70, 0.72, 0.74};
    const double fixed[] = {0.68, 0.73, 0.70};
    std::vector<ResultRow> rows;
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
        const auto i = static_cast<std::size_t>(seed - 1);
        for (const auto& [policy, effective] :
             {std::pair<const char*, double>{"CascadePlanner", planner[i]},
              {"StaticLarge", 0.6},
              {"BestFixedInHindsight", fixed[i]},
              {"Oracle", 0.9}}) {
            ResultRow r = run(policy, "poisson", seed, 0.95, 10.0, 0.01);
            r.effectiveAccuracy = effective;
            rows.push_back(r);
        }
    }
    const std::vector<StatisticalTestRow> tests = computeStatisticalTests(
        rows, {"effective_accuracy"}, "CascadePlanner", {"StaticLarge"}, 0.05);
    const QString md = buildSummaryMarkdown(rows, tests, ProtocolConfig{}, QString(),
                                            {"BestFixedInHindsight", "Oracle"});
    QVERIFY2(md.contains("## CascadePlanner against the bounds\n"), qPrintable(md));
    QVERIFY2(md.contains("| effective_accuracy | BestFixedInHindsight | 0.72 | 0.7033 | +0.01667 "
                         "[-0.04585, 0.07918] | 2 of 3 |"),
             qPrintable(md));
    QVERIFY(
        md.contains("| effective_accuracy | Oracle | 0.72 | 0.9 | -0.18 [-0.2297, -0.1303] | 0 "
                    "of 3 |\n"));
    QVERIFY(md.contains("| hit_rate | BestFixedInHindsight | 0.95 | 0.95 | 0 [0, 0] | 3 of 3 |"));
    // The bounds are no baselines: the headline table and its count leave them out.
    QVERIFY2(md.contains("of 1 comparisons"), qPrintable(md));
    // Without bounds, or without their runs, no such section.
    QVERIFY(!buildSummaryMarkdown(rows, tests, ProtocolConfig{}).contains("against the bounds"));
    QVERIFY(!buildSummaryMarkdown(rows, tests, ProtocolConfig{}, QString(), {"Nobody"})
                 .contains("against the bounds"));
}

// ---------------------------------------------------------------------------------------------
// per-condition statistics against the independent reference

namespace {

/// tests/analysis/data/condition_study: all_results.csv (CascadePlanner, INFaaS, StaticLarge;
/// tasks cifar10 and sst2 × workloads poisson and bursty × deadline sets tight and loose; seeds
/// 11–15) and the expected_*.csv files that reference/paired_tests.py computed from it.
const QString kStudy = QStringLiteral(AIP_TEST_SOURCE_DIR "/tests/analysis/data/condition_study");

/// Absolute tolerance for every number compared with the reference.
constexpr double kAbsTol = 1e-6;

bool closeAbs(double actual, double expected) {
    if (std::isnan(expected) || std::isinf(expected)) {
        return std::isnan(expected) ? std::isnan(actual) : actual == expected;
    }
    return std::abs(actual - expected) <= kAbsTol;
}

/// Compares each number with its column of row `i` of the reference table, naming both on
/// failure.
void compareWithReference(const CsvTable& expected, qsizetype i,
                          std::initializer_list<std::pair<double, const char*>> numbers) {
    for (const auto& [actual, column] : numbers) {
        const double reference = expected.value(i, QLatin1String(column)).toDouble();
        QVERIFY2(closeAbs(actual, reference),
                 qPrintable(QStringLiteral("row %1, %2: %3, expected %4")
                                .arg(i)
                                .arg(QLatin1String(column))
                                .arg(actual, 0, 'g', 17)
                                .arg(reference, 0, 'g', 17)));
    }
}

std::vector<ResultRow> studyResults() {
    return readResults(kStudy + QStringLiteral("/all_results.csv"));
}

CsvTable studyExpected(const QString& name) {
    return CsvTable::load(kStudy + u'/' + name);
}

RunCondition conditionIn(const CsvTable& table, qsizetype i) {
    return {table.value(i, "task"), table.value(i, "workload"), table.value(i, "deadline_set")};
}

/// The hypotheses reference/paired_tests.py evaluates: the three claims and one without a claim.
ProtocolConfig studyProtocol() {
    ProtocolConfig protocol;
    protocol.alpha = 0.05;
    protocol.hypotheses = {
        {"C1", "hit rate +4.5 points over INFaaS", "hit_rate", "CascadePlanner", "INFaaS",
         "greater", 0.045},
        {"C2", "accuracy +1.7 points over INFaaS", "accuracy", "CascadePlanner", "INFaaS",
         "greater", 0.017},
        {"H1", "lower p95 than StaticLarge", "p95_ms", "CascadePlanner", "StaticLarge", "less"},
        {"C3", "dominates 75% of the baselines' points", "dominated_share", "CascadePlanner", "all",
         "", 0.75, "latency"},
    };
    return protocol;
}

}  // namespace

void TestAnalysis::conditionStudyTestsMatchReference() {
    const std::vector<StatisticalTestRow> tests =
        computeStatisticalTests(studyResults(), {"hit_rate", "accuracy", "p95_ms"},
                                "CascadePlanner", {"INFaaS", "StaticLarge"}, 0.05);
    const CsvTable expected = studyExpected("expected_statistical_tests.csv");
    // Six pooled rows, then 6 × 8 conditions; Holm over all 54.
    QCOMPARE(static_cast<qsizetype>(tests.size()), expected.rowCount());
    QCOMPARE(tests.size(), size_t{54});
    for (qsizetype i = 0; i < expected.rowCount(); ++i) {
        const StatisticalTestRow& row = tests[static_cast<size_t>(i)];
        QCOMPARE(row.metric, expected.value(i, "metric"));
        QCOMPARE(row.baseline, expected.value(i, "baseline"));
        QCOMPARE(row.condition, conditionIn(expected, i));
        QCOMPARE(QString::number(row.nPairs), expected.value(i, "n_pairs"));
        compareWithReference(expected, i,
                             {{row.meanDiff, "mean_diff"},
                              {row.ci95Low, "ci95_low"},
                              {row.ci95High, "ci95_high"},
                              {row.tStat, "t_stat"},
                              {row.tP, "t_p"},
                              {row.wilcoxonStat, "wilcoxon_stat"},
                              {row.wilcoxonP, "wilcoxon_p"},
                              {row.cohensD, "cohens_d"},
                              {row.pHolm, "p_holm"}});
        QCOMPARE(row.significant ? QString("true") : QString("false"),
                 expected.value(i, "significant"));
    }
    // cifar10 / poisson / loose against INFaaS on hit_rate holds a zero difference and a tie:
    // the signed-rank test takes the normal approximation there.
    QVERIFY(std::any_of(tests.begin(), tests.end(), [](const StatisticalTestRow& r) {
        return r.metric == "hit_rate" && r.baseline == "INFaaS" &&
               r.condition == RunCondition{"cifar10", "poisson", "loose"} &&
               std::abs(r.wilcoxonP * 32.0 - std::round(r.wilcoxonP * 32.0)) > 1e-3;
    }));
    const QByteArray bytes = formatStatisticalTests(tests);
    QCOMPARE(formatStatisticalTests(parseStatisticalTests(bytes, "s.csv")), bytes);
}

void TestAnalysis::conditionStudyHypothesesMatchReference() {
    const std::vector<HypothesisOutcome> outcomes =
        evaluateHypotheses(studyResults(), studyProtocol(), "all_results.csv");
    const CsvTable expected = studyExpected("expected_hypotheses.csv");
    qsizetype i = 0;
    for (const HypothesisOutcome& o : outcomes) {
        QVERIFY(o.notTested.isEmpty());
        QCOMPARE(o.rows.size(), size_t{9});  // pooled and eight conditions
        for (const HypothesisRow& row : o.rows) {
            QVERIFY(i < expected.rowCount());
            QCOMPARE(o.spec.id, expected.value(i, "id"));
            QCOMPARE(row.condition, conditionIn(expected, i));
            QCOMPARE(QString::number(row.n), expected.value(i, "n"));
            QCOMPARE(QString::number(row.dominated), expected.value(i, "dominated"));
            compareWithReference(expected, i,
                                 {{row.measured, "measured"},
                                  {row.ciLow, "ci95_low"},
                                  {row.ciHigh, "ci95_high"},
                                  {row.tP, "t_p"},
                                  {row.wilcoxonP, "wilcoxon_p"},
                                  {row.pHolm, "p_holm"}});
            QCOMPARE(row.supported ? QString("true") : QString("false"),
                     expected.value(i, "supported"));
            QCOMPARE(row.policyLoses ? QString("true") : QString("false"),
                     expected.value(i, "policy_loses"));
            ++i;
        }
    }
    QCOMPARE(i, expected.rowCount());
    // C1: the planner's hit rate is significantly higher, but by less than the 4.5 points
    // claimed (the whole interval lies below 0.045): not supported. C3 is.
    QVERIFY(!outcomes[0].supported());
    QVERIFY(outcomes[0].rows.front().pHolm < 0.05);
    QVERIFY(outcomes[0].rows.front().ciHigh < 0.045);
    QVERIFY(outcomes[3].supported());
}

void TestAnalysis::conditionStudyDominanceMatchesReference() {
    const std::vector<ParetoAnalysisRow> rows =
        computeParetoAnalysis(studyResults(), "CascadePlanner", {"INFaaS", "StaticLarge"},
                              ParetoReference{1000.0, 1.0, 0.0});
    const CsvTable expected = studyExpected("expected_dominance.csv");
    std::vector<ParetoAnalysisRow> shares;
    std::copy_if(rows.begin(), rows.end(), std::back_inserter(shares),
                 [](const ParetoAnalysisRow& r) {
                     return r.method != "CascadePlanner" && r.kind != "point";
                 });
    QCOMPARE(static_cast<qsizetype>(shares.size()), expected.rowCount());
    for (qsizetype i = 0; i < expected.rowCount(); ++i) {
        const ParetoAnalysisRow& row = shares[static_cast<size_t>(i)];
        QCOMPARE(row.method, expected.value(i, "method"));
        QCOMPARE(row.space, expected.value(i, "space"));
        QCOMPARE(row.kind, QString(row.condition.isPooled() ? "summary" : "condition"));
        QCOMPARE(row.condition, conditionIn(expected, i));
        QCOMPARE(QString::number(row.nPoints), expected.value(i, "n_points"));
        compareWithReference(expected, i, {{row.dominatedShare, "dominated_share"}});
    }
    // What the figures read back is what was written.
    const QByteArray bytes = formatParetoAnalysis(rows);
    QCOMPARE(formatParetoAnalysis(parseParetoAnalysis(bytes, "pareto_analysis.csv")), bytes);
}

void TestAnalysis::conditionStudySummaryShowsClaims() {
    const std::vector<ResultRow> results = studyResults();
    const std::vector<StatisticalTestRow> tests =
        computeStatisticalTests(results, {"hit_rate", "accuracy", "p95_ms"}, "CascadePlanner",
                                {"INFaaS", "StaticLarge"}, 0.05);
    const QString md = buildSummaryMarkdown(results, tests, studyProtocol(), "all_results.csv");
    // The headline table holds the six pooled rows only.
    QVERIFY2(md.contains("of 6 comparisons"), qPrintable(md));
    QVERIFY(
        md.contains("Holm-adjusted over all 54 rows of statistical_tests.csv (6 pooled, 48 "
                    "within a condition)"));
    QVERIFY(md.contains("significantly worse in 1 of 48 comparisons"));
    // Overview: claimed beside measured, pooled (values: expected_hypotheses.csv).
    QVERIFY2(md.contains("| C1 | hit rate +4.5 points over INFaaS | hit_rate, CascadePlanner vs "
                         "INFaaS, greater | +0.045 | +0.02282 [0.01554, 0.03011] | 2.3e-06 | not "
                         "supported |"),
             qPrintable(md));
    QVERIFY(
        md.contains("| C3 | dominates 75% of the baselines' points | dominated_share "
                    "(latency), CascadePlanner vs all | 0.75 | 0.9125 [0.8302, 0.957] | n/a "
                    "| supported |"));
    // Per condition, whatever the outcome.
    QVERIFY(
        md.contains("| cifar10 / poisson / tight | 5 | +0.045 | +0.04004 [0.02405, 0.05603] "
                    "| 0.00112 | 0.0313 | 0.0191 | supported |"));
    QVERIFY(
        md.contains("| sst2 / bursty / loose | 10 | 7 | 0.75 | 0.7 [0.3968, 0.8922] | "
                    "supported |"));
    // An unsupported claim says so and why, and lists where the planner loses.
    QVERIFY(
        md.contains("**C1 is not supported** (pooled): the claimed +0.045 lies beyond the "
                    "95% CI [0.01554, 0.03011] of the measured 0.02282. CascadePlanner loses "
                    "(mean difference on INFaaS's side) in 1 of 8 conditions: sst2 / bursty "
                    "/ loose (-0.01836).\n"));
    QVERIFY(
        md.contains("**C3 is supported** (pooled). The share falls short of the claimed 0.75 "
                    "in 1 of 8 conditions: sst2 / bursty / loose (0.7).\n"));
    QVERIFY(
        md.contains("**H1 is supported** (pooled). CascadePlanner loses (mean difference on "
                    "StaticLarge's side) in none of the 8 conditions.\n"));
}

void TestAnalysis::dominanceWithinTheTraceByHand() {
    // Two conditions of one task (poisson/tight, bursty/tight), two seeds each. Latency points
    // (p95, effective accuracy), planner vs INFaaS on the same trace:
    //   poisson 1: (30, 0.80) vs (40, 0.75): dominated
    //   poisson 2: (50, 0.82) vs (45, 0.70): not (the planner is slower)
    //   bursty 1:  (60, 0.70) vs (60, 0.65): dominated (equal latency, higher accuracy)
    //   bursty 2:  (70, 0.72) vs (70, 0.72): not (equal points do not dominate)
    // Per condition 1 of 2 each; pooled 2 of 4. Against the planner's frontier pooled over every
    // trace, (30, 0.80) and (50, 0.82), all four would count as dominated, each by a run on
    // another trace: (30, 0.80) dominates them all.
    std::vector<ResultRow> rows;
    const auto add = [&](const char* policy, const char* workload, std::uint64_t seed, double p95,
                         double effective) {
        ResultRow r = run(policy, workload, seed, 0.9, p95, 0.01);
        r.effectiveAccuracy = effective;
        rows.push_back(r);
    };
    add("CascadePlanner", "poisson", 1, 30, 0.80);
    add("INFaaS", "poisson", 1, 40, 0.75);
    add("CascadePlanner", "poisson", 2, 50, 0.82);
    add("INFaaS", "poisson", 2, 45, 0.70);
    add("CascadePlanner", "bursty", 1, 60, 0.70);
    add("INFaaS", "bursty", 1, 60, 0.65);
    add("CascadePlanner", "bursty", 2, 70, 0.72);
    add("INFaaS", "bursty", 2, 70, 0.72);
    const std::map<RunCondition, DominanceCount> counts =
        dominanceByCondition(rows, "CascadePlanner", "INFaaS", ParetoSpace::Latency);
    QCOMPARE(counts.size(), size_t{2});
    const DominanceCount poisson = counts.at({"", "poisson", "tight"});
    const DominanceCount bursty = counts.at({"", "bursty", "tight"});
    QCOMPARE(poisson.runs, 2);
    QCOMPARE(poisson.dominated, 1);
    QCOMPARE(bursty.runs, 2);
    QCOMPARE(bursty.dominated, 1);
    QCOMPARE(pooledDominance(counts).share(), 0.5);
    std::vector<ParetoPoint> baseline;
    for (const ResultRow& r : rows) {
        if (r.policy == "INFaaS") {
            baseline.push_back(paretoPointOf(r, ParetoSpace::Latency));
        }
    }
    QCOMPARE(
        dominatedShare(baseline, paretoFrontier({{30, 0.80}, {50, 0.82}, {60, 0.70}, {70, 0.72}})),
        1.0);
    // In the file: the summary row holds the pooled share, a condition row each condition's.
    const std::vector<ParetoAnalysisRow> analysis =
        computeParetoAnalysis(rows, "CascadePlanner", {"INFaaS"}, ParetoReference{100, 1, 0});
    const QByteArray bytes = formatParetoAnalysis(analysis);
    QVERIFY2(bytes.contains("INFaaS,latency,summary,all,all,all,100,0,4,"), bytes.constData());
    QVERIFY(
        bytes.contains(",0.5\nINFaaS,latency,condition,,bursty,tight,,,2,,0.5\n"
                       "INFaaS,latency,condition,,poisson,tight,,,2,,0.5\n"));
    // A run of another task is another condition: "cifar10:poisson" is task cifar10.
    ResultRow scoped = rows.front();
    scoped.workload = "cifar10:poisson";
    QCOMPARE(runCondition(scoped), (RunCondition{"cifar10", "poisson", "tight"}));
    QCOMPARE(runCondition(scoped).describe(), QString("cifar10 / poisson / tight"));
    QCOMPARE(runCondition(rows.front()).describe(), QString("poisson / tight"));
    // A run without its partner on the same trace is an error naming it.
    rows.pop_back();
    QVERIFY2(errorOf([&] {
                 dominanceByCondition(rows, "CascadePlanner", "INFaaS", ParetoSpace::Cost, "r.csv");
             })
                 .startsWith("r.csv: CascadePlanner has a run for workload bursty, deadline set "
                             "tight, seed 2 but INFaaS has none"),
             qPrintable(errorOf([&] {
                 dominanceByCondition(rows, "CascadePlanner", "INFaaS", ParetoSpace::Cost, "r.csv");
             })));
}

void TestAnalysis::paretoAnalysisReadsFilesWithoutConditions() {
    const QByteArray old =
        "method,space,kind,x,y,n_points,hypervolume,dominated_share\n"
        "CascadePlanner,latency,point,40,0.8,,,\n"
        "CascadePlanner,latency,summary,100,0.5,3,22,\n"
        "StaticSmall,latency,summary,100,0.5,2,18.5,0.5\n";
    const std::vector<ParetoAnalysisRow> rows = parseParetoAnalysis(old, "old.csv");
    QCOMPARE(rows.size(), size_t{3});
    for (const ParetoAnalysisRow& row : rows) {
        QVERIFY(row.condition.isPooled());
    }
    QCOMPARE(rows[2].dominatedShare, 0.5);
    QCOMPARE(rows[0].nPoints, 0);
    const QString header =
        "method,space,kind,task,workload,deadline_set,x,y,n_points,hypervolume,dominated_share\n";
    QVERIFY(errorOf([&] {
                parseParetoAnalysis(
                    (header + "S,latency,condition,,w,tight,5,0.5,2,,0.5\n").toUtf8(), "c.csv");
            }).startsWith("c.csv:2: column 'x': must be empty in a condition row"));
    QVERIFY(errorOf([&] {
                parseParetoAnalysis(
                    (header + "S,latency,summary,,w,tight,5,0.5,2,1,0.5\n").toUtf8(), "s.csv");
            }).startsWith("s.csv:2: column 'workload': a summary row pools every condition"));
    QVERIFY(errorOf([&] {
                parseParetoAnalysis((header + "S,latency,condition,,w,tight,,,2,,0.5\n"
                                              "S,latency,condition,,w,tight,,,3,,0.25\n")
                                        .toUtf8(),
                                    "d.csv");
            }).startsWith("d.csv:3: the latency condition row of S (w / tight) appears twice"));
}

void TestAnalysis::wilsonIntervalByHand() {
    // 9 of 10 (reference/paired_tests.py, as in expected_hypotheses.csv): [0.59585, 0.98212].
    const MeanInterval nine = wilsonInterval(9, 10);
    QVERIFY(std::abs(nine.low - 0.5958499732047615) < 1e-12);
    QVERIFY(std::abs(nine.high - 0.9821237869049271) < 1e-12);
    // 0 of n: the lower bound is 0, the upper z²/(n + z²) (z = 1.959964): 3.8415/13.8415.
    const MeanInterval none = wilsonInterval(0, 10);
    QCOMPARE(none.low, 0.0);
    QVERIFY(std::abs(none.high - 3.841458820694124 / 13.841458820694124) < 1e-12);
    QVERIFY(std::abs(wilsonInterval(10, 10).high - 1.0) < 1e-12);
    QVERIFY(std::isnan(wilsonInterval(0, 0).low));
    QVERIFY(errorOf([] { wilsonInterval(3, 2); }).contains("no proportion"));
}

QTEST_GUILESS_MAIN(TestAnalysis)
#include "tst_analysis.moc"
