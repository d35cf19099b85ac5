#pragma once
// CLIP in OpenAI's own layout (openai/CLIP model.py; PAC-S's checkpoints, aimagelab/pacscore, are
// torch.save({'state_dict': CLIP.state_dict()}) of a fine-tuned ViT-B/32) mapped onto the Hugging Face CLIPModel
// names and config that ClipModel runs: token_embedding, positional_embedding, transformer.resblocks.{i}.{ln_1,
// attn.in_proj_weight/bias (split into q/k/v), attn.out_proj, ln_2, mlp.c_fc, mlp.c_proj}, ln_final, text_projection
// ([width, embed], transposed), visual.{conv1, class_embedding, positional_embedding, ln_pre, transformer…, ln_post,
// proj (transposed)}. The computation is the same as HF's: pre-LN blocks, QuickGELU, LayerNorm eps 1e-5, the text
// pooled at the argmax of the ids (<|endoftext|> is the largest id), the image at post-LN CLS.
// The architecture comes from the shapes as OpenAI's build_model reads them (heads = width // 64).
#include "vindex/io/HostTensor.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace vindex::models {

class OpenAiClipCheckpoint {
public:
    struct Converted {
        nlohmann::json config;                         // a CLIPConfig: text_config, vision_config, projection_dim
        std::map<std::string, io::HostTensor> tensors; // HF CLIPModel names (text_model.*, vision_model.*, …)
    };

    // A torch.save'd file (zip format) holding {'state_dict': {...}} as pacscore's checkpoints do, or the state
    // dict itself; a "module." prefix (DataParallel) is removed. FormatError when the file is unreadable (OpenAI's
    // released .pt files are TorchScript archives: refused, with that said); ModelError naming the file when it is
    // not a ViT CLIP in OpenAI's layout (ResNet CLIPs are refused by name) or a tensor is missing.
    static Converted load(const std::string &file);
    // The same on tensors already read; source names them in errors.
    static Converted convert(std::vector<std::pair<std::string, io::HostTensor>> stateDict, const std::string &source);

    // Where the tokenizer vocabulary is looked for when none is given: bpe_simple_vocab_16e6.txt.gz in the
    // checkpoint's folder (the path whether or not the file is there).
    static std::string defaultVocabPath(const std::string &checkpointFile);
    static constexpr const char *kVocabFileName = "bpe_simple_vocab_16e6.txt.gz";
};

} // namespace vindex::models
