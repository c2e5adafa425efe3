"""Kepler benchmark with diffrax (JAX, float64, jit-compiled), fixed-step symplectic solvers.

Same contract as `continuum-bench kepler-symplectic`: H = |p|^2/2 - 1/|q|, eccentricity 0.6 from
pericentre, q0 = (0.4, 0), p0 = (0, 2), N steps of size dt, only the final state saved. Prints one
JSON line:

  {"median_s":..., "steps":..., "ns_per_step":..., "y":[q1, q2, p1, p2], "library":..., "solver":...}

Solvers: "semi-implicit-euler" (diffrax.SemiImplicitEuler on the terms (dq = p dt, dp = -q/|q|^3 dt):
drift then kick, one force evaluation per step, like Verlet with its reused force) and
"leapfrog-midpoint" (diffrax.LeapfrogMidpoint on the whole state, a two-step reversible method).
Timing: jit-compiled, run once to compile (not timed); each timed repeat is one call followed by
`block_until_ready`; the median is reported.

  python kepler_diffrax.py --method semi-implicit-euler --steps 100000 --dt 0.01 --repeat 20
"""

import argparse
import json
import sys

import jax

jax.config.update("jax_enable_x64", True)
jax.config.update("jax_platforms", "cpu")

import diffrax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402

from peer_common import median_seconds

Q0, P0 = (0.4, 0.0), (0.0, 2.0)


def velocity(t, p, args):
    return p


def force(t, q, args):
    r2 = q[0] * q[0] + q[1] * q[1]
    return -q / (r2 * jnp.sqrt(r2))


def whole(t, y, args):
    q, p = y[:2], y[2:]
    return jnp.concatenate([p, force(t, q, args)])


def make_solve(method, steps, dt):
    if method == "semi-implicit-euler":
        terms = (diffrax.ODETerm(velocity), diffrax.ODETerm(force))
        solver = diffrax.SemiImplicitEuler()
    else:
        terms = diffrax.ODETerm(whole)
        solver = diffrax.LeapfrogMidpoint()

    @jax.jit
    def solve(q0, p0):
        y0 = (q0, p0) if method == "semi-implicit-euler" else jnp.concatenate([q0, p0])
        sol = diffrax.diffeqsolve(
            terms, solver, t0=0.0, t1=steps * dt, dt0=dt, y0=y0,
            stepsize_controller=diffrax.ConstantStepSize(), saveat=diffrax.SaveAt(t1=True),
            max_steps=steps + 16,
        )
        y = jnp.concatenate([sol.ys[0][-1], sol.ys[1][-1]]) if method == "semi-implicit-euler" else sol.ys[-1]
        return y, sol.stats["num_accepted_steps"], sol.result == diffrax.RESULTS.successful

    return solve


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--method", default="semi-implicit-euler", choices=["semi-implicit-euler", "leapfrog-midpoint"])
    parser.add_argument("--steps", type=int, default=100_000)
    parser.add_argument("--dt", type=float, default=0.01)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    solve = make_solve(args.method, args.steps, args.dt)
    q0, p0 = jnp.asarray(Q0), jnp.asarray(P0)
    y, steps, ok = jax.block_until_ready(solve(q0, p0))  # compile + warm-up, not timed
    if not bool(ok):
        print("kepler_diffrax: integration failed", file=sys.stderr)
        return 1
    median = median_seconds(lambda: jax.block_until_ready(solve(q0, p0)), args.repeat)
    print(json.dumps({
        "median_s": median, "steps": int(steps), "ns_per_step": median / int(steps) * 1e9,
        "y": [float(v) for v in np.asarray(y)],
        "library": f"diffrax {diffrax.__version__} (jax {jax.__version__})",
        "solver": "diffrax.SemiImplicitEuler" if args.method == "semi-implicit-euler" else "diffrax.LeapfrogMidpoint",
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
