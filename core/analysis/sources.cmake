# core/analysis: target_sources(aip_core PRIVATE ...)
target_sources(aip_core PRIVATE
    analysis/statistics.cpp
    analysis/statistics.h
)
