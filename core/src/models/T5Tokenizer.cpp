#include "vindex/models/T5Tokenizer.h"

#include "SentencePieceModel.h"
#include "vindex/core/Error.h"
#include "vindex/io/JsonFile.h"

#include <filesystem>

namespace vindex::models {

namespace {

const std::string kSpace = "\xE2\x96\x81"; // ▁

void replaceAll(std::string &text, const std::string &from, const std::string &to)
{
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

// transformers' PreTrainedTokenizerBase.clean_up_tokenization, in its order.
std::string cleanUpTokenization(std::string text)
{
    static const std::pair<const char *, const char *> kRules[] = {
        {" .", "."},     {" ?", "?"},   {" !", "!"},   {" ,", ","},     {" ' ", "'"},
        {" n't", "n't"}, {" 'm", "'m"}, {" 's", "'s"}, {" 've", "'ve"}, {" 're", "'re"}};
    for (const auto &[from, to] : kRules)
        replaceAll(text, from, to);
    return text;
}

} // namespace

struct T5Tokenizer::Impl {
    SentencePieceModel model;
    std::vector<std::string> specials; // literal forms matched in text: <pad>, </s>, <unk>, sentinels
};

T5Tokenizer::T5Tokenizer() = default;
T5Tokenizer::T5Tokenizer(T5Tokenizer &&) noexcept = default;
T5Tokenizer &T5Tokenizer::operator=(T5Tokenizer &&) noexcept = default;
T5Tokenizer::~T5Tokenizer() = default;

T5Tokenizer T5Tokenizer::load(const std::string &folder)
{
    const auto dir = std::filesystem::path(folder);
    const auto spiece = (dir / "spiece.model").string();
    if (!std::filesystem::exists(spiece))
        throw ModelError(spiece + ": missing (a T5 tokenizer folder holds its SentencePiece model as spiece.model)");
    int extraIds = 100;
    const auto configPath = dir / "tokenizer_config.json";
    if (std::filesystem::exists(configPath)) {
        const auto config = io::readJsonFile(configPath.string());
        if (config.contains("extra_ids") && config["extra_ids"].is_number_integer()) {
            extraIds = config["extra_ids"].get<int>();
        } else if (config.contains("additional_special_tokens") && config["additional_special_tokens"].is_array()) {
            int sentinels = 0;
            for (const auto &token : config["additional_special_tokens"]) {
                const auto text = token.is_string()   ? token.get<std::string>()
                                  : token.is_object() ? token.value("content", std::string())
                                                      : std::string();
                sentinels += text.rfind("<extra_id_", 0) == 0;
            }
            if (sentinels > 0)
                extraIds = sentinels;
        }
        if (extraIds < 0)
            throw FormatError(configPath.string(), "extra_ids is negative");
    }
    return fromModelFile(spiece, extraIds);
}

T5Tokenizer T5Tokenizer::fromModelFile(const std::string &spiecePath, int extraIds)
{
    T5Tokenizer t;
    t.m_impl = std::make_unique<Impl>(Impl{SentencePieceModel::load(spiecePath), {}});
    t.m_extraIds = extraIds;
    t.m_source = spiecePath;
    const auto &model = t.m_impl->model;
    if (model.algorithm() != SentencePieceModel::Algorithm::Unigram)
        throw ModelError(spiecePath + ": is a BPE SentencePiece model; T5 tokenizers are unigram models");
    if (model.size() < 3 || model.piece(0) != "<pad>" || model.piece(1) != "</s>" || model.piece(2) != "<unk>")
        throw ModelError(spiecePath + ": pieces 0, 1, 2 are not <pad>, </s>, <unk> as T5 expects");
    t.m_impl->specials = {"<pad>", "</s>", "<unk>"};
    for (int i = 0; i < extraIds; ++i)
        t.m_impl->specials.push_back("<extra_id_" + std::to_string(i) + ">");
    return t;
}

int64_t T5Tokenizer::pieceCount() const
{
    return m_impl->model.size();
}

int64_t T5Tokenizer::vocabSize() const
{
    return pieceCount() + m_extraIds;
}

std::string T5Tokenizer::pieceOf(int64_t id) const
{
    if (id < 0 || id >= vocabSize())
        return {};
    if (id < pieceCount())
        return m_impl->model.piece(static_cast<int>(id));
    return "<extra_id_" + std::to_string(vocabSize() - 1 - id) + ">";
}

std::optional<int64_t> T5Tokenizer::findId(const std::string &token) const
{
    if (token.rfind("<extra_id_", 0) == 0 && token.size() > 11 && token.back() == '>') {
        const auto digits = token.substr(10, token.size() - 11);
        if (!digits.empty() && digits.size() < 6 && digits.find_first_not_of("0123456789") == std::string::npos) {
            const int n = std::stoi(digits);
            if (n < m_extraIds && std::to_string(n) == digits)
                return vocabSize() - 1 - n;
        }
    }
    const int id = m_impl->model.find(token);
    return id >= 0 ? std::optional<int64_t>(id) : std::nullopt;
}

bool T5Tokenizer::isSpecial(int64_t id) const
{
    return id == padId() || id == eosId() || id == unkId() || id >= pieceCount();
}

std::vector<int64_t> T5Tokenizer::encode(const std::string &text, bool addEos) const
{
    // Special tokens are cut out first (leftmost, then longest match); each stretch between them is encoded as a
    // sentence of its own, which is what the pre-tokenizer's "▁" before every word amounts to.
    std::vector<int64_t> ids;
    const auto encodeStretch = [&](std::string_view stretch) {
        for (const int id : m_impl->model.encode(stretch))
            ids.push_back(id);
    };
    std::size_t start = 0, position = 0;
    while (position < text.size()) {
        std::size_t matched = 0;
        std::optional<int64_t> id;
        if (text[position] == '<')
            for (const auto &special : m_impl->specials)
                if (special.size() > matched && text.compare(position, special.size(), special) == 0) {
                    matched = special.size();
                    id = findId(special);
                }
        if (matched == 0 || !id) {
            ++position;
            continue;
        }
        encodeStretch(std::string_view(text).substr(start, position - start));
        ids.push_back(*id);
        position += matched;
        start = position;
    }
    encodeStretch(std::string_view(text).substr(start));
    if (addEos)
        ids.push_back(eosId());
    return ids;
}

std::string T5Tokenizer::decode(const std::vector<int64_t> &ids, bool skipSpecial, bool cleanUpSpaces) const
{
    std::string text;
    bool first = true;
    for (const int64_t id : ids) {
        if (id < 0 || id >= vocabSize() || (skipSpecial && isSpecial(id)))
            continue;
        std::string piece = pieceOf(id);
        // The Metaspace decoder: "▁" is a space, and the first token's leading one is dropped.
        if (first && piece.rfind(kSpace, 0) == 0)
            piece.erase(0, kSpace.size());
        first = false;
        replaceAll(piece, kSpace, " ");
        text += piece;
    }
    return cleanUpSpaces ? cleanUpTokenization(text) : text;
}

} // namespace vindex::models
