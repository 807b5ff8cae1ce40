# core/planning: target_sources(aip_core PRIVATE ...)
