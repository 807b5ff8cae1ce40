# core/download sources: target_sources(aip_core PRIVATE ...)
target_sources(aip_core PRIVATE
    download/datasetdownloader.cpp
    download/datasetdownloader.h
)
