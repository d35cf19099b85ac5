#include "vindex/data/DemoWorld.h"

#include "vindex/core/Error.h"
#include "vindex/core/SplitMix64.h"
#include "vindex/data/ProceduralScenes.h"
#include "vindex/data/SimulatedSubject.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <numbers>

namespace vindex::data {

namespace {

void check(const DemoWorldOptions &options)
{
    const int64_t images = options.trials / 3;
    if (options.subjects.empty() || options.voxels < 1 || options.imageSize < 32 || options.noise < 0 || images < 10)
        throw DataError("demo world: need a subject, voxels >= 1, images of at least 32 px, noise >= 0 and at least "
                        "30 trials (got " +
                        std::to_string(options.voxels) + " voxels, " + std::to_string(options.trials) + " trials, " +
                        std::to_string(options.imageSize) + " px)");
}

// One subject's betas: per image the z-scored noiseless responses; noise added per showing.
struct SubjectBetas {
    std::vector<float> signal; // images × voxels
    std::vector<float> gain;
};

} // namespace

NsdDatasetDescription DemoWorld::describe(const DemoWorldOptions &options)
{
    check(options);
    const int64_t imageCount = options.trials / 3;
    const auto testCount = std::max<int64_t>(1, std::llround(imageCount * options.testShare));
    const auto valCount = std::max<int64_t>(1, std::llround(imageCount * options.valShare));
    NsdDatasetDescription description;
    std::vector<ProceduralScene> scenes;
    for (int64_t id = 0; id < imageCount; ++id) {
        scenes.push_back(ProceduralScenes::compose(options.seed, id, options.imageSize));
        NsdImage image = ProceduralScenes::image(scenes.back(), options.seed, id, options.imageSize);
        image.split = id < testCount ? Split::Test : id < testCount + valCount ? Split::Val : Split::Train;
        description.images.push_back(std::move(image));
    }
    auto betas = std::make_shared<std::vector<SubjectBetas>>();
    for (const int id : options.subjects) {
        const SimulatedSubject simulated(id, options.voxels, options.imageSize, options.seed);
        NsdSubjectDescription subject;
        subject.id = id;
        subject.shape = simulated.shape();
        subject.mask = simulated.mask();
        subject.anatomy = simulated.anatomy();
        subject.trialsPerSession = options.trialsPerSession;
        for (int repeat = 0; repeat < 3; ++repeat)
            for (int64_t image = 0; image < imageCount; ++image)
                subject.trialImages.push_back(image);
        SplitMix64 order(SplitMix64(options.seed ^ static_cast<uint64_t>(id)).next());
        for (std::size_t i = subject.trialImages.size(); i > 1; --i) // Fisher–Yates with a portable generator
            std::swap(subject.trialImages[i - 1], subject.trialImages[order.below(i)]);
        description.subjects.push_back(std::move(subject));

        const auto V = static_cast<std::size_t>(options.voxels);
        SubjectBetas b;
        b.signal.resize(static_cast<std::size_t>(imageCount) * V);
        for (int64_t image = 0; image < imageCount; ++image) {
            const auto r = simulated.respond(scenes[static_cast<std::size_t>(image)],
                                             description.images[static_cast<std::size_t>(image)].image);
            std::copy(r.begin(), r.end(), b.signal.begin() + static_cast<std::ptrdiff_t>(image * options.voxels));
        }
        for (std::size_t v = 0; v < V; ++v) { // z-score each voxel over the images
            double sum = 0, squares = 0;
            for (int64_t image = 0; image < imageCount; ++image)
                sum += b.signal[static_cast<std::size_t>(image) * V + v];
            const double mean = sum / static_cast<double>(imageCount);
            for (int64_t image = 0; image < imageCount; ++image)
                squares += std::pow(b.signal[static_cast<std::size_t>(image) * V + v] - mean, 2);
            const double sd = std::sqrt(squares / static_cast<double>(imageCount));
            for (int64_t image = 0; image < imageCount; ++image) {
                float &value = b.signal[static_cast<std::size_t>(image) * V + v];
                value = sd > 1e-9 ? static_cast<float>((value - mean) / sd) : 0.0f;
            }
        }
        for (const auto &voxel : simulated.voxels())
            b.gain.push_back(static_cast<float>(voxel.gain));
        betas->push_back(std::move(b));
    }
    const std::vector<int> subjects = options.subjects;
    const uint64_t seed = options.seed;
    const double noise = options.noise;
    description.response = [betas, subjects, seed, noise](int subject, int64_t, int64_t imageId, int repeat,
                                                          std::span<float> row) {
        const auto s =
            static_cast<std::size_t>(std::find(subjects.begin(), subjects.end(), subject) - subjects.begin());
        const SubjectBetas &b = betas->at(s);
        const float *signal = &b.signal[static_cast<std::size_t>(imageId) * row.size()];
        SplitMix64 random(SplitMix64(seed ^ static_cast<uint64_t>(subject) << 56 ^ static_cast<uint64_t>(imageId) << 8 ^
                                     static_cast<uint64_t>(repeat))
                              .next());
        for (std::size_t v = 0; v < row.size(); ++v) {
            // Box–Muller on the portable generator.
            const double u1 = 1.0 - random.uniform(), u2 = random.uniform();
            const double gaussian = std::sqrt(-2 * std::log(u1)) * std::cos(2 * std::numbers::pi * u2);
            row[v] = static_cast<float>(b.gain[v] * signal[v] + noise * gaussian);
        }
    };
    return description;
}

std::string DemoWorld::metadataJson(const DemoWorldOptions &options)
{
    check(options);
    nlohmann::ordered_json subjects = nlohmann::ordered_json::array();
    for (const int id : options.subjects) {
        const SimulatedSubject simulated(id, options.voxels, options.imageSize, options.seed);
        nlohmann::ordered_json populations = nlohmann::ordered_json::object();
        for (const auto tuning :
             {SimulatedSubject::Tuning::Contrast, SimulatedSubject::Tuning::Colour, SimulatedSubject::Tuning::Category})
            populations[SimulatedSubject::nameOf(tuning)] = simulated.count(tuning);
        subjects.push_back({{"subject", id},
                            {"grid", simulated.shape()},
                            {"roi_voxels", options.voxels},
                            {"populations", populations}});
    }
    std::vector<std::string> colours, backgrounds;
    for (const auto &c : ProceduralScenes::colours())
        colours.push_back(c.name);
    for (const auto &b : ProceduralScenes::backgrounds())
        backgrounds.push_back(b.name);
    const nlohmann::ordered_json document = {
        {"world", "vindex demo: procedural scenes seen by simulated subjects"},
        {"seed", options.seed},
        {"images", options.trials / 3},
        {"image_size", options.imageSize},
        {"trials_per_subject", options.trials},
        {"repeats", 3},
        {"test_share", options.testShare},
        {"val_share", options.valShare},
        {"scenes",
         {{"objects", "1 to 3 flat shapes, apart; boxes most salient first (0.7 area share + 0.3 centrality)"},
          {"categories", ProceduralScenes::categories()},
          {"colours", colours},
          {"backgrounds", backgrounds},
          {"captions", "5 per image in varied wording: colour, size, place in thirds, left/right/above/below, "
                       "background"}}},
        {"betas", "gain * z + noise * N(0, 1): z = the voxel's noiseless response z-scored over the images, gain in "
                  "[0.6, 1.4], noise drawn for each showing"},
        {"noise_sd", options.noise},
        {"voxels",
         {{"roi", "the most posterior grey matter of an ellipsoid brain (mask: -1 outside, 0 brain, 1 ROI)"},
          {"prf", "Gaussian population receptive fields; polar angle = the voxel's angle around the "
                  "posterior-anterior axis (left hemisphere -> right visual field)"},
          {"contrast", "most posterior 45 %: pRF-weighted colour distance from the background's base colour; "
                       "eccentricity grows from the pole, pRF sd 0.05-0.13 of the image"},
          {"colour", "next 30 %: pRF-weighted similarity to one preferred colour (shape or background colours, "
                     "angular sectors), pRF sd 0.16 of the image"},
          {"category", "last 25 %: patches preferring one shape category (angular sectors), 4 * side * "
                       "exp(-distance^2 / 2 sd^2) per such object, pRF sd 0.35 of the image"}}},
        {"subjects", subjects}};
    return document.dump(2);
}

void DemoWorld::writeMetadata(const std::string &root, const DemoWorldOptions &options)
{
    const auto path = (std::filesystem::path(root) / "simulation.json").string();
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << metadataJson(options) << "\n";
    if (!out.flush())
        throw Error(path + ": cannot be written");
}

} // namespace vindex::data
