#include "config/deadlinesconfig.h"

#include "config/yamlreader.h"

namespace aip {

QStringList DeadlinesConfig::names() const {
    QStringList result;
    for (const auto& [name, values] : sets) {
        result.append(name);
    }
    return result;
}

DeadlinesConfig DeadlinesConfig::load(const QString& path) {
    const config_detail::YamlReader r(path);
    r.checkKeys(r.root(), {QStringLiteral("deadline_sets")}, QStringLiteral("deadlines.yaml"));
    const YAML::Node sets = r.require(r.root(), "deadline_sets");
    r.requireMap(sets, QStringLiteral("deadline_sets"));
    if (sets.size() == 0) {
        r.fail(sets, QStringLiteral("deadline_sets must name at least one set"));
    }
    DeadlinesConfig config;
    config.sourcePath = path;
    for (auto it = sets.begin(); it != sets.end(); ++it) {
        const QString name = r.string(it->first, QStringLiteral("a deadline set name"));
        config.sets[name] = r.positiveNumberList(
            it->second, QStringLiteral("deadline set '%1' (milliseconds)").arg(name));
    }
    return config;
}

}  // namespace aip
