// UMBRAE brain encoders (BrainXS / BrainX) against the brain-tiny reference outputs, fp32 on the CPU.
#include "ParitySupport.h"

#include "vindex/core/Error.h"
#include "vindex/decode/BrainEncoding.h"
#include "vindex/io/NpyFile.h"
#include "vindex/io/SafetensorsFile.h"
#include "vindex/io/ShardedCheckpoint.h"
#include "vindex/models/BrainEncoder.h"
#include "vindex/models/BrainX.h"
#include "vindex/models/BrainXS.h"
#include "vindex/models/SubjectTokenizer.h"
#include "vindex/models/TorchTensors.h"
#include "vindex/models/WeightLoader.h"

#include <gtest/gtest.h>

#include <iomanip>
#include <iostream>

using namespace vindex::models;
using testsupport::expectedTensor;
using testsupport::fixture;
using testsupport::float32Tolerance;
using testsupport::magnitude;
using testsupport::maxAbsError;
using vindex::decode::BrainEncodingRequest;
using vindex::decode::encodeVoxelFile;

namespace {

const std::string kFolder = "brain-tiny";

// heads × dim_head are not stored in a checkpoint: the fixture's config.json names them.
BrainEncoderOptions fixtureOptions(const char *model = "brainxs")
{
    const auto config = testsupport::readJson(fixture(kFolder + "/config.json"))[model];
    BrainEncoderOptions options;
    options.heads = config["heads"];
    options.dimHead = config["dim_head"];
    return options;
}

std::string messageOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const vindex::ModelError &e) {
        return e.what();
    }
    return "(no ModelError thrown)";
}

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

} // namespace

TEST(BrainEncoder, BrainXsTrainingCheckpointMatchesTheReference)
{
    const auto config = testsupport::readJson(fixture(kFolder + "/config.json"))["brainxs"];
    const auto encoder = BrainEncoder::load(fixture(kFolder + "/brainxs_last.pth"), Compute{}, fixtureOptions());
    ASSERT_EQ(encoder->kind(), BrainEncoder::Kind::BrainXS);
    EXPECT_EQ(encoder->kindName(), "BrainXS");
    EXPECT_EQ(encoder->voxelCount(0), config["in_dim"].get<int64_t>());
    EXPECT_EQ(encoder->hiddenWidth(), config["hidden_dim"].get<int64_t>());
    EXPECT_EQ(encoder->featureWidth(), config["out_dim"].get<int64_t>());
    EXPECT_EQ(encoder->tokenCount(), config["num_latents"].get<int64_t>());
    EXPECT_EQ(encoder->depth(), config["depth"].get<int64_t>());
    EXPECT_TRUE(encoder->subjects().empty());

    const auto output = encoder->encode(expectedTensor(kFolder, "eval_input"), 0);
    const double error = maxAbsError(output, expectedTensor(kFolder, "eval_output"));
    std::cout << "[ brainxs eval_output max abs error " << error << " ]\n";
    EXPECT_LE(error, 1e-4);
}

TEST(BrainEncoder, BrainXCrossSubjectCheckpointMatchesTheReference)
{
    const auto config = testsupport::readJson(fixture(kFolder + "/config.json"))["brainx"];
    const auto encoder = BrainEncoder::load(fixture(kFolder + "/brainx_last.pth"), Compute{}, fixtureOptions("brainx"));
    ASSERT_EQ(encoder->kind(), BrainEncoder::Kind::BrainX);
    EXPECT_EQ(encoder->subjects(), (std::vector<int>{1, 2}));
    for (int subject : {1, 2}) {
        EXPECT_EQ(encoder->voxelCount(subject), config["voxels"][std::to_string(subject)].get<int64_t>());
        const std::string s = std::to_string(subject);
        const auto output = encoder->encode(expectedTensor(kFolder, "brainx_in_fmri" + s), subject);
        const double error = maxAbsError(output, expectedTensor(kFolder, "brainx_out_fmri" + s));
        std::cout << "[ brainx fmri" << s << " max abs error " << error << " ]\n";
        EXPECT_LE(error, 1e-4) << "subject " << subject;
    }
}

