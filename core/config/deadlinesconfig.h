#pragma once

#include <QString>
#include <QStringList>

#include <map>
#include <vector>

namespace aip {

/// configs/deadlines.yaml: named sets of relative request deadlines in milliseconds. A workload
/// draws each request's deadline uniformly from the set it is paired with.
struct DeadlinesConfig {
    QString sourcePath;
    std::map<QString, std::vector<double>> sets;

    QStringList names() const;
    bool contains(const QString& name) const { return sets.count(name) > 0; }

    static DeadlinesConfig load(const QString& path);
};

}  // namespace aip
