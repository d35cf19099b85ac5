#!/usr/bin/env bash
# Installs what is missing, builds the applications (dev preset) and starts VINDEX Studio on the built-in demo dataset
# (written once to build/demo-world by `vindex demo`). Without a display it runs the headless main job on the same
# data instead: `vindex nsd info`. Arguments are passed on to vindex-studio (e.g. --dataset DIR, --session FILE).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./packaging/install-deps.sh >&2
cmake --preset dev >/dev/null
cmake --build --preset dev --target vindex vindex-studio

demo="$root/build/demo-world"
if [[ ! -d "$demo" ]]; then
  build/dev/app/vindex demo --out "$demo" >&2
fi
if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
  if [[ $# -eq 0 ]]; then
    set -- --dataset "$demo"
  fi
  exec build/dev/app/studio/vindex-studio "$@"
fi
echo "No display: running the headless main job (vindex nsd info on the demo dataset)." >&2
exec build/dev/app/vindex nsd info --root "${1:-$demo}"
