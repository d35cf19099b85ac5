#pragma once
// The studio's side of core's one way to load and score a decoding result (report::ResultScoring, which `vindex eval`
// uses too): the request the window makes for a file or run folder (File ▸ Load Results…), and the scored result as
// the views show it (widgets::DecodingResult). Finding the references (the run's manifest, else the BrainHub folder),
// the scores, the grounding groups and each trial's scores are core's; nothing here computes a number.
#include "DecodingResult.h"

#include "vindex/core/JobControl.h"
#include "vindex/report/ResultScoring.h"

#include <QCoreApplication>
#include <QString>

namespace vindex::studio {

class ResultLoader {
    Q_DECLARE_TR_FUNCTIONS(ResultLoader)

public:
    struct Request {
        QString path;           // a results file or a run folder
        QString brainHubFolder; // references and ground truth; may be empty when a manifest names references
        bool meteor = true;     // METEOR too, when WordNet or METEOR's data folder is found
        // The models and data of the metrics that need them (StudioSettings); empty: that metric is not computed.
        QString meteorDataFolder;               // METEOR with its paraphrase table (paraphrase-en.gz)
        QString pacCheckpoint, pacVocabulary;   // PAC-S; needs the stimuli, which the studio does not give yet
        QString sceneGraphParser;               // the FACTUAL parser's folder, and/or
        QString sceneGraphsFile;                // graphs parsed before: with captureEncoder, elements and CAPTURE
        QString captureEncoder;                 // the sentence encoder of CAPTURE's soft matching
        QString sentenceEncoder;                // SentenceS
        QString device = QStringLiteral("cpu"); // where those models run
    };

    // A request for a file or run folder with the metric models, data and device of StudioSettings.
    static Request requestFor(const QString &path, const QString &brainHubFolder);
    // What the window asks of core for captions, scored on the ids a result shares with its references (a run may
    // caption part of the test set; the notes say so): BLEU, ROUGE-L, CIDEr; METEOR when WordNet is found (with
    // paraphrases when METEOR's data folder is set); object/attribute/relation P/R/F1 and CAPTURE when scene graphs
    // (parser or stored file) and CAPTURE's encoder are set; SentenceS when its encoder is set. PAC-S is not asked:
    // it needs each trial's stimulus, and the studio gives the scoring no images. The models are loaded while the
    // result is scored; a folder that is not what it should be fails that job with core's message naming it.
    static report::ResultScoringRequest scoringRequest(const Request &request);
    // The scored result as the views show it.
    static widgets::DecodingResult toDecodingResult(const report::ScoredResult &scored);
    // Both, on the calling thread. Core's Error family with a message naming the file at fault; Cancelled. A caption
    // result whose ids mostly have no reference (idMismatch) is refused with a DataError: its scores would mean
    // nothing.
    static widgets::DecodingResult load(const Request &request, const JobControl &job = JobControl::none());

    // Captions decoded for another dataset: most of the result's ids (or all) have no reference caption in the
    // references it was scored against (e.g. BrainHub's 982 test captions against a 10-trial demo). The reason, in
    // the studio's words; empty when the ids match.
    static QString idMismatch(const report::ScoredResult &scored);
    // Some ids without a reference, but most with one: scored on those, with this warning. Empty when all match.
    static QString idWarning(const report::ScoredResult &scored);
    // What tables and legends show for a result: a manifest's label, else the run folder's name for BrainHub-named
    // files (subNN_decoded_caption.json) and the file's stem for others; elided in the middle to maxLength.
    static QString shortLabel(const QString &resultsPath, const QString &manifestLabel = {}, int maxLength = 32);
    static QString elideMiddle(const QString &text, int maxLength = 32);
};

} // namespace vindex::studio
