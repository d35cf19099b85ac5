#include "vindex/eval/Meteor.h"

#include "CharacterClasses.h"
#include "MeteorAligner.h"

#include "vindex/core/Error.h"
#include "vindex/eval/EnglishStemmer.h"
#include "vindex/eval/MeteorNormalizer.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

namespace vindex::eval {

namespace {

// METEOR 1.5's English function words (its list of the most frequent words and symbols of an English corpus).
const std::unordered_set<std::string> &functionWords()
{
    static const std::unordered_set<std::string> words = {
        "the",   "\xe2\x80\x9c", ",",     ".",     "to",   "of",           "and",   "a",     "in",     "that",
        "for",   "\"",           "is",    "on",    "'s",   "it",           "with",  "was",   "as",     "said",
        "at",    "he",           "by",    "be",    "from", "have",         "has",   "are",   "his",    "but",
        "an",    "this",         "not",   "i",     "will", "\xe2\x80\x99", "they",  ")",     "-rrb-",  "(",
        "-lrb-", "who",          "their", "had",   "we",   "which",        "were",  "been",  "more",   "or",
        "s",     "its",          "would", "about", "new",  "one",          "after", "you",   ":",      "also",
        "up",    "when",         "there", "than",  "$",    "all",          "out",   "her",   "people", "she",
        "year",  "two",          "-",     "can",   "if",   "last",         "first", "over",  "other",  "\xe2\x80\x9d",
        "into",  "some",         "what",  "so",    "--",   "no",           "time",  "years", "could",  "?",
        "'t",    "\xe2\x80\x94", "'"};
    return words;
}

int32_t javaHashCode(const std::u16string &s)
{
    uint32_t h = 0;
    for (char16_t c : s)
        h = 31 * h + c;
    return static_cast<int32_t>(h);
}

// Normalized, lower-cased words of a line, as UTF-16 (what METEOR's matcher sees).
std::vector<std::u16string> lineWords(const std::string &line)
{
    // A line of lower-case ASCII letters, digits and spaces (most PTB-tokenized captions) is left as it is by the
    // normalizer and by lower-casing: its words are its space-separated parts.
    const bool plain = std::all_of(line.begin(), line.end(),
                                   [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' '; });
    const std::u16string text = plain ? std::u16string(line.begin(), line.end())
                                      : chars::toLower(chars::utf8ToUtf16(MeteorNormalizer::normalize(line)));
    return chars::javaTokens(text);
}

// Python's str.replace(old, new): every non-overlapping occurrence, left to right.
std::string pythonReplace(const std::string &text, const std::string &from, const std::string &to)
{
    std::string out;
    std::size_t i = 0;
    while (true) {
        const std::size_t found = text.find(from, i);
        if (found == std::string::npos)
            break;
        out.append(text, i, found - i);
        out += to;
        i = found + from.size();
    }
    out.append(text, i, std::string::npos);
    return out;
}

// Java's String.trim() (UTF-8 bytes up to 0x20 are exactly the characters up to U+0020).
std::string javaTrim(const std::string &s)
{
    std::size_t begin = 0, end = s.size();
    while (begin < end && static_cast<unsigned char>(s[begin]) <= 0x20)
        ++begin;
    while (end > begin && static_cast<unsigned char>(s[end - 1]) <= 0x20)
        --end;
    return s.substr(begin, end - begin);
}

// The words of the segments being scored, each analysed once (stem, synsets, function word).
class WordTable {
public:
    WordTable(const WordNet *wordNet, const MeteorSynonyms *synonyms, const MeteorParaphrases *paraphrases)
        : m_wordNet(wordNet), m_synonyms(synonyms), m_paraphrases(paraphrases)
    {
    }