TEST(BrainEncoder, InitialWeightsLoadFromSafetensorsAndDiffer)
{
    const auto trained = BrainEncoder::load(fixture(kFolder + "/brainxs_last.pth"), Compute{}, fixtureOptions());
    const auto initial =
        BrainEncoder::load(fixture(kFolder + "/brainxs_init.safetensors"), Compute{}, fixtureOptions());
    ASSERT_EQ(initial->kind(), BrainEncoder::Kind::BrainXS);
    const auto input = expectedTensor(kFolder, "eval_input");
    const auto before = initial->encode(input, 0);
    ASSERT_EQ(before.sizes(), trained->encode(input, 0).sizes());
    EXPECT_GT(maxAbsError(before, trained->encode(input, 0)), 1e-3);
}

TEST(BrainEncoder, InitialWeightsGiveTheFirstReferenceTrainingLoss)
{
    // The first training step's loss is computed before any update: MSE(init(train_voxels[0]), train_targets[0]).
    const auto initial =
        BrainEncoder::load(fixture(kFolder + "/brainxs_init.safetensors"), Compute{}, fixtureOptions());
    const auto output = initial->encode(expectedTensor(kFolder, "train_voxels")[0], 0);
    const double loss = (output - expectedTensor(kFolder, "train_targets")[0]).pow(2).mean().item<double>();
    const double reference = expectedTensor(kFolder, "train_losses")[0].item<double>();
    std::cout << std::setprecision(9) << "[ brainxs_init first-batch mse " << loss << ", reference " << reference
              << " ]\n";
    EXPECT_NEAR(loss, reference, 1e-5 * reference);
}

TEST(BrainEncoder, WrongVoxelCountNamesSubjectAndCounts)
{
    const auto brainx = BrainEncoder::load(fixture(kFolder + "/brainx_last.pth"), Compute{}, fixtureOptions("brainx"));
    const auto input = expectedTensor(kFolder, "brainx_in_fmri1"); // 200 voxels: subject 1's
    const auto message = messageOf([&] { brainx->encode(input, 2); });
    EXPECT_TRUE(contains(message, "subject 2") && contains(message, "150") && contains(message, "200")) << message;
    EXPECT_TRUE(contains(messageOf([&] { brainx->encode(input, 5); }), "subjects: 1, 2"));
    EXPECT_THROW(brainx->encode(input[0], 1), vindex::ModelError); // [voxels] without a batch

    const auto brainxs = BrainEncoder::load(fixture(kFolder + "/brainxs_last.pth"), Compute{}, fixtureOptions());
    const auto xsMessage = messageOf([&] { brainxs->encode(expectedTensor(kFolder, "brainx_in_fmri2"), 0); });
    EXPECT_TRUE(contains(xsMessage, "200") && contains(xsMessage, "150")) << xsMessage;
}

TEST(BrainEncoder, MissingTensorIsNamed)
{
    auto tensors = vindex::io::readTensorFile(fixture(kFolder + "/brainxs_init.safetensors"));
    ASSERT_EQ(tensors.erase("perceiver.perceiver.layers.1.1.3.weight"), 1u);
    const WeightLoader weights(std::move(tensors), "hand-made weights", Compute{});
    const auto message = messageOf([&] { BrainEncoder::load(weights, fixtureOptions()); });
    EXPECT_TRUE(contains(message, "perceiver.perceiver.layers.1.1.3.weight") && contains(message, "hand-made"))
        << message;
}

TEST(BrainEncoder, DataParallelPrefixIsRemoved)
{
    std::map<std::string, vindex::io::HostTensor> prefixed;
    for (auto &[name, t] : vindex::io::readTensorFile(fixture(kFolder + "/brainxs_init.safetensors")))
        prefixed.emplace("module." + name, t);
    const auto encoder =
        BrainEncoder::load(WeightLoader(std::move(prefixed), "module weights", Compute{}), fixtureOptions());
    EXPECT_EQ(encoder->kind(), BrainEncoder::Kind::BrainXS);
    EXPECT_EQ(encoder->voxelCount(0), 200);
}

