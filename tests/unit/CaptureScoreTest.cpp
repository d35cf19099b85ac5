// CAPTURE: FACTUAL graph texts → scene graphs, NLTK's WordNet lemmatizer and synonyms, the three matching stages on
// hand-built elements with closed-form P/R/F1/CAPTURE, and parity with the CAPTURE reference code
// (tests/reference/make_capture_fixture.py: capture_metric 0.1.13 with stubbed parser graphs and real
// all-MiniLM-L6-v2 embeddings, both replayed here) to 1e-6, per pair, per reference and corpus.
#include "TestSupport.h"

#include "vindex/core/Error.h"
#include "vindex/eval/CaptureScore.h"
#include "vindex/eval/NltkWordNet.h"
#include "vindex/eval/SceneGraph.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <map>
#include <set>

using namespace vindex::eval;

namespace {

std::shared_ptr<const NltkWordNet> nltkWordNet()
{
    static const auto shared = std::make_shared<const NltkWordNet>(WordNet::shared()); // Debian's wordnet-base
    return shared;
}

// Replays graph texts by sentence; a sentence it does not know is a test failure (our split differs).
class ReplayParser : public SceneGraphParser {
public:
    explicit ReplayParser(std::map<std::string, std::string> graphs) : m_graphs(std::move(graphs)) {}
    std::vector<std::string> parse(const std::vector<std::string> &sentences) const override
    {
        std::vector<std::string> out;
        for (const auto &s : sentences) {
            const auto found = m_graphs.find(s);
            if (found == m_graphs.end())
                throw vindex::Error("no graph for sentence '" + s + "'");
            out.push_back(found->second);
        }
        return out;
    }
    std::string source() const override { return "replay"; }

private:
    std::map<std::string, std::string> m_graphs;
};

class TableEmbedder : public SentenceEmbedder {
public:
    explicit TableEmbedder(std::map<std::string, std::vector<float>> table) : m_table(std::move(table)) {}
    Embeddings embed(const std::vector<std::string> &texts) const override
    {
        Embeddings out;
        for (const auto &t : texts) {
            const auto found = m_table.find(t);
            if (found == m_table.end())
                throw vindex::Error("no embedding for phrase '" + t + "'");
            out.push_back(found->second);
        }
        return out;
    }
    int64_t embeddingSize() const override { return int64_t(m_table.begin()->second.size()); }
    std::string source() const override { return "table"; }

private:
    std::map<std::string, std::vector<float>> m_table;
};

std::vector<float> decodeFloats(const std::string &base64)
{
    static const std::string kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string bytes;
    uint32_t buffer = 0;
    int bits = 0;
    for (const char c : base64) {
        if (c == '=')
            break;
        buffer = buffer << 6 | uint32_t(kAlphabet.find(c));
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            bytes += char((buffer >> bits) & 0xFF);
        }
    }
    std::vector<float> values(bytes.size() / 4);
    std::memcpy(values.data(), bytes.data(), values.size() * 4); // little-endian float32, as on our targets
    return values;
}

double f1Of(double p, double r)
{
    return 2 * p * r / (p + r + 1e-6);
}

CaptureElements elements(std::vector<std::string> objects,
                         std::vector<std::pair<std::string, std::vector<std::string>>> attributes,
                         std::vector<std::array<std::string, 3>> relations)
{
    CaptureElements e;
    e.objects = std::move(objects);
    e.attributes = std::move(attributes);
    e.relations = std::move(relations);
    return e;
}

} // namespace

