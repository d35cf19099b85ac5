#include "vindex/report/PdfPage.h"

#include <cstdio>

namespace vindex::report {
namespace {

// Two decimals are 1/7200 in: finer than any printer, and the content stays short and deterministic.
std::string num(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.2f", value);
    std::string s = text;
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0')
            s.pop_back();
        if (s.back() == '.')
            s.pop_back();
    }
    return s == "-0" ? "0" : s;
}

std::string colour(PdfColor c, const char *op)
{
    return num(c.r) + " " + num(c.g) + " " + num(c.b) + " " + op + "\n";
}

int fontNumber(PdfFont font)
{
    return static_cast<int>(font) + 1; // /F1.. in the page resources (PdfDocument)
}

} // namespace

std::string PdfPage::literal(std::string_view bytes)
{
    std::string out = "(";
    for (char c : bytes) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '\\' || c == '(' || c == ')') {
            out += '\\';
            out += c;
        } else if (u < 32 || u > 126) {
            char octal[8];
            std::snprintf(octal, sizeof octal, "\\%03o", u);
            out += octal;
        } else {
            out += c;
        }
    }
    return out + ")";
}

void PdfPage::text(double x, double y, std::string_view utf8, PdfFont font, double size, PdfColor color)
{
    const std::string bytes = PdfFontMetrics::toWinAnsi(utf8);
    if (bytes.empty())
        return;
    m_content += colour(color, "rg") + "BT /F" + std::to_string(fontNumber(font)) + " " + num(size) + " Tf " + num(x) +
                 " " + num(pdfY(y)) + " Td " + literal(bytes) + " Tj ET\n";
}

void PdfPage::textRight(double right, double y, std::string_view utf8, PdfFont font, double size, PdfColor color)
{
    text(right - PdfFontMetrics::width(font, utf8, size), y, utf8, font, size, color);
}

void PdfPage::textCentered(double centre, double y, std::string_view utf8, PdfFont font, double size, PdfColor color)
{
    text(centre - PdfFontMetrics::width(font, utf8, size) / 2, y, utf8, font, size, color);
}

void PdfPage::fillRect(double x, double y, double w, double h, PdfColor color)
{
    m_content += colour(color, "rg") + num(x) + " " + num(pdfY(y + h)) + " " + num(w) + " " + num(h) + " re f\n";
}

void PdfPage::strokeRect(double x, double y, double w, double h, double lineWidth, PdfColor color)
{
    m_content += colour(color, "RG") + num(lineWidth) + " w " + num(x) + " " + num(pdfY(y + h)) + " " + num(w) + " " +
                 num(h) + " re S\n";
}

void PdfPage::line(double x1, double y1, double x2, double y2, double lineWidth, PdfColor color)
{
    m_content += colour(color, "RG") + num(lineWidth) + " w " + num(x1) + " " + num(pdfY(y1)) + " m " + num(x2) + " " +
                 num(pdfY(y2)) + " l S\n";
}

void PdfPage::image(int imageIndex, double x, double y, double w, double h)
{
    m_images.insert(imageIndex);
    m_content += "q " + num(w) + " 0 0 " + num(h) + " " + num(x) + " " + num(pdfY(y + h)) + " cm /Im" +
                 std::to_string(imageIndex) + " Do Q\n";
}

} // namespace vindex::report
