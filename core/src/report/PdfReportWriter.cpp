#include "vindex/report/PdfReportWriter.h"

#include "ReportStyle.h"

#include <algorithm>
#include <cstdio>
#include <functional>

namespace vindex::report {
namespace {

using S = ReportStyle;
using F = PdfFont;
using M = PdfFontMetrics;

const PdfColor kInk = PdfColor::rgb(27, 33, 48);
const PdfColor kMuted = PdfColor::rgb(93, 102, 117);
const PdfColor kRule = PdfColor::rgb(205, 210, 218);
const PdfColor kSoft = PdfColor::rgb(246, 247, 249);
const PdfColor kGrid = PdfColor::rgb(220, 224, 230);
const PdfColor kNoteFill = PdfColor::rgb(255, 248, 230);
const PdfColor kNoteBar = PdfColor::rgb(230, 167, 0);

constexpr double kLeft = 50, kRight = PdfDocument::kA4Width - 50, kWidth = kRight - kLeft;
constexpr double kTop = 52, kBottom = PdfDocument::kA4Height - 62;
const std::string kTimes = "\xC3\x97"; // ×

PdfColor resultColour(std::size_t r)
{
    const auto c = S::colour(r);
    return PdfColor::rgb(c[0], c[1], c[2]);
}

// A cursor over pages: content goes below `y`; a block that does not fit starts a new page (and whatever the
// current section repeats there, e.g. a table header).
class Layout {
public:
    explicit Layout(PdfDocument &document) : m_document(document) { newPage(); }

    PdfPage &page() { return *m_page; }
    PdfDocument &document() { return m_document; }
    double y = kTop;

    void newPage()
    {
        m_page = &m_document.addPage();
        y = kTop;
        if (onNewPage)
            onNewPage();
    }
    // Starts a new page unless `height` more points fit on this one.
    void need(double height)
    {
        if (y + height > kBottom && y > kTop + 1)
            newPage();
    }

    std::function<void()> onNewPage;

private:
    PdfDocument &m_document;
    PdfPage *m_page = nullptr;
};

// Wrapped text at (x, top); returns the height used. `leading` is the baseline distance.
double paragraph(PdfPage &page, double x, double top, double width, const std::string &text, F font, double size,
                 double leading, PdfColor colour = kInk)
{
    const auto lines = M::wrap(font, text, size, width);
    double baseline = top + size * 0.8;
    for (const auto &line : lines) {
        page.text(x, baseline, line, font, size, colour);
        baseline += leading;
    }
    return static_cast<double>(lines.size()) * leading;
}

double paragraphHeight(double width, const std::string &text, F font, double size, double leading)
{
    return static_cast<double>(M::wrap(font, text, size, width).size()) * leading;
}

void swatch(PdfPage &page, double x, double baseline, double size, std::size_t result)
{
    page.fillRect(x, baseline - size * 0.78, size * 0.78, size * 0.78, resultColour(result));
}

void heading(Layout &layout, const std::string &number, const std::string &title, const std::string &lead)
{
    const double leadHeight = lead.empty() ? 0 : paragraphHeight(kWidth, lead, F::Helvetica, 8.5, 11.5);
    layout.need(30 + leadHeight + 60); // keep a heading with the start of its section
    layout.y += 14;
    auto &page = layout.page();
    page.text(kLeft, layout.y + 11, number, F::Helvetica, 13, kMuted);
    page.text(kLeft + M::width(F::Helvetica, number, 13) + 7, layout.y + 11, title, F::HelveticaBold, 13, kInk);
    layout.y += 19;
    if (!lead.empty()) {
        layout.y += paragraph(page, kLeft, layout.y, kWidth, lead, F::Helvetica, 8.5, 11.5, kMuted);
        layout.y += 6;
    }
}

void caption(Layout &layout, const std::string &label, const std::string &text)
{
    const double height = paragraphHeight(kWidth, label + " " + text, F::Helvetica, 7.5, 10);
    layout.need(height + 4);
    auto &page = layout.page();
    // The bold label, then the text flowing after it on the first line.
    const auto lines = M::wrap(F::Helvetica, label + " " + text, 7.5, kWidth);
    double baseline = layout.y + 4 + 6;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i == 0 && lines[0].rfind(label, 0) == 0) {
            page.text(kLeft, baseline, label, F::HelveticaBold, 7.5, kInk);
            page.text(kLeft + M::width(F::HelveticaBold, label, 7.5), baseline, lines[0].substr(label.size()),
                      F::Helvetica, 7.5, kMuted);
        } else {
            page.text(kLeft, baseline, lines[i], F::Helvetica, 7.5, kMuted);
        }
        baseline += 10;
    }
    layout.y += 4 + height + 4;
}

