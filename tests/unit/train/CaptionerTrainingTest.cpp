// Training a captioner through the production model code (issue 17's demo models): a model loaded with
// Compute::trainable learns to say a given caption for a given image, and the folder written back loads through the
// same loader and still says it. The truth is behavioural: greedy decoding returns the caption it was taught.
#include "vindex/train/CaptionerTraining.h"
#include "TestSupport.h"
#include "vindex/core/Error.h"
#include "vindex/io/ImageFile.h"
#include "vindex/models/Generator.h"
#include "vindex/models/MultimodalModel.h"
#include "vindex/models/TrainableWeights.h"
#include "vindex/train/AdamW.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <gtest/gtest.h>

#include <filesystem>

namespace fs = std::filesystem;
using namespace vindex;

namespace {

const std::string kCaption = "a red circle on a grey background";
const std::string kMessage = "Describe this image in one sentence.";

std::string greedyCaption(const models::MultimodalModel &model, const at::Tensor &pixels)
{
    at::NoGradGuard noGrad;
    models::GenerationOptions options;
    options.maxNewTokens = 24;
    const at::Tensor tokens = model.projectFeatures(model.visionFeatures(pixels)).squeeze(0);
    return model.generateFromTokens({model.promptText(kMessage)}, {tokens}, options).texts.front();
}

} // namespace

TEST(CaptionerTraining, LearnsACaptionAndSavesAFolderThatLoadsAndSaysIt)
{
    // llava-tiny (LLaVA-1.5 layout) and its tower folder beside it, as the fixture's mm_vision_tower refers to it.
    testsupport::TempDir dir;
    const fs::path folder = dir.path() / "llava", towerFolder = dir.path() / "clip-vit-tiny";
    fs::copy(testsupport::fixture("llava-tiny"), folder, fs::copy_options::recursive);
    fs::copy(testsupport::fixture("clip-vit-tiny"), towerFolder, fs::copy_options::recursive);

    models::Compute compute = models::Compute::parse("cpu", "f32");
    compute.trainable = std::make_shared<models::TrainableWeights>();
    const auto model = models::MultimodalModel::load(folder.string(), compute);
    const at::Tensor pixels = model->pixelValuesFromFile(testsupport::fixture("llava-tiny/image.png"));
    ASSERT_NE(greedyCaption(*model, pixels), kCaption); // untrained: random words

    // Every weight of both checkpoints was handed out trainable: the LLM, the projector and the tower.
    auto parameters = compute.trainable->parameters();
    bool projector = false, tower = false;
    for (const auto &p : parameters) {
        projector = projector || p.name.find("mm_projector") != std::string::npos;
        tower = tower || p.name.rfind("clip-vit-tiny/", 0) == 0;
    }
    EXPECT_TRUE(projector);
    EXPECT_TRUE(tower);

    at::manual_seed(0);
    train::AdamW optimizer(train::AdamW::umbraeGroups(parameters, 3e-3, 0.0));
    double first = 0, last = 0;
    for (int step = 0; step < 80; ++step) {
        optimizer.zeroGrad();
        const at::Tensor loss = train::captionLoss(*model, pixels, kMessage, kCaption);
        loss.backward();
        optimizer.step();
        (step == 0 ? first : last) = loss.item<double>();
    }
    EXPECT_LT(last, 0.05 * first);
    EXPECT_EQ(greedyCaption(*model, pixels), kCaption);

    // Written back in place of the two checkpoints (the model file, the tower folder's one), loaded as any folder:
    // the same caption.
    const auto checkpoints = compute.trainable->checkpoints();
    ASSERT_EQ(checkpoints.size(), 2u);
    for (const std::string &checkpoint : checkpoints) {
        const fs::path file =
            fs::is_directory(checkpoint) ? fs::path(checkpoint) / "model.safetensors" : fs::path(checkpoint);
        compute.trainable->save(checkpoint, file.string() + ".trained");
        fs::rename(file.string() + ".trained", file);
    }
    EXPECT_THROW(compute.trainable->save((folder / "config.json").string(), dir.file("x.safetensors")), vindex::Error);
    const auto reloaded = models::MultimodalModel::load(folder.string(), models::Compute::parse("cpu", "f32"));
    EXPECT_EQ(greedyCaption(*reloaded, pixels), kCaption);
}
