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
#include "vindex/models/ModelRegistry.h"
#include "vindex/models/MultimodalModel.h"
#include "vindex/models/TorchTensors.h"
#include "vindex/spaces/FeatureSpace.h"
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
                     {"layout", data::nsdLayoutName(subject.preferredLayout())}};
    int tokenizer = 0; // BrainX: the subject's own tokenizer; BrainXS has one
    if (!options.brainCheckpoint.empty()) {
        models::BrainEncoderOptions encoderOptions;
        encoderOptions.heads = options.heads;
        encoderOptions.dimHead = options.dimHead;
        m_encoder = models::BrainEncoder::load(options.brainCheckpoint, compute, encoderOptions);
        tokenizer = m_encoder->kind() == models::BrainEncoder::Kind::BrainX ? options.subject : 0;
        if (m_encoder->voxelCount(tokenizer) != subject.voxelCount())
            throw DataError(options.brainCheckpoint + ": the encoder takes " +
                            std::to_string(m_encoder->voxelCount(tokenizer)) + " voxels but subject " +
                            std::to_string(options.subject) + " of " + options.root + " has " +
                            std::to_string(subject.voxelCount()));
        // Any token count fits (LLaVA splices as many tokens as it is given); the width must be the space's.
        if (m_encoder->featureWidth() != space.featureWidth() && space.featureWidth() != 0)
            throw ModelError(options.brainCheckpoint + ": the encoder predicts " +
                             std::to_string(m_encoder->tokenCount()) + "×" + std::to_string(m_encoder->featureWidth()) +
                             " features but the " + spaces::spaceName(space.kind()) + " space of " +
                             model.description().path + " takes tokens × " + std::to_string(space.featureWidth()));
        m_description["brain"] = {{"checkpoint", absolutePath(options.brainCheckpoint)},
                                  {"kind", m_encoder->kindName()}};
    }
    checkNestedPooling(space, m_encoder ? m_encoder->tokenCount() : space.featureTokens());
    const auto encoder = m_encoder;
    // One warning per run when stimuli are missing: boxes then stay in the square frame (NSD's stimuli are square).
    const auto warned = std::make_shared<std::atomic<bool>>(false);
    for (int64_t index : parseTrials(options.trials, static_cast<int64_t>(trials.size()))) {
        const data::Trial trial = trials[static_cast<std::size_t>(index)];
        char source[96];
        std::snprintf(source, sizeof source, "subj%02d %s %lld (image %lld)", options.subject, data::splitName(*split),
                      static_cast<long long>(index), static_cast<long long>(trial.imageId));
        m_items.push_back(
            {std::to_string(index), source, index,
             [&model, &space, subject, trial, encoder, tokenizer, warned](bool imageSize) {
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
                 Loaded loaded{encoder->encode(input, tokenizer).squeeze(0), 0, 0};
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
    if (const std::string dino = description.config.value("mm_dino_tower", std::string()); !dino.empty())
        models.push_back(io::WeightFingerprint::describeFolder(
            models::ModelRegistry::resolveModelPath(dino, description.path), "dino tower"));
    if (m_encoder)
        models.push_back(io::WeightFingerprint::describeFile(m_brainCheckpoint, "brain encoder"));
    return models;
}

} // namespace vindex::decode
