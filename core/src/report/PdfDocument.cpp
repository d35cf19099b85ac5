#include "vindex/report/PdfDocument.h"

#include "vindex/core/Error.h"
#include "vindex/io/AtomicFile.h"

#include <zlib.h>

#include <cstdio>
#include <ctime>

namespace vindex::report {
namespace {

constexpr int kFontCount = 4; // PdfFont values, /F1../F4

std::string deflate(const std::string &data)
{
    uLongf size = compressBound(static_cast<uLong>(data.size()));
    std::string out(size, '\0');
    if (compress2(reinterpret_cast<Bytef *>(out.data()), &size, reinterpret_cast<const Bytef *>(data.data()),
                  static_cast<uLong>(data.size()), 6) != Z_OK)
        throw Error("PDF: zlib could not compress a content stream of " + std::to_string(data.size()) + " bytes");
    out.resize(size);
    return out;
}

// A PDF text string in UTF-16BE with byte-order mark (hex form): the document title may be any language.
std::string textString(const std::string &utf8)
{
    std::string hex = "<FEFF";
    const auto put = [&hex](unsigned unit) {
        char text[8];
        std::snprintf(text, sizeof text, "%04X", unit & 0xFFFF);
        hex += text;
    };
    for (std::size_t i = 0; i < utf8.size();) {
        const auto lead = static_cast<unsigned char>(utf8[i]);
        unsigned cp = 0xFFFD;
        int length = lead < 0x80             ? 1
                     : (lead & 0xE0) == 0xC0 ? 2
                     : (lead & 0xF0) == 0xE0 ? 3
                     : (lead & 0xF8) == 0xF0 ? 4
                                             : 0;
        if (length == 1) {
            cp = lead;
        } else if (length > 1 && i + length <= utf8.size()) {
            cp = lead & (0x7F >> length);
            for (int k = 1; k < length; ++k)
                cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
        } else {
            length = 1;
        }
        i += length;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            put(0xD800 + (cp >> 10));
            put(0xDC00 + (cp & 0x3FF));
        } else {
            put(cp);
        }
    }
    return hex + ">";
}

std::string pdfDate()
{
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[32];
    std::strftime(text, sizeof text, "(D:%Y%m%d%H%M%SZ)", &utc);
    return text;
}

std::string num(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", value);
    return text;
}

} // namespace

int PdfDocument::addJpeg(std::string jpegBytes, int width, int height, bool grey)
{
    if (jpegBytes.size() < 4 || static_cast<unsigned char>(jpegBytes[0]) != 0xFF ||
        static_cast<unsigned char>(jpegBytes[1]) != 0xD8)
        throw FormatError("PDF image " + std::to_string(m_images.size()), "not a JPEG stream (no SOI marker)");
    if (width <= 0 || height <= 0)
        throw FormatError("PDF image " + std::to_string(m_images.size()),
                          "size " + std::to_string(width) + "x" + std::to_string(height) + " is not positive");
    m_images.push_back({std::move(jpegBytes), width, height, grey});
    return static_cast<int>(m_images.size() - 1);
}

PdfPage &PdfDocument::addPage(double width, double height)
{
    return m_pages.emplace_back(width, height);
}

std::string PdfDocument::toBytes() const
{
    // Object numbers: 1 catalog, 2 page tree, 3 info, fonts, images, then a page and its content stream per page.
    const int firstFont = 4;
    const int firstImage = firstFont + kFontCount;
    const int firstPage = firstImage + static_cast<int>(m_images.size());
    const int objectCount = firstPage + 2 * static_cast<int>(m_pages.size()) - 1;

    std::string out = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n"; // binary marker: transfer programs keep the bytes intact
    std::vector<std::size_t> offsets(static_cast<std::size_t>(objectCount) + 1, 0);
    const auto begin = [&](int number) {
        offsets[static_cast<std::size_t>(number)] = out.size();
        out += std::to_string(number) + " 0 obj\n";
    };
    const auto end = [&] { out += "endobj\n"; };
    const auto stream = [&](const std::string &dictionary, const std::string &data) {
        out += "<< " + dictionary + " /Length " + std::to_string(data.size()) + " >>\nstream\n";
        out += data;
        out += "\nendstream\n";
    };

    begin(1);
    out += "<< /Type /Catalog /Pages 2 0 R >>\n";
    end();

    begin(2);
    out += "<< /Type /Pages /Count " + std::to_string(m_pages.size()) + " /Kids [";
    for (std::size_t p = 0; p < m_pages.size(); ++p)
        out.append(p ? " " : "").append(std::to_string(firstPage + 2 * static_cast<int>(p))).append(" 0 R");
    out += "] >>\n";
    end();

    begin(3);
    out += "<< /Producer " + textString(m_producer) + " /CreationDate " + pdfDate();
    if (!m_title.empty())
        out += " /Title " + textString(m_title);
    out += " >>\n";
    end();

    for (int f = 0; f < kFontCount; ++f) {
        begin(firstFont + f);
        out += std::string("<< /Type /Font /Subtype /Type1 /BaseFont /") +
               PdfFontMetrics::baseFontName(static_cast<PdfFont>(f)) + " /Encoding /WinAnsiEncoding >>\n";
        end();
    }

    for (std::size_t i = 0; i < m_images.size(); ++i) {
        const Image &image = m_images[i];
        begin(firstImage + static_cast<int>(i));
        stream("/Type /XObject /Subtype /Image /Width " + std::to_string(image.width) + " /Height " +
                   std::to_string(image.height) + " /ColorSpace " + (image.grey ? "/DeviceGray" : "/DeviceRGB") +
                   " /BitsPerComponent 8 /Filter /DCTDecode",
               image.jpeg);
        end();
    }

    std::string fonts = "/Font <<";
    for (int f = 0; f < kFontCount; ++f)
        fonts += " /F" + std::to_string(f + 1) + " " + std::to_string(firstFont + f) + " 0 R";
    fonts += " >>";
    for (std::size_t p = 0; p < m_pages.size(); ++p) {
        const PdfPage &page = m_pages[p];
        const int pageObject = firstPage + 2 * static_cast<int>(p);
        begin(pageObject);
        out += "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 " + num(page.width()) + " " + num(page.height()) +
               "] /Resources << " + fonts;
        if (!page.images().empty()) {
            out += " /XObject <<";
            for (int image : page.images())
                out += " /Im" + std::to_string(image) + " " + std::to_string(firstImage + image) + " 0 R";
            out += " >>";
        }
        out += " /ProcSet [/PDF /Text /ImageB /ImageC] >> /Contents " + std::to_string(pageObject + 1) + " 0 R >>\n";
        end();
        begin(pageObject + 1);
        if (m_compress)
            stream("/Filter /FlateDecode", deflate(page.content()));
        else
            stream("", page.content());
        end();
    }

    // Cross-reference table: fixed 20-byte entries ("offset generation n" + space + LF).
    const std::size_t xref = out.size();
    out += "xref\n0 " + std::to_string(objectCount + 1) + "\n0000000000 65535 f \n";
    for (int n = 1; n <= objectCount; ++n) {
        char entry[24];
        std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", offsets[static_cast<std::size_t>(n)]);
        out += entry;
    }
    out += "trailer\n<< /Size " + std::to_string(objectCount + 1) + " /Root 1 0 R /Info 3 0 R >>\nstartxref\n" +
           std::to_string(xref) + "\n%%EOF\n";
    return out;
}

void PdfDocument::save(const std::string &path) const
{
    io::AtomicFile file(path);
    file.write(toBytes());
    file.commit();
}

} // namespace vindex::report
