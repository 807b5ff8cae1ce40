# core/analysis: target_sources(aip_core PRIVATE ...)
