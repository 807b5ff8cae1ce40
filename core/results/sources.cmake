# core/results: the results folder's files (resultfiles.h names them) and their rows, columns,
# readers and writers.
target_sources(aip_core PRIVATE
    results/accuracystats.cpp
    results/accuracystats.h
    results/analysisfiles.cpp
    results/analysisfiles.h
    results/csvcells.cpp
    results/csvcells.h
    results/latencystats.cpp
    results/latencystats.h
    results/profilefiles.cpp
    results/profilefiles.h
    results/profiles.cpp
    results/profiles.h
    results/reporttable.h
    results/resultfiles.cpp
    results/resultfiles.h
    results/resultstable.cpp
    results/resultstable.h
    results/runfiles.cpp
    results/runfiles.h
)
