#pragma once

#include <QString>

/// Writes a TorchScript module that maps a flattened image of `inputs` values to `classes`
/// logits with seeded random weights scaled by `scale`: a real LibTorch model, microseconds per
/// forward pass, whose answers differ from one seed to another.
void writeLinearTorchScript(const QString& path, int inputs, int classes, int seed, double scale);
