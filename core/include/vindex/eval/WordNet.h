#pragma once
// WordNet 3.0 as METEOR 1.5's synonym stage uses it, read from the database files of Debian's `wordnet-base`
// package (/usr/share/wordnet): the lemma index of each part of speech (index.noun, index.verb, index.adj,
// index.adv: lemma → synset offsets) and the morphological exception lists (noun.exc, verb.exc, adj.exc, adv.exc:
// inflected form → base forms).
//
// METEOR maps a word to the synsets of the word itself plus those of its base form, where the base form comes from
// the exception lists when the word is listed there, and otherwise from WordNet's detachment rules (-s, -ses, -xes,
// -zes, -ches, -shes, -men, -ies, -es, -ed, -ing, -er, -est; the first rule whose result is a WordNet lemma wins;
// words ending in "ss" or shorter than three characters are their own base). Two different words are synonyms when
// their synset sets meet.
//
// Synsets are keyed by part of speech and offset. (METEOR keys them by the offset alone, so a noun and a verb synset
// that share an offset number look alike to it; those coincidences pair unrelated words, e.g. "actium"/"paper", and
// Debian's rebuilt database has other offsets than the WordNet 3.0 release METEOR's files came from, so they could
// not be reproduced anyway. Every genuine synonym pair is the same.)
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vindex::eval {

class WordNet {
public:
    // Reads the WordNet database in `directory`. DataError naming the directory and the missing file (and the Debian
    // package that provides it) when a file is absent; FormatError naming file and line when a line is malformed.
    static std::shared_ptr<const WordNet> load(const std::string &directory);
    // Where the database is: $VINDEX_WORDNET, $WNSEARCHDIR (WordNet's own variable), /usr/share/wordnet (Debian),
    // /usr/share/wordnet/dict, /usr/local/WordNet-3.0/dict, /usr/local/share/wordnet. DataError listing the places
    // tried when none holds index.noun.
    static std::string locate();
    // load() once per process and directory (thread-safe); an empty directory means locate().
    static std::shared_ptr<const WordNet> shared(const std::string &directory = {});

    const std::string &directory() const { return m_directory; }
    std::size_t lemmaCount() const { return m_synsets.size(); }
    std::size_t exceptionCount() const { return m_bases.size(); }

    // The synsets of a lemma over all parts of speech, sorted (empty when it is not a lemma). A key is
    // part-of-speech index (noun 0, verb 1, adj 2, adv 3) × 2^28 + synset offset.
    const std::vector<uint32_t> &synsets(std::string_view lemma) const;
    bool isLemma(std::string_view lemma) const { return !synsets(lemma).empty(); }
    // Base forms of an inflected form from the exception lists (empty when it is not listed).
    const std::vector<std::string> &exceptionBases(std::string_view word) const;
    // Parts of speech, as in the synset keys below.
    static constexpr uint32_t kNoun = 0, kVerb = 1, kAdjective = 2, kAdverb = 3;
    // Whether `lemma` is in the index of one part of speech (NLTK's `pos in _lemma_pos_offset_map[lemma]`).
    bool hasLemma(std::string_view lemma, uint32_t partOfSpeech) const;
    // Base forms from one part of speech's exception list only (NLTK's _exception_map[pos]).
    const std::vector<std::string> &exceptionBases(std::string_view word, uint32_t partOfSpeech) const;
    // METEOR's detachment rules (see above): the base form, the word itself for "-ss" and short words, "" for none.
    std::string detachSuffix(std::string_view word) const;
    // The same rules against any lemma list (METEOR's own synonym files use them too).
    static std::string detachSuffix(std::string_view word, const std::function<bool(const std::string &)> &isLemma);
    // The synsets METEOR compares for a word: its own and its base form's (sorted, unique).
    std::vector<uint32_t> meteorSynsets(std::string_view word) const;

    static constexpr uint32_t kPartOfSpeechShift = 28;

private:
    WordNet() = default;
    void readIndex(const std::string &path, uint32_t partOfSpeech);
    void readExceptions(const std::string &path, uint32_t partOfSpeech);

    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::string m_directory;
    std::unordered_map<std::string, std::vector<uint32_t>, Hash, std::equal_to<>> m_synsets;
    std::unordered_map<std::string, std::vector<std::string>, Hash, std::equal_to<>> m_bases;
    std::unordered_map<std::string, std::vector<std::string>, Hash, std::equal_to<>> m_basesByPartOfSpeech[4];
};

} // namespace vindex::eval
