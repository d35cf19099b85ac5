#include "vindex/models/Generator.h"

#include "vindex/core/Error.h"
#include "vindex/models/KvCache.h"
#include "vindex/models/LlamaModel.h"
#include "vindex/models/Tokenizer.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <chrono>
#include <limits>

namespace vindex::models {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Next ids [rows] on the CPU from last-position logits [rows, V] (fp32).
std::vector<int64_t> chooseTokens(const at::Tensor &logits, const GenerationOptions &options, at::Generator &random)
{
    at::Tensor ids;
    if (!options.doSample || options.temperature <= 0) {
        ids = logits.argmax(-1).to(at::kCPU);
    } else {
        // On the CPU with one seeded generator: the same draws whatever the device.
        at::Tensor scores = logits.to(at::kCPU, at::kFloat) / options.temperature;
        if (options.topP < 1.0) {
            // HF TopPLogitsWarper: drop the low tail whose cumulative probability is <= 1 - top_p, keep the best.
            const auto sorted = scores.sort(-1, false);
            const at::Tensor cumulative = std::get<0>(sorted).softmax(-1).cumsum(-1);
            at::Tensor remove = cumulative.le(1.0 - options.topP);
            remove.narrow(-1, remove.size(-1) - 1, 1).fill_(false);
            remove = remove.scatter(-1, std::get<1>(sorted), remove);
            scores = scores.masked_fill(remove, -std::numeric_limits<float>::infinity());
        }
        ids = at::multinomial(scores.softmax(-1), 1, false, random).view({-1});
    }
    ids = ids.to(at::kLong).contiguous();
    return std::vector<int64_t>(ids.data_ptr<int64_t>(), ids.data_ptr<int64_t>() + ids.numel());
}

} // namespace

Generator::Generator(const LlamaModel &model, const Tokenizer *tokenizer) : m_model(model), m_tokenizer(tokenizer) {}

GenerationResult Generator::generateFromIds(const std::vector<std::vector<int64_t>> &promptIds,
                                            const GenerationOptions &options) const
{
    std::vector<at::Tensor> embeds;
    for (const auto &ids : promptIds) {
        if (ids.empty())
            throw ModelError("generation: prompt " + std::to_string(embeds.size()) + " has no tokens");
        const at::Tensor t = at::tensor(ids, at::TensorOptions().dtype(at::kLong)).view({1, -1});
        embeds.push_back(m_model.embed(t).squeeze(0));
    }
    return generate(embeds, options);
}

