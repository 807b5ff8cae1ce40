#pragma once

#include "config/configset.h"
#include "planning/configtable.h"
#include "results/profiles.h"

#include <QString>
#include <QStringList>

#include <map>
#include <memory>
#include <vector>

namespace aip {

/// The planner's tables of a results folder: its profiles (latency_profiles.csv,
/// latency_samples.csv, accuracy_profiles.csv, predictions.csv) and one ConfigTable per task of
/// the protocol, with models.yaml's cascades and the protocol's ε and prices.
class PlannerTables final {
public:
    /// Throws aip::Error naming the file for a missing or malformed profile file, and naming the
    /// task when the profiles hold nothing usable for it.
    static std::unique_ptr<PlannerTables> load(const ConfigSet& configs, const QString& resultsDir);

    QStringList tasks() const;
    /// The table of `task`; an empty name means the protocol's only task (error if several).
    const ConfigTable& table(const QString& task = QString()) const;
    const std::vector<LatencyProfile>& latency() const { return m_latency; }
    const std::vector<AccuracyProfile>& accuracy() const { return m_accuracy; }

private:
    std::vector<LatencyProfile> m_latency;
    std::vector<AccuracyProfile> m_accuracy;
    std::map<QString, std::unique_ptr<ConfigTable>> m_tables;
};

}  // namespace aip
