"""torchdiffeq's ode_demo problem shared by the spiral peers: dy/dt = (y^3) A with
A = [[-0.1, 2], [-2, -0.1]], y0 = (2, 0), 1000 points on [0, 25]; model y^3 -> Linear(2, 50) ->
tanh -> Linear(50, 2); batches of 20 windows of 10 points; Dopri5 rtol 1e-7 atol 1e-9; RMSprop
lr 1e-3; float64; mean absolute error."""

import argparse

A = ((-0.1, 2.0), (-2.0, -0.1))
Y0 = (2.0, 0.0)
POINTS, T1, BATCH, WINDOW = 1000, 25.0, 20, 10


def parse_arguments(description):
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    return parser.parse_args()
