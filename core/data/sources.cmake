# core/data sources beyond dataset.{h,cpp}: target_sources(aip_core PRIVATE ...)
