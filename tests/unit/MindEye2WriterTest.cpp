#include "vindex/data/MindEye2Writer.h"
#include "vindex/core/Error.h"
#include "vindex/data/MindEye2Layout.h"
#include "vindex/io/Hdf5File.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

using namespace vindex;
using namespace vindex::data;
using testsupport::fixture;

// Rebuilds mini-nsd's MindEye2 files from expected.json (formula betas, trial order, captions) and the fixture's
// images, and checks that the layout reads back the same as from the fixture.
TEST(MindEye2Writer, RebuildsTheMiniNsdLayout)
{
    const auto expected = testsupport::readJson(fixture("mini-nsd/expected.json"));
    const std::string fixtureRoot = fixture("mini-nsd");
    testsupport::TempDir dir;
    const std::string root = (dir.path() / "me2").string();
    MindEye2Writer writer(root);
    for (int subject : {1, 2}) {
        const auto &facts = expected["subjects"][std::to_string(subject)];
        const auto ids = facts["trial_images"].get<std::vector<int64_t>>();
        std::vector<int> reps(ids.size());
        for (std::size_t t = 0; t < ids.size(); ++t)
            reps[t] = static_cast<int>(std::count(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(t), ids[t]));
        writer.writeSubject(subject, facts["nvox"].get<int64_t>(), ids, [&](int64_t trial, std::span<float> row) {
            for (std::size_t v = 0; v < row.size(); ++v)
                row[v] = static_cast<float>(std::sin(0.05 * static_cast<double>(v) +
                                                     0.7 * static_cast<double>(ids[static_cast<std::size_t>(trial)])) +
                                            0.01 * reps[static_cast<std::size_t>(trial)]);
        });
    }
    const auto images =
        io::Hdf5File::open(fixtureRoot + "/" + MindEye2Layout::kImagesFile)->read("images", io::DType::F32);
    writer.writeImages(images);
    std::vector<std::vector<std::string>> captions;
    for (int i = 0; i < expected["n_images"].get<int>(); ++i)
        captions.push_back({expected["captions"][std::to_string(i)].get<std::string>()});
    writer.writeCaptions(captions);
    writer.writeShared(expected["shared"].get<std::vector<int64_t>>(), expected["n_images"].get<int64_t>());
    writer.finish();

    for (int subject : {1, 2}) {
        const MindEye2Layout original = MindEye2Layout::open(fixtureRoot, subject);
        const MindEye2Layout rebuilt = MindEye2Layout::open(root, subject);
        EXPECT_TRUE(rebuilt.problems().empty()) << rebuilt.problems().front();
        EXPECT_EQ(rebuilt.voxelCount(), original.voxelCount());
        ASSERT_EQ(rebuilt.trialCount(), original.trialCount());
        for (int64_t t = 0; t < rebuilt.trialCount(); ++t) {
            EXPECT_EQ(rebuilt.trial(t).imageId, original.trial(t).imageId);
            const auto a = rebuilt.betas(t), b = original.betas(t);
            for (std::size_t v = 0; v < a.size(); ++v)
                ASSERT_NEAR(a[v], b[v], 1e-6) << "subject " << subject << " trial " << t << " voxel " << v;
        }
        EXPECT_EQ(rebuilt.testImages(),
                  expected["subjects"][std::to_string(subject)]["splits"]["test"].get<std::vector<int64_t>>());
        for (int64_t id : {0, 21, 39}) {
            EXPECT_EQ(rebuilt.image(id).toFloatVector(), original.image(id).toFloatVector());
            const auto s = rebuilt.stimulus(id).toInt64Vector(), o = original.stimulus(id).toInt64Vector();
            for (std::size_t k = 0; k < s.size(); ++k)
                ASSERT_LE(std::abs(s[k] - o[k]), 1) << "image " << id;
            EXPECT_EQ(rebuilt.captions(id), std::vector<std::string>{captions[static_cast<std::size_t>(id)][0]});
        }
    }
    EXPECT_EQ(MindEye2Layout::subjectsIn(root), (std::vector<int>{1, 2}));
    // Nothing half-written is left behind.
    for (const auto &entry : std::filesystem::directory_iterator(root))
        EXPECT_EQ(entry.path().string().find(".part"), std::string::npos) << entry.path();

    EXPECT_THROW(writer.writeCaptions({{"1", "2", "3", "4", "5", "6"}}), Error);
    EXPECT_THROW(writer.writeShared({40}, 40), Error);
    EXPECT_THROW(writer.writeImages(io::HostTensor::allocate(io::DType::U8, {1, 3, 2, 2})), Error);
}
