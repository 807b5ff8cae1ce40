# core/workload: target_sources(aip_core PRIVATE ...)
target_sources(aip_core PRIVATE
    workload/request.h
    workload/tracefile.cpp
    workload/tracefile.h
    workload/workloadgenerator.cpp
    workload/workloadgenerator.h
)
