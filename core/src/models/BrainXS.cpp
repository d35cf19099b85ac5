#include "vindex/models/BrainXS.h"

#include "vindex/core/Error.h"
#include "vindex/models/WeightLoader.h"

#include <ATen/ATen.h>

namespace vindex::models {

BrainXS::BrainXS(SubjectTokenizer tokenizer, BrainPerceiver perceiver, std::string source, Compute compute)
    : BrainEncoder(std::move(perceiver), std::move(source), compute), m_tokenizer(std::move(tokenizer))
{
}

std::unique_ptr<BrainXS> BrainXS::load(const WeightLoader &weights, const BrainEncoderOptions &options)
{
    auto tokenizer = SubjectTokenizer::load(weights, "lin1", "lin2", {}, options.layerNormEps);
    auto perceiver =
        BrainPerceiver::load(weights.scoped("perceiver."), options.heads, options.dimHead, options.layerNormEps);
    if (tokenizer.width() != perceiver.width())
        throw ModelError(weights.source() + ": tensor 'lin2.weight' has " + std::to_string(tokenizer.width()) +
                         " rows, the perceiver's width is " + std::to_string(perceiver.width()));
    return std::unique_ptr<BrainXS>(
        new BrainXS(std::move(tokenizer), std::move(perceiver), weights.source(), weights.compute()));
}

at::Tensor BrainXS::encode(const at::Tensor &voxels, int) const
{
    const at::Tensor x = prepareVoxels(voxels, m_tokenizer.voxelCount(), "the encoder's subject");
    return m_perceiver.forward(m_tokenizer.forward(x));
}

void BrainXS::appendParameters(ParameterList &out)
{
    m_tokenizer.appendParameters(SubjectTokenizer::Part::Lin1, out);
    m_tokenizer.appendParameters(SubjectTokenizer::Part::Lin2, out);
    m_perceiver.appendParameters("perceiver.", out);
}

void BrainXS::setTraining(bool training)
{
    m_tokenizer.setTraining(training);
}

} // namespace vindex::models
