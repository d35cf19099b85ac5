#include "vindex/data/SimulatedSubject.h"

#include "vindex/core/Error.h"
#include "vindex/core/SplitMix64.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

namespace vindex::data {

namespace {

constexpr double kContrastShare = 0.45, kColourShare = 0.30; // of the ROI, posterior first; the rest: category
constexpr double kGreyDepth = 3.0;                           // grey matter thickness, voxels

double squared(double v)
{
    return v * v;
}

// The colours a colour-tuned voxel may prefer: the shapes' colours, then the backgrounds'.
std::vector<io::Rgb> colourPrototypes()
{
    std::vector<io::Rgb> prototypes;
    for (const auto &c : ProceduralScenes::colours())
        prototypes.push_back(c.rgb);
    for (const auto &b : ProceduralScenes::backgrounds())
        prototypes.push_back(b.rgb);
    return prototypes;
}

} // namespace

const char *SimulatedSubject::nameOf(Tuning tuning)
{
    switch (tuning) {
    case Tuning::Contrast: return "contrast";
    case Tuning::Colour: return "colour";
    default: return "category";
    }
}

int64_t SimulatedSubject::count(Tuning tuning) const
{
    return std::count_if(m_voxels.begin(), m_voxels.end(), [&](const Voxel &v) { return v.tuning == tuning; });
}

SimulatedSubject::SimulatedSubject(int subjectId, int64_t roiVoxels, int imageSize, uint64_t seed)
    : m_imageSize(imageSize), m_grid(std::min(imageSize, 32))
{
    SplitMix64 random(SplitMix64(seed ^ (static_cast<uint64_t>(subjectId) << 48)).next());
    const auto [X, Y, Z] = m_shape;
    // Each subject's head differs a little.
    const double rx = 19 + 1.5 * random.uniform(), ry = 23 + 1.5 * random.uniform(), rz = 17 + 1.5 * random.uniform();
    const double cx = (X - 1) / 2.0, cy = (Y - 1) / 2.0, cz = (Z - 1) / 2.0;
    const double fold = random.uniform() * 2 * std::numbers::pi;
    m_mask.assign(static_cast<std::size_t>(X * Y * Z), -1);
    m_anatomy.assign(m_mask.size(), 0.0f);
    std::vector<std::size_t> grey; // grey-matter voxels, C order
    for (int64_t x = 0; x < X; ++x)
        for (int64_t y = 0; y < Y; ++y)
            for (int64_t z = 0; z < Z; ++z) {
                const auto i = static_cast<std::size_t>((x * Y + y) * Z + z);
                const double rho = std::sqrt(squared((x - cx) / rx) + squared((y - cy) / ry) + squared((z - cz) / rz));
                const double depth = (1 - rho) * (rx + ry + rz) / 3; // voxels below the brain's surface
                // Sulci: the grey/white boundary folds in and out.
                const double folding = 1.6 * std::sin(x / 2.3 + fold) * std::sin(y / 2.9) * std::sin(z / 2.1 + fold);
                const bool ventricle = squared((x - cx) / 3.5) + squared((y - cy - 2) / 8) + squared((z - cz) / 3) < 1;
                const double texture = 25 * (random.uniform() - 0.5);
                float t1 = 0;
                if (rho <= 1) {
                    m_mask[i] = 0;
                    if (ventricle)
                        t1 = 180;
                    else if (depth < kGreyDepth + folding) {
                        t1 = 560;
                        grey.push_back(i);
                    } else {
                        t1 = 860;
                    }
                } else if (rho <= 1.07) {
                    t1 = 140; // CSF
                } else if (rho <= 1.2) {
                    t1 = 720; // scalp
                }
                m_anatomy[i] = t1 > 0 ? static_cast<float>(t1 + texture) : 0.0f;
            }
    if (roiVoxels < 1 || roiVoxels > static_cast<int64_t>(grey.size()) / 2)
        throw DataError("simulated subject: " + std::to_string(roiVoxels) +
                        " ROI voxels do not fit its visual "
                        "cortex (1 to " +
                        std::to_string(grey.size() / 2) + ")");
    // The visual ROI: the most posterior grey matter (smallest y), kept in C order as NSD's ROI vectors are.
    std::vector<std::size_t> byDepth = grey;
    std::stable_sort(byDepth.begin(), byDepth.end(),
                     [&](std::size_t a, std::size_t b) { return (a / Z) % Y < (b / Z) % Y; });
    byDepth.resize(static_cast<std::size_t>(roiVoxels));
    std::vector<std::size_t> roi = byDepth;
    std::sort(roi.begin(), roi.end());
    std::vector<std::size_t> rank(m_mask.size(), 0); // posterior-to-anterior rank within the ROI
    for (std::size_t r = 0; r < byDepth.size(); ++r)
        rank[byDepth[r]] = r;

    const auto prototypes = colourPrototypes();
    const int categories = static_cast<int>(ProceduralScenes::categories().size());
    const double half = imageSize / 2.0;
    for (const std::size_t i : roi) {
        m_mask[i] = 1;
        Voxel v;
        const auto x = static_cast<int64_t>(i / static_cast<std::size_t>(Y * Z));
        const auto y = static_cast<int64_t>(i / static_cast<std::size_t>(Z) % static_cast<std::size_t>(Y));
        const auto z = static_cast<int64_t>(i % static_cast<std::size_t>(Z));
        v.position = {x, y, z};
        const double share = (rank[i] + 0.5) / static_cast<double>(roi.size());
        // Polar angle: the voxel's angle around the posterior–anterior axis (left hemisphere → right field).
        const double angle = std::atan2(z - cz, cx - x);
        const int sector = static_cast<int>(std::floor((angle + std::numbers::pi) / (2 * std::numbers::pi) * 12)) % 12;
        double eccentricity = 0, sigma = 0;
        if (share < kContrastShare) {
            v.tuning = Tuning::Contrast;
            eccentricity = 0.08 + 0.92 * share / kContrastShare;
            sigma = imageSize * (0.05 + 0.08 * eccentricity);
        } else if (share < kContrastShare + kColourShare) {
            v.tuning = Tuning::Colour;
            v.preference = sector % static_cast<int>(prototypes.size());
            eccentricity = 0.1 + 0.8 * random.uniform();
            sigma = imageSize * 0.16;
        } else {
            v.tuning = Tuning::Category;
            v.preference =
                static_cast<int>((angle + std::numbers::pi) / (2 * std::numbers::pi) * categories) % categories;
            eccentricity = 0.5 * random.uniform();
            sigma = imageSize * 0.35;
        }
        const double jitter = 0.15 * (random.uniform() - 0.5);
        v.x = half + half * eccentricity * std::cos(angle + jitter);
        v.y = half - half * eccentricity * std::sin(angle + jitter);
        v.sigma = sigma;
        v.gain = 0.6 + 0.8 * random.uniform();
        m_voxels.push_back(v);
    }
    // pRF weights on the sampling grid (pixel centres of a grid × grid resampling).
    const double step = imageSize / static_cast<double>(m_grid);
    m_fieldWeights.resize(m_voxels.size() * static_cast<std::size_t>(m_grid * m_grid));
    for (std::size_t k = 0; k < m_voxels.size(); ++k) {
        const Voxel &v = m_voxels[k];
        float *w = &m_fieldWeights[k * static_cast<std::size_t>(m_grid * m_grid)];
        double sum = 0;
        for (int gy = 0; gy < m_grid; ++gy)
            for (int gx = 0; gx < m_grid; ++gx) {
                const double px = (gx + 0.5) * step, py = (gy + 0.5) * step;
                const double value = std::exp(-(squared(px - v.x) + squared(py - v.y)) / (2 * squared(v.sigma)));
                w[gy * m_grid + gx] = static_cast<float>(value);
                sum += value;
            }
        for (int p = 0; p < m_grid * m_grid; ++p)
            w[p] = static_cast<float>(w[p] / std::max(sum, 1e-12));
    }
}

std::vector<float> SimulatedSubject::respond(const ProceduralScene &scene, const io::RgbImage &image) const
{
    // Features on the sampling grid: contrast against the background's base colour, similarity to each prototype.
    const auto prototypes = colourPrototypes();
    const io::Rgb base = ProceduralScenes::backgrounds()[scene.background].rgb;
    const int cells = m_grid * m_grid;
    std::vector<float> contrast(static_cast<std::size_t>(cells));
    std::vector<float> similarity(prototypes.size() * static_cast<std::size_t>(cells));
    const double step = image.width / static_cast<double>(m_grid);
    for (int gy = 0; gy < m_grid; ++gy)
        for (int gx = 0; gx < m_grid; ++gx) {
            const int cell = gy * m_grid + gx;
            const uint8_t *pixel = image.at(std::min(image.width - 1, static_cast<int>((gx + 0.5) * step)),
                                            std::min(image.height - 1, static_cast<int>((gy + 0.5) * step)));
            double distance = 0;
            for (int c = 0; c < 3; ++c)
                distance += squared(pixel[c] - base[c]);
            contrast[static_cast<std::size_t>(cell)] = static_cast<float>(std::sqrt(distance) / (255 * std::sqrt(3.0)));
            for (std::size_t p = 0; p < prototypes.size(); ++p) {
                double d = 0;
                for (int c = 0; c < 3; ++c)
                    d += squared(pixel[c] - prototypes[p][c]);
                similarity[p * static_cast<std::size_t>(cells) + static_cast<std::size_t>(cell)] =
                    static_cast<float>(std::exp(-d / (2 * squared(45.0))));
            }
        }
    std::vector<float> response(m_voxels.size());
    for (std::size_t k = 0; k < m_voxels.size(); ++k) {
        const Voxel &v = m_voxels[k];
        const float *w = &m_fieldWeights[k * static_cast<std::size_t>(cells)];
        double r = 0;
        if (v.tuning == Tuning::Contrast) {
            r = std::inner_product(w, w + cells, contrast.begin(), 0.0);
        } else if (v.tuning == Tuning::Colour) {
            const float *map = &similarity[static_cast<std::size_t>(v.preference) * static_cast<std::size_t>(cells)];
            r = std::inner_product(w, w + cells, map, 0.0);
        } else {
            for (const auto &o : scene.objects) {
                if (o.category != v.preference)
                    continue;
                const double ox = (o.box[0] + o.box[2]) / 2, oy = (o.box[1] + o.box[3]) / 2;
                const double side = (o.box[2] - o.box[0]) / m_imageSize;
                r += 4 * side * std::exp(-(squared(ox - v.x) + squared(oy - v.y)) / (2 * squared(v.sigma)));
            }
        }
        response[k] = static_cast<float>(r);
    }
    return response;
}

} // namespace vindex::data
