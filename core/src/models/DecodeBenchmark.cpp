#include "vindex/models/DecodeBenchmark.h"

#include "vindex/core/Error.h"
#include "vindex/models/Generator.h"
#include "vindex/models/LlamaModel.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

namespace vindex::models {

DecodeBenchmark::Result DecodeBenchmark::run(const LlamaModel &model, const Options &options)
{
    if (options.promptLength <= 0 || options.newTokens <= 0 || options.batch <= 0)
        throw ModelError("decode benchmark: prompt length, new tokens and batch must be positive");
    // Random ids (fixed seed) avoiding the first few special ids; embedded like any prompt.
    at::Generator random = at::make_generator<at::CPUGeneratorImpl>(1234);
    const int64_t vocab = model.config().vocabSize;
    const at::Tensor ids = at::randint(std::min<int64_t>(3, vocab - 1), vocab, {options.batch, options.promptLength},
                                       random, at::TensorOptions().dtype(at::kLong));
    const at::Tensor embeds = model.embed(ids);
    std::vector<at::Tensor> prompts;
    for (int64_t b = 0; b < options.batch; ++b)
        prompts.push_back(embeds[b]);

    GenerationOptions generation;
    generation.maxNewTokens = options.newTokens;
    generation.ignoreEos = true;
    const Generator generator(model);
    for (int i = 0; i < options.warmupRuns; ++i)
        generator.generate(prompts, generation);
    const GenerationResult timed = generator.generate(prompts, generation);

    Result r;
    r.batch = options.batch;
    r.promptLength = options.promptLength;
    r.newTokens = options.newTokens;
    r.prefillSeconds = timed.prefillSeconds;
    r.prefillTokensPerSecond = timed.prefillTokensPerSecond();
    r.decodeSeconds = timed.decodeSeconds;
    r.decodeTokensPerSecond = timed.decodeTokensPerSecond();
    return r;
}

} // namespace vindex::models
