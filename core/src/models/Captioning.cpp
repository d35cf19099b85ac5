#include "vindex/models/Captioning.h"

#include "vindex/core/Error.h"
#include "vindex/io/SafetensorsFile.h"
#include "vindex/models/MultimodalModel.h"
#include "vindex/models/TorchTensors.h"

#include <ATen/ATen.h>

#include <chrono>

namespace vindex::models {
namespace {

// Python's str.strip() on the ASCII whitespace it knows (LLaVA strips the decoded output).
std::string pythonStrip(const std::string &text)
{
    const char *whitespace = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f";
    const auto first = text.find_first_not_of(whitespace);
    if (first == std::string::npos)
        return {};
    return text.substr(first, text.find_last_not_of(whitespace) - first + 1);
}

} // namespace

CaptionResult caption(const CaptionRequest &request)
{
    if (request.images.empty() && request.featuresPath.empty())
        throw Error("caption: give images or a features file");
    const auto started = std::chrono::steady_clock::now();
    at::NoGradGuard noGrad;
    const auto model = MultimodalModel::load(request.modelFolder, Compute::parse(request.device, request.dtype));

    // Every input becomes one feature tensor [N, C]: images through the vision tower, features as given.
    std::vector<at::Tensor> features;
    std::vector<std::string> sources;
    for (const auto &image : request.images) {
        features.push_back(model->visionFeatures(model->pixelValuesFromFile(image)).squeeze(0));
        sources.push_back(image);
    }
    if (!request.featuresPath.empty()) {
        const auto file = io::SafetensorsFile::open(request.featuresPath);
        at::Tensor all = toTorch(file.tensor("features"));
        if (all.dim() == 2)
            all = all.unsqueeze(0);
        if (all.dim() != 3)
            throw DataError(request.featuresPath + ": 'features' must be [trials, tokens, width], found " +
                            std::to_string(all.dim()) + " dimensions");
        for (int64_t i = 0; i < all.size(0); ++i) {
            features.push_back(all[i]);
            sources.push_back("features[" + std::to_string(i) + "]");
        }
    }

    CaptionResult result;
    result.model = model->description().displayName;
    result.promptText = model->promptText(request.prompt);
    GenerationOptions options;
    options.maxNewTokens = request.maxNewTokens;
    options.doSample = request.temperature > 0;
    options.temperature = request.temperature;
    options.topP = request.topP;
    options.seed = request.seed;
    options.stopStrings = request.stopStrings;
    options.progress = Progress({}, request.cancel);

    const std::size_t batch = static_cast<std::size_t>(std::max<int64_t>(1, request.batchSize));
    double prefillSeconds = 0, decodeSeconds = 0;
    int64_t decodeTokens = 0;
    for (std::size_t first = 0; first < features.size(); first += batch) {
        const std::size_t count = std::min(batch, features.size() - first);
        if (request.onText)
            options.onToken = [&, first](const GeneratedToken &token) {
                request.onText(first + token.sequence, token.text);
                return true;
            };
        const std::vector<std::string> prompts(count, result.promptText);
        const std::vector<at::Tensor> chunk(features.begin() + first, features.begin() + first + count);
        const auto generated = model->generate(prompts, chunk, options);
        for (std::size_t i = 0; i < count; ++i)
            result.captions.push_back({sources[first + i], generated.tokens[i], pythonStrip(generated.texts[i])});
        result.promptTokens += generated.promptTokens;
        result.generatedTokens += generated.generatedTokens;
        prefillSeconds += generated.prefillSeconds;
        decodeSeconds += generated.decodeSeconds;
        decodeTokens += generated.decodeTokens;
        if (request.progress)
            request.progress(first + count, features.size());
    }
    result.prefillTokensPerSecond = prefillSeconds > 0 ? result.promptTokens / prefillSeconds : 0;
    result.decodeTokensPerSecond = decodeSeconds > 0 ? decodeTokens / decodeSeconds : 0;
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

} // namespace vindex::models
