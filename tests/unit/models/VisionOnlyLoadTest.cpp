// Training targets read a LLaVA folder's vision side only: the language model (13.5 GB for a 7B model) is never
// loaded. Checked on a copy of llava-tiny whose config asks for more LLaMA layers than its weights hold, so that any
// attempt to build the language model fails.
#include "ParitySupport.h"
#include "vindex/core/Error.h"
#include "vindex/io/ImageFile.h"
#include "vindex/models/MultimodalModel.h"
#include "vindex/train/TargetExtractor.h"

#include <ATen/ATen.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

using namespace vindex;
namespace fs = std::filesystem;

namespace {

// llava-tiny with num_hidden_layers 5 (its weights hold 3) and the vision tower named by absolute path.
void writeLlavaWithoutItsLanguageModel(const testsupport::TempDir &dir)
{
    const std::string source = testsupport::fixture("llava-tiny");
    nlohmann::json config = testsupport::readJson(source + "/config.json");
    config["num_hidden_layers"] = 5;
    config["mm_vision_tower"] = fs::absolute(testsupport::fixture("clip-vit-tiny")).string();
    std::ofstream(dir.file("config.json")) << config.dump(2);
    for (const char *name : {"model.safetensors", "tokenizer.model"})
        fs::create_symlink(fs::absolute(source + "/" + name), dir.file(name));
}

} // namespace

TEST(VisionOnlyLoad, TargetsNeedNoLanguageModel)
{
    testsupport::TempDir dir;
    writeLlavaWithoutItsLanguageModel(dir);
    const models::Compute cpu;
    EXPECT_THROW(models::MultimodalModel::load(dir.path().string(), cpu), ModelError); // layers 3 and 4 are missing

    const auto model =
        models::MultimodalModel::load(dir.path().string(), cpu, models::MultimodalModel::Parts::VisionOnly);
    EXPECT_FALSE(model->hasLanguageModel());
    EXPECT_EQ(model->hiddenSize(), 64);
    EXPECT_THROW(model->llm(), ModelError);
    EXPECT_THROW(model->projectFeatures(at::zeros({1, 16, 64})), ModelError);
    const at::Tensor features = model->visionFeatures(testsupport::expectedTensor("llava-tiny", "pixel_values"));
    EXPECT_LE(testsupport::maxAbsError(features, testsupport::expectedTensor("llava-tiny", "vision_select_features")),
              1e-4);

    // The trainer's target extractor takes the same road (and computes LLaVA's SE targets from the image file).
    train::TargetSpec spec;
    spec.mllm = dir.path().string();
    spec.space = "se";
    const auto extractor = train::TargetExtractor::load(spec, cpu);
    const at::Tensor targets = extractor->features({io::ImageFile::read(testsupport::fixture("llava-tiny/image.png"))});
    EXPECT_LE(testsupport::maxAbsError(targets, testsupport::expectedTensor("llava-tiny", "vision_select_features")),
              1e-4);
}
