"""What every peer script shares: the Lorenz problem's constants, the command line of
`continuum-bench lorenz`, and timing a solve."""

import argparse
import statistics
import time

SIGMA, RHO, BETA = 10.0, 28.0, 8.0 / 3.0
T0, T1 = 0.0, 20.0
Y0 = (1.0, 0.0, 0.0)


def parse_arguments(description, methods, problems=("lorenz",)):
    """`[PROBLEM] [--method M] [--rtol R] [--atol A] [--repeat N]`, as continuum-bench takes them."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("problem", nargs="?", default=problems[0], choices=list(problems))
    parser.add_argument("--method", default="dopri5", choices=sorted(methods))
    parser.add_argument("--rtol", type=float, default=1e-8)
    parser.add_argument("--atol", type=float, default=1e-8)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat must be >= 1")
    return args


def median_seconds(run, repeat):
    """Median wall time of `repeat` calls of `run()`."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


# The stiff benchmark problems (as continuum-bench defines them): initial state and final time.
STIFF_PROBLEMS = {
    "robertson": ((1.0, 0.0, 0.0), 1e11),
    "vanderpol": ((2.0, 0.0), 3000.0),
}
VDP_MU = 1000.0
