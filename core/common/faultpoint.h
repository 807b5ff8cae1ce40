#pragma once

class QString;

namespace aip {

/// A place where a crash test may kill the process: between writing a file's bytes and renaming
/// it, after a rename, at a progress report, at a stage's start. Crash tests set, in the
/// environment of the process they start:
/// - `AIP_TRACE_FAULT_POINTS=1`: each point passed is written to stderr as
///   `fault point N: WHERE` (N counts from 1 in the order passed);
/// - `AIP_KILL_AT_FAULT_POINT=N`: the process kills itself with SIGKILL at point N, as `kill -9`
///   or a power cut would: no destructor, no flush, no handler runs;
/// - with `AIP_KILL_IN_STAGE=NAME` beside it, N counts from the start of stage NAME instead (its
///   marker `stage NAME` is point 0), so a kill lands inside that stage however many points the
///   stages before it passed (the profilers' counts vary from run to run).
/// Without either variable a point costs one relaxed atomic load.
void faultPoint(const char* where);
/// As faultPoint(where), with `detail` (a file path, a stage name) after it in the trace.
void faultPoint(const char* where, const QString& detail);

}  // namespace aip
