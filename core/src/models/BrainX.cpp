#include "vindex/models/BrainX.h"

#include "vindex/core/Error.h"
#include "vindex/models/WeightLoader.h"

#include <ATen/ATen.h>

#include <set>

namespace vindex::models {

BrainX::BrainX(std::map<int, SubjectTokenizer> tokenizers, BrainPerceiver perceiver, std::string source,
               Compute compute)
    : BrainEncoder(std::move(perceiver), std::move(source), compute), m_tokenizers(std::move(tokenizers))
{
}

std::unique_ptr<BrainX> BrainX::load(const WeightLoader &weights, const BrainEncoderOptions &options)
{
    // "lin1.fmri{s}.weight" or "lin1.fmri{s}.0.weight": the subject is the number after "fmri".
    std::set<int> subjects;
    const std::string prefix = "lin1.fmri";
    for (const auto &name : weights.names()) {
        if (name.rfind(prefix, 0) != 0)
            continue;
        const auto dot = name.find('.', prefix.size());
        const std::string digits = name.substr(prefix.size(), dot - prefix.size());
        if (digits.empty() || digits.size() > 3 || digits.find_first_not_of("0123456789") != std::string::npos)
            throw ModelError(weights.source() + ": tensor '" + name + "' does not name a subject as fmri{number}");
        subjects.insert(std::stoi(digits));
    }
    auto perceiver =
        BrainPerceiver::load(weights.scoped("perceiver."), options.heads, options.dimHead, options.layerNormEps);
    std::map<int, SubjectTokenizer> tokenizers;
    for (int subject : subjects) {
        const std::string key = "fmri" + std::to_string(subject);
        auto tokenizer =
            SubjectTokenizer::load(weights, "lin1." + key, "lin2." + key, "token." + key, options.layerNormEps);
        if (tokenizer.width() != perceiver.width())
            throw ModelError(weights.source() + ": tensor 'lin2." + key + ".weight' has " +
                             std::to_string(tokenizer.width()) + " rows, the perceiver's width is " +
                             std::to_string(perceiver.width()));
        tokenizers.emplace(subject, std::move(tokenizer));
    }
    return std::unique_ptr<BrainX>(
        new BrainX(std::move(tokenizers), std::move(perceiver), weights.source(), weights.compute()));
}

std::vector<int> BrainX::subjects() const
{
    std::vector<int> out;
    for (const auto &[subject, tokenizer] : m_tokenizers)
        out.push_back(subject);
    return out;
}

const SubjectTokenizer &BrainX::tokenizer(int subject) const
{
    const auto it = m_tokenizers.find(subject);
    if (it == m_tokenizers.end())
        throw ModelError("BrainX (" + source() + ") has no tokenizer for subject " + std::to_string(subject) +
                         " (subjects: " + BrainEncoder::subjectListText(subjects()) + ")");
    return it->second;
}

at::Tensor BrainX::encode(const at::Tensor &voxels, int subject) const
{
    const SubjectTokenizer &t = tokenizer(subject);
    const at::Tensor x = prepareVoxels(voxels, t.voxelCount(), "subject " + std::to_string(subject));
    return m_perceiver.forward(t.forward(x));
}

void BrainX::appendParameters(ParameterList &out)
{
    // ModuleDicts lin1, lin2, token (subjects in ascending order, as UMBRAE's subs list), then the perceiver.
    for (const auto part : {SubjectTokenizer::Part::Lin1, SubjectTokenizer::Part::Lin2, SubjectTokenizer::Part::Token})
        for (auto &[subject, tokenizer] : m_tokenizers)
            tokenizer.appendParameters(part, out);
    m_perceiver.appendParameters("perceiver.", out);
}

void BrainX::setTraining(bool training)
{
    for (auto &[subject, tokenizer] : m_tokenizers)
        tokenizer.setTraining(training);
}

} // namespace vindex::models
