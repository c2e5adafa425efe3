"""Lotka-Volterra loss gradient with diffrax (JAX, float64, jit; compile time excluded):
RecursiveCheckpointAdjoint (discrete, checkpointed) or BacksolveAdjoint (continuous). Prints one
JSON line: {"median_s":..., "loss":..., "gradient":[...], "gradient_y0":[...], "library":...}.

  python lv_gradient_diffrax.py --adjoint recursive|backsolve --method dopri5|tsit5 --rtol 1e-8 --atol 1e-8
"""

import json
import sys

import jax

jax.config.update("jax_enable_x64", True)
jax.config.update("jax_platforms", "cpu")

import diffrax  # noqa: E402
import jax.numpy as jnp  # noqa: E402

from lv_gradient_common import PARAMS, TIMES, Y0, parse_arguments  # noqa: E402
from peer_common import median_seconds  # noqa: E402


def vector_field(t, y, theta):
    a, b, c, d = theta
    x, z = y[0], y[1]
    return jnp.stack([a * x - b * x * z, -c * z + d * x * z])


def main():
    args = parse_arguments(__doc__.splitlines()[0], ["recursive", "backsolve"])
    solver = {"dopri5": diffrax.Dopri5, "tsit5": diffrax.Tsit5}[args.method]()
    adjoint = diffrax.RecursiveCheckpointAdjoint() if args.adjoint == "recursive" else diffrax.BacksolveAdjoint()
    times = jnp.asarray(TIMES[1:])

    def loss(theta, y0):
        sol = diffrax.diffeqsolve(
            diffrax.ODETerm(vector_field), solver, t0=0.0, t1=10.0, dt0=None, y0=y0, args=theta,
            saveat=diffrax.SaveAt(ts=times), stepsize_controller=diffrax.PIDController(rtol=args.rtol, atol=args.atol),
            adjoint=adjoint, max_steps=100_000)
        return jnp.sum(sol.ys ** 2)

    value_and_grad = jax.jit(jax.value_and_grad(loss, argnums=(0, 1)))
    theta, y0 = jnp.asarray(PARAMS), jnp.asarray(Y0)
    value, grads = jax.block_until_ready(value_and_grad(theta, y0))
    median = median_seconds(lambda: jax.block_until_ready(value_and_grad(theta, y0)), args.repeat)
    print(json.dumps({
        "median_s": median, "loss": float(value), "gradient": [float(g) for g in grads[0]],
        "gradient_y0": [float(g) for g in grads[1]],
        "library": f"diffrax {diffrax.__version__} (jax {jax.__version__})",
        "solver": f"diffrax.{type(solver).__name__} + {type(adjoint).__name__}",
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
