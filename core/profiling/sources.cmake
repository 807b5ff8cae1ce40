# core/profiling: target_sources(aip_core PRIVATE ...)
target_sources(aip_core PRIVATE
)
target_sources(aip_core PRIVATE
    profiling/accuracy.cpp
    profiling/accuracy.h
    profiling/latencyprofiler.cpp
    profiling/latencyprofiler.h
    profiling/latencystats.cpp
    profiling/latencystats.h
    profiling/profilefiles.cpp
    profiling/profilers.cpp
    profiling/profilers.h
    profiling/profilefiles.h
)
