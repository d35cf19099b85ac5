#include "ReportStyle.h"

#include <utility>

#include <charconv>
#include <cmath>
#include <cstdio>

namespace vindex::report {

std::array<int, 3> ReportStyle::colour(std::size_t result)
{
    static constexpr std::array<std::array<int, 3>, 8> kPalette = {{
        {0, 114, 178},   // blue
        {213, 94, 0},    // vermillion
        {0, 158, 115},   // bluish green
        {204, 121, 167}, // reddish purple
        {230, 159, 0},   // orange
        {86, 180, 233},  // sky blue
        {120, 120, 120}, // grey
        {170, 145, 30},  // ochre
    }};
    return kPalette[result % kPalette.size()];
}

std::string ReportStyle::hexColour(std::size_t result)
{
    const auto c = colour(result);
    char text[8];
    std::snprintf(text, sizeof text, "#%02x%02x%02x", c[0], c[1], c[2]);
    return text;
}

std::string ReportStyle::leaderboard(double fraction)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", fraction * 100.0);
    return text;
}

std::string ReportStyle::perTrial(double fraction)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", fraction * 100.0);
    return text;
}

std::string ReportStyle::exact(double fraction)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.10f", fraction);
    return text;
}

std::string ReportStyle::roundTrip(double value)
{
    char text[32];
    const auto [end, ec] = std::to_chars(text, text + sizeof text, value);
    return ec == std::errc() ? std::string(text, end) : std::string("nan");
}

std::vector<int> ReportStyle::bestResultPerScore(const CaptionReport &report)
{
    std::vector<int> best(report.scoreNames.size(), -1);
    if (report.results.size() < 2)
        return best;
    for (std::size_t s = 0; s < report.scoreNames.size(); ++s) {
        double top = -1;
        for (std::size_t r = 0; r < report.results.size(); ++r) {
            const double v = report.results[r].evaluation.corpus[s];
            if (v > top) {
                top = v;
                best[s] = static_cast<int>(r);
            }
        }
    }
    return best;
}

double ReportStyle::niceCeiling(double value)
{
    if (!(value > 0))
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (double step : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (value <= step * magnitude + 1e-9)
            return step * magnitude;
    return 10 * magnitude;
}

std::string ReportStyle::fileName(const std::string &path)
{
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string ReportStyle::base64(const std::string &bytes)
{
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 | static_cast<unsigned char>(bytes[i + 1]) << 8 |
                           static_cast<unsigned char>(bytes[i + 2]);
        out += kAlphabet[v >> 18];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
        out += kAlphabet[v & 63];
    }
    if (i + 1 == bytes.size()) {
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
        out += kAlphabet[v >> 18];
        out += kAlphabet[(v >> 12) & 63];
        out += "==";
    } else if (i + 2 == bytes.size()) {
        const unsigned v = static_cast<unsigned char>(bytes[i]) << 16 | static_cast<unsigned char>(bytes[i + 1]) << 8;
        out += kAlphabet[v >> 18];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
        out += '=';
    }
    return out;
}

std::string ReportStyle::bytes(int64_t size)
{
    if (size < 0)
        return {};
    if (size < 1000)
        return std::to_string(size) + " B";
    const char *units[] = {"kB", "MB", "GB", "TB"};
    double value = static_cast<double>(size);
    int unit = -1;
    while (value >= 1000 && unit < 3) {
        value /= 1000;
        ++unit;
    }
    char text[32];
    std::snprintf(text, sizeof text, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    return text;
}

std::string ReportStyle::thousands(std::size_t value)
{
    const std::string digits = std::to_string(value);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0)
            out += ',';
        out += digits[i];
    }
    return out;
}

std::string ReportStyle::shortScoreName(const std::string &name)
{
    for (const auto &[full, brief] :
         {std::pair<const char *, const char *>{"Object-", "Obj-"}, {"Attribute-", "Attr-"}, {"Relation-", "Rel-"}}) {
        const std::string prefix = full;
        if (name.rfind(prefix, 0) == 0)
            return brief + name.substr(prefix.size());
    }
    return name;
}

std::string ReportStyle::methodNote()
{
    return "Scores as BrainHub computes them: pycocoevalcap's scorers after the Stanford PTB tokenizer (lower-cased, "
           "punctuation removed). BLEU-1..4 are corpus BLEU with the closest reference length, ROUGE-L uses "
           "beta = 1.2, CIDEr is CIDEr-D (n = 1..4, sigma = 6, document frequencies from the references of the "
           "scored trials). Per-trial BLEU is the sentence-level value pycocoevalcap reports, per-trial CIDEr the "
           "trial's term of the corpus mean. Scores beyond BrainHub's n-gram metrics, when asked for, are computed as "
           "'vindex eval captions' computes them: METEOR (the jar's, with its paraphrase table, when METEOR's data "
           "is given), CAPTURE's element precision, recall and F1 per type and the CAPTURE score (the mean over a "
           "trial's references, corpus = mean over trials), SentenceS.";
}

} // namespace vindex::report
