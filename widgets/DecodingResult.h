#pragma once
// One loaded decoding result as the views show it: captions (BrainHub's {"idx": "caption"} or a vindex caption run)
// or decoded boxes (BrainHub's {"idx": {"category": [[[x0, y0, x1, y1]]]}}), keyed by test index, with the corpus
// scores and each trial's scores that core's evaluation computed for it. Plain data, shared read-only.
#include "StimulusView.h"

#include <QColor>
#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace vindex::widgets {

// One visual element a caption names (CAPTURE's objects, attributes and relations, lemmatised) and how well the
// references confirm it: the best match stage over all references.
struct CaptionElement {
    enum class Type { Object, Attribute, Relation };
    enum class Match { None, Soft, Synonym, Exact };
    Type type = Type::Object;
    QString text; // "dog", "brown", "dog on grass"
    Match match = Match::None;
};

struct DecodingResult {
    enum class Kind { Captions, Grounding };

    Kind kind = Kind::Captions;
    QString label;                   // shown in tables, legends and charts
    QString path;                    // as loaded: a file or a run folder
    QString resultsPath;             // the file read
    QString referencesPath;          // captions: what they were scored against; grounding: the ground truth
    QColor color;                    // this result's colour in every view
    QStringList scoreNames;          // core's names ("BLEU-4", "CIDEr", "METEOR_noparaphrase"; "acc@0.5", "IoU")
    QStringList scoreLabels;         // as shown ("METEOR (no paraphrase)")
    QList<double> corpus;            // fractions, one per score name
    qint64 trialCount = 0;           // trials scored
    QHash<qint64, QString> captions; // test index → caption
    QHash<qint64, QList<double>> trialScores;      // test index → one per score name
    QHash<qint64, QList<StimulusView::Box>> boxes; // test index → decoded boxes (grounding)
    QHash<qint64, QStringList> references;         // captions: test index → the reference captions scored against
    QHash<qint64, QList<CaptionElement>> elements; // captions scored with CAPTURE: test index → the caption's elements
    QString details;                               // manifest summary, groups, notes (tool tips)
    // Why these scores need care, shown beside the result in the compare view (e.g. some of its ids have no
    // reference in the open dataset); empty: nothing to warn about.
    QString warning;

    int scoreIndex(const QString &name) const { return static_cast<int>(scoreNames.indexOf(name)); }
};

} // namespace vindex::widgets
