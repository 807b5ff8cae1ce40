# core/profiling: the measurements (latency and accuracy profilers).
target_sources(aip_core PRIVATE
    profiling/latencyprofiler.cpp
    profiling/latencyprofiler.h
    profiling/profilers.cpp
    profiling/profilers.h
)
