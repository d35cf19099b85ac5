#pragma once
// The demo world's simulated subject: an ellipsoid brain on a small functional grid with a T1-like underlay (scalp,
// CSF, folded grey matter over white matter, ventricles), whose posterior grey matter is the visual ROI. Each ROI
// voxel has a population receptive field (pRF) on the image, placed retinotopically (polar angle from the voxel's
// angle around the occipital pole, eccentricity growing from the pole forward), and one kind of tuning, by depth
// along the posterior–anterior axis:
//   - contrast (the most posterior 45 %, "early visual"): the pRF-weighted colour distance of the image from its
//     background's base colour — where something is;
//   - colour (next 30 %, "V4-like"): the pRF-weighted similarity (Gaussian in RGB) to one preferred colour among the
//     shape colours and background colours, preferences in angular sectors — what colour is where;
//   - category (the last 25 %, "category-selective patches"): one preferred shape category per patch (angular
//     sectors), responding to each such object by its size and its distance from a broad pRF — what is there.
// Responses are noiseless here; DemoWorld z-scores them over the images, applies each voxel's gain and adds noise.
#include "vindex/data/ProceduralScenes.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace vindex::data {

class SimulatedSubject {
public:
    enum class Tuning { Contrast, Colour, Category };
    struct Voxel {
        std::array<int64_t, 3> position{0, 0, 0}; // on the grid
        Tuning tuning = Tuning::Contrast;
        double x = 0, y = 0, sigma = 1; // pRF centre and width in pixels
        int preference = 0;             // Colour: colours() then backgrounds(); Category: categories()
        double gain = 1;
    };

    // DataError when the grey matter cannot hold roiVoxels.
    SimulatedSubject(int subjectId, int64_t roiVoxels, int imageSize, uint64_t seed);

    const std::array<int64_t, 3> &shape() const { return m_shape; }
    const std::vector<int8_t> &mask() const { return m_mask; }      // C order: −1 outside, 0 brain, 1 ROI
    const std::vector<float> &anatomy() const { return m_anatomy; } // T1-like, C order
    const std::vector<Voxel> &voxels() const { return m_voxels; }   // ROI voxels in the mask's C order
    int64_t count(Tuning tuning) const;
    static const char *nameOf(Tuning tuning);

    // Noiseless responses of every ROI voxel to one image of `scene`.
    std::vector<float> respond(const ProceduralScene &scene, const io::RgbImage &image) const;

private:
    std::array<int64_t, 3> m_shape{48, 56, 48};
    std::vector<int8_t> m_mask;
    std::vector<float> m_anatomy;
    std::vector<Voxel> m_voxels;
    int m_imageSize = 64;
    int m_grid = 32;                   // responses are read on a grid × grid sampling of the image
    std::vector<float> m_fieldWeights; // per voxel, grid × grid pRF weights summing to 1
};

} // namespace vindex::data
