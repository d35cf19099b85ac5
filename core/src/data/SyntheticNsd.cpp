#include "vindex/data/SyntheticNsd.h"

#include "vindex/core/Error.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace vindex::data {
namespace {

struct Colour {
    const char *name;
    io::Rgb rgb;
};
constexpr Colour kColours[] = {{"red", {220, 40, 40}},
                               {"green", {40, 180, 60}},
                               {"blue", {40, 80, 220}},
                               {"yellow", {230, 210, 40}},
                               {"purple", {150, 60, 190}}};
constexpr io::Rgb kGrey = {128, 128, 128};

// Image id → its drawing: colour cycles fastest, the shape flips every five images, the box wanders over the image.
NsdImage drawImage(int64_t id, int size)
{
    const Colour &colour = kColours[id % 5];
    const bool circle = (id / 5) % 2 == 0;
    const int side = std::max(8, size * 3 / 8);
    const int span = size - side;
    const int x0 = static_cast<int>((id * 7 + 4) % (span + 1));
    const int y0 = static_cast<int>((id * 5 + 4) % (span + 1));
    NsdImage image;
    image.image = io::RgbImage(size, size, kGrey);
    const double radius = side / 2.0, cx = x0 + radius, cy = y0 + radius;
    for (int y = y0; y < y0 + side; ++y)
        for (int x = x0; x < x0 + side; ++x) {
            const double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
            if (circle && dx * dx + dy * dy > radius * radius)
                continue;
            std::copy(colour.rgb.begin(), colour.rgb.end(), image.image.at(x, y));
        }
    const std::string shape = circle ? "circle" : "square";
    const std::string name = colour.name;
    const std::string caption = "a " + name + " " + shape + " on a grey background";
    image.captions = {caption, "a " + shape + " in " + name, "a grey picture with a " + name + " " + shape,
                      "one " + name + " " + shape, "a simple drawing of a " + shape};
    image.boxes = {{shape, {double(x0), double(y0), double(x0 + side), double(y0 + side)}}};
    return image;
}

} // namespace

double SyntheticNsd::beta(int64_t voxel, int64_t imageId, int repeat)
{
    return std::sin(0.05 * static_cast<double>(voxel) + 0.7 * static_cast<double>(imageId)) + 0.01 * repeat;
}

NsdDatasetDescription SyntheticNsd::describe(const SyntheticNsdOptions &options)
{
    if (options.voxels <= 0 || options.trials < 3 || options.imageSize < 16 || options.subjects.empty())
        throw DataError("synthetic NSD: need voxels > 0, trials >= 3, imageSize >= 16 and a subject (got " +
                        std::to_string(options.voxels) + " voxels, " + std::to_string(options.trials) + " trials, " +
                        std::to_string(options.imageSize) + " px)");
    const int64_t imageCount = options.trials / 3;
    const auto testCount = std::max<int64_t>(1, static_cast<int64_t>(std::llround(imageCount * options.testShare)));
    const auto valCount = std::max<int64_t>(1, static_cast<int64_t>(std::llround(imageCount * options.valShare)));
    if (testCount + valCount >= imageCount)
        throw DataError("synthetic NSD: " + std::to_string(options.trials) +
                        " trials are too few for train, val and test images");

    NsdDatasetDescription description;
    for (int64_t id = 0; id < imageCount; ++id) {
        NsdImage image = drawImage(id, options.imageSize);
        image.split = id < testCount ? Split::Test : id < testCount + valCount ? Split::Val : Split::Train;
        description.images.push_back(std::move(image));
    }
    for (int id : options.subjects) {
        NsdSubjectDescription subject;
        subject.id = id;
        subject.voxelCount = options.voxels;
        subject.trialsPerSession = options.trialsPerSession;
        // Three showings of every image in a fixed pseudo-random order (seeded by the subject, like NSD's design).
        for (int repeat = 0; repeat < 3; ++repeat)
            for (int64_t image = 0; image < imageCount; ++image)
                subject.trialImages.push_back(image);
        std::mt19937_64 random(static_cast<uint64_t>(id));
        std::shuffle(subject.trialImages.begin(), subject.trialImages.end(), random);
        description.subjects.push_back(std::move(subject));
    }
    description.response = [](int, int64_t, int64_t imageId, int repeat, std::span<float> row) {
        for (std::size_t v = 0; v < row.size(); ++v)
            row[v] = static_cast<float>(beta(static_cast<int64_t>(v), imageId, repeat));
    };
    return description;
}

} // namespace vindex::data
