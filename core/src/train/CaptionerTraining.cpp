#include "vindex/train/CaptionerTraining.h"

#include "vindex/models/LlamaModel.h"
#include "vindex/models/MultimodalModel.h"
#include "vindex/models/Tokenizer.h"

#include <ATen/ATen.h>

namespace vindex::train {

at::Tensor captionLoss(const models::MultimodalModel &model, const at::Tensor &pixelValues,
                       const std::string &userMessage, const std::string &caption)
{
    std::vector<int64_t> ids = model.promptIds(model.promptText(userMessage));
    // The answer follows "ASSISTANT:" after a space: sentencepiece's dummy prefix gives exactly that piece.
    std::vector<int64_t> answer = model.tokenizer().encode(caption, /*addBos=*/false);
    answer.push_back(model.tokenizer().eosId());
    ids.insert(ids.end(), answer.begin(), answer.end());
    const at::Tensor embeds = model.promptEmbeddings(ids, model.visionFeatures(pixelValues));
    const at::Tensor logits = model.llm().forward(embeds.unsqueeze(0)).squeeze(0); // [T, vocab]
    const auto T = logits.size(0), A = static_cast<int64_t>(answer.size());
    // Position t predicts token t + 1: the answer's tokens are the last A, predicted from the A positions before.
    const at::Tensor predicted = logits.slice(0, T - A - 1, T - 1);
    return at::cross_entropy_loss(predicted, at::tensor(answer, at::kLong).to(logits.device()));
}

} // namespace vindex::train
