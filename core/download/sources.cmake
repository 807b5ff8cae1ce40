# core/download sources: target_sources(aip_core PRIVATE ...)
