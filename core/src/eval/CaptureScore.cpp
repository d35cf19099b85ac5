#include "vindex/eval/CaptureScore.h"

#include "vindex/core/Error.h"
#include "vindex/eval/SceneGraph.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace vindex::eval {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool isLower(char c)
{
    return c >= 'a' && c <= 'z';
}
bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

std::string trim(std::string_view text)
{
    while (!text.empty() && isSpace(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isSpace(text.back()))
        text.remove_suffix(1);
    return std::string(text);
}

// Python's str.split() joined by '_'.
std::string underscoreWords(const std::string &text)
{
    std::string joined;
    for (const auto word : CaptionCorpus::splitWhitespace(text)) {
        if (!joined.empty())
            joined += '_';
        joined += word;
    }
    return joined;
}

// Appends `value` when it is not there yet (an insertion-ordered set).
template <typename T> bool addUnique(std::vector<T> &values, const T &value)
{
    if (std::find(values.begin(), values.end(), value) != values.end())
        return false;
    values.push_back(value);
    return true;
}

ElementScores scoresOf(double candidateMatch, double referenceMatch, std::size_t candidates, std::size_t references,
                       double eps)
{
    ElementScores s;
    s.precision = candidateMatch / (double(candidates) + eps);
    s.recall = referenceMatch / (double(references) + eps);
    s.f1 = 2 * s.precision * s.recall / (s.precision + s.recall + eps);
    return s;
}

} // namespace

const char *elementTypeName(ElementType type)
{
    switch (type) {
    case ElementType::Object: return "object";
    case ElementType::Attribute: return "attribute";
    case ElementType::Relation: return "relation";
    }
    return "?";
}

const char *matchStageName(MatchStage stage)
{
    switch (stage) {
    case MatchStage::None: return "none";
    case MatchStage::Exact: return "exact";
    case MatchStage::Synonym: return "synonym";
    case MatchStage::Soft: return "soft";
    }
    return "?";
}

std::vector<std::string> CaptureElements::attributeWords() const
{
    std::vector<std::string> words;
    for (const auto &[object, attributes] : this->attributes)
        words.insert(words.end(), attributes.begin(), attributes.end());
    return words;
}

std::vector<std::string> CaptureElements::relationPhrases() const
{
    std::vector<std::string> phrases;
    for (const auto &r : relations)
        phrases.push_back(r[0] + " " + r[1] + " " + r[2]);
    return phrases;
}

