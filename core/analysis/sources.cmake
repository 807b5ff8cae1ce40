# core/analysis: target_sources(aip_core PRIVATE ...)
target_sources(aip_core PRIVATE
    analysis/hypotheses.cpp
    analysis/hypotheses.h
    analysis/pareto.cpp
    analysis/pareto.h
    analysis/reportdata.cpp
    analysis/reportdata.h
    analysis/runselection.cpp
    analysis/runselection.h
    analysis/statisticaltests.cpp
    analysis/statisticaltests.h
    analysis/statistics.cpp
    analysis/statistics.h
    analysis/summary.cpp
    analysis/summary.h
)
