#pragma once
// Scores decoded captions against reference captions the way BrainHub does (pycocoevalcap after the PTB tokenizer):
// BLEU-1..4, ROUGE-L, CIDEr(-D) and METEOR — the jar's METEOR (score name "METEOR") when METEOR's data folder with its
// paraphrase table is given, otherwise METEOR without its paraphrase stage (score name "METEOR_noparaphrase", shown
// as "METEOR (no paraphrase)"; see Meteor.h) —, corpus scores and one score per trial; CLIP-S and RefCLIP-S
// (ClipScore.h) on the untokenized captions when a CLIP folder and the images are given, PAC-S and RefPAC-S the same
// way with a PAC checkpoint (w = 2). SPICE is not implemented
// yet and is refused by name.
//
// Candidates and references are matched by id; the evaluated set is every candidate id (in the candidates' order).
// A candidate without references, or a reference id without a candidate, is an error naming the file and the id,
// unless skipUnmatched is set: then those ids are left out and listed in `skipped`, and the scores are those of
// the remaining set (CIDEr's document frequencies depend on the set, so the numbers say which set they are for).
#include "vindex/eval/CaptionFiles.h"
#include "vindex/eval/CaptionImages.h"
#include "vindex/eval/CaptureScore.h"
#include "vindex/eval/ClipScore.h"
#include "vindex/eval/SentenceScore.h"

#include <functional>
#include <string>
#include <vector>

namespace vindex::eval {

// Elements: CAPTURE's precision, recall and F1 per element type (objects, attributes, relations); Capture: the
// CAPTURE score. Both come from one CaptureScore run (CaptureScore.h); Sentence: SentenceS (SentenceScore.h).
enum class CaptionMetric { Bleu, Rouge, Cider, Meteor, ClipScore, PacScore, Elements, Capture, Sentence };

struct CaptionEvaluationOptions {
    std::vector<CaptionMetric> metrics{CaptionMetric::Bleu, CaptionMetric::Rouge, CaptionMetric::Cider};
    bool skipUnmatched = false;
    std::string wordNetDirectory; // for METEOR; empty: WordNet::locate()
    // For METEOR: the folder holding METEOR 1.5's paraphrase table paraphrase-en.gz (pycocoevalcap's meteor/data);
    // given, METEOR is the jar's ("METEOR"; its synonyms from the jar beside the folder when it is there, see
    // MeteorSynonyms.h), empty: METEOR without paraphrases ("METEOR_noparaphrase").
    std::string meteorDataDirectory;
    // CaptionMetric::ClipScore: the CLIP folder, how to load it (models::loadClipEmbedder), where each id's image
    // is, and the device/dtype/prefix/w.
    std::string clipModel;
    ClipEmbedderLoader loadClip;
    CaptionImages images;
    ClipScoreOptions clip;
    // CaptionMetric::PacScore (PAC-S / RefPAC-S, aimagelab/pacscore): the PAC checkpoint (a CLIP in OpenAI's layout)
    // and how to load it (models::loadOpenAiClipEmbedder with the vocabulary bound); the same images and
    // device/dtype/prefix as `clip`, w = kPacWeight.
    std::string pacModel;
    ClipEmbedderLoader loadPac;
    static constexpr double kPacWeight = 2.0;
    // CaptionMetric::Elements / Capture (MG-BrainDub's element scores): the scene-graph parser's folder (FACTUAL's
    // flan-t5-base-VG-factual-sg) and/or a file of graphs parsed before (StoredSceneGraphs.h; asked first), how to
    // load the parser (models::loadSceneGraphParser), and the sentence encoder of the soft matching (CAPTURE uses
    // sentence-transformers/all-mpnet-base-v2). WordNet from wordNetDirectory. Models run on clip.device.
    std::string sceneGraphParser;
    std::string sceneGraphsFile;
    SceneGraphParserLoader loadSceneGraphParser;
    std::string captureEncoder;
    // CaptionMetric::Sentence: the sentence encoder (all-MiniLM-L6-v2) and how references are reduced.
    std::string sentenceEncoder;
    SentenceReferenceReduction sentenceReduction = SentenceReferenceReduction::Mean;
    // How both sentence encoders are loaded (models::loadSentenceEmbedder).
    SentenceEmbedderLoader loadSentenceEmbedder;
    const JobControl *job = nullptr; // cancels; progress while CLIP-S runs
};

struct SkippedCaption {
    std::string id;
    std::string reason; // "no references in R.json" / "no candidate in C.json"
};

struct CaptionEvaluationResult {
    std::string candidatesPath, referencesPath;
    std::vector<std::string> scoreNames; // "BLEU-1".."BLEU-4", "ROUGE-L", "CIDEr", "METEOR" or "METEOR_noparaphrase",
                                         // "CLIP-S", "RefCLIP-S", "PAC-S", "RefPAC-S" (as asked)
    std::vector<double> corpus;          // one per score name (fractions; ×100 for the leaderboard)
    std::vector<std::string> ids;        // the evaluated trials, candidates' order
    std::vector<std::string> candidates; // their captions as given
    std::vector<std::string> tokenizedCandidates; // as the scorers saw them
    std::vector<std::vector<double>> perTrial;    // [trial][score name]
    std::vector<SkippedCaption> skipped;
    std::size_t referenceCount = 0;          // reference captions of the evaluated trials
    std::size_t untokenizableCharacters = 0; // dropped by the tokenizer (CoreNLP drops them too)
    std::string wordNetDirectory;            // the WordNet database METEOR used, or the jar whose synonym files it used
                                             // (empty without METEOR)
    std::string meteorDataDirectory;         // the paraphrase table's folder METEOR used (empty: none)
    double meteorParaphraseLoadSeconds = 0;  // reading it and the jar's synonyms (once per process: ~0 after)
    double tokenizeSeconds = 0, scoreSeconds = 0;
    // CLIP-S only: the model folder, the image source, per trial the image–caption cosine and the best
    // caption–reference cosine, and the trials whose RefCLIP-S is 0/0 (scored 0; BrainHub would give NaN).
    std::string clipModel, imageSource;
    std::vector<double> clipImageCosine, clipReferenceCosine;
    std::size_t refClipUndefined = 0;
    double clipSeconds = 0;
    // PAC-S only: the same for the PAC model.
    std::string pacModel;
    std::vector<double> pacImageCosine, pacReferenceCosine;
    std::size_t refPacUndefined = 0;
    double pacSeconds = 0;
    // CAPTURE (Elements / Capture) only: each trial's elements and matches, the parser and encoder used.
    std::vector<CaptureTrial> captureTrials;
    std::string sceneGraphSource, captureEncoder;
    double captureSeconds = 0;
    // SentenceS only: the encoder used.
    std::string sentenceEncoder;
    double sentenceSeconds = 0;