const std::vector<std::string> &CaptureScore::stopWords()
{
    // capture_metric/stop_words.py
    static const std::vector<std::string> words = {"background",
                                                   "scene",
                                                   "object",
                                                   "image",
                                                   "element",
                                                   "text",
                                                   "landscape",
                                                   "setting",
                                                   "space",
                                                   "foreground",
                                                   "life",
                                                   "backdrop",
                                                   "nature",
                                                   "design",
                                                   "atmosphere",
                                                   "surface",
                                                   "position",
                                                   "structure",
                                                   "hue",
                                                   "picture",
                                                   "color",
                                                   "frame",
                                                   "charm",
                                                   "area",
                                                   "attention",
                                                   "presence",
                                                   "attire",
                                                   "surroundings",
                                                   "world",
                                                   "distance",
                                                   "location",
                                                   "ambiance",
                                                   "gaze",
                                                   "tone",
                                                   "figure",
                                                   "field",
                                                   "center",
                                                   "day",
                                                   "air",
                                                   "pattern",
                                                   "tranquility",
                                                   "view",
                                                   "photo",
                                                   "story",
                                                   "activity",
                                                   "expression",
                                                   "item",
                                                   "time",
                                                   "composition",
                                                   "viewer",
                                                   "environment",
                                                   "horizon",
                                                   "moment",
                                                   "narrative",
                                                   "place",
                                                   "spectator",
                                                   "architecture",
                                                   "texture",
                                                   "anticipation",
                                                   "content",
                                                   "detail",
                                                   "back",
                                                   "cityscape",
                                                   "motion",
                                                   "top",
                                                   "comfort",
                                                   "display",
                                                   "journey",
                                                   "description",
                                                   "action",
                                                   "Atmosphäre",
                                                   "expanse",
                                                   "glow",
                                                   "adventure",
                                                   "individual",
                                                   "joy",
                                                   "city life",
                                                   "interior",
                                                   "character",
                                                   "night",
                                                   "angle",
                                                   "perspective",
                                                   "stance",
                                                   "history",
                                                   "shape",
                                                   "energy",
                                                   "spirit",
                                                   "match",
                                                   "movement",
                                                   "game",
                                                   "exterior",
                                                   "beauty",
                                                   "event",
                                                   "accent",
                                                   "focus",
                                                   "bustle",
                                                   "touch",
                                                   "camaraderie",
                                                   "aesthetic",
                                                   "vantage point",
                                                   "excitement",
                                                   "direction",
                                                   "warmth",
                                                   "harmony",
                                                   "border",
                                                   "right",
                                                   "terrain",
                                                   "mid-air",
                                                   "palette",
                                                   "message",
                                                   "interaction",
                                                   "workspace",
                                                   "spectacle",
                                                   "base",
                                                   "name",
                                                   "theme",
                                                   "mood",
                                                   "solitude",
                                                   "left",
                                                   "culture",
                                                   "grandeur",
                                                   "facade",
                                                   "boundary",
                                                   "white",
                                                   "information",
                                                   "illustration",
                                                   "row",
                                                   "balance",
                                                   "creativity",
                                                   "layout",
                                                   "style",
                                                   "simplicity",
                                                   "body language",
                                                   "photograph",
                                                   "celebration",
                                                   "hustle",
                                                   "work",
                                                   "form",
                                                   "court",
                                                   "edge",
                                                   "chaos",
                                                   "posture",
                                                   "elegance",
                                                   "handle",
                                                   "tableau",
                                                   "short",
                                                   "clothing",
                                                   "context",
                                                   "depth",
                                                   "uniform",
                                                   "rhythm",
                                                   "everyday life",
                                                   "experience",
                                                   "reflection",
                                                   "identity",
                                                   "pleasure",
                                                   "marvel",
                                                   "weather",
                                                   "neighborhood",
                                                   "track",
                                                   "urban life",
                                                   "functionality",
                                                   "silhouette",
                                                   "aura",
                                                   "pose",
                                                   "outdoors",
                                                   "conversation",
                                                   "imagination",
                                                   "surrounding",
                                                   "countertop",
                                                   "serenity",
                                                   "side",
                                                   "scenery",
                                                   "atmosfere",
                                                   "peak",
                                                   "traffic",
                                                   "arrangement",
                                                   "mystery",
                                                   "thrill",
                                                   "essence",
                                                   "formation",
                                                   "skill",
                                                   "outline",
                                                   "presentation",
                                                   "community",
                                                   "darkness",
                                                   "demeanor",
                                                   "section",
                                                   "group",
                                                   "positioning",
                                                   "scale",
                                                   "memory",
                                                   "living space",
                                                   "front",
                                                   "emotion",
                                                   "task",
                                                   "travel",
                                                   "freedom",
                                                   "feature",
                                                   "curiosity",
                                                   "decor",
                                                   "performance",
                                                   "dining experience",
                                                   "purpose",
                                                   "resilience",
                                                   "passion",
                                                   "Moment",
                                                   "art",
                                                   "wilderness",
                                                   "effect",
                                                   "urban setting",
                                                   "power",
                                                   "him",
                                                   "vibe",
                                                   "placement",
                                                   "destination",
                                                   "wild",
                                                   "vastness",
                                                   "determination",
                                                   "layer",
                                                   "heritage",
                                                   "contrast",
                                                   "innocence",
                                                   "beauté",
                                                   "decoration",
                                                   "infrastructure",
                                                   "urban",
                                                   "ensemble",
                                                   "page",
                                                   "countryside",
                                                   "winter",
                                                   "material",
                                                   "intersection",
                                                   "subject",
                                                   "stillness",
                                                   "appeal",
                                                   "height",
                                                   "play",
                                                   "tall",
                                                   "modernity",
                                                   "connection",
                                                   "natural",
                                                   "exploration",
                                                   "coexistence",
                                                   "bottom",
                                                   "tension",
                                                   "outdoor",
                                                   "Nature",
                                                   "natural beauté",
                                                   "technology",
                                                   "imagery",
                                                   "reality",
                                                   "relaxation",
                                                   "spot",
                                                   "point",
                                                   "show",
                                                   "significance",
                                                   "personality",
                                                   "her",
                                                   "snapshot",
                                                   "viewpoint",
                                                   "entrance",
                                                   "rim",
                                                   "operation",
                                                   "intensity",
                                                   "nostalgia",
                                                   "afternoon",
                                                   "it",
                                                   "stride",
                                                   "case",
                                                   "key",
                                                   "component",
                                                   "pant",
                                                   "collage",
                                                   "speed",
                                                   "promise",
                                                   "atmosphère",
                                                   "vibrancy",
                                                   "remote",
                                                   "teamwork",
                                                   "site",
                                                   "turn",
                                                   "end",
                                                   "network",
                                                   "love",
                                                   "flavor",
                                                   "strap",
                                                   "era",
                                                   "marking",
                                                   "music",
                                                   "confidence",
                                                   "knowledge",
                                                   "appearance",
                                                   "condition",
                                                   "routine",
                                                   "team",
                                                   "role",
                                                   "unity",
                                                   "bloom",
                                                   "ecosystem",
                                                   "topping",
                                                   "enclosure",
                                                   "order",
                                                   "step",
                                                   "flight",
                                                   "ingredient",
                                                   "diversity",
                                                   "tip",
                                                   "universe",
                                                   "breakfast",
                                                   "middle",
                                                   "treat",
                                                   "companionship",
                                                   "essential",
                                                   "red",
                                                   "symbolism",
                                                   "interpretation"};
    return words;
}