    std::vector<const MeteorWord *> words(const std::string &line)
    {
        std::vector<const MeteorWord *> out;
        for (auto &text : lineWords(line)) {
            auto found = m_words.find(text);
            if (found == m_words.end()) {
                MeteorWord word;
                const std::string utf8 = chars::utf16ToUtf8(text);
                word.key = javaHashCode(text);
                word.stemKey = javaHashCode(EnglishStemmer::stem(text));
                word.synsets = m_synonyms ? m_synonyms->meteorSynsets(utf8) : m_wordNet->meteorSynsets(utf8);
                word.functionWord = functionWords().count(utf8) > 0;
                if (m_paraphrases)
                    word.paraphraseWord = m_paraphrases->word(utf8);
                found = m_words.emplace(std::move(text), std::move(word)).first;
            }
            out.push_back(&found->second);
        }
        return out;
    }

private:
    const WordNet *m_wordNet;
    const MeteorSynonyms *m_synonyms;
    const MeteorParaphrases *m_paraphrases;
    std::unordered_map<std::u16string, MeteorWord> m_words;
};

MeteorStatistics statisticsOf(const MeteorAlignment &a, const std::vector<const MeteorWord *> &test,
                              const std::vector<const MeteorWord *> &reference)
{
    MeteorStatistics s;
    s.testLength = static_cast<double>(test.size());
    s.referenceLength = static_cast<double>(reference.size());
    for (const auto *w : test)
        s.testFunctionWords += w->functionWord ? 1 : 0;
    for (const auto *w : reference)
        s.referenceFunctionWords += w->functionWord ? 1 : 0;
    for (int k = 0; k < MeteorAlignment::kStages; ++k) {
        s.testContentMatches[k] = a.testContent[k];
        s.testFunctionMatches[k] = a.testFunction[k];
        s.referenceContentMatches[k] = a.referenceContent[k];
        s.referenceFunctionMatches[k] = a.referenceFunction[k];
    }
    s.chunks = a.chunks;
    s.testWordMatches = a.testMatches;
    s.referenceWordMatches = a.referenceMatches;
    return s;
}

MeteorStatistics segmentStatistics(const Meteor &meteor, WordTable &table, const MeteorAligner &aligner,
                                   const std::string &candidate, const std::vector<std::string> &references,
                                   std::size_t *bestReference)
{
    if (references.empty())
        throw DataError("METEOR: a segment without references");
    const auto test = table.words(candidate);
    MeteorStatistics best;
    double bestScore = -1;
    for (std::size_t r = 0; r < references.size(); ++r) {
        const auto reference = table.words(references[r]);
        const MeteorStatistics s = statisticsOf(aligner.align(test, reference), test, reference);
        const double score = meteor.score(s);
        if (score > bestScore) {
            best = s;
            bestScore = score;
            if (bestReference)
                *bestReference = r;
        }
    }
    return best;
}

} // namespace

double MeteorStatistics::testTotalMatches() const
{
    double total = 0;
    for (int k = 0; k < kStages; ++k)
        total += testContentMatches[k] + testFunctionMatches[k];
    return total;
}

double MeteorStatistics::referenceTotalMatches() const
{
    double total = 0;
    for (int k = 0; k < kStages; ++k)
        total += referenceContentMatches[k] + referenceFunctionMatches[k];
    return total;
}

bool MeteorStatistics::isPerfect() const
{
    return testTotalMatches() == testLength && referenceTotalMatches() == referenceLength && chunks == 1.0;
}

void MeteorStatistics::add(const MeteorStatistics &segment)
{
    testLength += segment.testLength;
    referenceLength += segment.referenceLength;
    testFunctionWords += segment.testFunctionWords;
    referenceFunctionWords += segment.referenceFunctionWords;
    for (int k = 0; k < kStages; ++k) {
        testContentMatches[k] += segment.testContentMatches[k];
        referenceContentMatches[k] += segment.referenceContentMatches[k];
        testFunctionMatches[k] += segment.testFunctionMatches[k];
        referenceFunctionMatches[k] += segment.referenceFunctionMatches[k];
    }
    if (!segment.isPerfect())
        chunks += segment.chunks;
    testWordMatches += segment.testWordMatches;
    referenceWordMatches += segment.referenceWordMatches;
}

Meteor::Meteor(std::shared_ptr<const WordNet> wordNet, MeteorParameters parameters)
    : Meteor(std::move(wordNet), nullptr, nullptr, parameters)
{
}

Meteor::Meteor(std::shared_ptr<const WordNet> wordNet, std::shared_ptr<const MeteorParaphrases> paraphrases,
               std::shared_ptr<const MeteorSynonyms> synonyms, MeteorParameters parameters)
    : m_wordNet(std::move(wordNet)), m_paraphrases(std::move(paraphrases)), m_synonyms(std::move(synonyms)),
      m_parameters(parameters)
{
    if (!m_wordNet && !m_synonyms)
        throw Error("METEOR needs WordNet, or its jar's synonym files, for its synonym stage");
}

std::vector<std::string> Meteor::words(const std::string &line)
{
    std::vector<std::string> out;
    for (const auto &w : lineWords(line))
        out.push_back(chars::utf16ToUtf8(w));
    return out;
}

bool Meteor::isFunctionWord(const std::string &word)
{
    return functionWords().count(word) > 0;
}

double Meteor::score(const MeteorStatistics &s) const
{
    // The same operations in the same order as METEOR, so that the doubles agree.
    const MeteorParameters &p = m_parameters;
    const double testWeightedLength =
        (p.delta * (s.testLength - s.testFunctionWords)) + ((1.0 - p.delta) * s.testFunctionWords);
    const double referenceWeightedLength =
        (p.delta * (s.referenceLength - s.referenceFunctionWords)) + ((1.0 - p.delta) * s.referenceFunctionWords);
    double testWeightedMatches = 0, referenceWeightedMatches = 0;
    for (int k = 0; k < MeteorStatistics::kStages; ++k)
        testWeightedMatches += s.testContentMatches[k] * p.weights[k] * p.delta;
    for (int k = 0; k < MeteorStatistics::kStages; ++k)
        referenceWeightedMatches += s.referenceContentMatches[k] * p.weights[k] * p.delta;
    for (int k = 0; k < MeteorStatistics::kStages; ++k)
        testWeightedMatches += s.testFunctionMatches[k] * p.weights[k] * (1.0 - p.delta);
    for (int k = 0; k < MeteorStatistics::kStages; ++k)
        referenceWeightedMatches += s.referenceFunctionMatches[k] * p.weights[k] * (1.0 - p.delta);
    const double precision = testWeightedMatches / testWeightedLength;
    const double recall = referenceWeightedMatches / referenceWeightedLength;
    const double fMean = 1.0 / (((1.0 - p.alpha) / precision) + (p.alpha / recall));
    const double fragmentation = s.isPerfect() ? 0.0 : s.chunks / ((s.testWordMatches + s.referenceWordMatches) / 2);
    const double penalty = p.gamma * std::pow(fragmentation, p.beta);
    const double score = fMean * (1.0 - penalty);
    return std::isnan(score) ? 0.0 : std::max(score, 0.0);
}

MeteorStatistics Meteor::statistics(const std::string &candidate, const std::vector<std::string> &references,
                                    std::size_t *bestReference) const
{
    WordTable table(m_wordNet.get(), m_synonyms.get(), m_paraphrases.get());
    const MeteorAligner aligner(m_parameters.beamSize, m_paraphrases.get());
    return segmentStatistics(*this, table, aligner, candidate, references, bestReference);
}

MeteorScores Meteor::score(const CaptionCorpus &corpus, const JobControl &job) const
{
    MeteorScores result;
    WordTable table(m_wordNet.get(), m_synonyms.get(), m_paraphrases.get());
    const MeteorAligner aligner(m_parameters.beamSize, m_paraphrases.get());
    result.perTrial.reserve(corpus.size());
    result.trialStatistics.reserve(corpus.size());
    result.bestReference.reserve(corpus.size());
    const auto trials = static_cast<int64_t>(corpus.size());
    for (std::size_t t = 0; t < corpus.size(); ++t) {
        if (t % 16 == 0) // a segment takes a fraction of a millisecond: cancellable within a few
            job.report("METEOR", static_cast<int64_t>(t), trials);
        // pycocoevalcap's line: "SCORE ||| ref 1 ||| ... ||| ref n ||| candidate"; the jar splits it on "|||"
        // (trailing empty fields dropped) and trims the fields.
        std::string line = "SCORE";
        for (const auto &reference : corpus.references()[t])
            line += " ||| " + reference;
        line += " ||| " + pythonReplace(pythonReplace(corpus.candidates()[t], "|||", ""), "  ", " ");
        std::vector<std::string> fields;
        std::size_t start = 0;
        while (true) {
            const std::size_t bar = line.find("|||", start);
            fields.push_back(line.substr(start, bar == std::string::npos ? std::string::npos : bar - start));
            if (bar == std::string::npos)
                break;
            start = bar + 3;
        }
        while (!fields.empty() && fields.back().empty())
            fields.pop_back();
        if (fields.size() < 3)
            throw DataError("METEOR: trial " + std::to_string(t) +
                            " has no candidate or no reference left after "
                            "splitting on '|||'");
        std::vector<std::string> references;
        for (std::size_t f = 1; f + 1 < fields.size(); ++f)
            references.push_back(javaTrim(fields[f]));
        std::size_t best = 0;
        const MeteorStatistics s = segmentStatistics(*this, table, aligner, javaTrim(fields.back()), references, &best);
        result.perTrial.push_back(score(s));
        result.trialStatistics.push_back(s);
        result.bestReference.push_back(best);
        result.total.add(s);
    }
    result.corpus = score(result.total);
    return result;
}

} // namespace vindex::eval
