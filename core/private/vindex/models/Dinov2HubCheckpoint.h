#pragma once
// DINOv2 as torch.hub serves it (facebookresearch/dinov2, `dinov2_vit{s,b,l}14`): a plain torch.save'd state dict
// (cls_token, pos_embed, mask_token, patch_embed.proj, blocks.{i}.{norm1, attn.qkv, attn.proj, ls1.gamma, norm2,
// mlp.fc1, mlp.fc2, ls2.gamma}, norm), mapped onto Dinov2Model (the HF layout's computation is the same: LN eps 1e-6,
// exact GELU, layerscale, qkv bias). MMVP loads its DINO tower this way, so its folders carry no DINOv2 config.
#include "vindex/models/VisionTower.h"

#include <memory>
#include <string>

namespace vindex::models {

class Dinov2HubCheckpoint {
public:
    // The architecture comes from the shapes alone: width from pos_embed, depth from the blocks, heads = width / 64
    // (every released DINOv2 has 64-wide heads), patch from patch_embed, image side = patch × √positions (518 for
    // the released files), MLP width from fc1. Registers (`*_reg4`) and the giant's SwiGLU are refused by name.
    // Throws ModelError naming the file when it is not a torch.hub DINOv2 state dict, FormatError when unreadable.
    static std::unique_ptr<VisionTower> load(const std::string &file, const Compute &compute,
                                             const VisionTower::Options &options = {});

    // Where torch.hub.load('facebookresearch/dinov2', name) keeps the weights it downloaded:
    // $TORCH_HOME/hub/checkpoints/<name>_pretrain.pth, TORCH_HOME defaulting to $XDG_CACHE_HOME/torch, else
    // ~/.cache/torch (torch.hub.get_dir). The path whether or not the file is there.
    static std::string cachedFile(const std::string &name = "dinov2_vitl14");
};

} // namespace vindex::models
