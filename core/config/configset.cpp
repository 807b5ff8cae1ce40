#include "config/configset.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace aip {

QString ConfigSet::protocolFileName(bool quick) {
    return quick ? QStringLiteral("experimental_protocol_quick.yaml")
                 : QStringLiteral("experimental_protocol.yaml");
}

ConfigSet ConfigSet::load(const QString& directory, bool quick) {
    ConfigSet set;
    const QDir dir(directory);
    set.directory = dir.path();
    set.models = ModelsConfig::load(dir.filePath(QStringLiteral("models.yaml")));
    set.deadlines = DeadlinesConfig::load(dir.filePath(QStringLiteral("deadlines.yaml")));
    set.protocol =
        ProtocolConfig::load(dir.filePath(protocolFileName(quick)), &set.models, &set.deadlines);
    return set;
}

std::vector<const ModelVariant*> ConfigSet::sweptModels() const {
    std::vector<const ModelVariant*> result;
    for (const ModelVariant& m : models.models) {
        const bool taskIncluded = protocol.tasks.contains(m.task);
        const bool modelIncluded = protocol.models.isEmpty() || protocol.models.contains(m.id);
        if (taskIncluded && modelIncluded) {
            result.push_back(&m);
        }
    }
    return result;
}

QString defaultConfigDirectory() {
    const QString fromEnv = qEnvironmentVariable("AIP_CONFIG_DIR");
    if (!fromEnv.isEmpty()) {
        return QDir::cleanPath(QDir::current().absoluteFilePath(fromEnv));
    }
    const auto hasConfigs = [](const QString& d) {
        return QFileInfo::exists(QDir(d).filePath(QStringLiteral("models.yaml")));
    };
    const QString cwd = QDir::current().filePath(QStringLiteral("configs"));
    if (hasConfigs(cwd)) {
        return cwd;
    }
    if (QCoreApplication::instance() != nullptr) {
        const QDir bin(QCoreApplication::applicationDirPath());
        for (const QString& candidate :
             {bin.filePath(QStringLiteral("../share/anytime-planner/configs")),
              QStringLiteral(AIP_SOURCE_CONFIG_DIR)}) {
            if (hasConfigs(candidate)) {
                return QDir::cleanPath(candidate);
            }
        }
    }
    return cwd;
}

}  // namespace aip
