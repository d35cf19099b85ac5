// METEOR (no paraphrase): the Snowball English stemmer, WordNet, METEOR's -norm normalization, closed-form scores,
// the jar's own published numbers where no paraphrase is involved, and METEOR 1.5's jar itself run without its
// paraphrase stage (tests/reference/meteor_noparaphrase.py: pycocoevalcap's code and jars): live on a few segments,
// and through the fixtures that script wrote for every BrainHub decoded-caption file (tests/reference/
// meteor-noparaphrase, made by make-meteor-fixtures.sh), per trial and corpus.
#include "ReferenceTools.h"
#include "TestSupport.h"

#include "vindex/core/Error.h"
#include "vindex/eval/CaptionEvaluation.h"
#include "vindex/eval/EnglishStemmer.h"
#include "vindex/eval/Meteor.h"
#include "vindex/eval/MeteorNormalizer.h"
#include "vindex/eval/MeteorParaphrases.h"
#include "vindex/eval/MeteorSynonyms.h"
#include "vindex/eval/PtbTokenizer.h"
#include "vindex/eval/WordNet.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>

using namespace vindex::eval;

namespace {

std::shared_ptr<const WordNet> wordNet()
{
    return WordNet::shared(); // Debian's wordnet-base (packaging/install-deps.sh installs it)
}

std::string errorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const vindex::Error &e) {
        return e.what();
    }
    return "(no error)";
}

// METEOR's score from its formula, for the closed-form cases below (rank parameters α 0.85, β 0.2, γ 0.6, δ 0.75).
double formula(double precision, double recall, double fragmentation)
{
    const double fMean = precision * recall / (0.85 * precision + 0.15 * recall);
    return fMean * (1 - 0.6 * std::pow(fragmentation, 0.2));
}

// What tests/reference/meteor_noparaphrase.py prints: per id, METEOR 1.5's jar without its paraphrase stage with the
// jar's own WordNet files ("jar") and with Debian's WordNet keyed by part of speech ("wordnet"); then the corpus.
struct JarScores {
    std::vector<std::string> ids;
    std::vector<double> jar, wordnet;
    double jarCorpus = -1, wordnetCorpus = -1;
};

JarScores parseJarScores(const std::string &text)
{
    JarScores scores;
    std::istringstream lines(text);
    std::string line;
    std::getline(lines, line);
    EXPECT_EQ(line, "id\tjar\twordnet");
    while (std::getline(lines, line)) {
        std::istringstream fields(line);
        std::string id, jar, wordnet;
        std::getline(fields, id, '\t');
        std::getline(fields, jar, '\t');
        std::getline(fields, wordnet, '\t');
        if (id == "corpus") {
            scores.jarCorpus = std::stod(jar);
            scores.wordnetCorpus = std::stod(wordnet);
            continue;
        }
        scores.ids.push_back(id);
        scores.jar.push_back(std::stod(jar));
        scores.wordnet.push_back(std::stod(wordnet));
    }
    EXPECT_GE(scores.wordnetCorpus, 0) << "no corpus line";
    return scores;
}

// Our per-trial and corpus METEOR against the jar's. With the same WordNet (Debian's, keyed by part of speech as ours
// is) everything else is the jar's — normalizer, stemmer, detachment rules, beam-search aligner, scorer — and every
// segment and the corpus must agree to rounding: 1e-12 is the reach of a few differently ordered double operations on
// scores of order 1 (observed: 0 to 1e-16). With the jar's own WordNet files, which key synsets by offset alone, the
// jar also pairs words whose noun/verb/adjective synsets merely share an offset number (e.g. "standing"/"down": an
// adjective and a verb synset numbered 01239862): extra synonym matches, so on those segments the jar scores higher,
// never lower; they are few (at most 20 of 982 trials, 2%, on BrainHub's files) and the corpus moves by at most
// 0.0006 (observed).
void expectJarScores(const CaptionEvaluationResult &ours, const JarScores &jar, std::size_t maxOffsetCollisions,
                     double corpusGap)
{
    ASSERT_EQ(jar.ids, ours.ids);
    ASSERT_EQ(ours.perTrial.size(), ours.ids.size());
    std::size_t collisions = 0;
    for (std::size_t i = 0; i < ours.ids.size(); ++i) {
        const double score = ours.perTrial[i][0];
        EXPECT_NEAR(score, jar.wordnet[i], 1e-12) << "trial " << ours.ids[i];
        EXPECT_LE(score, jar.jar[i] + 1e-12) << "trial " << ours.ids[i];
        if (score < jar.jar[i] - 1e-12)
            ++collisions;
    }
    const double corpus = ours.value(Meteor::kScoreName);
    EXPECT_NEAR(corpus, jar.wordnetCorpus, 1e-12);
    EXPECT_LE(collisions, maxOffsetCollisions);
    EXPECT_NEAR(corpus, jar.jarCorpus, corpusGap);
}

} // namespace

TEST(EnglishStemmer, SnowballEnglishNotPorter)
{
    // Snowball's English ("Porter2") stemmer, which METEOR runs; the original Porter stemmer differs on several of
    // these (e.g. generously → gener, communication → commun, skies → ski).
    const std::map<std::string, std::string> cases = {
        {"running", "run"},
        {"runs", "run"},
        {"ran", "ran"},
        {"caresses", "caress"},
        {"ponies", "poni"},
        {"ties", "tie"},
        {"cats", "cat"},
        {"agreed", "agre"},
        {"hopping", "hop"},
        {"hoping", "hope"},
        {"happy", "happi"},
        {"relational", "relat"},
        {"generously", "generous"},
        {"communication", "communic"},
        {"generate", "generat"},
        {"arsenal", "arsenal"},
        {"skies", "sky"},
        {"dying", "die"},
        {"news", "news"},
        {"gently", "gentl"},
        {"inning", "inning"},
        {"succeeding", "succeed"},
        {"consolation", "consol"},
        {"knightly", "knight"},
        {"kneeling", "kneel"},
        {"dog's", "dog"},
        {"'s", "'s"},
        {"yelling", "yell"},
        {"sayings", "say"},
        {"skating", "skate"},
        {"giraffes", "giraff"},
        {"a", "a"},
        {"is", "is"},
        {"gas", "gas"},
        {"gaps", "gap"},
        {"kiwis", "kiwi"},
        {"fluently", "fluentli"},
        {"ugly", "ugli"},
        {"cried", "cri"},
        {"died", "die"},
    };
    for (const auto &[word, stem] : cases)
        EXPECT_EQ(EnglishStemmer::stem(word), stem) << word;
}