TEST(BrainEncoder, OtherCheckpointsAndHeadSplitsAreRefused)
{
    // A LLaVA checkpoint is no brain encoder: the error says which keys were expected.
    const auto message = messageOf([] { BrainEncoder::load(fixture("llava-tiny/model.safetensors"), Compute{}); });
    EXPECT_TRUE(contains(message, "lin1.weight") && contains(message, "lin1.fmri{s}.weight") &&
                contains(message, "llava-tiny"))
        << message;
    // The published 16 × 96 heads do not fit the tiny perceiver's 64-wide attention.
    const auto heads = messageOf([] { BrainEncoder::load(fixture(kFolder + "/brainxs_last.pth"), Compute{}); });
    EXPECT_TRUE(contains(heads, "dim_head") && contains(heads, "1536")) << heads;
}

TEST(BrainEncoder, UseNormAndTokenLayouts)
{
    // BrainX(use_norm=True, use_token=True): lin1 = Sequential(Linear, LayerNorm, GELU, Dropout) (or GELU before
    // LayerNorm with act_first) and 5 extra learned tokens; built here from the fixture's tensors.
    auto tensors = vindex::io::readTensorFile(fixture(kFolder + "/brainx_last.pth"));
    std::map<std::string, vindex::io::HostTensor> state;
    const std::string prefix = "model_state_dict.";
    for (auto &[name, t] : tensors)
        if (name.rfind(prefix, 0) == 0)
            state.emplace(name.substr(prefix.size()), t);
    const auto lnWeight = at::linspace(0.5, 1.5, 16), lnBias = at::linspace(-0.1, 0.1, 16);
    const auto token = at::linspace(-1.0, 1.0, 5 * 64).reshape({1, 5, 64});
    for (const int subject : {1, 2}) {
        const std::string s = "fmri" + std::to_string(subject);
        for (const char *part : {"weight", "bias"}) {
            state["lin1." + s + ".0." + part] = state.at("lin1." + s + "." + part);
            state.erase("lin1." + s + "." + part);
        }
        // subject 1: LayerNorm then GELU (index 1); subject 2: act_first (LayerNorm at index 2).
        const std::string norm = "lin1." + s + (subject == 1 ? ".1." : ".2.");
        state[norm + "weight"] = fromTorch(lnWeight);
        state[norm + "bias"] = fromTorch(lnBias);
        state["token." + s] = fromTorch(token);
    }
    const WeightLoader weights(std::move(state), "use_norm weights", Compute{});
    const auto encoder = BrainEncoder::load(weights, fixtureOptions("brainx"));
    ASSERT_EQ(encoder->kind(), BrainEncoder::Kind::BrainX);
    const auto &brainx = dynamic_cast<const BrainX &>(*encoder);

    for (const int subject : {1, 2}) {
        const std::string s = "fmri" + std::to_string(subject);
        const auto input = expectedTensor(kFolder, "brainx_in_" + s);
        const auto &t = brainx.tokenizer(subject);
        EXPECT_TRUE(t.usesNorm());
        EXPECT_EQ(t.extraTokenCount(), 5);
        const auto w1 = weights.get("lin1." + s + ".0.weight"), b1 = weights.get("lin1." + s + ".0.bias");
        at::Tensor x = at::linear(input.unsqueeze(-1), w1, b1);
        x = subject == 1 ? at::gelu(at::layer_norm(x, {16}, lnWeight, lnBias, 1e-5))
                         : at::layer_norm(at::gelu(x), {16}, lnWeight, lnBias, 1e-5);
        x = at::linear(x.transpose(1, 2), weights.get("lin2." + s + ".weight"), weights.get("lin2." + s + ".bias"));
        x = at::cat({x, token.expand({2, 5, 64})}, 1);
        const auto tokens = t.forward(input);
        ASSERT_EQ(tokens.sizes(), (at::IntArrayRef{2, 21, 64}));
        // Float32 bounds from the reductions on the way (voxel count V, LayerNorm's mean and variance over 16):
        // different kernels for different shapes may sum in other orders.
        const int64_t voxels = input.size(1);
        EXPECT_LE(maxAbsError(tokens, x), float32Tolerance({1, 2 * 16, voxels}, magnitude(x)));
        // The extra tokens are only attended to: the output keeps the latent count. The perceiver's reductions per
        // block (depth 2, width 64, 4 heads × 16, 16 + 21 keys, feed-forward 4·64): LayerNorms, q/k/v, scores,
        // softmax, weighted values, output projection, feed-forward in and out.
        const auto output = encoder->encode(input, subject);
        const at::Tensor reference = encoder->perceiver().forward(x);
        const int64_t keys = 16 + 21, block = 2 * 2 * 64 + 64 + 16 + keys + keys + 64 + 64 + 4 * 64;
        EXPECT_LE(maxAbsError(output, reference), float32Tolerance({block, block, 2 * 64}, magnitude(reference)));
        EXPECT_EQ(output.sizes(), (at::IntArrayRef{2, 16, 64}));
    }
}

