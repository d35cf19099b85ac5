#include "ElementHighlighter.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace vindex::widgets {
namespace {

QString matchSymbol(CaptionElement::Match match)
{
    switch (match) {
    case CaptionElement::Match::Exact:
    case CaptionElement::Match::Synonym: return QStringLiteral("✓");
    case CaptionElement::Match::Soft: return QStringLiteral("≈");
    case CaptionElement::Match::None: break;
    }
    return QStringLiteral("✗");
}

} // namespace

QColor ElementHighlighter::matchColor(CaptionElement::Match match)
{
    switch (match) {
    case CaptionElement::Match::Exact:
    case CaptionElement::Match::Synonym: return QColor(0x2e, 0x7d, 0x32);
    case CaptionElement::Match::Soft: return QColor(0xb2, 0x6a, 0x00);
    case CaptionElement::Match::None: break;
    }
    return QColor(0xc6, 0x28, 0x28);
}

bool ElementHighlighter::namesElement(const QString &word, const QString &element)
{
    if (element.isEmpty() || !word.startsWith(element))
        return false;
    return word.size() - element.size() <= 3;
}

QString ElementHighlighter::highlighted(const QString &caption, const QList<CaptionElement> &elements)
{
    static const QRegularExpression words(QStringLiteral("[\\p{L}\\p{N}'-]+"));
    QString html;
    qsizetype done = 0;
    for (auto it = words.globalMatch(caption); it.hasNext();) {
        const QRegularExpressionMatch word = it.next();
        html += caption.mid(done, word.capturedStart() - done).toHtmlEscaped();
        done = word.capturedEnd();
        const QString lower = word.captured().toLower();
        // The best-confirmed object or attribute this word names (objects first: "red" may be both).
        const CaptionElement *named = nullptr;
        for (const CaptionElement &element : elements) {
            if (element.type == CaptionElement::Type::Relation)
                continue;
            bool any = false;
            for (const QString &part : element.text.toLower().split(QLatin1Char(' '), Qt::SkipEmptyParts))
                any = any || namesElement(lower, part);
            if (any && (!named || element.match > named->match))
                named = &element;
        }
        if (!named) {
            html += word.captured().toHtmlEscaped();
            continue;
        }
        const bool object = named->type == CaptionElement::Type::Object;
        html += QStringLiteral("<span style=\"color:%1;%2\">%3</span>")
                    .arg(matchColor(named->match).name(),
                         object ? QStringLiteral("font-weight:bold") : QStringLiteral("font-style:italic"),
                         word.captured().toHtmlEscaped());
    }
    html += caption.mid(done).toHtmlEscaped();
    return html;
}

QString ElementHighlighter::summary(const QList<CaptionElement> &elements)
{
    const QString titles[] = {QCoreApplication::translate("ElementHighlighter", "Objects"),
                              QCoreApplication::translate("ElementHighlighter", "Attributes"),
                              QCoreApplication::translate("ElementHighlighter", "Relations")};
    QStringList lines;
    for (int type = 0; type < 3; ++type) {
        QStringList items;
        for (const CaptionElement &element : elements)
            if (static_cast<int>(element.type) == type)
                items << element.text + QLatin1Char(' ') + matchSymbol(element.match);
        if (!items.isEmpty())
            lines << titles[type] + QStringLiteral(": ") + items.join(QStringLiteral(", "));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace vindex::widgets
