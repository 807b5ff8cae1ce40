# core/pipeline: the stage registry, the resumable stage runner and its manifest, stage 01 and
# the profiling stages.
target_sources(aip_core PRIVATE
    pipeline/datasetsstage.cpp
    pipeline/datasetsstage.h
    pipeline/experimentstages.cpp
    pipeline/experimentstages.h
    pipeline/filedigest.cpp
    pipeline/filedigest.h
    pipeline/profilestages.cpp
    pipeline/profilestages.h
    pipeline/runmanifest.cpp
    pipeline/runmanifest.h
    pipeline/stagecontext.h
    pipeline/stageparameters.cpp
    pipeline/stageparameters.h
    pipeline/stagerunner.cpp
    pipeline/stagerunner.h
)

# The manifest names the build: `git describe` when configured from a git checkout, else the
# version. Only runmanifest.cpp sees the define, so a new commit recompiles one file.
find_package(Git QUIET)
set(AIP_BUILD_DESCRIBE "${PROJECT_VERSION}")
if(GIT_FOUND)
    execute_process(
        COMMAND ${GIT_EXECUTABLE} describe --tags --always --dirty
        WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
        OUTPUT_VARIABLE _aip_describe
        OUTPUT_STRIP_TRAILING_WHITESPACE
        RESULT_VARIABLE _aip_describe_result
        ERROR_QUIET)
    if(_aip_describe_result EQUAL 0 AND _aip_describe)
        set(AIP_BUILD_DESCRIBE "${_aip_describe}")
    endif()
endif()
set_source_files_properties(pipeline/runmanifest.cpp PROPERTIES
    COMPILE_DEFINITIONS "AIP_BUILD_DESCRIBE=\"${AIP_BUILD_DESCRIBE}\"")
