#include "vindex/eval/WordNet.h"

#include "vindex/core/Error.h"
#include "vindex/io/MappedFile.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>

namespace vindex::eval {

namespace {

constexpr const char *kPackageHint = "WordNet 3.0's database is in Debian's package wordnet-base "
                                     "(apt-get install wordnet-base; it installs /usr/share/wordnet)";

constexpr const char *kPartsOfSpeech[] = {"noun", "verb", "adj", "adv"};

bool hasIndex(const std::string &directory)
{
    std::error_code ec;
    return !directory.empty() && std::filesystem::is_regular_file(std::filesystem::path(directory) / "index.noun", ec);
}

// Calls f(line, lineNumber) for every line of a mapped file.
template <typename F> void forEachLine(const io::MappedFile &file, F &&f)
{
    const std::string_view text(reinterpret_cast<const char *>(file.data()), file.size());
    std::size_t start = 0, number = 1;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        f(line, number);
        start = end + 1;
        ++number;
    }
}

// Splits on runs of spaces and tabs.
void splitFields(std::string_view line, std::vector<std::string_view> &fields)
{
    fields.clear();
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
            ++i;
        const std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t')
            ++i;
        if (i > start)
            fields.push_back(line.substr(start, i - start));
    }
}

bool parseNumber(std::string_view text, uint32_t &value)
{
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    return ec == std::errc() && end == text.data() + text.size();
}

std::shared_ptr<const io::MappedFile> openDatabaseFile(const std::string &directory, const char *name)
{
    const std::string path = (std::filesystem::path(directory) / name).string();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        throw DataError("WordNet database in " + directory + " is incomplete: " + path +
                        " does not exist (METEOR's "
                        "synonym stage reads index.{noun,verb,adj,adv} and {noun,verb,adj,adv}.exc); " +
                        kPackageHint);
    return io::MappedFile::open(path);
}

} // namespace

std::string WordNet::locate()
{
    std::vector<std::string> tried;
    auto consider = [&tried](const std::string &directory) {
        if (directory.empty())
            return false;
        tried.push_back(directory);
        return hasIndex(directory);
    };
    for (const char *variable : {"VINDEX_WORDNET", "WNSEARCHDIR"}) {
        const char *value = std::getenv(variable);
        if (value && consider(value))
            return value;
    }
    for (const char *directory :
         {"/usr/share/wordnet", "/usr/share/wordnet/dict", "/usr/local/WordNet-3.0/dict", "/usr/local/share/wordnet"})
        if (consider(directory))
            return directory;
    std::string list;
    for (const auto &t : tried)
        list += (list.empty() ? "" : ", ") + t;
    throw DataError("WordNet database not found (METEOR's synonym stage needs it): no index.noun in " + list + "; " +
                    kPackageHint + ", or set VINDEX_WORDNET to a WordNet 3.0 dict folder");
}

std::shared_ptr<const WordNet> WordNet::load(const std::string &directory)
{
    std::error_code ec;
    if (!std::filesystem::is_directory(directory, ec))
        throw DataError("WordNet database folder " + directory + " does not exist; " + kPackageHint);
    std::shared_ptr<WordNet> wordNet(new WordNet());
    wordNet->m_directory = directory;
    wordNet->m_synsets.reserve(160000);
    for (uint32_t pos = 0; pos < 4; ++pos)
        wordNet->readIndex((std::filesystem::path(directory) / ("index." + std::string(kPartsOfSpeech[pos]))).string(),
                           pos);
    for (auto &entry : wordNet->m_synsets) {
        auto &keys = entry.second;
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    }
    for (uint32_t pos = 0; pos < 4; ++pos)
        wordNet->readExceptions(
            (std::filesystem::path(directory) / (std::string(kPartsOfSpeech[pos]) + ".exc")).string(), pos);
    if (wordNet->m_synsets.empty())
        throw FormatError(directory + "/index.noun", "no lemma in the WordNet index files");
    return wordNet;
}

std::shared_ptr<const WordNet> WordNet::shared(const std::string &directory)
{
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const WordNet>> cache;
    const std::string resolved = directory.empty() ? locate() : directory;
    const std::lock_guard lock(mutex);
    auto &slot = cache[resolved];
    if (!slot)
        slot = load(resolved);
    return slot;
}

