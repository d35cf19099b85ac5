#!/usr/bin/env bash
# One GPU check for a machine with an NVIDIA GPU and PyTorch (no Qt or VTK needed): builds the `core` preset against
# the installed PyTorch's LibTorch, runs the `gpu` tests (fixture parity on CUDA in f32/f16/bf16, half-precision
# training steps, SDPA attention against the explicit formula, resume exactness), verifies every fixture on CUDA,
# runs `vindex bench decode` (a fixture and LLaMA-7B-size random weights) and `vindex bench train` (full-size
# BrainXS), and writes one JSON summary. Without a GPU the GPU sections are reported as skipped, with the reason.
#
# Usage: packaging/gpu-check.sh [--out DIR] [--build DIR | --reuse-build DIR] [--python PYTHON] [--fixtures DIR]
#                                [--quick]
#   --out DIR          where the summary (gpu-check.json) and the logs go (default: build/gpu-check)
#   --build DIR        build folder for the core preset (default: build/gpu-core); configured and built here
#   --reuse-build DIR  use a folder that is already configured (any preset with vindex and vindex_gpu_tests): only
#                      brings those two targets up to date
#   --python PYTHON    the Python whose PyTorch to build against (default: .venv/bin/python if it has torch, else
#                      python3)
#   --fixtures DIR     the reference fixtures (default: ../shared/fixtures beside the checkout, else shared/fixtures)
#   --quick            fewer timed repeats and shorter benchmarks
# Exit status: 0 when nothing failed (skipped sections do not fail), 1 when a section failed, 2 for bad arguments.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/build/gpu-check"
build="$root/build/gpu-core"
reuse=0
python=""
fixtures=""
quick=0
usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; }
fail_usage() { echo "gpu-check: $1 (see --help)" >&2; exit 2; }
while (($#)); do
  case "$1" in
    --out) [[ $# -ge 2 ]] || fail_usage "--out needs a folder"; out="$2"; shift 2 ;;
    --build) [[ $# -ge 2 ]] || fail_usage "--build needs a folder"; build="$2"; reuse=0; shift 2 ;;
    --reuse-build) [[ $# -ge 2 ]] || fail_usage "--reuse-build needs a folder"; build="$2"; reuse=1; shift 2 ;;
    --python) [[ $# -ge 2 ]] || fail_usage "--python needs a program"; python="$2"; shift 2 ;;
    --fixtures) [[ $# -ge 2 ]] || fail_usage "--fixtures needs a folder"; fixtures="$2"; shift 2 ;;
    --quick) quick=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) fail_usage "unknown argument '$1'" ;;
  esac
done
if ((reuse)) && [[ ! -f "$build/CMakeCache.txt" ]]; then
  fail_usage "--reuse-build $build: not a configured build folder (no CMakeCache.txt)"
fi
if [[ -z "$python" ]]; then
  if [[ -x "$root/.venv/bin/python" ]] && "$root/.venv/bin/python" -c 'import torch' >/dev/null 2>&1; then
    python="$root/.venv/bin/python"
  else
    python="$(command -v python3 || true)"
  fi
fi
if ! ((reuse)); then
  [[ -n "$python" && -x "$(command -v "$python" || echo "$python")" ]] || fail_usage "no Python found (give --python)"
  "$python" -c 'import torch' >/dev/null 2>&1 || fail_usage "$python has no PyTorch (pip install torch, or give --python)"
fi
summary_python="$(command -v python3 || echo "$python")"
mkdir -p "$out/sections"
rm -f "$out/sections/"*.json
if [[ -z "$fixtures" ]]; then
  fixtures="$root/../shared/fixtures"
  [[ -d "$fixtures" ]] || fixtures="$root/shared/fixtures"
fi
[[ -f "$fixtures/brain-tiny/expected.safetensors" ]] || fail_usage "no reference fixtures in $fixtures (give --fixtures)"
fixtures="$(cd "$fixtures" && pwd)"

# section NAME STATUS DETAIL [JSON_FILE]: one entry of the summary (the file's JSON, if any, is kept as "data").
section() {
  "$summary_python" - "$out/sections/$1.json" "$1" "$2" "$3" "${4:-}" <<'PY'
import json, sys, pathlib
path, name, status, detail, data = sys.argv[1:6]
entry = {"name": name, "status": status, "detail": detail}
if data and pathlib.Path(data).is_file():
    try:
        entry["data"] = json.loads(pathlib.Path(data).read_text())
    except ValueError:
        entry["data_file"] = data
pathlib.Path(path).write_text(json.dumps(entry))
PY
  echo "gpu-check: $1: $2${3:+ — $3}"
}
timed() { local started=$SECONDS; "$@"; local rc=$?; elapsed=$((SECONDS - started)); return $rc; }

# 1. The machine.
{
  echo "{\"date\": \"$(date -u +%FT%TZ)\", \"host\": \"$(hostname)\", \"cpus\": $(nproc),"
  if command -v nvidia-smi >/dev/null 2>&1; then
    echo "\"nvidia_smi\": $(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader \
      | "$summary_python" -c 'import json,sys; print(json.dumps([l.strip() for l in sys.stdin if l.strip()]))'),"
  else
    echo "\"nvidia_smi\": null,"
  fi
  if [[ -n "$python" ]] && "$python" -c 'import torch' >/dev/null 2>&1; then
    echo "\"pytorch\": $("$python" -c 'import json,torch; print(json.dumps({"version": torch.__version__, "cuda": torch.version.cuda, "cuda_available": torch.cuda.is_available(), "devices": [torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count())]}))')"
  else
    echo "\"pytorch\": null"
  fi
  echo "}"
} > "$out/machine.json"
section machine passed "what this machine has" "$out/machine.json"

# 2. Build: core + CLI + the GPU tests (no Qt/VTK).
if ((reuse)); then
  timed cmake --build "$build" --target vindex vindex_gpu_tests > "$out/build.log" 2>&1
else
  prefix="$("$python" -c 'import torch.utils; print(torch.utils.cmake_prefix_path)')"
  timed bash -c "cmake --preset core -B '$build' -DCMAKE_PREFIX_PATH='$prefix' -DVINDEX_FIXTURES_DIR='$fixtures' && \
                 cmake --build '$build' --target vindex vindex_gpu_tests" > "$out/build.log" 2>&1
fi
build_rc=$?
vindex="$build/app/vindex"
if ((build_rc != 0)) || [[ ! -x "$vindex" ]]; then
  section build failed "see $out/build.log (${elapsed}s)"
  "$summary_python" - "$out" <<'PY'
import json, pathlib, sys
out = pathlib.Path(sys.argv[1])
sections = [json.loads(p.read_text()) for p in sorted((out / "sections").glob("*.json"))]
(out / "gpu-check.json").write_text(json.dumps({"passed": False, "sections": sections}, indent=2))
PY
  exit 1
fi
section build passed "${elapsed}s in $build"
"$vindex" --version > "$out/version.txt" 2>&1
section version passed "$(tr '\n' ';' < "$out/version.txt")"

cuda=0
grep -q 'device(s) visible' "$out/version.txt" && cuda=1
no_gpu="LibTorch sees no CUDA device here ($(grep -E '^ *CUDA' "$out/version.txt" | head -1 | sed 's/^ *//'))"

# 3. The gpu tests.
if ((cuda)); then
  timed "$build/tests/gpu/vindex_gpu_tests" --gtest_output="json:$out/gpu-tests.json" > "$out/gpu-tests.log" 2>&1
  rc=$?
  if ((rc == 0)); then section gpu_tests passed "${elapsed}s" "$out/gpu-tests.json"
  else section gpu_tests failed "exit $rc, see $out/gpu-tests.log" "$out/gpu-tests.json"; fi
else
  "$build/tests/gpu/vindex_gpu_tests" > "$out/gpu-tests.log" 2>&1
  section gpu_tests skipped "$(tail -1 "$out/gpu-tests.log")"
fi

# 4. Every fixture through `vindex verify` on CUDA, each precision (the max errors, for the record).
if ((cuda)); then
  status=passed
  echo "[" > "$out/verify.json"
  first=1
  for fixture in clip-vit-tiny clip-full-tiny dinov2-tiny siglip-tiny llava-tiny llava-hf-tiny shikra-tiny brain-tiny; do
    for dtype in f32 f16 bf16; do
      result="$("$vindex" --json --device cuda --dtype "$dtype" verify "$fixtures/$fixture" 2>>"$out/verify.log")" || status=failed
      ((first)) || echo "," >> "$out/verify.json"
      first=0
      echo "${result:-null}" >> "$out/verify.json"
    done
  done
  echo "]" >> "$out/verify.json"
  section verify "$status" "8 fixtures × f32/f16/bf16 on cuda" "$out/verify.json"
else
  section verify skipped "$no_gpu"
fi

# 5. Benchmarks, against the Python reference on an H200 (shared/measurements.md): 47.4 tokens/s greedy decoding of
#    LLaVA-1.5-7B at batch 1 (349 at batch 8), 686 samples/s training BrainXS.
repeats=3; new_tokens=128; train_steps=20
if ((quick)); then repeats=1; new_tokens=32; train_steps=5; fi
bench() { # NAME DETAIL ARGS...
  local name="$1" detail="$2"; shift 2
  if ! ((cuda)); then section "$name" skipped "$no_gpu"; return; fi
  if timed timeout 900 "$vindex" --json --device cuda "$@" > "$out/$name.json" 2> "$out/$name.log"; then
    section "$name" passed "$detail (${elapsed}s)" "$out/$name.json"
  else
    section "$name" failed "exit $?, see $out/$name.log"
  fi
}
bench bench_decode_fixture "llava-tiny, f32" bench decode --mllm "$fixtures/llava-tiny" --repeats "$repeats"
bench bench_decode_7b_b1 "LLaMA-7B shape, random weights, f16, 616-token prompt, batch 1 (reference 47.4 tokens/s)" \
  --dtype f16 bench decode --random llama-7b --prompt-tokens 616 --new-tokens "$new_tokens" --batch 1 --repeats "$repeats"
bench bench_decode_7b_b8 "the same at batch 8 (reference 349 tokens/s in total)" \
  --dtype f16 bench decode --random llama-7b --prompt-tokens 616 --new-tokens "$new_tokens" --batch 8 --repeats "$repeats"
bench bench_train_f16 "full-size BrainXS, f16 autocast, batch 128 (reference 686 samples/s)" \
  --dtype f16 bench train --batch 128 --steps "$train_steps"
bench bench_train_bf16 "full-size BrainXS, bf16 autocast, batch 128" \
  --dtype bf16 bench train --batch 128 --steps "$train_steps"

"$summary_python" - "$out" "$cuda" <<'PY'
import json, pathlib, sys
out, cuda = pathlib.Path(sys.argv[1]), sys.argv[2] == "1"
sections = [json.loads(p.read_text()) for p in sorted((out / "sections").glob("*.json"), key=lambda p: p.stat().st_mtime)]
reference = {"bench_decode_7b_b1": ("decode_tokens_per_second", 47.4), "bench_decode_7b_b8": ("decode_tokens_per_second", 349.0),
             "bench_train_f16": ("samples_per_second", 686.0)}
for s in sections:
    if s["name"] in reference and isinstance(s.get("data"), dict):
        key, value = reference[s["name"]]
        if key in s["data"]:
            s["ratio_to_python_reference"] = s["data"][key] / value
failed = [s["name"] for s in sections if s["status"] == "failed"]
summary = {"passed": not failed, "failed": failed, "gpu": cuda,
           "skipped": [s["name"] for s in sections if s["status"] == "skipped"], "sections": sections}
(out / "gpu-check.json").write_text(json.dumps(summary, indent=2))
print(f"gpu-check: summary in {out / 'gpu-check.json'}: " + ("passed" if not failed else "FAILED: " + ", ".join(failed))
      + ("" if cuda else " (no GPU: GPU sections skipped)"))
sys.exit(1 if failed else 0)
PY
