"""GBM Euler-Maruyama with vectorised NumPy (all paths advanced together, one
normal vector per step from numpy's default generator, PCG64 + ziggurat).

Prints one JSON line: {"median_s":..., "mean":..., "library":"numpy X.Y.Z", ...}
"""

import json

import numpy as np

from sde_common import MU, SIGMA, T1, X0, exact_mean, median_seconds, parse_arguments


def solve(paths, steps, rng):
    dt = T1 / steps
    sqrt_dt = np.sqrt(dt)
    x = np.full(paths, X0)
    z = np.empty(paths)
    for _ in range(steps):
        rng.standard_normal(out=z)
        x += x * (MU * dt + SIGMA * sqrt_dt * z)
    return x


def main():
    args = parse_arguments("GBM Euler-Maruyama, vectorised NumPy", ["sequential"])
    rng = np.random.default_rng(42)
    result = {}
    def run():
        result["x"] = solve(args.paths, args.steps, rng)
    seconds = median_seconds(run, args.repeat)
    print(json.dumps({
        "median_s": seconds, "mean": float(result["x"].mean()), "exact_mean": exact_mean(),
        "library": f"numpy {np.__version__}", "brownian": "sequential (PCG64, ziggurat)",
    }))


if __name__ == "__main__":
    main()
