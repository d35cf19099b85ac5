#pragma once
// A sentence-transformers folder (as the hub's all-MiniLM-L6-v2 and all-mpnet-base-v2 are laid out) run as
// SentenceTransformer.encode runs it:
//   modules.json            Transformer (path "" or a subfolder), Pooling, optionally Normalize; any other module
//                           (Dense, ...) is refused. Without modules.json: Transformer + mean pooling.
//   sentence_bert_config.json  max_seq_length (else tokenizer_config's model_max_length, at most what the position
//                           table holds), do_lower_case (lower-cases the text before the tokenizer's own steps)
//   config.json             model_type "bert" (BertModel) or "mpnet" (MpnetModel)
//   model.safetensors | pytorch_model.bin, vocab.txt + tokenizer_config.json (WordPieceTokenizer)
//   1_Pooling/config.json   pooling_mode ("mean", "cls", "max", "mean_sqrt_len_tokens" or a list of them) or the
//                           legacy pooling_mode_*_token(s) flags; several modes are concatenated in that order
//   Normalize               embeddings divided by max(‖e‖₂, 1e-12)
// Texts are batched by token count (longest first, as encode does) and right-padded within a batch; padding is
// masked out of attention and pooling.
#include "vindex/models/Compute.h"

#include <ATen/core/Tensor.h>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace vindex::models {

class BertModel;
class MpnetModel;
class WordPieceTokenizer;

class SentenceTransformer {
public:
    enum class PoolingMode { Cls, Max, Mean, MeanSqrtLength };

    // ModelError / FormatError naming the file when the folder is not such a sentence-transformers model.
    static std::unique_ptr<SentenceTransformer> load(const std::string &folder, const Compute &compute);
    ~SentenceTransformer();

    // Embeddings [N, embeddingSize()] (float32, CPU) of the texts in order.
    at::Tensor encode(const std::vector<std::string> &texts, std::size_t batchSize = 32) const;
    // Token embeddings [B, L, C] (the transformer's last hidden state) of ids and mask [B, L].
    at::Tensor tokenEmbeddings(const at::Tensor &ids, const at::Tensor &attentionMask) const;
    // The pooling modules' output (before Normalize) of token embeddings [B, L, C] and mask [B, L].
    at::Tensor pool(const at::Tensor &tokenEmbeddings, const at::Tensor &attentionMask) const;

    const WordPieceTokenizer &tokenizer() const { return *m_tokenizer; }
    std::size_t maxSequenceLength() const { return m_maxSequenceLength; }
    const std::vector<PoolingMode> &poolingModes() const { return m_poolingModes; }
    bool normalizes() const { return m_normalize; }
    int64_t hiddenSize() const;
    int64_t embeddingSize() const;                               // hiddenSize × the number of pooling modes
    const std::string &modelType() const { return m_modelType; } // "bert" | "mpnet"
    const std::string &folder() const { return m_folder; }
    const Compute &compute() const { return m_compute; }

private:
    SentenceTransformer() = default;

    std::string m_folder, m_modelType;
    Compute m_compute;
    std::unique_ptr<WordPieceTokenizer> m_tokenizer;
    std::unique_ptr<BertModel> m_bert; // one of the two
    std::unique_ptr<MpnetModel> m_mpnet;
    std::size_t m_maxSequenceLength = 0;
    std::vector<PoolingMode> m_poolingModes{PoolingMode::Mean};
    bool m_normalize = false;
};

} // namespace vindex::models
