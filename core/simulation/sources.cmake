# core/simulation: target_sources(aip_core PRIVATE ...)
