#pragma once

#include <QString>

namespace aip {

/// How the C library's allocator serves tensor memory: glibc's defaults hand every large block
/// (an activation, a gradient, a batch) back to the kernel when it is freed, and give worker
/// threads arenas of their own that are trimmed the same way. A model then pays a page fault
/// for every 4 KiB of every activation it writes, at every forward and backward pass.
/// Measured here (`--batch train --model resnet18 --epochs 1 --max-examples 1536`: 12 steps of
/// 128 CIFAR-10 images, bf16, 2 threads): 523,000 faults and a 15.7 s epoch with the defaults,
/// 231,000 faults and 12.6 s with freed memory kept.
///
/// configureTensorAllocator() keeps freed memory in the process: one arena for all threads,
/// no mmap for large blocks, no trimming. Call it first thing in main(), before any thread
/// starts. The environment variable AIP_SYSTEM_MALLOC=1 leaves the defaults untouched (memory is
/// then returned to the system at the cost of the faults). Returns the description
/// allocatorDescription() reports from then on.
QString configureTensorAllocator();

/// What configureTensorAllocator() did, for the environment record of every measurement:
/// "glibc: one arena, no mmap, no trim", "glibc defaults (AIP_SYSTEM_MALLOC)", or
/// "system defaults" where it was never called or the C library is not glibc.
QString allocatorDescription();

}  // namespace aip
