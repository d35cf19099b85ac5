#pragma once
// UMBRAE's single-subject encoder (and BrainXC, which has the same layout): keys lin1.*, lin2.*, perceiver.*.
#include "vindex/models/BrainEncoder.h"
#include "vindex/models/SubjectTokenizer.h"

namespace vindex::models {

class BrainXS : public BrainEncoder {
public:
    // weights: the state dict (lin1.weight [tokens, 1], lin2.weight [width, voxels], perceiver.*).
    static std::unique_ptr<BrainXS> load(const WeightLoader &weights, const BrainEncoderOptions &options);

    Kind kind() const override { return Kind::BrainXS; }
    std::vector<int> subjects() const override { return {}; }
    int64_t voxelCount(int) const override { return m_tokenizer.voxelCount(); }
    at::Tensor encode(const at::Tensor &voxels, int subject = 0) const override;

    const SubjectTokenizer &tokenizer() const { return m_tokenizer; }

    void setTraining(bool training) override;

protected:
    void appendParameters(ParameterList &out) override;

private:
    BrainXS(SubjectTokenizer tokenizer, BrainPerceiver perceiver, std::string source, Compute compute);
    SubjectTokenizer m_tokenizer;
};

} // namespace vindex::models
