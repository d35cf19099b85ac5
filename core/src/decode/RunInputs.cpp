#include "RunInputs.h"

#include "vindex/core/Error.h"
#include "vindex/core/Log.h"
#include "vindex/data/Session.h"
#include "vindex/data/TrialRecord.h"
#include "vindex/data/TrialSelection.h"
#include "vindex/io/ImageFile.h"
#include "vindex/io/SafetensorsFile.h"
#include "vindex/io/WeightFingerprint.h"
#include "vindex/models/BrainEncoder.h"
#include "vindex/models/BrainEncoderFolder.h"
#include "vindex/models/ModelRegistry.h"
#include "vindex/models/MultimodalModel.h"
#include "vindex/models/TorchTensors.h"
#include "vindex/spaces/FeatureSpace.h"
#include "vindex/spaces/MixtureOfEncodersSpace.h"
#include "vindex/spaces/NestedFeatureSpace.h"

#include <ATen/ATen.h>

#include <atomic>
#include <cstdio>
#include <filesystem>

namespace vindex::decode {

namespace fs = std::filesystem;

namespace {

// NF: M3 must be able to pool the grid a run feeds it (an encoder's, a features file's or the tower's); checked
// before the model runs, with M3's reason when it cannot.
void checkNestedPooling(const spaces::FeatureSpace &space, int64_t tokens)
{
    if (const auto *nested = dynamic_cast<const spaces::NestedFeatureSpace *>(&space))
        (void)spaces::NestedFeatureSpace::pooledTokenCount(tokens, nested->scale());
}

} // namespace

std::string RunInputs::absolutePath(const std::string &path)
{
    std::error_code ec;
    const fs::path p = fs::weakly_canonical(fs::absolute(path), ec);
    return ec ? path : p.string();
}

std::vector<int64_t> RunInputs::parseTrials(const std::string &text, int64_t count)
{
    return data::parseTrialSelection(text, count);
}

void RunInputs::check(const RunInputOptions &options, const std::string &command)
{
    const int kinds =
        (!options.images.empty() ? 1 : 0) + (!options.featuresPath.empty() ? 1 : 0) + (!options.root.empty() ? 1 : 0);
    if (kinds != 1)
        throw Error(command + ": give exactly one input: images, a features file, or an NSD root with a subject");
    if (!options.brainCheckpoint.empty() && options.root.empty())
        throw Error(command + ": a brain encoder needs the trials' voxels: give --root and --subject");
    if (!options.root.empty() && options.subject <= 0)
        throw Error(command + " --root: give --subject");
}

RunInputs::~RunInputs() = default;

RunInputs::RunInputs(const RunInputOptions &options, const std::string &command, const models::MultimodalModel &model,
                     const spaces::FeatureSpace &space, const models::Compute &compute)
    : m_model(model), m_brainCheckpoint(options.brainCheckpoint)
{
    check(options, command);
    const auto *mixture = dynamic_cast<const spaces::MixtureOfEncodersSpace *>(&space);
    if (mixture) {
        m_dinoTower = mixture->dinoWeights();
        m_dinoTowerIsFolder = mixture->dinoIsFolder();
    }

    if (!options.images.empty()) {
        m_kind = Kind::Images;
        checkNestedPooling(space, space.featureTokens());
        m_description = {{"kind", "images"}, {"images", options.images}};
        int64_t index = 0;
        for (const std::string &path : options.images)
            m_items.push_back(
                {path, path, index++, [&model, &space, path](bool) {
                     const io::RgbImage image = io::ImageFile::read(path);
                     return Loaded{space.imageFeatures(model.pixelValues(image)).squeeze(0), image.width, image.height};
                 }});
        return;
    }
    if (!options.featuresPath.empty()) {
        m_kind = Kind::Features;
        m_description = {{"kind", "features"}, {"features", absolutePath(options.featuresPath)}};
        const auto file = std::make_shared<io::SafetensorsFile>(io::SafetensorsFile::open(options.featuresPath));
        at::Tensor all = models::toTorch(file->tensor("features"));
        if (all.dim() == 2)
            all = all.unsqueeze(0);
        if (all.dim() != 3)
            throw DataError(options.featuresPath + ": 'features' must be [trials, tokens, width], found " +
                            std::to_string(all.dim()) + " dimensions");
        checkNestedPooling(space, all.size(1));
        for (int64_t i = 0; i < all.size(0); ++i)
            m_items.push_back({std::to_string(i), "features[" + std::to_string(i) + "]", i, [all, file, i](bool) {
                                   return Loaded{all[i], 0, 0};
                               }});
        return;
    }

    m_session = std::make_shared<data::Session>(data::Session::open(options.root));
    const data::Subject subject = m_session->subject(options.subject);
    const std::optional<data::Split> split = data::splitFromName(options.split);
    if (!split)
        throw Error(command + " --split '" + options.split + "': expected train, val or test");
    const std::vector<data::Trial> trials = subject.trials(*split);
    m_kind = options.brainCheckpoint.empty() ? Kind::Stimuli : Kind::Brain;
    m_description = {{"kind", options.brainCheckpoint.empty() ? "stimuli" : "brain"},
                     {"root", absolutePath(options.root)},
                     {"subject", options.subject},
                     {"split", options.split},
                     {"trials", options.trials.empty() ? "all" : options.trials},
                     {"layout", data::nsdLayoutName(subject.preferredLayout())},
                     {"betas", data::nsdBetasScaling(subject.preferredLayout())},
                     {"test_order", subject.testOrderDescription()}};
    if (*split == data::Split::Test) // how many images the order runs over (RunManifest::testOrderProblem)
        m_description["test_images"] = subject.testImageCount();
    int tokenizer = 0; // BrainX: the subject's own tokenizer; BrainXS has one
    if (!options.brainCheckpoint.empty()) {
        models::BrainEncoderOptions encoderOptions;
        encoderOptions.heads = options.heads;
        encoderOptions.dimHead = options.dimHead;
        const std::string &given = options.brainCheckpoint;
        const bool folder = models::BrainEncoderFolder::isEncoderFolder(given);
        if (folder) {
            m_brainCheckpoint = models::BrainEncoderFolder::checkpoint(given, "clip");
            if (mixture)
                m_dinoBrainCheckpoint = models::BrainEncoderFolder::checkpoint(given, "dino");
            else
                logInfo(given + ": the " + spaces::spaceName(space.kind()) + " space takes the folder's CLIP encoder " +
                        m_brainCheckpoint);
        }
        m_encoder = models::BrainEncoder::load(m_brainCheckpoint, compute, encoderOptions);
        tokenizer = m_encoder->kind() == models::BrainEncoder::Kind::BrainX ? options.subject : 0;
        if (m_encoder->voxelCount(tokenizer) != subject.voxelCount())
            throw DataError(m_brainCheckpoint + ": the encoder takes " +
                            std::to_string(m_encoder->voxelCount(tokenizer)) + " voxels but subject " +
                            std::to_string(options.subject) + " of " + options.root + " has " +
                            std::to_string(subject.voxelCount()));
        int64_t width = m_encoder->featureWidth();
        if (!m_dinoBrainCheckpoint.empty()) {
            // MMVP's two towers see the same image, so the two encoders must read the same voxels and predict the
            // same grid; each must predict its own tower's width.
            m_dinoEncoder = models::BrainEncoder::load(m_dinoBrainCheckpoint, compute, encoderOptions);
            const auto describe = [](const models::BrainEncoder &e, int subjectTokenizer) {
                return e.kindName() + ", " + std::to_string(e.voxelCount(subjectTokenizer)) + " voxels → " +
                       std::to_string(e.tokenCount()) + "×" + std::to_string(e.featureWidth());
            };
            const auto &clip = *m_encoder;
            const auto &dino = *m_dinoEncoder;
            if (dino.kind() != clip.kind() || dino.voxelCount(tokenizer) != clip.voxelCount(tokenizer) ||
                dino.tokenCount() != clip.tokenCount())
                throw ModelError(given + ": its encoders disagree (clip: " + describe(clip, tokenizer) +
                                 "; dino: " + describe(dino, tokenizer) +
                                 "); MMVP's CLIP and DINO tokens come from the same trial, one grid");
            if (clip.featureWidth() != mixture->clipWidth() || dino.featureWidth() != mixture->dinoWidth())
                throw ModelError(given + ": the encoders predict clip " + std::to_string(clip.featureWidth()) +
                                 " and dino " + std::to_string(dino.featureWidth()) + " channels but the me space of " +
                                 model.description().path + " takes clip " + std::to_string(mixture->clipWidth()) +
                                 " and dino " + std::to_string(mixture->dinoWidth()));
            width += dino.featureWidth();
        }
        // Any token count fits (LLaVA splices as many tokens as it is given); the width must be the space's.
        if (width != space.featureWidth() && space.featureWidth() != 0)
            throw ModelError(given + ": the encoder predicts " + std::to_string(m_encoder->tokenCount()) + "×" +
                             std::to_string(width) + " features but the " + spaces::spaceName(space.kind()) +
                             " space of " + model.description().path + " takes tokens × " +
                             std::to_string(space.featureWidth()));
        m_description["brain"] = {{"checkpoint", absolutePath(given)}, {"kind", m_encoder->kindName()}};
        if (folder) {
            nlohmann::ordered_json encoders = {{"clip", absolutePath(m_brainCheckpoint)}};
            if (m_dinoEncoder)
                encoders["dino"] = absolutePath(m_dinoBrainCheckpoint);
            m_description["brain"]["encoders"] = encoders;
        }
    }
    checkNestedPooling(space, m_encoder ? m_encoder->tokenCount() : space.featureTokens());
    const auto encoder = m_encoder;
    const auto dinoEncoder = m_dinoEncoder;
    // One warning per run when stimuli are missing: boxes then stay in the square frame (NSD's stimuli are square).
    const auto warned = std::make_shared<std::atomic<bool>>(false);
    for (int64_t index : parseTrials(options.trials, static_cast<int64_t>(trials.size()))) {
        const data::Trial trial = trials[static_cast<std::size_t>(index)];
        char source[96];
        std::snprintf(source, sizeof source, "subj%02d %s %lld (image %lld)", options.subject, data::splitName(*split),
                      static_cast<long long>(index), static_cast<long long>(trial.imageId));
        m_items.push_back(
            {std::to_string(index), source, index,
             [&model, &space, subject, trial, encoder, dinoEncoder, tokenizer, warned](bool imageSize) {
                 if (!encoder) {
                     const io::RgbImage image =
                         *data::TrialRecord::read(subject, trial, nullptr, {data::kTrialImage}).image;
                     return Loaded{space.imageFeatures(model.pixelValues(image)).squeeze(0), image.width, image.height};
                 }
                 const std::vector<float> voxels =
                     data::TrialRecord::read(subject, trial, nullptr, {data::kTrialMeanBetas}).meanBetas;
                 const at::Tensor input = at::from_blob(const_cast<float *>(voxels.data()),
                                                        {1, static_cast<int64_t>(voxels.size())}, at::kFloat)
                                              .clone();
                 at::Tensor features = encoder->encode(input, tokenizer);
                 if (dinoEncoder) // MMVP: [N, C_clip + C_dino], CLIP channels first
                     features =
                         at::cat({features, dinoEncoder->encode(input, tokenizer).to(features.scalar_type())}, -1);
                 Loaded loaded{features.squeeze(0), 0, 0};
                 if (imageSize) {
                     try {
                         const io::RgbImage image =
                             *data::TrialRecord::read(subject, trial, nullptr, {data::kTrialImage}).image;
                         loaded.width = image.width;
                         loaded.height = image.height;
                     } catch (const DataError &e) {
                         if (!warned->exchange(true))
                             logWarning(std::string("no stimulus images to size the boxes by (") + e.what() +
                                        "); boxes stay in the padded square's frame");
                     }
                 }
                 return loaded;
             }});
    }
}

nlohmann::ordered_json RunInputs::weightFiles() const
{
    const models::ModelDescription &description = m_model.description();
    nlohmann::ordered_json models = nlohmann::ordered_json::array();
    models.push_back(io::WeightFingerprint::describeFolder(description.path, "mllm"));
    if (!description.visionTowerPath.empty())
        models.push_back(io::WeightFingerprint::describeFolder(description.visionTowerPath, "vision tower"));
    if (!m_dinoTower.empty())
        models.push_back(m_dinoTowerIsFolder ? io::WeightFingerprint::describeFolder(m_dinoTower, "dino tower")
                                             : io::WeightFingerprint::describeFile(m_dinoTower, "dino tower"));
    if (m_dinoEncoder) {
        models.push_back(io::WeightFingerprint::describeFile(m_brainCheckpoint, "brain encoder (clip)"));
        models.push_back(io::WeightFingerprint::describeFile(m_dinoBrainCheckpoint, "brain encoder (dino)"));
    } else if (m_encoder) {
        models.push_back(io::WeightFingerprint::describeFile(m_brainCheckpoint, "brain encoder"));
    }
    return models;
}

} // namespace vindex::decode
