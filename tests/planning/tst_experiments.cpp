// The pipeline's experiments over profiles on disk: every policy on the protocol's paired traces,
// the ablations, the workload shapes and deadline sweep, and the failure analysis — counted,
// bounded by the Oracle, and reproducible byte for byte.

#include "common/csv.h"
#include "common/error.h"
#include "config/configset.h"
#include "jobs/jobmanager.h"
#include "planning/policy.h"
#include "planningfixtures.h"
#include "results/profilefiles.h"
#include "results/resultstable.h"
#include "simulation/experiment.h"
#include "simulation/experimentruns.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <map>

using namespace aip;

namespace {

QByteArray fileHash(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
}

/// Configs naming the fixture's models m0..m4 (task "t"), two cascades, two workloads, two
/// deadline sets and three seeds.
void writeConfigs(const QString& dir) {
    testing::FixtureConfigs c;
    c.cascades = QStringLiteral(
        "[{stage1: m0, stage2: m3, thresholds: [0.5, 0.8]}, "
        "{stage1: m1, stage2: m4, thresholds: [0.7, 0.9]}]");
    testing::writeFixtureConfigs(dir, c);
}

}  // namespace

class TestExperiments final : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void policiesArePairedAndBounded();
    void ablationsWorkloadsAndFailures();

private:
    template <class Result>
    Result inJob(std::function<Result(ExperimentRunner&)> work) {
        JobManager manager;
        auto* job =
            manager.submit<int, Result>("experiments", 0, [&](const int&, JobContext& context) {
                ExperimentRunner runner(*m_configs, *m_data, m_configs->protocol.baseSeed, context);
                return work(runner);
            });
        if (JobManager::waitFor(job) != Job::State::Finished) {
            throw Error(job->errorMessage());
        }
        return job->result();
    }

    QTemporaryDir m_dir;
    std::unique_ptr<ConfigSet> m_configs;
    std::unique_ptr<PlannerTables> m_data;
};

void TestExperiments::initTestCase() {
    QVERIFY(m_dir.isValid());
    writeConfigs(m_dir.path());
    const testing::Profiles profiles = testing::randomProfiles(11);
    profilefiles::writeLatencyProfiles(profiles.latency, m_dir.path());
    profilefiles::writeAccuracyProfiles(profiles.accuracy, m_dir.path());
    m_configs = std::make_unique<ConfigSet>(ConfigSet::load(m_dir.path(), true));
    m_data = PlannerTables::load(*m_configs, m_dir.path());
    QCOMPARE(m_data->tasks(), QStringList{"t"});
}

