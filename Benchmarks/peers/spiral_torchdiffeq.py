"""torchdiffeq's ode_demo training loop (odeint with backpropagation through the solver), timed
per iteration. Prints {"seconds_per_iteration":..., "trajectory_l1":[[iteration, error], ...]}."""

import json
import statistics
import sys
import time

import torch
import torchdiffeq

from spiral_common import A, BATCH, POINTS, T1, WINDOW, Y0, parse_arguments

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)


class ODEFunc(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.net = torch.nn.Sequential(torch.nn.Linear(2, 50), torch.nn.Tanh(), torch.nn.Linear(50, 2))

    def forward(self, t, y):
        return self.net(y ** 3)


def main():
    args = parse_arguments(__doc__.splitlines()[0])
    torch.manual_seed(args.seed)
    a = torch.tensor(A)
    t = torch.linspace(0.0, T1, POINTS)
    with torch.no_grad():
        true_y = torchdiffeq.odeint(lambda t, y: torch.mm(y ** 3, a), torch.tensor([Y0]), t, method="dopri5",
                                    rtol=1e-10, atol=1e-12)
    func = ODEFunc()
    optimizer = torch.optim.RMSprop(func.parameters(), lr=1e-3)
    seconds, checkpoints = [], []
    for iteration in range(1, args.iterations + 1):
        start = time.perf_counter()
        s = torch.randint(0, POINTS - WINDOW, (BATCH,))
        batch_y0, batch_t = true_y[s], t[:WINDOW]
        batch_y = torch.stack([true_y[s + i] for i in range(WINDOW)], dim=0)
        optimizer.zero_grad()
        pred_y = torchdiffeq.odeint(func, batch_y0, batch_t, rtol=1e-7, atol=1e-9, method="dopri5")
        loss = torch.mean(torch.abs(pred_y - batch_y))
        loss.backward()
        optimizer.step()
        seconds.append(time.perf_counter() - start)
        if iteration % 20 == 0 or iteration == args.iterations:
            with torch.no_grad():
                pred = torchdiffeq.odeint(func, torch.tensor([Y0]), t, rtol=1e-7, atol=1e-9, method="dopri5")
                checkpoints.append([iteration, float(torch.mean(torch.abs(pred - true_y)))])
    print(json.dumps({"seconds_per_iteration": statistics.median(seconds), "iterations": args.iterations,
                      "trajectory_l1": checkpoints, "library": f"torchdiffeq (torch {torch.__version__})"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
