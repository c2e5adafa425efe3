"""Lorenz benchmark with scipy.integrate.solve_ivp.

Same contract as `continuum-bench lorenz`: Lorenz (sigma=10, rho=28, beta=8/3),
y0=(1,0,0), t in [0,20], only the final state saved (t_eval=[20]). Prints one
JSON line:

  {"median_s":..., "nfe":..., "steps":..., "rejected":..., "y":[...],
   "library":"scipy X.Y.Z", "solver":"..."}

--method dopri5 -> solve_ivp(method="RK45") (Dormand-Prince 5(4), FSAL)
--method dop853 -> solve_ivp(method="DOP853") (Python port of Hairer's DOP853)
--method tsit5  -> not available in scipy (exit status 3, no JSON)

"steps" counts accepted steps. steps, nfe (solve_ivp's nfev) and y come from one
extra untimed run with t_eval=None (same steps; y is the last step's end point
rather than the dense-output value at t=20).

Run with the peers venv (see setup.sh):
  python lorenz_scipy.py --method dopri5 --rtol 1e-8 --atol 1e-8 --repeat 50
"""

import json
import sys

import numpy as np
import scipy
from scipy.integrate import solve_ivp

from peer_common import BETA, RHO, SIGMA, T0, T1, Y0, median_seconds, parse_arguments


METHODS = {
    "dopri5": "RK45",
    "dop853": "DOP853",
}
# RHS evaluations per attempted step, and at start-up (f(t0) and the
# initial-step guess), used to derive the number of rejected steps.
EVALS_PER_STEP = {"RK45": 6, "DOP853": 12}
STARTUP_EVALS = 2


def lorenz(t, y):
    x, yy, z = y
    return np.array([SIGMA * (yy - x), x * (RHO - z) - yy, x * yy - BETA * z])


def solve(method, rtol, atol, t_eval):
    return solve_ivp(
        lorenz,
        (T0, T1),
        np.array(Y0),
        method=method,
        t_eval=t_eval,
        rtol=rtol,
        atol=atol,
    )


def main():
    args = parse_arguments(__doc__.splitlines()[0], ["dopri5", "tsit5", "dop853"])
    if args.method not in METHODS:
        print(f"lorenz_scipy: scipy has no {args.method} solver", file=sys.stderr)
        return 3
    method = METHODS[args.method]
    t_eval = [T1]

    sol = solve(method, args.rtol, args.atol, t_eval)  # warm-up, not timed
    if not sol.success:
        print(f"lorenz_scipy: integration failed: {sol.message}", file=sys.stderr)
        return 1

    median = median_seconds(lambda: solve(method, args.rtol, args.atol, t_eval), args.repeat)

    full = solve(method, args.rtol, args.atol, None)  # untimed: count steps
    steps = len(full.t) - 1
    # With t_eval=[20] the timed runs also build a dense output for the last
    # step (3 extra evaluations for DOP853); report the stepping work only.
    attempted = (full.nfev - STARTUP_EVALS) // EVALS_PER_STEP[method]

    print(json.dumps({
        "median_s": median,
        "nfe": int(full.nfev),
        "steps": steps,
        "rejected": attempted - steps,
        "y": [float(v) for v in full.y[:, -1]],
        "library": f"scipy {scipy.__version__}",
        "solver": f"solve_ivp(method={method!r})",
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
