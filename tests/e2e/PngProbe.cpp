#include "PngProbe.h"

#include <png.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

PngStats probePng(const std::string &path)
{
    PngStats stats;
    png_image image{};
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&image, path.c_str())) {
        stats.error = path + ": " + image.message;
        return stats;
    }
    image.format = PNG_FORMAT_RGB;
    std::vector<png_byte> pixels(PNG_IMAGE_SIZE(image));
    if (!png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr)) {
        stats.error = path + ": " + image.message;
        png_image_free(&image);
        return stats;
    }
    stats.read = true;
    stats.width = static_cast<int>(image.width);
    stats.height = static_cast<int>(image.height);
    std::size_t dark = 0, light = 0, coloured = 0;
    const std::size_t count = static_cast<std::size_t>(stats.width) * stats.height;
    for (std::size_t i = 0; i < count; ++i) {
        const int r = pixels[3 * i], g = pixels[3 * i + 1], b = pixels[3 * i + 2];
        const int luma = (299 * r + 587 * g + 114 * b) / 1000;
        dark += luma < 96;
        light += luma > 224;
        coloured += std::max({r, g, b}) - std::min({r, g, b}) > 60;
    }
    stats.darkFraction = static_cast<double>(dark) / static_cast<double>(count);
    stats.lightFraction = static_cast<double>(light) / static_cast<double>(count);
    stats.colouredFraction = static_cast<double>(coloured) / static_cast<double>(count);
    return stats;
}