TEST(BrainEncoding, VoxelFileToFeaturesFile)
{
    testsupport::TempDir dir;
    const auto input = expectedTensor(kFolder, "brainx_in_fmri2"); // [2, 150]
    // [trials, repeats, voxels]: three identical repeats average to the input itself.
    vindex::io::NpyFile::write(dir.file("repeats.npy"), fromTorch(input.unsqueeze(1).repeat({1, 3, 1})));
    BrainEncodingRequest request;
    request.checkpointPath = fixture(kFolder + "/brainx_last.pth");
    request.voxelsPath = dir.file("repeats.npy");
    request.outputPath = dir.file("features.safetensors");
    request.subject = 2;
    request.batchSize = 1;
    request.heads = 4;
    request.dimHead = 16;
    int64_t lastDone = 0;
    const vindex::JobControl job([&](const vindex::JobProgress &p) {
        EXPECT_EQ(p.total, 2);
        lastDone = p.done;
    });
    request.job = &job;
    const auto result = encodeVoxelFile(request);
    EXPECT_EQ(result.encoderKind, "BrainX");
    EXPECT_EQ(result.trials, 2);
    EXPECT_EQ(result.repeatsAveraged, 3);
    EXPECT_EQ(lastDone, 2);
    const auto file = vindex::io::SafetensorsFile::open(request.outputPath);
    EXPECT_EQ(file.metadata().at("encoder"), "BrainX");
    EXPECT_EQ(file.metadata().at("subject"), "2");
    EXPECT_LE(maxAbsError(toTorch(file.tensor("features")), expectedTensor(kFolder, "brainx_out_fmri2")), 1e-4);

    // One trial as a flat [voxels] array, float64.
    vindex::io::NpyFile::write(dir.file("one.npy"), fromTorch(input[1].to(at::kDouble)));
    request.voxelsPath = dir.file("one.npy");
    request.job = nullptr;
    EXPECT_EQ(encodeVoxelFile(request).trials, 1);
    const auto one = vindex::io::SafetensorsFile::open(request.outputPath);
    EXPECT_LE(maxAbsError(toTorch(one.tensor("features"))[0], expectedTensor(kFolder, "brainx_out_fmri2")[1]), 1e-4);

    // The wrong subject's voxel count, and a cancelled run, fail before writing anything new.
    request.subject = 1;
    EXPECT_THROW(encodeVoxelFile(request), vindex::DataError);
    request.subject = 2;
    vindex::JobControl cancelled;
    cancelled.cancel();
    request.job = &cancelled;
    request.outputPath = dir.file("cancelled.safetensors");
    EXPECT_THROW(encodeVoxelFile(request), vindex::Cancelled);
    EXPECT_FALSE(std::filesystem::exists(request.outputPath));
}