void titleBlock(Layout &layout, const CaptionReport &report)
{
    auto &page = layout.page();
    const auto titleLines = M::wrap(F::HelveticaBold, report.title, 20, kWidth);
    double y = layout.y + 17;
    for (const auto &line : titleLines) {
        page.text(kLeft, y, line, F::HelveticaBold, 20, kInk);
        y += 24;
    }
    y += 2;
    std::string labels;
    for (std::size_t r = 0; r < report.results.size(); ++r)
        labels += (r ? ", " : "") + report.results[r].label;
    const auto meta = [&](const std::string &key, const std::string &value) {
        page.text(kLeft, y, key, F::HelveticaBold, 8.5, kInk);
        const double x = kLeft + M::width(F::HelveticaBold, key, 8.5) + 4;
        y += paragraph(page, x, y - 8.5 * 0.8, kRight - x, value, F::Helvetica, 8.5, 11.5, kMuted);
    };
    meta(std::to_string(report.results.size()) + (report.results.size() == 1 ? " result:" : " results:"), labels);
    meta("References:", report.referencesPath + " (" + S::thousands(report.referenceTrials) + " trials, " +
                            S::thousands(report.referenceCaptions) + " captions)");
    meta("Generated:", report.created + " by " + report.generator);
    y += 2;
    page.line(kLeft, y, kRight, y, 1.5, kInk);
    layout.y = y + 6;

    if (!report.notes.empty()) {
        double height = 8;
        for (const auto &note : report.notes)
            height += paragraphHeight(kWidth - 20, note, F::Helvetica, 8, 10.5) + 2;
        layout.need(height);
        auto &p = layout.page();
        p.fillRect(kLeft, layout.y + 4, kWidth, height, kNoteFill);
        p.fillRect(kLeft, layout.y + 4, 2.5, height, kNoteBar);
        double ny = layout.y + 8;
        for (const auto &note : report.notes)
            ny += paragraph(p, kLeft + 12, ny, kWidth - 20, note, F::Helvetica, 8, 10.5, kInk) + 2;
        layout.y += height + 8;
    }
}

// Columns per block of the corpus and exact-value tables, panels per row of the charts: what fits A4's width.
constexpr std::size_t kCorpusColumns = 7, kExactColumns = 6, kChartsPerRow = 8;

// [first, last) ranges of at most `perBlock` score indices covering `count`.
std::vector<std::pair<std::size_t, std::size_t>> scoreBlocks(std::size_t count, std::size_t perBlock)
{
    std::vector<std::pair<std::size_t, std::size_t>> blocks;
    for (std::size_t first = 0; first < count; first += perBlock)
        blocks.emplace_back(first, std::min(count, first + perBlock));
    return blocks;
}

