#include "vindex/models/ImagePreprocessor.h"

#include "vindex/core/Error.h"
#include "vindex/io/ImageFile.h"
#include "vindex/io/JsonFile.h"
#include "vindex/models/VisionTower.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace vindex::models {

namespace {

// PIL's fixed point for 8-bit resampling: 32 bits minus 8 for the value and 2 for overshoot of the filter.
constexpr int kPrecisionBits = 32 - 8 - 2;

double bicubic(double x)
{
    constexpr double a = -0.5;
    x = std::fabs(x);
    if (x < 1.0)
        return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
    if (x < 2.0)
        return (((x - 5) * x + 8) * x - 4) * a;
    return 0.0;
}

// PIL's precompute_coeffs + normalize_coeffs_8bpc for one axis: per output index the first input index, the
// number of taps and the fixed-point weights.
struct Coefficients {
    int taps = 0; // ksize
    std::vector<int> first, count;
    std::vector<int32_t> weights; // outSize * taps
};

Coefficients precompute(int inSize, int outSize)
{
    constexpr double support = 2.0; // bicubic
    const double scale = static_cast<double>(static_cast<float>(inSize) - 0.0f) / outSize;
    const double filterScale = std::max(scale, 1.0);
    const double scaledSupport = support * filterScale;
    Coefficients c;
    c.taps = static_cast<int>(std::ceil(scaledSupport)) * 2 + 1;
    c.first.resize(static_cast<size_t>(outSize));
    c.count.resize(static_cast<size_t>(outSize));
    c.weights.assign(static_cast<size_t>(outSize) * c.taps, 0);
    std::vector<double> k(static_cast<size_t>(c.taps));
    for (int xx = 0; xx < outSize; ++xx) {
        const double center = (xx + 0.5) * scale;
        const double ss = 1.0 / filterScale;
        int xmin = static_cast<int>(center - scaledSupport + 0.5);
        xmin = std::max(xmin, 0);
        int xmax = static_cast<int>(center + scaledSupport + 0.5);
        xmax = std::min(xmax, inSize) - xmin;
        double sum = 0.0;
        for (int x = 0; x < xmax; ++x) {
            k[static_cast<size_t>(x)] = bicubic((x + xmin - center + 0.5) * ss);
            sum += k[static_cast<size_t>(x)];
        }
        for (int x = 0; x < xmax; ++x) {
            double w = k[static_cast<size_t>(x)];
            if (sum != 0.0)
                w /= sum;
            c.weights[static_cast<size_t>(xx) * c.taps + x] =
                static_cast<int32_t>(w < 0 ? -0.5 + w * (1 << kPrecisionBits) : 0.5 + w * (1 << kPrecisionBits));
        }
        c.first[static_cast<size_t>(xx)] = xmin;
        c.count[static_cast<size_t>(xx)] = xmax;
    }
    return c;
}

uint8_t clip8(int32_t value)
{
    return static_cast<uint8_t>(std::clamp(value >> kPrecisionBits, 0, 255));
}

// One separable pass over an interleaved RGB buffer; `horizontal` picks the axis.
io::RgbImage resamplePass(const io::RgbImage &in, int outWidth, int outHeight, bool horizontal)
{
    const auto c = horizontal ? precompute(in.width, outWidth) : precompute(in.height, outHeight);
    io::RgbImage out(outWidth, outHeight);
    for (int y = 0; y < outHeight; ++y) {
        for (int x = 0; x < outWidth; ++x) {
            const size_t o = horizontal ? static_cast<size_t>(x) : static_cast<size_t>(y);
            const int first = c.first[o], count = c.count[o];
            const int32_t *k = &c.weights[o * c.taps];
            int32_t s0 = 1 << (kPrecisionBits - 1), s1 = s0, s2 = s0;
            for (int t = 0; t < count; ++t) {
                const uint8_t *p = horizontal ? in.at(first + t, y) : in.at(x, first + t);
                s0 += p[0] * k[t];
                s1 += p[1] * k[t];
                s2 += p[2] * k[t];
            }
            uint8_t *q = out.at(x, y);
            q[0] = clip8(s0);
            q[1] = clip8(s1);
            q[2] = clip8(s2);
        }
    }
    return out;
}

int floorDiv(int a, int b)
{
    int q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

std::array<float, 3> floatTriple(const nlohmann::json &value, const std::string &name, const char *field)
{
    if (value.is_number()) {
        const auto v = value.get<float>();
        return {v, v, v};
    }
    if (!value.is_array() || value.size() != 3 || !value[0].is_number() || !value[1].is_number() ||
        !value[2].is_number())
        throw ModelError(name + ": field '" + field + "' must be a number or a list of 3 numbers, got " + value.dump());
    return {value[0].get<float>(), value[1].get<float>(), value[2].get<float>()};
}

int positiveSize(const nlohmann::json &value, const std::string &name, const char *field)
{
    if (!value.is_number_integer() || value.get<int64_t>() <= 0 || value.get<int64_t>() > 65536)
        throw ModelError(name + ": field '" + field + "' must be a positive integer, got " + value.dump());
    return value.get<int>();
}

} // namespace

ImagePreprocessor::ImagePreprocessor(Settings settings) : m_settings(std::move(settings))
{
    if (m_settings.size <= 0 || m_settings.cropSize < 0)
        throw ModelError("image preprocessor: size " + std::to_string(m_settings.size) + " / crop " +
                         std::to_string(m_settings.cropSize) + " must be positive");
}

ImagePreprocessor ImagePreprocessor::forFamily(const std::string &family, int imageSize)
{
    Settings s;
    s.size = imageSize;
    s.cropSize = imageSize;
    if (family == "clip")
        return ImagePreprocessor(s);
    if (family == "dinov2") {
        s.mean = {0.485f, 0.456f, 0.406f};
        s.std = {0.229f, 0.224f, 0.225f};
        return ImagePreprocessor(s);
    }
    if (family == "siglip") {
        s.resize = Resize::Exact;
        s.cropSize = 0;
        s.mean = {0.5f, 0.5f, 0.5f};
        s.std = {0.5f, 0.5f, 0.5f};
        return ImagePreprocessor(s);
    }
    throw ModelError("image preprocessor: unknown vision family '" + family + "' (known: clip, dinov2, siglip)");
}

ImagePreprocessor::Settings ImagePreprocessor::applyConfig(Settings s, const nlohmann::json &config,
                                                           const std::string &name)
{
    if (!config.is_object())
        throw ModelError(name + ": is not a JSON object");
    if (const auto it = config.find("size"); it != config.end()) {
        if (it->is_object() && it->contains("shortest_edge")) {
            s.resize = Resize::ShortestEdge;
            s.size = positiveSize((*it)["shortest_edge"], name, "size.shortest_edge");
        } else if (it->is_object() && it->contains("height") && it->contains("width")) {
            const int height = positiveSize((*it)["height"], name, "size.height");
            const int width = positiveSize((*it)["width"], name, "size.width");
            if (height != width)
                throw ModelError(name + ": field 'size' asks for " + std::to_string(width) + "x" +
                                 std::to_string(height) + "; only square inputs are supported");
            s.resize = Resize::Exact;
            s.size = height;
        } else if (it->is_number_integer()) {
            s.size = positiveSize(*it, name, "size");
        } else {
            throw ModelError(name + ": field 'size' is not understood: " + it->dump());
        }
    }
    if (const auto it = config.find("crop_size"); it != config.end()) {
        if (it->is_object() && it->contains("height"))
            s.cropSize = positiveSize((*it)["height"], name, "crop_size.height");
        else if (it->is_number_integer())
            s.cropSize = positiveSize(*it, name, "crop_size");
    }
    if (const auto it = config.find("do_center_crop"); it != config.end() && it->is_boolean() && !it->get<bool>())
        s.cropSize = 0;
    if (s.resize == Resize::Exact && !config.contains("do_center_crop"))
        s.cropSize = 0;
    if (const auto it = config.find("image_mean"); it != config.end())
        s.mean = floatTriple(*it, name, "image_mean");
    if (const auto it = config.find("image_std"); it != config.end())
        s.std = floatTriple(*it, name, "image_std");
    if (const auto it = config.find("rescale_factor"); it != config.end() && it->is_number())
        s.rescaleFactor = it->get<double>();
    return s;
}

ImagePreprocessor ImagePreprocessor::forTower(const VisionTower &tower, const std::string &folder, int size)
{
    auto s = forFamily(tower.family(), static_cast<int>(tower.imageSize())).settings();
    s.mean = tower.imageMean();
    s.std = tower.imageStd();
    if (!folder.empty()) {
        const auto file = (std::filesystem::path(folder) / "preprocessor_config.json").string();
        if (std::filesystem::exists(file)) {
            s = applyConfig(s, io::readJsonFile(file), file);
        }
    }
    if (size > 0) {
        // An explicit size replaces both the resize target and the crop (keeping "no crop" as it is).
        s.size = size;
        if (s.cropSize > 0)
            s.cropSize = size;
    }
    return ImagePreprocessor(s);
}

ImagePreprocessor ImagePreprocessor::withPadding(io::Rgb background) const
{
    auto s = m_settings;
    s.padToSquare = background;
    return ImagePreprocessor(s);
}

io::Rgb ImagePreprocessor::meanColour() const
{
    io::Rgb colour{};
    for (size_t c = 0; c < 3; ++c) // Python's int(x * 255): truncation (values are positive)
        colour[c] =
            static_cast<uint8_t>(std::clamp(static_cast<int>(static_cast<double>(m_settings.mean[c]) * 255), 0, 255));
    return colour;
}

ImagePreprocessor ImagePreprocessor::withMeanPadding() const
{
    return withPadding(meanColour());
}

io::RgbImage ImagePreprocessor::expandToSquare(const io::RgbImage &image, io::Rgb background)
{
    if (image.width == image.height)
        return image;
    const int side = std::max(image.width, image.height);
    io::RgbImage out(side, side, background);
    const int left = (side - image.width) / 2, top = (side - image.height) / 2;
    for (int y = 0; y < image.height; ++y)
        std::copy_n(image.at(0, y), static_cast<size_t>(image.width) * 3, out.at(left, top + y));
    return out;
}

io::RgbImage ImagePreprocessor::resizeBicubic(const io::RgbImage &image, int width, int height)
{
    if (image.empty() || width <= 0 || height <= 0)
        throw Error("resize: cannot resize a " + std::to_string(image.width) + "x" + std::to_string(image.height) +
                    " image to " + std::to_string(width) + "x" + std::to_string(height));
    // As ImagingResampleInner: a pass only for an axis whose size changes, horizontal first.
    io::RgbImage out = image;
    if (width != image.width)
        out = resamplePass(out, width, out.height, true);
    if (height != image.height)
        out = resamplePass(out, out.width, height, false);
    return out;
}

io::RgbImage ImagePreprocessor::centerCrop(const io::RgbImage &image, int width, int height, CropOffset offset)
{
    const auto start = [offset](int margin) {
        const int half = floorDiv(margin, 2);
        // Python's round(x.5) goes to the even neighbour.
        return offset == CropOffset::RoundHalfEven && margin % 2 != 0 && half % 2 != 0 ? half + 1 : half;
    };
    io::RgbImage out(width, height);
    const int left = start(image.width - width), top = start(image.height - height);
    for (int y = 0; y < height; ++y) {
        const int sy = y + top;
        if (sy < 0 || sy >= image.height)
            continue;
        for (int x = 0; x < width; ++x) {
            const int sx = x + left;
            if (sx >= 0 && sx < image.width)
                std::copy_n(image.at(sx, sy), 3, out.at(x, y));
        }
    }
    return out;
}

std::pair<int, int> ImagePreprocessor::shortestEdgeSize(int width, int height, int size)
{
    const bool portrait = width <= height;
    const int shortSide = portrait ? width : height, longSide = portrait ? height : width;
    const int newLong = static_cast<int>(static_cast<double>(size) * longSide / shortSide);
    return portrait ? std::pair{size, newLong} : std::pair{newLong, size};
}

io::RgbImage ImagePreprocessor::prepare(const io::RgbImage &image) const
{
    if (image.empty())
        throw Error("image preprocessor: the image is empty");
    io::RgbImage current = m_settings.padToSquare ? expandToSquare(image, *m_settings.padToSquare) : image;
    if (m_settings.resize == Resize::Exact) {
        current = resizeBicubic(current, m_settings.size, m_settings.size);
    } else {
        const auto [width, height] = shortestEdgeSize(current.width, current.height, m_settings.size);
        current = resizeBicubic(current, width, height);
    }
    if (m_settings.cropSize > 0)
        current = centerCrop(current, m_settings.cropSize, m_settings.cropSize, m_settings.cropOffset);
    return current;
}

at::Tensor ImagePreprocessor::toTensor(const io::RgbImage &image) const
{
    auto out = at::empty({1, 3, image.height, image.width}, at::kFloat);
    float *data = out.data_ptr<float>();
    const size_t plane = static_cast<size_t>(image.width) * image.height;
    for (size_t c = 0; c < 3; ++c) {
        // As transformers: rescale in float64 then float32, normalise in float32.
        const float mean = m_settings.mean[c], std = m_settings.std[c];
        for (size_t i = 0; i < plane; ++i) {
            const auto scaled =
                static_cast<float>(static_cast<double>(image.pixels[i * 3 + c]) * m_settings.rescaleFactor);
            data[c * plane + i] = (scaled - mean) / std;
        }
    }
    return out;
}

at::Tensor ImagePreprocessor::processFile(const std::string &path) const
{
    return process(io::ImageFile::read(path));
}

} // namespace vindex::models
