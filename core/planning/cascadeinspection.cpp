#include "planning/cascadeinspection.h"

#include "common/error.h"

#include <QHash>

#include <algorithm>

namespace aip {

std::vector<CascadePair> cascadePairs(const ConfigTable& table) {
    std::vector<CascadePair> pairs;
    for (const ConfigEntry& e : table.entries()) {
        if (!e.cascade) {
            continue;
        }
        const bool known = std::any_of(pairs.begin(), pairs.end(), [&](const CascadePair& p) {
            return p.variant1 == e.variant1 && p.variant2 == e.variant2;
        });
        if (!known) {
            const VariantAnswers& v1 = table.variants()[static_cast<std::size_t>(e.variant1)];
            const VariantAnswers& v2 = table.variants()[static_cast<std::size_t>(e.variant2)];
            pairs.push_back({e.variant1, e.variant2,
                             QStringLiteral("%1/%2 → %3/%4")
                                 .arg(v1.model, v1.precision, v2.model, v2.precision)});
        }
    }
    return pairs;
}

namespace {

/// The profile of one variant of the table's task, and its rows by example index.
struct ProfileRows {
    const AccuracyProfile* profile = nullptr;
    QHash<std::int64_t, std::size_t> rowOf;
};

ProfileRows profileOf(const ConfigTable& table, const std::vector<AccuracyProfile>& accuracy,
                      int variant) {
    const VariantAnswers& v = table.variants()[static_cast<std::size_t>(variant)];
    for (const AccuracyProfile& p : accuracy) {
        if (p.task == table.task() && p.model == v.model && p.precision == v.precision) {
            ProfileRows rows{&p, {}};
            rows.rowOf.reserve(static_cast<qsizetype>(p.size()));
            for (std::size_t i = 0; i < p.size(); ++i) {
                rows.rowOf.insert(p.index[i], i);
            }
            return rows;
        }
    }
    throw Error(QStringLiteral("no predictions of %1/%2 for task %3")
                    .arg(v.model, v.precision, table.task()));
}

std::size_t rowOf(const ProfileRows& rows, std::int64_t example) {
    const auto found = rows.rowOf.constFind(example);
    if (found == rows.rowOf.constEnd()) {
        throw Error(QStringLiteral("the predictions of %1/%2 lack example %3")
                        .arg(rows.profile->model, rows.profile->precision)
                        .arg(example));
    }
    return *found;
}

}  // namespace

std::vector<CascadeExample> cascadeExamples(const ConfigTable& table,
                                            const std::vector<AccuracyProfile>& accuracy,
                                            const CascadePair& pair) {
    const ProfileRows first = profileOf(table, accuracy, pair.variant1);
    const ProfileRows second = profileOf(table, accuracy, pair.variant2);
    std::vector<CascadeExample> examples;
    examples.reserve(static_cast<std::size_t>(table.testCount()));
    for (int k = 0; k < table.testCount(); ++k) {
        const std::int64_t index = table.testExample(k);
        const std::size_t r1 = rowOf(first, index);
        const std::size_t r2 = rowOf(second, index);
        CascadeExample e;
        e.index = index;
        e.label = first.profile->label[r1];
        e.confidence1 = first.profile->confidence[r1];
        e.predicted1 = first.profile->predicted[r1];
        e.predicted2 = second.profile->predicted[r2];
        e.correct1 = first.profile->correct(r1);
        e.correct2 = second.profile->correct(r2);
        examples.push_back(e);
    }
    return examples;
}

CascadeCounts cascadeCounts(const std::vector<CascadeExample>& examples, double theta) {
    CascadeCounts outcome;
    outcome.theta = theta;
    outcome.examples = static_cast<int>(examples.size());
    for (const CascadeExample& e : examples) {
        outcome.escalated += e.escalated(theta) ? 1 : 0;
        outcome.correct += e.correct(theta) ? 1 : 0;
    }
    return outcome;
}

std::vector<CascadeCounts> cascadeCurve(const std::vector<CascadeExample>& examples, int steps) {
    std::vector<CascadeCounts> curve;
    curve.reserve(static_cast<std::size_t>(steps) + 1);
    for (int i = 0; i <= steps; ++i) {
        curve.push_back(cascadeCounts(examples, double(i) / steps));
    }
    return curve;
}

}  // namespace aip
