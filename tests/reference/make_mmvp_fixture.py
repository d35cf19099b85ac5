#!/usr/bin/env python3
"""Makes tests/fixtures/mmvp-tiny: MMVP's Interleaved-MoF (the method's ME space) computed by the reference code.

The reference code is never committed; point the script at local copies of it:
  --dinov2 DIR   a checkout of github.com/facebookresearch/dinov2 (the folder holding the `dinov2` package); the
                 fixture was made at commit 2302b6b (2023-12-01, the code torch.hub served when MMVP was released)
  --umbrae DIR   the `umbrae` folder of github.com/weihaox/UMBRAE (model.py, perceiver.py; needs einops, einops_exts)

What it computes, following tsb0601/MMVP LLaVA/llava/model/llava_arch.py (prepare_inputs_labels_for_multimodal_withdino)
and multimodal_encoder/dino_encoder.py:
  * a tiny DinoVisionTransformer (width 64, 3 blocks, 1 head, mlp_ratio 2, patch 14, img_size 70 -> 5 x 5 positions,
    torch.hub's interpolate_offset 0.1 and antialias False) with random weights, saved as a torch.hub-layout state
    dict (dinov2_tiny_pretrain.pth); its forward_features(x)["x_prenorm"][:, 1:] on llava-tiny's 56 px pixels
    (4 x 4 patches: the position embeddings are interpolated);
  * CLIP features (hidden_states[-2][:, 1:]) of the same pixels from ../shared/fixtures/clip-vit-tiny (HF CLIPVisionModel);
  * llava-tiny's mm_projector on CLIP, a random mlp2x_gelu dino_mm_projector (64 -> 64, MMVP's adapter file
    dino_mm_projector.bin) on DINO, interleaved c0, d0, c1, d1, ... in place of the -200 placeholder of llava-tiny's
    prompt; the LLaMA of llava-tiny (HF LlamaForCausalLM) gives logits and 16 greedy ids from inputs_embeds;
  * the brain path: two UMBRAE BrainXS encoders (217 voxels = mini-nsd subject 1; hidden 32, 16 latents, perceiver
    depth 1, 2 heads x 16, out 64), random, saved as UMBRAE's train.py writes checkpoints into a --brainx_path folder
    (sub01_dim64/clip_224/last.pth, sub01_dim64/dino_224/last.pth); their features for mini-nsd subject 1, test
    trial 0 (image 0: voxel v = sin(0.05 v) + 0.01, the mean of its three repeats by expected.json's beta_formula),
    concatenated CLIP first, through the same interleave and LLaMA.
"""
import argparse
import json
import math
import os
import sys
import types

import torch
import torch.nn as nn


