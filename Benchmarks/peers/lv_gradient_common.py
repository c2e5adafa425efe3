"""The Lotka-Volterra gradient benchmark shared by the peers: the reference problem of
`lotka_volterra.json` (a=1.5, b=1, c=3, d=1, y0=(1,1)), loss L = sum over t=1..10 of |y(t)|^2,
gradient with respect to (a, b, c, d) and y0; same command line as `continuum-bench gradient`."""

import argparse

PARAMS = (1.5, 1.0, 3.0, 1.0)
Y0 = (1.0, 1.0)
TIMES = tuple(float(t) for t in range(0, 11))  # t0 = 0 then the ten loss times


def parse_arguments(description, adjoints):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--adjoint", default=adjoints[0], choices=adjoints)
    parser.add_argument("--method", default="dopri5", choices=["dopri5", "tsit5"])
    parser.add_argument("--rtol", type=float, default=1e-8)
    parser.add_argument("--atol", type=float, default=1e-8)
    parser.add_argument("--repeat", type=int, default=50)
    return parser.parse_args()
