#include "vindex/data/ProceduralScenes.h"

#include "vindex/core/Error.h"
#include "vindex/core/SplitMix64.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace vindex::data {

namespace {

// One generator per (seed, image, purpose): the same draws on every machine and standard library.
SplitMix64 streamOf(uint64_t seed, int64_t imageId, uint64_t purpose)
{
    return SplitMix64(
        SplitMix64(seed ^ (static_cast<uint64_t>(imageId) + 1) * 0x9E3779B97F4A7C15ULL ^ purpose << 56).next());
}

int below(SplitMix64 &random, std::size_t n)
{
    return static_cast<int>(random.below(n));
}

constexpr uint64_t kComposeStream = 1, kDrawStream = 2;

std::string sizeWord(const SceneObject &o, bool alternative)
{
    return o.large ? (alternative ? "big" : "large") : (alternative ? "little" : "small");
}

std::string colourOf(const SceneObject &o)
{
    return ProceduralScenes::colours()[o.colour].name;
}
std::string categoryOf(const SceneObject &o)
{
    return ProceduralScenes::categories()[o.category];
}

// "in the top left", "on the left", "at the top", "in the middle": where the object's centre lies in thirds.
std::string placeOf(const SceneObject &o, int size)
{
    const double cx = (o.box[0] + o.box[2]) / 2, cy = (o.box[1] + o.box[3]) / 2, third = size / 3.0;
    const std::string column = cx < third ? "left" : cx > 2 * third ? "right" : "";
    const std::string row = cy < third ? "top" : cy > 2 * third ? "bottom" : "";
    if (!row.empty() && !column.empty())
        return "in the " + row + " " + column;
    if (!column.empty())
        return "on the " + column;
    if (!row.empty())
        return "at the " + row;
    return "in the middle";
}

// How a is placed relative to b: along the axis where their centres differ most.
std::string relationOf(const SceneObject &a, const SceneObject &b)
{
    const double dx = (a.box[0] + a.box[2] - b.box[0] - b.box[2]) / 2;
    const double dy = (a.box[1] + a.box[3] - b.box[1] - b.box[3]) / 2;
    if (std::abs(dx) >= std::abs(dy))
        return dx < 0 ? "to the left of" : "to the right of";
    return dy < 0 ? "above" : "below";
}

} // namespace

const std::vector<std::string> &ProceduralScenes::categories()
{
    static const std::vector<std::string> names{"circle", "square", "triangle", "star", "cross"};
    return names;
}

const std::vector<ProceduralScenes::Named> &ProceduralScenes::colours()
{
    static const std::vector<Named> colours{
        {"red", {215, 40, 40}},     {"green", {40, 170, 60}},   {"blue", {40, 80, 215}},   {"yellow", {235, 215, 40}},
        {"purple", {145, 55, 185}}, {"orange", {240, 140, 30}}, {"white", {245, 245, 245}}};
    return colours;
}

const std::vector<ProceduralScenes::Named> &ProceduralScenes::backgrounds()
{
    static const std::vector<Named> backgrounds{{"grey", {128, 128, 128}},
                                                {"dark", {38, 40, 52}},
                                                {"light blue", {165, 200, 235}},
                                                {"sandy", {205, 185, 145}},
                                                {"grassy", {95, 135, 70}}};
    return backgrounds;
}

bool ProceduralScenes::covers(const SceneObject &object, double x, double y)
{
    const auto &b = object.box;
    const double w = b[2] - b[0], h = b[3] - b[1];
    const double u = (x - b[0]) / w, v = (y - b[1]) / h; // [0, 1] inside the box
    if (u < 0 || u > 1 || v < 0 || v > 1)
        return false;
    switch (object.category) {
    case 0: return (u - 0.5) * (u - 0.5) + (v - 0.5) * (v - 0.5) <= 0.25;
    case 1: return true;
    case 2: return std::abs(u - 0.5) <= 0.5 * v; // apex up
    case 3: {                                    // five points, tips at radius 0.5, notches at 0.2, one tip up
        const double dx = u - 0.5, dy = v - 0.5, r = std::hypot(dx, dy);
        const double turn = 2 * std::numbers::pi / 5;
        double angle = std::atan2(dx, -dy);                           // 0 at the top tip, clockwise
        angle = std::fmod(angle + 2 * std::numbers::pi, turn) / turn; // 0 and 1: tips, 0.5: notch
        return r <= 0.2 + 0.3 * std::abs(1 - 2 * angle);
    }
    default: return std::abs(u - 0.5) <= 1.0 / 6 || std::abs(v - 0.5) <= 1.0 / 6; // cross: a plus sign
    }
}