def mlp2x_gelu(x, w):
    return torch.nn.functional.linear(
        torch.nn.functional.gelu(torch.nn.functional.linear(x, w["0.weight"], w["0.bias"])), w["2.weight"],
        w["2.bias"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dinov2", required=True)
    parser.add_argument("--umbrae", required=True)
    parser.add_argument("--shared", default=os.path.join(os.path.dirname(__file__), "../../../shared/fixtures"))
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "../fixtures/mmvp-tiny"))
    args = parser.parse_args()
    sys.path.insert(0, os.path.abspath(args.dinov2))
    sys.path.insert(0, os.path.abspath(args.umbrae))
    import transformers  # before the stub below: transformers probes for torchvision itself
    # UMBRAE's model.py imports torchvision for its image-side BrainEncoder only (not used by BrainXS).
    if "torchvision" not in sys.modules:
        try:
            import torchvision  # noqa: F401
        except ImportError:
            stub = types.ModuleType("torchvision")
            stub.transforms = types.ModuleType("torchvision.transforms")
            sys.modules["torchvision"] = stub
            sys.modules["torchvision.transforms"] = stub.transforms

    from dinov2.models.vision_transformer import DinoVisionTransformer
    from dinov2.layers import MemEffAttention, NestedTensorBlock
    from functools import partial
    import model as umbrae_model
    import perceiver as umbrae_perceiver
    from safetensors.torch import load_file, save_file
    from transformers import CLIPVisionModel, LlamaConfig, LlamaForCausalLM

    shared = os.path.abspath(args.shared)
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    g = torch.Generator().manual_seed(15)

    # --- DINOv2, built as dinov2/hub/backbones.py builds dinov2_vitl14 (block_chunks 0, init_values 1.0,
    # interpolate_antialias False, interpolate_offset 0.1), only smaller.
    dino = DinoVisionTransformer(img_size=70, patch_size=14, embed_dim=64, depth=3, num_heads=1, mlp_ratio=2,
                                 init_values=1.0, block_chunks=0, ffn_layer="mlp",
                                 block_fn=partial(NestedTensorBlock, attn_class=MemEffAttention),
                                 interpolate_antialias=False, interpolate_offset=0.1).eval()
    with torch.no_grad():
        for name, p in dino.named_parameters():
            if name.endswith("gamma") or (("norm" in name) and name.endswith("weight")):
                p.copy_(1.0 + 0.1 * torch.randn(p.shape, generator=g))
            else:
                p.copy_(0.08 * torch.randn(p.shape, generator=g))
    torch.save(dino.state_dict(), os.path.join(out, "dinov2_tiny_pretrain.pth"))

    llava_expected = load_file(os.path.join(shared, "llava-tiny/expected.safetensors"))
    pixel_values = llava_expected["pixel_values"]  # LLaVA 'pad' preprocessing, CLIP mean/std: MMVP feeds both towers
    with torch.no_grad():
        dino_prenorm = dino.forward_features(pixel_values)["x_prenorm"][:, 1:]
        clip = CLIPVisionModel.from_pretrained(os.path.join(shared, "clip-vit-tiny")).eval()
        clip_features = clip(pixel_values, output_hidden_states=True).hidden_states[-2][:, 1:]
    assert torch.allclose(clip_features, llava_expected["vision_select_features"], atol=1e-5)

    # --- projectors: llava-tiny's mm_projector, a random dino_mm_projector in MMVP's adapter-file layout.
    llava = load_file(os.path.join(shared, "llava-tiny/model.safetensors"))
    mm_projector = {k[len("model.mm_projector."):]: v for k, v in llava.items() if k.startswith("model.mm_projector.")}
    dino_projector_module = nn.Sequential(nn.Linear(64, 64), nn.GELU(), nn.Linear(64, 64))
    with torch.no_grad():
        for p in dino_projector_module.parameters():
            p.copy_(0.1 * torch.randn(p.shape, generator=g))
    dino_projector = {k: v.detach().clone() for k, v in dino_projector_module.state_dict().items()}
    torch.save({"model.dino_mm_projector." + k: v for k, v in dino_projector.items()},
               os.path.join(out, "dino_mm_projector.bin"))

    # --- the LLaMA of llava-tiny.
    config = json.load(open(os.path.join(shared, "llava-tiny/config.json")))
    llama_config = LlamaConfig(vocab_size=config["vocab_size"], hidden_size=config["hidden_size"],
                               intermediate_size=config["intermediate_size"],
                               num_hidden_layers=config["num_hidden_layers"],
                               num_attention_heads=config["num_attention_heads"],
                               num_key_value_heads=config["num_key_value_heads"], rms_norm_eps=config["rms_norm_eps"],
                               max_position_embeddings=config["max_position_embeddings"], bos_token_id=1,
                               eos_token_id=2, pad_token_id=0, tie_word_embeddings=False)
    llama_config._attn_implementation = "eager"
    llama = LlamaForCausalLM(llama_config).eval()
    missing, unexpected = llama.load_state_dict({k: v for k, v in llava.items() if "mm_projector" not in k},
                                                strict=False)
    assert not missing, missing
    input_ids = torch.tensor(json.load(open(os.path.join(shared, "llava-tiny/expected.json")))["input_ids_with_image"])

    def interleaved_embeds(clip_feats, dino_feats):
        """prepare_inputs_labels_for_multimodal_withdino for one prompt with one image (no im_start/im_end)."""
        clip_proj = mlp2x_gelu(clip_feats, mm_projector)[0]
        dino_proj = mlp2x_gelu(dino_feats, dino_projector)[0]
        num_patches, clip_dim = clip_proj.shape
        merged = torch.empty(2 * num_patches, clip_dim, dtype=clip_proj.dtype)
        merged[0::2] = clip_proj
        merged[1::2] = dino_proj
        start = int(torch.where(input_ids == -200)[0][0])
        embed = llama.model.embed_tokens
        return merged, torch.cat([embed(input_ids[:start]), merged, embed(input_ids[start + 1:])], 0).unsqueeze(0)

    def greedy(embeds, steps=16):
        """Greedy decoding from inputs_embeds as generate() does it (full recompute, no cache); stops after eos."""
        ids = []
        x = embeds
        for _ in range(steps):
            logits = llama(inputs_embeds=x).logits
            token = int(logits[0, -1].argmax())
            ids.append(token)
            if token == llama_config.eos_token_id:
                break
            x = torch.cat([x, llama.model.embed_tokens(torch.tensor([[token]]))], 1)
        return torch.tensor([ids], dtype=torch.int64)

    with torch.no_grad():
        image_tokens, image_embeds = interleaved_embeds(clip_features, dino_prenorm)
        image_logits = llama(inputs_embeds=image_embeds).logits
        image_generated = greedy(image_embeds)

    # --- the brain path: two BrainXS in a --brainx_path folder, UMBRAE's own classes with a smaller perceiver.
    voxels = torch.tensor([[math.sin(0.05 * v) + 0.01 for v in range(217)]], dtype=torch.float32)
    encoders = {}
    for kind in ("clip", "dino"):
        encoder = umbrae_model.BrainXS(in_dim=217, hidden_dim=32, out_dim=64, num_latents=16)
        encoder.perceiver.perceiver = umbrae_perceiver.PerceiverResampler(dim=32, dim_head=16, depth=1, heads=2,
                                                                          num_latents=16, num_media_embeds=1)
        with torch.no_grad():
            for name, p in encoder.named_parameters():
                if "norm" in name and name.endswith("weight") or "ln_vision.weight" in name or (
                        "layers.0.1.0.weight" in name):
                    p.copy_(1.0 + 0.1 * torch.randn(p.shape, generator=g))
                else:
                    p.copy_(0.1 * torch.randn(p.shape, generator=g))
        encoder.eval()
        folder = os.path.join(out, "sub01_dim64", f"{kind}_224")
        os.makedirs(folder, exist_ok=True)
        torch.save({"epoch": 0, "model_state_dict": encoder.state_dict()}, os.path.join(folder, "last.pth"))
        encoders[kind] = encoder
    with torch.no_grad():
        brain_clip = encoders["clip"](voxels)
        brain_dino = encoders["dino"](voxels)
        brain_tokens, brain_embeds = interleaved_embeds(brain_clip, brain_dino)
        brain_logits = llama(inputs_embeds=brain_embeds).logits
        brain_generated = greedy(brain_embeds)

    save_file({
        "pixel_values": pixel_values.contiguous(),
        "clip_features": clip_features.contiguous(),
        "dino_prenorm": dino_prenorm.contiguous(),
        "image_tokens": image_tokens.contiguous(),
        "image_inputs_embeds": image_embeds.contiguous(),
        "image_last_logits": image_logits[:, -1].contiguous(),
        "image_generated": image_generated,
        "brain_voxels": voxels,
        "brain_features": torch.cat([brain_clip, brain_dino], -1).contiguous(),
        "brain_tokens": brain_tokens.contiguous(),
        "brain_last_logits": brain_logits[:, -1].contiguous(),
        "brain_generated": brain_generated,
    }, os.path.join(out, "expected.safetensors"))
    print("torch", torch.__version__, "transformers", transformers.__version__)
    print("image_generated", image_generated.tolist(), "brain_generated", brain_generated.tolist())


if __name__ == "__main__":
    main()
