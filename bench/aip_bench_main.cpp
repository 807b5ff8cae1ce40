#include "common/allocator.h"

#include <benchmark/benchmark.h>

#include <QCoreApplication>

int main(int argc, char** argv) {
    aip::configureTensorAllocator();
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv))
        return 2;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