void TestExperiments::policiesArePairedAndBounded() {
    QStringList policies = ExperimentRunner::baselinePolicies();
    policies.prepend(ExperimentRunner::plannerPolicy());
    const QString requests = m_dir.filePath("requests.csv");
    const QString bestFixed = m_dir.filePath("best_fixed_in_hindsight.csv");
    const auto rows = inJob<std::vector<ResultRow>>(
        [&](ExperimentRunner& r) { return r.runPolicies(policies, requests, bestFixed); });
    // 2 workloads × 2 deadline sets × 3 seeds × 8 policies.
    QCOMPARE(rows.size(), std::size_t(2 * 2 * 3 * 8));
    std::map<QString, const ResultRow*> oracle;
    std::map<QString, const ResultRow*> fixedBound;
    for (const ResultRow& row : rows) {
        const QString trace = row.workload + row.deadlineSet + QString::number(row.seed);
        if (row.policy == u"Oracle") {
            oracle[trace] = &row;
        } else if (row.policy == u"BestFixedInHindsight") {
            fixedBound[trace] = &row;
        }
    }
    QCOMPARE(oracle.size(), std::size_t(12));
    QCOMPARE(fixedBound.size(), std::size_t(12));
    // The fixed baselines are choices of one configuration: on every trace at most the bound.
    for (const ResultRow& row : rows) {
        if (row.policy == u"StaticSmall" || row.policy == u"StaticLarge" ||
            row.policy == u"ThroughputAutotuner") {
            QVERIFY2(row.effectiveAccuracy <=
                         fixedBound.at(row.workload + row.deadlineSet + QString::number(row.seed))
                             ->effectiveAccuracy,
                     qPrintable(row.policy + " beats BestFixedInHindsight"));
        }
    }
    for (const ResultRow& row : rows) {
        const ResultRow* bound =
            oracle.at(row.workload + row.deadlineSet + QString::number(row.seed));
        QCOMPARE(row.nRequests, bound->nRequests);  // the same trace for every policy
        QVERIFY2(row.effectiveAccuracy <= bound->effectiveAccuracy + 1e-12,
                 qPrintable(row.policy + " beats the Oracle"));
        QVERIFY(row.seed >= 7 && row.seed <= 9);
    }
    // Which entry BestFixedInHindsight fixed on each trace, beside its row of the results.
    const CsvTable fixed = CsvTable::load(bestFixed);
    QCOMPARE(fixed.rowCount(), 12);
    QCOMPARE(fixed.header(),
             QStringList({"workload", "deadline_set", "seed", "config", "n_requests", "hit_rate",
                          "effective_accuracy", "cost_per_1k"}));
    const ConfigTable& table = m_data->table("t");
    for (qsizetype i = 0; i < fixed.rowCount(); ++i) {
        QVERIFY2(table.findEntry(fixed.value(i, "config")) >= 0,
                 qPrintable(fixed.value(i, "config")));
        const auto row = std::find_if(rows.begin(), rows.end(), [&](const ResultRow& r) {
            return r.policy == u"BestFixedInHindsight" &&
                   r.workload == fixed.value(i, "workload") &&
                   r.deadlineSet == fixed.value(i, "deadline_set") &&
                   QString::number(r.seed) == fixed.value(i, "seed");
        });
        QVERIFY(row != rows.end());
        QCOMPARE(fixed.value(i, "effective_accuracy"), csv::number(row->effectiveAccuracy));
    }
    const QByteArray first = fileHash(requests);
    QVERIFY(!first.isEmpty());
    const auto again = inJob<std::vector<ResultRow>>(
        [&](ExperimentRunner& r) { return r.runPolicies(policies, requests); });
    QCOMPARE(formatResults(again), formatResults(rows));
    QCOMPARE(fileHash(requests), first);
}

