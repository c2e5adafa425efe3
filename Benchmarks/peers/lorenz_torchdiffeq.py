"""Lorenz benchmark with torchdiffeq (PyTorch, CPU, float64).

Same contract as `continuum-bench lorenz`: Lorenz (sigma=10, rho=28, beta=8/3),
y0=(1,0,0), t in [0,20], only the final state asked for (t=[0,20]). Prints one
JSON line:

  {"median_s":..., "nfe":..., "steps":..., "rejected":..., "y":[...],
   "library":"torchdiffeq X.Y.Z (torch A.B.C)", "solver":"...", "note":"..."}

--method dopri5 -> odeint(method="dopri5")
--method dop853 -> odeint(method="dopri8") (Dormand-Prince 8(7), not DOP853)
--method tsit5  -> not available in torchdiffeq (exit status 3, no JSON)

"steps" counts accepted steps. nfe and step counts come from one extra untimed
run whose vector field counts its calls and gets torchdiffeq's
callback_accept_step / callback_reject_step hooks; the timed runs use a plain
module without counters.

Run with the peers venv (see setup.sh --with-torch):
  python lorenz_torchdiffeq.py --method dopri5 --rtol 1e-8 --atol 1e-8 --repeat 50
"""

import importlib.metadata
import json
import sys

import torch
from torchdiffeq import odeint

from peer_common import BETA, RHO, SIGMA, T0, T1, Y0, median_seconds, parse_arguments


ENDPOINT_NOTE = (
    "torchdiffeq does not shorten the last step to land on t1: it steps past "
    "t=20 and returns the dense-output interpolant there"
)
METHODS = {
    "dopri5": ("dopri5", ENDPOINT_NOTE),
    "dop853": (
        "dopri8",
        "torchdiffeq has no DOP853; this is its dopri8 (Dormand-Prince 8(7)), "
        "so nfe/steps are not directly comparable. " + ENDPOINT_NOTE,
    ),
}


class Lorenz(torch.nn.Module):
    def forward(self, t, y):
        x, yy, z = y[0], y[1], y[2]
        return torch.stack([SIGMA * (yy - x), x * (RHO - z) - yy, x * yy - BETA * z])


class CountingLorenz(Lorenz):
    def __init__(self):
        super().__init__()
        self.nfe = 0
        self.accepted = 0
        self.rejected = 0

    def forward(self, t, y):
        self.nfe += 1
        return super().forward(t, y)

    def callback_accept_step(self, t0, y0, dt):
        self.accepted += 1

    def callback_reject_step(self, t0, y0, dt):
        self.rejected += 1


def solve(func, method, rtol, atol):
    y0 = torch.tensor(Y0, dtype=torch.float64)
    t = torch.tensor([T0, T1], dtype=torch.float64)
    with torch.no_grad():
        return odeint(func, y0, t, rtol=rtol, atol=atol, method=method)[-1]


def main():
    args = parse_arguments(__doc__.splitlines()[0], ["dopri5", "tsit5", "dop853"])
    if args.method not in METHODS:
        print(f"lorenz_torchdiffeq: torchdiffeq has no {args.method} solver", file=sys.stderr)
        return 3
    method, note = METHODS[args.method]

    func = Lorenz()
    y = solve(func, method, args.rtol, args.atol)  # warm-up, not timed

    median = median_seconds(lambda: solve(func, method, args.rtol, args.atol), args.repeat)

    counter = CountingLorenz()
    y_counted = solve(counter, method, args.rtol, args.atol)
    if not torch.equal(y, y_counted):
        print("lorenz_torchdiffeq: counting run gave a different result", file=sys.stderr)
        return 1

    print(json.dumps({
        "median_s": median,
        "nfe": counter.nfe,
        "steps": counter.accepted,
        "rejected": counter.rejected,
        "y": [float(v) for v in y],
        "library": (
            f"torchdiffeq {importlib.metadata.version('torchdiffeq')} "
            f"(torch {torch.__version__})"
        ),
        "solver": f"odeint(method={method!r})",
        "note": note,
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
