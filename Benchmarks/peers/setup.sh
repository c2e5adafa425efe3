#!/usr/bin/env bash
# Creates the Python venv used by the peer benchmarks (scipy, JAX/diffrax and,
# optionally, torch/torchdiffeq). The venv lives OUTSIDE the repository:
#
#   ${CONTINUUM_PEERS_VENV:-$HOME/.cache/continuum-peers}
#
# Usage: Benchmarks/peers/setup.sh [--with-torch] [--python PYTHON]
#
# Re-running is cheap: pip skips what is already installed at the pinned version.
# Environment:
#   CONTINUUM_PEERS_VENV   venv location (default $HOME/.cache/continuum-peers)
#   CONTINUUM_TORCH_INDEX  index tried first for torch (--with-torch)
#                          (default https://download.pytorch.org/whl/cpu). If it
#                          is unreachable: $CONTINUUM_TORCH_WHEEL, else the newest
#                          torch-*+cpu wheel in pip's find-links directories, else
#                          torch from PyPI (the CUDA build: several GB).
set -euo pipefail

VENV="${CONTINUUM_PEERS_VENV:-$HOME/.cache/continuum-peers}"
TORCH_INDEX="${CONTINUUM_TORCH_INDEX:-https://download.pytorch.org/whl/cpu}"
WITH_TORCH=0
PYTHON=""

usage() {
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'
}

while [ $# -gt 0 ]; do
    case "$1" in
        --with-torch) WITH_TORCH=1 ;;
        --python) PYTHON="$2"; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "setup.sh: unknown option: $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done

# Versions known to resolve together on CPython 3.11 (x86_64 Linux).
PINNED=(
    "numpy==2.4.6"
    "scipy==1.17.1"
    "jax[cpu]==0.10.2"
    "jaxlib==0.10.2"
    "equinox==0.13.8"
    "diffrax==0.7.2"
    "lineax==0.1.1"
    "optimistix==0.1.0"
    "jaxtyping==0.3.11"
)
TORCH_PINNED=(
    "torchdiffeq==0.2.5"
    "torchsde==0.2.6"
)

# Pick an interpreter: --python, else python3.11, else python3 (must be >= 3.11).
if [ -z "$PYTHON" ]; then
    if command -v python3.11 >/dev/null 2>&1; then
        PYTHON=python3.11
    else
        PYTHON=python3
    fi
fi
if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
    echo "setup.sh: $PYTHON is older than 3.11; pass --python /path/to/python3.11" >&2
    exit 1
fi

# Refuse to put the venv inside the repository.
REPO_ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
mkdir -p "$(dirname "$VENV")"
VENV_ABS="$(cd "$(dirname "$VENV")" && pwd)/$(basename "$VENV")"
case "$VENV_ABS/" in
    "$REPO_ROOT"/*)
        echo "setup.sh: refusing to create the venv inside the repository ($VENV_ABS)" >&2
        exit 1 ;;
esac

if [ ! -x "$VENV_ABS/bin/python" ]; then
    echo "==> creating venv at $VENV_ABS ($("$PYTHON" --version))"
    "$PYTHON" -m venv "$VENV_ABS"
else
    echo "==> reusing venv at $VENV_ABS"
fi
PIP=("$VENV_ABS/bin/python" -m pip --disable-pip-version-check)

echo "==> installing scipy, jax (cpu), equinox, diffrax"
"${PIP[@]}" install --quiet "${PINNED[@]}"

# Newest torch-*+cpu wheel for this Python in pip's configured find-links
# directories (or $CONTINUUM_TORCH_WHEEL if set); prints nothing if none.
local_cpu_torch_wheel() {
    if [ -n "${CONTINUUM_TORCH_WHEEL:-}" ]; then
        echo "$CONTINUUM_TORCH_WHEEL"
        return 0
    fi
    local tag dirs d
    tag="$("$VENV_ABS/bin/python" -c 'import sys; print(f"cp{sys.version_info[0]}{sys.version_info[1]}")')"
    dirs="$("${PIP[@]}" config list 2>/dev/null | sed -n "s/^.*find-links='\(.*\)'$/\1/p")"
    for d in $dirs; do
        [ -d "$d" ] || continue
        ls "$d"/torch-*+cpu-"$tag"-"$tag"-*linux*_x86_64.whl 2>/dev/null
    done | sort -V | tail -n 1
}

if [ "$WITH_TORCH" -eq 1 ]; then
    echo "==> installing torch (CPU build), torchdiffeq and torchsde"
    if "${PIP[@]}" show torch >/dev/null 2>&1; then
        echo "    torch already installed: $("${PIP[@]}" show torch | sed -n 's/^Version: //p')"
    elif "${PIP[@]}" install --quiet --timeout 20 --retries 1 \
            --index-url "$TORCH_INDEX" torch; then
        echo "    torch installed (tried $TORCH_INDEX first)"
    elif wheel="$(local_cpu_torch_wheel)" && [ -n "$wheel" ]; then
        echo "    $TORCH_INDEX not usable here; installing local CPU wheel $wheel"
        "${PIP[@]}" install --quiet "$wheel"
    else
        # Note: PyPI's Linux torch is the CUDA build (several GB of nvidia-* wheels).
        echo "    $TORCH_INDEX not usable here; installing torch from the default index (PyPI)"
        "${PIP[@]}" install --quiet torch
    fi
    "${PIP[@]}" install --quiet "${TORCH_PINNED[@]}"
fi

echo "==> installed versions"
"$VENV_ABS/bin/python" - <<'EOF'
import importlib.metadata as md
import platform
print(f"  python     {platform.python_version()}")
for name in ("numpy", "scipy", "jax", "jaxlib", "equinox", "diffrax", "torch", "torchdiffeq", "torchsde"):
    try:
        print(f"  {name:<10} {md.version(name)}")
    except md.PackageNotFoundError:
        pass
EOF
echo "==> done: peers venv is $VENV_ABS"