TEST(WordNet, ReadsDebiansDatabase)
{
    const auto wn = wordNet();
    EXPECT_EQ(wn->lemmaCount(), 147306u); // WordNet 3.0
    EXPECT_EQ(wn->exceptionCount(), 5940u);
    const auto &car = wn->synsets("car");
    const auto &automobile = wn->synsets("automobile");
    ASSERT_EQ(car.size(), 5u);
    EXPECT_NE(std::find(car.begin(), car.end(), 2958343u), car.end()); // noun 02958343 {car, auto, automobile, ...}
    EXPECT_NE(std::find(automobile.begin(), automobile.end(), 2958343u), automobile.end());
    EXPECT_TRUE(wn->synsets("no such lemma").empty());

    // Base forms: exception lists first, then WordNet's detachment rules.
    EXPECT_EQ(wn->exceptionBases("mice"), std::vector<std::string>{"mouse"});
    EXPECT_EQ(wn->exceptionBases("was"), std::vector<std::string>{"be"});
    EXPECT_EQ(wn->detachSuffix("cars"), "car");
    EXPECT_EQ(wn->detachSuffix("boxes"), "box");
    EXPECT_EQ(wn->detachSuffix("glass"), "glass"); // -ss is its own base
    EXPECT_EQ(wn->detachSuffix("xq"), "xq");       // so is a short word
    EXPECT_EQ(wn->detachSuffix("zzzzing"), "");
    const auto cars = wn->meteorSynsets("cars");
    EXPECT_NE(std::find(cars.begin(), cars.end(), 2958343u), cars.end());
    // Parts of speech are told apart: verb "run" and noun "run" synsets carry their part of speech.
    for (uint32_t key : wn->synsets("run"))
        EXPECT_LT(key >> WordNet::kPartOfSpeechShift, 2u);
}

TEST(WordNet, MissingDatabaseIsAClearError)
{
    const std::string missing = errorOf([] { WordNet::load("/nonexistent/wordnet"); });
    EXPECT_NE(missing.find("/nonexistent/wordnet"), std::string::npos) << missing;
    EXPECT_NE(missing.find("wordnet-base"), std::string::npos) << missing;

    testsupport::TempDir dir;
    testsupport::writeBytes(dir.file("index.noun"), "dog n 1 0 1 0 02084071\n");
    const std::string incomplete = errorOf([&] { WordNet::load(dir.path().string()); });
    EXPECT_NE(incomplete.find(dir.file("index.verb") + " does not exist"), std::string::npos) << incomplete;
    EXPECT_NE(incomplete.find("wordnet-base"), std::string::npos) << incomplete;

    for (const char *pos : {"verb", "adj", "adv"})
        testsupport::writeBytes(dir.file(std::string("index.") + pos), "");
    for (const char *pos : {"noun", "verb", "adj", "adv"})
        testsupport::writeBytes(dir.file(std::string(pos) + ".exc"), "");
    testsupport::writeBytes(dir.file("index.noun"), "dog n 2 0 1 0 02084071\n");
    const std::string malformed = errorOf([&] { WordNet::load(dir.path().string()); });
    EXPECT_NE(malformed.find(dir.file("index.noun") + ": line 1"), std::string::npos) << malformed;

    testsupport::writeBytes(dir.file("index.noun"), "dog n 1 0 1 0 02084071\n");
    testsupport::writeBytes(dir.file("noun.exc"), "dogs dog\n");
    const auto tiny = WordNet::load(dir.path().string());
    EXPECT_EQ(tiny->lemmaCount(), 1u);
    EXPECT_EQ(tiny->meteorSynsets("dogs"), std::vector<uint32_t>{2084071u});
}

TEST(MeteorNormalizer, TokenizesPunctuationAsMeteorDoes)
{
    const std::map<std::string, std::string> cases = {
        {"a man riding a wave", "a man riding a wave"},
        {"  two   dogs ", "two dogs"},
        {"dog's", "dog 's"},   // contractions split to the right
        {"dog 's", "dog ' s"}, // a PTB token 's: the apostrophe is split off
        {"do n't", "do n 't"},
        {"1990's", "1990 's"},
        {"well-known", "well known"}, // hyphen between letters
        {"--x", "-x"},
        {"a, b", "a , b"},
        {"1,000 men", "1,000 men"}, // commas inside numbers stay
        {"a,b,c", "a , b,c"},       // matches do not overlap
        {"wait... what", "wait ... what"},
        {"end.", "end ."},
        {"st. mary", "st. mary"},   // a final dot stays before a lower-case word
        {"u.s. army", "us army"},   // dotted initials lose their dots
        {"Dr. Smith", "Dr. Smith"}, // non-breaking prefix
        {"No. 5", "No. 5"},         // numeric-only prefix before a number
        {"No. Five", "No . Five"},
        {"x -lrb- y", "x -lrb- y"},
        {"a (b)", "a ( b )"},
        {"\xe2\x80\x9cquoted\xe2\x80\x9d it\xe2\x80\x99s a\xe2\x80\x93"
         "b",
         "\" quoted \" it 's a - b"},
        {"caf\xc3\xa9"
         "s",
         "caf\xc3\xa9s"}, // Latin-1 letters are letters
        {"a\xc2\xa0"
         "b",
         "a b"}, // U+00A0 is collapsed
    };
    for (const auto &[line, normalized] : cases)
        EXPECT_EQ(MeteorNormalizer::normalize(line), normalized) << line;
    EXPECT_EQ(Meteor::words("Dr. Smith's CAT"), (std::vector<std::string>{"dr.", "smith", "'s", "cat"}));
}

TEST(Meteor, ParametersAndFunctionWordsOfTheRankTask)
{
    const Meteor meteor(wordNet());
    const auto &p = meteor.parameters();
    EXPECT_DOUBLE_EQ(p.alpha, 0.85);
    EXPECT_DOUBLE_EQ(p.beta, 0.20);
    EXPECT_DOUBLE_EQ(p.gamma, 0.60);
    EXPECT_DOUBLE_EQ(p.delta, 0.75);
    EXPECT_EQ(p.weights, (std::array<double, 4>{1.0, 0.6, 0.8, 0.6}));
    EXPECT_EQ(p.beamSize, 40);
    for (const char *w : {"the", "a", "of", "is", "'s", "s", "-lrb-", ",", "\xe2\x80\x94"})
        EXPECT_TRUE(Meteor::isFunctionWord(w)) << w;
    for (const char *w : {"man", "dog", "your", "sentence"})
        EXPECT_FALSE(Meteor::isFunctionWord(w)) << w;
}

