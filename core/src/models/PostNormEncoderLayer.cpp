#include "models/PostNormEncoderLayer.h"

#include "vindex/core/Error.h"
#include "vindex/models/WeightLoader.h"

#include <ATen/ATen.h>

#include <cmath>
#include <limits>
#include <sstream>

namespace vindex::models {

at::Tensor PostNormEncoderLayer::forward(const at::Tensor &x, const at::Tensor &bias, int64_t heads, double eps,
                                         visionops::Activation activation) const
{
    const int64_t width = x.size(-1);
    const auto qkv = at::linear(x, qkvWeight, qkvBias).chunk(3, -1);
    const auto q = visionops::splitHeads(qkv[0], heads);
    const auto k = visionops::splitHeads(qkv[1], heads);
    const auto v = visionops::splitHeads(qkv[2], heads);
    auto scores = at::matmul(q, k.transpose(-1, -2)) / std::sqrt(static_cast<double>(width / heads));
    if (bias.defined())
        scores = scores + bias;
    const auto context = visionops::mergeHeads(at::matmul(at::softmax(scores, -1), v));
    const auto attended = at::layer_norm(at::linear(context, outWeight, outBias) + x, {width}, attentionNormWeight,
                                         attentionNormBias, eps);
    const auto hidden = visionops::activate(at::linear(attended, fc1Weight, fc1Bias), activation);
    return at::layer_norm(at::linear(hidden, fc2Weight, fc2Bias) + attended, {width}, outputNormWeight, outputNormBias,
                          eps);
}

PostNormEncoderLayer PostNormEncoderLayer::load(const WeightLoader &layer, const Names &names, int64_t width,
                                                int64_t intermediate)
{
    PostNormEncoderLayer l;
    const auto weight = [&](const std::string &name, std::vector<int64_t> shape) {
        return layer.get(name + ".weight", shape);
    };
    const auto bias = [&](const std::string &name, int64_t size) { return layer.get(name + ".bias", {size}); };
    l.qkvWeight =
        at::cat({weight(names.q, {width, width}), weight(names.k, {width, width}), weight(names.v, {width, width})});
    l.qkvBias = at::cat({bias(names.q, width), bias(names.k, width), bias(names.v, width)});
    l.outWeight = weight(names.out, {width, width});
    l.outBias = bias(names.out, width);
    l.attentionNormWeight = weight(names.attentionNorm, {width});
    l.attentionNormBias = bias(names.attentionNorm, width);
    l.fc1Weight = weight(names.fc1, {intermediate, width});
    l.fc1Bias = bias(names.fc1, intermediate);
    l.fc2Weight = weight(names.fc2, {width, intermediate});
    l.fc2Bias = bias(names.fc2, width);
    l.outputNormWeight = weight(names.outputNorm, {width});
    l.outputNormBias = bias(names.outputNorm, width);
    return l;
}

at::Tensor paddingBias(const at::Tensor &attentionMask, c10::ScalarType dtype)
{
    const auto keep = attentionMask.ne(0).view({attentionMask.size(0), 1, 1, attentionMask.size(1)});
    const double lowest = dtype == at::kDouble     ? std::numeric_limits<double>::lowest()
                          : dtype == at::kHalf     ? -65504.0
                          : dtype == at::kBFloat16 ? -3.3895313892515355e38
                                                   : static_cast<double>(std::numeric_limits<float>::lowest());
    return at::where(keep, at::zeros({}, keep.options().dtype(dtype)),
                     at::full({}, lowest, keep.options().dtype(dtype)));
}

void checkEncoderInput(const at::Tensor &ids, const at::Tensor &attentionMask, int64_t maxLength, int64_t vocabSize,
                       const std::string &source)
{
    if (ids.dim() != 2 || ids.size(1) == 0 || ids.size(1) > maxLength ||
        !at::isIntegralType(ids.scalar_type(), false) || attentionMask.sizes() != ids.sizes()) {
        std::ostringstream shapes;
        shapes << ids.sizes() << " " << ids.scalar_type() << " with a mask of " << attentionMask.sizes();
        throw ModelError(source + ": input ids have shape " + shapes.str() +
                         ", expected integer ids [B, L] with 1 <= L <= " + std::to_string(maxLength) +
                         " and a mask of the same shape");
    }
    if (ids.numel() > 0) {
        const auto low = ids.min().item<int64_t>(), high = ids.max().item<int64_t>();
        if (low < 0 || high >= vocabSize)
            throw ModelError(source + ": input id " + std::to_string(low < 0 ? low : high) +
                             " is outside the vocabulary of " + std::to_string(vocabSize));
    }
}

} // namespace vindex::models