CaptureScore::CaptureScore(std::shared_ptr<const SceneGraphParser> parser,
                           std::shared_ptr<const SentenceEmbedder> embedder, std::shared_ptr<const NltkWordNet> wordNet,
                           CaptureParameters parameters)
    : m_parser(std::move(parser)), m_embedder(std::move(embedder)), m_wordNet(std::move(wordNet)),
      m_parameters(parameters)
{
    if (!m_parser)
        throw Error("CAPTURE needs a scene-graph parser (the FACTUAL Flan-T5 parser's folder)");
    if (!m_wordNet)
        throw Error("CAPTURE needs WordNet (lemmatisation and synonym matching)");
    if (m_parameters.softMatching && !m_embedder)
        throw Error("CAPTURE's soft matching needs a sentence embedder");
}

std::vector<std::string> CaptureScore::splitSentences(const std::string &text)
{
    static const std::string kEnd = ".?!", kClosing = "\"')]}";
    std::vector<std::string> sentences;
    const auto add = [&](std::size_t from, std::size_t to) {
        std::string sentence = trim(std::string_view(text).substr(from, to - from));
        if (!sentence.empty())
            sentences.push_back(std::move(sentence));
    };
    std::size_t start = 0, i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        if (kEnd.find(text[i]) == std::string::npos) {
            ++i;
            continue;
        }
        std::size_t j = i + 1;
        while (j < n && kEnd.find(text[j]) != std::string::npos)
            ++j;
        while (j < n && kClosing.find(text[j]) != std::string::npos)
            ++j;
        if (j < n && isSpace(text[j])) {
            std::size_t k = j;
            while (k < n && isSpace(text[k]))
                ++k;
            if (k < n && !isLower(text[k])) {
                add(start, j);
                start = k;
            }
        }
        i = j;
    }
    add(start, n);
    return sentences;
}

