// Training checkpoints: our format resumes exactly, UMBRAE's train.py checkpoints start or continue runs, and our
// export has the layout and values of the reference's brainxs_last.pth.
#include "BrainTinyTraining.h"
#include "models/ParitySupport.h"

#include "vindex/core/Error.h"
#include "vindex/io/PickleValue.h"
#include "vindex/io/TorchCheckpoint.h"
#include "vindex/models/BrainX.h"
#include "vindex/models/TorchTensors.h"
#include "vindex/models/WeightLoader.h"
#include "vindex/train/TrainingCheckpoint.h"
#include "vindex/train/TrainingSession.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace vindex;
using namespace testsupport;

namespace {

const std::string kFolder = "brain-tiny";

// Largest |a − b| over all parameters of two sessions' encoders (0 means bitwise equal).
double weightDifference(train::TrainingSession &a, train::TrainingSession &b)
{
    const auto left = a.encoder().stateDict(), right = b.encoder().stateDict();
    EXPECT_EQ(left.size(), right.size());
    double worst = 0;
    for (std::size_t i = 0; i < left.size() && i < right.size(); ++i) {
        EXPECT_EQ(left[i].first, right[i].first);
        worst = std::max(worst, maxAbsError(left[i].second, right[i].second));
    }
    return worst;
}

std::vector<std::string> names(models::BrainEncoder &encoder)
{
    std::vector<std::string> out;
    for (const auto &p : encoder.parameters())
        out.push_back(p.name);
    return out;
}

std::vector<train::TrainingBatch> brainXBatches()
{
    // Both subjects in one step, as train_brainx.py sums two subjects' losses; targets: the reference outputs of
    // the other subject (anything of the right shape).
    return {{expectedTensor(kFolder, "brainx_in_fmri1"), expectedTensor(kFolder, "brainx_out_fmri2"), 1},
            {expectedTensor(kFolder, "brainx_in_fmri2"), expectedTensor(kFolder, "brainx_out_fmri1"), 2}};
}

} // namespace

TEST(TrainingCheckpoint, ParametersComeInTorchsNamedParametersOrder)
{
    auto brainxs = brainTinyInitialEncoder();
    EXPECT_EQ(names(*brainxs), readJson(fixture(kFolder + "/config.json"))["keys"].get<std::vector<std::string>>());
    auto brainx = models::BrainEncoder::load(fixture(kFolder + "/brainx_last.pth"), models::Compute{},
                                             brainTinyArchitecture("brainx"));
    std::vector<std::string> reference;
    for (const auto &[name, t] :
         io::TorchCheckpoint::load(fixture(kFolder + "/brainx_last.pth")).stateDict("model_state_dict"))
        reference.push_back(name);
    EXPECT_EQ(names(*brainx), reference);
}

TEST(TrainingCheckpoint, ResumeContinuesExactly)
{
    TempDir dir;
    auto straight = brainTinySession(6);
    auto first = brainTinySession(3);
    first->save(dir.file("last.safetensors"));
    auto resumed = train::TrainingSession::resume(dir.file("last.safetensors"), models::Compute{});
    EXPECT_EQ(resumed->history().globalStep, 3);
    for (int64_t i = 3; i < 6; ++i)
        resumed->step(brainTinyBatch(i));
    EXPECT_EQ(weightDifference(*straight, *resumed), 0.0);
    EXPECT_EQ(resumed->history().losses, straight->history().losses);
    EXPECT_EQ(resumed->history().lrs, straight->history().lrs);
    EXPECT_EQ(resumed->optimizer().groups()[0].beta1, straight->optimizer().groups()[0].beta1);
    for (std::size_t i = 0; i < straight->optimizer().parameterCount(); ++i)
        EXPECT_EQ(maxAbsError(resumed->optimizer().state(i).expAvgSq, straight->optimizer().state(i).expAvgSq), 0.0);
}

