#pragma once
// What a decoding run (CaptionRun, GroundRun) reports about its speed: tokens through the model and the rates of
// the two phases of generation. No LibTorch header here: the CLI and the GUI include this.
#include <cstdint>

namespace vindex::decode {

struct RunTimings {
    int64_t promptTokens = 0;    // real (unpadded) prompt tokens of the prompts decoded now
    int64_t generatedTokens = 0; // tokens chosen, EOS included
    double prefillTokensPerSecond = 0, decodeTokensPerSecond = 0;
    double seconds = 0; // the whole run, model load included
};

} // namespace vindex::decode