TEST(Meteor, ClosedFormScores)
{
    const Meteor meteor(wordNet());
    auto segment = [&](const std::string &candidate, const std::vector<std::string> &references) {
        return meteor.score(meteor.statistics(candidate, references));
    };

    // Identical: every word matched in one chunk, METEOR's "test = reference" case: no fragmentation penalty.
    EXPECT_EQ(segment("a man riding a wave", {"a man riding a wave"}), 1.0);

    // One chunk that does not cover the reference: frag = chunks / mean matches = 1/3, penalty γ·(1/3)^β.
    // Candidate "a man riding": weighted length δ·2 content + (1−δ)·1 function ("a") = 1.75, all matched: P = 1.
    // Reference "a man riding a wave": 0.75·3 + 0.25·2 = 2.75, matched 1.75: R = 7/11.
    EXPECT_NEAR(segment("a man riding", {"a man riding a wave"}), formula(1.0, 7.0 / 11.0, 1.0 / 3.0), 1e-15);

    // Two chunks: "a wave riding" against "a wave a man riding": matches a, wave, riding (3 each); chunks
    // "a wave" | "riding"; P = 1, R = 1.75 / 2.75.
    EXPECT_NEAR(segment("a wave riding", {"a wave a man riding"}), formula(1.0, 7.0 / 11.0, 2.0 / 3.0), 1e-15);

    // Stem match (weight 0.6): "running" / "runs" both stem to "run". Every word matched, one chunk: frag 0.
    // P = R = (δ·1 [dog] + δ·0.6 [running] + (1−δ)·1 [a]) / 1.75 = 1.45 / 1.75.
    const auto stem = meteor.statistics("a dog running", {"a dog runs"});
    EXPECT_EQ(stem.testContentMatches[1], 1.0);
    EXPECT_NEAR(meteor.score(stem), 1.45 / 1.75, 1e-15);

    // WordNet synonym (weight 0.8): "car" / "automobile" share a synset; the stems differ.
    const auto synonym = meteor.statistics("a red car", {"a red automobile"});
    EXPECT_EQ(synonym.testContentMatches[2], 1.0);
    EXPECT_NEAR(meteor.score(synonym), (0.75 + 0.8 * 0.75 + 0.25) / 1.75, 1e-15);
    // ... and through the base form: "cars" → "car" (detachment rule), "mice" → "mouse" (exception list).
    EXPECT_EQ(meteor.statistics("two cars", {"two automobiles"}).testContentMatches[2], 1.0);
    EXPECT_EQ(meteor.statistics("mice", {"mouse"}).testContentMatches[2], 1.0);

    // No match, empty candidate, empty reference: 0.
    EXPECT_EQ(segment("zebra", {"a dog"}), 0.0);
    EXPECT_EQ(segment("", {"a dog"}), 0.0);
    EXPECT_EQ(segment("a dog", {""}), 0.0);

    // The best reference is kept (the first on ties).
    std::size_t best = 9;
    meteor.statistics("a man riding a wave", {"two dogs", "a man riding a wave", "a man riding a wave"}, &best);
    EXPECT_EQ(best, 1u);
}

// Maluuba/nlg-eval's example (examples/hyp.txt, ref1.txt, ref2.txt), scored with pycocoevalcap's meteor-1.5.jar:
// the README reports the corpus METEOR 0.295797; its issue #10 reports the segment scores 0.1556568826170604 and
// 0.39012536521249613 and their mean 0.27289112391477827.
TEST(Meteor, ReproducesTheJarWhereNoParaphraseIsInvolved)
{
    const Meteor meteor(wordNet());
    const auto s1 = meteor.statistics(
        "this is the model generated sentence1 which seems good enough",
        {"this is one reference sentence for sentence1", "this is one more reference sentence for sentence1"});
    EXPECT_DOUBLE_EQ(meteor.score(s1), 0.1556568826170604); // the jar's number, to the last digit

    // Segment 2: the jar matches the paraphrase "has been" / "was"; without it, "been" / "was" is a WordNet synonym
    // match (both have the base form "be"): 8 exact + 1 synonym match, chunks "this is" | "sentence2 which" |
    // "been generated by your model"; P = 4.2/4.5, R = 4.2/6.25, frag = 3/9.
    const auto s2 = meteor.statistics("this is sentence2 which has been generated by your model",
                                      {"this is a reference sentence for sentence2 which was generated by your model",
                                       "this is the second reference sentence for sentence2"});
    EXPECT_NEAR(meteor.score(s2), formula(4.2 / 4.5, 4.2 / 6.25, 3.0 / 9.0), 1e-15);
    // The jar without its paraphrase stage (-m "exact stem synonym" -w "1.0 0.6 0.8", meteor_noparaphrase.py
    // --pretokenized) prints 0.3636060566787839 for this segment and 0.2825308479501601 for the two (the live test
    // below runs it).
    EXPECT_NEAR(meteor.score(s2), 0.3636060566787839, 1e-15);
    EXPECT_LT(meteor.score(s2), 0.39012536521249613);

    // The jar's statistics for segment 2 (its paraphrase stage matched "has been" with "was": 2 candidate and
    // 1 reference function words; chunks 2) give the jar's segment score, and summing them with segment 1 gives its
    // corpus score: the corpus METEOR comes from summed statistics, not from the mean of segment scores.
    MeteorStatistics jar2;
    jar2.testLength = 10;
    jar2.referenceLength = 13;
    jar2.testFunctionWords = 6;
    jar2.referenceFunctionWords = 7;
    jar2.testContentMatches = {4, 0, 0, 0};
    jar2.referenceContentMatches = {4, 0, 0, 0};
    jar2.testFunctionMatches = {4, 0, 0, 2};
    jar2.referenceFunctionMatches = {4, 0, 0, 1};
    jar2.chunks = 2;
    jar2.testWordMatches = 10;
    jar2.referenceWordMatches = 9;
    EXPECT_DOUBLE_EQ(meteor.score(jar2), 0.39012536521249613);
    MeteorStatistics jarTotal;
    jarTotal.add(s1);
    jarTotal.add(jar2);
    EXPECT_NEAR(meteor.score(jarTotal), 0.295797, 5e-7);
    EXPECT_NEAR((meteor.score(s1) + meteor.score(jar2)) / 2, 0.27289112391477827, 1e-15);

    // Our own corpus score of the example, through the corpus path (pycocoevalcap's line format).
    const CaptionCorpus corpus(
        {"this is the model generated sentence1 which seems good enough",
         "this is sentence2 which has been generated by your model"},
        {{"this is one reference sentence for sentence1", "this is one more reference sentence for sentence1"},
         {"this is a reference sentence for sentence2 which was generated by your model",
          "this is the second reference sentence for sentence2"}});
    const auto scores = meteor.score(corpus);
    ASSERT_EQ(scores.perTrial.size(), 2u);
    EXPECT_DOUBLE_EQ(scores.perTrial[0], 0.1556568826170604);
    MeteorStatistics total;
    total.add(s1);
    total.add(s2);
    EXPECT_DOUBLE_EQ(scores.corpus, meteor.score(total));
    EXPECT_NEAR(scores.corpus, 0.2825308479501601, 1e-15); // the jar without paraphrase, above
    EXPECT_LT(scores.corpus, 0.295797);
}

