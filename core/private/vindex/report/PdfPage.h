#pragma once
// One page of a PdfDocument: a content stream built with top-left coordinates in points (y grows downwards, as
// layout code thinks), converted to PDF's bottom-left user space as it is written.
#include "vindex/report/PdfFontMetrics.h"

#include <set>
#include <string>
#include <string_view>

namespace vindex::report {

struct PdfColor {
    double r = 0, g = 0, b = 0; // 0..1
    static PdfColor rgb(int r, int g, int b) { return {r / 255.0, g / 255.0, b / 255.0}; }
};

class PdfPage {
public:
    PdfPage(double width, double height) : m_width(width), m_height(height) {}

    double width() const { return m_width; }
    double height() const { return m_height; }

    // Text with its baseline at y; UTF-8, written in WinAnsi (see PdfFontMetrics).
    void text(double x, double y, std::string_view utf8, PdfFont font, double size, PdfColor color = {});
    void textRight(double right, double y, std::string_view utf8, PdfFont font, double size, PdfColor color = {});
    void textCentered(double centre, double y, std::string_view utf8, PdfFont font, double size, PdfColor color = {});
    void fillRect(double x, double y, double w, double h, PdfColor color);
    void strokeRect(double x, double y, double w, double h, double lineWidth, PdfColor color);
    void line(double x1, double y1, double x2, double y2, double lineWidth, PdfColor color);
    // Draws image `imageIndex` of the document (PdfDocument::addJpeg) into the box.
    void image(int imageIndex, double x, double y, double w, double h);

    const std::string &content() const { return m_content; }
    const std::set<int> &images() const { return m_images; }

    // A PDF literal string "(...)" for WinAnsi bytes: \, ( and ) escaped, bytes outside printable ASCII as \ooo.
    static std::string literal(std::string_view bytes);

private:
    double pdfY(double y) const { return m_height - y; }

    double m_width, m_height;
    std::string m_content;
    std::set<int> m_images;
};

} // namespace vindex::report
