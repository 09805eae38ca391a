# Shared by scripts/run, scripts/test and scripts/bench: create or update .venv.
# Reinstalls only when pyproject.toml changed since the last install.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
python="${PYTHON:-python3}"
if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
    echo "VINR Desktop behöver Python 3.11 eller senare." >&2
    exit 1
fi
if [ ! -x "$venv/bin/python" ]; then
    echo "Skapar virtuell miljö i .venv ..." >&2
    "$python" -m venv "$venv"
fi
stamp="$venv/.vinr-installed"
want="$(sha256sum "$root/pyproject.toml" | cut -d' ' -f1)-${VINR_EXTRAS:-}"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "Installerar beroenden ..." >&2
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    "$venv/bin/python" -m pip install --quiet -e "$root${VINR_EXTRAS:+[$VINR_EXTRAS]}"
    echo "$want" > "$stamp"
fi
# Byte-compile our own sources as an installed program would have them (pip compiles regular
# installs; an editable one is compiled on first import, which never sticks where
# PYTHONDONTWRITEBYTECODE is set). Cheap when nothing changed.
"$venv/bin/python" -m compileall -q -j 0 "$root/src" > /dev/null || true
