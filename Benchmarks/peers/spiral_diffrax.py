"""torchdiffeq's ode_demo training loop in diffrax (jit; vmap over the 20 windows;
RecursiveCheckpointAdjoint; Dopri5 with PIDController), RMSprop written out as torch defines it.
Compile time excluded. Prints {"seconds_per_iteration":..., "trajectory_l1":[[iteration, error], ...]}."""

import json
import statistics
import sys
import time

import jax

jax.config.update("jax_enable_x64", True)
jax.config.update("jax_platforms", "cpu")

import diffrax  # noqa: E402
import jax.numpy as jnp  # noqa: E402

from spiral_common import A, BATCH, POINTS, T1, WINDOW, Y0, parse_arguments  # noqa: E402


def init_params(key):
    k1, k2, k3, k4 = jax.random.split(key, 4)
    bound1, bound2 = 1 / jnp.sqrt(2.0), 1 / jnp.sqrt(50.0)
    return {"w1": jax.random.uniform(k1, (2, 50), minval=-bound1, maxval=bound1),
            "b1": jax.random.uniform(k2, (50,), minval=-bound1, maxval=bound1),
            "w2": jax.random.uniform(k3, (50, 2), minval=-bound2, maxval=bound2),
            "b2": jax.random.uniform(k4, (2,), minval=-bound2, maxval=bound2)}


def model(t, y, params):
    return jnp.tanh((y ** 3) @ params["w1"] + params["b1"]) @ params["w2"] + params["b2"]


def solve(params, y0, ts):
    sol = diffrax.diffeqsolve(diffrax.ODETerm(model), diffrax.Dopri5(), t0=ts[0], t1=ts[-1], dt0=None, y0=y0,
                              args=params, saveat=diffrax.SaveAt(ts=ts),
                              stepsize_controller=diffrax.PIDController(rtol=1e-7, atol=1e-9),
                              adjoint=diffrax.RecursiveCheckpointAdjoint(), max_steps=100_000)
    return sol.ys


def main():
    args = parse_arguments(__doc__.splitlines()[0])
    a = jnp.asarray(A)
    t = jnp.linspace(0.0, T1, POINTS)
    true = diffrax.diffeqsolve(diffrax.ODETerm(lambda t, y, _: (y ** 3) @ a), diffrax.Dopri8(), t0=0.0, t1=T1, dt0=None,
                               y0=jnp.asarray(Y0), saveat=diffrax.SaveAt(ts=t),
                               stepsize_controller=diffrax.PIDController(rtol=1e-10, atol=1e-12), max_steps=100_000).ys

    def loss(params, y0s, targets):
        preds = jax.vmap(lambda y0: solve(params, y0, t[:WINDOW]))(y0s)
        return jnp.mean(jnp.abs(preds - targets))

    @jax.jit
    def step(params, square_avg, key):
        s = jax.random.randint(key, (BATCH,), 0, POINTS - WINDOW)
        targets = jnp.stack([true[s + i] for i in range(WINDOW)], axis=1)
        value, grads = jax.value_and_grad(loss)(params, true[s], targets)
        square_avg = jax.tree_util.tree_map(lambda v, g: 0.99 * v + 0.01 * g * g, square_avg, grads)
        params = jax.tree_util.tree_map(lambda p, g, v: p - 1e-3 * g / (jnp.sqrt(v) + 1e-8), params, grads, square_avg)
        return params, square_avg, value

    trajectory_error = jax.jit(lambda params: jnp.mean(jnp.abs(solve(params, jnp.asarray(Y0), t) - true)))
    key = jax.random.PRNGKey(args.seed)
    params = init_params(key)
    square_avg = jax.tree_util.tree_map(jnp.zeros_like, params)
    jax.block_until_ready(step(params, square_avg, key))  # compile, not timed
    jax.block_until_ready(trajectory_error(params))
    seconds, checkpoints = [], []
    for iteration in range(1, args.iterations + 1):
        key, sub = jax.random.split(key)
        start = time.perf_counter()
        params, square_avg, value = jax.block_until_ready(step(params, square_avg, sub))
        seconds.append(time.perf_counter() - start)
        if iteration % 20 == 0 or iteration == args.iterations:
            checkpoints.append([iteration, float(trajectory_error(params))])
    print(json.dumps({"seconds_per_iteration": statistics.median(seconds), "iterations": args.iterations,
                      "trajectory_l1": checkpoints, "library": f"diffrax {diffrax.__version__} (jax {jax.__version__})"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
