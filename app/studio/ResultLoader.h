#pragma once
// Reads one decoding result and scores it through core, for the results the window loads (File ▸ Load Results…).
// Runs on a worker thread; everything comes back as plain data (widgets::DecodingResult).
//
// Captions — BrainHub's {"idx": "caption"} files and vindex caption outputs (a results file with its manifest, or
// the run folder): report::CaptionReport scores them with CaptionEvaluation (BLEU-1..4, ROUGE-L, CIDEr, and METEOR
// when WordNet is installed) against the references their manifest names, else BrainHub's
// caption/fmri_cococap.json. Decoded boxes — {"idx": {"category": [[[x0, y0, x1, y1]]]}}: GroundingEvaluation
// against BrainHub's bbox/coco_bbox_categorized.json, per salience group of processing/coco/.
#include "DecodingResult.h"

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

    // Throws std::exception (core's Error family) with a message naming the file at fault.
    static widgets::DecodingResult load(const Request &request);
    // Whether a file holds decoded boxes (objects per index) rather than captions (strings per index).
    static bool isGroundingFile(const QString &path);

private:
    static widgets::DecodingResult loadCaptions(const Request &request);
    static widgets::DecodingResult loadGrounding(const Request &request);
};

} // namespace vindex::studio
