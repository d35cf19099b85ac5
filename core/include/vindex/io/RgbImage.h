#pragma once
// An 8-bit RGB image in memory (row-major, channels interleaved), as PIL holds an "RGB" image: the unit that the
// preprocessing steps (pad to square, resize, crop) work on before pixels become a float tensor.
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace vindex::io {

using Rgb = std::array<uint8_t, 3>;

struct RgbImage {
    int width = 0;
    int height = 0;
    std::vector<uint8_t> pixels; // width * height * 3

    RgbImage() = default;
    RgbImage(int w, int h, Rgb fill = {0, 0, 0}) : width(w), height(h), pixels(static_cast<std::size_t>(w) * h * 3)
    {
        for (std::size_t i = 0; i < pixels.size(); i += 3) {
            pixels[i] = fill[0];
            pixels[i + 1] = fill[1];
            pixels[i + 2] = fill[2];
        }
    }

    bool empty() const { return width <= 0 || height <= 0; }
    uint8_t *at(int x, int y) { return pixels.data() + (static_cast<std::size_t>(y) * width + x) * 3; }
    const uint8_t *at(int x, int y) const { return pixels.data() + (static_cast<std::size_t>(y) * width + x) * 3; }
};

} // namespace vindex::io
