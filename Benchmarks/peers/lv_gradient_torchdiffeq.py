"""Lotka-Volterra loss gradient with torchdiffeq (float64, CPU): odeint (backpropagation through
the solver's operations) or odeint_adjoint (continuous adjoint). Prints one JSON line:
{"median_s":..., "loss":..., "gradient":[...], "gradient_y0":[...], "library":...}.

  python lv_gradient_torchdiffeq.py --adjoint odeint|odeint_adjoint --method dopri5 --rtol 1e-8 --atol 1e-8
"""

import json
import sys

import torch
import torchdiffeq

from lv_gradient_common import PARAMS, TIMES, Y0, parse_arguments
from peer_common import median_seconds

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)


class LotkaVolterra(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.theta = torch.nn.Parameter(torch.tensor(PARAMS))

    def forward(self, t, y):
        a, b, c, d = self.theta
        x, z = y[0], y[1]
        return torch.stack([a * x - b * x * z, -c * z + d * x * z])


def main():
    args = parse_arguments(__doc__.splitlines()[0], ["odeint", "odeint_adjoint"])
    if args.method != "dopri5":
        print("torchdiffeq has no tsit5; use --method dopri5", file=sys.stderr)
        return 2
    model = LotkaVolterra()
    times = torch.tensor(TIMES)
    solver = torchdiffeq.odeint if args.adjoint == "odeint" else torchdiffeq.odeint_adjoint

    def run():
        y0 = torch.tensor(Y0, requires_grad=True)
        ys = solver(model, y0, times, rtol=args.rtol, atol=args.atol, method="dopri5")
        loss = (ys[1:] ** 2).sum()
        grads = torch.autograd.grad(loss, [model.theta, y0])
        return loss, grads

    loss, grads = run()
    median = median_seconds(run, args.repeat)
    print(json.dumps({
        "median_s": median, "loss": float(loss.detach()), "gradient": grads[0].tolist(), "gradient_y0": grads[1].tolist(),
        "library": f"torchdiffeq {getattr(torchdiffeq, '__version__', '?')} (torch {torch.__version__})",
        "solver": f"torchdiffeq.{args.adjoint} dopri5",
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