TEST(TrainingCheckpoint, ResumeRestoresDropoutRandomnessAndCrossSubjectSteps)
{
    TempDir dir;
    const auto recipe = brainTinyRecipe();
    at::manual_seed(7);
    train::TrainingSession straight(useNormBrainX(), brainTinyArchitecture("brainx"), recipe, 4);
    for (int i = 0; i < 4; ++i)
        straight.step(brainXBatches());

    at::manual_seed(7);
    auto first = std::make_unique<train::TrainingSession>(useNormBrainX(), brainTinyArchitecture("brainx"), recipe, 4);
    for (int i = 0; i < 2; ++i)
        first->step(brainXBatches());
    first->save(dir.file("last.safetensors"));
    at::manual_seed(12345); // whatever ran in between must not matter
    auto resumed = train::TrainingSession::resume(dir.file("last.safetensors"), models::Compute{});
    ASSERT_EQ(resumed->encoder().kind(), models::BrainEncoder::Kind::BrainX);
    for (int i = 0; i < 2; ++i)
        resumed->step(brainXBatches());
    EXPECT_EQ(weightDifference(straight, *resumed), 0.0);
    EXPECT_EQ(resumed->history().losses, straight.history().losses);
}

TEST(TrainingCheckpoint, FileIsAPlainEncoderCheckpointWithAReadableDocument)
{
    TempDir dir;
    auto session = brainTinySession(2);
    session->run() = {{"subject", 1}};
    session->save(dir.file("last.safetensors"));
    EXPECT_TRUE(train::TrainingCheckpoint::isTrainingCheckpoint(dir.file("last.safetensors")));
    EXPECT_FALSE(train::TrainingCheckpoint::isTrainingCheckpoint(fixture(kFolder + "/brainxs_init.safetensors")));

    const auto encoder =
        models::BrainEncoder::load(dir.file("last.safetensors"), models::Compute{}, brainTinyArchitecture());
    at::NoGradGuard noGrad;
    const auto input = expectedTensor(kFolder, "eval_input");
    EXPECT_EQ(maxAbsError(encoder->encode(input, 0), session->encoder().encode(input, 0)), 0.0);

    const auto document = readJson(dir.file("last.json"));
    EXPECT_EQ(document, train::TrainingCheckpoint(dir.file("last.safetensors")).state());
    EXPECT_EQ(document["history"]["global_step"], 2);
    EXPECT_EQ(document["run"]["subject"], 1);
    EXPECT_EQ(document["format"], "vindex-training-checkpoint");
    EXPECT_THROW(train::TrainingCheckpoint{fixture(kFolder + "/brainxs_init.safetensors")}, FormatError);
}

TEST(UmbraeCheckpoint, ExportHasTheReferenceLayoutAndValues)
{
    // After the same six steps, our export and train.py's brainxs_last.pth must agree in every non-tensor value
    // (optimizer groups, scheduler state: identical arithmetic) and in the tensors to float tolerance.
    TempDir dir;
    auto session = brainTinySession(6);
    session->history().valLosses = {1.3114207983016968}; // train.py validated once on the last batch
    session->history().epoch = 1;                        // the epoch is finished
    session->history().stepInEpoch = 0;
    session->exportUmbrae(dir.file("brainxs_last.pth"));
    const auto ours = io::TorchCheckpoint::load(dir.file("brainxs_last.pth"));
    const auto reference = io::TorchCheckpoint::load(fixture(kFolder + "/brainxs_last.pth"));
    EXPECT_EQ(ours.archiveName(), "brainxs_last");

    std::vector<std::string> ourKeys, referenceKeys;
    for (const auto &item : ours.root().dictItems())
        ourKeys.push_back(item.key->toStr());
    for (const auto &item : reference.root().dictItems())
        referenceKeys.push_back(item.key->toStr());
    EXPECT_EQ(ourKeys, referenceKeys);
    EXPECT_EQ(ours.root().at("epoch").toInt(), reference.root().at("epoch").toInt());
    const auto &ourGroups = ours.root().at("optimizer_state_dict").at("param_groups");
    const auto &referenceGroups = reference.root().at("optimizer_state_dict").at("param_groups");
    EXPECT_EQ(ourGroups.toString(100000), referenceGroups.toString(100000));
    EXPECT_EQ(ours.root().at("lr_scheduler").toString(100000), reference.root().at("lr_scheduler").toString(100000));
    EXPECT_EQ(ours.root().at("lrs").toString(100000), reference.root().at("lrs").toString(100000));
    EXPECT_EQ(ours.root().at("val_losses").toString(), reference.root().at("val_losses").toString());

    const auto ourTensors = ours.stateDict();
    const auto referenceTensors = reference.stateDict();
    ASSERT_EQ(ourTensors.size(), referenceTensors.size());
    double worst = 0;
    for (std::size_t i = 0; i < ourTensors.size(); ++i) {
        ASSERT_EQ(ourTensors[i].first, referenceTensors[i].first);
        const at::Tensor a = models::toTorch(ourTensors[i].second), b = models::toTorch(referenceTensors[i].second);
        ASSERT_EQ(a.sizes(), b.sizes()) << ourTensors[i].first;
        ASSERT_EQ(a.scalar_type(), b.scalar_type()) << ourTensors[i].first;
        const double scale = std::max(1.0, b.abs().max().item<double>());
        worst = std::max(worst, maxAbsError(a, b) / scale);
    }
    EXPECT_LE(worst, 1e-5);
}

