#pragma once
// UMBRAE's cross-subject encoder: ModuleDicts lin1.fmri{s} / lin2.fmri{s} (optionally use_norm's Sequential and
// use_token's token.fmri{s}) in front of one shared perceiver.
#include "vindex/models/BrainEncoder.h"
#include "vindex/models/SubjectTokenizer.h"

#include <map>

namespace vindex::models {

class BrainX : public BrainEncoder {
public:
    // weights: the state dict; subjects are found from the lin1.fmri{s} names.
    static std::unique_ptr<BrainX> load(const WeightLoader &weights, const BrainEncoderOptions &options);

    Kind kind() const override { return Kind::BrainX; }
    std::vector<int> subjects() const override;
    int64_t voxelCount(int subject) const override { return tokenizer(subject).voxelCount(); }
    at::Tensor encode(const at::Tensor &voxels, int subject) const override;

    // Throws ModelError listing the subjects there are.
    const SubjectTokenizer &tokenizer(int subject) const;

    void setTraining(bool training) override;

protected:
    void appendParameters(ParameterList &out) override;

private:
    BrainX(std::map<int, SubjectTokenizer> tokenizers, BrainPerceiver perceiver, std::string source, Compute compute);
    std::map<int, SubjectTokenizer> m_tokenizers;
};

} // namespace vindex::models
