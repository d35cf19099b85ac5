#pragma once
// METEOR 1.5's paraphrase table, as its jar reads it (ParaphraseTransducer): the file paraphrase-en.gz in a folder the
// user names — METEOR's data/ folder, which pycocoevalcap ships as pycocoevalcap/meteor/data. The file is gzipped
// text, three lines a row: a probability (unused by METEOR), a phrase, and a paraphrase of it (words separated by
// white space). The English table has 5.27 million rows over 43,139 words; every phrase has 1 to 7 words.
//
// The jar keeps the phrases in a trie walked from a word on; here every distinct phrase of either side (2.6 million
// for English) is stored once as word ids, found through a hash of its words, and each phrase lists the paraphrases
// of the rows it starts. The English table takes 130 MiB here (the jar needs most of its 2 GB heap for it); loading
// inflates the file on one thread while another parses it: 3 to 4 s on a busy 2-core machine, where zcat alone takes
// 1.9 s.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vindex::eval {

class MeteorParaphrases {
public:
    static constexpr const char *kFileName = "paraphrase-en.gz";
    static constexpr int32_t kUnknown = -1;

    // Reads directory/paraphrase-en.gz. DataError naming the folder and the file when it is absent (with where
    // pycocoevalcap keeps it); FormatError naming the file when it is not gzip or a row is incomplete.
    static std::shared_ptr<const MeteorParaphrases> load(const std::string &directory);
    // load() once per process and folder (thread-safe).
    static std::shared_ptr<const MeteorParaphrases> shared(const std::string &directory);
    // pycocoevalcap's copy in a Python environment (a virtual environment's folder, e.g. the project's .venv):
    // <environment>/lib/python3.*/site-packages/pycocoevalcap/meteor/data (Lib/site-packages on Windows) when it holds
    // paraphrase-en.gz, "" otherwise.
    static std::string findInPythonEnvironment(const std::string &environment);

    const std::string &directory() const { return m_directory; }
    std::size_t rowCount() const { return m_paraphrases.size(); }
    std::size_t phraseCount() const { return m_phraseStart.size() - 1; }
    std::size_t vocabularySize() const { return m_wordStart.size() - 1; }
    std::size_t longestPhrase() const { return m_longestPhrase; }
    double loadSeconds() const { return m_loadSeconds; }
    std::size_t memoryBytes() const;

    // A word's id, kUnknown when no phrase of the table has it.
    int32_t word(std::string_view text) const;
    // The phrase made of these words, kUnknown when the table has no such phrase (on either side of a row).
    int32_t phrase(std::span<const int32_t> words) const;
    std::span<const int32_t> words(uint32_t phrase) const;
    // The paraphrases of a phrase: the second phrases of the rows whose first phrase it is, sorted by phrase id (so
    // that a matcher can look a phrase up among them), and beside each its row's place among the phrase's rows in
    // the file (METEOR tries a phrase's paraphrases in the file's order).
    std::span<const uint32_t> paraphrases(uint32_t phrase) const;
    std::span<const uint32_t> fileOrder(uint32_t phrase) const;

private:
    class Builder;
    MeteorParaphrases() = default;
    int32_t findWord(std::string_view text, uint32_t hash) const;
    int32_t find(std::span<const int32_t> words, uint32_t hash) const;

    std::string m_directory;
    // Open addressing: a slot holds hash << 32 | (id + 1), 0 for empty; the hash in the slot spares most lookups a
    // visit to the words.
    std::string m_wordText;              // every word's UTF-8 text, one after another
    std::vector<uint32_t> m_wordStart;   // word w: [m_wordStart[w], m_wordStart[w + 1]) of m_wordText
    std::vector<uint64_t> m_wordSlots;   // the words by text
    std::vector<int32_t> m_words;        // every phrase's word ids, one after another
    std::vector<uint32_t> m_phraseStart; // phrase p's words: [m_phraseStart[p], m_phraseStart[p + 1])
    std::vector<uint64_t> m_slots;       // the phrases by words
    std::vector<uint32_t> m_rowBegin;    // phrase p's rows: [m_rowBegin[p], m_rowBegin[p + 1]) of the two below
    std::vector<uint32_t> m_paraphrases; // per row, grouped by first phrase: the paraphrase's phrase id
    std::vector<uint32_t> m_fileOrder;   // per row: its place among its first phrase's rows in the file
    std::size_t m_longestPhrase = 0;
    double m_loadSeconds = 0;
};

} // namespace vindex::eval
