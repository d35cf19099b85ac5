// The demo world (issue 17): procedural scenes whose captions and boxes follow from the drawing, a simulated subject
// whose voxels respond as its documentation says, and a dataset that is the same on every run and opens in every
// layout. The expected values are closed-form facts of the construction (what a shape covers, where the pRF is,
// which category a patch prefers), never numbers the code produced before.
#include "vindex/data/DemoWorld.h"
#include "TestSupport.h"
#include "vindex/core/Error.h"
#include "vindex/data/ProceduralScenes.h"
#include "vindex/data/Session.h"
#include "vindex/data/SimulatedSubject.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <numeric>
#include <set>

using namespace vindex::data;

namespace {

bool mentions(const std::string &text, const std::string &word)
{
    return text.find(word) != std::string::npos;
}

} // namespace

TEST(ProceduralScenes, CaptionsAndBoxesDescribeTheDrawing)
{
    const int size = 64;
    std::set<std::size_t> objectCounts;
    for (int64_t id = 0; id < 60; ++id) {
        const ProceduralScene scene = ProceduralScenes::compose(5, id, size);
        const NsdImage image = ProceduralScenes::image(5, id, size);
        ASSERT_FALSE(scene.objects.empty());
        ASSERT_LE(scene.objects.size(), 3u);
        objectCounts.insert(scene.objects.size());
        ASSERT_EQ(image.boxes.size(), scene.objects.size());
        ASSERT_EQ(image.captions.size(), 5u);
        const std::string background = ProceduralScenes::backgrounds()[scene.background].name;
        EXPECT_TRUE(mentions(image.captions[0], background + " background")) << image.captions[0];
        for (std::size_t k = 0; k < scene.objects.size(); ++k) {
            const SceneObject &o = scene.objects[k];
            const std::string colour = ProceduralScenes::colours()[o.colour].name;
            const std::string category = ProceduralScenes::categories()[o.category];
            EXPECT_EQ(image.boxes[k].category, category);
            // The plainest caption names every object with its size, colour and category, most salient first.
            EXPECT_TRUE(mentions(image.captions[0], (o.large ? "large " : "small ") + colour + " " + category))
                << image.captions[0];
            if (k > 0)
                EXPECT_GE(scene.objects[k - 1].salience, o.salience);
            // Inside the image, apart from the others, and the box centre (on every shape) has the object's colour
            // up to the background's light gradient and noise.
            EXPECT_GE(o.box[0], 0);
            EXPECT_LE(o.box[2], size);
            for (std::size_t j = k + 1; j < scene.objects.size(); ++j) {
                const auto &p = scene.objects[j].box;
                EXPECT_TRUE(o.box[2] < p[0] || p[2] < o.box[0] || o.box[3] < p[1] || p[3] < o.box[1]);
            }
            const int cx = static_cast<int>((o.box[0] + o.box[2]) / 2),
                      cy = static_cast<int>((o.box[1] + o.box[3]) / 2);
            EXPECT_TRUE(ProceduralScenes::covers(o, cx + 0.5, cy + 0.5));
            const uint8_t *pixel = image.image.at(cx, cy);
            for (int c = 0; c < 3; ++c)
                EXPECT_NEAR(pixel[c], ProceduralScenes::colours()[o.colour].rgb[c], 10) << id << " " << category;
        }
        // The same scene, pixels and captions from the same seed; another seed draws another world.
        const NsdImage again = ProceduralScenes::image(5, id, size);
        EXPECT_EQ(again.image.pixels, image.image.pixels);
        EXPECT_EQ(again.captions, image.captions);
    }
    EXPECT_EQ(objectCounts, (std::set<std::size_t>{1, 2, 3}));
    EXPECT_NE(ProceduralScenes::image(6, 0, size).image.pixels, ProceduralScenes::image(5, 0, size).image.pixels);
    EXPECT_THROW(ProceduralScenes::compose(5, 0, 16), vindex::DataError);
}

TEST(ProceduralScenes, ShapesCoverWhatTheirNamesSay)
{
    SceneObject o;
    o.box = {0, 0, 30, 30};
    o.category = 0; // circle: the centre, not the corners
    EXPECT_TRUE(ProceduralScenes::covers(o, 15, 15));
    EXPECT_FALSE(ProceduralScenes::covers(o, 1, 1));
    o.category = 1; // square: the corners too
    EXPECT_TRUE(ProceduralScenes::covers(o, 1, 1));
    o.category = 2; // triangle, apex up: bottom corners, not top corners
    EXPECT_TRUE(ProceduralScenes::covers(o, 1, 29.5));
    EXPECT_FALSE(ProceduralScenes::covers(o, 1, 1));
    o.category = 3; // star: the top tip, not between two tips at the same radius
    EXPECT_TRUE(ProceduralScenes::covers(o, 15, 1));
    EXPECT_FALSE(ProceduralScenes::covers(o, 15 + 14 * std::sin(M_PI / 5), 15 - 14 * std::cos(M_PI / 5)));
    o.category = 4; // cross: the arms, not the corners
    EXPECT_TRUE(ProceduralScenes::covers(o, 15, 1));
    EXPECT_TRUE(ProceduralScenes::covers(o, 1, 15));
    EXPECT_FALSE(ProceduralScenes::covers(o, 3, 3));
}

