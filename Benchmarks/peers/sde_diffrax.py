"""GBM Euler-Maruyama with diffrax (JAX, float64): one path's solve, jit-compiled
and vmapped over the path keys; Brownian motion from UnsafeBrownianPath
(--brownian sequential) or VirtualBrownianTree with tolerance TREE_TOLERANCE
(--brownian tree). Compilation is excluded (one untimed warm-up call).

Prints one JSON line: {"median_s":..., "mean":..., "library":"diffrax X.Y.Z", ...}
"""

import json

import jax

jax.config.update("jax_enable_x64", True)
jax.config.update("jax_platforms", "cpu")

import diffrax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import jax.random as jr  # noqa: E402

from sde_common import MU, SIGMA, T1, TREE_TOLERANCE, X0, exact_mean, median_seconds, parse_arguments  # noqa: E402


def make_solve(brownian, steps):
    dt = T1 / steps

    def one_path(key):
        if brownian == "tree":
            path = diffrax.VirtualBrownianTree(0.0, T1, tol=TREE_TOLERANCE, shape=(), key=key)
        else:
            path = diffrax.UnsafeBrownianPath(shape=(), key=key)
        terms = diffrax.MultiTerm(
            diffrax.ODETerm(lambda t, y, args: MU * y),
            diffrax.ControlTerm(lambda t, y, args: SIGMA * y, path))
        sol = diffrax.diffeqsolve(
            terms, diffrax.Euler(), 0.0, T1, dt0=dt, y0=jnp.asarray(X0),
            saveat=diffrax.SaveAt(t1=True), max_steps=steps + 16,
            # UnsafeBrownianPath cannot be differentiated in reverse mode, which diffrax's default
            # adjoint requires; no gradient is taken here, so forward mode changes nothing else.
            adjoint=diffrax.ForwardMode() if brownian != "tree" else diffrax.RecursiveCheckpointAdjoint())
        return sol.ys[0]

    return jax.jit(jax.vmap(one_path))


def main():
    args = parse_arguments("GBM Euler-Maruyama, diffrax", ["sequential", "tree"])
    solve = make_solve(args.brownian, args.steps)
    keys = jr.split(jr.PRNGKey(42), args.paths)
    solve(keys).block_until_ready()
    result = {}
    def run():
        result["x"] = solve(keys).block_until_ready()
    seconds = median_seconds(run, args.repeat)
    name = "VirtualBrownianTree" if args.brownian == "tree" else "UnsafeBrownianPath"
    print(json.dumps({
        "median_s": seconds, "mean": float(result["x"].mean()), "exact_mean": exact_mean(),
        "library": f"diffrax {diffrax.__version__}", "brownian": name,
    }))


if __name__ == "__main__":
    main()
