#include "vindex/eval/MeteorSynonyms.h"

#include "vindex/core/Error.h"
#include "vindex/eval/WordNet.h"
#include "vindex/io/ZipArchive.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <map>
#include <mutex>

namespace vindex::eval {

namespace {

constexpr const char *kSynsetsMember = "synonym/english.synsets";
constexpr const char *kExceptionsMember = "synonym/english.exceptions";

// Java's BufferedReader.readLine over a text: lines ending in \n, \r\n or \r.
class Lines {
public:
    explicit Lines(std::string_view text) : m_text(text) {}
    bool next(std::string_view &line)
    {
        if (m_at >= m_text.size())
            return false;
        std::size_t end = m_at;
        while (end < m_text.size() && m_text[end] != '\n' && m_text[end] != '\r')
            ++end;
        line = m_text.substr(m_at, end - m_at);
        m_at = end + (end + 1 < m_text.size() && m_text[end] == '\r' && m_text[end + 1] == '\n' ? 2 : 1);
        ++m_number;
        return true;
    }
    std::size_t number() const { return m_number; }

private:
    std::string_view m_text;
    std::size_t m_at = 0, m_number = 0;
};

// Java's StringTokenizer with its default delimiters.
template <typename F> void forEachToken(std::string_view line, F &&f)
{
    const auto delimiter = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; };
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && delimiter(line[i]))
            ++i;
        const std::size_t start = i;
        while (i < line.size() && !delimiter(line[i]))
            ++i;
        if (i > start)
            f(line.substr(start, i - start));
    }
}

} // namespace

std::shared_ptr<const MeteorSynonyms> MeteorSynonyms::parse(std::string_view synsets, std::string_view exceptions,
                                                            const std::string &source)
{
    std::shared_ptr<MeteorSynonyms> dictionary(new MeteorSynonyms());
    dictionary->m_source = source;
    std::string_view word, line;
    Lines synsetLines(synsets);
    while (synsetLines.next(word)) {
        if (!synsetLines.next(line))
            throw FormatError(source, std::string(kSynsetsMember) + ": the word '" + std::string(word) + "' on line " +
                                          std::to_string(synsetLines.number()) + " has no line of synsets");
        std::vector<uint32_t> keys;
        forEachToken(line, [&](std::string_view number) {
            uint32_t key = 0;
            const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), key);
            if (ec != std::errc() || end != number.data() + number.size())
                throw FormatError(source, std::string(kSynsetsMember) + ": line " +
                                              std::to_string(synsetLines.number()) + ": '" + std::string(number) +
                                              "' is not a synset number");
            keys.push_back(key);
        });
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        dictionary->m_synsets[std::string(word)] = std::move(keys); // a word listed again replaces its synsets
    }
    Lines exceptionLines(exceptions);
    std::string_view base;
    while (exceptionLines.next(base)) {
        if (!exceptionLines.next(line))
            throw FormatError(source, std::string(kExceptionsMember) + ": the base form '" + std::string(base) +
                                          "' on line " + std::to_string(exceptionLines.number()) +
                                          " has no line of inflected forms");
        forEachToken(line, [&](std::string_view form) { dictionary->m_bases[std::string(form)].emplace_back(base); });
    }
    if (dictionary->m_synsets.empty())
        throw FormatError(source, std::string(kSynsetsMember) + " lists no word");
    return dictionary;
}

std::shared_ptr<const MeteorSynonyms> MeteorSynonyms::loadJar(const std::string &jarPath)
{
    const auto jar = io::ZipArchive::open(jarPath);
    for (const char *member : {kSynsetsMember, kExceptionsMember})
        if (!jar.contains(member))
            throw FormatError(jarPath, std::string("no ") + member + " in the jar (METEOR 1.5's jar has it)");
    const auto synsets = jar.read(kSynsetsMember);
    const auto exceptions = jar.read(kExceptionsMember);
    return parse(synsets.view(), exceptions.view(), jarPath);
}

std::shared_ptr<const MeteorSynonyms> MeteorSynonyms::shared(const std::string &jarPath)
{
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const MeteorSynonyms>> cache;
    const std::lock_guard lock(mutex);
    auto &slot = cache[jarPath];
    if (!slot)
        slot = loadJar(jarPath);
    return slot;
}

std::string MeteorSynonyms::findJar(const std::string &meteorDataDirectory)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path parent = fs::absolute(fs::path(meteorDataDirectory), ec).lexically_normal().parent_path();
    const fs::path folder = parent.filename().empty() ? parent.parent_path() : parent; // "data/" has an empty name
    if (fs::is_regular_file(folder / "meteor-1.5.jar", ec))
        return (folder / "meteor-1.5.jar").string();
    std::vector<fs::path> jars;
    for (const auto &entry : fs::directory_iterator(folder, ec)) {
        const std::string name = entry.path().filename().string();
        if (name.rfind("meteor-", 0) == 0 && entry.path().extension() == ".jar")
            jars.push_back(entry.path());
    }
    return jars.size() == 1 ? jars.front().string() : std::string();
}

const std::vector<uint32_t> &MeteorSynonyms::synsets(std::string_view word) const
{
    static const std::vector<uint32_t> none;
    const auto found = m_synsets.find(word);
    return found == m_synsets.end() ? none : found->second;
}

std::string MeteorSynonyms::detachSuffix(std::string_view word) const
{
    return WordNet::detachSuffix(word, [this](const std::string &lemma) { return m_synsets.count(lemma) > 0; });
}

std::vector<uint32_t> MeteorSynonyms::meteorSynsets(std::string_view word) const
{
    std::vector<uint32_t> keys = synsets(word);
    const auto bases = m_bases.find(word);
    if (bases != m_bases.end()) {
        for (const auto &base : bases->second) {
            const auto &more = synsets(base);
            keys.insert(keys.end(), more.begin(), more.end());
        }
    } else {
        const auto &more = synsets(detachSuffix(word));
        keys.insert(keys.end(), more.begin(), more.end());
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

} // namespace vindex::eval
