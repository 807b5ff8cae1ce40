#pragma once

// Precompiled header of core/engine: the only folder that includes LibTorch.
#include <ATen/Parallel.h>
#include <torch/script.h>
#include <torch/torch.h>