std::vector<std::string> CaptureScore::wordTokens(const std::string &sentence)
{
    static const std::string kAlone = ";@#$%&?!()[]{}<>\"";
    std::string text = trim(sentence);
    // A sentence-final period (before closing brackets and quotes) is a token of its own, as are "..." and "--".
    std::size_t last = text.size();
    while (last > 0 && std::string_view(")]}>\"'").find(text[last - 1]) != std::string_view::npos)
        --last;
    const bool finalPeriod = last >= 2 && text[last - 1] == '.' && text[last - 2] != '.';
    std::string spaced;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (finalPeriod && i == last - 1) {
            spaced += " . ";
        } else if (text.compare(i, 3, "...") == 0) {
            spaced += " ... ";
            i += 2;
        } else if (text.compare(i, 2, "--") == 0) {
            spaced += " -- ";
            ++i;
        } else if (kAlone.find(c) != std::string::npos) {
            spaced += ' ';
            spaced += c;
            spaced += ' ';
        } else if ((c == ',' || c == ':') && (i + 1 == text.size() || !isDigit(text[i + 1]))) {
            spaced += ' ';
            spaced += c;
            spaced += ' ';
        } else {
            spaced += c;
        }
    }
    std::vector<std::string> tokens;
    for (const auto piece : CaptionCorpus::splitWhitespace(spaced)) {
        std::string token(piece);
        std::string clitic;
        const auto lowerTail = [&](std::size_t from) {
            std::string tail = token.substr(from);
            for (char &ch : tail)
                ch = char(std::tolower(static_cast<unsigned char>(ch)));
            return tail;
        };
        for (const std::string_view suffix : {"'ll", "'re", "'ve", "n't", "'s", "'m", "'d"}) {
            if (token.size() > suffix.size() && lowerTail(token.size() - suffix.size()) == suffix &&
                (suffix == "n't" || token[token.size() - suffix.size() - 1] != '\'')) {
                clitic = token.substr(token.size() - suffix.size());
                break;
            }
        }
        if (clitic.empty() && token.size() > 1 && token.back() == '\'' && token[token.size() - 2] != '\'')
            clitic = "'";
        if (!clitic.empty())
            token.resize(token.size() - clitic.size());
        tokens.push_back(std::move(token));
        if (!clitic.empty())
            tokens.push_back(std::move(clitic));
    }
    return tokens;
}

CaptureElements CaptureScore::extract(const std::string &description) const
{
    auto sentences = splitSentences(description);
    const auto graphs = m_parser->parse(sentences);
    if (graphs.size() != sentences.size())
        throw Error("scene-graph parser " + m_parser->source() + " returned " + std::to_string(graphs.size()) +
                    " graphs for " + std::to_string(sentences.size()) + " sentences");
    return extract(description, graphs);
}

CaptureElements CaptureScore::extract(const std::string &description,
                                      const std::vector<std::string> &sentenceGraphs) const
{
    CaptureElements elements;
    elements.sentences = splitSentences(description);
    elements.graphs = sentenceGraphs;
    const auto noun = [&](const std::string &word) { return m_wordNet->lemmatize(word, WordNet::kNoun); };

    // merge_sentence_results
    std::vector<std::string> objects;
    std::vector<std::pair<std::string, std::vector<std::string>>> attributes;
    std::vector<std::array<std::string, 3>> relations;
    for (const auto &text : sentenceGraphs) {
        const SceneGraph graph = SceneGraph::fromParserText(text);
        for (const auto &entity : graph.entities) {
            const std::string object = noun(entity.head);
            addUnique(objects, object);
            for (const auto &attribute : entity.attributes) {
                const std::string word = m_wordNet->lemmatize(attribute, WordNet::kAdjective);
                if (word.find(" of") != std::string::npos)
                    continue;
                auto slot = std::find_if(attributes.begin(), attributes.end(),
                                         [&](const auto &entry) { return entry.first == object; });
                if (slot == attributes.end()) {
                    attributes.push_back({object, {}});
                    slot = attributes.end() - 1;
                }
                addUnique(slot->second, word);
            }
        }
        for (const auto &relation : graph.relations)
            addUnique(relations,
                      std::array<std::string, 3>{noun(graph.entities[relation.subject].head), relation.relation,
                                                 noun(graph.entities[relation.object].head)});
    }

    // The text's nouns (see the header for the part-of-speech substitute).
    std::unordered_set<std::string> nouns;
    for (const auto &sentence : elements.sentences)
        for (const auto &token : wordTokens(sentence))
            if (m_wordNet->hasSynsets(token, WordNet::kNoun))
                nouns.insert(noun(token));
    const auto isNounPhrase = [&](const std::string &phrase) {
        if (nouns.count(phrase))
            return true;
        std::size_t start = 0;
        while (true) { // every piece of phrase.split(' ')
            const std::size_t space = phrase.find(' ', start);
            if (!nouns.count(phrase.substr(start, space == std::string::npos ? std::string::npos : space - start)))
                return false;
            if (space == std::string::npos)
                return true;
            start = space + 1;
        }
    };
    static const std::unordered_set<std::string> stop(stopWords().begin(), stopWords().end());
    for (auto &object : objects)
        if ((!m_parameters.stopWords || !stop.count(object)) && isNounPhrase(object))
            elements.objects.push_back(std::move(object));
    for (auto &entry : attributes)
        if (isNounPhrase(entry.first))
            elements.attributes.push_back(std::move(entry));
    for (auto &relation : relations)
        if (isNounPhrase(relation[0]) && isNounPhrase(relation[2]))
            elements.relations.push_back(std::move(relation));
    return elements;
}

