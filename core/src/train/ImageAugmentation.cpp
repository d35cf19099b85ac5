#include "vindex/train/ImageAugmentation.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace vindex::train {
namespace {

uint8_t toByte(double v)
{
    return static_cast<uint8_t>(std::clamp(std::lround(v), 0L, 255L));
}

double luma(const uint8_t *p)
{
    return 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
}

// Blend every pixel with `other(p)`: factor · p + (1 − factor) · other, torchvision's _blend.
template <typename Other> io::RgbImage blend(const io::RgbImage &image, double factor, Other other)
{
    io::RgbImage out = image;
    for (std::size_t i = 0; i < out.pixels.size(); i += 3) {
        const std::array<double, 3> o = other(&image.pixels[i]);
        for (int c = 0; c < 3; ++c)
            out.pixels[i + c] = toByte(factor * image.pixels[i + c] + (1.0 - factor) * o[c]);
    }
    return out;
}

} // namespace

io::RgbImage ImageAugmentation::flipHorizontal(const io::RgbImage &image)
{
    io::RgbImage out = image;
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            std::copy_n(image.at(image.width - 1 - x, y), 3, out.at(x, y));
    return out;
}

io::RgbImage ImageAugmentation::grayscale(const io::RgbImage &image)
{
    return blend(image, 0.0, [](const uint8_t *p) {
        const double g = luma(p);
        return std::array<double, 3>{g, g, g};
    });
}

io::RgbImage ImageAugmentation::resizedCrop(const io::RgbImage &image, double x0, double y0, double w, double h,
                                            int outW, int outH)
{
    io::RgbImage out(outW, outH);
    const auto sample = [&](double sx, double sy, int c) {
        sx = std::clamp(sx, 0.0, image.width - 1.0);
        sy = std::clamp(sy, 0.0, image.height - 1.0);
        const int xa = static_cast<int>(sx), ya = static_cast<int>(sy);
        const int xb = std::min(xa + 1, image.width - 1), yb = std::min(ya + 1, image.height - 1);
        const double fx = sx - xa, fy = sy - ya;
        const double top = image.at(xa, ya)[c] * (1 - fx) + image.at(xb, ya)[c] * fx;
        const double bottom = image.at(xa, yb)[c] * (1 - fx) + image.at(xb, yb)[c] * fx;
        return top * (1 - fy) + bottom * fy;
    };
    for (int y = 0; y < outH; ++y) {
        const double sy = y0 + (y + 0.5) * h / outH - 0.5;
        for (int x = 0; x < outW; ++x) {
            const double sx = x0 + (x + 0.5) * w / outW - 0.5;
            for (int c = 0; c < 3; ++c)
                out.at(x, y)[c] = toByte(sample(sx, sy, c));
        }
    }
    return out;
}

io::RgbImage ImageAugmentation::adjustBrightness(const io::RgbImage &image, double factor)
{
    return blend(image, factor, [](const uint8_t *) { return std::array<double, 3>{0, 0, 0}; });
}

io::RgbImage ImageAugmentation::adjustContrast(const io::RgbImage &image, double factor)
{
    double mean = 0;
    for (std::size_t i = 0; i < image.pixels.size(); i += 3)
        mean += luma(&image.pixels[i]);
    mean /= std::max<double>(1.0, static_cast<double>(image.pixels.size() / 3));
    return blend(image, factor, [mean](const uint8_t *) { return std::array<double, 3>{mean, mean, mean}; });
}

io::RgbImage ImageAugmentation::adjustSaturation(const io::RgbImage &image, double factor)
{
    return blend(image, factor, [](const uint8_t *p) {
        const double g = luma(p);
        return std::array<double, 3>{g, g, g};
    });
}

io::RgbImage ImageAugmentation::adjustHue(const io::RgbImage &image, double shift)
{
    io::RgbImage out = image;
    for (std::size_t i = 0; i < out.pixels.size(); i += 3) {
        const double r = image.pixels[i] / 255.0, g = image.pixels[i + 1] / 255.0, b = image.pixels[i + 2] / 255.0;
        const double maxc = std::max({r, g, b}), minc = std::min({r, g, b}), delta = maxc - minc;
        double h = 0;
        if (delta > 0) {
            if (maxc == r)
                h = std::fmod((g - b) / delta, 6.0);
            else if (maxc == g)
                h = (b - r) / delta + 2.0;
            else
                h = (r - g) / delta + 4.0;
            h /= 6.0;
        }
        h = h + shift;
        h -= std::floor(h);
        const double s = maxc > 0 ? delta / maxc : 0, v = maxc;
        const double sector = h * 6.0;
        const int k = static_cast<int>(sector) % 6;
        const double f = sector - std::floor(sector);
        const double p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));
        const std::array<std::array<double, 3>, 6> rgb{
            {{v, t, p}, {q, v, p}, {p, v, t}, {p, q, v}, {t, p, v}, {v, p, q}}};
        for (int c = 0; c < 3; ++c)
            out.pixels[i + c] = toByte(rgb[static_cast<std::size_t>(k)][static_cast<std::size_t>(c)] * 255.0);
    }
    return out;
}

io::RgbImage ImageAugmentation::apply(const io::RgbImage &image, std::mt19937_64 &random) const
{
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const auto chance = [&](double p) { return unit(random) < p; };
    const auto uniform = [&](double a, double b) { return a + (b - a) * unit(random); };
    io::RgbImage out = image;
    if (chance(m_options.cropProbability)) {
        // torchvision's RandomResizedCrop.get_params: up to 10 tries for an area and log-uniform aspect that fit,
        // else the whole image.
        const double area = static_cast<double>(image.width) * image.height;
        double x = 0, y = 0, w = image.width, h = image.height;
        for (int attempt = 0; attempt < 10; ++attempt) {
            const double target = area * uniform(m_options.cropScaleMin, m_options.cropScaleMax);
            const double ratio = std::exp(uniform(std::log(m_options.cropRatioMin), std::log(m_options.cropRatioMax)));
            const double cw = std::round(std::sqrt(target * ratio)), ch = std::round(std::sqrt(target / ratio));
            if (cw > 0 && ch > 0 && cw <= image.width && ch <= image.height) {
                w = cw;
                h = ch;
                x = std::floor(uniform(0, image.width - cw + 1));
                y = std::floor(uniform(0, image.height - ch + 1));
                break;
            }
        }
        out = resizedCrop(out, x, y, w, h, image.width, image.height);
    }
    if (chance(m_options.flipProbability))
        out = flipHorizontal(out);
    if (chance(m_options.jitterProbability)) {
        const double brightness = uniform(std::max(0.0, 1 - m_options.brightness), 1 + m_options.brightness);
        const double contrast = uniform(std::max(0.0, 1 - m_options.contrast), 1 + m_options.contrast);
        const double saturation = uniform(std::max(0.0, 1 - m_options.saturation), 1 + m_options.saturation);
        const double hue = uniform(-m_options.hue, m_options.hue);
        std::array<int, 4> order{0, 1, 2, 3};
        for (int i = 3; i > 0; --i)
            std::swap(order[static_cast<std::size_t>(i)], order[random() % static_cast<uint64_t>(i + 1)]);
        for (const int op : order) {
            if (op == 0)
                out = adjustBrightness(out, brightness);
            else if (op == 1)
                out = adjustContrast(out, contrast);
            else if (op == 2)
                out = adjustSaturation(out, saturation);
            else
                out = adjustHue(out, hue);
        }
    }
    if (chance(m_options.grayscaleProbability))
        out = grayscale(out);
    return out;
}

} // namespace vindex::train
