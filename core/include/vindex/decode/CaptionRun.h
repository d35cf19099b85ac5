#pragma once
// A captioning run: the step from inputs — images (the upper bound), a features file, or NSD trials through a brain
// encoder (or their stimulus images) — to captions, in one feature space of one multimodal LLM, batched, with one
// model load. Results are BrainHub's {"idx": "caption"} JSON, written atomically after every batch together with a
// run manifest (RESULTS.manifest.json: models and the SHA-256 of every weight file, prompt, template, decoding
// settings, space, device, versions, timings). Re-running with the same settings resumes: finished keys are kept and
// not decoded again. No LibTorch header here: the CLI and the GUI include this.
#include "vindex/core/JobControl.h"
#include "vindex/decode/RunOptions.h"
#include "vindex/decode/RunTimings.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace vindex::decode {

struct CaptionRunRequest : RunInputOptions, DecodingOptions {
    std::string modelFolder; // LLaVA (either layout, incl. MMVP / Dense Connector / M3 variants) or Shikra
    std::string space;       // se | me | af | nf | shikra; "" = se for LLaVA models, shikra for Shikra
    int64_t scale = 0;       // nf: visual tokens after pooling (0 = the model's default)
    // me: DINOv2 when the model's config.json names no "mm_dino_tower" — a torch.hub weights file
    // (dinov2_vitl14_pretrain.pth) or an HF DINOv2 folder; "" = torch.hub's cache ($TORCH_HOME/hub/checkpoints).
    std::string dinoTower;

    // Inputs (images keyed by their paths) and decoding settings: RunOptions.h.

    // "" = the method's prompt for the model (PromptPreset.h): "Describe this image in detail." (LLaVA family, no
    // <image>) or Shikra's "Describe this image <image> as simply as possible.".
    std::string prompt;

    std::string resultsPath; // "" = do not write (and no resume)

    // Cancel; progress ("decode", captions done, captions in all) after every batch; partial results: each
    // key's text so far, token by token.
    const JobControl *job = nullptr;
};

struct CaptionRunResult : RunTimings {
    struct Caption {
        std::string key;    // the results file's key
        std::string source; // image path, "features[i]", "subj01 test 5 (image 2950)"
        std::vector<int64_t> ids;
        std::string text;
        bool resumed = false; // taken from an earlier run's results file, not decoded now
    };
    std::string model, space, promptText;
    std::vector<Caption> captions;
    std::size_t resumed = 0;
    std::string resultsPath, manifestPath;
};

class CaptionRun {
public:
    // Throws Error for a bad request (several input kinds, an <image> rule broken, a range outside the split),
    // DataError / ModelError / FormatError naming the file, Cancelled (what was finished is already saved).
    static CaptionRunResult run(const CaptionRunRequest &request);
    static std::string manifestPathFor(const std::string &resultsPath); // RESULTS.manifest.json
    // "0:982", "3,5,10:20" → indices in order, each < count; Error naming the part that is wrong.
    static std::vector<int64_t> parseTrials(const std::string &text, int64_t count);
};

} // namespace vindex::decode
