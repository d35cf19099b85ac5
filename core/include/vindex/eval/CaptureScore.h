#pragma once
// CAPTURE (Dong et al. 2024, foundation-multimodal-models/CAPTURE, capture_metric 0.1.13): a detailed description is
// scored by the visual elements it names — objects, attributes, relations — against those of each reference.
//
// Extraction of one description (CAPTURE.sample_to_parse_results):
//  1. split into sentences (splitSentences, see below); each sentence parsed by the FACTUAL scene-graph parser
//     (SceneGraphParser; its text read as SceneGraph.h says);
//  2. merged over sentences: objects = entity heads lemmatised as nouns; attributes per object = attributes
//     lemmatised as adjectives, those containing " of" dropped; relations = (subject head as noun lemma, relation as
//     written, object head as noun lemma). Each is a set (attributes: a set per object); quantities are not used;
//  3. filtered with the description's nouns (its words tagged as nouns, lemmatised as nouns): objects that are one of
//     CAPTURE's 317 stop words ("background", "scene", "image", ...) are dropped; objects, attribute owners and both
//     ends of relations must be a noun of the text, or made only of such nouns (split on spaces).
//  Lemmatisation is NLTK's WordNetLemmatizer (NltkWordNet.h).
//
// Matching of a candidate's elements against one reference's (CAPTURE.compute_match / compute_f_score), per type;
// attributes are the attribute words of all objects put together (one entry per object that has it), relations
// are triples:
//  1. exact: each candidate element, in order, takes the first unmatched reference element equal to it;
//  2. synonyms: each still unmatched candidate takes the first unmatched reference element it is synonymous with:
//     one contains the other as a substring, or (spaces turned into '_') their NLTK WordNet synonym sets —
//     lemma names of all synsets, all parts of speech — meet; for relations all three parts must be synonymous;
//  3. soft: when both sides have elements left, they are embedded (one SentenceEmbedder call, candidate's first;
//     relations as "subject relation object"), rows L2-normalised, S = cosine matrix; each left candidate adds its
//     row maximum to the candidate's matches, each left reference its column maximum to the reference's (no
//     threshold: a negative maximum subtracts).
//  P = candidate matches / (#candidate + ε), R = reference matches / (#reference + ε), F1 = 2PR / (P + R + ε),
//  ε = 1e-6 (so empty sides give 0); CAPTURE = (α·F1_obj + β·F1_attr + γ·F1_rel) / (α + β + γ), α = β = 0.5, γ = 0.2.
//  Per trial: the mean over its references (of the score and of each P/R/F1); corpus: the mean over trials.
//
// Where we differ from the reference code, and why:
//  - Part-of-speech tags. CAPTURE keeps the tokens NLTK's averaged-perceptron tagger tags NN*; that model cannot
//    be had here. A token counts as a noun when WordNet has a noun sense for it (wordnet.synsets(token.lower(), 'n')
//    is not empty). This admits every word that can be a noun — colour words ("red"), many verbs and adjectives
//    ("light", "stand", "walk") and some function words ("a", "in") — where the tagger judges the word in context,
//    so fewer parser elements are filtered out (mostly multi-word objects like "red car", whose pieces would all
//    have to be nouns, and non-noun heads the parser produced); it never filters more, except tokens that are
//    nouns in context but absent from WordNet (rare proper names, misspellings).
//  - Sentence splitting. CAPTURE uses NLTK's Punkt model for English (sent_tokenize), also not available here: a
//    sentence ends after '.', '?' or '!' (with any run of those and closing quotes/brackets after it) that whitespace
//    follows and then anything but a lower-case letter. Punkt also knows abbreviations ("Mr.", "St."), which split
//    here when a capital follows. Word tokens for the noun list follow NLTK's Treebank tokenizer on these
//    sentences for word-like tokens (punctuation split off, clitics 's n't 're 've 'll 'd 'm split, only a
//    sentence's final period split).
//  - Order. The reference iterates Python sets (hash order, different in each process unless PYTHONHASHSEED is set),
//    and greedy synonym matching depends on it; we iterate in order of first appearance (sentence, then fact order
//    of the parser's sorted facts).
//  - Sums in double precision from float embeddings (the reference works in float32): differences below 1e-6.
//  - The reference reports per-trial P/R/F1 rounded to 2 decimals in percent and no corpus P/R/F1; we keep the
//    unrounded fractions and give the corpus P/R/F1 as the mean over trials, like the score.
//  - Descriptions with equal text are parsed once (the parser is deterministic).
#include "vindex/core/JobControl.h"
#include "vindex/eval/CaptionCorpus.h"
#include "vindex/eval/NltkWordNet.h"
#include "vindex/eval/SceneGraphParser.h"
#include "vindex/eval/SentenceEmbedder.h"

#include <array>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace vindex::eval {

enum class ElementType { Object = 0, Attribute = 1, Relation = 2 };
enum class MatchStage { None, Exact, Synonym, Soft };
const char *elementTypeName(ElementType type); // "object", "attribute", "relation"
const char *matchStageName(MatchStage stage);  // "none", "exact", "synonym", "soft"

