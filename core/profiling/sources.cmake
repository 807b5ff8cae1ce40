# core/profiling: target_sources(aip_core PRIVATE ...)
target_sources(aip_core PRIVATE
    profiling/profiles.cpp
    profiling/profiles.h
)
