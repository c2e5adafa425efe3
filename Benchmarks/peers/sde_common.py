"""What the SDE peer scripts share: the geometric Brownian motion benchmark of
`continuum-bench sde` and its command line.

GBM dX = MU X dt + SIGMA X dW, X(0) = X0, t in [0, T1], PATHS independent paths,
STEPS Euler-Maruyama steps of size T1/STEPS; only the states at T1 are kept.
"""

import argparse

from peer_common import median_seconds  # noqa: F401 (re-exported for the SDE peers)

MU, SIGMA, X0, T1 = 0.5, 0.3, 1.0, 1.0
PATHS, STEPS = 4096, 1000
TREE_TOLERANCE = 1e-4


def parse_arguments(description, brownians):
    """`[--brownian B] [--paths N] [--steps N] [--repeat N]`, as continuum-bench sde takes them."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--brownian", default=brownians[0], choices=list(brownians))
    parser.add_argument("--paths", type=int, default=PATHS)
    parser.add_argument("--steps", type=int, default=STEPS)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    if min(args.paths, args.steps, args.repeat) < 1:
        parser.error("--paths, --steps and --repeat must be >= 1")
    return args




def exact_mean():
    """E[X(T1)] = X0 exp(MU T1): a check that every contender solved the same problem."""
    import math
    return X0 * math.exp(MU * T1)