GenerationResult Generator::generate(const std::vector<at::Tensor> &promptEmbeds,
                                     const GenerationOptions &options) const
{
    const auto &config = m_model.config();
    const int64_t N = static_cast<int64_t>(promptEmbeds.size());
    if (N == 0)
        throw ModelError("generation: no prompts");
    if (options.maxNewTokens <= 0)
        throw ModelError("generation: maxNewTokens must be positive, got " + std::to_string(options.maxNewTokens));
    if (!options.stopStrings.empty() && !m_tokenizer)
        throw ModelError("generation: stop strings need a tokenizer");
    int64_t longest = 0;
    GenerationResult result;
    for (int64_t i = 0; i < N; ++i) {
        const at::Tensor &p = promptEmbeds[i];
        if (p.dim() != 2 || p.size(0) == 0 || p.size(1) != config.hiddenSize)
            throw ModelError("generation: prompt " + std::to_string(i) + " must be [tokens, " +
                             std::to_string(config.hiddenSize) + "] embeddings");
        longest = std::max(longest, p.size(0));
        result.promptTokens += p.size(0);
    }
    const std::vector<int64_t> eos = options.eosTokenIds.empty() ? config.eosTokenIds : options.eosTokenIds;
    const int64_t capacity = longest + options.maxNewTokens;
    const auto device = m_model.device();
    const auto longOptions = at::TensorOptions().dtype(at::kLong).device(device);

    // Left padding: every prompt ends at slot `longest`, so new tokens share one cache slot per step.
    at::Tensor embeds =
        at::zeros({N, longest, config.hiddenSize}, at::TensorOptions().dtype(m_model.dtype()).device(device));
    at::Tensor mask = at::zeros({N, capacity}, longOptions);    // grows by one column per step, in place
    at::Tensor positions = at::ones({N, longest}, longOptions); // HF puts 1 at padded positions
    std::vector<int64_t> nextPosition(N);
    for (int64_t i = 0; i < N; ++i) {
        const int64_t T = promptEmbeds[i].size(0), pad = longest - T;
        embeds[i].narrow(0, pad, T).copy_(promptEmbeds[i]);
        mask[i].narrow(0, pad, T).fill_(1);
        positions[i].narrow(0, pad, T).copy_(at::arange(T, longOptions));
        nextPosition[i] = T;
    }

    result.tokens.assign(N, {});
    result.finish.assign(N, GenerationResult::Finish::Length);
    std::vector<std::string> texts(N);
    std::vector<int64_t> active(N); // original index of each cache row
    for (int64_t i = 0; i < N; ++i)
        active[i] = i;
    at::Generator random = at::make_generator<at::CPUGeneratorImpl>(options.seed);
    KvCache cache(config, N, capacity, Compute{device, m_model.dtype()});

    const auto start = Clock::now();
    at::Tensor logits =
        m_model.forward(embeds, positions, mask.narrow(1, 0, longest), &cache, LlamaModel::Logits::LastOnly);
    Clock::time_point decodeStart = Clock::now();
    for (int64_t step = 0; step < options.maxNewTokens; ++step) {
        const std::vector<int64_t> chosen = chooseTokens(logits.select(1, 0), options, random);
        if (step == 0) {
            result.prefillSeconds = secondsSince(start);
            decodeStart = Clock::now();
        } else {
            result.decodeTokens += static_cast<int64_t>(chosen.size());
        }
        result.generatedTokens += static_cast<int64_t>(chosen.size());

        std::vector<int64_t> keep; // cache rows that go on
        for (std::size_t row = 0; row < active.size(); ++row) {
            const int64_t i = active[row];
            const int64_t id = chosen[row];
            if (!options.ignoreEos && std::find(eos.begin(), eos.end(), id) != eos.end()) {
                result.finish[i] = GenerationResult::Finish::Eos;
                continue;
            }
            result.tokens[i].push_back(id);
            bool stop = false;
            if (m_tokenizer && (!options.stopStrings.empty() || options.onToken)) {
                texts[i] = m_tokenizer->decode(result.tokens[i]);
                for (const auto &s : options.stopStrings)
                    if (!s.empty() && texts[i].find(s) != std::string::npos) {
                        result.finish[i] = GenerationResult::Finish::StopString;
                        stop = true;
                    }
            }
            if (options.onToken && !options.onToken(GeneratedToken{static_cast<std::size_t>(i), id, step, texts[i]})) {
                if (!stop)
                    result.finish[i] = GenerationResult::Finish::Callback;
                stop = true;
            }
            if (!stop && static_cast<int64_t>(result.tokens[i].size()) < options.maxNewTokens)
                keep.push_back(static_cast<int64_t>(row));
        }
        if (options.job)
            options.job->checkCancelled();
        if (keep.empty())
            break;

        if (keep.size() < active.size()) {
            // Drop finished rows: the cache and the mask move the others up in place.
            cache.keepRows(keep);
            const at::Tensor rows = at::tensor(keep, at::TensorOptions().dtype(at::kLong)).to(device);
            const int64_t k = static_cast<int64_t>(keep.size());
            mask.narrow(0, 0, k).copy_(mask.narrow(0, 0, static_cast<int64_t>(active.size())).index_select(0, rows));
            std::vector<int64_t> stillActive;
            for (const int64_t row : keep)
                stillActive.push_back(active[row]);
            active = std::move(stillActive);
        }
        const int64_t k = static_cast<int64_t>(active.size());
        std::vector<int64_t> nextIds(k), nextPositions(k);
        for (int64_t row = 0; row < k; ++row) {
            nextIds[row] = result.tokens[active[row]].back();
            nextPositions[row] = nextPosition[active[row]]++;
        }
        const int64_t slot = cache.length();
        at::Tensor rowsMask = mask.narrow(0, 0, k);
        rowsMask.narrow(1, slot, 1).fill_(1);
        const at::Tensor ids = at::tensor(nextIds, at::TensorOptions().dtype(at::kLong)).view({k, 1});
        const at::Tensor pos = at::tensor(nextPositions, at::TensorOptions().dtype(at::kLong)).view({k, 1}).to(device);
        logits = m_model.forward(m_model.embed(ids), pos, rowsMask.narrow(1, 0, slot + 1), &cache,
                                 LlamaModel::Logits::LastOnly);
    }
    result.decodeSeconds = secondsSince(decodeStart);

    if (m_tokenizer) {
        result.texts.resize(N);
        for (int64_t i = 0; i < N; ++i) {
            std::string text = m_tokenizer->decode(result.tokens[i]);
            std::size_t cut = std::string::npos;
            for (const auto &s : options.stopStrings)
                if (!s.empty())
                    cut = std::min(cut, text.find(s));
            if (cut != std::string::npos)
                text.resize(cut);
            result.texts[i] = std::move(text);
        }
    }
    return result;
}

} // namespace vindex::models
