#pragma once
// A caption as rich text with the visual elements it names marked by how the references confirm them (CAPTURE's
// matching): exact or synonym matches green, soft (embedding) matches amber, unmatched red; objects bold,
// attributes italic. The elements are lemmas ("dog" for "dogs"), so a word is marked when it is the element or
// an inflection of it (the element plus a short ending); relations are listed in the tool tip, not marked.
#include "DecodingResult.h"

#include <QColor>
#include <QList>
#include <QString>

namespace vindex::widgets {

class ElementHighlighter {
public:
    static QColor matchColor(CaptionElement::Match match);
    // The caption as HTML (escaped), its element words wrapped in coloured spans.
    static QString highlighted(const QString &caption, const QList<CaptionElement> &elements);
    // "Objects: dog ✓, frisbee ✗ …" per element type, for tool tips and exports.
    static QString summary(const QList<CaptionElement> &elements);
    // Whether a caption word names the element word (lower-case): equal, or the element plus at most three letters.
    static bool namesElement(const QString &word, const QString &element);
};

} // namespace vindex::widgets