ProceduralScene ProceduralScenes::compose(uint64_t seed, int64_t imageId, int size)
{
    if (size < 32)
        throw DataError("procedural scenes: images need at least 32 pixels a side, got " + std::to_string(size));
    auto random = streamOf(seed, imageId, kComposeStream);
    ProceduralScene scene;
    scene.background = below(random, backgrounds().size());
    const double draw = random.uniform();
    const int wanted = draw < 0.4 ? 1 : draw < 0.75 ? 2 : 3;
    // The first object always fits; later ones are placed apart from the others or left out.
    for (int tries = 0; tries < 40 && static_cast<int>(scene.objects.size()) < wanted; ++tries) {
        SceneObject o;
        o.category = below(random, categories().size());
        o.colour = below(random, colours().size());
        o.large = random.uniform() < 0.5;
        const double side = size * (o.large ? 0.36 : 0.22) * (0.9 + 0.2 * random.uniform());
        const double x0 = 2 + random.uniform() * (size - side - 4), y0 = 2 + random.uniform() * (size - side - 4);
        o.box = {std::round(x0), std::round(y0), std::round(x0 + side), std::round(y0 + side)};
        const bool apart = std::all_of(scene.objects.begin(), scene.objects.end(), [&](const SceneObject &p) {
            return o.box[0] > p.box[2] + 2 || p.box[0] > o.box[2] + 2 || o.box[1] > p.box[3] + 2 ||
                   p.box[1] > o.box[3] + 2;
        });
        if (apart)
            scene.objects.push_back(o);
    }
    double area = 0;
    for (const auto &o : scene.objects)
        area += (o.box[2] - o.box[0]) * (o.box[3] - o.box[1]);
    const double farthest = std::hypot(size / 2.0, size / 2.0);
    for (auto &o : scene.objects) {
        const double share = (o.box[2] - o.box[0]) * (o.box[3] - o.box[1]) / area;
        const double offCentre = std::hypot((o.box[0] + o.box[2] - size) / 2, (o.box[1] + o.box[3] - size) / 2);
        o.salience = 0.7 * share + 0.3 * (1 - offCentre / farthest);
    }
    std::stable_sort(scene.objects.begin(), scene.objects.end(),
                     [](const SceneObject &a, const SceneObject &b) { return a.salience > b.salience; });
    return scene;
}

io::RgbImage ProceduralScenes::draw(const ProceduralScene &scene, uint64_t seed, int64_t imageId, int size)
{
    auto random = streamOf(seed, imageId, kDrawStream);
    const io::Rgb base = backgrounds()[scene.background].rgb;
    io::RgbImage image(size, size, base);
    const double tilt = 40 * (random.uniform() - 0.5); // a light gradient from top to bottom
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x) {
            const double shade = tilt * (y / double(size) - 0.5) + 12 * (random.uniform() - 0.5);
            double rgb[3] = {0, 0, 0};
            for (int sub = 0; sub < 4; ++sub) { // 2 × 2 samples a pixel: smooth edges
                const double sx = x + 0.25 + 0.5 * (sub % 2), sy = y + 0.25 + 0.5 * (sub / 2);
                io::Rgb colour = base;
                bool onObject = false;
                for (auto o = scene.objects.rbegin(); o != scene.objects.rend(); ++o) // most salient on top
                    if (covers(*o, sx, sy)) {
                        colour = colours()[o->colour].rgb;
                        onObject = true;
                    }
                for (int c = 0; c < 3; ++c)
                    rgb[c] += (colour[c] + (onObject ? 0.3 * shade : shade)) / 4;
            }
            uint8_t *pixel = image.at(x, y);
            for (int c = 0; c < 3; ++c)
                pixel[c] = static_cast<uint8_t>(std::clamp(std::lround(rgb[c]), 0L, 255L));
        }
    return image;
}

std::vector<std::string> ProceduralScenes::captions(const ProceduralScene &scene, int size)
{
    const auto &o = scene.objects;
    const std::string background = backgrounds()[scene.background].name;
    const auto plain = [&](const SceneObject &x) { return colourOf(x) + " " + categoryOf(x); };
    const auto full = [&](const SceneObject &x, bool alternative) { return sizeWord(x, alternative) + " " + plain(x); };
    if (o.size() == 1)
        return {"a " + full(o[0], false) + " on a " + background + " background",
                "a " + plain(o[0]) + " " + placeOf(o[0], size),
                "a picture of a " + sizeWord(o[0], true) + " " + categoryOf(o[0]) + " that is " + colourOf(o[0]),
                "a " + background + " image with one " + plain(o[0]),
                "there is a " + full(o[0], true) + " " + placeOf(o[0], size)};
    if (o.size() == 2)
        return {"a " + full(o[0], false) + " and a " + full(o[1], false) + " on a " + background + " background",
                "a " + plain(o[0]) + " " + relationOf(o[0], o[1]) + " a " + plain(o[1]),
                "two shapes: a " + plain(o[0]) + " " + placeOf(o[0], size) + " and a " + plain(o[1]) + " " +
                    placeOf(o[1], size),
                "a " + background + " picture with a " + plain(o[0]) + " and a " + full(o[1], true),
                "a " + sizeWord(o[0], true) + " " + categoryOf(o[0]) + " in " + colourOf(o[0]) + " next to a " +
                    plain(o[1])};
    return {"a " + full(o[0], false) + ", a " + full(o[1], false) + " and a " + full(o[2], false) + " on a " +
                background + " background",
            "three shapes on a " + background + " background: a " + plain(o[0]) + ", a " + plain(o[1]) + " and a " +
                plain(o[2]),
            "a " + plain(o[0]) + " " + relationOf(o[0], o[1]) + " a " + plain(o[1]) + ", with a " + plain(o[2]) + " " +
                placeOf(o[2], size),
            "a " + full(o[0], true) + " " + placeOf(o[0], size) + ", a " + plain(o[1]) + " and a " + plain(o[2]),
            "a " + background + " image showing a " + categoryOf(o[0]) + ", a " + categoryOf(o[1]) + " and a " +
                categoryOf(o[2])};
}

NsdImage ProceduralScenes::image(uint64_t seed, int64_t imageId, int size)
{
    return image(compose(seed, imageId, size), seed, imageId, size);
}

NsdImage ProceduralScenes::image(const ProceduralScene &scene, uint64_t seed, int64_t imageId, int size)
{
    NsdImage image;
    image.image = draw(scene, seed, imageId, size);
    image.captions = captions(scene, size);
    for (const auto &o : scene.objects)
        image.boxes.push_back({categoryOf(o), o.box});
    return image;
}

} // namespace vindex::data
