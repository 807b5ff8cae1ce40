#pragma once

#include "common/atomicfile.h"
#include "simulation/simulationresult.h"

#include <QString>
#include <QStringList>

namespace aip {

/// The columns of requests.csv, one row per request per run.
QStringList requestsCsvHeader();

/// Writes requests.csv atomically: rows of any number of runs are appended, and the file
/// appears complete on commit() or not at all.
class RequestsCsvWriter final {
public:
    /// Opens a temporary file beside `path`; throws aip::Error.
    explicit RequestsCsvWriter(const QString& path);
    void append(const SimulationResult& result);
    void commit();

private:
    AtomicFileWriter m_file;
};

/// requests.csv of one run, in memory (same bytes RequestsCsvWriter writes for it).
QByteArray requestsCsvRows(const SimulationResult& result);

/// Convenience: one or more runs to `path`.
void writeRequestsCsv(const QString& path, const std::vector<SimulationResult>& results);

/// The requests of one run of requests.csv (`policy` on `labels`), in file order, as a
/// SimulationResult without metrics: configNames holds the `config` names the records' entry
/// ids point into. Only the lines of that run are parsed, so one run of a large file reads
/// quickly. Throws aip::Error naming the file (and, for a bad cell, the line and column)
/// when it cannot be read, lacks a column of requestsCsvHeader(), or holds no row of the run.
SimulationResult readRequestsCsvRun(const QString& path, const QString& policy,
                                    const RunLabels& labels);

/// The columns of a batches file, one row per batch per run (SimulationResult::batches).
QStringList batchesCsvHeader();
/// Writes the batches of one or more runs to `path` atomically.
void writeBatchesCsv(const QString& path, const std::vector<SimulationResult>& results);

}  // namespace aip