void corpusTable(Layout &layout, const CaptionReport &report)
{
    heading(layout, "1", "Corpus scores",
            "Each result scored against " + S::thousands(report.referenceCaptions) + " reference captions of " +
                S::thousands(report.referenceTrials) + " trials. Values " + kTimes +
                "100, the unit of the BrainHub leaderboard; the best value of each column is in bold.");
    const auto best = S::bestResultPerScore(report);
    // Many scores (CAPTURE's nine element scores, METEOR, SentenceS, ...) continue in further blocks of columns.
    for (const auto &[first, last] : scoreBlocks(report.scoreNames.size(), kCorpusColumns)) {
        const std::size_t columns = last - first;
        const double scoreWidth = std::min(56.0, (kWidth - 150) / static_cast<double>(kCorpusColumns + 1));
        const double labelWidth = kWidth - scoreWidth * static_cast<double>(columns + 1);
        const double rowHeight = 15, size = 8.5;
        layout.need(rowHeight * static_cast<double>(report.results.size() + 1) + 6);
        auto &page = layout.page();
        double y = layout.y;
        page.line(kLeft, y, kRight, y, 1, kInk);
        const auto numberRight = [&](std::size_t column) {
            return kLeft + labelWidth + scoreWidth * static_cast<double>(column + 1) - 4;
        };
        double baseline = y + 10.5;
        page.text(kLeft + 2, baseline, "Result", F::HelveticaBold, size, kInk);
        page.textRight(numberRight(0), baseline, "Trials", F::HelveticaBold, size, kInk);
        for (std::size_t s = first; s < last; ++s)
            page.textRight(numberRight(s - first + 1), baseline,
                           M::elide(F::HelveticaBold, S::shortScoreName(report.scoreNames[s]), size, scoreWidth - 4),
                           F::HelveticaBold, size, kInk);
        y += rowHeight;
        page.line(kLeft, y, kRight, y, 0.5, kInk);
        for (std::size_t r = 0; r < report.results.size(); ++r) {
            const auto &result = report.results[r];
            baseline = y + 10.5;
            swatch(page, kLeft + 2, baseline, size, r);
            page.text(kLeft + 12, baseline, M::elide(F::HelveticaBold, result.label, size, labelWidth - 16),
                      F::HelveticaBold, size, kInk);
            page.textRight(numberRight(0), baseline, S::thousands(result.evaluation.ids.size()), F::Helvetica, size,
                           kInk);
            for (std::size_t s = first; s < last; ++s)
                page.textRight(numberRight(s - first + 1), baseline, S::leaderboard(result.evaluation.corpus[s]),
                               best[s] == static_cast<int>(r) ? F::HelveticaBold : F::Helvetica, size, kInk);
            y += rowHeight;
        }
        y += 2;
        page.line(kLeft, y, kRight, y, 1, kInk);
        layout.y = y + (last < report.scoreNames.size() ? 8 : 0);
    }
    caption(layout, "Table 1.",
            "Corpus caption scores (" + kTimes +
                "100) over each result's scored trials; how they are computed: Section 4.");
}

void charts(Layout &layout, const CaptionReport &report)
{
    const std::size_t panels = report.scoreNames.size();
    const std::size_t perRow = std::min(panels, kChartsPerRow), rows = (panels + perRow - 1) / perRow;
    const double gap = 12, panelHeight = 112;
    const double panelWidth = (kWidth - gap * static_cast<double>(perRow - 1)) / static_cast<double>(perRow);
    layout.need(panelHeight * static_cast<double>(rows) + 40);
    auto &page = layout.page();
    // Legend.
    double x = kLeft, y = layout.y + 14;
    for (std::size_t r = 0; r < report.results.size(); ++r) {
        const double w = M::width(F::Helvetica, report.results[r].label, 8) + 24;
        if (x + w > kRight && x > kLeft) {
            x = kLeft;
            y += 12;
        }
        swatch(page, x, y, 8, r);
        page.text(x + 10, y, report.results[r].label, F::Helvetica, 8, kInk);
        x += w;
    }
    const double firstTop = y + 10;
    const std::size_t n = report.results.size();
    for (std::size_t s = 0; s < panels; ++s) {
        const double top = firstTop + panelHeight * static_cast<double>(s / perRow);
        const double left = kLeft + (panelWidth + gap) * static_cast<double>(s % perRow), right = left + panelWidth;
        page.textCentered((left + right) / 2, top + 9,
                          M::elide(F::HelveticaBold, report.scoreNames[s], 8.5, panelWidth + gap - 2), F::HelveticaBold,
                          8.5, kInk);
        double maximum = 0;
        for (const auto &r : report.results)
            maximum = std::max(maximum, r.evaluation.corpus[s] * 100);
        const double axis = S::niceCeiling(maximum);
        const double plotTop = top + 26, plotBottom = top + panelHeight - 8;
        page.line(left, plotTop, right, plotTop, 0.4, kGrid);
        char axisText[16];
        std::snprintf(axisText, sizeof axisText, "%g", axis);
        page.textRight(right, plotTop - 2.5, axisText, F::Helvetica, 6.5, kMuted);
        const double slot = panelWidth / static_cast<double>(n), bar = std::min(22.0, slot * 0.68);
        for (std::size_t r = 0; r < n; ++r) {
            const double value = report.results[r].evaluation.corpus[s] * 100;
            const double h = std::max(0.0, value / axis * (plotBottom - plotTop));
            const double bx = left + slot * (static_cast<double>(r) + 0.5) - bar / 2;
            page.fillRect(bx, plotBottom - h, bar, h, resultColour(r));
            // The value above its bar, on white so that the axis-end line never runs through it.
            const double labelSize = n > 3 ? 5.5 : 6.5;
            const std::string label = S::leaderboard(value / 100);
            const double labelWidth = M::width(F::Helvetica, label, labelSize) + 2;
            page.fillRect(bx + bar / 2 - labelWidth / 2, plotBottom - h - 2.5 - labelSize, labelWidth, labelSize + 1,
                          PdfColor{1, 1, 1});
            page.textCentered(bx + bar / 2, plotBottom - h - 2.5, label, F::Helvetica, labelSize, kInk);
        }
        page.line(left, plotBottom, right, plotBottom, 0.75, kInk);
    }
    layout.y = firstTop + panelHeight * static_cast<double>(rows);
    caption(layout, "Figure 1.",
            "Corpus scores per result (" + kTimes + "100); each panel has its own axis, the grey line marks its end.");
}

