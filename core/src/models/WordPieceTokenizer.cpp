#include "vindex/models/WordPieceTokenizer.h"

#include "models/BertCharacters.h"
#include "vindex/core/Error.h"
#include "vindex/core/Utf8.h"
#include "vindex/io/JsonFile.h"

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace vindex::models {

namespace {

// A tokenizer_config token field: a string, or an AddedToken object {"content": ...}; fallback when absent.
std::string tokenField(const nlohmann::json &config, const char *key, const std::string &fallback)
{
    if (!config.contains(key) || config.at(key).is_null())
        return fallback;
    const auto &value = config.at(key);
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_object() && value.contains("content") && value.at("content").is_string())
        return value.at("content").get<std::string>();
    return fallback;
}

std::vector<std::string> readVocabulary(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw FormatError(path, "cannot be read (a WordPiece tokenizer needs vocab.txt)");
    std::vector<std::string> tokens;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        tokens.push_back(line);
    }
    // A final empty line is the file's last newline's doing, not a token.
    while (!tokens.empty() && tokens.back().empty())
        tokens.pop_back();
    if (tokens.empty())
        throw FormatError(path, "holds no tokens");
    return tokens;
}

} // namespace

WordPieceTokenizer WordPieceTokenizer::load(const std::string &folder, bool lowercaseFirst)
{
    const std::string vocabPath = (fs::path(folder) / "vocab.txt").string();
    const std::string configPath = (fs::path(folder) / "tokenizer_config.json").string();
    nlohmann::json config = nlohmann::json::object();
    if (fs::exists(configPath))
        config = io::readJsonFile(configPath);
    const std::string tokenizerClass = config.value("tokenizer_class", std::string("BertTokenizer"));
    const bool mpnet = tokenizerClass.rfind("MPNetTokenizer", 0) == 0;

    Options options;
    options.lowercaseFirst = lowercaseFirst;
    if (config.contains("do_lower_case") && config.at("do_lower_case").is_boolean())
        options.lowercase = config.at("do_lower_case").get<bool>();
    if (config.contains("strip_accents") && config.at("strip_accents").is_boolean())
        options.stripAccents = config.at("strip_accents").get<bool>();
    if (config.contains("tokenize_chinese_chars") && config.at("tokenize_chinese_chars").is_boolean())
        options.tokenizeChineseCharacters = config.at("tokenize_chinese_chars").get<bool>();
    options.clsToken = tokenField(config, "cls_token", mpnet ? "<s>" : "[CLS]");
    options.sepToken = tokenField(config, "sep_token", mpnet ? "</s>" : "[SEP]");
    options.padToken = tokenField(config, "pad_token", mpnet ? "<pad>" : "[PAD]");
    options.unkToken = tokenField(config, "unk_token", "[UNK]");
    options.specialTokens = {options.clsToken, options.sepToken, options.padToken, options.unkToken,
                             tokenField(config, "mask_token", mpnet ? "<mask>" : "[MASK]")};
    if (mpnet) {
        options.specialTokens.push_back(tokenField(config, "bos_token", "<s>"));
        options.specialTokens.push_back(tokenField(config, "eos_token", "</s>"));
    }
    if (config.contains("added_tokens_decoder") && config.at("added_tokens_decoder").is_object())
        for (const auto &[id, token] : config.at("added_tokens_decoder").items())
            if (token.is_object() && token.value("special", false) && token.contains("content"))
                options.specialTokens.push_back(token.at("content").get<std::string>());
    return WordPieceTokenizer(readVocabulary(vocabPath), std::move(options), vocabPath);
}

WordPieceTokenizer::WordPieceTokenizer(std::vector<std::string> vocabulary, Options options, std::string source)
    : m_tokens(std::move(vocabulary)), m_options(std::move(options)), m_source(std::move(source))
{
    // As transformers' load_vocab: a token listed twice keeps its last line.
    for (std::size_t i = 0; i < m_tokens.size(); ++i)
        m_ids[m_tokens[i]] = static_cast<int64_t>(i);
    const auto required = [this](const std::string &token, const char *role) {
        const auto id = idOf(token);
        if (id < 0)
            throw FormatError(m_source, std::string("has no ") + role + " token '" + token + "'");
        return id;
    };
    m_clsId = required(m_options.clsToken, "cls");
    m_sepId = required(m_options.sepToken, "sep");
    m_padId = required(m_options.padToken, "pad");
    m_unkId = required(m_options.unkToken, "unknown");
    for (const auto &token : m_options.specialTokens) {
        const auto decoded = utf8::decode(token);
        if (!token.empty() && idOf(token) >= 0 &&
            std::find(m_specials.begin(), m_specials.end(), decoded) == m_specials.end())
            m_specials.push_back(decoded);
    }
    std::stable_sort(m_specials.begin(), m_specials.end(),
                     [](const auto &a, const auto &b) { return a.size() > b.size(); });
}

int64_t WordPieceTokenizer::idOf(const std::string &token) const
{
    const auto it = m_ids.find(token);
    return it == m_ids.end() ? -1 : it->second;
}

const std::string &WordPieceTokenizer::tokenOf(int64_t id) const
{
    if (id < 0 || id >= vocabSize())
        throw Error(m_source + ": token id " + std::to_string(id) + " is outside the vocabulary of " +
                    std::to_string(vocabSize()));
    return m_tokens[static_cast<std::size_t>(id)];
}