void TestExperiments::ablationsWorkloadsAndFailures() {
    const QString out = m_dir.filePath("out");
    QVERIFY(QDir().mkpath(out));
    const auto files = inJob<QStringList>([&](ExperimentRunner& r) {
        return r.runAblations(out) + r.runWorkloadExperiments(out) + r.runFailureAnalysis(out);
    });
    QCOMPARE(files.size(), 5 + 2 + 1);
    std::map<QString, QByteArray> hashes;
    for (const QString& f : files) {
        hashes[f] = fileHash(f);
    }

    const CsvTable batch = CsvTable::load(QDir(out).filePath("ablation/batch_size.csv"));
    QCOMPARE(batch.header(), ablationColumns());
    QCOMPARE(batch.rowCount(), 2 * 3 * 2);  // batch 1 and 4, three seeds, both planners
    const CsvTable models = CsvTable::load(QDir(out).filePath("ablation/model_size.csv"));
    QCOMPARE(models.rowCount(), 5 * 3 * 2);
    QCOMPARE(models.value(0, "value"), QString("m0"));
    QCOMPARE(models.value(0, "escalation_rate"), QString("0"));  // no cascades there
    const CsvTable thresholds =
        CsvTable::load(QDir(out).filePath("ablation/cascade_threshold.csv"));
    QCOMPARE(thresholds.rowCount(), (1 + 4) * 3 * 2);  // none, 0.5, 0.7, 0.8, 0.9

    const std::vector<ResultRow> workloads =
        readResults(QDir(out).filePath("workload_results.csv"));
    // workloads × sets × seeds × (two planners, five baselines, two bounds)
    QCOMPARE(workloads.size(), std::size_t(4 * 2 * 3 * 9));
    QStringList names;
    QStringList sets;
    for (const ResultRow& row : workloads) {
        if (!names.contains(row.workload)) {
            names << row.workload;
        }
        if (!sets.contains(row.deadlineSet)) {
            sets << row.deadlineSet;
        }
    }
    QCOMPARE(names, (QStringList{"poisson", "bursty", "diurnal", "spike"}));
    QCOMPARE(sets, (QStringList{"tight", "loose"}));
    const CsvTable sweep = CsvTable::load(QDir(out).filePath("deadline_sweep.csv"));
    QCOMPARE(sweep.rowCount(), 4 * 3 * 9);  // deadlines 2, 4, 10, 30

    const CsvTable failures = CsvTable::load(QDir(out).filePath("failure_analysis.csv"));
    QCOMPARE(failures.header(), failureAnalysisColumns());
    // seeds × handler × scenarios × every serving policy
    QCOMPARE(failures.rowCount(), 3 * 2 * 3 * static_cast<int>(servingPolicies().size()));
    double crashOn = 0.0;
    double crashOff = 0.0;
    // (scenario, policy, seed) → the row with the handler on and off.
    std::map<QString, std::pair<qsizetype, qsizetype>> onOff;
    for (qsizetype i = 0; i < failures.rowCount(); ++i) {
        const QString scenario = failures.value(i, "scenario");
        const QString key =
            scenario + '/' + failures.value(i, "policy") + '/' + failures.value(i, "seed");
        (failures.value(i, "handler") == u"on" ? onOff[key].first : onOff[key].second) = i;
        if (scenario == u"impossible_deadline") {
            QCOMPARE(failures.value(i, "hit_rate"), QString("0"));
            QVERIFY(failures.value(i, "recovery_ms").isEmpty());
            // Every answer is late: how late and how right is what the scenario shows.
            QVERIFY(failures.value(i, "late_median_ms").toDouble() > 0.0);
            QVERIFY(failures.value(i, "late_p95_ms").toDouble() >=
                    failures.value(i, "late_median_ms").toDouble());
            QVERIFY(!failures.value(i, "late_accuracy").isEmpty());
        }
        if (scenario == u"model_crash") {
            // The crash hits the model the policy itself uses most.
            QVERIFY2(failures.value(i, "failures").toInt() > 0,
                     qPrintable(failures.value(i, "policy")));
        }
        if (scenario == u"model_crash" && failures.value(i, "policy") == u"CascadePlanner") {
            QVERIFY(failures.value(i, "failures").toInt() > 0);
            (failures.value(i, "handler") == u"on" ? crashOn : crashOff) +=
                failures.value(i, "effective_accuracy").toDouble();
            if (failures.value(i, "handler") == u"on") {
                QVERIFY(failures.value(i, "fallbacks").toInt() > 0);
            }
        }
    }
    QVERIFY2(crashOn > crashOff, qPrintable(QString("%1 vs %2").arg(crashOn).arg(crashOff)));
    // Off switches off only the scenario's own rule: the fixed policies have no best-effort
    // and no spike rule, so those rows are the same both ways; the planner's best effort
    // answers an impossible deadline sooner than its most accurate entry would.
    const auto same = [&](const QString& key) {
        const auto [on, off] = onOff.at(key);
        for (const QString& column : {"hit_rate", "effective_accuracy", "late_median_ms"}) {
            if (failures.value(on, column) != failures.value(off, column)) {
                return false;
            }
        }
        return true;
    };
    for (const QString& seed : {"7", "8", "9"}) {
        QVERIFY(same("impossible_deadline/StaticSmall/" + seed));
        QVERIFY(same("load_spike/StaticLarge/" + seed));
        const auto [on, off] = onOff.at("impossible_deadline/CascadePlanner/" + seed);
        QVERIFY(failures.value(on, "late_median_ms").toDouble() <
                failures.value(off, "late_median_ms").toDouble());
    }

    // Reproducible: the same profiles and seeds give the same bytes.
    inJob<QStringList>([&](ExperimentRunner& r) {
        return r.runAblations(out) + r.runWorkloadExperiments(out) + r.runFailureAnalysis(out);
    });
    for (const QString& f : files) {
        QCOMPARE(fileHash(f), hashes[f]);
    }
}

QTEST_GUILESS_MAIN(TestExperiments)
#include "tst_experiments.moc"