// The per-trial table: Trial | Stimulus | References | Result | Decoded caption | scores.
struct TrialColumns {
    double trial, stimulus, references, result, caption, score;
    std::vector<std::size_t> scores;
    bool thumbnails;
    double x(int column) const
    {
        const double widths[] = {trial, stimulus, references, result, caption};
        double at = kLeft;
        for (int c = 0; c < column && c < 5; ++c)
            at += widths[c];
        return at;
    }
};

void trialHeader(PdfPage &page, double &y, const TrialColumns &c, const CaptionReport &report)
{
    page.line(kLeft, y, kRight, y, 1, kInk);
    const double baseline = y + 10, size = 6.9;
    page.text(c.x(0) + 3, baseline, "Trial", F::HelveticaBold, size, kInk);
    if (c.thumbnails)
        page.text(c.x(1) + 3, baseline, "Stimulus", F::HelveticaBold, size, kInk);
    page.text(c.x(2) + 3, baseline, "References", F::HelveticaBold, size, kInk);
    page.text(c.x(3) + 3, baseline, "Result", F::HelveticaBold, size, kInk);
    page.text(c.x(4) + 3, baseline, "Decoded caption", F::HelveticaBold, size, kInk);
    for (std::size_t i = 0; i < c.scores.size(); ++i)
        page.textRight(c.x(5) + c.score * static_cast<double>(i + 1) - 2, baseline,
                       M::elide(F::HelveticaBold, S::shortScoreName(report.scoreNames[c.scores[i]]), size, c.score - 3),
                       F::HelveticaBold, size, kInk);
    y += 14;
    page.line(kLeft, y, kRight, y, 0.5, kInk);
}