    // The corpus value of a score name; Error when it was not computed.
    double value(const std::string &scoreName) const;
};

class CaptionEvaluation {
public:
    // "bleu,rouge,cider,meteor,clips" (any order, case-insensitive; "all" for every metric that needs no model;
    // clips = clip-s = refclips = refclip-s gives both CLIP-S and RefCLIP-S and needs a CLIP folder and images;
    // pacs = pac-s = refpacs = refpac-s gives PAC-S and RefPAC-S and needs a PAC checkpoint and images;
    // elements = Object/Attribute/Relation P, R, F1 and capture = CAPTURE need scene graphs (a parser folder or a
    // stored-graphs file) and a sentence encoder; sentence = sentences = SentenceS needs a sentence encoder).
    // Error naming the metric for SPICE (its Stanford CoreNLP models cannot be had) and for unknown names.
    static std::vector<CaptionMetric> parseMetrics(const std::string &list);
    // METEOR's name without a paraphrase table ("METEOR_noparaphrase"); the overload says what `options` give.
    static std::vector<std::string> scoreNames(CaptionMetric metric);
    static std::vector<std::string> scoreNames(CaptionMetric metric, const CaptionEvaluationOptions &options);
    // How a score is shown to people: "METEOR (no paraphrase)" for METEOR_noparaphrase, the name itself otherwise.
    static std::string scoreLabel(const std::string &scoreName);

    static CaptionEvaluationResult evaluate(const CandidateCaptions &candidates, const ReferenceCaptions &references,
                                            const CaptionEvaluationOptions &options = {});
    static CaptionEvaluationResult evaluateFiles(const std::string &candidatesPath, const std::string &referencesPath,
                                                 const CaptionEvaluationOptions &options = {});
};

} // namespace vindex::eval
