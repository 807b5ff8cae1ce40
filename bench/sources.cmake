# Benchmark sources of aip-bench, one file per area.
target_sources(aip-bench PRIVATE planning_bench.cpp)
target_sources(aip-bench PRIVATE profiling_bench.cpp)
