"""Stiff benchmarks with diffrax's Kvaerno5 (ESDIRK 5(4)), jit-compiled, float64.

Same contract as `continuum-bench robertson|vanderpol`: Robertson on [0, 1e11] from (1, 0, 0), Van der
Pol (mu = 1000) on [0, 3000] from (2, 0); SaveAt(t1=True); PIDController(rtol, atol) with its
defaults; Jacobians by JAX autodiff. Compile time is excluded (one untimed warm-up). Prints one JSON
line like stiff_scipy.py.

Run with the peers venv (see setup.sh):
  python stiff_diffrax.py vanderpol --method kvaerno5 --rtol 1e-6 --atol 1e-6 --repeat 5
"""

import json
import sys

import jax

jax.config.update("jax_enable_x64", True)

import diffrax  # noqa: E402
import jax.numpy as jnp  # noqa: E402

from peer_common import STIFF_PROBLEMS, VDP_MU, median_seconds, parse_arguments  # noqa: E402


def robertson(t, y, args):
    a, b, c = y[0], y[1], y[2]
    return jnp.stack([-0.04 * a + 1e4 * b * c, 0.04 * a - 1e4 * b * c - 3e7 * b * b, 3e7 * b * b])


def vanderpol(t, y, args):
    u, v = y[0], y[1]
    return jnp.stack([v, VDP_MU * (1 - u * u) * v - u])


FIELDS = {"robertson": robertson, "vanderpol": vanderpol}


def main():
    args = parse_arguments(__doc__.splitlines()[0], {"kvaerno5": None}, problems=tuple(STIFF_PROBLEMS))
    y0, t1 = STIFF_PROBLEMS[args.problem]
    field = FIELDS[args.problem]

    @jax.jit
    def solve(y0):
        solution = diffrax.diffeqsolve(
            diffrax.ODETerm(field), diffrax.Kvaerno5(), t0=0.0, t1=t1, dt0=None,
            y0=y0, saveat=diffrax.SaveAt(t1=True), max_steps=1_000_000,
            stepsize_controller=diffrax.PIDController(rtol=args.rtol, atol=args.atol),
            throw=False)
        return (solution.ys[-1], solution.stats["num_accepted_steps"], solution.stats["num_rejected_steps"],
                solution.result == diffrax.RESULTS.successful)

    y0 = jnp.asarray(y0, dtype=jnp.float64)
    y, accepted, rejected, ok = jax.block_until_ready(solve(y0))  # compile + warm-up, not timed
    if not bool(ok):
        print("stiff_diffrax: integration failed", file=sys.stderr)
        return 1
    median = median_seconds(lambda: jax.block_until_ready(solve(y0)), args.repeat)
    print(json.dumps({
        "median_s": median,
        "steps": int(accepted),
        "rejected": int(rejected),
        "y": [float(v) for v in y],
        "library": f"diffrax {diffrax.__version__} (jax {jax.__version__})",
        "solver": "diffrax.Kvaerno5",
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
