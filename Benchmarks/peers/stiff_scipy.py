"""Stiff benchmarks with scipy.integrate.solve_ivp: Radau, BDF and LSODA.

Same contract as `continuum-bench robertson|vanderpol`: Robertson on [0, 1e11] from (1, 0, 0), Van der
Pol (mu = 1000) on [0, 3000] from (2, 0); only the final state is kept. scipy gets the analytic
Jacobian (its fastest configuration). Prints one JSON line:

  {"median_s":..., "nfe":..., "steps":..., "jacobians":..., "factorizations":..., "y":[...],
   "library":"scipy X.Y.Z", "solver":"..."}

Run with the peers venv (see setup.sh):
  python stiff_scipy.py robertson --method radau --rtol 1e-6 --atol 1e-10 --repeat 5
"""

import json
import sys

import numpy as np
import scipy
from scipy.integrate import solve_ivp

from peer_common import STIFF_PROBLEMS, VDP_MU, median_seconds, parse_arguments

METHODS = {"radau": "Radau", "bdf": "BDF", "lsoda": "LSODA"}


def robertson(t, y):
    a, b, c = y
    return np.array([-0.04 * a + 1e4 * b * c, 0.04 * a - 1e4 * b * c - 3e7 * b * b, 3e7 * b * b])


def robertson_jacobian(t, y):
    a, b, c = y
    return np.array([
        [-0.04, 1e4 * c, 1e4 * b],
        [0.04, -1e4 * c - 6e7 * b, -1e4 * b],
        [0.0, 6e7 * b, 0.0],
    ])


def vanderpol(t, y):
    u, v = y
    return np.array([v, VDP_MU * (1 - u * u) * v - u])


def vanderpol_jacobian(t, y):
    u, v = y
    return np.array([[0.0, 1.0], [-2 * VDP_MU * u * v - 1, VDP_MU * (1 - u * u)]])


FIELDS = {"robertson": (robertson, robertson_jacobian), "vanderpol": (vanderpol, vanderpol_jacobian)}


def main():
    args = parse_arguments(__doc__.splitlines()[0], METHODS, problems=tuple(STIFF_PROBLEMS))
    y0, t1 = STIFF_PROBLEMS[args.problem]
    f, jac = FIELDS[args.problem]
    method = METHODS[args.method]

    def solve():
        return solve_ivp(f, (0.0, t1), np.array(y0), method=method, rtol=args.rtol, atol=args.atol,
                         jac=jac, t_eval=[t1])

    sol = solve()  # warm-up, not timed
    if not sol.success:
        print(f"stiff_scipy: integration failed: {sol.message}", file=sys.stderr)
        return 1
    median = median_seconds(solve, args.repeat)
    full = solve_ivp(f, (0.0, t1), np.array(y0), method=method, rtol=args.rtol, atol=args.atol, jac=jac)
    print(json.dumps({
        "median_s": median,
        "nfe": int(sol.nfev),
        "steps": len(full.t) - 1,
        "jacobians": int(sol.njev),
        "factorizations": int(sol.nlu),
        "y": [float(v) for v in sol.y[:, -1]],
        "library": f"scipy {scipy.__version__}",
        "solver": f"solve_ivp(method={method!r}, analytic jac)",
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
