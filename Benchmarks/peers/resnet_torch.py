"""PyTorch peer of `continuum-bench resnet`: one forward and backward pass of the same ResNets
(lift Linear(2, 4), 16 blocks whose field is Linear(4, 16) -> tanh -> Linear(16, 4), head
Linear(4, 2), batch 32, float64, one thread), Euler and RK4 blocks with independent weights."""

import json
import statistics
import time

import torch

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)
DEPTH, BATCH, PASSES = 16, 32, 200


class ResNet(torch.nn.Module):
    def __init__(self, block):
        super().__init__()
        self.block = block
        self.lift = torch.nn.Linear(2, 4)
        self.fields = torch.nn.ModuleList(
            torch.nn.Sequential(torch.nn.Linear(4, 16), torch.nn.Tanh(), torch.nn.Linear(16, 4)) for _ in range(DEPTH))
        self.head = torch.nn.Linear(4, 2)

    def forward(self, x):
        h = 1.0 / DEPTH
        x = self.lift(x)
        for f in self.fields:
            if self.block == "euler":
                x = x + h * f(x)
            else:
                k1 = f(x)
                k2 = f(x + 0.5 * h * k1)
                k3 = f(x + 0.5 * h * k2)
                k4 = f(x + h * k3)
                x = x + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        return self.head(x)


def main():
    x = torch.sin(torch.arange(2 * BATCH, dtype=torch.float64)).reshape(BATCH, 2)
    v = torch.full((BATCH, 2), 0.1)
    for block in ("euler", "rk4"):
        net = ResNet(block)

        def one_pass():
            net.zero_grad(set_to_none=False)
            (net(x) * v).sum().backward()

        for _ in range(5):
            one_pass()
        times = []
        for _ in range(5):
            start = time.perf_counter()
            for _ in range(PASSES):
                one_pass()
            times.append((time.perf_counter() - start) / PASSES)
        median = statistics.median(times)
        print(json.dumps({"peer": "torch", "block": block, "depth": DEPTH, "batch": BATCH,
                          "forward_backward_us": round(median * 1e6, 2)}))


if __name__ == "__main__":
    main()
