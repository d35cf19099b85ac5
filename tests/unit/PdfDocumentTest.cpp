// The PDF writer: every xref entry points at its "N 0 obj", stream lengths are right, text is escaped and in
// WinAnsi, images pass through as DCTDecode, and the font metrics measure and wrap as Adobe's AFM widths say.
#include "vindex/report/PdfDocument.h"
#include "vindex/core/Error.h"
#include "vindex/io/ImageFile.h"
#include "vindex/report/PdfFontMetrics.h"

#include <gtest/gtest.h>

#include <regex>

using namespace vindex::report;

namespace {

// Checks the cross-reference table and the stream lengths; returns the number of objects.
std::size_t checkStructure(const std::string &pdf)
{
    EXPECT_EQ(pdf.rfind("%PDF-1.4\n", 0), 0u);
    EXPECT_EQ(pdf.substr(pdf.size() - 6), "%%EOF\n");
    const auto startxref = pdf.rfind("startxref\n");
    EXPECT_NE(startxref, std::string::npos);
    const std::size_t xref = std::stoul(pdf.substr(startxref + 10));
    EXPECT_EQ(pdf.compare(xref, 7, "xref\n0 "), 0) << "startxref does not point at the xref table";
    const std::size_t lineEnd = pdf.find('\n', xref + 5);
    const std::size_t count = std::stoul(pdf.substr(xref + 7, lineEnd - xref - 7));
    const std::size_t entries = lineEnd + 1;
    EXPECT_EQ(pdf.substr(entries, 20), "0000000000 65535 f \n");
    for (std::size_t n = 1; n < count; ++n) {
        const std::string entry = pdf.substr(entries + 20 * n, 20);
        EXPECT_EQ(entry.substr(10), " 00000 n \n") << "entry " << n;
        const std::size_t offset = std::stoul(entry.substr(0, 10));
        const std::string header = std::to_string(n) + " 0 obj\n";
        EXPECT_EQ(pdf.compare(offset, header.size(), header), 0) << "object " << n << " is not at " << offset;
    }
    EXPECT_EQ(pdf.compare(entries + 20 * count, 8, "trailer\n"), 0);
    EXPECT_NE(pdf.find("/Size " + std::to_string(count) + " "), std::string::npos);
    // Every stream is exactly /Length bytes long.
    const std::regex lengthThenStream(R"(/Length (\d+) >>\nstream\n)");
    for (auto it = std::sregex_iterator(pdf.begin(), pdf.end(), lengthThenStream); it != std::sregex_iterator(); ++it) {
        const std::size_t start = static_cast<std::size_t>(it->position(0) + it->length(0));
        const std::size_t length = std::stoul((*it)[1]);
        EXPECT_EQ(pdf.compare(start + length, 11, "\nendstream\n"), 0) << "stream at " << start;
    }
    return count - 1;
}

std::size_t occurrences(const std::string &text, const std::string &what)
{
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

} // namespace

TEST(PdfDocument, CrossReferenceOffsetsPointAtTheirObjects)
{
    PdfDocument document;
    document.setTitle("Bericht — Größe");
    vindex::io::RgbImage image(8, 4, {200, 30, 30});
    const int jpeg = document.addJpeg(vindex::io::ImageFile::encodeJpeg(image, "test"), 8, 4);
    for (int p = 0; p < 3; ++p) {
        auto &page = document.addPage();
        page.text(50, 60, "Page " + std::to_string(p + 1), PdfFont::HelveticaBold, 12);
        page.fillRect(50, 80, 100, 20, PdfColor::rgb(0, 114, 178));
        if (p == 1)
            page.image(jpeg, 50, 120, 80, 40);
    }
    for (bool compress : {true, false}) {
        document.setCompressContent(compress);
        const std::string pdf = document.toBytes();
        // catalog, pages, info, 4 fonts, 1 image, 3 × (page + content)
        EXPECT_EQ(checkStructure(pdf), 14u);
        EXPECT_NE(pdf.find("/Type /Pages /Count 3 /Kids [9 0 R 11 0 R 13 0 R]"), std::string::npos);
        EXPECT_EQ(occurrences(pdf, "/Type /Page /Parent 2 0 R"), 3u);
        EXPECT_EQ(occurrences(pdf, "/Filter /DCTDecode"), 1u);
        EXPECT_EQ(occurrences(pdf, "/XObject << /Im0 8 0 R >>"), 1u); // only the page that draws it
        EXPECT_EQ(occurrences(pdf, "/Filter /FlateDecode"), compress ? 3u : 0u);
        EXPECT_NE(pdf.find("/BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding"), std::string::npos);
    }
    EXPECT_NE(document.toBytes().find("(Page 2) Tj"), std::string::npos);
    // The title as UTF-16BE: "B" 0042 ... "—" 2014.
    EXPECT_NE(document.toBytes().find("/Title <FEFF00420065007200690063006800740020201400200047007200F6"),
              std::string::npos);
}

TEST(PdfDocument, EscapesTextAndWritesWinAnsi)
{
    EXPECT_EQ(PdfPage::literal("a (b) c\\d"), "(a \\(b\\) c\\\\d)");
    EXPECT_EQ(PdfPage::literal(std::string("\xE9\n", 2)), "(\\351\\012)");
    PdfDocument document;
    document.setCompressContent(false);
    auto &page = document.addPage();
    page.text(10, 20, "caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D (1) \xE2\x80\x93 \xE6\x97\xA5", PdfFont::Helvetica,
              9);
    const std::string pdf = document.toBytes();
    // é = \351, “ = \223, ” = \224, – = \226, a CJK character has no WinAnsi code: '?'.
    EXPECT_NE(pdf.find("(caf\\351 \\223quoted\\224 \\(1\\) \\226 ?) Tj"), std::string::npos);
}

TEST(PdfDocument, RefusesBytesThatAreNotJpeg)
{
    PdfDocument document;
    EXPECT_THROW(document.addJpeg("\x89PNG....", 4, 4), vindex::FormatError);
    EXPECT_THROW(document.addJpeg("\xFF\xD8\xFF\xE0", 0, 4), vindex::FormatError);
}

TEST(PdfFontMetrics, MeasuresWithAdobeWidths)
{
    // H 722 + e 556 + l 222 + l 222 + o 556 = 2278 / 1000 em.
    EXPECT_DOUBLE_EQ(PdfFontMetrics::width(PdfFont::Helvetica, "Hello", 10), 22.78);
    EXPECT_DOUBLE_EQ(PdfFontMetrics::width(PdfFont::HelveticaOblique, "Hello", 10), 22.78);
    // Bold: H 722 + e 556 + l 278 + l 278 + o 611 = 2445.
    EXPECT_DOUBLE_EQ(PdfFontMetrics::width(PdfFont::HelveticaBold, "Hello", 10), 24.45);
    EXPECT_DOUBLE_EQ(PdfFontMetrics::width(PdfFont::Courier, "abc", 10), 18.0);
    EXPECT_DOUBLE_EQ(PdfFontMetrics::width(PdfFont::Helvetica, "\xE2\x80\x94", 10), 10.0); // em dash
    EXPECT_EQ(PdfFontMetrics::toWinAnsi("\xE2\x82\xAC\xC3\xBC\t\xFF"), "\x80\xFC ?");
    EXPECT_EQ(PdfFontMetrics::toWinAnsi("16\xC3\x97"
                                        "64 \xE2\x86\x92 16"),
              "16\xD7"
              "64 -> 16"); // ×, →
}

TEST(PdfFontMetrics, WrapsAtSpacesAndBreaksLongWords)
{
    const std::string text = "a man riding a surfboard on top of a wave";
    const auto lines = PdfFontMetrics::wrap(PdfFont::Helvetica, text, 8, 60);
    ASSERT_GT(lines.size(), 1u);
    std::string joined;
    for (const auto &line : lines) {
        EXPECT_LE(PdfFontMetrics::width(PdfFont::Helvetica, line, 8), 60.0) << line;
        joined += (joined.empty() ? "" : " ") + line;
    }
    EXPECT_EQ(joined, text);

    const auto path = PdfFontMetrics::wrap(PdfFont::Courier, "/a/very/long/path/without/any/spaces/in/it", 7, 50);
    ASSERT_GT(path.size(), 1u);
    for (const auto &line : path)
        EXPECT_LE(PdfFontMetrics::width(PdfFont::Courier, line, 7), 50.0) << line;

    const std::string elided = PdfFontMetrics::elide(PdfFont::Helvetica, text, 8, 40);
    EXPECT_LE(PdfFontMetrics::width(PdfFont::Helvetica, elided, 8), 40.0);
    EXPECT_EQ(elided.substr(elided.size() - 3), "\xE2\x80\xA6");
    EXPECT_EQ(PdfFontMetrics::elide(PdfFont::Helvetica, "short", 8, 40), "short");
}
