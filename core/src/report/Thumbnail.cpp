#include "vindex/report/Thumbnail.h"

#include "vindex/core/Error.h"
#include "vindex/io/ImageFile.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace vindex::report {

io::RgbImage Thumbnail::shrink(const io::RgbImage &image, int width, int height)
{
    io::RgbImage out(width, height);
    const double sx = static_cast<double>(image.width) / width, sy = static_cast<double>(image.height) / height;
    for (int y = 0; y < height; ++y) {
        const double y0 = y * sy, y1 = (y + 1) * sy;
        for (int x = 0; x < width; ++x) {
            const double x0 = x * sx, x1 = (x + 1) * sx;
            double sum[3] = {0, 0, 0}, area = 0;
            for (int v = static_cast<int>(y0); v < std::min<int>(image.height, static_cast<int>(std::ceil(y1))); ++v) {
                const double wy = std::min<double>(v + 1, y1) - std::max<double>(v, y0);
                for (int u = static_cast<int>(x0); u < std::min<int>(image.width, static_cast<int>(std::ceil(x1)));
                     ++u) {
                    const double w = wy * (std::min<double>(u + 1, x1) - std::max<double>(u, x0));
                    const uint8_t *p = image.at(u, v);
                    for (int c = 0; c < 3; ++c)
                        sum[c] += w * p[c];
                    area += w;
                }
            }
            uint8_t *q = out.at(x, y);
            for (int c = 0; c < 3; ++c)
                q[c] = static_cast<uint8_t>(std::clamp(std::lround(sum[c] / area), 0L, 255L));
        }
    }
    return out;
}

Thumbnail Thumbnail::of(const io::RgbImage &image, const std::string &name, int maxSide, int quality)
{
    if (image.empty())
        throw DataError(name + ": empty image, no thumbnail");
    Thumbnail t;
    const int longer = std::max(image.width, image.height);
    if (longer <= maxSide) {
        t.width = image.width;
        t.height = image.height;
        t.jpeg = io::ImageFile::encodeJpeg(image, name, quality);
        return t;
    }
    const double scale = static_cast<double>(maxSide) / longer;
    t.width = std::max(1, static_cast<int>(std::lround(image.width * scale)));
    t.height = std::max(1, static_cast<int>(std::lround(image.height * scale)));
    t.jpeg = io::ImageFile::encodeJpeg(shrink(image, t.width, t.height), name, quality);
    return t;
}

} // namespace vindex::report