void trialTable(Layout &layout, const CaptionReport &report)
{
    std::string lead = S::thousands(report.trials.size()) + " of " + S::thousands(report.referenceTrials) + " trials" +
                       (report.trialSelection.empty() ? std::string() : " (selection " + report.trialSelection + ")") +
                       ", each with its reference captions and every result's decoded caption; scores per trial " +
                       kTimes + "100.";
    if (!report.stimulusSource.empty())
        lead += " Stimuli: " + report.stimulusSource + ".";
    heading(layout, "2", "Trials", lead);

    TrialColumns c;
    c.thumbnails = !report.stimulusSource.empty();
    c.scores = report.perTrialScores();
    c.trial = 24;
    c.stimulus = c.thumbnails ? 64 : 0;
    c.score = 38;
    c.result = 52;
    c.references = c.thumbnails ? 128 : 160;
    c.caption =
        kWidth - c.trial - c.stimulus - c.references - c.result - c.score * static_cast<double>(c.scores.size());
    // Many per-trial scores (METEOR, CAPTURE's F1s, SentenceS, ...): narrower score columns, then narrower references,
    // so that the decoded caption keeps a readable width.
    constexpr double kMinimumCaption = 110, kMinimumScore = 26, kMinimumReferences = 100;
    const auto scoreCount = static_cast<double>(c.scores.size());
    if (c.caption < kMinimumCaption && !c.scores.empty()) {
        c.score = std::max(kMinimumScore, c.score - (kMinimumCaption - c.caption) / scoreCount);
        c.caption = kWidth - c.trial - c.stimulus - c.references - c.result - c.score * scoreCount;
    }
    if (c.caption < kMinimumCaption) {
        c.references = std::max(kMinimumReferences, c.references - (kMinimumCaption - c.caption));
        c.caption = kWidth - c.trial - c.stimulus - c.references - c.result - c.score * scoreCount;
    }

    const double refSize = 7, refLeading = 8.6, capSize = 7.8, capLeading = 9.6, pad = 5;
    double y = layout.y;
    trialHeader(layout.page(), y, c, report);
    layout.y = y;
    layout.onNewPage = [&] {
        double top = layout.y;
        trialHeader(layout.page(), top, c, report);
        layout.y = top;
    };

    for (std::size_t t = 0; t < report.trials.size(); ++t) {
        const auto &trial = report.trials[t];
        // Measure: the trial's block is as tall as its tallest column, and never splits across pages.
        std::vector<std::vector<std::string>> referenceLines;
        double referencesHeight = 0;
        for (const auto &reference : trial.references) {
            referenceLines.push_back(M::wrap(F::Helvetica, reference, refSize, c.references - 16));
            referencesHeight += static_cast<double>(referenceLines.back().size()) * refLeading + 1.5;
        }
        std::vector<std::vector<std::string>> captionLines;
        std::vector<double> resultHeights;
        double resultsHeight = 0;
        for (const auto &result : report.results) {
            const long row = result.row(trial.id);
            captionLines.push_back(row < 0 ? std::vector<std::string>{"not decoded"}
                                           : M::wrap(F::Helvetica,
                                                     result.evaluation.candidates[static_cast<std::size_t>(row)],
                                                     capSize, c.caption - 8));
            resultHeights.push_back(static_cast<double>(captionLines.back().size()) * capLeading + 5);
            resultsHeight += resultHeights.back();
        }
        double thumbHeight = 0, thumbWidth = 0;
        if (c.thumbnails && !trial.thumbnail.empty()) {
            const double box = c.stimulus - 8;
            const double scale = box / std::max(trial.thumbnail.width, trial.thumbnail.height);
            thumbWidth = trial.thumbnail.width * scale;
            thumbHeight = trial.thumbnail.height * scale;
        }
        const double stimulusHeight = c.thumbnails ? thumbHeight + 10 : 0;
        const double height = std::max({referencesHeight, resultsHeight, stimulusHeight, 12.0}) + 2 * pad;

        layout.need(height);
        auto &page = layout.page();
        const double top = layout.y;
        if (t % 2 == 1)
            page.fillRect(kLeft, top, kWidth, height, kSoft);
        page.text(c.x(0) + 3, top + pad + 6.5, trial.id, F::HelveticaBold, 8, kInk);
        if (thumbHeight > 0) {
            const int image =
                layout.document().addJpeg(trial.thumbnail.jpeg, trial.thumbnail.width, trial.thumbnail.height);
            page.image(image, c.x(1) + 3, top + pad, thumbWidth, thumbHeight);
            page.strokeRect(c.x(1) + 3, top + pad, thumbWidth, thumbHeight, 0.3, kRule);
            page.text(c.x(1) + 3, top + pad + thumbHeight + 7.5,
                      M::elide(F::Helvetica, trial.stimulus, 5.8, c.stimulus - 6), F::Helvetica, 5.8, kMuted);
        }
        double ry = top + pad;
        for (std::size_t i = 0; i < referenceLines.size(); ++i) {
            page.text(c.x(2) + 3, ry + refSize * 0.8, std::to_string(i + 1), F::Helvetica, refSize, kMuted);
            for (const auto &line : referenceLines[i]) {
                page.text(c.x(2) + 12, ry + refSize * 0.8, line, F::Helvetica, refSize, kInk);
                ry += refLeading;
            }
            ry += 1.5;
        }
        double cy = top + pad;
        for (std::size_t r = 0; r < report.results.size(); ++r) {
            const auto &result = report.results[r];
            const double baseline = cy + capSize * 0.8;
            swatch(page, c.x(3) + 3, baseline, 7, r);
            page.text(c.x(3) + 11, baseline, M::elide(F::HelveticaBold, result.label, 7, c.result - 13),
                      F::HelveticaBold, 7, kInk);
            const long row = result.row(trial.id);
            double ly = baseline;
            for (const auto &line : captionLines[r]) {
                page.text(c.x(4) + 3, ly, line, row < 0 ? F::HelveticaOblique : F::Helvetica, capSize,
                          row < 0 ? kMuted : kInk);
                ly += capLeading;
            }
            for (std::size_t i = 0; i < c.scores.size(); ++i) {
                const std::string value =
                    row < 0 ? std::string("\xE2\x80\x93")
                            : S::perTrial(result.evaluation.perTrial[static_cast<std::size_t>(row)][c.scores[i]]);
                page.textRight(c.x(5) + c.score * static_cast<double>(i + 1) - 2, baseline, value, F::Helvetica,
                               capSize, kInk);
            }
            cy += resultHeights[r];
        }
        layout.y = top + height;
        page.line(kLeft, layout.y, kRight, layout.y, 0.3, kRule);
    }
    layout.page().line(kLeft, layout.y, kRight, layout.y, 1, kInk);
    layout.onNewPage = nullptr;
    layout.y += 4;
}