TEST(SimulatedSubject, VoxelsAreWhereAndWhatTheDocumentationSays)
{
    const int size = 64;
    const SimulatedSubject subject(1, 600, size, 17);
    const auto [X, Y, Z] = subject.shape();
    ASSERT_EQ(subject.mask().size(), static_cast<std::size_t>(X * Y * Z));
    EXPECT_EQ(std::count(subject.mask().begin(), subject.mask().end(), int8_t{1}), 600);
    ASSERT_EQ(subject.voxels().size(), 600u);
    // Populations: 45 % contrast, 30 % colour, the rest category, posterior to anterior.
    EXPECT_EQ(subject.count(SimulatedSubject::Tuning::Contrast), 270);
    EXPECT_EQ(subject.count(SimulatedSubject::Tuning::Colour), 180);
    EXPECT_EQ(subject.count(SimulatedSubject::Tuning::Category), 150);
    int64_t contrastY = 0, categoryY = 0;
    for (const auto &v : subject.voxels()) {
        EXPECT_EQ(subject.mask()[static_cast<std::size_t>((v.position[0] * Y + v.position[1]) * Z + v.position[2])], 1);
        if (v.tuning == SimulatedSubject::Tuning::Contrast)
            contrastY += v.position[1];
        if (v.tuning == SimulatedSubject::Tuning::Category)
            categoryY += v.position[1];
    }
    EXPECT_LT(double(contrastY) / 270, double(categoryY) / 150); // early visual behind the category patches
    // ROI voxels are in C order, as NSD's ROI vectors.
    for (std::size_t k = 1; k < subject.voxels().size(); ++k)
        EXPECT_LT(subject.voxels()[k - 1].position, subject.voxels()[k].position);

    // One object in an otherwise plain image: contrast voxels whose pRF centre is on it respond more than those far
    // from it; category voxels preferring another category do not respond at all.
    ProceduralScene scene;
    scene.background = 0;
    SceneObject square;
    square.category = 1;
    square.colour = 0;
    square.box = {4, 4, 28, 28};
    scene.objects = {square};
    vindex::io::RgbImage image(size, size, ProceduralScenes::backgrounds()[0].rgb);
    for (int y = 4; y < 28; ++y)
        for (int x = 4; x < 28; ++x)
            std::copy_n(ProceduralScenes::colours()[0].rgb.begin(), 3, image.at(x, y));
    const auto response = subject.respond(scene, image);
    double onObject = 0, farAway = 0;
    int on = 0, far = 0;
    for (std::size_t k = 0; k < subject.voxels().size(); ++k) {
        const auto &v = subject.voxels()[k];
        if (v.tuning == SimulatedSubject::Tuning::Category && v.preference != 1)
            EXPECT_EQ(response[k], 0.0f);
        if (v.tuning != SimulatedSubject::Tuning::Contrast)
            continue;
        if (v.x > 8 && v.x < 24 && v.y > 8 && v.y < 24)
            onObject += response[k], ++on;
        if (v.x > 40 && v.y > 40)
            farAway += response[k], ++far;
    }
    ASSERT_GT(on, 0);
    ASSERT_GT(far, 0);
    // Red on grey: an RGB distance of 152 of 441 (0.345) where the pRF lies wholly on the square.
    EXPECT_GT(onObject / on, 0.2);
    EXPECT_LT(farAway / far, 0.01); // nothing there
    EXPECT_THROW(SimulatedSubject(1, 100000, size, 17), vindex::DataError);
}

TEST(DemoWorld, IsDeterministicAndOpensInEveryLayoutWithItsMetadata)
{
    DemoWorldOptions options;
    options.voxels = 300;
    options.trials = 90; // 30 images: 3 test, 1 validation
    options.trialsPerSession = 40;
    const auto first = DemoWorld::describe(options), second = DemoWorld::describe(options);
    ASSERT_EQ(first.images.size(), 30u);
    std::vector<float> a(300), b(300), other(300);
    first.response(1, 0, 7, 2, a);
    second.response(1, 0, 7, 2, b);
    first.response(1, 0, 7, 1, other);
    EXPECT_EQ(a, b);
    EXPECT_NE(a, other); // noise differs between showings
    // The signal is shared between showings: repeats of one image correlate more than two images do.
    const auto correlation = [](const std::vector<float> &x, const std::vector<float> &y) {
        const double mx = std::accumulate(x.begin(), x.end(), 0.0) / x.size();
        const double my = std::accumulate(y.begin(), y.end(), 0.0) / y.size();
        double sxy = 0, sxx = 0, syy = 0;
        for (std::size_t i = 0; i < x.size(); ++i)
            sxy += (x[i] - mx) * (y[i] - my), sxx += (x[i] - mx) * (x[i] - mx), syy += (y[i] - my) * (y[i] - my);
        return sxy / std::sqrt(sxx * syy);
    };
    std::vector<float> image8(300);
    first.response(1, 0, 8, 2, image8);
    EXPECT_GT(correlation(a, other), correlation(a, image8) + 0.2);

    testsupport::TempDir dir;
    NsdDatasetWriter::write(dir.path().string(), first);
    DemoWorld::writeMetadata(dir.path().string(), options);
    const Session session = Session::open(dir.path().string());
    EXPECT_TRUE(session.problems().empty()) << session.problems().front();
    for (NsdLayout layout : {NsdLayout::Webdataset, NsdLayout::MindEye2, NsdLayout::Native}) {
        const Subject subject = session.subject(1, {layout});
        EXPECT_EQ(subject.voxelCount(), 300) << nsdLayoutName(layout);
        EXPECT_EQ(subject.trialCount(Split::Test), 3) << nsdLayoutName(layout);
    }
    std::ifstream in(dir.file("simulation.json"));
    const auto metadata = nlohmann::json::parse(in);
    EXPECT_EQ(metadata["seed"], options.seed);
    EXPECT_EQ(metadata["noise_sd"], options.noise);
    EXPECT_EQ(metadata["subjects"][0]["populations"]["contrast"], 135); // 45 % of 300
    options.trials = 12;
    EXPECT_THROW(DemoWorld::describe(options), vindex::DataError);
}
