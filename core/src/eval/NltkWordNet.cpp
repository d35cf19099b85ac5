#include "vindex/eval/NltkWordNet.h"

#include "vindex/core/Error.h"
#include "vindex/io/MappedFile.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>

namespace vindex::eval {

namespace {

constexpr const char *kDataFiles[] = {"data.noun", "data.verb", "data.adj", "data.adv"};

using Rule = std::pair<std::string_view, std::string_view>;

// NLTK's WordNetCorpusReader.MORPHOLOGICAL_SUBSTITUTIONS, in its order.
const std::vector<Rule> &substitutions(uint32_t partOfSpeech)
{
    static const std::vector<Rule> rules[4] = {
        {{"s", ""},
         {"ses", "s"},
         {"ves", "f"},
         {"xes", "x"},
         {"zes", "z"},
         {"ches", "ch"},
         {"shes", "sh"},
         {"men", "man"},
         {"ies", "y"}},
        {{"s", ""}, {"ies", "y"}, {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""}},
        {{"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"}},
        {},
    };
    return rules[partOfSpeech];
}

bool endsWith(std::string_view text, std::string_view suffix)
{
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

} // namespace

NltkWordNet::NltkWordNet(std::shared_ptr<const WordNet> wordNet) : m_wordNet(std::move(wordNet))
{
    if (!m_wordNet)
        throw Error("NltkWordNet needs a WordNet database");
    for (uint32_t pos = 0; pos < 4; ++pos) {
        const std::string path = (std::filesystem::path(m_wordNet->directory()) / kDataFiles[pos]).string();
        std::error_code ec;
        if (!std::filesystem::is_regular_file(path, ec))
            throw DataError("WordNet database in " + m_wordNet->directory() + " is incomplete: " + path +
                            " does not exist (CAPTURE's synonym matching reads the lemma names of synsets from "
                            "data.{noun,verb,adj,adv}); Debian's package wordnet-base installs it");
        m_data[pos] = io::MappedFile::open(path);
    }
}

NltkWordNet::~NltkWordNet() = default;

std::vector<std::string> NltkWordNet::morphy(const std::string &form, uint32_t partOfSpeech) const
{
    std::vector<std::string> forms{form};
    const auto &bases = m_wordNet->exceptionBases(form, partOfSpeech);
    if (!bases.empty()) {
        forms.insert(forms.end(), bases.begin(), bases.end());
    } else {
        for (const auto &[old, replacement] : substitutions(partOfSpeech))
            if (endsWith(form, old))
                forms.push_back(form.substr(0, form.size() - old.size()) + std::string(replacement));
    }
    std::vector<std::string> found;
    for (auto &candidate : forms)
        if (m_wordNet->hasLemma(candidate, partOfSpeech) &&
            std::find(found.begin(), found.end(), candidate) == found.end())
            found.push_back(std::move(candidate));
    return found;
}

std::string NltkWordNet::lemmatize(const std::string &word, uint32_t partOfSpeech) const
{
    const auto forms = morphy(word, partOfSpeech);
    if (forms.empty())
        return word;
    // Python's min(key=len) keeps the first of equally short forms.
    const auto shortest = std::min_element(
        forms.begin(), forms.end(), [](const std::string &a, const std::string &b) { return a.size() < b.size(); });
    return *shortest;
}

bool NltkWordNet::hasSynsets(const std::string &word, uint32_t partOfSpeech) const
{
    std::string lower = word;
    for (char &c : lower)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return !morphy(lower, partOfSpeech).empty();
}

std::vector<std::string> NltkWordNet::lemmaNames(uint32_t synsetKey) const
{
    const uint32_t pos = synsetKey >> WordNet::kPartOfSpeechShift;
    const std::size_t offset = synsetKey & ((1u << WordNet::kPartOfSpeechShift) - 1);
    const auto &file = *m_data[pos];
    const std::string_view text(reinterpret_cast<const char *>(file.data()), file.size());
    const auto bad = [&](const std::string &what) {
        return FormatError(file.path(), "synset at byte offset " + std::to_string(offset) + ": " + what);
    };
    if (offset >= text.size())
        throw bad("past the end of the file");
    std::string_view line = text.substr(offset, text.find('\n', offset) - offset);
    // synset_offset lex_filenum ss_type w_cnt word lex_id [word lex_id...] ...
    std::vector<std::string_view> fields;
    std::size_t i = 0;
    while (i < line.size() && fields.size() < 4 + 2 * 256) {
        while (i < line.size() && line[i] == ' ')
            ++i;
        const std::size_t start = i;
        while (i < line.size() && line[i] != ' ')
            ++i;
        if (i > start)
            fields.push_back(line.substr(start, i - start));
        if (fields.size() == 4) {
            unsigned count = 0;
            std::from_chars(fields[3].data(), fields[3].data() + fields[3].size(), count, 16);
            if (count == 0)
                throw bad("no word count");
            std::vector<std::string> names;
            for (unsigned w = 0; w < count; ++w) {
                while (i < line.size() && line[i] == ' ')
                    ++i;
                const std::size_t wordStart = i;
                while (i < line.size() && line[i] != ' ')
                    ++i;
                std::string name(line.substr(wordStart, i - wordStart));
                // NLTK: re.match(r"(.*?)(\(.*\))?$", name) drops an adjective marker such as "(a)" or "(ip)".
                const std::size_t paren = name.find('(');
                if (paren != std::string::npos && !name.empty() && name.back() == ')')
                    name.resize(paren);
                names.push_back(std::move(name));
                while (i < line.size() && line[i] == ' ')
                    ++i;
                while (i < line.size() && line[i] != ' ') // lex_id
                    ++i;
            }
            uint32_t lineOffset = 0;
            std::from_chars(fields[0].data(), fields[0].data() + fields[0].size(), lineOffset);
            if (lineOffset != offset)
                throw bad("the line there is not that synset's");
            return names;
        }
    }
    throw bad("truncated synset line");
}

std::set<std::string> NltkWordNet::synonyms(const std::string &word) const
{
    std::string lower = word;
    for (char &c : lower)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    std::set<std::string> names;
    for (uint32_t pos = 0; pos < 4; ++pos)
        for (const auto &form : morphy(lower, pos))
            for (const uint32_t key : m_wordNet->synsets(form))
                if (key >> WordNet::kPartOfSpeechShift == pos)
                    for (auto &name : lemmaNames(key))
                        names.insert(std::move(name));
    return names;
}

} // namespace vindex::eval
