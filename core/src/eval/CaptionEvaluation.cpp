#include "vindex/eval/CaptionEvaluation.h"

#include "vindex/core/Error.h"
#include "vindex/eval/Bleu.h"
#include "vindex/eval/CaptionCorpus.h"
#include "vindex/eval/Cider.h"
#include "vindex/eval/Meteor.h"
#include "vindex/eval/PtbTokenizer.h"
#include "vindex/eval/Rouge.h"
#include "vindex/eval/StoredSceneGraphs.h"
#include "vindex/eval/WordNet.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <iterator>
#include <optional>
#include <sstream>
#include <unordered_map>

namespace vindex::eval {

namespace {

std::string lower(std::string s)
{
    for (auto &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string trimmed(const std::string &s)
{
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos)
        return {};
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

constexpr const char *kImplemented =
    "bleu, rouge, cider, meteor, clips (CLIP-S, RefCLIP-S), pacs (PAC-S, RefPAC-S), elements (object/attribute/"
    "relation P, R, F1), capture (CAPTURE), sentence (SentenceS)";

constexpr const char *kElementScoreNames[] = {"Object-P",     "Object-R",   "Object-F1",  "Attribute-P", "Attribute-R",
                                              "Attribute-F1", "Relation-P", "Relation-R", "Relation-F1"};

void appendElementScores(const std::array<ElementScores, 3> &scores, std::vector<double> &out)
{
    for (const ElementScores &type : scores) {
        out.push_back(type.precision);
        out.push_back(type.recall);
        out.push_back(type.f1);
    }
}

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string fileName(const std::string &path)
{
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

} // namespace

double CaptionEvaluationResult::value(const std::string &scoreName) const
{
    for (std::size_t i = 0; i < scoreNames.size(); ++i)
        if (scoreNames[i] == scoreName)
            return corpus[i];
    throw Error("caption evaluation: " + scoreName + " was not computed");
}

std::vector<CaptionMetric> CaptionEvaluation::parseMetrics(const std::string &list)
{
    std::vector<CaptionMetric> metrics;
    auto add = [&metrics](CaptionMetric m) {
        if (std::find(metrics.begin(), metrics.end(), m) == metrics.end())
            metrics.push_back(m);
    };
    std::stringstream stream(list);
    std::string item;
    while (std::getline(stream, item, ',')) {
        const std::string name = lower(trimmed(item));
        if (name.empty())
            continue;
        if (name == "all") {
            add(CaptionMetric::Bleu);
            add(CaptionMetric::Rouge);
            add(CaptionMetric::Cider);
            add(CaptionMetric::Meteor);
        } else if (name == "bleu") {
            add(CaptionMetric::Bleu);
        } else if (name == "rouge" || name == "rouge-l" || name == "rouge_l") {
            add(CaptionMetric::Rouge);
        } else if (name == "cider" || name == "cider-d") {
            add(CaptionMetric::Cider);
        } else if (name == "meteor" || name == "meteor_noparaphrase" || name == "meteor-noparaphrase") {
            add(CaptionMetric::Meteor);
        } else if (name == "clips" || name == "clip-s" || name == "clipscore" || name == "refclips" ||
                   name == "refclip-s") {
            add(CaptionMetric::ClipScore);
        } else if (name == "pacs" || name == "pac-s" || name == "pacscore" || name == "refpacs" || name == "refpac-s") {
            add(CaptionMetric::PacScore);
        } else if (name == "elements" || name == "element") {
            add(CaptionMetric::Elements);
        } else if (name == "capture") {
            add(CaptionMetric::Capture);
        } else if (name == "sentence" || name == "sentences" || name == "sentence-s") {
            add(CaptionMetric::Sentence);
        } else if (name == "spice") {
            throw Error("metric '" + trimmed(item) +
                        "' is not available: SPICE needs Stanford CoreNLP's models, which cannot be had here "
                        "(implemented: " +
                        kImplemented + ")");
        } else {
            throw Error("unknown metric '" + trimmed(item) + "' (implemented: " + kImplemented + ")");
        }
    }
    if (metrics.empty())
        throw Error("no metric named in '" + list + "' (implemented: " + kImplemented + ")");
    return metrics;
}

std::vector<std::string> CaptionEvaluation::scoreNames(CaptionMetric metric)
{
    switch (metric) {
    case CaptionMetric::Bleu: return {"BLEU-1", "BLEU-2", "BLEU-3", "BLEU-4"};
    case CaptionMetric::Rouge: return {"ROUGE-L"};
    case CaptionMetric::Cider: return {"CIDEr"};
    case CaptionMetric::Meteor: return {Meteor::kScoreName};
    case CaptionMetric::ClipScore: return {"CLIP-S", "RefCLIP-S"};
    case CaptionMetric::PacScore: return {"PAC-S", "RefPAC-S"};
    case CaptionMetric::Elements: return {std::begin(kElementScoreNames), std::end(kElementScoreNames)};
    case CaptionMetric::Capture: return {CaptureScore::kScoreName};
    case CaptionMetric::Sentence: return {SentenceScore::kScoreName};
    }
    return {};
}

std::vector<std::string> CaptionEvaluation::scoreNames(CaptionMetric metric, const CaptionEvaluationOptions &options)
{
    if (metric == CaptionMetric::Meteor && !options.meteorDataDirectory.empty())
        return {Meteor::kParaphraseScoreName};
    return scoreNames(metric);
}

std::string CaptionEvaluation::scoreLabel(const std::string &scoreName)
{
    return scoreName == Meteor::kScoreName ? std::string(Meteor::kLabel) : scoreName;
}

namespace {

// Pairs candidates with references by id: result's ids and candidates in the candidates' order, and for each the
// index of its references. Ids on one side only are an error, or skipped (listed in result.skipped) when asked.
std::vector<std::size_t> matchIds(const CandidateCaptions &candidates, const ReferenceCaptions &references,
                                  const CaptionEvaluationOptions &options, CaptionEvaluationResult &result)
{
    std::unordered_map<std::string, std::size_t> referenceIndex;
    for (std::size_t i = 0; i < references.ids.size(); ++i)
        referenceIndex.emplace(references.ids[i], i);
    std::unordered_map<std::string, std::size_t> candidateIndex;
    for (std::size_t i = 0; i < candidates.ids.size(); ++i)
        candidateIndex.emplace(candidates.ids[i], i);
    std::vector<std::size_t> matchedReferences;
    for (std::size_t i = 0; i < candidates.ids.size(); ++i) {
        const auto &id = candidates.ids[i];
        const auto found = referenceIndex.find(id);
        if (found == referenceIndex.end()) {
            if (!options.skipUnmatched)
                throw DataError(candidates.path + ": id '" + id + "' has no references in " + references.path +
                                " (skip unmatched ids to score the rest)");
            result.skipped.push_back({id, "no references in " + fileName(references.path)});
            continue;
        }
        result.ids.push_back(id);
        result.candidates.push_back(candidates.captions[i]);
        matchedReferences.push_back(found->second);
    }
    std::vector<std::string> missing;
    for (const auto &id : references.ids)
        if (!candidateIndex.count(id))
            missing.push_back(id);
    if (!missing.empty()) {
        if (!options.skipUnmatched) {
            std::string list;
            for (std::size_t i = 0; i < missing.size() && i < 5; ++i)
                list += (i ? ", '" : "'") + missing[i] + "'";
            if (missing.size() > 5)
                list += ", ...";
            throw DataError(candidates.path + ": no candidate for " + std::to_string(missing.size()) + " of the " +
                            std::to_string(references.ids.size()) + " ids in " + references.path + " (" + list +
                            "); a partial set changes every score (skip unmatched ids to score it anyway)");
        }
        for (const auto &id : missing)
            result.skipped.push_back({id, "no candidate in " + fileName(candidates.path)});
    }
    if (result.ids.empty())
        throw DataError(candidates.path + ": no candidate id is in " + references.path);
    return matchedReferences;
}

} // namespace

CaptionEvaluationResult CaptionEvaluation::evaluate(const CandidateCaptions &candidates,
                                                    const ReferenceCaptions &references,
                                                    const CaptionEvaluationOptions &options)
{
    const JobControl &job = options.job ? *options.job : JobControl::none();
    CaptionEvaluationResult result;
    result.candidatesPath = candidates.path;
    result.referencesPath = references.path;
    if (options.metrics.empty())
        throw Error("caption evaluation: no metric asked for");
    const bool clip =
        std::find(options.metrics.begin(), options.metrics.end(), CaptionMetric::ClipScore) != options.metrics.end();
    // Before any work: CLIP-S cannot run without a model and images.
    if (clip && options.clipModel.empty())
        throw Error("CLIP-S needs a CLIP model folder (HF layout with text and vision towers, vocab.json, merges.txt)");
    if (clip && options.images.empty())
        throw Error("CLIP-S needs the images: a folder of images named by id and/or an NSD subject's test set");
    if (clip && !options.loadClip)
        throw Error("CLIP-S: no way to load the CLIP model was given (models::loadClipEmbedder)");
    const bool pac =
        std::find(options.metrics.begin(), options.metrics.end(), CaptionMetric::PacScore) != options.metrics.end();
    if (pac && options.pacModel.empty())
        throw Error(
            "PAC-S needs the PAC checkpoint (a CLIP ViT in OpenAI's layout, e.g. pacscore's clip_ViT-B-32.pth)");
    if (pac && options.images.empty())
        throw Error("PAC-S needs the images: a folder of images named by id and/or an NSD subject's test set");
    if (pac && !options.loadPac)
        throw Error("PAC-S: no way to load the PAC checkpoint was given (models::loadOpenAiClipEmbedder)");

    const auto asked = [&options](CaptionMetric metric) {
        return std::find(options.metrics.begin(), options.metrics.end(), metric) != options.metrics.end();
    };
    const bool capture = asked(CaptionMetric::Elements) || asked(CaptionMetric::Capture);
    if (capture && options.sceneGraphParser.empty() && options.sceneGraphsFile.empty())
        throw Error("CAPTURE and the element scores need scene graphs: the FACTUAL parser's folder "
                    "(lizhuang144/flan-t5-base-VG-factual-sg) or a file of stored graphs; neither was given");
    if (capture && !options.sceneGraphParser.empty() && !options.loadSceneGraphParser)
        throw Error("CAPTURE: no way to load the scene-graph parser was given (models::loadSceneGraphParser)");
    if (capture && options.captureEncoder.empty())
        throw Error("CAPTURE's soft matching needs a sentence encoder folder (sentence-transformers; CAPTURE uses "
                    "all-mpnet-base-v2)");
    if (asked(CaptionMetric::Sentence) && options.sentenceEncoder.empty())
        throw Error("SentenceS needs a sentence encoder folder (sentence-transformers all-MiniLM-L6-v2)");
    if ((capture || asked(CaptionMetric::Sentence)) && !options.loadSentenceEmbedder)
        throw Error("no way to load a sentence encoder was given (models::loadSentenceEmbedder)");

    const std::vector<std::size_t> matchedReferences = matchIds(candidates, references, options, result);

    // Tokenize as pycocoevalcap does: one call for the candidates, one for the references, each a stream of lines.
    const auto tokenizeStart = std::chrono::steady_clock::now();
    job.report("tokenize", 0, 2);
    PtbTokenizer tokenizer;
    result.tokenizedCandidates = tokenizer.tokenizeLines(result.candidates, job);
    job.report("tokenize", 1, 2);
    std::vector<std::string> referenceLines;
    for (std::size_t r : matchedReferences)
        referenceLines.insert(referenceLines.end(), references.captions[r].begin(), references.captions[r].end());
    const auto tokenizedReferences = tokenizer.tokenizeLines(referenceLines, job);
    std::vector<std::vector<std::string>> referenceSets;
    referenceSets.reserve(matchedReferences.size());
    std::size_t offset = 0;
    for (std::size_t r : matchedReferences) {
        const std::size_t n = references.captions[r].size();
        referenceSets.emplace_back(tokenizedReferences.begin() + static_cast<std::ptrdiff_t>(offset),
                                   tokenizedReferences.begin() + static_cast<std::ptrdiff_t>(offset + n));
        offset += n;
    }
    result.referenceCount = referenceLines.size();
    result.untokenizableCharacters = tokenizer.untokenizableCount();
    result.tokenizeSeconds = secondsSince(tokenizeStart);

    const auto scoreStart = std::chrono::steady_clock::now();
    const CaptionCorpus corpus(result.tokenizedCandidates, std::move(referenceSets));
    result.perTrial.assign(corpus.size(), {});
    // CAPTURE and SentenceS read the captions as written, references included.
    std::vector<std::vector<std::string>> rawReferences;
    rawReferences.reserve(matchedReferences.size());
    for (std::size_t r : matchedReferences)
        rawReferences.push_back(references.captions[r]);
    std::optional<CaptureScores> captureScores; // one run for both Elements and Capture
    const auto runCapture = [&]() -> const CaptureScores & {
        if (captureScores)
            return *captureScores;
        const auto start = std::chrono::steady_clock::now();
        const std::string &device = options.clip.device;
        std::shared_ptr<const SceneGraphParser> parser;
        if (!options.sceneGraphParser.empty())
            parser = options.loadSceneGraphParser(options.sceneGraphParser, device);
        if (!options.sceneGraphsFile.empty())
            parser = StoredSceneGraphs::load(options.sceneGraphsFile, parser);
        const CaptureScore scorer(parser, options.loadSentenceEmbedder(options.captureEncoder, device),
                                  std::make_shared<const NltkWordNet>(WordNet::shared(options.wordNetDirectory)));
        captureScores = scorer.score(CaptionCorpus(result.candidates, rawReferences), job);
        result.sceneGraphSource = parser->source();
        result.captureEncoder = options.captureEncoder;
        result.captureSeconds = secondsSince(start);
        return *captureScores;
    };
    for (const CaptionMetric metric : options.metrics) {
        job.checkCancelled(); // between metrics; each also checks inside
        for (const auto &name : scoreNames(metric, options))
            result.scoreNames.push_back(name);
        switch (metric) {
        case CaptionMetric::Bleu: {
            const auto bleu = Bleu::score(corpus, job);
            result.corpus.insert(result.corpus.end(), bleu.corpus.begin(), bleu.corpus.end());
            for (std::size_t t = 0; t < corpus.size(); ++t)
                result.perTrial[t].insert(result.perTrial[t].end(), bleu.perTrial[t].begin(), bleu.perTrial[t].end());
            break;
        }
        case CaptionMetric::Rouge: {
            const auto rouge = Rouge::score(corpus, job);
            result.corpus.push_back(rouge.corpus);
            for (std::size_t t = 0; t < corpus.size(); ++t)
                result.perTrial[t].push_back(rouge.perTrial[t]);
            break;
        }
        case CaptionMetric::Cider: {
            const auto cider = Cider::score(corpus, job);
            result.corpus.push_back(cider.corpus);
            for (std::size_t t = 0; t < corpus.size(); ++t)
                result.perTrial[t].push_back(cider.perTrial[t]);
            break;
        }
        case CaptionMetric::Meteor: {
            // With METEOR's data folder: its paraphrase table, and the synonym files of the jar beside it when it is
            // there (the jar's METEOR exactly); otherwise Debian's WordNet for the synonyms.
            std::shared_ptr<const MeteorParaphrases> paraphrases;
            std::shared_ptr<const MeteorSynonyms> synonyms;
            if (!options.meteorDataDirectory.empty()) {
                const auto loadStart = std::chrono::steady_clock::now();
                paraphrases = MeteorParaphrases::shared(options.meteorDataDirectory);
                const std::string jar = MeteorSynonyms::findJar(options.meteorDataDirectory);
                if (!jar.empty())
                    synonyms = MeteorSynonyms::shared(jar);
                result.meteorDataDirectory = paraphrases->directory();
                result.meteorParaphraseLoadSeconds = secondsSince(loadStart);
            }
            const Meteor meteor(synonyms ? nullptr : WordNet::shared(options.wordNetDirectory), paraphrases, synonyms);
            result.wordNetDirectory = synonyms ? synonyms->source() : meteor.wordNet()->directory();
            const auto scores = meteor.score(corpus, job);
            result.corpus.push_back(scores.corpus);
            for (std::size_t t = 0; t < corpus.size(); ++t)
                result.perTrial[t].push_back(scores.perTrial[t]);
            break;
        }
        case CaptionMetric::ClipScore:
        case CaptionMetric::PacScore: {
            // BrainHub feeds CLIP the captions as written (no PTB tokenization), references included; pacscore is
            // CLIP-S's arithmetic (prefix, clipped cosine, max over references, harmonic mean) with the PAC-finetuned
            // CLIP and w = 2.
            const bool pacs = metric == CaptionMetric::PacScore;
            const auto start = std::chrono::steady_clock::now();
            ClipScoreOptions clipOptions = options.clip;
            if (pacs)
                clipOptions.weight = CaptionEvaluationOptions::kPacWeight;
            const std::string &model = pacs ? options.pacModel : options.clipModel;
            const ClipEmbedderLoader &load = pacs ? options.loadPac : options.loadClip;
            const ClipScore scorer(load(model, clipOptions.device, clipOptions.dtype), clipOptions);
            const auto &ids = result.ids;
            const auto scores = scorer.score([&](std::size_t t) { return options.images.image(ids[t]); },
                                             result.candidates, rawReferences, job);
            result.corpus.push_back(scores.clipSMean);
            result.corpus.push_back(scores.refClipSMean);
            for (std::size_t t = 0; t < corpus.size(); ++t) {
                result.perTrial[t].push_back(scores.clipS[t]);
                result.perTrial[t].push_back(scores.refClipS[t]);
            }
            result.imageSource = options.images.describe();
            (pacs ? result.pacModel : result.clipModel) = model;
            (pacs ? result.pacImageCosine : result.clipImageCosine) = scores.imageCosine;
            (pacs ? result.pacReferenceCosine : result.clipReferenceCosine) = scores.referenceCosine;
            (pacs ? result.refPacUndefined : result.refClipUndefined) = scores.undefinedRefClipS;
            (pacs ? result.pacSeconds : result.clipSeconds) = secondsSince(start);
            break;
        }
        case CaptionMetric::Elements: {
            const CaptureScores &scores = runCapture();
            appendElementScores(scores.elements, result.corpus);
            for (std::size_t t = 0; t < corpus.size(); ++t)
                appendElementScores(scores.trials[t].elements, result.perTrial[t]);
            break;
        }
        case CaptionMetric::Capture: {
            const CaptureScores &scores = runCapture();
            result.corpus.push_back(scores.corpus);
            for (std::size_t t = 0; t < corpus.size(); ++t)
                result.perTrial[t].push_back(scores.trials[t].capture);
            break;
        }
        case CaptionMetric::Sentence: {
            const auto start = std::chrono::steady_clock::now();
            SentenceScoreOptions sentenceOptions;
            sentenceOptions.reduction = options.sentenceReduction;
            const SentenceScore scorer(options.loadSentenceEmbedder(options.sentenceEncoder, options.clip.device),
                                       sentenceOptions);
            const SentenceScoreResult scores = scorer.score(result.candidates, rawReferences, job);
            result.corpus.push_back(scores.corpus);
            for (std::size_t t = 0; t < corpus.size(); ++t)
                result.perTrial[t].push_back(scores.perTrial[t]);
            result.sentenceEncoder = options.sentenceEncoder;
            result.sentenceSeconds = secondsSince(start);
            break;
        }
        }
    }
    if (captureScores)
        result.captureTrials = std::move(captureScores->trials);
    result.scoreSeconds = secondsSince(scoreStart) - result.clipSeconds - result.pacSeconds - result.captureSeconds -
                          result.sentenceSeconds;
    return result;
}

CaptionEvaluationResult CaptionEvaluation::evaluateFiles(const std::string &candidatesPath,
                                                         const std::string &referencesPath,
                                                         const CaptionEvaluationOptions &options)
{
    return evaluate(CaptionFiles::readCandidates(candidatesPath), CaptionFiles::readReferences(referencesPath),
                    options);
}

} // namespace vindex::eval
