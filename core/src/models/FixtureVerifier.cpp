#include "vindex/models/FixtureVerifier.h"

#include "vindex/core/Error.h"
#include "vindex/io/JsonFile.h"
#include "vindex/io/SafetensorsFile.h"
#include "vindex/models/BrainEncoder.h"
#include "vindex/models/ClipBpeTokenizer.h"
#include "vindex/models/ClipModel.h"
#include "vindex/models/ClipTextModel.h"
#include "vindex/models/Compute.h"
#include "vindex/models/LlamaModel.h"
#include "vindex/models/ModelRegistry.h"
#include "vindex/models/MultimodalModel.h"
#include "vindex/models/Tokenizer.h"
#include "vindex/models/TorchTensors.h"
#include "vindex/models/VisionTower.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

namespace fs = std::filesystem;

namespace vindex::models {
namespace {

// What a float output may differ by. float32 (CPU or GPU, TF32 off): the fixtures' 1e-4. Half precision: every
// matmul rounds its inputs to the format (unit roundoff u = 2^-11 for f16, 2^-8 for bf16) and accumulates in fp32,
// so each layer adds about 2u relative error; the deepest fixture path (4 vision + 3 LLaMA layers, ~4 matmuls each,
// and the projector) has ~30 such roundings, and random tiny weights amplify up to ~2×: 64u relative to the output's
// magnitude (f16: 3.1 %, bf16: 25 %).
struct Tolerance {
    double absolute = 0, relative = 0;
    double at(const at::Tensor &expected) const
    {
        const double scale = expected.numel() == 0 ? 1.0 : std::max(1.0, expected.abs().max().item<double>());
        return absolute + relative * scale;
    }
};

Tolerance floatTolerance(const Compute &compute)
{
    if (compute.dtype == c10::kHalf)
        return {0.0, 64.0 / 2048.0};
    if (compute.dtype == c10::kBFloat16)
        return {0.0, 64.0 / 256.0};
    return {1e-4, 0.0};
}

// Greedy ids from half-precision logits may part from the reference at a near tie of two tokens (random tiny weights
// have many); from there on the text differs. They are reported, not required; in float32 they must be identical.
bool idsRequired(const Compute &compute)
{
    return compute.dtype == c10::kFloat;
}

// TF32 off for the lifetime of a verification: cuDNN convolutions (the patch embeddings) use it by default on
// Ampere and newer GPUs, which rounds their inputs to 10 mantissa bits.
class Float32Exactly {
public:
    Float32Exactly() : m_cudnn(at::globalContext().allowTF32CuDNN()), m_cublas(at::globalContext().allowTF32CuBLAS())
    {
        at::globalContext().setAllowTF32CuDNN(false);
        at::globalContext().setAllowTF32CuBLAS(false);
    }
    ~Float32Exactly()
    {
        at::globalContext().setAllowTF32CuDNN(m_cudnn);
        at::globalContext().setAllowTF32CuBLAS(m_cublas);
    }
    Float32Exactly(const Float32Exactly &) = delete;
    Float32Exactly &operator=(const Float32Exactly &) = delete;

private:
    bool m_cudnn, m_cublas;
};

// The reference outputs of one fixture folder.
class Reference {
public:
    explicit Reference(const std::string &folder)
        : m_file(io::SafetensorsFile::open((fs::path(folder) / "expected.safetensors").string()))
    {
    }
    at::Tensor tensor(const std::string &name) const { return toTorch(m_file.tensor(name)).clone(); }
    bool has(const std::string &name) const { return m_file.contains(name); }

private:
    io::SafetensorsFile m_file;
};

nlohmann::json readJson(const fs::path &path)
{
    return io::readJsonFile(path.string());
}

VerifyResult compareFloat(const std::string &name, const at::Tensor &actual, const at::Tensor &expected,
                          const Tolerance &allowed)
{
    const double tolerance = allowed.at(expected);
    VerifyResult r{name, std::numeric_limits<double>::infinity(), tolerance, false, ""};
    if (actual.sizes() != expected.sizes()) {
        std::ostringstream note;
        note << "shape " << actual.sizes() << ", expected " << expected.sizes();
        r.note = note.str();
        return r;
    }
    r.maxError =
        actual.numel() == 0
            ? 0.0
            : (actual.to(at::kCPU, at::kDouble) - expected.to(at::kCPU, at::kDouble)).abs().max().item<double>();
    r.passed = r.maxError <= tolerance;
    r.note = "max abs error";
    return r;
}

void verifyVisionTower(const std::string &folder, const Compute &compute, std::vector<VerifyResult> &results)
{
    const Reference reference(folder);
    const auto tower = VisionTower::load(folder, compute);
    const auto output = tower->forward(reference.tensor("pixel_values"), true);
    const Tolerance tol = floatTolerance(compute);
    results.push_back(
        compareFloat("hidden_states", at::stack(output.hiddenStates), reference.tensor("hidden_states"), tol));
    results.push_back(
        compareFloat("last_hidden_state", output.lastHiddenState, reference.tensor("last_hidden_state"), tol));
    if (reference.has("pooler_output"))
        results.push_back(compareFloat("pooler_output", output.pooled, reference.tensor("pooler_output"), tol));
}

VerifyResult compareIds(const std::string &name, const std::vector<int64_t> &actual, const std::vector<int64_t> &wanted)
{
    std::size_t mismatches =
        actual.size() > wanted.size() ? actual.size() - wanted.size() : wanted.size() - actual.size();
    for (std::size_t i = 0; i < std::min(actual.size(), wanted.size()); ++i)
        mismatches += actual[i] != wanted[i];
    return VerifyResult{name, static_cast<double>(mismatches), 0.0, mismatches == 0,
                        "ids differing (of " + std::to_string(wanted.size()) + ")"};
}

VerifyResult compareIds(const std::string &name, const std::vector<int64_t> &actual, const at::Tensor &expected)
{
    const auto reference = expected.reshape({-1}).contiguous();
    const std::vector<int64_t> wanted(reference.data_ptr<int64_t>(), reference.data_ptr<int64_t>() + reference.numel());
    return compareIds(name, actual, wanted);
}

VerifyResult compareText(const std::string &name, const std::string &actual, const std::string &expected)
{
    return VerifyResult{name, actual == expected ? 0.0 : 1.0, 0.0, actual == expected,
                        actual == expected ? "text equal" : "text differs: \"" + actual + "\""};
}

GenerationOptions greedy(int64_t newTokens)
{
    GenerationOptions options;
    options.maxNewTokens = newTokens;
    options.ignoreEos = true; // the reference generated exactly this many tokens
    return options;
}

// Generates from one prompt's embeddings.
std::vector<int64_t> generateFrom(const MultimodalModel &model, const at::Tensor &embeds, int64_t newTokens)
{
    return Generator(model.llm(), &model.tokenizer()).generate({embeds}, greedy(newTokens)).tokens.front();
}

at::Tensor lastLogits(const MultimodalModel &model, const at::Tensor &embeds)
{
    return model.llm().forward(embeds.unsqueeze(0)).select(1, embeds.size(0) - 1);
}

void verifyLlava(const std::string &folder, const Compute &compute, std::vector<VerifyResult> &results)
{
    const Reference reference(folder);
    const auto expected = readJson(fs::path(folder) / "expected.json");
    const auto model = MultimodalModel::load(folder, compute);
    const Tolerance tol = floatTolerance(compute);
    const std::string prompt = expected.at("prompt").get<std::string>();
    const auto ids = model->promptIds(prompt);
    results.push_back(
        compareIds("input_ids_with_image", ids, expected.at("input_ids_with_image").get<std::vector<int64_t>>()));

    const auto imagePath = (fs::path(folder) / "image.png").string();
    const at::Tensor ourPixels = model->pixelValuesFromFile(imagePath);
    results.push_back(compareFloat("pixel_values", ourPixels, reference.tensor("pixel_values"), Tolerance{2e-2, 0.0}));
    const at::Tensor features = model->visionFeatures(reference.tensor("pixel_values"));
    results.push_back(
        compareFloat("vision_select_features", features, reference.tensor("vision_select_features"), tol));
    results.push_back(compareFloat("image_tokens", model->projectFeatures(features).squeeze(0),
                                   reference.tensor("image_tokens"), tol));
    const at::Tensor embeds = model->promptEmbeddings(ids, features);
    results.push_back(compareFloat("inputs_embeds", embeds.unsqueeze(0), reference.tensor("inputs_embeds"), tol));
    results.push_back(
        compareFloat("logits", model->llm().forward(embeds.unsqueeze(0)), reference.tensor("logits"), tol));
    const auto generatedRef = reference.tensor("generated");
    const auto generated = generateFrom(*model, embeds, generatedRef.numel());
    results.push_back(compareIds("generated", generated, generatedRef));
    results.push_back(
        compareText("generated_text", model->tokenizer().decode(generated), expected.at("generated_text")));
    // The whole path from the PNG: our preprocessing must still give the same ids.
    const auto fromPng =
        generateFrom(*model, model->promptEmbeddings(ids, model->visionFeatures(ourPixels)), generatedRef.numel());
    results.push_back(compareIds("generated (from image.png)", fromPng, generatedRef));
    // The brain path: features supplied directly.
    const auto brainRef = reference.tensor("brain_generated");
    const auto brain =
        generateFrom(*model, model->promptEmbeddings(ids, reference.tensor("brain_features")), brainRef.numel());
    results.push_back(compareIds("brain_generated", brain, brainRef));
    results.push_back(
        compareText("brain_generated_text", model->tokenizer().decode(brain), expected.at("brain_generated_text")));
    // Text only, a batch of two.
    results.push_back(compareFloat("text_logits",
                                   model->llm().forward(model->llm().embed(reference.tensor("text_ids"))),
                                   reference.tensor("text_logits"), tol));
}

void verifyLlavaHf(const std::string &folder, const Compute &compute, std::vector<VerifyResult> &results)
{
    const Reference reference(folder);
    const auto model = MultimodalModel::load(folder, compute);
    const Tolerance tol = floatTolerance(compute);
    const at::Tensor idsTensor = reference.tensor("input_ids").reshape({-1});
    const std::vector<int64_t> ids(idsTensor.data_ptr<int64_t>(), idsTensor.data_ptr<int64_t>() + idsTensor.numel());
    // The prompt text behind the ids, rebuilt by our template and tokenizer, must give the same ids.
    std::string question = model->tokenizer().decode(ids, true);
    const std::string marker = "USER:", end = " ASSISTANT:";
    if (question.rfind(marker, 0) == 0 && question.size() > marker.size() + end.size())
        question = question.substr(marker.size(), question.size() - marker.size() - end.size());
    while (!question.empty() && (question.front() == ' ' || question.front() == '\n'))
        question.erase(question.begin());
    results.push_back(compareIds("input_ids (template)", model->promptIds(model->promptText(question)), ids));

    const at::Tensor features = model->visionFeatures(reference.tensor("pixel_values"));
    const at::Tensor embeds = model->promptEmbeddings(ids, features);
    results.push_back(
        compareFloat("logits", model->llm().forward(embeds.unsqueeze(0)), reference.tensor("logits"), tol));
    const auto generatedRef = reference.tensor("generated");
    results.push_back(compareIds("generated", generateFrom(*model, embeds, generatedRef.numel()), generatedRef));
}

void verifyShikra(const std::string &folder, const Compute &compute, std::vector<VerifyResult> &results)
{
    const Reference reference(folder);
    const auto expected = readJson(fs::path(folder) / "expected.json");
    const auto model = MultimodalModel::load(folder, compute);
    const Tolerance tol = floatTolerance(compute);
    // expected.json's prompt has the visual tokens written out; ours puts them at "<image>".
    std::string prompt = expected.at("prompt").get<std::string>();
    const auto start = prompt.find("<im_start>"), stop = prompt.find("<im_end>");
    if (start != std::string::npos && stop != std::string::npos)
        prompt.replace(start, stop + 8 - start, "<image>");
    const auto ids = model->promptIds(prompt);
    results.push_back(compareIds("input_ids", ids, expected.at("input_ids").get<std::vector<int64_t>>()));

    const at::Tensor features = model->visionFeatures(reference.tensor("pixel_values"));
    results.push_back(compareFloat("image_features", features, reference.tensor("image_features"), tol));
    const at::Tensor imageEmbeds = model->promptEmbeddings(ids, features);
    results.push_back(
        compareFloat("image_last_logits", lastLogits(*model, imageEmbeds), reference.tensor("image_last_logits"), tol));
    const auto imageRef = reference.tensor("image_generated");
    results.push_back(compareIds("image_generated", generateFrom(*model, imageEmbeds, imageRef.numel()), imageRef));
    const at::Tensor brainEmbeds = model->promptEmbeddings(ids, reference.tensor("brain_features"));
    results.push_back(
        compareFloat("brain_last_logits", lastLogits(*model, brainEmbeds), reference.tensor("brain_last_logits"), tol));
    const auto brainRef = reference.tensor("brain_generated");
    results.push_back(compareIds("brain_generated", generateFrom(*model, brainEmbeds, brainRef.numel()), brainRef));
    if (fs::exists(fs::path(folder) / "image.png"))
        results.push_back(compareFloat("pixel_values",
                                       model->pixelValuesFromFile((fs::path(folder) / "image.png").string()),
                                       reference.tensor("pixel_values"), Tolerance{2e-2, 0.0}));
}

void verifyBrainEncoders(const std::string &folder, const Compute &compute, std::vector<VerifyResult> &results)
{
    const Reference reference(folder);
    const auto config = readJson(fs::path(folder) / "config.json");
    const Tolerance tol = floatTolerance(compute);
    auto options = [](const nlohmann::json &c) {
        BrainEncoderOptions o;
        o.heads = c.at("heads").get<int64_t>();
        o.dimHead = c.at("dim_head").get<int64_t>();
        return o;
    };
    const auto brainxs =
        BrainEncoder::load((fs::path(folder) / "brainxs_last.pth").string(), compute, options(config.at("brainxs")));
    results.push_back(compareFloat("eval_output", brainxs->encode(reference.tensor("eval_input"), 0),
                                   reference.tensor("eval_output"), tol));
    const auto brainx =
        BrainEncoder::load((fs::path(folder) / "brainx_last.pth").string(), compute, options(config.at("brainx")));
    for (const auto &[subject, voxels] : config.at("brainx").at("voxels").items()) {
        const std::string suffix = "fmri" + subject;
        results.push_back(compareFloat("brainx_out_" + suffix,
                                       brainx->encode(reference.tensor("brainx_in_" + suffix), std::stoi(subject)),
                                       reference.tensor("brainx_out_" + suffix), tol));
    }
}

// clip-full-tiny: tokenizer ids of expected.json's texts, both towers' projected features, and CLIP-S per
// (image, text) pair as BrainHub computes it (w = 2.5 on the cosine of L2-normalised features, clipped at 0).
void verifyClip(const std::string &folder, const Compute &compute, std::vector<VerifyResult> &results)
{
    const Reference reference(folder);
    const auto expected = readJson(fs::path(folder) / "expected.json");
    const auto model = ClipModel::load(folder, compute);
    const Tolerance tol = floatTolerance(compute);
    const auto texts = expected.at("texts").get<std::vector<std::string>>();
    const auto referenceIds = reference.tensor("input_ids");
    std::vector<int64_t> ids;
    for (const auto &text : texts) {
        auto row = model->tokenizer().encode(text);
        row.resize(static_cast<std::size_t>(referenceIds.size(1)), model->tokenizer().endId()); // padded as HF pads
        ids.insert(ids.end(), row.begin(), row.end());
    }
    results.push_back(compareIds("input_ids", ids, referenceIds));
    const at::Tensor textEmbeds = model->encodeTexts(texts);
    results.push_back(compareFloat("text_embeds", textEmbeds, reference.tensor("text_embeds"), tol));
    results.push_back(compareFloat("text_embeds (fixture ids)", model->textModel().forward(referenceIds).embeds,
                                   reference.tensor("text_embeds"), tol));
    const at::Tensor imageEmbeds = model->encodePixels(reference.tensor("pixel_values"));
    results.push_back(compareFloat("image_embeds", imageEmbeds, reference.tensor("image_embeds"), tol));
    const auto normed = [](const at::Tensor &x) {
        const auto d = x.to(at::kCPU, at::kDouble);
        return d / d.pow(2).sum(-1, true).sqrt();
    };
    const at::Tensor cosine = at::matmul(normed(imageEmbeds), normed(textEmbeds).t());
    results.push_back(compareFloat("cosine", cosine, reference.tensor("cosine"), tol));
    results.push_back(compareFloat("clip_s", 2.5 * cosine.clamp_min(0.0), reference.tensor("clip_s"), tol));
}

} // namespace

std::vector<VerifyResult> FixtureVerifier::verify(const std::string &folder, const std::string &device,
                                                  const std::string &dtype)
{
    const Compute compute = Compute::parse(device, dtype);
    if (!fs::exists(fs::path(folder) / "expected.safetensors"))
        throw ModelError(folder + ": not a fixture folder (no expected.safetensors)");
    std::vector<VerifyResult> results;
    at::NoGradGuard noGrad;
    const Float32Exactly exactly; // float32 parity means float32 arithmetic on a GPU too (no TF32)
    if (fs::exists(fs::path(folder) / "brainxs_last.pth")) {
        verifyBrainEncoders(folder, compute, results);
        return results;
    }
    const auto description = ModelRegistry::identify(folder);
    switch (description.kind) {
    case ModelKind::ClipVision:
    case ModelKind::Dinov2:
    case ModelKind::SiglipVision: verifyVisionTower(folder, compute, results); break;
    case ModelKind::LlavaOriginal: verifyLlava(folder, compute, results); break;
    case ModelKind::LlavaHf: verifyLlavaHf(folder, compute, results); break;
    case ModelKind::Shikra: verifyShikra(folder, compute, results); break;
    case ModelKind::ClipFull: verifyClip(folder, compute, results); break;
    default:
        throw ModelError(folder + ": verifying a " + std::string(modelKindName(description.kind)) +
                         " fixture is not supported");
    }
    if (!idsRequired(compute))
        for (VerifyResult &r : results)
            if (r.output.find("generated") != std::string::npos && !r.passed) {
                r.passed = true;
                r.note = "half precision, reported only: " + r.note;
            }
    return results;
}

} // namespace vindex::models