struct CaptureParameters {
    double alpha = 0.5, beta = 0.5, gamma = 0.2;
    bool synonymMatching = true, softMatching = true, stopWords = true;
    double eps = 1e-6;
};

// The elements of one description after parsing, lemmatising and filtering, in order of first appearance.
struct CaptureElements {
    std::vector<std::string> sentences;
    std::vector<std::string> graphs; // the parser's text per sentence
    std::vector<std::string> objects;
    std::vector<std::pair<std::string, std::vector<std::string>>> attributes; // object → its attributes
    std::vector<std::array<std::string, 3>> relations;                        // subject, relation, object

    // The attribute words as CAPTURE matches them (all objects' attributes, in order).
    std::vector<std::string> attributeWords() const;
    // "subject relation object" per relation.
    std::vector<std::string> relationPhrases() const;
};

// How one element fared: the stage that matched it, the element of the other side it matched (for soft matching
// the one of highest cosine; -1 when none) and its contribution (1 for exact and synonym, the cosine for soft).
struct ElementMatch {
    MatchStage stage = MatchStage::None;
    int partner = -1;
    double credit = 0;
};

struct ElementScores {
    double precision = 0, recall = 0, f1 = 0;
};

// One element type of a candidate against one reference.
struct ElementMatching {
    std::vector<std::string> candidate, reference; // element strings (relations as "subject relation object")
    std::vector<ElementMatch> candidateMatches, referenceMatches;
    int hardMatches = 0;                           // exact + synonym
    double candidateMatch = 0, referenceMatch = 0; // hard matches + soft row / column maxima
    ElementScores scores;
};

struct CaptureComparison {
    std::array<ElementMatching, 3> elements; // by ElementType
    double capture = 0;
};

struct CaptureTrial {
    CaptureElements candidate;
    std::vector<CaptureElements> references;
    std::vector<CaptureComparison> comparisons; // per reference
    std::array<ElementScores, 3> elements;      // mean over references, by ElementType
    double capture = 0;                         // mean over references
};

// A candidate element and how well the references confirm it: its best match over all of them (exact, then
// synonym, then soft with the highest cosine), for per-trial files and the studio's highlighting.
struct ConfirmedElement {
    ElementType type = ElementType::Object;
    std::string text; // relations as "subject relation object"
    MatchStage match = MatchStage::None;
    double credit = 0; // 1 for exact and synonym, the best cosine for soft
};
std::vector<ConfirmedElement> confirmedElements(const CaptureTrial &trial);

struct CaptureScores {
    double corpus = 0;                     // mean of the trials' scores
    std::array<ElementScores, 3> elements; // mean of the trials' P/R/F1
    std::vector<CaptureTrial> trials;
};

class CaptureScore {
public:
    static constexpr const char *kScoreName = "CAPTURE";

    // The embedder may be null when soft matching is off. Error when a needed part is missing.
    CaptureScore(std::shared_ptr<const SceneGraphParser> parser, std::shared_ptr<const SentenceEmbedder> embedder,
                 std::shared_ptr<const NltkWordNet> wordNet, CaptureParameters parameters = {});

    const CaptureParameters &parameters() const { return m_parameters; }

    // The corpus holds the descriptions as written (not PTB-tokenized). Reports ("CAPTURE", done, total) after each
    // block of descriptions parsed and each trial matched (total = distinct descriptions + trials); Cancelled when
    // the job is cancelled.
    CaptureScores score(const CaptionCorpus &corpus, const JobControl &job = JobControl::none()) const;

    // The steps, for tests and the studio.
    CaptureElements extract(const std::string &description) const;
    // Elements from parser texts already at hand (one per sentence of `description`).
    CaptureElements extract(const std::string &description, const std::vector<std::string> &sentenceGraphs) const;
    CaptureComparison compare(const CaptureElements &candidate, const CaptureElements &reference) const;
    // CAPTURE's synonym test of two elements (compute_synonyms_score > 0).
    bool areSynonyms(const std::string &a, const std::string &b) const;

    static std::vector<std::string> splitSentences(const std::string &text);
    static std::vector<std::string> wordTokens(const std::string &sentence);
    static const std::vector<std::string> &stopWords();

private:
    ElementMatching matchWords(const std::vector<std::string> &candidate,
                               const std::vector<std::string> &reference) const;
    ElementMatching matchRelations(const std::vector<std::array<std::string, 3>> &candidate,
                                   const std::vector<std::array<std::string, 3>> &reference) const;
    void softMatch(ElementMatching &matching) const;
    void finish(ElementMatching &matching) const;

    std::shared_ptr<const SceneGraphParser> m_parser;
    std::shared_ptr<const SentenceEmbedder> m_embedder;
    std::shared_ptr<const NltkWordNet> m_wordNet;
    CaptureParameters m_parameters;
};

} // namespace vindex::eval
