#pragma once
// What produced a results file: models and the SHA-256 of their weight files, prompt, decoding settings, device and
// software versions, so that a report says how every caption was made. `vindex caption --out R.json` writes it as
// R.json.manifest.json (decode::CaptionRun); reports are also made from files nobody described (BrainHub's
// published captions), so reading is tolerant: every field is optional, values of an unexpected type are shown as
// their JSON text, unknown fields are kept, and an unreadable manifest becomes a `problem` line, not a failure.
//
// Where it is found (locate()): for a results file F, "F.manifest.json", else F with ".json" replaced by
// ".manifest.json"; for a run folder D (D/results.json), "D/manifest.json".
//
// Layout as decode::CaptionRun writes it (all fields optional here):
// {
//   "vindex": "0.1.0", "libraries": {"LibTorch": "2.5.1", ...},
//   "written": "2025-05-01T12:00:00Z",
//   "fingerprint": {"model": "/models/llava", "space": "se", "visual_tokens": 576, "prompt": "Describe ...",
//                   "decoding": {...}, "inputs": {"kind": "nsd", "root": ..., "subject": 1, "split": "test",
//                   "trials": "0:982", "layout": ..., "brain": {"checkpoint": ..., "kind": "BrainX"}},
//                   "device": "cuda:0", "dtype": "bf16"},
//   "model": "llava-v1.5-7b", "space": "se", "prompt_text": "<s>USER: <image>\nDescribe ... ASSISTANT:",
//   "models": [{"role": "mllm", "path": "/models/llava", "files": [{"name": "model.safetensors", "bytes": 123,
//               "sha256": "ab12..."}, ...]}, ...],
//   "decoding": {"max_new_tokens": 128, "temperature": 0, "top_p": 1, "seed": 0, "stop": [], "batch": 8},
//   "captions": 982, "timings": {"seconds": 812.4, "prompt_tokens": ..., "generated_tokens": ...}
// }
// and, for reports only, "label" (shown instead of a name made from the path) and "references" (the reference
// captions to score against; relative to the manifest's folder).
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace vindex::report {

struct ManifestFile {
    std::string name, sha256;
    int64_t bytes = -1; // -1: not given
};

struct ManifestModel {
    std::string role, name, path;
    std::string sha256;              // of the model itself, when it is one file given without "files"
    std::vector<ManifestFile> files; // weight and tokenizer files with their digests
};

using ManifestField = std::pair<std::string, std::string>; // name, value as shown

struct RunManifest {
    std::string path;    // empty: no manifest was found
    std::string problem; // non-empty: found but (partly) unreadable; says what and which file
    std::string label, created, command, prompt, promptText, device, dtype, references;
    std::vector<ManifestField> run;      // model, space, visual tokens, inputs, captions, timings: as present
    std::vector<ManifestModel> models;   // file order
    std::vector<ManifestField> decoding; // file order
    std::vector<ManifestField> versions; // vindex, then the libraries
    std::vector<ManifestField> other;    // unknown top-level fields, as compact JSON
    nlohmann::ordered_json document;     // the file as read (null without one)

    bool found() const { return !path.empty(); }
    // `references` as a path usable from here (relative ones resolved against the manifest's folder); "" if none.
    std::string referencesPath() const;
    // Why these results cannot be scored against referenceKeys BrainHub-ordered references, or "": the run decoded
    // an NSD test split in an order derived from the 73k ids (no webdataset tars) over another number of images
    // than the references hold, so a key does not name the same image in both (Subject::checkBrainHubOrder).
    std::string testOrderProblem(std::size_t referenceKeys) const;

    // The manifest path for a results file or run folder; empty when there is none.
    static std::string locate(const std::string &resultsPathOrRunFolder);
    // Never throws for the file's content: problems go to `problem`.
    static RunManifest read(const std::string &path);
    static RunManifest parse(const std::string &jsonText, const std::string &path);
};

} // namespace vindex::report
