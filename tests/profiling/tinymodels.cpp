#include "tinymodels.h"

#include <torch/script.h>

void writeLinearTorchScript(const QString& path, int inputs, int classes, int seed, double scale) {
    torch::manual_seed(static_cast<std::uint64_t>(seed));
    torch::jit::Module module("TinyLinear");
    module.register_parameter("weight", torch::randn({classes, inputs}) * scale, false);
    module.define(R"(
        def forward(self, x):
            return torch.matmul(x.flatten(1), self.weight.t())
    )");
    module.save(path.toStdString());
}
