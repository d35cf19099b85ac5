#pragma once
// A small PDF 1.4 writer, enough for reports: pages of text in the standard fonts (PdfFont; referenced, not
// embedded), vector rectangles and lines, and JPEG images passed through as DCTDecode streams. Content streams are
// Flate-compressed unless told otherwise. The cross-reference table is built from the real byte offset of every
// object, so strict readers (pdftoppm, qpdf --check) accept the file without repairing it.
#include "vindex/report/PdfPage.h"

#include <deque>
#include <string>
#include <vector>

namespace vindex::report {

class PdfDocument {
public:
    static constexpr double kA4Width = 595.276, kA4Height = 841.890; // points (1/72 in)

    PdfDocument() = default;

    void setTitle(std::string title) { m_title = std::move(title); }
    void setProducer(std::string producer) { m_producer = std::move(producer); }
    void setCompressContent(bool compress) { m_compress = compress; }

    // Baseline or progressive JPEG bytes with their pixel size; FormatError when the bytes are not a JPEG (no SOI
    // marker) or the size is not positive. Returns the index pages refer to.
    int addJpeg(std::string jpegBytes, int width, int height, bool grey = false);

    PdfPage &addPage(double width = kA4Width, double height = kA4Height);
    std::size_t pageCount() const { return m_pages.size(); }
    PdfPage &page(std::size_t index) { return m_pages.at(index); }

    // The whole file.
    std::string toBytes() const;
    // Atomically (io::AtomicFile).
    void save(const std::string &path) const;

private:
    struct Image {
        std::string jpeg;
        int width, height;
        bool grey;
    };

    std::string m_title, m_producer = "VINDEX Studio";
    bool m_compress = true;
    std::vector<Image> m_images;
    std::deque<PdfPage> m_pages; // deque: references returned by addPage stay valid
};

} // namespace vindex::report
