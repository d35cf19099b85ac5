#pragma once
// The demo world's stimuli: small procedurally drawn scenes of one to three flat shapes (five categories, seven
// colours, two sizes) at free positions on one of five textured backgrounds. Each scene comes with five reference
// captions in varied wording (colours, sizes, places, left/right and above/below relations, the background) and its
// ground-truth boxes, most salient first (salience: the larger object, then the one nearer the centre). Everything
// follows from (seed, image id): the same scene, pixels and captions on every machine.
#include "vindex/data/NsdDatasetWriter.h"
#include "vindex/io/RgbImage.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace vindex::data {

struct SceneObject {
    int category = 0; // index into ProceduralScenes::categories()
    int colour = 0;   // index into ProceduralScenes::colours()
    bool large = false;
    std::array<double, 4> box{0, 0, 0, 0}; // x0, y0, x1, y1 in pixels
    double salience = 0;                   // in [0, 1]: area share and centrality
};

struct ProceduralScene {
    int background = 0;               // index into ProceduralScenes::backgrounds()
    std::vector<SceneObject> objects; // most salient first
};

class ProceduralScenes {
public:
    struct Named {
        const char *name;
        io::Rgb rgb;
    };
    static const std::vector<std::string> &categories(); // circle, square, triangle, star, cross
    static const std::vector<Named> &colours();          // of the shapes
    static const std::vector<Named> &backgrounds();      // base colour of each background

    // The scene of image `imageId` at `size` pixels square (size >= 32).
    static ProceduralScene compose(uint64_t seed, int64_t imageId, int size);
    static io::RgbImage draw(const ProceduralScene &scene, uint64_t seed, int64_t imageId, int size);
    // Five captions, the first the plainest; the same object order as the scene (most salient first).
    static std::vector<std::string> captions(const ProceduralScene &scene, int size);
    // Image, captions and boxes (categories by name) as the dataset writer takes them.
    static NsdImage image(uint64_t seed, int64_t imageId, int size);
    // The same for a scene already composed (compose(seed, imageId, size)).
    static NsdImage image(const ProceduralScene &scene, uint64_t seed, int64_t imageId, int size);

    // Whether pixel (x, y) lies on the object's shape (for drawing and for the simulated subject's tuning).
    static bool covers(const SceneObject &object, double x, double y);
};

} // namespace vindex::data