// A key in the margin column and its wrapped value.
void keyValue(Layout &layout, const std::string &key, const std::string &value, F font = F::Helvetica, double size = 8)
{
    const double keyWidth = 78, leading = size + 2.6;
    const double height = paragraphHeight(kWidth - keyWidth, value, font, size, leading) + 2;
    layout.need(height);
    auto &page = layout.page();
    page.text(kLeft, layout.y + 8 * 0.8, key, F::Helvetica, 8, kMuted);
    paragraph(page, kLeft + keyWidth, layout.y + (8 - size) * 0.8, kWidth - keyWidth, value, font, size, leading, kInk);
    layout.y += height;
}

std::string fieldList(const std::vector<ManifestField> &fields)
{
    std::string text;
    for (std::size_t i = 0; i < fields.size(); ++i)
        text += (i ? ", " : "") + fields[i].first + " = " + fields[i].second;
    return text;
}

void manifests(Layout &layout, const CaptionReport &report)
{
    heading(layout, "3", "Runs",
            "What produced each result: the run manifest beside the results file (models and the SHA-256 of their "
            "weights, prompt, decoding settings, device, versions).");
    for (std::size_t r = 0; r < report.results.size(); ++r) {
        const auto &result = report.results[r];
        const auto &m = result.manifest;
        layout.need(40);
        layout.y += 6;
        swatch(layout.page(), kLeft, layout.y + 8.5, 9.5, r);
        layout.page().text(kLeft + 12, layout.y + 8.5, result.label, F::HelveticaBold, 9.5, kInk);
        layout.y += 15;
        keyValue(layout, "Results",
                 result.resultsPath + "  (" + S::thousands(result.captionCount) + " captions, " +
                     S::thousands(result.evaluation.ids.size()) + " scored)");
        if (!m.found()) {
            keyValue(layout, "Manifest", "no manifest (nothing beside the results file)", F::HelveticaOblique);
            continue;
        }
        keyValue(layout, "Manifest", m.path);
        if (!m.problem.empty())
            keyValue(layout, "Problem", m.problem);
        if (!m.created.empty())
            keyValue(layout, "Created", m.created);
        if (!m.command.empty())
            keyValue(layout, "Command", m.command, F::Courier, 7);
        if (!m.run.empty())
            keyValue(layout, "Run", fieldList(m.run));
        if (!m.prompt.empty())
            keyValue(layout, "Prompt", "\xE2\x80\x9C" + m.prompt + "\xE2\x80\x9D");
        if (!m.promptText.empty())
            keyValue(layout, "Prompt as fed", m.promptText, F::Courier, 7);
        if (!m.decoding.empty())
            keyValue(layout, "Decoding", fieldList(m.decoding));
        if (!m.device.empty() || !m.dtype.empty())
            keyValue(layout, "Device", m.device + (m.dtype.empty() ? "" : " \xC2\xB7 " + m.dtype));
        if (!m.versions.empty())
            keyValue(layout, "Versions", fieldList(m.versions));
        if (!m.other.empty())
            keyValue(layout, "Other", fieldList(m.other));
        for (const auto &model : m.models) {
            std::string text;
            for (const std::string *part : {&model.role, &model.name, &model.path})
                if (!part->empty())
                    text += (text.empty() ? "" : "  \xC2\xB7  ") + *part;
            keyValue(layout, "Model", text);
            if (!model.sha256.empty())
                keyValue(layout, "", "sha256 " + model.sha256, F::Courier, 6.8);
            // One line per weight file: which exact bytes made the captions.
            for (const auto &file : model.files)
                keyValue(layout, "",
                         file.sha256 + "  " + file.name + (file.bytes < 0 ? "" : "  (" + S::bytes(file.bytes) + ")"),
                         F::Courier, 6.8);
        }
    }
}

