#include "results/profilefiles.h"

#include "common/csv.h"
#include "common/error.h"
#include "results/accuracystats.h"
#include "results/latencystats.h"
#include "results/resultfiles.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>

#include <limits>
#include <map>

namespace aip::profilefiles {

namespace {

QStringList latencyHeader() {
    return QStringLiteral(
               "task,model,precision,batch_size,device,threads,n,mean_ms,std_ms,p50_ms,p90_ms,"
               "p95_ms,p99_ms,min_ms,max_ms,ci95_low_ms,ci95_high_ms,status,stop_reason")
        .split(u',');
}

QStringList keyFields(const ConfigKey& k) {
    return {k.task, k.model, k.precision, QString::number(k.batchSize), k.device};
}

/// Typed access to one CSV row with errors that name file:line and the column.
class RowReader {
public:
    RowReader(const CsvTable& table, qsizetype row) : m_table(table), m_row(row) {}
    QString text(const QString& column) const { return m_table.value(m_row, column); }
    double real(const QString& column) const {
        bool ok = false;
        const double v = text(column).toDouble(&ok);
        if (!ok) {
            fail(column, QStringLiteral("a number"));
        }
        return v;
    }
    qint64 integer(const QString& column) const {
        bool ok = false;
        const qint64 v = text(column).toLongLong(&ok);
        if (!ok) {
            fail(column, QStringLiteral("an integer"));
        }
        return v;
    }
    /// An integer that fits an int (batch sizes, thread counts, class labels).
    int int32(const QString& column) const {
        bool ok = false;
        const int v = text(column).toInt(&ok);
        if (!ok) {
            fail(column, QStringLiteral("an integer between %1 and %2")
                             .arg(std::numeric_limits<int>::min())
                             .arg(std::numeric_limits<int>::max()));
        }
        return v;
    }
    [[noreturn]] void fail(const QString& column, const QString& expected) const {
        throw Error(QStringLiteral("%1:%2: column %3 must be %4, got '%5'")
                        .arg(m_table.sourceName())
                        .arg(m_table.lineOf(m_row))
                        .arg(column, expected, text(column)));
    }
    ConfigKey key() const {
        ConfigKey k;
        k.task = text(QStringLiteral("task"));
        k.model = text(QStringLiteral("model"));
        k.precision = text(QStringLiteral("precision"));
        k.batchSize = int32(QStringLiteral("batch_size"));
        k.device = text(QStringLiteral("device"));
        return k;
    }

private:
    const CsvTable& m_table;
    qsizetype m_row;
};

struct NamedCsv {
    const QString& name;
    const CsvWriter& csv;
};

/// Writes the detail file first and its summary last, each atomically, so a summary on disk
/// always has its details beside it. Returns the paths, summary first.
QStringList saveSummaryLast(const QString& directory, const NamedCsv& detail,
                            const NamedCsv& summary) {
    const QDir dir(directory);
    detail.csv.save(dir.filePath(detail.name));
    summary.csv.save(dir.filePath(summary.name));
    return {dir.filePath(summary.name), dir.filePath(detail.name)};
}

const QString kForward = QStringLiteral("forward");
const QString kServingSteady = QStringLiteral("serving_steady");
const QString kServingSwitched = QStringLiteral("serving_switched");
const QString kServingIdle = QStringLiteral("serving_idle");
const QString kIdleGap = QStringLiteral("idle_gap_ms");

QString keyText(const ConfigKey& k) {
    return k.task + u'|' + k.id();
}

}  // namespace

QStringList writeLatencyProfiles(const std::vector<LatencyProfile>& profiles,
                                 const QString& directory) {
    CsvWriter summary(latencyHeader());
    CsvWriter samples(
        QStringLiteral(
            "task,model,precision,batch_size,device,kind,sample_index,latency_ms,idle_gap_ms")
            .split(u','));
    for (const LatencyProfile& p : profiles) {
        QStringList row = keyFields(p.key);
        row << QString::number(p.key.threads) << QString::number(p.samplesMs.size());
        if (p.ok()) {
            for (const double v : {p.meanMs, p.stdMs, p.p50Ms, p.p90Ms, p.p95Ms, p.p99Ms, p.minMs,
                                   p.maxMs, p.ci95LowMs, p.ci95HighMs}) {
                row << csv::number(v);
            }
        } else {
            for (int i = 0; i < 10; ++i) {
                row << QString();
            }
        }
        row << p.status << p.stopReason;
        summary.addRow(row);
        for (const auto& [kind, values] :
             {std::pair{kForward, &p.samplesMs}, std::pair{kServingSteady, &p.servingSteadyMs},
              std::pair{kServingSwitched, &p.servingSwitchedMs},
              std::pair{kServingIdle, &p.servingIdleMs}}) {
            const bool idle = values == &p.servingIdleMs;
            for (std::size_t i = 0; i < values->size(); ++i) {
                samples.addRow(keyFields(p.key)
                               << kind << QString::number(i) << csv::number((*values)[i])
                               << (idle && i < p.servingIdleGapMs.size()
                                       ? csv::number(p.servingIdleGapMs[i])
                                       : QString()));
            }
        }
    }
    return saveSummaryLast(directory, {resultfiles::kLatencySamples.name(), samples},
                           {resultfiles::kLatencyProfiles.name(), summary});
}

std::vector<LatencyProfile> readLatencyProfiles(const QString& directory) {
    const QDir dir(directory);
    const CsvTable summary = CsvTable::load(dir.filePath(resultfiles::kLatencyProfiles.name()));
    for (const QString& column : latencyHeader()) {
        summary.column(column);  // throws naming the file when a column is missing
    }
    std::vector<LatencyProfile> profiles;
    QHash<QString, std::size_t> byKey;
    for (qsizetype i = 0; i < summary.rowCount(); ++i) {
        const RowReader r(summary, i);
        LatencyProfile p;
        p.key = r.key();
        p.key.threads = r.int32(QStringLiteral("threads"));
        p.status = r.text(QStringLiteral("status"));
        p.stopReason = r.text(QStringLiteral("stop_reason"));
        if (byKey.contains(keyText(p.key))) {
            throw Error(QStringLiteral("%1:%2: configuration %3 appears twice")
                            .arg(summary.sourceName())
                            .arg(summary.lineOf(i))
                            .arg(p.key.id()));
        }
        byKey.insert(keyText(p.key), profiles.size());
        profiles.push_back(std::move(p));
    }

    const CsvTable samples = CsvTable::load(dir.filePath(resultfiles::kLatencySamples.name()));
    const bool hasKind = samples.hasColumn(QStringLiteral("kind"));
    const bool hasGap = samples.hasColumn(kIdleGap);
    for (qsizetype i = 0; i < samples.rowCount(); ++i) {
        const RowReader r(samples, i);
        const ConfigKey key = r.key();
        const auto found = byKey.constFind(keyText(key));
        if (found == byKey.constEnd()) {
            throw Error(QStringLiteral("%1:%2: sample of %3, a configuration not in %4")
                            .arg(samples.sourceName())
                            .arg(samples.lineOf(i))
                            .arg(key.id(), resultfiles::kLatencyProfiles.name()));
        }
        LatencyProfile& p = profiles[*found];
        // Files written before the serving pass have no kind: every sample is a forward pass.
        const QString kind = hasKind ? r.text(QStringLiteral("kind")) : kForward;
        std::vector<double>* values = kind == kForward           ? &p.samplesMs
                                      : kind == kServingSteady   ? &p.servingSteadyMs
                                      : kind == kServingSwitched ? &p.servingSwitchedMs
                                      : kind == kServingIdle     ? &p.servingIdleMs
                                                                 : nullptr;
        if (values == nullptr) {
            r.fail(QStringLiteral("kind"),
                   QStringLiteral("%1, %2, %3 or %4")
                       .arg(kForward, kServingSteady, kServingSwitched, kServingIdle));
        }
        if (r.integer(QStringLiteral("sample_index")) != static_cast<qint64>(values->size())) {
            r.fail(QStringLiteral("sample_index"), QStringLiteral("the next index of %1 %2 (%3)")
                                                       .arg(p.key.id(), kind)
                                                       .arg(values->size()));
        }
        const double ms = r.real(QStringLiteral("latency_ms"));
        if (!(ms > 0.0)) {
            r.fail(QStringLiteral("latency_ms"), QStringLiteral("a positive duration"));
        }
        values->push_back(ms);
        // An idle sample may say how long the server idled before it (files of an older
        // serving pass do not).
        if (values == &p.servingIdleMs && hasGap && !samples.value(i, kIdleGap).isEmpty()) {
            const double gap = r.real(kIdleGap);
            if (!(gap >= 0.0) || p.servingIdleGapMs.size() + 1 != p.servingIdleMs.size()) {
                r.fail(kIdleGap, QStringLiteral("a duration ≥ 0 for every idle sample or none"));
            }
            p.servingIdleGapMs.push_back(gap);
        }
    }
    for (qsizetype i = 0; i < summary.rowCount(); ++i) {
        LatencyProfile& p = profiles[static_cast<std::size_t>(i)];
        const RowReader r(summary, i);
        if (!p.servingIdleGapMs.empty() && p.servingIdleGapMs.size() != p.servingIdleMs.size()) {
            throw Error(QStringLiteral("%1: %2 gives idle_gap_ms for %3 of the %4 idle samples of "
                                       "%5: give it for every idle sample or none")
                            .arg(samples.sourceName(), kIdleGap)
                            .arg(p.servingIdleGapMs.size())
                            .arg(p.servingIdleMs.size())
                            .arg(p.key.id()));
        }
        if (static_cast<qint64>(p.samplesMs.size()) != r.integer(QStringLiteral("n"))) {
            throw Error(QStringLiteral("%1:%2: %3 declares n = %4 but %5 holds %6 samples of it")
                            .arg(summary.sourceName())
                            .arg(summary.lineOf(i))
                            .arg(p.key.id(), r.text(QStringLiteral("n")),
                                 resultfiles::kLatencySamples.name())
                            .arg(p.samplesMs.size()));
        }
        if (p.ok()) {
            if (p.samplesMs.empty()) {
                throw Error(QStringLiteral("%1:%2: %3 is ok but has no samples")
                                .arg(summary.sourceName())
                                .arg(summary.lineOf(i))
                                .arg(p.key.id()));
            }
            summarizeLatency(p);  // recomputed from the samples: one source of truth
        }
    }
    return profiles;
}

QStringList writeAccuracyProfiles(const std::vector<AccuracyProfile>& profiles,
                                  const QString& directory) {
    CsvWriter summary(
        QStringLiteral(
            "task,model,precision,dataset,split,n,accuracy,ci95_low,ci95_high,mean_confidence,ece")
            .split(u','));
    CsvWriter predictions(
        QStringLiteral("task,model,precision,index,label,predicted,confidence,correct")
            .split(u','));
    for (const AccuracyProfile& p : profiles) {
        const AccuracySummary s = summarizeAccuracy(p);
        summary.addRow({p.task, p.model, p.precision, p.dataset, p.split, QString::number(s.n),
                        csv::number(s.accuracy), csv::number(s.ci95Low), csv::number(s.ci95High),
                        csv::number(s.meanConfidence), csv::number(s.ece)});
        for (std::size_t i = 0; i < p.size(); ++i) {
            predictions.addRow({p.task, p.model, p.precision, QString::number(p.index[i]),
                                QString::number(p.label[i]), QString::number(p.predicted[i]),
                                csv::number(p.confidence[i], 9),
                                p.correct(i) ? QStringLiteral("1") : QStringLiteral("0")});
        }
    }
    return saveSummaryLast(directory, {resultfiles::kPredictions.name(), predictions},
                           {resultfiles::kAccuracyProfiles.name(), summary});
}

std::vector<AccuracyProfile> readAccuracyProfiles(const QString& directory) {
    const QDir dir(directory);
    const CsvTable summary = CsvTable::load(dir.filePath(resultfiles::kAccuracyProfiles.name()));
    std::vector<AccuracyProfile> profiles;
    QHash<QString, std::size_t> byKey;
    for (qsizetype i = 0; i < summary.rowCount(); ++i) {
        const RowReader r(summary, i);
        AccuracyProfile p;
        p.task = r.text(QStringLiteral("task"));
        p.model = r.text(QStringLiteral("model"));
        p.precision = r.text(QStringLiteral("precision"));
        p.dataset = r.text(QStringLiteral("dataset"));
        p.split = r.text(QStringLiteral("split"));
        byKey.insert(p.task + u'|' + p.model + u'|' + p.precision, profiles.size());
        profiles.push_back(std::move(p));
    }
    const CsvTable rows = CsvTable::load(dir.filePath(resultfiles::kPredictions.name()));
    for (qsizetype i = 0; i < rows.rowCount(); ++i) {
        const RowReader r(rows, i);
        const QString key = r.text(QStringLiteral("task")) + u'|' +
                            r.text(QStringLiteral("model")) + u'|' +
                            r.text(QStringLiteral("precision"));
        const auto found = byKey.constFind(key);
        if (found == byKey.constEnd()) {
            throw Error(QStringLiteral("%1:%2: predictions of %3, which %4 does not list")
                            .arg(rows.sourceName())
                            .arg(rows.lineOf(i))
                            .arg(key, resultfiles::kAccuracyProfiles.name()));
        }
        AccuracyProfile& p = profiles[*found];
        const double confidence = r.real(QStringLiteral("confidence"));
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            r.fail(QStringLiteral("confidence"), QStringLiteral("a probability in [0, 1]"));
        }
        p.index.push_back(r.integer(QStringLiteral("index")));
        p.label.push_back(r.int32(QStringLiteral("label")));
        p.predicted.push_back(r.int32(QStringLiteral("predicted")));
        p.confidence.push_back(static_cast<float>(confidence));
    }
    for (qsizetype i = 0; i < summary.rowCount(); ++i) {
        const RowReader r(summary, i);
        const AccuracyProfile& p = profiles[static_cast<std::size_t>(i)];
        if (static_cast<qint64>(p.size()) != r.integer(QStringLiteral("n"))) {
            throw Error(QStringLiteral("%1:%2: %3 %4 declares n = %5 but %6 holds %7 rows of it")
                            .arg(summary.sourceName())
                            .arg(summary.lineOf(i))
                            .arg(p.model, p.precision, r.text(QStringLiteral("n")),
                                 resultfiles::kPredictions.name())
                            .arg(p.size()));
        }
    }
    return profiles;
}

}  // namespace aip::profilefiles
