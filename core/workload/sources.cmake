# core/workload: target_sources(aip_core PRIVATE ...)
target_sources(aip_core PRIVATE
    workload/request.h
)