bool CaptureScore::areSynonyms(const std::string &a, const std::string &b) const
{
    if (a.find(b) != std::string::npos || b.find(a) != std::string::npos)
        return true;
    const auto synonymsA = m_wordNet->synonyms(underscoreWords(a));
    if (synonymsA.empty())
        return false;
    for (const auto &name : m_wordNet->synonyms(underscoreWords(b)))
        if (synonymsA.count(name))
            return true;
    return false;
}

void CaptureScore::softMatch(ElementMatching &m) const
{
    std::vector<std::size_t> leftCandidates, leftReferences;
    for (std::size_t i = 0; i < m.candidate.size(); ++i)
        if (m.candidateMatches[i].stage == MatchStage::None)
            leftCandidates.push_back(i);
    for (std::size_t j = 0; j < m.reference.size(); ++j)
        if (m.referenceMatches[j].stage == MatchStage::None)
            leftReferences.push_back(j);
    m.candidateMatch = m.referenceMatch = m.hardMatches;
    if (!m_parameters.softMatching || leftCandidates.empty() || leftReferences.empty())
        return;
    std::vector<std::string> texts;
    for (const auto i : leftCandidates)
        texts.push_back(m.candidate[i]);
    for (const auto j : leftReferences)
        texts.push_back(m.reference[j]);
    const auto embeddings = m_embedder->embed(texts);
    if (embeddings.size() != texts.size())
        throw Error("sentence embedder " + m_embedder->source() + " returned " + std::to_string(embeddings.size()) +
                    " embeddings for " + std::to_string(texts.size()) + " phrases");
    std::vector<std::vector<double>> unit(embeddings.size());
    for (std::size_t r = 0; r < embeddings.size(); ++r) {
        double norm = 0;
        for (const float v : embeddings[r])
            norm += double(v) * double(v);
        norm = std::sqrt(norm);
        for (const float v : embeddings[r])
            unit[r].push_back(double(v) / norm);
    }
    const std::size_t nc = leftCandidates.size(), nr = leftReferences.size();
    std::vector<double> similarity(nc * nr);
    for (std::size_t a = 0; a < nc; ++a)
        for (std::size_t b = 0; b < nr; ++b) {
            const auto &x = unit[a], &y = unit[nc + b];
            if (x.size() != y.size())
                throw Error("sentence embedder " + m_embedder->source() + " returned embeddings of different sizes");
            double dot = 0;
            for (std::size_t k = 0; k < x.size(); ++k)
                dot += x[k] * y[k];
            similarity[a * nr + b] = dot;
        }
    // Row and column maxima; the partner is the first maximum (numpy's argmax).
    for (std::size_t a = 0; a < nc; ++a) {
        std::size_t best = 0;
        for (std::size_t b = 1; b < nr; ++b)
            if (similarity[a * nr + b] > similarity[a * nr + best])
                best = b;
        m.candidateMatches[leftCandidates[a]] = {MatchStage::Soft, int(leftReferences[best]),
                                                 similarity[a * nr + best]};
        m.candidateMatch += similarity[a * nr + best];
    }
    for (std::size_t b = 0; b < nr; ++b) {
        std::size_t best = 0;
        for (std::size_t a = 1; a < nc; ++a)
            if (similarity[a * nr + b] > similarity[best * nr + b])
                best = a;
        m.referenceMatches[leftReferences[b]] = {MatchStage::Soft, int(leftCandidates[best]),
                                                 similarity[best * nr + b]};
        m.referenceMatch += similarity[best * nr + b];
    }
}