TEST(SceneGraphTest, ReadsFactualTextAsThePackageDoes)
{
    const auto g = SceneGraph::fromParserText("( man , is , young ) , ( man , ride , horse ) , ( horse , is , 2 ) , "
                                              "( man , is , young ) , ( man,is,tall )");
    // Facts sorted: (horse,is,2) (man,is,tall) (man,is,young) (man,ride,horse).
    ASSERT_EQ(g.entities.size(), 2u);
    EXPECT_EQ(g.entities[0].head, "horse");
    EXPECT_EQ(g.entities[0].quantity, "2");
    EXPECT_TRUE(g.entities[0].attributes.empty());
    EXPECT_EQ(g.entities[1].head, "man");
    EXPECT_EQ(g.entities[1].attributes, (std::vector<std::string>{"tall", "young"}));
    ASSERT_EQ(g.relations.size(), 1u);
    EXPECT_EQ(g.relations[0].subject, 1u);
    EXPECT_EQ(g.relations[0].object, 0u);
    EXPECT_EQ(g.relations[0].relation, "ride");

    EXPECT_EQ(SceneGraph::formatParserText("Generate Scene Graph: (b,on,c),(a , is , red)"),
              "( a , is , red ) , ( b , on , c )");
    // A truncated last fact is dropped; a lone truncated fact is cut at its first comma.
    EXPECT_EQ(SceneGraph::formatParserText("( man , is , tall ) , ( man , hold"), "( man , is , tall )");
    EXPECT_EQ(SceneGraph::formatParserText("( man , hold"), "( man )");
    // Malformed facts are skipped, except a lone one, which names an entity; an empty text names an empty one.
    EXPECT_EQ(SceneGraph::fromParserText("( a , b ) , ( c , on , d )").entities.size(), 2u);
    const auto lone = SceneGraph::fromParserText("( trees )");
    ASSERT_EQ(lone.entities.size(), 1u);
    EXPECT_EQ(lone.entities[0].head, "trees");
    const auto empty = SceneGraph::fromParserText("");
    ASSERT_EQ(empty.entities.size(), 1u);
    EXPECT_EQ(empty.entities[0].head, "");
}

TEST(NltkWordNetTest, LemmatizesAsNltkDocuments)
{
    const auto wn = nltkWordNet();
    // NLTK's WordNetLemmatizer docstring examples.
    EXPECT_EQ(wn->lemmatize("dogs", WordNet::kNoun), "dog");
    EXPECT_EQ(wn->lemmatize("churches", WordNet::kNoun), "church");
    EXPECT_EQ(wn->lemmatize("aardwolves", WordNet::kNoun), "aardwolf");
    EXPECT_EQ(wn->lemmatize("abaci", WordNet::kNoun), "abacus");
    EXPECT_EQ(wn->lemmatize("hardrock", WordNet::kNoun), "hardrock");
    // "men" is itself a noun lemma, as short as "man" from noun.exc: NLTK keeps the first (checked with NLTK 3.10
    // over the same database).
    EXPECT_EQ(wn->lemmatize("men", WordNet::kNoun), "men");
    EXPECT_EQ(wn->lemmatize("bigger", WordNet::kAdjective), "big"); // adj.exc
    EXPECT_EQ(wn->lemmatize("Dogs", WordNet::kNoun), "Dogs");       // case kept: no form
    EXPECT_EQ(wn->lemmatize("red car", WordNet::kNoun), "red car"); // not a lemma
    EXPECT_EQ(wn->lemmatize("glasses", WordNet::kNoun), "glass");   // shortest of glasses/glass
    EXPECT_TRUE(wn->hasSynsets("Dog", WordNet::kNoun));
    EXPECT_FALSE(wn->hasSynsets("quickly", WordNet::kNoun));
    // NLTK 3.10: sorted({l.name() for s in wn.synsets("car") for l in s.lemmas()}) over the same database.
    EXPECT_EQ(wn->synonyms("car"),
              (std::set<std::string>{"auto", "automobile", "cable_car", "car", "elevator_car", "gondola", "machine",
                                     "motorcar", "railcar", "railroad_car", "railway_car"}));
    EXPECT_TRUE(wn->synonyms("red").count("crimson")); // satellite adjectives count
    EXPECT_TRUE(wn->synonyms("xyzzyq").empty());
}

