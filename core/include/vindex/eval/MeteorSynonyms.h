#pragma once
// METEOR 1.5's own synonym files, read from its jar (meteor-1.5.jar: synonym/english.synsets and
// synonym/english.exceptions, WordNet 3.0 as METEOR's authors exported it). With them the synonym stage is exactly
// the jar's: a word's synsets are its own plus those of its base form (the exception list's bases when the word is
// listed there, otherwise WordNet's detachment rules, as in WordNet.h), and two different words are synonyms when
// their synsets meet. The files key a synset by its offset number alone, so a noun and a verb synset that share an
// offset look alike (e.g. "standing" and "down"); that is part of the jar's METEOR and of BrainHub's published
// numbers, which only these files reproduce. (Debian's WordNet, which WordNet.h reads, has other offsets, and keeps
// parts of speech apart.)
//
// pycocoevalcap ships the jar beside the paraphrase table's folder: pycocoevalcap/meteor/meteor-1.5.jar next to
// pycocoevalcap/meteor/data; METEOR's own release has the same layout.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace vindex::eval {

class MeteorSynonyms {
public:
    // Reads the two members from the jar. FormatError naming the jar and the member when one is missing or
    // malformed.
    static std::shared_ptr<const MeteorSynonyms> loadJar(const std::string &jarPath);
    // load() once per process and jar (thread-safe).
    static std::shared_ptr<const MeteorSynonyms> shared(const std::string &jarPath);
    // From the files' text (english.synsets: a word line, then a line of synset numbers; english.exceptions: a base
    // form line, then a line of its inflected forms). `source` names them in errors.
    static std::shared_ptr<const MeteorSynonyms> parse(std::string_view synsets, std::string_view exceptions,
                                                       const std::string &source);
    // METEOR's jar for a paraphrase folder: <folder>/../meteor-1.5.jar (pycocoevalcap's and METEOR's layout), else
    // the one meteor-*.jar there; "" when there is none.
    static std::string findJar(const std::string &meteorDataDirectory);

    const std::string &source() const { return m_source; }
    std::size_t wordCount() const { return m_synsets.size(); }
    std::size_t exceptionCount() const { return m_bases.size(); }

    // The synsets of a word as listed (sorted; empty when it is not listed).
    const std::vector<uint32_t> &synsets(std::string_view word) const;
    // METEOR's morph(): the base form by the detachment rules, the word itself for "-ss" and short words, "" for none.
    std::string detachSuffix(std::string_view word) const;
    // The synsets METEOR compares for a word: its own and its base forms' (sorted, unique).
    std::vector<uint32_t> meteorSynsets(std::string_view word) const;

private:
    MeteorSynonyms() = default;

    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    std::string m_source;
    std::unordered_map<std::string, std::vector<uint32_t>, Hash, std::equal_to<>> m_synsets;
    std::unordered_map<std::string, std::vector<std::string>, Hash, std::equal_to<>> m_bases; // form → bases
};

} // namespace vindex::eval
