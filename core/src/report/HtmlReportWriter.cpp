#include "vindex/report/HtmlReportWriter.h"

#include "ReportStyle.h"

#include "vindex/io/AtomicFile.h"

#include <algorithm>
#include <cstdio>

namespace vindex::report {
namespace {

using S = ReportStyle;

constexpr const char *kCss = R"css(
:root{--ink:#1b2130;--muted:#5d6675;--rule:#cfd4dc;--faint:#eceef2;--soft:#f6f7f9}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#fff;color:var(--ink);font:14px/1.5 "Helvetica Neue",Helvetica,Arial,"Liberation Sans",sans-serif}
main{max-width:1180px;margin:0 auto;padding:44px 56px 64px}
header{border-bottom:3px solid var(--ink);padding-bottom:16px;margin-bottom:8px}
h1{font-size:28px;line-height:1.2;margin:0 0 8px;font-weight:700;letter-spacing:-.01em}
.meta{color:var(--muted);font-size:13px;margin:2px 0}
.meta b{color:var(--ink);font-weight:600}
h2{font-size:19px;margin:40px 0 4px;font-weight:700}
h2 .num{color:var(--muted);font-weight:400;margin-right:6px}
.lead{color:var(--muted);font-size:13px;margin:0 0 14px;max-width:900px}
h3{font-size:15px;margin:26px 0 8px}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
table.corpus,table.exact{width:auto;min-width:62%}
table.corpus td,table.corpus th{padding:6px 16px}
th,td{padding:6px 10px;vertical-align:top;text-align:left}
table.booktabs{border-top:1.5px solid var(--ink);border-bottom:1.5px solid var(--ink)}
table.booktabs thead th{border-bottom:1px solid var(--ink);font-size:12.5px;font-weight:600;white-space:nowrap}
td.n,th.n{text-align:right;white-space:nowrap}
td.best{font-weight:700}
caption{caption-side:bottom;text-align:left;color:var(--muted);font-size:12.5px;padding-top:8px}
caption b{color:var(--ink)}
.swatch{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:7px;vertical-align:-1px}
.label{font-weight:600;white-space:nowrap}
svg.chart{display:block;width:100%;height:auto;margin:8px 0 4px}
.legend{display:flex;flex-wrap:wrap;gap:4px 20px;font-size:13px;margin:14px 0 2px}
figure{margin:0}
figcaption{color:var(--muted);font-size:12.5px;margin-top:2px}
table.trials{font-size:13px;table-layout:fixed;border-top:1.5px solid var(--ink);border-bottom:1.5px solid var(--ink)}
table.trials thead th{border-bottom:1px solid var(--ink);font-size:12.5px;font-weight:600;padding-top:8px;padding-bottom:8px}
col.c-trial{width:58px}col.c-stim{width:156px}col.c-refs{width:29%}
table.trials tbody{border-top:1px solid var(--rule);break-inside:avoid}
table.trials tbody:nth-of-type(even){background:var(--soft)}
table.trials td{padding:10px}
td.trial{font-weight:700}
td.stim img{display:block;width:128px;height:auto;border-radius:2px;box-shadow:0 0 0 1px rgba(0,0,0,.12)}
td.stim .src{color:var(--muted);font-size:11px;margin-top:4px}
td.refs{color:#3b4352;font-size:12.5px}
td.refs ol{margin:0;padding-left:18px}
td.refs li{margin:0 0 3px}
td.refs li::marker{color:var(--muted)}
.dec{display:grid;column-gap:12px;row-gap:10px;align-items:baseline}
.dec .n{text-align:right;white-space:nowrap}
.dec .label{white-space:normal;overflow-wrap:anywhere;max-width:14em;font-size:12.5px}
.dec .missing{color:var(--muted);font-style:italic}
dl.kv{display:grid;grid-template-columns:170px 1fr;gap:4px 16px;margin:0;font-size:13px}
dl.kv dt{color:var(--muted)}
dl.kv dd{margin:0;overflow-wrap:anywhere}
code,.mono{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12px}
table.models{font-size:12.5px;margin-top:10px}
table.models th{font-weight:600;border-bottom:1px solid var(--rule)}
table.models th:first-child,table.models tr.model td:first-child{padding-left:0}
table.models tr.model td{border-top:1px solid var(--faint)}
table.models td.path{max-width:300px;overflow-wrap:anywhere}
code.pre{white-space:pre-wrap}
.none{color:var(--muted);font-style:italic}
.dec .elements{grid-column:1/-1;font-size:11.5px;line-height:1.7;color:var(--muted);margin-top:-6px}
.dec .elements b{font-weight:600;color:var(--ink);margin-right:2px}
.el{display:inline-block;padding:0 5px;margin:0 2px;border-radius:3px;color:var(--ink);white-space:nowrap}
.el.exact{background:#d9f0df}.el.synonym{background:#dcebf8}.el.soft{background:#fdf0d2}
.el.none{background:#f1f2f4;color:#8a919d;text-decoration:line-through}
.notes{background:#fff8e6;border-left:3px solid #e6a700;padding:10px 14px;margin:14px 0;font-size:13px}
.notes p{margin:3px 0}
footer{margin-top:48px;padding-top:10px;border-top:1px solid var(--rule);color:var(--muted);font-size:12px}
@page{size:A4;margin:14mm}
@media print{main{padding:0;max-width:none}h2{break-after:avoid}}
)css";

std::string attr(const std::string &text)
{
    return HtmlReportWriter::escape(text);
}

std::string swatch(std::size_t result)
{
    return "<span class=\"swatch\" style=\"background:" + S::hexColour(result) + "\"></span>";
}

std::string fmt(double value, const char *format);

// CAPTURE's elements of one decoded caption, each marked by how the references confirm it (its best match).
std::string elementsRow(const eval::CaptureTrial &trial)
{
    const auto elements = eval::confirmedElements(trial);
    std::string html = "<span class=\"elements\">";
    for (const auto type : {eval::ElementType::Object, eval::ElementType::Attribute, eval::ElementType::Relation}) {
        std::string items;
        for (const auto &element : elements) {
            if (element.type != type)
                continue;
            const std::string stage = eval::matchStageName(element.match);
            std::string title = stage;
            if (element.match == eval::MatchStage::Soft)
                title += " match, cosine " + fmt(element.credit, "%.2f");
            else if (element.match == eval::MatchStage::None)
                title = "not in the references";
            else
                title += " match";
            items += "<span class=\"el " + stage + "\" title=\"" + attr(title) + "\">" + attr(element.text) + "</span>";
        }
        html += "<b>" + std::string(eval::elementTypeName(type)) + "s</b>" +
                (items.empty() ? std::string("<span class=\"none\">none</span>") : items) + " ";
    }
    return html + "</span>";
}

std::string fmt(double value, const char *format)
{
    char text[32];
    std::snprintf(text, sizeof text, format, value);
    return text;
}

// All scores in one SVG, one small bar chart (panel) per score with its own axis, every bar labelled with its value;
// the SVG scales with the page.
std::string charts(const CaptionReport &report)
{
    const std::size_t panels = report.scoreNames.size(), n = report.results.size();
    const double panelWidth = 160, gap = 22, height = 176, top = 40, bottom = 150;
    const double width = panelWidth * static_cast<double>(panels) + gap * static_cast<double>(panels - 1);
    std::string svg = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + fmt(width, "%.0f") +
                      " " + fmt(height, "%.0f") +
                      "\" role=\"img\" aria-label=\"corpus scores per result\" "
                      "font-family=\"Helvetica Neue,Helvetica,Arial,Liberation Sans,sans-serif\">";
    for (std::size_t s = 0; s < panels; ++s) {
        const double left = (panelWidth + gap) * static_cast<double>(s), right = left + panelWidth;
        double maximum = 0;
        for (const auto &r : report.results)
            maximum = std::max(maximum, r.evaluation.corpus[s] * 100);
        const double axis = S::niceCeiling(maximum);
        const double slot = panelWidth / static_cast<double>(n), bar = std::min(34.0, slot * 0.66);
        svg += "<text x=\"" + fmt((left + right) / 2, "%.1f") +
               "\" y=\"15\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"700\" fill=\"#1b2130\">" +
               attr(report.scoreNames[s]) + "</text>";
        // The axis end as a faint dashed gridline with its value, so bar heights can be read across panels.
        svg += "<line x1=\"" + fmt(left, "%.1f") + "\" x2=\"" + fmt(right, "%.1f") + "\" y1=\"" + fmt(top, "%.1f") +
               "\" y2=\"" + fmt(top, "%.1f") + "\" stroke=\"#d5dae1\" stroke-dasharray=\"3 3\"/>";
        svg += "<text x=\"" + fmt(right, "%.1f") + "\" y=\"" + fmt(top - 5, "%.1f") +
               "\" text-anchor=\"end\" font-size=\"10\" fill=\"#8a919d\">" + fmt(axis, "%g") + "</text>";
        for (std::size_t r = 0; r < n; ++r) {
            const double value = report.results[r].evaluation.corpus[s] * 100;
            const double h = std::max(0.0, value / axis * (bottom - top));
            const double x = left + slot * (static_cast<double>(r) + 0.5) - bar / 2;
            svg += "<rect x=\"" + fmt(x, "%.1f") + "\" y=\"" + fmt(bottom - h, "%.1f") + "\" width=\"" +
                   fmt(bar, "%.1f") + "\" height=\"" + fmt(h, "%.1f") + "\" fill=\"" + S::hexColour(r) + "\"><title>" +
                   attr(report.results[r].label) + ": " + S::leaderboard(value / 100) + "</title></rect>";
            // The value above its bar, on white so that the axis-end line never runs through it.
            const double labelWidth = (n > 3 ? 26 : 32);
            svg += "<rect x=\"" + fmt(x + bar / 2 - labelWidth / 2, "%.1f") + "\" y=\"" +
                   fmt(bottom - h - (n > 3 ? 14 : 16), "%.1f") + "\" width=\"" + fmt(labelWidth, "%.1f") +
                   "\" height=\"" + (n > 3 ? "11" : "13") + "\" fill=\"#fff\"/>";
            svg += "<text x=\"" + fmt(x + bar / 2, "%.1f") + "\" y=\"" + fmt(bottom - h - 5, "%.1f") +
                   "\" text-anchor=\"middle\" font-size=\"" + (n > 3 ? "9" : "11") + "\" fill=\"#1b2130\">" +
                   S::leaderboard(value / 100) + "</text>";
        }
        svg += "<line x1=\"" + fmt(left, "%.1f") + "\" x2=\"" + fmt(right, "%.1f") + "\" y1=\"" + fmt(bottom, "%.1f") +
               "\" y2=\"" + fmt(bottom, "%.1f") + "\" stroke=\"#1b2130\" stroke-width=\"1\"/>";
    }
    return svg + "</svg>";
}

void corpusSection(std::string &h, const CaptionReport &report)
{
    const auto best = S::bestResultPerScore(report);
    h += "<section id=\"corpus\"><h2><span class=\"num\">1</span>Corpus scores</h2>\n";
    h += "<p class=\"lead\">Each result scored against " + S::thousands(report.referenceCaptions) +
         " reference captions of " + S::thousands(report.referenceTrials) +
         " trials. Values &times;100, the unit of the BrainHub leaderboard; the best value of each column is in "
         "bold.</p>\n";
    h += "<table class=\"booktabs corpus\"><thead><tr><th>Result</th><th class=\"n\">Trials</th>";
    for (const auto &name : report.scoreNames)
        h += "<th class=\"n\">" + attr(name) + "</th>";
    h += "</tr></thead><tbody>\n";
    for (std::size_t r = 0; r < report.results.size(); ++r) {
        const auto &result = report.results[r];
        h += "<tr><td class=\"label\">" + swatch(r) + attr(result.label) + "</td><td class=\"n\">" +
             S::thousands(result.evaluation.ids.size()) + "</td>";
        for (std::size_t s = 0; s < report.scoreNames.size(); ++s)
            h += std::string("<td class=\"n") + (best[s] == static_cast<int>(r) ? " best" : "") + "\">" +
                 S::leaderboard(result.evaluation.corpus[s]) + "</td>";
        h += "</tr>\n";
    }
    h += "</tbody><caption><b>Table 1.</b> Corpus caption scores (&times;100) over each result's scored trials; "
         "how they are computed: Section 4.</caption></table>\n";

    h += "<div class=\"legend\">";
    for (std::size_t r = 0; r < report.results.size(); ++r)
        h += "<span>" + swatch(r) + attr(report.results[r].label) + "</span>";
    h += "</div>\n<figure>" + charts(report) +
         "<figcaption><b>Figure 1.</b> Corpus scores per result (&times;100); each panel has its own axis, "
         "the dashed line marks its end.</figcaption></figure></section>\n";
}

void trialSection(std::string &h, const CaptionReport &report)
{
    const auto columns = report.perTrialScores();
    const bool thumbnails = !report.stimulusSource.empty();
    h += "<section id=\"trials\"><h2><span class=\"num\">2</span>Trials</h2>\n<p class=\"lead\">";
    h += S::thousands(report.trials.size()) + " of " + S::thousands(report.referenceTrials) + " trials" +
         (report.trialSelection.empty() ? std::string()
                                        : " (selection <code>" + attr(report.trialSelection) + "</code>)") +
         ", each with its reference captions and every result's decoded caption; scores per trial &times;100." +
         (thumbnails ? " Stimuli: " + attr(report.stimulusSource) + "." : std::string()) +
         (report.hasElements()
              ? " Below each caption, its CAPTURE elements (objects, attributes, relations) by how the references "
                "confirm them: <span class=\"el exact\">exact</span><span class=\"el synonym\">WordNet "
                "synonym</span><span class=\"el soft\">soft (embedding cosine)</span><span class=\"el "
                "none\">unmatched</span>."
              : std::string()) +
         "</p>\n";
    // The results of a trial share one grid cell, so their rows stay together at the top however long the
    // references are; header and rows use the same grid columns, so the scores line up down the table.
    // A long result label wraps within its column (at most 14em) instead of running over the caption.
    const std::string grid = "style=\"grid-template-columns:minmax(84px,max-content) minmax(12em,1fr) repeat(" +
                             std::to_string(columns.size()) + ",58px)\"";
    h += "<table class=\"trials\"><colgroup><col class=\"c-trial\">";
    if (thumbnails)
        h += "<col class=\"c-stim\">";
    h += "<col class=\"c-refs\"><col></colgroup>\n<thead><tr><th>Trial</th>";
    if (thumbnails)
        h += "<th>Stimulus</th>";
    h += "<th>References</th><th><div class=\"dec\" " + grid + "><span>Result</span><span>Decoded caption</span>";
    for (std::size_t c : columns)
        h += "<span class=\"n\">" + attr(report.scoreNames[c]) + "</span>";
    h += "</div></th></tr></thead>\n";
    for (const auto &trial : report.trials) {
        h += "<tbody><tr><td class=\"trial\">" + attr(trial.id) + "</td>";
        if (thumbnails) {
            h += "<td class=\"stim\">";
            if (!trial.thumbnail.empty())
                h += "<img alt=\"stimulus of trial " + attr(trial.id) + "\" width=\"" +
                     std::to_string(trial.thumbnail.width) + "\" height=\"" + std::to_string(trial.thumbnail.height) +
                     "\" src=\"data:image/jpeg;base64," + S::base64(trial.thumbnail.jpeg) + "\">";
            h += "<div class=\"src\">" + attr(trial.stimulus) + "</div></td>";
        }
        h += "<td class=\"refs\"><ol>";
        for (const auto &reference : trial.references)
            h += "<li>" + attr(reference) + "</li>";
        h += "</ol></td><td><div class=\"dec\" " + grid + ">";
        for (std::size_t r = 0; r < report.results.size(); ++r) {
            const auto &result = report.results[r];
            h += "<span class=\"label\">" + swatch(r) + attr(result.label) + "</span>";
            const long row = result.row(trial.id);
            if (row < 0) {
                h += "<span class=\"missing\">not decoded</span>";
                for (std::size_t c = 0; c < columns.size(); ++c)
                    h += "<span class=\"n\">&ndash;</span>";
                continue;
            }
            const auto k = static_cast<std::size_t>(row);
            h += "<span class=\"cap\">" + attr(result.evaluation.candidates[k]) + "</span>";
            for (std::size_t c : columns)
                h += "<span class=\"n\">" + S::perTrial(result.evaluation.perTrial[k][c]) + "</span>";
            if (k < result.evaluation.captureTrials.size())
                h += elementsRow(result.evaluation.captureTrials[k]);
        }
        h += "</div></td></tr></tbody>\n";
    }
    h += "</table></section>\n";
}

void kv(std::string &h, const std::string &key, const std::string &valueHtml)
{
    h += "<dt>" + attr(key) + "</dt><dd>" + valueHtml + "</dd>";
}

std::string fieldList(const std::vector<ManifestField> &fields)
{
    std::string html;
    for (std::size_t i = 0; i < fields.size(); ++i)
        html += (i ? ", " : "") + attr(fields[i].first) + " = <code>" + attr(fields[i].second) + "</code>";
    return html;
}

void manifestSection(std::string &h, const CaptionReport &report)
{
    h += "<section id=\"runs\"><h2><span class=\"num\">3</span>Runs</h2>\n<p class=\"lead\">What produced each result: "
         "the "
         "run manifest beside the results file (models and the SHA-256 of their weights, prompt, decoding "
         "settings, device, versions).</p>\n";
    for (std::size_t r = 0; r < report.results.size(); ++r) {
        const auto &result = report.results[r];
        const auto &m = result.manifest;
        h += "<h3>" + swatch(r) + attr(result.label) + "</h3><dl class=\"kv\">";
        kv(h, "Results",
           "<code>" + attr(result.resultsPath) + "</code> (" + S::thousands(result.captionCount) + " captions, " +
               S::thousands(result.evaluation.ids.size()) + " scored)");
        if (!m.found()) {
            kv(h, "Manifest", "<span class=\"none\">no manifest (nothing beside the results file)</span>");
            h += "</dl>\n";
            continue;
        }
        kv(h, "Manifest", "<code>" + attr(m.path) + "</code>");
        if (!m.problem.empty())
            kv(h, "Problem", attr(m.problem));
        if (!m.created.empty())
            kv(h, "Created", attr(m.created));
        if (!m.command.empty())
            kv(h, "Command", "<code>" + attr(m.command) + "</code>");
        if (!m.run.empty())
            kv(h, "Run", fieldList(m.run));
        if (!m.prompt.empty())
            kv(h, "Prompt", "&ldquo;" + attr(m.prompt) + "&rdquo;");
        if (!m.promptText.empty())
            kv(h, "Prompt as fed", "<code class=\"pre\">" + attr(m.promptText) + "</code>");
        if (!m.decoding.empty())
            kv(h, "Decoding", fieldList(m.decoding));
        if (!m.device.empty() || !m.dtype.empty())
            kv(h, "Device", attr(m.device) + (m.dtype.empty() ? "" : " &middot; " + attr(m.dtype)));
        if (!m.versions.empty())
            kv(h, "Versions", fieldList(m.versions));
        if (!m.other.empty())
            kv(h, "Other", fieldList(m.other));
        h += "</dl>\n";
        if (!m.models.empty()) {
            // One row per weight file: which exact bytes made the captions.
            h += "<table class=\"models\"><thead><tr><th>Role</th><th>Model</th><th>File</th><th class=\"n\">Size"
                 "</th><th>SHA-256</th></tr></thead><tbody>";
            for (const auto &model : m.models) {
                const std::string what =
                    attr(model.name.empty() ? model.path : model.name) +
                    (model.name.empty() || model.path.empty() ? std::string()
                                                              : "<br><code>" + attr(model.path) + "</code>");
                const std::size_t rows = std::max<std::size_t>(1, model.files.size());
                const std::string span = rows > 1 ? " rowspan=\"" + std::to_string(rows) + "\"" : "";
                h += "<tr class=\"model\"><td" + span + ">" + attr(model.role) + "</td><td class=\"path\"" + span +
                     "><code>" + what + "</code></td>";
                if (model.files.empty()) {
                    h += "<td></td><td></td><td><code>" +
                         (model.sha256.empty() ? std::string("&ndash;") : attr(model.sha256)) + "</code></td></tr>";
                    continue;
                }
                for (std::size_t f = 0; f < model.files.size(); ++f) {
                    const auto &file = model.files[f];
                    if (f > 0)
                        h += "<tr>";
                    h += "<td><code>" + attr(file.name) + "</code></td><td class=\"n\">" + S::bytes(file.bytes) +
                         "</td><td><code>" + (file.sha256.empty() ? std::string("&ndash;") : attr(file.sha256)) +
                         "</code></td></tr>";
                }
            }
            h += "</tbody></table>\n";
        }
    }
    h += "</section>\n";
}

void exactSection(std::string &h, const CaptionReport &report)
{
    h += "<section id=\"exact\"><h2><span class=\"num\">4</span>Method and exact values</h2>\n<p class=\"lead\">" +
         attr(S::methodNote()) +
         " The corpus scores as fractions with ten decimals, for comparison with published "
         "values (BrainHub lists its reference values this way):</p>\n<table class=\"booktabs "
         "exact\"><thead><tr><th>Result</th><th>File</th>";
    for (const auto &name : report.scoreNames)
        h += "<th class=\"n\">" + attr(name) + "</th>";
    h += "</tr></thead><tbody>\n";
    for (std::size_t r = 0; r < report.results.size(); ++r) {
        const auto &result = report.results[r];
        h += "<tr><td class=\"label\">" + swatch(r) + attr(result.label) + "</td><td><code>" +
             attr(S::fileName(result.resultsPath)) + "</code></td>";
        for (double v : result.evaluation.corpus)
            h += "<td class=\"n mono\">" + S::exact(v) + "</td>";
        h += "</tr>\n";
    }
    h += "</tbody><caption><b>Table 2.</b> Corpus scores as fractions. References: <code>" +
         attr(report.referencesPath) + "</code>.</caption></table></section>\n";
}

} // namespace

std::string HtmlReportWriter::escape(std::string_view text)
{
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string HtmlReportWriter::toHtml(const CaptionReport &report)
{
    std::string h = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<meta name=\"viewport\" "
                    "content=\"width=device-width,initial-scale=1\">\n<meta name=\"generator\" content=\"" +
                    attr(report.generator) + "\">\n<title>" + attr(report.title) + "</title>\n<style>" + kCss +
                    "</style></head>\n<body><main>\n<header><h1>" + attr(report.title) + "</h1>\n";
    std::string labels;
    for (std::size_t r = 0; r < report.results.size(); ++r)
        labels += (r ? ", " : "") + attr(report.results[r].label);
    h += "<p class=\"meta\"><b>" + std::to_string(report.results.size()) +
         (report.results.size() == 1 ? " result" : " results") + "</b>: " + labels + "</p>\n";
    h += "<p class=\"meta\"><b>References</b>: <code>" + attr(report.referencesPath) + "</code> (" +
         S::thousands(report.referenceTrials) + " trials, " + S::thousands(report.referenceCaptions) +
         " captions)</p>\n";
    h += "<p class=\"meta\"><b>Generated</b>: " + attr(report.created) + " by " + attr(report.generator) + "</p>\n";
    h += "</header>\n";
    if (!report.notes.empty()) {
        h += "<div class=\"notes\">";
        for (const auto &note : report.notes)
            h += "<p>" + attr(note) + "</p>";
        h += "</div>\n";
    }
    corpusSection(h, report);
    trialSection(h, report);
    manifestSection(h, report);
    exactSection(h, report);
    h += "<footer>" + attr(report.title) + " &middot; " + attr(report.generator) + " &middot; " + attr(report.created) +
         "</footer>\n</main></body></html>\n";
    return h;
}

void HtmlReportWriter::write(const CaptionReport &report, const std::string &path)
{
    io::AtomicFile file(path);
    file.write(toHtml(report));
    file.commit();
}

} // namespace vindex::report