TEST(CaptureScoreTest, SplitsSentencesAndWords)
{
    EXPECT_EQ(CaptureScore::splitSentences("A dog runs.  Two cats sit! Is it \"red?\" yes. (Fine.) End"),
              (std::vector<std::string>{"A dog runs.", "Two cats sit!", "Is it \"red?\" yes.", "(Fine.)", "End"}));
    EXPECT_EQ(CaptureScore::wordTokens("The man's hat, red (dark) and cats' toys don't fit."),
              (std::vector<std::string>{"The", "man", "'s", "hat", ",", "red", "(", "dark", ")", "and", "cats", "'",
                                        "toys", "do", "n't", "fit", "."}));
}

TEST(CaptureScoreTest, ExactAndSynonymMatchingInClosedForm)
{
    CaptureParameters hardOnly;
    hardOnly.softMatching = false;
    const CaptureScore capture(std::make_shared<ReplayParser>(std::map<std::string, std::string>{}), nullptr,
                               nltkWordNet(), hardOnly);
    // Objects: dog exact, automobile~car synonym, tree unmatched; references: dog, car, sky.
    // Attributes: red exact; large~big synonym; references red, big, wooden. Relations: one exact, one synonym
    // (all three parts), one not (the relation words differ); references three.
    const auto candidate =
        elements({"dog", "automobile", "tree"}, {{"dog", {"red"}}, {"tree", {"large"}}},
                 {{"dog", "on", "road"}, {"automobile", "beside", "edifice"}, {"tree", "behind", "dog"}});
    const auto reference = elements({"dog", "car", "sky"}, {{"dog", {"red", "big"}}, {"sky", {"wooden"}}},
                                    {{"dog", "on", "road"}, {"car", "beside", "building"}, {"tree", "under", "sky"}});
    const auto c = capture.compare(candidate, reference);
    const double eps = 1e-6;
    const auto &objects = c.elements[int(ElementType::Object)];
    EXPECT_EQ(objects.hardMatches, 2);
    EXPECT_EQ(objects.candidateMatches[0].stage, MatchStage::Exact);
    EXPECT_EQ(objects.candidateMatches[1].stage, MatchStage::Synonym);
    EXPECT_EQ(objects.candidateMatches[1].partner, 1);
    EXPECT_EQ(objects.candidateMatches[2].stage, MatchStage::None);
    EXPECT_EQ(objects.referenceMatches[2].stage, MatchStage::None);
    EXPECT_DOUBLE_EQ(objects.scores.precision, 2 / (3 + eps));
    EXPECT_DOUBLE_EQ(objects.scores.recall, 2 / (3 + eps));
    const auto &attributes = c.elements[int(ElementType::Attribute)];
    EXPECT_EQ(attributes.candidate, (std::vector<std::string>{"red", "large"}));
    EXPECT_EQ(attributes.hardMatches, 2);
    EXPECT_DOUBLE_EQ(attributes.scores.precision, 2 / (2 + eps));
    EXPECT_DOUBLE_EQ(attributes.scores.recall, 2 / (3 + eps));
    const auto &relations = c.elements[int(ElementType::Relation)];
    EXPECT_EQ(relations.candidate[1], "automobile beside edifice");
    EXPECT_EQ(relations.candidateMatches[1].stage, MatchStage::Synonym);
    EXPECT_EQ(relations.candidateMatches[2].stage, MatchStage::None);
    EXPECT_DOUBLE_EQ(relations.scores.recall, 2 / (3 + eps));
    const double fObj = f1Of(2 / (3 + eps), 2 / (3 + eps)), fAttr = f1Of(2 / (2 + eps), 2 / (3 + eps)),
                 fRel = f1Of(2 / (3 + eps), 2 / (3 + eps));
    EXPECT_DOUBLE_EQ(c.capture, (0.5 * fObj + 0.5 * fAttr + 0.2 * fRel) / 1.2);

    // Substrings count as synonyms; empty sides give zeros.
    EXPECT_TRUE(capture.areSynonyms("car", "cart"));
    EXPECT_FALSE(capture.areSynonyms("car", "sky"));
    const auto none = capture.compare(elements({}, {}, {}), reference);
    EXPECT_EQ(none.capture, 0.0);
    EXPECT_EQ(none.elements[0].scores.precision, 0.0);
}

