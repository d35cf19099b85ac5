#!/usr/bin/env bash
# Installs the Debian 12 packages VINDEX Studio needs, only those that are missing.
# Usage: packaging/install-deps.sh [--headless]   (--headless: no Qt/VTK, for GPU servers)
set -euo pipefail
# libgloo-dev: gloo's headers for LibTorch's Gloo process group (data-parallel training; same version as libtorch's).
# Report tests: chromium renders the HTML report (headless screenshot), poppler-utils' pdftoppm and qpdf read the
# PDF report, fonts-liberation gives Helvetica's metrics when they render it.

core_packages=(
  cmake ninja-build ccache pkg-config g++ file dpkg-dev
  libtorch-dev libgloo-dev libhdf5-dev libspdlog-dev libfmt-dev libsentencepiece-dev
  nlohmann-json3-dev libcli11-dev zlib1g-dev libpng-dev libjpeg-dev libgtest-dev
  libopenblas0-pthread wordnet-base
  chromium poppler-utils qpdf fonts-liberation
)
gui_packages=(
  qt6-base-dev qt6-base-dev-tools libqt6opengl6-dev qt6-charts-dev qt6-svg-dev
  qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev libgl1-mesa-dri libglx-mesa0
  libvtk9-dev mpi-default-dev xvfb xauth
  qt6-translations-l10n fonts-wqy-microhei
)

packages=("${core_packages[@]}")
if [[ "${1:-}" != "--headless" ]]; then
  packages+=("${gui_packages[@]}")
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
if ((EUID != 0)); then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
