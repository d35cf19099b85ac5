#pragma once
// The PDF standard fonts a report uses (Helvetica family and Courier, never embedded: every viewer has them) with
// their Adobe AFM advance widths, so that text can be measured, right-aligned and wrapped before it is placed.
// Text arrives as UTF-8 and is written in WinAnsiEncoding (cp1252); characters outside it become '?', control
// characters a space.
#include <string>
#include <string_view>
#include <vector>

namespace vindex::report {

enum class PdfFont { Helvetica, HelveticaBold, HelveticaOblique, Courier };

class PdfFontMetrics {
public:
    static const char *baseFontName(PdfFont font); // "Helvetica", "Helvetica-Bold", ...
    // UTF-8 → WinAnsi bytes (invalid UTF-8 bytes become '?').
    static std::string toWinAnsi(std::string_view utf8);
    // Advance width in points of UTF-8 text at `size` points.
    static double width(PdfFont font, std::string_view utf8, double size);
    // Greedy line breaking at spaces; a word wider than maxWidth is broken between characters. Lines keep UTF-8.
    static std::vector<std::string> wrap(PdfFont font, std::string_view utf8, double size, double maxWidth);
    // The longest prefix of the text that fits, with "…" appended when something was cut.
    static std::string elide(PdfFont font, std::string_view utf8, double size, double maxWidth);
};

} // namespace vindex::report
