# Benchmark sources of aip-bench, one file per area.