// The jar itself, live: METEOR 1.5 (pycocoevalcap's meteor-1.5.jar after its PTB tokenizer) without the paraphrase
// stage scores the same caption files as CaptionEvaluation: nlg-eval's example, BrainHub trials where the jar's
// offset-only synset keys pair unrelated words, and stem, WordNet-synonym, exception-list and perfect segments.
TEST(Meteor, TheJarWithoutParaphraseScoresLikeUs)
{
    const std::string python = VINDEX_PYCOCOEVALCAP_PYTHON;
    if (!testsupport::pythonImports(python, "pycocoevalcap.meteor.meteor"))
        GTEST_SKIP() << python << " has no pycocoevalcap (packaging/install-deps.sh installs it)";
    if (testsupport::runCommand("java -version").exitCode != 0)
        GTEST_SKIP() << "no java to run METEOR's jar (packaging/install-deps.sh installs default-jre-headless)";

    const auto brainhubReferences =
        testsupport::readJson(testsupport::fixture("../brainhub/caption/fmri_cococap.json"));
    const auto brainCap = testsupport::readJson(
        testsupport::fixture("../brainhub/caption/comparison/braincap/sub01_decoded_caption.json"));
    nlohmann::json candidates = {
        {"nlg1", "this is the model generated sentence1 which seems good enough"},
        {"nlg2", "this is sentence2 which has been generated by your model"},
        {"stem", "A dog running on the beach."},
        {"synonym", "Two red cars parked near mice."},
        {"perfect", "A man riding a wave on top of a surfboard."},
        {"nothing", "zebra"},
    };
    nlohmann::json references = {
        {"nlg1", {"this is one reference sentence for sentence1", "this is one more reference sentence for sentence1"}},
        {"nlg2",
         {"this is a reference sentence for sentence2 which was generated by your model",
          "this is the second reference sentence for sentence2"}},
        {"stem", {"Dogs run along a beach", "a dog runs"}},
        {"synonym", {"two red automobiles are parked next to a mouse"}},
        {"perfect", {"A man riding a wave on top of a surfboard.", "a surfer"}},
        {"nothing", "a dog"},
    };
    for (const char *id : {"246", "977", "429", "917", "0", "1"}) { // the first four: offset collisions in the jar
        candidates[id] = brainCap[id];
        references[id] = brainhubReferences[id];
    }
    testsupport::TempDir dir;
    testsupport::writeBytes(dir.file("candidates.json"), candidates.dump());
    testsupport::writeBytes(dir.file("references.json"), references.dump());

    const auto run =
        testsupport::runCommand(testsupport::shellQuote(python) + " " +
                                testsupport::shellQuote(testsupport::referenceScript("meteor_noparaphrase.py")) +
                                " --candidates " + testsupport::shellQuote(dir.file("candidates.json")) +
                                " --references " + testsupport::shellQuote(dir.file("references.json")) +
                                " --wordnet " + testsupport::shellQuote(wordNet()->directory()));
    ASSERT_EQ(run.exitCode, 0) << run.err;
    const JarScores jar = parseJarScores(run.out);

    CaptionEvaluationOptions options;
    options.metrics = {CaptionMetric::Meteor};
    const auto ours =
        CaptionEvaluation::evaluateFiles(dir.file("candidates.json"), dir.file("references.json"), options);
    expectJarScores(ours, jar, 4, 0.05);
    std::map<std::string, std::size_t> row;
    for (std::size_t i = 0; i < jar.ids.size(); ++i)
        row[jar.ids[i]] = i;
    ASSERT_EQ(row.size(), 12u);
    // nlg-eval's segment 1 is the jar's published number; the offset collisions score higher in the jar.
    EXPECT_EQ(jar.jar[row["nlg1"]], 0.1556568826170604);
    for (const char *id : {"246", "977", "429", "917"})
        EXPECT_GT(jar.jar[row[id]], ours.perTrial[row[id]][0] + 0.01) << id;
    EXPECT_EQ(ours.perTrial[row["perfect"]][0], 1.0);
    EXPECT_EQ(ours.perTrial[row["nothing"]][0], 0.0);
    std::cout << "[ the jar without paraphrase: corpus " << jar.jarCorpus << " with its own WordNet files, "
              << jar.wordnetCorpus << " with Debian's; ours " << ours.value(Meteor::kScoreName) << " ]\n";
}

TEST(Meteor, CorpusSumsStatisticsAndLeavesOutChunksOfPerfectSegments)
{
    const Meteor meteor(wordNet());
    const CaptionCorpus corpus({"a man riding a wave", "a wave riding", "|||a  dog"},
                               {{"a man riding a wave"}, {"a wave a man riding"}, {"a dog"}});
    const auto s = meteor.score(corpus);
    ASSERT_EQ(s.perTrial.size(), 3u);
    EXPECT_EQ(s.perTrial[0], 1.0);
    EXPECT_EQ(s.perTrial[2], 1.0); // pycocoevalcap removes "|||" from the candidate and halves double spaces
    EXPECT_EQ(s.total.testLength, 5 + 3 + 2);
    EXPECT_EQ(s.total.chunks, 2.0); // the perfect segments' chunks are not counted
    MeteorStatistics sum;
    for (const auto &t : s.trialStatistics)
        sum.add(t);
    EXPECT_EQ(s.corpus, meteor.score(sum));
    EXPECT_NE(s.corpus, (s.perTrial[0] + s.perTrial[1] + s.perTrial[2]) / 3);
}

