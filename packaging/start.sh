#!/usr/bin/env bash
# Installs what is missing, builds the applications (dev preset) and starts VINDEX Studio.
# Without a display it runs the headless main job instead: `vindex inspect` on a reference checkpoint.
# Arguments are passed on to vindex-studio (e.g. a NIfTI file to open).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
./packaging/install-deps.sh >&2
cmake --preset dev >/dev/null
cmake --build --preset dev --target vindex vindex-studio

fixtures="$root/../shared/fixtures"
if [[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]]; then
  if [[ $# -eq 0 && -f "$fixtures/mini-nsd/nsddata/ppdata/subj01/func1pt8mm/T1_to_func1pt8mm.nii.gz" ]]; then
    set -- "$fixtures/mini-nsd/nsddata/ppdata/subj01/func1pt8mm/T1_to_func1pt8mm.nii.gz"
  fi
  exec build/dev/app/studio/vindex-studio "$@"
fi
echo "No display: running the headless main job (vindex inspect on a training checkpoint)." >&2
exec build/dev/app/vindex inspect "${1:-$fixtures/brain-tiny/brainxs_last.pth}"
