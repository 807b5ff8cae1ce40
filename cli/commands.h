#pragma once

// The commands of --batch, one file per group; batchcli.cpp lists them in its command table.

#include "cli/options.h"

namespace aip::cli {

// pipelinecommands.cpp
OptionSpec seedOption();
OptionSpec forceOption();
/// The names in a --stage value, trimmed, empty parts left out (none: every stage).
QStringList splitStageList(const QString& list);
int runPipelineCommand(const Options& p, const BatchHooks& hooks);
/// A command that runs one pipeline stage alone; its summary is the stage's description and the
/// files it writes.
Command stageCommand(const QString& stage);

// simulationcommands.cpp
/// `plan`: the planner's choice for one deadline and queue length, and why.
int runPlan(const Options& p);
/// `simulate`: one policy on one seeded trace, simulated (and with --live replayed on the real
/// models, printing how far the simulation is from the replay).
int runSimulate(const Options& p);

// modelcommands.cpp
int runEvaluate(const Options& p);
int runTrain(const Options& p);
int runDownload(const Options& p);

// reportcommands.cpp
/// `export-report`: the results folder's CSVs, figures and HTML report into --to.
int runExportReport(const Options& p, const BatchHooks& hooks);

// infocommands.cpp
int runValidateConfig(const Options& p);
int runEnv(const Options& p);

}  // namespace aip::cli