// Every decoded-caption file in ../shared/brainhub/caption/comparison, per trial and corpus, against the jar without
// its paraphrase stage (the fixtures tests/reference/make-meteor-fixtures.sh wrote with meteor_noparaphrase.py; see
// expectJarScores for what must agree and why). The published METEOR (BrainHub leaderboard, subject 1, README:
// BrainCap 16.68, OneLLM 13.55, SDRecon 10.03, ×100) is the jar's, paraphrase stage included; paraphrase matches only
// add matched words, so ours must not exceed it (beyond the leaderboard's rounding to 0.005) and, on COCO-style
// captions, stays within 1 point (×100) of it.
TEST(Meteor, BrainHubFilesAsTheJarScoresThem)
{
    namespace fs = std::filesystem;
    const std::string root = testsupport::fixture("../brainhub");
    const std::map<std::string, double> published = {
        {"caption/comparison/braincap/sub01_decoded_caption.json", 16.68},
        {"caption/comparison/onellm/sub01_decoded_caption.json", 13.55},
        {"caption/comparison/sdrecon/sub01_decoded_caption.json", 10.03},
    };
    std::vector<std::string> files;
    for (const auto &method : fs::directory_iterator(root + "/caption/comparison"))
        for (const auto &file : fs::directory_iterator(method.path()))
            files.push_back(fs::relative(file.path(), root).string());
    EXPECT_EQ(files.size(), 9u); // BrainCap and SDRecon for subjects 1, 2, 5, 7; OneLLM for subject 1
    for (const auto &[file, value] : published)
        EXPECT_NE(std::find(files.begin(), files.end(), file), files.end()) << file;

    CaptionEvaluationOptions options;
    options.metrics = {CaptionMetric::Meteor};
    for (const std::string &file : files) {
        SCOPED_TRACE(file);
        const auto r =
            CaptionEvaluation::evaluateFiles(root + "/" + file, root + "/caption/fmri_cococap.json", options);
        const double meteor = r.value(Meteor::kScoreName);
        EXPECT_GT(meteor, 0.0);
        EXPECT_LT(meteor, 1.0);
        // e.g. caption/comparison/braincap/sub01_decoded_caption.json → braincap-sub01.tsv
        const fs::path path(file);
        const std::string subject = path.filename().string().substr(0, path.filename().string().find('_'));
        const std::string fixture = std::string(VINDEX_REFERENCE_SCRIPTS) + "/meteor-noparaphrase/" +
                                    path.parent_path().filename().string() + "-" + subject + ".tsv";
        expectJarScores(r, parseJarScores(testsupport::readBytes(fixture)), 20, 0.0007);
        const auto p = published.find(file);
        if (p != published.end()) {
            EXPECT_LE(meteor * 100, p->second + 0.005);
            EXPECT_GE(meteor * 100, p->second - 1.0);
        }
        double mean = 0;
        for (const auto &t : r.perTrial)
            mean += t[0];
        EXPECT_NE(mean / 982, meteor); // the corpus score is not the mean of the trial scores
    }
}

TEST(Meteor, PlainLinesNeedNoNormalization)
{
    // The matcher skips the normalizer for lines of lower-case ASCII letters, digits and spaces; check that the
    // normalizer indeed leaves every such BrainHub line (after the PTB tokenizer) as it is.
    const std::string root = testsupport::fixture("../brainhub/caption");
    const auto references = CaptionFiles::readReferences(root + "/fmri_cococap.json");
    PtbTokenizer tokenizer;
    std::size_t plain = 0, other = 0;
    for (const auto &captions : references.captions)
        for (const auto &line : tokenizer.tokenizeLines(captions)) {
            const bool isPlain = std::all_of(line.begin(), line.end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ';
            });
            if (!isPlain) {
                ++other;
                continue;
            }
            ++plain;
            std::string collapsed;
            for (const auto &w : CaptionCorpus::splitSpaces(line))
                if (!w.empty())
                    collapsed += (collapsed.empty() ? "" : " ") + std::string(w);
            ASSERT_EQ(MeteorNormalizer::normalize(line), collapsed) << line;
        }
    EXPECT_GT(plain, 4500u);
    EXPECT_GT(other, 0u); // e.g. "'s", "-lrb-" go through the normalizer
}

// ---- METEOR with paraphrases: the jar's own METEOR (pycocoevalcap's paraphrase table) ----