void CaptureScore::finish(ElementMatching &m) const
{
    softMatch(m);
    m.scores = scoresOf(m.candidateMatch, m.referenceMatch, m.candidate.size(), m.reference.size(), m_parameters.eps);
}

namespace {

// CAPTURE's greedy stages: each unmatched candidate, in order, takes the first unmatched reference that `matches`.
template <typename T, typename Matches>
void greedyStage(const std::vector<T> &candidate, const std::vector<T> &reference, ElementMatching &m, MatchStage stage,
                 Matches &&matches)
{
    for (std::size_t i = 0; i < candidate.size(); ++i) {
        if (m.candidateMatches[i].stage != MatchStage::None)
            continue;
        for (std::size_t j = 0; j < reference.size(); ++j) {
            if (m.referenceMatches[j].stage != MatchStage::None || !matches(candidate[i], reference[j]))
                continue;
            m.candidateMatches[i] = {stage, int(j), 1.0};
            m.referenceMatches[j] = {stage, int(i), 1.0};
            ++m.hardMatches;
            break;
        }
    }
}

} // namespace

ElementMatching CaptureScore::matchWords(const std::vector<std::string> &candidate,
                                         const std::vector<std::string> &reference) const
{
    ElementMatching m;
    m.candidate = candidate;
    m.reference = reference;
    m.candidateMatches.resize(candidate.size());
    m.referenceMatches.resize(reference.size());
    greedyStage(candidate, reference, m, MatchStage::Exact, std::equal_to<>());
    if (m_parameters.synonymMatching)
        greedyStage(candidate, reference, m, MatchStage::Synonym,
                    [&](const std::string &a, const std::string &b) { return areSynonyms(a, b); });
    finish(m);
    return m;
}

ElementMatching CaptureScore::matchRelations(const std::vector<std::array<std::string, 3>> &candidate,
                                             const std::vector<std::array<std::string, 3>> &reference) const
{
    ElementMatching m;
    for (const auto &r : candidate)
        m.candidate.push_back(r[0] + " " + r[1] + " " + r[2]);
    for (const auto &r : reference)
        m.reference.push_back(r[0] + " " + r[1] + " " + r[2]);
    m.candidateMatches.resize(candidate.size());
    m.referenceMatches.resize(reference.size());
    greedyStage(candidate, reference, m, MatchStage::Exact, std::equal_to<>());
    if (m_parameters.synonymMatching)
        greedyStage(candidate, reference, m, MatchStage::Synonym,
                    [&](const std::array<std::string, 3> &a, const std::array<std::string, 3> &b) {
                        return areSynonyms(a[0], b[0]) && areSynonyms(a[1], b[1]) && areSynonyms(a[2], b[2]);
                    });
    finish(m);
    return m;
}

CaptureComparison CaptureScore::compare(const CaptureElements &candidate, const CaptureElements &reference) const
{
    CaptureComparison c;
    c.elements[0] = matchWords(candidate.objects, reference.objects);
    c.elements[1] = matchWords(candidate.attributeWords(), reference.attributeWords());
    c.elements[2] = matchRelations(candidate.relations, reference.relations);
    const auto &p = m_parameters;
    c.capture =
        (p.alpha * c.elements[0].scores.f1 + p.beta * c.elements[1].scores.f1 + p.gamma * c.elements[2].scores.f1) /
        (p.alpha + p.beta + p.gamma);
    return c;
}

