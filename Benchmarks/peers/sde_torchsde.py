"""GBM Euler-Maruyama with torchsde (CPU, float64, all paths as one batch,
diagonal Itô noise, its default Brownian motion: BrownianInterval).

Prints one JSON line: {"median_s":..., "mean":..., "library":"torchsde X.Y.Z", ...}
"""

import json

import torch
import torchsde

from sde_common import MU, SIGMA, T1, X0, exact_mean, median_seconds, parse_arguments


class GBM(torch.nn.Module):
    noise_type = "diagonal"
    sde_type = "ito"

    def f(self, t, y):
        return MU * y

    def g(self, t, y):
        return SIGMA * y


def main():
    args = parse_arguments("GBM Euler-Maruyama, torchsde", ["sequential"])
    torch.manual_seed(42)
    sde = GBM()
    y0 = torch.full((args.paths, 1), X0, dtype=torch.float64)
    ts = torch.tensor([0.0, T1], dtype=torch.float64)
    result = {}
    def run():
        with torch.no_grad():
            result["x"] = torchsde.sdeint(sde, y0, ts, method="euler", dt=T1 / args.steps)[-1]
    seconds = median_seconds(run, args.repeat)
    print(json.dumps({
        "median_s": seconds, "mean": float(result["x"].mean()), "exact_mean": exact_mean(),
        "library": f"torchsde {torchsde.__version__}", "brownian": "BrownianInterval (default)",
        "threads": torch.get_num_threads(),
    }))


if __name__ == "__main__":
    main()