namespace {

// pycocoevalcap's paraphrase table (its meteor/data in the project's .venv), read once for all tests; null when the
// environment lacks pycocoevalcap.
std::shared_ptr<const MeteorParaphrases> paraphraseTable()
{
    const std::string data = testsupport::pycocoevalcapMeteorData();
    return data.empty() ? nullptr : MeteorParaphrases::shared(data);
}

#define REQUIRE_PARAPHRASE_TABLE()                                                                                     \
    const auto table = paraphraseTable();                                                                              \
    if (!table)                                                                                                        \
    GTEST_SKIP() << "no pycocoevalcap/meteor/data/paraphrase-en.gz beside " VINDEX_PYCOCOEVALCAP_PYTHON                \
                    " (packaging/install-deps.sh installs pycocoevalcap)"

std::string gzip(const std::string &text)
{
    testsupport::TempDir dir;
    testsupport::writeBytes(dir.file("table"), text);
    const auto run = testsupport::runCommand("gzip -c " + testsupport::shellQuote(dir.file("table")));
    EXPECT_EQ(run.exitCode, 0) << run.err;
    return run.out;
}

// The 23 statistics in the jar's order (MeteorStats.toString).
std::vector<double> statisticsList(const MeteorStatistics &s)
{
    std::vector<double> v{s.testLength, s.referenceLength, s.testFunctionWords, s.referenceFunctionWords};
    for (int k = 0; k < MeteorStatistics::kStages; ++k)
        v.insert(v.end(), {s.testContentMatches[k], s.referenceContentMatches[k], s.testFunctionMatches[k],
                           s.referenceFunctionMatches[k]});
    v.insert(v.end(), {s.chunks, s.testWordMatches, s.referenceWordMatches});
    return v;
}

MeteorStatistics statisticsFromList(const std::vector<double> &v)
{
    MeteorStatistics s;
    s.testLength = v.at(0);
    s.referenceLength = v.at(1);
    s.testFunctionWords = v.at(2);
    s.referenceFunctionWords = v.at(3);
    for (int k = 0; k < MeteorStatistics::kStages; ++k) {
        s.testContentMatches[k] = v.at(4 + 4 * k);
        s.referenceContentMatches[k] = v.at(5 + 4 * k);
        s.testFunctionMatches[k] = v.at(6 + 4 * k);
        s.referenceFunctionMatches[k] = v.at(7 + 4 * k);
    }
    s.chunks = v.at(20);
    s.testWordMatches = v.at(21);
    s.referenceWordMatches = v.at(22);
    return s;
}

// What tests/reference/meteor_pycocoevalcap.py prints: per id the jar's segment score and statistics, then the corpus.
struct JarParaphraseScores {
    std::vector<std::string> ids;
    std::vector<double> scores, wordnet; // the jar's synonym files; Debian's WordNet keyed by part of speech
    std::vector<std::vector<double>> statistics;
    double corpus = -1, wordnetCorpus = -1;
};

JarParaphraseScores parseJarParaphraseScores(const std::string &text)
{
    JarParaphraseScores jar;
    std::istringstream lines(text);
    std::string line;
    std::getline(lines, line);
    EXPECT_EQ(line, "id\tjar\tstatistics\twordnet");
    while (std::getline(lines, line)) {
        std::istringstream fields(line);
        std::string id, score, statistics, wordnet;
        std::getline(fields, id, '\t');
        std::getline(fields, score, '\t');
        std::getline(fields, statistics, '\t');
        std::getline(fields, wordnet, '\t');
        if (id == "corpus") {
            jar.corpus = std::stod(score);
            jar.wordnetCorpus = std::stod(wordnet);
            continue;
        }
        jar.ids.push_back(id);
        jar.scores.push_back(std::stod(score));
        jar.wordnet.push_back(std::stod(wordnet));
        std::istringstream numbers(statistics);
        std::vector<double> values;
        double value;
        while (numbers >> value)
            values.push_back(value);
        EXPECT_EQ(values.size(), 23u) << id;
        jar.statistics.push_back(values);
    }
    EXPECT_GE(jar.wordnetCorpus, 0) << "no corpus line";
    return jar;
}

// The corpus CaptionEvaluation scores for two caption files: PTB-tokenized as pycocoevalcap does.
CaptionCorpus tokenizedCorpus(const std::string &candidatesPath, const std::string &referencesPath)
{
    const auto candidates = CaptionFiles::readCandidates(candidatesPath);
    const auto references = CaptionFiles::readReferences(referencesPath);
    std::map<std::string, std::size_t> referenceIndex;
    for (std::size_t i = 0; i < references.ids.size(); ++i)
        referenceIndex[references.ids[i]] = i;
    PtbTokenizer tokenizer;
    const auto tokenizedCandidates = tokenizer.tokenizeLines(candidates.captions);
    std::vector<std::string> lines;
    std::vector<std::size_t> counts;
    for (const auto &id : candidates.ids) {
        const auto &captions = references.captions.at(referenceIndex.at(id));
        lines.insert(lines.end(), captions.begin(), captions.end());
        counts.push_back(captions.size());
    }
    const auto tokenizedLines = tokenizer.tokenizeLines(lines);
    std::vector<std::vector<std::string>> sets;
    std::size_t offset = 0;
    for (std::size_t n : counts) {
        sets.emplace_back(tokenizedLines.begin() + static_cast<std::ptrdiff_t>(offset),
                          tokenizedLines.begin() + static_cast<std::ptrdiff_t>(offset + n));
        offset += n;
    }
    return CaptionCorpus(tokenizedCandidates, std::move(sets));
}

} // namespace

TEST(MeteorParaphrases, ReadsTheJarsEnglishTable)
{
    REQUIRE_PARAPHRASE_TABLE();
    // The file (pycocoevalcap 1.2's meteor/data/paraphrase-en.gz, METEOR 1.5's): 15,822,252 lines of 3-line rows,
    // 43,139 distinct words, phrases of 1 to 7 words (counted with Python's gzip and str.split).
    EXPECT_EQ(table->rowCount(), 5274084u);
    EXPECT_EQ(table->vocabularySize(), 43139u);
    EXPECT_EQ(table->longestPhrase(), 7u);
    std::cout << "[ paraphrase-en.gz: " << table->rowCount() << " rows, " << table->phraseCount()
              << " phrases, read in " << table->loadSeconds() << " s, " << table->memoryBytes() / (1 << 20)
              << " MiB ]\n";

    auto phraseOf = [&](const std::string &text) {
        std::vector<int32_t> ids;
        for (const auto &w : CaptionCorpus::splitSpaces(text))
            ids.push_back(table->word(std::string(w)));
        return table->phrase(ids);
    };
    auto paraphrasesOf = [&](const std::string &text) {
        const int32_t p = phraseOf(text);
        std::vector<std::pair<uint32_t, std::string>> inFileOrder;
        if (p < 0)
            return std::vector<std::string>{};
        const auto paraphrases = table->paraphrases(static_cast<uint32_t>(p));
        const auto order = table->fileOrder(static_cast<uint32_t>(p));
        for (std::size_t k = 0; k < paraphrases.size(); ++k)
            inFileOrder.emplace_back(order[k], std::to_string(paraphrases[k]));
        std::sort(inFileOrder.begin(), inFileOrder.end());
        std::vector<std::string> ids;
        for (const auto &[rank, id] : inFileOrder)
            ids.push_back(id);
        return ids;
    };
    // The file's first rows: "000" → "eur", "million", "thousand" (and "00" → "000" before them).
    const auto thousand = paraphrasesOf("000");
    ASSERT_GE(thousand.size(), 3u);
    EXPECT_EQ(thousand[0], std::to_string(phraseOf("eur")));
    EXPECT_EQ(thousand[1], std::to_string(phraseOf("million")));
    EXPECT_EQ(thousand[2], std::to_string(phraseOf("thousand")));
    EXPECT_EQ(paraphrasesOf("00"), std::vector<std::string>{std::to_string(phraseOf("000"))});
    // nlg-eval's example: the jar pairs "has been" with "was".
    const int32_t was = phraseOf("was");
    ASSERT_GE(was, 0);
    const auto hasBeen = table->paraphrases(static_cast<uint32_t>(phraseOf("has been")));
    EXPECT_TRUE(std::binary_search(hasBeen.begin(), hasBeen.end(), static_cast<uint32_t>(was)));
    EXPECT_EQ(table->word("no-such-word-in-the-table"), MeteorParaphrases::kUnknown);
    EXPECT_EQ(phraseOf("zebra zebra zebra"), MeteorParaphrases::kUnknown);
}