TEST(CaptureScoreTest, SoftMatchingAddsRowAndColumnMaxima)
{
    // Left after exact matching: candidate a, b; reference c, d. Unit vectors: a = (1,0), b = (0,1),
    // c = (0.6,0.8) (given unnormalised ×5), d = (1,0).
    auto embedder = std::make_shared<TableEmbedder>(std::map<std::string, std::vector<float>>{
        {"a", {1, 0}}, {"b", {0, 1}}, {"c", {3, 4}}, {"d", {2, 0}}, {"x", {1, 1}}});
    CaptureParameters noSynonyms;
    noSynonyms.synonymMatching = false;
    const CaptureScore capture(std::make_shared<ReplayParser>(std::map<std::string, std::string>{}), embedder,
                               nltkWordNet(), noSynonyms);
    const auto c = capture.compare(elements({"x", "a", "b"}, {}, {}), elements({"c", "x", "d"}, {}, {}));
    const auto &m = c.elements[0];
    // Rows: a → max(0.6, 1) = 1 (d), b → max(0.8, 0) = 0.8 (c). Columns: c → max(0.6, 0.8) = 0.8 (b), d → 1 (a).
    EXPECT_NEAR(m.candidateMatch, 1 + 1.0 + 0.8, 1e-7);
    EXPECT_NEAR(m.referenceMatch, 1 + 0.8 + 1.0, 1e-7);
    EXPECT_EQ(m.candidateMatches[1].stage, MatchStage::Soft);
    EXPECT_EQ(m.candidateMatches[1].partner, 2);
    EXPECT_NEAR(m.candidateMatches[2].credit, 0.8, 1e-7);
    EXPECT_EQ(m.referenceMatches[0].partner, 2);
    EXPECT_NEAR(m.scores.precision, 2.8 / (3 + 1e-6), 1e-7);
    // No attributes and no relations on either side: their F1 is 0.
    EXPECT_NEAR(c.capture, 0.5 * f1Of(2.8 / (3 + 1e-6), 2.8 / (3 + 1e-6)) / 1.2, 1e-7);
}

