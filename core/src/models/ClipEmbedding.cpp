#include "vindex/models/ClipEmbedding.h"

#include "vindex/models/ClipModel.h"
#include "vindex/models/Compute.h"
#include "vindex/models/OpenAiClipCheckpoint.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

namespace vindex::models {
namespace {

eval::ClipEmbedder::Features toRows(const at::Tensor &embeds)
{
    const auto cpu = embeds.to(at::kCPU, at::kFloat).contiguous();
    eval::ClipEmbedder::Features rows(static_cast<std::size_t>(cpu.size(0)));
    const float *data = cpu.data_ptr<float>();
    const auto width = static_cast<std::size_t>(cpu.size(1));
    for (std::size_t r = 0; r < rows.size(); ++r)
        rows[r].assign(data + r * width, data + (r + 1) * width);
    return rows;
}

class ClipModelEmbedder final : public eval::ClipEmbedder {
public:
    explicit ClipModelEmbedder(std::unique_ptr<ClipModel> model) : m_model(std::move(model)) {}

    Features textFeatures(const std::vector<std::string> &texts) const override
    {
        at::NoGradGuard noGrad;
        return toRows(m_model->encodeTexts(texts));
    }
    Features imageFeatures(const std::vector<io::RgbImage> &images) const override
    {
        at::NoGradGuard noGrad;
        return toRows(m_model->encodeImages(images));
    }
    int64_t featureSize() const override { return m_model->projectionSize(); }

private:
    std::unique_ptr<ClipModel> m_model;
};

} // namespace

std::shared_ptr<const eval::ClipEmbedder> loadClipEmbedder(const std::string &folder, const std::string &device,
                                                           const std::string &dtype)
{
    return std::make_shared<ClipModelEmbedder>(ClipModel::load(folder, Compute::parse(device, dtype)));
}

std::shared_ptr<const eval::ClipEmbedder> loadOpenAiClipEmbedder(const std::string &checkpointFile,
                                                                 const std::string &vocabFile,
                                                                 const std::string &device, const std::string &dtype)
{
    return std::make_shared<ClipModelEmbedder>(
        ClipModel::loadOpenAi(checkpointFile, vocabFile, Compute::parse(device, dtype)));
}

std::string defaultOpenAiClipVocab(const std::string &checkpointFile)
{
    return OpenAiClipCheckpoint::defaultVocabPath(checkpointFile);
}

} // namespace vindex::models
