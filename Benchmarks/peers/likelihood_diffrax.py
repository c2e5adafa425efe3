"""Exact log-likelihood through the VP probability-flow ODE with diffrax (JAX, float64): the
contract of `continuum-bench diffusion-likelihood`. The 3-Gaussian mixture's diffused log density
is written with logsumexp, the score is its jax.grad, the divergence of the flow the trace of its
jax.jacfwd (exact, d = 2). One point's augmented solve [x, integral of div v] from t = 0 to 1 with
Dopri5 and a PID controller (atol = rtol/100), jit-compiled and vmapped over the points; the prior
is the exact diffused mixture at t = 1. Compilation is excluded (one untimed warm-up call).

Prints one JSON line: {"median_s":..., "mean_log_likelihood":..., "max_error":..., ...}
"""

import argparse
import json

import jax

jax.config.update("jax_enable_x64", True)
jax.config.update("jax_platforms", "cpu")

import diffrax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
from jax.scipy.special import logsumexp  # noqa: E402

from peer_common import median_seconds  # noqa: E402

WEIGHTS = jnp.array([0.3, 0.5, 0.2])
MEANS = jnp.array([[-2.0, 0.0], [2.0, 1.0], [0.0, -2.5]])
COVARIANCES = jnp.array([[[0.5, 0.2], [0.2, 0.4]], [[0.3, -0.1], [-0.1, 0.6]], [[0.8, 0.0], [0.0, 0.2]]])
BETA_MIN, BETA_MAX = 0.1, 20.0


def alpha_sigma(t):
    exponent = -0.25 * t * t * (BETA_MAX - BETA_MIN) - 0.5 * t * BETA_MIN
    return jnp.exp(exponent), jnp.sqrt(-jnp.expm1(2 * exponent))


def log_density(x, t):
    alpha, sigma = alpha_sigma(t)
    cov = alpha ** 2 * COVARIANCES + sigma ** 2 * jnp.eye(2)
    diff = x - alpha * MEANS
    solved = jnp.linalg.solve(cov, diff[..., None])[..., 0]
    quadratic = jnp.sum(diff * solved, axis=-1)
    logdet = jnp.linalg.slogdet(cov)[1]
    return logsumexp(jnp.log(WEIGHTS) - 0.5 * (quadratic + logdet) - jnp.log(2 * jnp.pi))


score = jax.grad(log_density)


def flow(t, x):
    beta = BETA_MIN + t * (BETA_MAX - BETA_MIN)
    return -0.5 * beta * x - 0.5 * beta * score(x, t)


def augmented(t, state, args):
    x = state[:2]
    divergence = jnp.trace(jax.jacfwd(flow, argnums=1)(t, x))
    return jnp.concatenate([flow(t, x), divergence[None]])


def make_solve(rtol):
    def one(x):
        sol = diffrax.diffeqsolve(
            diffrax.ODETerm(augmented), diffrax.Dopri5(), 0.0, 1.0, dt0=None,
            y0=jnp.concatenate([x, jnp.zeros(1)]), saveat=diffrax.SaveAt(t1=True),
            stepsize_controller=diffrax.PIDController(rtol=rtol, atol=rtol / 100), max_steps=100_000)
        end = sol.ys[0]
        return log_density(end[:2], 1.0) + end[2], sol.stats["num_steps"]

    return jax.jit(jax.vmap(one))


def main():
    parser = argparse.ArgumentParser(description="PF-ODE log-likelihood, diffrax")
    parser.add_argument("--points", type=int, default=1000)
    parser.add_argument("--rtol", type=float, default=1e-5)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    i = jnp.arange(args.points, dtype=jnp.float64)
    points = jnp.stack([4 * jnp.sin(1.3 * i), 3 * jnp.cos(0.7 * i)], axis=1)
    solve = make_solve(args.rtol)
    solve(points)[0].block_until_ready()
    result = {}

    def run():
        result["ll"], result["steps"] = solve(points)
        result["ll"].block_until_ready()

    seconds = median_seconds(run, args.repeat)
    exact = jax.vmap(lambda x: log_density(x, 0.0))(points)
    print(json.dumps({
        "median_s": seconds, "mean_log_likelihood": float(result["ll"].mean()),
        "max_error": float(jnp.max(jnp.abs(result["ll"] - exact))), "steps": int(result["steps"].sum()),
        "points": args.points, "rtol": args.rtol, "library": f"diffrax {diffrax.__version__}",
    }))


if __name__ == "__main__":
    main()
