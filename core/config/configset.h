#pragma once

#include "config/deadlinesconfig.h"
#include "config/modelsconfig.h"
#include "config/protocolconfig.h"

#include <QString>

namespace aip {

/// The three configuration files of one run, loaded and cross-checked: every task, model,
/// cascade stage and deadline set the protocol names exists.
struct ConfigSet {
    QString directory;
    ModelsConfig models;
    DeadlinesConfig deadlines;
    ProtocolConfig protocol;

    /// The protocol file for a protocol name: "full" → experimental_protocol.yaml,
    /// "quick" → experimental_protocol_quick.yaml.
    static QString protocolFileName(bool quick);
    /// Loads <dir>/models.yaml, <dir>/deadlines.yaml and the protocol; throws aip::Error.
    static ConfigSet load(const QString& directory, bool quick);

    /// The model variants the protocol sweeps, in models.yaml order.
    std::vector<const ModelVariant*> sweptModels() const;
    /// The protocol's sweep, or models.yaml's where the protocol does not override it.
    const SweepSpec& sweep() const { return protocol.sweep ? *protocol.sweep : models.sweep; }
};

/// The folder holding configs/: --config-dir, else AIP_CONFIG_DIR, else ./configs, else the one
/// installed beside the executable (<bin>/../share/anytime-planner/configs or the source tree).
QString defaultConfigDirectory();

}  // namespace aip