CaptureScores CaptureScore::score(const CaptionCorpus &corpus, const JobControl &job) const
{
    CaptureScores result;
    const std::size_t n = corpus.size();
    // Every distinct description is parsed once, many at a time (the parser fills its batches across them);
    // parsing is most of the work, so progress counts descriptions parsed, then trials matched.
    std::unordered_map<std::string, CaptureElements> parsed;
    std::vector<const std::string *> distinct;
    for (std::size_t t = 0; t < n; ++t) {
        if (parsed.emplace(corpus.candidates()[t], CaptureElements{}).second)
            distinct.push_back(&corpus.candidates()[t]);
        for (const auto &reference : corpus.references()[t])
            if (parsed.emplace(reference, CaptureElements{}).second)
                distinct.push_back(&reference);
    }
    const auto total = int64_t(distinct.size() + n);
    job.report(kScoreName, 0, total);
    constexpr std::size_t kDescriptionsPerCall = 64;
    for (std::size_t first = 0; first < distinct.size(); first += kDescriptionsPerCall) {
        const std::size_t end = std::min(distinct.size(), first + kDescriptionsPerCall);
        std::vector<std::vector<std::string>> sentences;
        for (std::size_t i = first; i < end; ++i)
            sentences.push_back(splitSentences(*distinct[i]));
        const auto graphs = m_parser->parseDescriptions(sentences);
        for (std::size_t i = first; i < end; ++i) {
            if (i - first >= graphs.size() || graphs[i - first].size() != sentences[i - first].size())
                throw Error("scene-graph parser " + m_parser->source() + " returned no graph for every sentence of " +
                            "a description (\"" + distinct[i]->substr(0, 60) + "\")");
            parsed[*distinct[i]] = extract(*distinct[i], graphs[i - first]);
        }
        job.report(kScoreName, int64_t(end), total);
    }
    for (std::size_t t = 0; t < n; ++t) {
        CaptureTrial trial;
        trial.candidate = parsed.at(corpus.candidates()[t]);
        for (const auto &reference : corpus.references()[t]) {
            job.checkCancelled();
            trial.references.push_back(parsed.at(reference));
            trial.comparisons.push_back(compare(trial.candidate, trial.references.back()));
        }
        const double count = double(trial.comparisons.size());
        for (const auto &c : trial.comparisons) {
            trial.capture += c.capture;
            for (int type = 0; type < 3; ++type) {
                trial.elements[type].precision += c.elements[type].scores.precision;
                trial.elements[type].recall += c.elements[type].scores.recall;
                trial.elements[type].f1 += c.elements[type].scores.f1;
            }
        }
        trial.capture /= count;
        for (auto &e : trial.elements) {
            e.precision /= count;
            e.recall /= count;
            e.f1 /= count;
        }
        result.trials.push_back(std::move(trial));
        job.report(kScoreName, int64_t(distinct.size() + t + 1), total);
    }
    if (n == 0)
        return result;
    for (const auto &trial : result.trials) {
        result.corpus += trial.capture;
        for (int type = 0; type < 3; ++type) {
            result.elements[type].precision += trial.elements[type].precision;
            result.elements[type].recall += trial.elements[type].recall;
            result.elements[type].f1 += trial.elements[type].f1;
        }
    }
    result.corpus /= double(n);
    for (auto &e : result.elements) {
        e.precision /= double(n);
        e.recall /= double(n);
        e.f1 /= double(n);
    }
    return result;
}

std::vector<ConfirmedElement> confirmedElements(const CaptureTrial &trial)
{
    const auto rank = [](MatchStage stage) {
        switch (stage) {
        case MatchStage::Exact: return 3;
        case MatchStage::Synonym: return 2;
        case MatchStage::Soft: return 1;
        case MatchStage::None: break;
        }
        return 0;
    };
    std::vector<ConfirmedElement> elements;
    if (trial.comparisons.empty())
        return elements;
    for (int type = 0; type < 3; ++type) {
        const std::vector<std::string> &texts = trial.comparisons.front().elements[type].candidate;
        for (std::size_t i = 0; i < texts.size(); ++i) {
            ConfirmedElement element{static_cast<ElementType>(type), texts[i], MatchStage::None, 0};
            for (const CaptureComparison &comparison : trial.comparisons) {
                const ElementMatch &match = comparison.elements[type].candidateMatches.at(i);
                if (rank(match.stage) > rank(element.match) ||
                    (match.stage == element.match && match.credit > element.credit)) {
                    element.match = match.stage;
                    element.credit = match.credit;
                }
            }
            elements.push_back(std::move(element));
        }
    }
    return elements;
}

} // namespace vindex::eval
