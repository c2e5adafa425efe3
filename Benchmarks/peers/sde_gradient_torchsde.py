"""The contract of `continuum-bench sde-gradient --method reversible-heun` with torchsde (CPU,
float64, all paths as one batch): the gradient of mean(X(1)^2) for Stratonovich GBM
dX = MU X dt + SIGMA X o dW, X(0) = X0, with respect to (MU, SIGMA, X0), by sdeint_adjoint with
method "reversible_heun" and adjoint_method "adjoint_reversible_heun" (the algebraic adjoint of
Kidger et al. 2021), on its default BrownianInterval.

Prints one JSON line: {"median_s":..., "gradient":[...], "library":"torchsde X.Y.Z", ...}
"""

import json

import torch
import torchsde

from sde_common import MU, SIGMA, T1, X0, median_seconds, parse_arguments


class GBM(torch.nn.Module):
    noise_type = "diagonal"
    sde_type = "stratonovich"

    def __init__(self):
        super().__init__()
        self.mu = torch.nn.Parameter(torch.tensor(MU, dtype=torch.float64))
        self.sigma = torch.nn.Parameter(torch.tensor(SIGMA, dtype=torch.float64))

    def f(self, t, y):
        return self.mu * y

    def g(self, t, y):
        return self.sigma * y


def main():
    args = parse_arguments("GBM reversible Heun gradient, torchsde", ["interval"])
    torch.manual_seed(42)
    sde = GBM()
    ts = torch.tensor([0.0, T1], dtype=torch.float64)
    result = {}

    def run():
        sde.zero_grad()
        y0 = torch.full((args.paths, 1), X0, dtype=torch.float64, requires_grad=True)
        x = torchsde.sdeint_adjoint(
            sde, y0, ts, method="reversible_heun", adjoint_method="adjoint_reversible_heun", dt=T1 / args.steps)[-1]
        loss = (x ** 2).mean()
        loss.backward()
        result["value"] = (float(loss.detach()), [float(sde.mu.grad), float(sde.sigma.grad), float(y0.grad.sum())])

    seconds = median_seconds(run, args.repeat)
    loss, gradient = result["value"]
    print(json.dumps({
        "median_s": seconds, "paths": args.paths, "steps": args.steps, "loss": loss, "gradient": gradient,
        "library": f"torchsde {torchsde.__version__}", "method": "reversible_heun + adjoint_reversible_heun",
        "threads": torch.get_num_threads(),
    }))


if __name__ == "__main__":
    main()
