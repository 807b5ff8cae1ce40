#pragma once

#include "planning/configtable.h"
#include "simulation/simulationresult.h"
#include "workload/request.h"

namespace aip {

/// The hindsight Oracle: an upper bound, never a deployable policy. A request counts as correct
/// and on time when some (model, precision) of the table answers its example correctly and that
/// variant's fastest latency sample ever measured (any batch size, any device) fits the
/// deadline, with no queueing, no decision cost and no failure. Any policy's correct, on-time
/// answer comes from some variant (a single model or a cascade stage) whose run took at least
/// one of its samples, so the Oracle's effective accuracy and hit rate bound every policy's on
/// the same trace. Each record holds the best outcome (correct and on time > on time >
/// correct > neither; ties: the faster variant) with start = arrival and finish = arrival + that
/// minimum latency; its accuracy and cost are not bounds.
SimulationResult oracle(const Trace& trace, const ConfigTable& table, const RunLabels& labels = {});

}  // namespace aip