std::u32string WordPieceTokenizer::normalize(const std::u32string &text) const
{
    std::u32string current;
    if (m_options.lowercaseFirst) {
        for (char32_t c : text)
            bertchars::appendLowercase(c, current);
    } else {
        current = text;
    }
    // clean_text, then spaces around CJK ideographs.
    std::u32string cleaned;
    cleaned.reserve(current.size());
    for (char32_t c : current) {
        if (c == 0 || c == 0xFFFD || bertchars::isControl(c))
            continue;
        if (bertchars::isWhitespace(c)) {
            cleaned.push_back(' ');
        } else if (m_options.tokenizeChineseCharacters && bertchars::isChineseCharacter(c)) {
            cleaned.push_back(' ');
            cleaned.push_back(c);
            cleaned.push_back(' ');
        } else {
            cleaned.push_back(c);
        }
    }
    if (m_options.stripAccents.value_or(m_options.lowercase)) {
        std::u32string decomposed;
        decomposed.reserve(cleaned.size());
        for (char32_t c : cleaned)
            bertchars::appendCanonicalDecomposition(c, decomposed);
        cleaned.clear();
        for (char32_t c : decomposed)
            if (!bertchars::isNonspacingMark(c))
                cleaned.push_back(c);
    }
    if (!m_options.lowercase)
        return cleaned;
    std::u32string lowered;
    lowered.reserve(cleaned.size());
    for (char32_t c : cleaned)
        bertchars::appendLowercase(c, lowered);
    return lowered;
}

void WordPieceTokenizer::appendWordPieces(const std::u32string &word, std::vector<int64_t> &ids) const
{
    if (word.size() > m_options.maxCharactersPerWord) {
        ids.push_back(m_unkId);
        return;
    }
    std::vector<int64_t> pieces;
    std::size_t start = 0;
    while (start < word.size()) {
        int64_t found = -1;
        std::size_t end = word.size();
        for (; end > start; --end) {
            std::string candidate = start > 0 ? "##" : "";
            candidate += utf8::encode(std::u32string_view(word).substr(start, end - start));
            found = idOf(candidate);
            if (found >= 0)
                break;
        }
        if (found < 0) {
            ids.push_back(m_unkId); // one uncovered part makes the whole word unknown
            return;
        }
        pieces.push_back(found);
        start = end;
    }
    ids.insert(ids.end(), pieces.begin(), pieces.end());
}

void WordPieceTokenizer::appendRunIds(const std::u32string &run, std::vector<int64_t> &ids) const
{
    const auto normalized = normalize(run);
    std::u32string word;
    const auto flush = [&]() {
        if (!word.empty())
            appendWordPieces(word, ids);
        word.clear();
    };
    for (char32_t c : normalized) {
        if (bertchars::isWhitespace(c)) {
            flush();
        } else if (bertchars::isPunctuation(c)) {
            flush();
            appendWordPieces(std::u32string(1, c), ids);
        } else {
            word.push_back(c);
        }
    }
    flush();
}

std::vector<int64_t> WordPieceTokenizer::pieceIds(const std::string &text) const
{
    const auto decoded = utf8::decode(text);
    std::vector<int64_t> ids;
    // Special tokens are found in the raw text first (leftmost, then longest), as tokenizers' added tokens are.
    std::size_t runStart = 0, i = 0;
    while (i < decoded.size()) {
        const std::u32string *special = nullptr;
        for (const auto &candidate : m_specials)
            if (decoded.compare(i, candidate.size(), candidate) == 0) {
                special = &candidate;
                break;
            }
        if (!special) {
            ++i;
            continue;
        }
        appendRunIds(decoded.substr(runStart, i - runStart), ids);
        ids.push_back(idOf(utf8::encode(*special)));
        i += special->size();
        runStart = i;
    }
    appendRunIds(decoded.substr(runStart), ids);
    return ids;
}

std::vector<std::string> WordPieceTokenizer::tokenize(const std::string &text) const
{
    std::vector<std::string> pieces;
    for (const auto id : pieceIds(text))
        pieces.push_back(tokenOf(id));
    return pieces;
}

std::vector<int64_t> WordPieceTokenizer::encode(const std::string &text, std::size_t maxLength) const
{
    if (maxLength < 2)
        throw Error(m_source + ": cannot encode into " + std::to_string(maxLength) +
                    " tokens; the start and end tokens alone take 2");
    auto pieces = pieceIds(text);
    if (pieces.size() > maxLength - 2)
        pieces.resize(maxLength - 2);
    std::vector<int64_t> ids;
    ids.reserve(pieces.size() + 2);
    ids.push_back(m_clsId);
    ids.insert(ids.end(), pieces.begin(), pieces.end());
    ids.push_back(m_sepId);
    return ids;
}

WordPieceTokenizer::Batch WordPieceTokenizer::encodeBatch(const std::vector<std::string> &texts,
                                                          std::size_t maxLength) const
{
    std::vector<std::vector<int64_t>> rows;
    rows.reserve(texts.size());
    std::size_t longest = 0;
    for (const auto &text : texts) {
        rows.push_back(encode(text, maxLength));
        longest = std::max(longest, rows.back().size());
    }
    Batch batch;
    batch.rows = static_cast<int64_t>(rows.size());
    batch.length = static_cast<int64_t>(longest);
    batch.ids.assign(rows.size() * longest, m_padId);
    batch.mask.assign(rows.size() * longest, 0);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        std::copy(rows[r].begin(), rows[r].end(), batch.ids.begin() + static_cast<std::ptrdiff_t>(r * longest));
        std::fill_n(batch.mask.begin() + static_cast<std::ptrdiff_t>(r * longest), rows[r].size(), 1);
    }
    return batch;
}

} // namespace vindex::models
