#include "planning/plannertables.h"

#include "common/error.h"
#include "results/profilefiles.h"

namespace aip {

std::unique_ptr<PlannerTables> PlannerTables::load(const ConfigSet& configs,
                                                   const QString& resultsDir) {
    auto data = std::make_unique<PlannerTables>();
    data->m_latency = profilefiles::readLatencyProfiles(resultsDir);
    data->m_accuracy = profilefiles::readAccuracyProfiles(resultsDir);
    for (const QString& task : configs.protocol.tasks) {
        data->m_tables.emplace(
            task, std::make_unique<ConfigTable>(ConfigTable::build(
                      data->m_latency, data->m_accuracy,
                      ConfigTableOptions::from(configs.models, configs.protocol, task))));
    }
    return data;
}

QStringList PlannerTables::tasks() const {
    QStringList names;
    for (const auto& [task, table] : m_tables) {
        names << task;
    }
    return names;
}

const ConfigTable& PlannerTables::table(const QString& task) const {
    if (task.isEmpty()) {
        if (m_tables.size() != 1) {
            throw Error(QStringLiteral("the protocol has several tasks (%1): name one with --task")
                            .arg(tasks().join(QStringLiteral(", "))));
        }
        return *m_tables.begin()->second;
    }
    const auto found = m_tables.find(task);
    if (found == m_tables.end()) {
        throw Error(QStringLiteral("unknown task '%1' (the protocol has: %2)")
                        .arg(task, tasks().join(QStringLiteral(", "))));
    }
    return *found->second;
}

}  // namespace aip