TEST(CaptureScoreTest, MatchesTheReferenceCode)
{
    const auto fixture = testsupport::readJson(testsupport::projectFixture("capture/capture_reference.json"));
    std::map<std::string, std::string> graphs;
    for (const auto &[sentence, graph] : fixture.at("graphs").items())
        graphs[sentence] = graph.get<std::string>();
    std::map<std::string, std::vector<float>> table;
    for (const auto &[phrase, encoded] : fixture.at("embeddings").items())
        table[phrase] = decodeFloats(encoded.get<std::string>());
    ASSERT_EQ(table.begin()->second.size(), fixture.at("embedding_size").get<std::size_t>());
    const CaptureScore capture(std::make_shared<ReplayParser>(graphs), std::make_shared<TableEmbedder>(table),
                               nltkWordNet());

    std::vector<std::string> candidates;
    std::vector<std::vector<std::string>> references;
    for (const auto &pair : fixture.at("pairs")) {
        candidates.push_back(pair.at("candidate"));
        references.push_back(pair.at("references").get<std::vector<std::string>>());
    }
    int reports = 0;
    vindex::JobProgress last;
    vindex::JobControl job([&](const vindex::JobProgress &progress) {
        ++reports;
        last = progress;
    });
    const auto scores = capture.score(CaptionCorpus(candidates, references), job);
    // Progress: the start, each block of up to 64 distinct descriptions parsed, each trial matched.
    std::set<std::string> distinct(candidates.begin(), candidates.end());
    for (const auto &texts : references)
        distinct.insert(texts.begin(), texts.end());
    const int total = int(distinct.size() + candidates.size());
    EXPECT_EQ(reports, 1 + int((distinct.size() + 63) / 64) + int(candidates.size()));
    EXPECT_EQ(last.done, total);
    EXPECT_EQ(last.total, total);
    ASSERT_EQ(scores.trials.size(), candidates.size());

    const char *types[] = {"object", "attribute", "relation"};
    const auto expectElements = [](const nlohmann::json &expected, const CaptureElements &actual,
                                   const std::string &what) {
        EXPECT_EQ(actual.objects, expected.at("objects").get<std::vector<std::string>>()) << what;
        std::vector<std::pair<std::string, std::vector<std::string>>> attributes;
        for (const auto &a : expected.at("attributes"))
            attributes.push_back({a[0], a[1].get<std::vector<std::string>>()});
        EXPECT_EQ(actual.attributes, attributes) << what;
        std::vector<std::array<std::string, 3>> relations;
        for (const auto &r : expected.at("relations"))
            relations.push_back({r[0], r[1], r[2]});
        EXPECT_EQ(actual.relations, relations) << what;
    };
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const auto &expected = fixture.at("pairs")[i];
        const auto &trial = scores.trials[i];
        const std::string what = "pair " + std::to_string(i) + " (" + expected.at("note").get<std::string>() + ")";
        expectElements(expected.at("candidate_elements"), trial.candidate, what + " candidate");
        for (std::size_t r = 0; r < trial.references.size(); ++r) {
            expectElements(expected.at("reference_elements")[r], trial.references[r], what + " reference");
            const auto &per = expected.at("per_reference")[r];
            EXPECT_NEAR(trial.comparisons[r].capture, per.at("capture").get<double>(), 1e-6) << what;
            for (int t = 0; t < 3; ++t) {
                const auto &s = trial.comparisons[r].elements[t].scores;
                EXPECT_NEAR(s.precision, per.at(std::string(types[t]) + "_precision").get<double>(), 1e-6) << what;
                EXPECT_NEAR(s.recall, per.at(std::string(types[t]) + "_recall").get<double>(), 1e-6) << what;
                EXPECT_NEAR(s.f1, per.at(std::string(types[t]) + "_f1").get<double>(), 1e-6) << what;
            }
        }
        EXPECT_NEAR(trial.capture, expected.at("capture").get<double>(), 1e-6) << what;
        for (int t = 0; t < 3; ++t) {
            EXPECT_NEAR(trial.elements[t].precision, expected.at(std::string(types[t]) + "_precision").get<double>(),
                        1e-6)
                << what;
            EXPECT_NEAR(trial.elements[t].f1, expected.at(std::string(types[t]) + "_f1").get<double>(), 1e-6) << what;
        }
    }
    const auto &corpus = fixture.at("corpus");
    EXPECT_NEAR(scores.corpus, corpus.at("capture").get<double>(), 1e-6);
    for (int t = 0; t < 3; ++t) {
        EXPECT_NEAR(scores.elements[t].precision, corpus.at(std::string(types[t]) + "_precision").get<double>(), 1e-6);
        EXPECT_NEAR(scores.elements[t].recall, corpus.at(std::string(types[t]) + "_recall").get<double>(), 1e-6);
        EXPECT_NEAR(scores.elements[t].f1, corpus.at(std::string(types[t]) + "_f1").get<double>(), 1e-6);
    }
}

TEST(CaptureScoreTest, CancelsBetweenTrials)
{
    const CaptureScore capture(
        std::make_shared<ReplayParser>(std::map<std::string, std::string>{{"A dog.", "( dog )"}}), nullptr,
        nltkWordNet(), CaptureParameters{0.5, 0.5, 0.2, true, false, true, 1e-6});
    vindex::JobControl job;
    job.cancel();
    EXPECT_THROW(capture.score(CaptionCorpus({"A dog."}, {{"A dog."}}), job), vindex::Cancelled);
    EXPECT_THROW(CaptureScore(nullptr, nullptr, nltkWordNet()), vindex::Error);
}