TEST(MeteorParaphrases, SmallTablesAndClearErrors)
{
    testsupport::TempDir dir;
    const std::string missing = errorOf([&] { MeteorParaphrases::load(dir.file("nothing")); });
    EXPECT_NE(missing.find(dir.file("nothing")), std::string::npos) << missing;
    EXPECT_NE(missing.find("pycocoevalcap"), std::string::npos) << missing;
    const std::string noFile = errorOf([&] { MeteorParaphrases::load(dir.path().string()); });
    EXPECT_NE(noFile.find(dir.file("paraphrase-en.gz") + " does not exist"), std::string::npos) << noFile;

    testsupport::writeBytes(dir.file("paraphrase-en.gz"), "not gzip");
    const std::string notGzip = errorOf([&] { MeteorParaphrases::load(dir.path().string()); });
    EXPECT_NE(notGzip.find(dir.file("paraphrase-en.gz")), std::string::npos) << notGzip;
    EXPECT_NE(notGzip.find("gzip"), std::string::npos) << notGzip;

    testsupport::writeBytes(dir.file("paraphrase-en.gz"), gzip("0.5\na man\nsomeone\n0.1\nguy\n"));
    const std::string incomplete = errorOf([&] { MeteorParaphrases::load(dir.path().string()); });
    EXPECT_NE(incomplete.find("incomplete"), std::string::npos) << incomplete;

    // A phrase's rows split over the file keep the file's order; both directions of a row are separate rows.
    testsupport::writeBytes(dir.file("paraphrase-en.gz"),
                            gzip("0.5\na man\nsomeone\n0.1\nguy\nman\n0.2\na man\na guy\n0.3\nguy\na man\n"));
    const auto small = MeteorParaphrases::load(dir.path().string());
    EXPECT_EQ(small->rowCount(), 4u);
    EXPECT_EQ(small->vocabularySize(), 4u); // a, man, someone, guy
    EXPECT_EQ(small->longestPhrase(), 2u);
    auto phraseOf = [&](std::vector<std::string> words) {
        std::vector<int32_t> ids;
        for (const auto &w : words)
            ids.push_back(small->word(w));
        return small->phrase(ids);
    };
    const int32_t aMan = phraseOf({"a", "man"});
    ASSERT_GE(aMan, 0);
    const auto paraphrases = small->paraphrases(static_cast<uint32_t>(aMan));
    const auto order = small->fileOrder(static_cast<uint32_t>(aMan));
    ASSERT_EQ(paraphrases.size(), 2u);
    std::map<uint32_t, uint32_t> placeOf;
    for (std::size_t k = 0; k < 2; ++k)
        placeOf[paraphrases[k]] = order[k];
    EXPECT_EQ(placeOf.at(static_cast<uint32_t>(phraseOf({"someone"}))), 0u);
    EXPECT_EQ(placeOf.at(static_cast<uint32_t>(phraseOf({"a", "guy"}))), 1u);
    EXPECT_EQ(small->paraphrases(static_cast<uint32_t>(phraseOf({"guy"}))).size(), 2u);
    EXPECT_EQ(phraseOf({"man", "a"}), MeteorParaphrases::kUnknown);
    EXPECT_EQ(phraseOf({"dog"}), MeteorParaphrases::kUnknown);

    // Through Meteor: the row "a man" → "someone" matches the reference's two words with the candidate's one.
    const Meteor meteor(wordNet(), small);
    EXPECT_STREQ(meteor.scoreName(), "METEOR");
    const auto s = meteor.statistics("a guy", {"someone"}); // no row pairs "a", "guy" or "a guy" with "someone"
    EXPECT_EQ(s.testFunctionMatches[3] + s.testContentMatches[3], 0.0);
    const auto t = meteor.statistics("someone", {"a man"});
    EXPECT_EQ(t.testContentMatches[3], 1.0);
    EXPECT_EQ(t.referenceContentMatches[3], 1.0);
    EXPECT_EQ(t.referenceFunctionMatches[3], 1.0);
    EXPECT_EQ(t.testWordMatches, 1.0);
    EXPECT_EQ(t.referenceWordMatches, 2.0);
    // P = 0.6·0.75/0.75, R = 0.6·(0.75 + 0.25)/1.0, one chunk covering both lines entirely: no fragmentation.
    EXPECT_NEAR(meteor.score(t), formula(0.6, 0.6, 0.0), 1e-15);
}

// nlg-eval's example with the paraphrase stage: the jar's published numbers (README: corpus 0.295797; issue #10:
// segments 0.1556568826170604 and 0.39012536521249613) and its statistics (meteor_pycocoevalcap.py --pretokenized:
// segment 2 "10 13 6 7 4 4 4 4 0 … 0 2 1 2 10 9", corpus 0.2957971080379661).
TEST(Meteor, ReproducesTheJarWithParaphrases)
{
    REQUIRE_PARAPHRASE_TABLE();
    const Meteor meteor(wordNet(), table);
    EXPECT_STREQ(meteor.scoreName(), "METEOR");
    EXPECT_STREQ(meteor.label(), "METEOR");
    EXPECT_STREQ(Meteor(wordNet()).scoreName(), "METEOR_noparaphrase");
    const CaptionCorpus corpus(
        {"this is the model generated sentence1 which seems good enough",
         "this is sentence2 which has been generated by your model"},
        {{"this is one reference sentence for sentence1", "this is one more reference sentence for sentence1"},
         {"this is a reference sentence for sentence2 which was generated by your model",
          "this is the second reference sentence for sentence2"}});
    const auto scores = meteor.score(corpus);
    ASSERT_EQ(scores.perTrial.size(), 2u);
    EXPECT_EQ(scores.perTrial[0], 0.1556568826170604);
    EXPECT_EQ(scores.perTrial[1], 0.39012536521249613);
    EXPECT_EQ(statisticsList(scores.trialStatistics[1]),
              (std::vector<double>{10, 13, 6, 7, 4, 4, 4, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 1, 2, 10, 9}));
    EXPECT_EQ(scores.corpus, 0.2957971080379661);
    EXPECT_NEAR(scores.corpus, 0.295797, 5e-7);
}

