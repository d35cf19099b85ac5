#include "BrainTinyTraining.h"

#include "models/ParitySupport.h"

#include "vindex/io/TorchCheckpoint.h"
#include "vindex/models/TorchTensors.h"
#include "vindex/models/WeightLoader.h"

#include <map>

namespace testsupport {

namespace {
const std::string kFolder = "brain-tiny";
}

vindex::models::BrainEncoderOptions brainTinyArchitecture(const char *model)
{
    const auto config = readJson(fixture(kFolder + "/config.json"))[model];
    vindex::models::BrainEncoderOptions options;
    options.heads = config["heads"];
    options.dimHead = config["dim_head"];
    return options;
}

vindex::train::TrainingRecipe brainTinyRecipe()
{
    const auto recipe = readJson(fixture(kFolder + "/config.json"))["train"];
    vindex::train::TrainingRecipe r;
    r.maxLr = recipe["max_lr"];
    r.batchSize = recipe["batch"];
    r.epochs = recipe["epochs_for_pct_start"]; // pct_start = 2 / epochs
    r.finalDivFactor = 1000;
    r.loss = "mse";
    return r;
}

vindex::train::TrainingRecipe brainTinyVindexRecipe()
{
    auto recipe = brainTinyRecipe();
    recipe.denoiserWeight = 1.0;
    recipe.denoiserWidth = 32;
    recipe.denoiserTimeEmbedding = 16;
    return recipe;
}

int64_t brainTinySteps()
{
    return readJson(fixture(kFolder + "/config.json"))["train"]["steps"];
}

std::unique_ptr<vindex::models::BrainEncoder> brainTinyInitialEncoder()
{
    return vindex::models::BrainEncoder::load(fixture(kFolder + "/brainxs_init.safetensors"), vindex::models::Compute{},
                                              brainTinyArchitecture());
}

vindex::train::TrainingBatch brainTinyBatch(int64_t step)
{
    return {expectedTensor(kFolder, "train_voxels")[step], expectedTensor(kFolder, "train_targets")[step], 0};
}

std::unique_ptr<vindex::models::BrainEncoder> useNormBrainX(const c10::Device &device)
{
    using namespace vindex;
    std::map<std::string, io::HostTensor> state;
    for (auto &[name, t] :
         io::TorchCheckpoint::load(fixture(kFolder + "/brainx_last.pth")).stateDict("model_state_dict"))
        state.emplace(name, t);
    for (const int subject : {1, 2}) {
        const std::string s = "fmri" + std::to_string(subject);
        for (const char *part : {"weight", "bias"}) {
            state["lin1." + s + ".0." + part] = state.at("lin1." + s + "." + part);
            state.erase("lin1." + s + "." + part);
        }
        const std::string norm = "lin1." + s + (subject == 1 ? ".1." : ".2.");
        state[norm + "weight"] = models::fromTorch(at::linspace(0.5, 1.5, 16));
        state[norm + "bias"] = models::fromTorch(at::linspace(-0.1, 0.1, 16));
    }
    return models::BrainEncoder::load(
        models::WeightLoader(std::move(state), "use_norm BrainX", models::Compute{device, c10::kFloat}),
        brainTinyArchitecture("brainx"));
}

std::unique_ptr<vindex::train::TrainingSession> brainTinySession(int64_t steps)
{
    auto session = std::make_unique<vindex::train::TrainingSession>(brainTinyInitialEncoder(), brainTinyArchitecture(),
                                                                    brainTinyRecipe(), brainTinySteps());
    for (int64_t i = 0; i < steps; ++i)
        session->step(brainTinyBatch(i));
    return session;
}

std::unique_ptr<vindex::train::TrainingSession> brainTinyDenoiserSession(const c10::Device &device)
{
    auto encoder =
        vindex::models::BrainEncoder::load(fixture(kFolder + "/brainxs_init.safetensors"),
                                           vindex::models::Compute{device, c10::kFloat}, brainTinyArchitecture());
    return std::make_unique<vindex::train::TrainingSession>(std::move(encoder), brainTinyArchitecture(),
                                                            brainTinyVindexRecipe(), brainTinySteps());
}

std::vector<std::string> tensorsOffDevice(const vindex::train::TrainingSession &session, const c10::Device &device)
{
    std::vector<std::string> off;
    for (const auto &[name, tensor] : session.tensors())
        if (tensor.device() != device)
            off.push_back(name + " (" + tensor.device().str() + ")");
    return off;
}

} // namespace testsupport
