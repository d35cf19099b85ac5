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
        bool meteor = true;     // METEOR too, when WordNet is found
    };

    // What the window asks of core: BLEU, ROUGE-L, CIDEr (and METEOR when WordNet is found) for captions, scored on
    // the ids a result shares with its references (a run may caption part of the test set; the notes say so).
    static report::ResultScoringRequest scoringRequest(const Request &request);
    // The scored result as the views show it.
    static widgets::DecodingResult toDecodingResult(const report::ScoredResult &scored);
    // Both, on the calling thread. Core's Error family with a message naming the file at fault; Cancelled.
    static widgets::DecodingResult load(const Request &request, const JobControl &job = JobControl::none());
};

} // namespace vindex::studio
