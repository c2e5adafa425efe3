"""The contract of `continuum-bench sde-gradient --method reversible-heun` with diffrax (JAX,
float64): the gradient of mean(X(1)^2) for Stratonovich GBM dX = MU X dt + SIGMA X o dW, X(0) = X0,
with respect to (MU, SIGMA, X0), over PATHS paths of VirtualBrownianTree (tol = step / 4), solved
with diffrax.ReversibleHeun and differentiated by diffrax's default RecursiveCheckpointAdjoint
(discrete backpropagation with checkpoints; diffrax 0.7 has no algebraic reversible adjoint). jit + vmap; compilation excluded (one untimed warm-up call).

Prints one JSON line: {"median_s":..., "gradient":[...], "library":"diffrax X.Y.Z", ...}
"""

import json

import jax

jax.config.update("jax_enable_x64", True)
jax.config.update("jax_platforms", "cpu")

import diffrax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import jax.random as jr  # noqa: E402

from sde_common import MU, SIGMA, T1, X0, median_seconds, parse_arguments  # noqa: E402


def make_gradient(steps):
    dt = T1 / steps

    def one_path(theta, key):
        mu, sigma, x0 = theta
        path = diffrax.VirtualBrownianTree(0.0, T1, tol=dt / 4, shape=(), key=key)
        terms = diffrax.MultiTerm(
            diffrax.ODETerm(lambda t, y, args: mu * y),
            diffrax.ControlTerm(lambda t, y, args: sigma * y, path))
        sol = diffrax.diffeqsolve(
            terms, diffrax.ReversibleHeun(), 0.0, T1, dt0=dt, y0=x0,
            saveat=diffrax.SaveAt(t1=True), max_steps=steps + 16, adjoint=diffrax.RecursiveCheckpointAdjoint())
        return sol.ys[0] ** 2

    def loss(theta, keys):
        return jnp.mean(jax.vmap(one_path, in_axes=(None, 0))(theta, keys))

    return jax.jit(jax.value_and_grad(loss))


def main():
    args = parse_arguments("GBM reversible Heun gradient, diffrax", ["tree"])
    gradient = make_gradient(args.steps)
    keys = jr.split(jr.PRNGKey(42), args.paths)
    theta = jnp.asarray([MU, SIGMA, X0])
    jax.block_until_ready(gradient(theta, keys))
    result = {}

    def run():
        result["value"] = jax.block_until_ready(gradient(theta, keys))

    seconds = median_seconds(run, args.repeat)
    loss, grad = result["value"]
    print(json.dumps({
        "median_s": seconds, "paths": args.paths, "steps": args.steps, "loss": float(loss),
        "gradient": [float(g) for g in grad], "library": f"diffrax {diffrax.__version__}",
        "method": "ReversibleHeun + RecursiveCheckpointAdjoint, VirtualBrownianTree",
    }))


if __name__ == "__main__":
    main()
