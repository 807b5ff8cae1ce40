# core/text sources: target_sources(aip_core PRIVATE ...)