TEST(UmbraeCheckpoint, ExportThenContinueEqualsAnUninterruptedRun)
{
    // Results move both ways: stop after 3 of 6 steps, export train.py's dict, start from it, finish.
    TempDir dir;
    auto straight = brainTinySession(6);
    brainTinySession(3)->exportUmbrae(dir.file("half.pth"));
    std::string note;
    auto continued = train::TrainingSession::fromUmbrae(
        dir.file("half.pth"), models::Compute{}, brainTinyArchitecture(), brainTinyRecipe(), brainTinySteps(), &note);
    EXPECT_NE(note.find("schedule at step 3 of 6"), std::string::npos) << note;
    EXPECT_EQ(continued->history().globalStep, 3);
    for (int64_t i = 3; i < 6; ++i)
        continued->step(brainTinyBatch(i));
    EXPECT_EQ(weightDifference(*straight, *continued), 0.0);
    EXPECT_EQ(continued->history().losses, straight->history().losses);
}

TEST(UmbraeCheckpoint, ReferenceCheckpointsStartNewRuns)
{
    // brainxs_last.pth: weights and AdamW moments (its schedule is finished, so a new one starts).
    std::string note;
    auto session = train::TrainingSession::fromUmbrae(fixture(kFolder + "/brainxs_last.pth"), models::Compute{},
                                                      brainTinyArchitecture(), brainTinyRecipe(), 4, &note);
    EXPECT_NE(note.find("AdamW moments (step 6)"), std::string::npos) << note;
    EXPECT_NE(note.find("new schedule of 4 steps"), std::string::npos) << note;
    const auto reference = io::TorchCheckpoint::load(fixture(kFolder + "/brainxs_last.pth"));
    const io::PickleValue &state = reference.root().at("optimizer_state_dict").at("state");
    const at::Tensor m6 = models::toTorch(state.find(int64_t{1})->at("exp_avg").tensor()).clone(); // lin2.weight
    ASSERT_EQ(session->optimizer().name(1), "lin2.weight");
    EXPECT_EQ(maxAbsError(session->optimizer().state(1).expAvg, m6), 0.0);

    session->step(brainTinyBatch(0));
    // AdamW's seventh step: m7 = lerp(m6, g, 1 − β1) with the new schedule's first β1 (max_momentum 0.95).
    const at::Tensor grad = session->optimizer().parameter(1).grad();
    EXPECT_EQ(session->optimizer().state(1).step, 7.0);
    EXPECT_LE(maxAbsError(session->optimizer().state(1).expAvg, m6 * 0.95 + grad * 0.05), 1e-7);

    // brainx_last.pth (train_brainx.py): weights only.
    auto brainx = train::TrainingSession::fromUmbrae(fixture(kFolder + "/brainx_last.pth"), models::Compute{},
                                                     brainTinyArchitecture("brainx"), brainTinyRecipe(), 2, &note);
    EXPECT_EQ(note, "weights");
    const double before = brainx->evaluate(brainXBatches()[0]);
    brainx->step(brainXBatches());
    brainx->step(brainXBatches());
    EXPECT_LT(brainx->evaluate(brainXBatches()[0]), before);
}
