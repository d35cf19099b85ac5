#pragma once
// A stimulus shrunk for a report: box-filtered (every source pixel counts, so thin structures survive, unlike
// nearest-neighbour) so that its longer side is at most maxSide, kept as JPEG bytes — what HTML embeds as a data: URI
// and PDF as a DCTDecode image, unchanged.
#include "vindex/io/RgbImage.h"

#include <string>

namespace vindex::report {

struct Thumbnail {
    int width = 0, height = 0;
    std::string jpeg;

    bool empty() const { return jpeg.empty(); }

    // Error for an empty image; `name` is used in messages.
    static Thumbnail of(const io::RgbImage &image, const std::string &name, int maxSide = 128, int quality = 88);
    // Area-average downscale to width x height (no upscaling is ever asked of it by of()).
    static io::RgbImage shrink(const io::RgbImage &image, int width, int height);
};

} // namespace vindex::report
