#pragma once

#include "workload/request.h"

#include <QString>
#include <QStringList>

#include <cstdint>

namespace aip {

/// The trace CSV format: a header row `arrival_ms,deadline_ms,example_index`, then one request
/// per row in arrival order. Saving a generated trace and loading it back gives the same trace,
/// so a workload can be replayed (arrival: trace) or shared.
namespace tracefile {
QStringList header();
}  // namespace tracefile

/// Reads a trace CSV. The header is required (other columns are ignored); ids are the row order
/// 0..n-1. Throws aip::Error naming the file and line for: a missing header column, a field that
/// is not a number, a negative arrival, a deadline that is not positive, an arrival earlier than
/// the one before it, an example index that is not an integer in [0, exampleCount), and for a
/// file without requests. A file of more than `maxRequests` rows is refused before it is parsed
/// (its lines are counted first, so a huge file costs a read, not its size in memory).
inline constexpr std::int64_t kMaxTraceRequests = 10'000'000;
Trace loadTrace(const QString& path, std::int64_t exampleCount,
                std::int64_t maxRequests = kMaxTraceRequests);

/// Writes `trace` in the same format, atomically (readers never see half a file). Numbers are
/// written with csv::number, so the same trace always gives the same bytes.
void saveTrace(const Trace& trace, const QString& path);

}  // namespace aip
