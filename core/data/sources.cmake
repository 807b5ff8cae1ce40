# core/data sources beyond dataset.{h,cpp}: target_sources(aip_core PRIVATE ...)
target_sources(aip_core PRIVATE
    data/binaryfile.cpp
    data/binaryfile.h
    data/cifar10batches.cpp
    data/cifar10batches.h
    data/datasearchpath.cpp
    data/datasearchpath.h
    data/datasetloader.cpp
    data/datasetloader.h
    data/datasetscan.cpp
    data/datasetscan.h
    data/gzipfile.cpp
    data/gzipfile.h
    data/idxfile.cpp
    data/idxfile.h
    data/imagefolder.cpp
    data/imagefolder.h
    data/imagefolderregistry.cpp
    data/imagefolderregistry.h
    data/sst2tsv.cpp
    data/sst2tsv.h
)
