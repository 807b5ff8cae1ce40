// What the configuration holds (validate-config) and what the runtime is (env).

#include "cli/commands.h"

#include "config/configset.h"
#include "engine/runtimeinfo.h"

#include <QJsonDocument>

namespace aip::cli {

int runValidateConfig(const Options& p) {
    const ConfigSet set = ConfigSet::load(configDir(p), p.isSet(QStringLiteral("quick")));
    const SweepSpec& sweep = set.sweep();
    out() << QStringLiteral("%1: ok (%2 tasks, %3 models)\n")
                 .arg(set.models.sourcePath)
                 .arg(set.models.tasks.size())
                 .arg(set.models.models.size());
    out() << QStringLiteral("%1: ok (%2 deadline sets)\n")
                 .arg(set.deadlines.sourcePath)
                 .arg(set.deadlines.sets.size());
    out() << QStringLiteral(
                 "%1: ok (protocol '%2': %3 swept models × %4 precisions × %5 batch sizes × %6 "
                 "devices, "
                 "%7 workloads, %8 seeds, %9 hypotheses)\n")
                 .arg(set.protocol.sourcePath, set.protocol.name)
                 .arg(set.sweptModels().size())
                 .arg(sweep.precisions.size())
                 .arg(sweep.batchSizes.size())
                 .arg(sweep.devices.size())
                 .arg(set.protocol.workloads.size())
                 .arg(set.protocol.replicates)
                 .arg(set.protocol.hypotheses.size());
    out().flush();
    return 0;
}

int runEnv(const Options& p) {
    // 0: all cores, as cpu:N runs
    setComputeThreads(positiveIntOption(p, QStringLiteral("threads"), 0));
    selectQuantizedEngine();
    out() << QJsonDocument(queryRuntime().toJson()).toJson(QJsonDocument::Indented);
    out().flush();
    return 0;
}

}  // namespace aip::cli
