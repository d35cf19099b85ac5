#include "vindex/models/FactualSceneGraphParser.h"

#include "vindex/core/Error.h"
#include "vindex/io/JsonFile.h"
#include "vindex/models/BeamSearch.h"
#include "vindex/models/T5Model.h"
#include "vindex/models/T5Tokenizer.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <algorithm>
#include <filesystem>
#include <set>

namespace vindex::models {

namespace {

const char *const kPrefix = "Generate Scene Graph: ";
const char *const kWhitespace = " \t\n\r\v\f\x1c\x1d\x1e\x1f"; // str.strip()/split() on ASCII text

std::string strip(const std::string &text, const char *characters = kWhitespace)
{
    const auto begin = text.find_first_not_of(characters);
    if (begin == std::string::npos)
        return {};
    return text.substr(begin, text.find_last_not_of(characters) - begin + 1);
}

std::vector<std::string> splitOn(const std::string &text, const std::string &separator)
{
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t at = text.find(separator); at != std::string::npos; at = text.find(separator, start)) {
        parts.push_back(text.substr(start, at - start));
        start = at + separator.size();
    }
    parts.push_back(text.substr(start));
    return parts;
}

std::string replaceAll(std::string text, const std::string &from, const std::string &to)
{
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

// utils.space_out_symbols_in_graph
std::string spaceOutSymbols(const std::string &graph)
{
    const auto spaced = replaceAll(replaceAll(replaceAll(graph, "(", " ( "), ")", " ) "), ",", " , ");
    std::string out;
    std::size_t position = 0;
    while (true) {
        const auto begin = spaced.find_first_not_of(kWhitespace, position);
        if (begin == std::string::npos)
            break;
        auto end = spaced.find_first_of(kWhitespace, begin);
        if (end == std::string::npos)
            end = spaced.size();
        if (!out.empty())
            out += ' ';
        out += spaced.substr(begin, end - begin);
        position = end;
    }
    return out;
}

// utils.clean_graph_string: drop a truncated last fact, deduplicate, sort (code-point order = UTF-8 byte order).
std::string cleanGraphString(const std::string &factText)
{
    auto facts = splitOn(strip(factText), ") ,");
    const bool complete = !factText.empty() && factText.back() == ')';
    if (!complete && facts.size() > 1)
        facts.pop_back();
    else if (!complete && facts.size() == 1)
        facts = {splitOn(facts[0], ",")[0]};
    std::set<std::string> unique;
    for (const auto &fact : facts) {
        const auto cleaned = strip(strip(strip(fact), "()"));
        if (!cleaned.empty())
            unique.insert(cleaned);
    }
    std::string out;
    for (const auto &fact : unique)
        out += (out.empty() ? "( " : " , ( ") + fact + " )";
    return out;
}

// The length penalty of the folder's generation settings (generation_config.json, else config.json as transformers
// falls back to); settings that would add a logits processor we do not have are refused rather than ignored.
double generationLengthPenalty(const std::string &folder)
{
    auto path = std::filesystem::path(folder) / "generation_config.json";
    if (!std::filesystem::is_regular_file(path))
        path = std::filesystem::path(folder) / "config.json";
    const auto json = io::readJsonFile(path.string());
    const auto number = [&](const char *key, double fallback) {
        return json.contains(key) && json[key].is_number() ? json[key].get<double>() : fallback;
    };
    const std::pair<const char *, double> neutral[] = {{"no_repeat_ngram_size", 0},
                                                       {"encoder_no_repeat_ngram_size", 0},
                                                       {"repetition_penalty", 1},
                                                       {"encoder_repetition_penalty", 1},
                                                       {"min_length", 0},
                                                       {"min_new_tokens", 0},
                                                       {"num_beam_groups", 1},
                                                       {"diversity_penalty", 0},
                                                       {"exponential_decay_length_penalty", 0}};
    for (const auto &[key, value] : neutral)
        if (number(key, value) != value)
            throw ModelError(path.string() + ": " + key + " = " + json[key].dump() +
                             " is not supported by our beam search (FACTUAL's parser leaves it at its default)");
    for (const char *key : {"bad_words_ids", "forced_bos_token_id", "forced_eos_token_id", "suppress_tokens",
                            "begin_suppress_tokens", "forced_decoder_ids", "sequence_bias"})
        if (json.contains(key) && !json[key].is_null())
            throw ModelError(path.string() + ": " + key + " is set; our beam search has no such logits processor");
    return number("length_penalty", 1.0);
}

} // namespace

FactualSceneGraphParser::FactualSceneGraphParser(const std::string &folder, const Compute &compute, Options options)
    : m_folder(folder), m_options(options)
{
    if (!std::filesystem::is_directory(folder))
        throw ModelError(folder + ": the scene-graph parser folder does not exist (a T5 folder such as "
                                  "lizhuang144/flan-t5-base-VG-factual-sg is needed)");
    m_model = T5Model::load(folder, compute);
    m_tokenizer = std::make_unique<T5Tokenizer>(T5Tokenizer::load(folder));
    m_lengthPenalty = generationLengthPenalty(folder);
    if (m_tokenizer->vocabSize() > m_model->config().vocabSize)
        throw ModelError((std::filesystem::path(folder) / "spiece.model").string() + ": the tokenizer has " +
                         std::to_string(m_tokenizer->vocabSize()) + " ids, the model's vocab_size is only " +
                         std::to_string(m_model->config().vocabSize));
}

FactualSceneGraphParser::FactualSceneGraphParser(const std::string &folder, const Compute &compute)
    : FactualSceneGraphParser(folder, compute, Options{})
{
}

FactualSceneGraphParser::~FactualSceneGraphParser() = default;

std::vector<std::vector<int64_t>> FactualSceneGraphParser::prompts(const std::vector<std::string> &sentences) const
{
    std::vector<std::vector<int64_t>> ids;
    std::size_t longest = 0;
    for (const auto &sentence : sentences) {
        ids.push_back(m_tokenizer->encode(kPrefix + strip(sentence), /*addEos=*/false));
        longest = std::max(longest, ids.back().size());
    }
    auto maxLength = static_cast<std::size_t>(m_options.maxInputLength);
    if (m_options.inputRule == InputRule::Release07)
        maxLength = std::min(maxLength, longest);
    for (auto &row : ids) {
        if (row.size() + 1 > maxLength) // truncation keeps room for </s>
            row.resize(maxLength > 0 ? maxLength - 1 : 0);
        row.push_back(m_tokenizer->eosId());
    }
    return ids;
}

std::pair<std::vector<std::vector<int64_t>>, std::vector<std::vector<int64_t>>>
FactualSceneGraphParser::batchInputs(const std::vector<std::string> &sentences) const
{
    auto ids = prompts(sentences);
    std::size_t padded = 0;
    for (const auto &row : ids)
        padded = std::max(padded, row.size());
    std::vector<std::vector<int64_t>> masks;
    for (auto &row : ids) {
        masks.emplace_back(padded, 0);
        std::fill(masks.back().begin(), masks.back().begin() + static_cast<std::ptrdiff_t>(row.size()), 1);
        row.resize(padded, m_tokenizer->padId());
    }
    return {ids, masks};
}

std::vector<std::vector<int64_t>> FactualSceneGraphParser::generate(const std::vector<std::string> &sentences) const
{
    return generatePrompts(prompts(sentences));
}

std::vector<std::vector<int64_t>>
FactualSceneGraphParser::generatePrompts(const std::vector<std::vector<int64_t>> &prompts) const
{
    if (prompts.empty())
        return {};
    at::NoGradGuard noGrad;
    const auto B = static_cast<int64_t>(prompts.size());
    int64_t S = 0;
    for (const auto &row : prompts)
        S = std::max(S, static_cast<int64_t>(row.size()));
    auto idTensor = at::full({B, S}, m_tokenizer->padId(), at::kLong), maskTensor = at::zeros({B, S}, at::kLong);
    for (int64_t b = 0; b < B; ++b) {
        std::copy(prompts[b].begin(), prompts[b].end(), idTensor[b].data_ptr<int64_t>());
        maskTensor[b].slice(0, 0, static_cast<int64_t>(prompts[b].size())).fill_(1);
    }
    const auto device = m_model->compute().device;
    const int64_t K = m_options.beamSize;
    const auto hidden = m_model->encode(idTensor, maskTensor);
    // Cross-attention keys/values once per sentence, then shared out to its K beams.
    auto cache = m_model->startDecoding(hidden, maskTensor.to(device));
    cache.reorder(at::arange(B, at::TensorOptions().dtype(at::kLong).device(device)).repeat_interleave(K));
    BeamSearch::Settings settings;
    settings.numBeams = K;
    settings.maxLength = m_options.maxOutputLength;
    settings.earlyStopping = K > 1 ? BeamSearch::EarlyStopping::WhenKFinished : BeamSearch::EarlyStopping::Heuristic;
    settings.lengthPenalty = m_lengthPenalty;
    settings.eosTokenId = m_model->config().eosTokenId;
    settings.padTokenId = m_tokenizer->padId();
    const auto start = at::full({B, 1}, m_tokenizer->padId(), at::TensorOptions().dtype(at::kLong).device(device));
    const auto result = BeamSearch(settings).run(
        start, [&](const at::Tensor &last, int64_t) { return m_model->decode(cache, last).select(1, -1); },
        [&](const at::Tensor &beamIndex) { cache.reorderBeams(beamIndex); },
        [&](const at::Tensor &keptRows) { cache.reorder(keptRows); });
    const auto cpu = result.sequences.to(at::kCPU).contiguous();
    std::vector<std::vector<int64_t>> out(static_cast<std::size_t>(cpu.size(0)));
    for (int64_t r = 0; r < cpu.size(0); ++r)
        out[r].assign(cpu[r].data_ptr<int64_t>(), cpu[r].data_ptr<int64_t>() + cpu.size(1));
    return out;
}

std::string FactualSceneGraphParser::formatGraph(const std::string &decoded)
{
    return cleanGraphString(spaceOutSymbols(strip(replaceAll(decoded, "Generate Scene Graph:", ""))));
}

std::string FactualSceneGraphParser::decodeGraph(const std::vector<int64_t> &ids) const
{
    return formatGraph(m_tokenizer->decode(ids, /*skipSpecial=*/true, /*cleanUpSpaces=*/true));
}

std::vector<std::string> FactualSceneGraphParser::parse(const std::vector<std::string> &sentences) const
{
    return parseDescriptions({sentences}).front();
}

std::vector<std::vector<std::string>>
FactualSceneGraphParser::parseDescriptions(const std::vector<std::vector<std::string>> &descriptions) const
{
    return parseDescriptions(descriptions, {});
}

std::vector<std::vector<std::string>>
FactualSceneGraphParser::parseDescriptions(const std::vector<std::vector<std::string>> &descriptions,
                                           const BatchObserver &observe) const
{
    struct Prompt {
        std::size_t description, sentence;
        std::vector<int64_t> ids;
    };
    std::vector<Prompt> all;
    const auto batch = static_cast<std::size_t>(std::max<int64_t>(1, m_options.batchSize));
    for (std::size_t d = 0; d < descriptions.size(); ++d) {
        const auto &sentences = descriptions[d];
        for (std::size_t first = 0; first < sentences.size(); first += batch) {
            const std::vector<std::string> chunk(
                sentences.begin() + static_cast<std::ptrdiff_t>(first),
                sentences.begin() + static_cast<std::ptrdiff_t>(std::min(sentences.size(), first + batch)));
            auto ids = prompts(chunk);
            for (std::size_t i = 0; i < ids.size(); ++i)
                all.push_back({d, first + i, std::move(ids[i])});
        }
    }
    // Similar lengths together: less padding in the encoder and fewer rows kept waiting in beam search.
    std::stable_sort(all.begin(), all.end(),
                     [](const Prompt &a, const Prompt &b) { return a.ids.size() < b.ids.size(); });
    std::vector<std::vector<std::string>> graphs(descriptions.size());
    for (std::size_t d = 0; d < descriptions.size(); ++d)
        graphs[d].resize(descriptions[d].size());
    for (std::size_t first = 0; first < all.size(); first += batch) {
        const std::size_t end = std::min(all.size(), first + batch);
        std::vector<std::vector<int64_t>> ids;
        for (std::size_t i = first; i < end; ++i)
            ids.push_back(all[i].ids);
        const auto generated = generatePrompts(ids);
        if (observe)
            observe(ids, generated);
        for (std::size_t i = first; i < end; ++i)
            graphs[all[i].description][all[i].sentence] = decodeGraph(generated[i - first]);
    }
    return graphs;
}

} // namespace vindex::models
