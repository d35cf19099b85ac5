#pragma once
// Captioning with a multimodal LLM from images or from visual features (e.g. a brain encoder's output): the
// engine side of `vindex caption` and of the GUI's decoding. No LibTorch header here: front ends include this.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace vindex::models {

struct CaptionRequest {
    std::string modelFolder;         // LLaVA (either layout) or Shikra
    std::vector<std::string> images; // PNG/JPEG files, one caption each
    // A .safetensors file with a tensor "features" [trials, N, C] (vindex encode / vindex features output).
    std::string featuresPath;
    std::string prompt = "Describe this image in detail."; // the user's message; "<image>" marks the visual tokens
    int64_t maxNewTokens = 128;
    int64_t batchSize = 8; // prompts generated together
    double temperature = 0.0; // 0: greedy (the reference evaluation); > 0 samples
    double topP = 1.0;
    uint64_t seed = 0;
    std::vector<std::string> stopStrings;
    std::string device = "cpu", dtype = "f32";
    // Streaming: sequence index (in the request's order) and its text so far.
    std::function<void(std::size_t index, const std::string &text)> onText;
    std::function<void(std::size_t done, std::size_t total)> progress;
    const std::atomic<bool> *cancel = nullptr;
};

struct CaptionResult {
    struct Caption {
        std::string source; // image path, or "features[i]"
        std::vector<int64_t> ids;
        std::string text;
    };
    std::string model;      // display name of the model
    std::string promptText; // the whole prompt as the template made it
    std::vector<Caption> captions;
    int64_t promptTokens = 0, generatedTokens = 0;
    double prefillTokensPerSecond = 0, decodeTokensPerSecond = 0, seconds = 0;
};

// Throws ModelError / FormatError / DataError naming the file, Error for an empty request, Cancelled.
CaptionResult caption(const CaptionRequest &request);

} // namespace vindex::models