void WordNet::readIndex(const std::string &path, uint32_t partOfSpeech)
{
    const auto file = openDatabaseFile(std::filesystem::path(path).parent_path().string(),
                                       std::filesystem::path(path).filename().c_str());
    std::vector<std::string_view> f;
    forEachLine(*file, [&](std::string_view line, std::size_t number) {
        if (line.empty() || line.front() == ' ') // the licence header lines start with two spaces
            return;
        // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
        splitFields(line, f);
        uint32_t synsetCount = 0, pointerCount = 0;
        const auto bad = [&](const std::string &what) {
            return FormatError(path, "line " + std::to_string(number) + ": " + what +
                                         " (expected 'lemma pos "
                                         "synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...')");
        };
        if (f.size() < 4 || !parseNumber(f[2], synsetCount) || !parseNumber(f[3], pointerCount))
            throw bad("no synset and pointer counts");
        const std::size_t first = 4 + std::size_t(pointerCount) + 2;
        if (f.size() != first + synsetCount)
            throw bad(std::to_string(f.size()) + " fields for " + std::to_string(synsetCount) + " synsets and " +
                      std::to_string(pointerCount) + " pointer symbols");
        auto &keys = m_synsets[std::string(f[0])];
        for (std::size_t i = first; i < f.size(); ++i) {
            uint32_t offset = 0;
            if (!parseNumber(f[i], offset) || offset >= (1u << kPartOfSpeechShift))
                throw bad("synset offset '" + std::string(f[i]) + "' is not a number below 2^28");
            keys.push_back(partOfSpeech << kPartOfSpeechShift | offset);
        }
    });
    file->releasePages();
}

void WordNet::readExceptions(const std::string &path, uint32_t partOfSpeech)
{
    const auto file = openDatabaseFile(std::filesystem::path(path).parent_path().string(),
                                       std::filesystem::path(path).filename().c_str());
    std::vector<std::string_view> f;
    forEachLine(*file, [&](std::string_view line, std::size_t number) {
        splitFields(line, f);
        if (f.empty())
            return;
        if (f.size() < 2)
            throw FormatError(path, "line " + std::to_string(number) + ": '" + std::string(line) +
                                        "' has no base form (expected 'inflected base [base...]')");
        auto &bases = m_bases[std::string(f[0])];
        auto &own = m_basesByPartOfSpeech[partOfSpeech][std::string(f[0])];
        own.clear(); // NLTK keeps the last line of a form within one file
        for (std::size_t i = 1; i < f.size(); ++i) {
            bases.emplace_back(f[i]);
            own.emplace_back(f[i]);
        }
    });
}

const std::vector<uint32_t> &WordNet::synsets(std::string_view lemma) const
{
    static const std::vector<uint32_t> none;
    const auto found = m_synsets.find(lemma);
    return found == m_synsets.end() ? none : found->second;
}

const std::vector<std::string> &WordNet::exceptionBases(std::string_view word) const
{
    static const std::vector<std::string> none;
    const auto found = m_bases.find(word);
    return found == m_bases.end() ? none : found->second;
}

bool WordNet::hasLemma(std::string_view lemma, uint32_t partOfSpeech) const
{
    for (const uint32_t key : synsets(lemma))
        if (key >> kPartOfSpeechShift == partOfSpeech)
            return true;
    return false;
}

const std::vector<std::string> &WordNet::exceptionBases(std::string_view word, uint32_t partOfSpeech) const
{
    static const std::vector<std::string> none;
    if (partOfSpeech > kAdverb)
        return none;
    const auto &bases = m_basesByPartOfSpeech[partOfSpeech];
    const auto found = bases.find(word);
    return found == bases.end() ? none : found->second;
}

std::string WordNet::detachSuffix(std::string_view word) const
{
    return detachSuffix(word, [this](const std::string &lemma) { return m_synsets.count(lemma) > 0; });
}

std::string WordNet::detachSuffix(std::string_view word, const std::function<bool(const std::string &)> &isLemma)
{
    // METEOR counts length in UTF-16 code units; the index holds ASCII lemmas, so only ASCII words can match anyway.
    std::size_t units = 0;
    for (unsigned char c : word)
        units += (c & 0xC0) != 0x80 ? ((c & 0xF8) == 0xF0 ? 2 : 1) : 0;
    if (units <= 2 || (word.size() >= 2 && word.substr(word.size() - 2) == "ss"))
        return std::string(word);
    // WordNet's detachment table: noun, verb, then adjective rules, in this order.
    static constexpr std::pair<std::string_view, std::string_view> kRules[] = {
        {"s", ""},    {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"},
        {"ies", "y"}, {"s", ""},    {"ies", "y"}, {"es", "e"},  {"es", ""},     {"ed", "e"},    {"ed", ""},
        {"ing", "e"}, {"ing", ""},  {"er", ""},   {"est", ""},  {"er", "e"},    {"est", "e"},
    };
    for (const auto &[suffix, ending] : kRules) {
        if (word.size() < suffix.size() || word.substr(word.size() - suffix.size()) != suffix)
            continue;
        std::string candidate(word.substr(0, word.size() - suffix.size()));
        candidate += ending;
        if (isLemma(candidate))
            return candidate;
    }
    return {};
}

std::vector<uint32_t> WordNet::meteorSynsets(std::string_view word) const
{
    std::vector<uint32_t> keys = synsets(word);
    const auto &bases = exceptionBases(word);
    if (!bases.empty()) {
        for (const auto &base : bases) {
            const auto &more = synsets(base);
            keys.insert(keys.end(), more.begin(), more.end());
        }
    } else {
        const std::string base = detachSuffix(word);
        if (!base.empty()) {
            const auto &more = synsets(base);
            keys.insert(keys.end(), more.begin(), more.end());
        }
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

} // namespace vindex::eval
