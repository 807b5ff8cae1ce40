#pragma once

#include "planning/policy.h"

#include <QString>

#include <map>
#include <span>
#include <vector>

namespace aip {

/// StaticSmall, StaticLarge and ThroughputAutotuner: one entry chosen up front and used for
/// every request whatever its deadline; a batch takes as many waiting requests as it holds.
class FixedEntryPolicy final : public Policy {
public:
    FixedEntryPolicy(QString name, int entry, const ConfigTable& table,
                     const PolicyOptions& options = {});
    QString name() const override { return m_name; }
    Decision decide(const DecisionContext& context) const override;
    int entry() const { return m_entry; }

private:
    QString m_name;
    int m_entry;
};

/// StaticSmall: the single configuration with the lowest mean latency among each
/// (model, precision, device)'s smallest profiled batch size (batch 1 where profiled).
int staticSmallEntry(const ConfigTable& table);
/// StaticLarge: the most accurate single configuration among the same smallest-batch ones
/// (ties: the lower mean latency).
int staticLargeEntry(const ConfigTable& table);
/// ThroughputAutotuner: the single configuration with the most items per second, any batch
/// size (ties: the lower tail). Deadline-blind; cascades are not in its search space.
int maxThroughputEntry(const ConfigTable& table);

/// Latency of a batch as slope·batch + intercept (milliseconds).
struct LinearLatencyModel {
    double slopeMs = 0.0;
    double interceptMs = 0.0;
    double predictMs(int batchSize) const { return slopeMs * batchSize + interceptMs; }
};

/// Ordinary least squares of `meansMs` on `batchSizes`. One distinct batch size: slope 0 and
/// intercept the mean of the means. Throws aip::Error on empty or mismatched input.
LinearLatencyModel fitLinearLatency(std::span<const double> batchSizes,
                                    std::span<const double> meansMs);

/// Which latency statistic of a profile INFaaS fits its linear batch model to.
enum class InfaasLatency {
    Mean,  ///< the profile's mean latency: "INFaaS"
    Tail,  ///< its 1-ε tail (ConfigEntry::tail1Ms), the table's risk quantile: "INFaaS-tail"
};

/// INFaaS-style selection (Romero et al., ATC '21): variants whose accuracy meets the floor;
/// latency predicted per (model, precision, device) by a linear model in batch size fitted to
/// the profiles' mean latencies (InfaasLatency::Tail: to their 1-ε tails); per decision, the
/// variant with the lowest cost per served request (predicted batch latency × device price /
/// requests it serves) whose predicted latency meets the head request's remaining budget (its
/// SLO). Single configurations only. Nothing meets the SLO: the lowest predicted latency (best
/// effort).
class InfaasPolicy final : public Policy {
public:
    InfaasPolicy(const ConfigTable& table, const PolicyOptions& options = {},
                 InfaasLatency latency = InfaasLatency::Mean);
    /// "INFaaS", or "INFaaS-tail" with the tail fit.
    QString name() const override;
    Decision decide(const DecisionContext& context) const override;

    InfaasLatency latencyStatistic() const { return m_latency; }
    double accuracyFloor() const { return m_floor; }
    /// The fitted model of one (model, precision, device); throws aip::Error when absent.
    LinearLatencyModel latencyModel(const QString& model, const QString& precision,
                                    const QString& device) const;
    /// Predicted batch latency of a single entry (NaN for entries below the floor).
    double predictedMs(int entry) const;

private:
    struct Candidate {
        int entry;
        double predictedMs;
        double costPerBusyMs;
        int batchSize;
    };
    int choose(const DecisionContext& context, bool checkHealth, bool& bestEffort) const;

    InfaasLatency m_latency;
    double m_floor = 0.0;
    std::vector<Candidate> m_candidates;  ///< by predicted latency ascending
    std::map<QString, LinearLatencyModel> m_models;
    std::vector<double> m_predicted;  ///< by entry id
};

}  // namespace aip
