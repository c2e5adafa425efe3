"""Lorenz benchmark with diffrax (JAX, float64, jit-compiled).

Same contract as `continuum-bench lorenz`: Lorenz (sigma=10, rho=28, beta=8/3),
y0=(1,0,0), t in [0,20], only the final state saved. Prints one JSON line:

  {"median_s":..., "nfe":..., "steps":..., "rejected":..., "y":[...],
   "library":"diffrax X.Y.Z", "solver":"...", "note":"..."}

"steps" counts accepted steps. Timing: the solve is jit-compiled and run once to
compile (not timed); each timed repeat is one call followed by
`block_until_ready`; the median is reported. nfe is counted in one extra,
untimed run whose vector field carries a `jax.debug.callback` counter.

Run with the peers venv (see setup.sh):
  python lorenz_diffrax.py --method dopri5 --rtol 1e-8 --atol 1e-8 --repeat 50
"""

import json
import sys

import jax

jax.config.update("jax_enable_x64", True)
jax.config.update("jax_platforms", "cpu")

import diffrax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402

from peer_common import BETA, RHO, SIGMA, T0, T1, Y0, median_seconds, parse_arguments

MAX_STEPS = 1_000_000

SOLVERS = {
    "dopri5": (diffrax.Dopri5, None),
    "tsit5": (diffrax.Tsit5, None),
    "dop853": (
        diffrax.Dopri8,
        "diffrax has no DOP853; this is diffrax.Dopri8 (Dormand-Prince 8(7), "
        "14 stages, 7th-order embedded error estimate), which differs from "
        "Hairer's DOP853 (12 stages, 5th- and 3rd-order error estimators), "
        "so nfe/steps are not directly comparable",
    ),
}


def lorenz(t, y, args):
    x, yy, z = y[0], y[1], y[2]
    return jnp.stack([SIGMA * (yy - x), x * (RHO - z) - yy, x * yy - BETA * z])


def make_solve(solver_cls, rtol, atol, vector_field):
    term = diffrax.ODETerm(vector_field)
    solver = solver_cls()
    controller = diffrax.PIDController(rtol=rtol, atol=atol)
    saveat = diffrax.SaveAt(t1=True)

    @jax.jit
    def solve(y0):
        sol = diffrax.diffeqsolve(
            term,
            solver,
            t0=T0,
            t1=T1,
            dt0=None,  # diffrax's Hairer-style initial step selection
            y0=y0,
            stepsize_controller=controller,
            saveat=saveat,
            max_steps=MAX_STEPS,
        )
        return (
            sol.ys[-1],
            sol.stats["num_accepted_steps"],
            sol.stats["num_rejected_steps"],
            sol.result == diffrax.RESULTS.successful,
        )

    return solve


def count_nfe(solver_cls, rtol, atol, y0):
    """Number of vector-field evaluations, from one untimed counting run."""
    calls = [0]

    def bump():
        calls[0] += 1

    def counting_lorenz(t, y, args):
        jax.debug.callback(bump, ordered=True)
        return lorenz(t, y, args)

    out = make_solve(solver_cls, rtol, atol, counting_lorenz)(y0)
    jax.block_until_ready(out)
    jax.effects_barrier()
    return calls[0], out


def main():
    args = parse_arguments(__doc__.splitlines()[0], SOLVERS)

    solver_cls, note = SOLVERS[args.method]
    y0 = jnp.asarray(Y0, dtype=jnp.float64)

    solve = make_solve(solver_cls, args.rtol, args.atol, lorenz)
    out = jax.block_until_ready(solve(y0))  # compile + warm-up, not timed
    y, accepted, rejected, ok = out
    if not bool(ok):
        print("lorenz_diffrax: integration failed", file=sys.stderr)
        return 1

    median = median_seconds(lambda: jax.block_until_ready(solve(y0)), args.repeat)

    nfe, counted = count_nfe(solver_cls, args.rtol, args.atol, y0)
    if int(counted[1]) != int(accepted) or int(counted[2]) != int(rejected):
        print("lorenz_diffrax: counting run took different steps", file=sys.stderr)
        return 1

    result = {
        "median_s": median,
        "nfe": nfe,
        "steps": int(accepted),
        "rejected": int(rejected),
        "y": [float(v) for v in np.asarray(out[0])],
        "library": f"diffrax {diffrax.__version__} (jax {jax.__version__})",
        "solver": f"diffrax.{solver_cls.__name__}",
    }
    if note:
        result["note"] = note
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