void exactValues(Layout &layout, const CaptionReport &report)
{
    heading(layout, "4", "Method and exact values",
            S::methodNote() + " The corpus scores as fractions with ten decimals, for comparison with published "
                              "values (BrainHub lists its reference values this way):");
    const double size = 7.5, rowHeight = 13;
    for (const auto &[first, last] : scoreBlocks(report.scoreNames.size(), kExactColumns)) {
        const std::size_t columns = last - first;
        const double scoreWidth = std::min(56.0, (kWidth - 150) / static_cast<double>(kExactColumns));
        const double labelWidth = kWidth - scoreWidth * static_cast<double>(columns);
        layout.need(rowHeight * static_cast<double>(report.results.size() + 1) + 30);
        auto &page = layout.page();
        double y = layout.y;
        const auto right = [&](std::size_t s) {
            return kLeft + labelWidth + scoreWidth * static_cast<double>(s - first + 1) - 3;
        };
        page.line(kLeft, y, kRight, y, 1, kInk);
        page.text(kLeft + 2, y + 9.5, "Result", F::HelveticaBold, size, kInk);
        for (std::size_t s = first; s < last; ++s)
            page.textRight(right(s), y + 9.5,
                           M::elide(F::HelveticaBold, S::shortScoreName(report.scoreNames[s]), size, scoreWidth - 4),
                           F::HelveticaBold, size, kInk);
        y += rowHeight;
        page.line(kLeft, y, kRight, y, 0.5, kInk);
        for (std::size_t r = 0; r < report.results.size(); ++r) {
            const auto &result = report.results[r];
            swatch(page, kLeft + 2, y + 9.5, size, r);
            page.text(kLeft + 11, y + 9.5,
                      M::elide(F::Helvetica, result.label + "  (" + S::fileName(result.resultsPath) + ")", size,
                               labelWidth - 14),
                      F::Helvetica, size, kInk);
            for (std::size_t s = first; s < last; ++s)
                page.textRight(right(s), y + 9.5, S::exact(result.evaluation.corpus[s]), F::Helvetica, size, kInk);
            y += rowHeight;
        }
        y += 2;
        page.line(kLeft, y, kRight, y, 1, kInk);
        layout.y = y + (last < report.scoreNames.size() ? 8 : 0);
    }
    caption(layout, "Table 2.", "Corpus scores as fractions. References: " + report.referencesPath + ".");
}

void footers(PdfDocument &document, const CaptionReport &report)
{
    const std::size_t pages = document.pageCount();
    for (std::size_t p = 0; p < pages; ++p) {
        auto &page = document.page(p);
        const double y = PdfDocument::kA4Height - 40;
        page.line(kLeft, y, kRight, y, 0.4, kRule);
        const std::string number = "Page " + std::to_string(p + 1) + " of " + std::to_string(pages);
        page.textRight(kRight, y + 11, number, F::Helvetica, 7.5, kMuted);
        page.text(kLeft, y + 11,
                  M::elide(F::Helvetica, report.title + "  \xC2\xB7  " + report.created, 7.5,
                           kWidth - M::width(F::Helvetica, number, 7.5) - 20),
                  F::Helvetica, 7.5, kMuted);
    }
}

} // namespace

PdfDocument PdfReportWriter::toPdf(const CaptionReport &report)
{
    PdfDocument document;
    document.setTitle(report.title);
    document.setProducer(report.generator);
    Layout layout(document);
    titleBlock(layout, report);
    corpusTable(layout, report);
    charts(layout, report);
    trialTable(layout, report);
    manifests(layout, report);
    exactValues(layout, report);
    footers(document, report);
    return document;
}

void PdfReportWriter::write(const CaptionReport &report, const std::string &path)
{
    toPdf(report).save(path);
}

} // namespace vindex::report
