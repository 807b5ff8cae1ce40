# core/results: the result files' rows, columns, readers and writers.
target_sources(aip_core PRIVATE
    results/csvcells.cpp
    results/csvcells.h
    results/profiles.cpp
    results/profiles.h
    results/reporttable.h
    results/resultstable.cpp
    results/resultstable.h
    results/runfiles.cpp
    results/runfiles.h
)