// Every decoded-caption file in ../shared/brainhub/caption/comparison against the jar as pycocoevalcap runs it
// (fixtures tests/reference/meteor, written by make-meteor-fixtures.sh with meteor_pycocoevalcap.py), and BrainHub's
// published METEOR (leaderboard, subject 1, ×100: BrainCap 16.68, OneLLM 13.55, SDRecon 10.03).
//   With the jar's synonym files (what `--meteor-data` gives when the jar is beside the folder, as pycocoevalcap has
//   it): every trial's 23 statistics identical to the jar's, every segment score and the corpus score the same
//   double (the jar prints full doubles: Java's Double.toString, read back exactly by Python's float and repr).
//   With Debian's WordNet instead: identical to the jar run on Debian's WordNet ("wordnet" column); against the jar
//   as it is, only the trials where its offset-only synset keys pair unrelated words differ.
TEST(Meteor, BrainHubFilesAsTheJarWithParaphrasesScoresThem)
{
    REQUIRE_PARAPHRASE_TABLE();
    const std::string jarPath = MeteorSynonyms::findJar(table->directory());
    ASSERT_FALSE(jarPath.empty()) << "no meteor-1.5.jar beside " << table->directory();
    namespace fs = std::filesystem;
    const std::string root = testsupport::fixture("../brainhub");
    const std::map<std::string, double> published = {
        {"braincap-sub01", 16.68},
        {"onellm-sub01", 13.55},
        {"sdrecon-sub01", 10.03},
    };
    const Meteor jarMeteor(nullptr, table, MeteorSynonyms::shared(jarPath));
    const Meteor debianMeteor(wordNet(), table);
    CaptionEvaluationOptions options;
    options.metrics = {CaptionMetric::Meteor};
    options.meteorDataDirectory = table->directory();
    std::size_t files = 0;
    for (const auto &method : fs::directory_iterator(root + "/caption/comparison"))
        for (const auto &file : fs::directory_iterator(method.path())) {
            const std::string name = file.path().filename().string();
            const std::string key = method.path().filename().string() + "-" + name.substr(0, name.find('_'));
            SCOPED_TRACE(key);
            ++files;
            const auto jar = parseJarParaphraseScores(
                testsupport::readBytes(std::string(VINDEX_REFERENCE_SCRIPTS) + "/meteor/" + key + ".tsv"));
            const std::string references = root + "/caption/fmri_cococap.json";

            // What `vindex eval captions --meteor-data` computes.
            const auto r = CaptionEvaluation::evaluateFiles(file.path().string(), references, options);
            ASSERT_EQ(r.scoreNames, std::vector<std::string>{"METEOR"});
            EXPECT_EQ(r.meteorDataDirectory, table->directory());
            EXPECT_EQ(r.wordNetDirectory, jarPath);
            ASSERT_EQ(r.ids, jar.ids);
            EXPECT_EQ(r.value("METEOR"), jar.corpus);
            const auto p = published.find(key);
            if (p != published.end()) {
                EXPECT_NEAR(jar.corpus * 100, p->second, 0.005);
                EXPECT_NEAR(r.value("METEOR") * 100, p->second, 0.005);
            }

            const CaptionCorpus corpus = tokenizedCorpus(file.path().string(), references);
            const auto ours = jarMeteor.score(corpus);
            const auto debian = debianMeteor.score(corpus);
            ASSERT_EQ(ours.perTrial.size(), jar.ids.size());
            std::size_t collisions = 0;
            for (std::size_t t = 0; t < jar.ids.size(); ++t) {
                EXPECT_EQ(r.perTrial[t][0], jar.scores[t]) << jar.ids[t];
                EXPECT_EQ(ours.perTrial[t], jar.scores[t]) << jar.ids[t];
                EXPECT_EQ(statisticsList(ours.trialStatistics[t]), jar.statistics[t]) << jar.ids[t];
                EXPECT_NEAR(debian.perTrial[t], jar.wordnet[t], 1e-12) << jar.ids[t];
                collisions += jar.wordnet[t] != jar.scores[t] ? 1 : 0;
            }
            EXPECT_EQ(ours.corpus, jar.corpus);
            EXPECT_NEAR(debian.corpus, jar.wordnetCorpus, 1e-12);
            EXPECT_LE(collisions, 25u);
            EXPECT_NEAR(debian.corpus, jar.corpus, 0.0007);
            std::cout << "[ " << key << ": METEOR " << r.value("METEOR") << " (the jar's " << jar.corpus
                      << "); with Debian's WordNet " << debian.corpus << ", " << collisions
                      << " trials moved by the jar's offset-only synset keys ]\n";
        }
    EXPECT_EQ(files, 9u);
}

TEST(MeteorSynonyms, ReadsTheJarsSynonymFiles)
{
    REQUIRE_PARAPHRASE_TABLE();
    const std::string jarPath = MeteorSynonyms::findJar(table->directory());
    ASSERT_FALSE(jarPath.empty());
    EXPECT_EQ(std::filesystem::path(jarPath).filename(), "meteor-1.5.jar");
    const auto synonyms = MeteorSynonyms::shared(jarPath);
    // The jar's files (counted with Python's zipfile): english.synsets lists 147,306 words, english.exceptions
    // 5,940 distinct inflected forms.
    EXPECT_EQ(synonyms->wordCount(), 147306u);
    EXPECT_EQ(synonyms->exceptionCount(), 5940u);
    // "car" and "automobile" share the noun synset 02958343; the jar keys it by the offset alone.
    const auto &car = synonyms->synsets("car");
    EXPECT_NE(std::find(car.begin(), car.end(), 2958343u), car.end());
    // The offset collision the notes above name: adjective "standing" 01239862 and verb "down" 01239862.
    const auto standing = synonyms->meteorSynsets("standing");
    const auto down = synonyms->meteorSynsets("down");
    std::vector<uint32_t> shared;
    std::set_intersection(standing.begin(), standing.end(), down.begin(), down.end(), std::back_inserter(shared));
    EXPECT_NE(std::find(shared.begin(), shared.end(), 1239862u), shared.end());
    EXPECT_EQ(synonyms->detachSuffix("cars"), "car");
    EXPECT_EQ(synonyms->meteorSynsets("mice"), synonyms->meteorSynsets("mouse"));

    const std::string error = errorOf([] { MeteorSynonyms::parse("car\n", "", "test files"); });
    EXPECT_NE(error.find("test files"), std::string::npos) << error;
    testsupport::TempDir dir;
    EXPECT_EQ(MeteorSynonyms::findJar(dir.file("data")), "");
}
