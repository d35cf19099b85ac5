#include "ParitySupport.h"

#include "vindex/core/Error.h"
#include "vindex/models/ModelRegistry.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

using namespace vindex::models;
using testsupport::fixture;
namespace fs = std::filesystem;

TEST(ModelRegistry, RecognisesEveryFixtureModel)
{
    const std::vector<std::pair<std::string, ModelKind>> cases = {
        {"clip-vit-tiny", ModelKind::ClipVision},
        {"clip-full-tiny", ModelKind::ClipFull},
        {"dinov2-tiny", ModelKind::Dinov2},
        {"siglip-tiny", ModelKind::SiglipVision},
        {"llava-tiny", ModelKind::LlavaOriginal},
        {"llava-hf-tiny", ModelKind::LlavaHf},
        {"shikra-tiny", ModelKind::Shikra},
        {"brain-tiny/brainxs_last.pth", ModelKind::BrainXS},
        {"brain-tiny/brainx_last.pth", ModelKind::BrainX},
        {"brain-tiny/brainxs_init.safetensors", ModelKind::BrainXS},
    };
    for (const auto &[path, kind] : cases)
        EXPECT_EQ(ModelRegistry::identify(fixture(path)).kind, kind) << path;
}

TEST(ModelRegistry, ResolvesTheVisionTowerRelativeToTheModel)
{
    // llava-tiny/config.json names its tower "../clip-vit-tiny", as real LLaVA folders name a path or hub id.
    const auto d = ModelRegistry::identify(fixture("llava-tiny"));
    EXPECT_EQ(fs::canonical(d.visionTowerPath), fs::canonical(fixture("clip-vit-tiny")));
}

TEST(ModelRegistry, ResolvesHubNamesInAHuggingFaceCache)
{
    testsupport::TempDir dir;
    const fs::path snapshot = dir.path() / "models--openai--clip-vit-large-patch14" / "snapshots" / "abc123";
    fs::create_directories(snapshot);
    fs::create_directories(dir.path() / "models--openai--clip-vit-large-patch14" / "refs");
    testsupport::writeBytes((snapshot / "config.json").string(), "{}");
    testsupport::writeBytes((dir.path() / "models--openai--clip-vit-large-patch14" / "refs" / "main").string(),
                            "abc123");
    setenv("VINDEX_MODELS", dir.path().c_str(), 1);
    EXPECT_EQ(ModelRegistry::resolveModelPath("openai/clip-vit-large-patch14", ""), snapshot.string());
    EXPECT_EQ(ModelRegistry::resolveModelPath("openai/not-there", ""), "");
    unsetenv("VINDEX_MODELS");
}

TEST(ModelRegistry, UnsupportedOrBrokenModelsNameTheField)
{
    testsupport::TempDir dir;
    auto expectError = [&](const std::string &config, const std::string &fragment) {
        testsupport::writeBytes(dir.file("config.json"), config);
        try {
            ModelRegistry::identify(dir.path().string());
            ADD_FAILURE() << "no error for " << config;
        } catch (const vindex::Error &e) { // ModelError, or FormatError for missing weights
            EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
        }
    };
    expectError(R"({"model_type": "gpt2"})", "model_type 'gpt2' is not supported");
    expectError(R"({"hidden_size": 4})", "field 'model_type' is missing");
    expectError(R"({"model_type": "llava", "mm_vision_tower": "x", "mm_hidden_size": 4})",
                "field 'hidden_size' is missing");
    expectError("{not json", "not valid JSON");
    expectError(R"({"model_type": "llama"})", "folder holds no model.safetensors");
    testsupport::TempDir empty;
    EXPECT_THROW(ModelRegistry::identify(empty.path().string()), vindex::ModelError);
    EXPECT_THROW(ModelRegistry::identify(fixture("clip-vit-tiny/expected.safetensors")), vindex::ModelError);
}
