#pragma once
// What the decode panel can tell about its folders before anything is loaded: the kind of a model folder (from its
// config.json: which feature space it is made for) and what a brain encoder checkpoint expects (voxels per subject,
// the perceiver's width and, when our training recorded it, its head split), read from file headers only (core's
// FileInspector), so that the panel checks them as they are entered instead of after Start.
#include <QCoreApplication>
#include <QMap>
#include <QString>

namespace vindex::studio {

class DecodeInputCheck {
    Q_DECLARE_TR_FUNCTIONS(DecodeInputCheck)

public:
    struct ModelFacts {
        QString problem; // why the folder is not a multimodal LLM folder; empty when it is one
        QString kind;    // "LLaVA", "Shikra", "Dense Connector (LLaVA)", "M3 (LLaVA)", "MMVP (LLaVA)"
        QString space;   // the space the folder is made for ("se", "me", "af", "nf", "shikra"); empty: not said
        bool shikra = false;
    };
    static ModelFacts inspectModel(const QString &folder);

    struct EncoderFacts {
        QString problem;          // unreadable or not a brain encoder; empty when it is one
        QString kind;             // "BrainXS", "BrainX", or "ME folder (clip_224 + dino_224)"
        QMap<int, qint64> voxels; // subject → voxel count (BrainX); key 0: BrainXS, which has no subject
        qint64 innerWidth = 0;    // heads × width of the perceiver's attention (its to_q rows); 0: not found
        int recordedHeads = 0;    // the head split recorded with the checkpoint (our training); 0: not recorded
        int recordedHeadWidth = 0;

        // The voxel count the encoder expects for a subject (its only one for BrainXS); 0 when it has none for it.
        qint64 voxelsFor(int subject) const;
    };
    // A checkpoint file, or the method's folder of encoders (clip_*/last.pth is read: ME takes its voxels too).
    static EncoderFacts inspectEncoder(const QString &path);
};

} // namespace vindex::studio
