#include "vindex/report/PdfFontMetrics.h"

#include <array>
#include <cstdint>

namespace vindex::report {
namespace {

// Advance widths (1/1000 em) of WinAnsi codes 32..255 from Adobe's Core14 AFM files; 0 = no glyph at that code.
constexpr std::array<uint16_t, 224> kHelvetica = {
    278,  278, 355, 556, 556, 889,  667,  191,  333, 333,  389, 584, 278,  333, 278, 278, // 32
    556,  556, 556, 556, 556, 556,  556,  556,  556, 556,  278, 278, 584,  584, 584, 556, // 48
    1015, 667, 667, 722, 722, 667,  611,  778,  722, 278,  500, 667, 556,  833, 722, 778, // 64
    667,  778, 722, 667, 611, 722,  667,  944,  667, 667,  611, 278, 278,  278, 469, 556, // 80
    333,  556, 556, 500, 556, 556,  278,  556,  556, 222,  222, 500, 222,  833, 556, 556, // 96
    556,  556, 333, 500, 278, 556,  500,  722,  500, 500,  500, 334, 260,  334, 584, 0,   // 112
    556,  0,   222, 556, 333, 1000, 556,  556,  333, 1000, 667, 333, 1000, 0,   611, 0,   // 128
    0,    222, 222, 333, 333, 350,  556,  1000, 333, 1000, 500, 333, 944,  0,   500, 667, // 144
    278,  333, 556, 556, 556, 556,  260,  556,  333, 737,  370, 556, 584,  333, 737, 333, // 160
    400,  584, 333, 333, 333, 556,  537,  278,  333, 333,  365, 556, 834,  834, 834, 611, // 176
    667,  667, 667, 667, 667, 667,  1000, 722,  667, 667,  667, 667, 278,  278, 278, 278, // 192
    722,  722, 778, 778, 778, 778,  778,  584,  778, 722,  722, 722, 722,  667, 667, 611, // 208
    556,  556, 556, 556, 556, 556,  889,  500,  556, 556,  556, 556, 278,  278, 278, 278, // 224
    556,  556, 556, 556, 556, 556,  556,  584,  611, 556,  556, 556, 556,  500, 556, 500, // 240
};

constexpr std::array<uint16_t, 224> kHelveticaBold = {
    278, 333, 474, 556, 556, 889,  722,  238,  333, 333,  389, 584, 278,  333, 278, 278, // 32
    556, 556, 556, 556, 556, 556,  556,  556,  556, 556,  333, 333, 584,  584, 584, 611, // 48
    975, 722, 722, 722, 722, 667,  611,  778,  722, 278,  556, 722, 611,  833, 722, 778, // 64
    667, 778, 722, 667, 611, 722,  667,  944,  667, 667,  611, 333, 278,  333, 584, 556, // 80
    333, 556, 611, 556, 611, 556,  333,  611,  611, 278,  278, 556, 278,  889, 611, 611, // 96
    611, 611, 389, 556, 333, 611,  556,  778,  556, 556,  500, 389, 280,  389, 584, 0,   // 112
    556, 0,   278, 556, 500, 1000, 556,  556,  333, 1000, 667, 333, 1000, 0,   611, 0,   // 128
    0,   278, 278, 500, 500, 350,  556,  1000, 333, 1000, 556, 333, 944,  0,   500, 667, // 144
    278, 333, 556, 556, 556, 556,  280,  556,  333, 737,  370, 556, 584,  333, 737, 333, // 160
    400, 584, 333, 333, 333, 611,  556,  278,  333, 333,  365, 556, 834,  834, 834, 611, // 176
    722, 722, 722, 722, 722, 722,  1000, 722,  667, 667,  667, 667, 278,  278, 278, 278, // 192
    722, 722, 778, 778, 778, 778,  778,  584,  778, 722,  722, 722, 722,  667, 667, 611, // 208
    556, 556, 556, 556, 556, 556,  889,  556,  556, 556,  556, 556, 278,  278, 278, 278, // 224
    611, 611, 611, 611, 611, 611,  611,  584,  611, 611,  611, 611, 611,  556, 611, 556, // 240
};

// Code points of cp1252's 0x80..0x9F row (0 = unassigned there).
constexpr std::array<uint16_t, 32> kWinAnsiHigh = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                                   0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                                   0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                                   0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

// Appends the WinAnsi form of a code point; a few common symbols outside it get an ASCII spelling ("->").
void appendWinAnsi(std::string &out, uint32_t codePoint)
{
    if (codePoint < 0x20 || codePoint == 0x7F) {
        out += ' '; // tabs, newlines: text is laid out by us, not by control characters
        return;
    }
    if (codePoint < 0x80 || (codePoint >= 0xA0 && codePoint <= 0xFF)) {
        out += static_cast<char>(codePoint);
        return;
    }
    for (std::size_t i = 0; i < kWinAnsiHigh.size(); ++i)
        if (kWinAnsiHigh[i] == codePoint) {
            out += static_cast<char>(0x80 + i);
            return;
        }
    switch (codePoint) {
    case 0x2212:
    case 0x2010:
    case 0x2011: out += '-'; return; // minus sign, hyphens
    case 0x2009:
    case 0x202F:
    case 0x2002:
    case 0x2003: out += ' '; return; // thin and wide spaces
    case 0x2192: out += "->"; return;
    case 0x2190: out += "<-"; return;
    case 0x2264: out += "<="; return;
    case 0x2265: out += ">="; return;
    case 0x2248: out += '~'; return;
    default: out += '?';
    }
}

// Decodes one UTF-8 sequence at text[i]; advances i. Invalid sequences yield U+FFFD and advance one byte.
uint32_t nextCodePoint(std::string_view text, std::size_t &i)
{
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    int length = 0;
    uint32_t cp = 0;
    if (lead < 0x80) {
        ++i;
        return lead;
    } else if ((lead & 0xE0) == 0xC0) {
        length = 2;
        cp = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        cp = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        cp = lead & 0x07;
    } else {
        ++i;
        return 0xFFFD;
    }
    if (i + length > text.size()) {
        ++i;
        return 0xFFFD;
    }
    for (int k = 1; k < length; ++k) {
        const unsigned char c = byte(i + k);
        if ((c & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (c & 0x3F);
    }
    i += length;
    return cp;
}

double widthOfWinAnsi(PdfFont font, std::string_view bytes, double size)
{
    if (font == PdfFont::Courier)
        return 0.6 * size * static_cast<double>(bytes.size());
    const auto &table = font == PdfFont::HelveticaBold ? kHelveticaBold : kHelvetica; // Oblique = Regular widths
    double units = 0;
    for (char c : bytes) {
        const auto code = static_cast<unsigned char>(c);
        units += code >= 32 ? table[code - 32] : 0;
    }
    return units * size / 1000.0;
}

} // namespace

const char *PdfFontMetrics::baseFontName(PdfFont font)
{
    switch (font) {
    case PdfFont::Helvetica: return "Helvetica";
    case PdfFont::HelveticaBold: return "Helvetica-Bold";
    case PdfFont::HelveticaOblique: return "Helvetica-Oblique";
    case PdfFont::Courier: return "Courier";
    }
    return "Helvetica";
}

std::string PdfFontMetrics::toWinAnsi(std::string_view utf8)
{
    std::string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();)
        appendWinAnsi(out, nextCodePoint(utf8, i));
    return out;
}

double PdfFontMetrics::width(PdfFont font, std::string_view utf8, double size)
{
    return widthOfWinAnsi(font, toWinAnsi(utf8), size);
}

std::vector<std::string> PdfFontMetrics::wrap(PdfFont font, std::string_view utf8, double size, double maxWidth)
{
    std::vector<std::string> lines;
    std::string line;
    const auto fits = [&](const std::string &text) { return width(font, text, size) <= maxWidth; };
    std::size_t pos = 0;
    while (pos < utf8.size()) {
        while (pos < utf8.size() && utf8[pos] == ' ')
            ++pos;
        if (pos >= utf8.size())
            break;
        std::size_t end = utf8.find(' ', pos);
        if (end == std::string_view::npos)
            end = utf8.size();
        std::string word(utf8.substr(pos, end - pos));
        pos = end;
        const std::string candidate = line.empty() ? word : line + " " + word;
        if (fits(candidate)) {
            line = candidate;
            continue;
        }
        if (!line.empty())
            lines.push_back(std::move(line));
        line.clear();
        // A word longer than the line: cut it between characters.
        while (!fits(word)) {
            std::size_t cut = 0, next = 0;
            while (next < word.size()) {
                std::size_t probe = next;
                nextCodePoint(word, probe);
                if (!fits(word.substr(0, probe)) && cut > 0)
                    break;
                cut = next = probe;
            }
            lines.push_back(word.substr(0, cut));
            word = word.substr(cut);
            if (word.empty())
                break;
        }
        line = word;
    }
    if (!line.empty() || lines.empty())
        lines.push_back(line);
    return lines;
}

std::string PdfFontMetrics::elide(PdfFont font, std::string_view utf8, double size, double maxWidth)
{
    if (width(font, utf8, size) <= maxWidth)
        return std::string(utf8);
    const std::string ellipsis = "\xE2\x80\xA6";
    std::string kept;
    for (std::size_t i = 0; i < utf8.size();) {
        std::size_t probe = i;
        nextCodePoint(utf8, probe);
        const std::string longer(utf8.substr(0, probe));
        if (width(font, longer + ellipsis, size) > maxWidth)
            break;
        kept = longer;
        i = probe;
    }
    return kept + ellipsis;
}

} // namespace vindex::report
