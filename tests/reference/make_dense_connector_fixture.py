#!/usr/bin/env python3
"""Writes tests/fixtures/dense-connector-tiny: tiny Dense Connector models (HJYao00/DenseConnector) in the original
LLaVA layout our loader reads, on a CLIP tower and on a SigLIP tower, with the outputs of the authors' own code.

The authors' code hard-codes the layer indices of the real towers (CLIP ViT-L: hidden_states 0..11 | 12..23 and
layer -2; SigLIP so400m: 27 blocks of which it deletes the last, hidden_states 0..12 | 13..25, and it asserts 729
tokens), so the tiny towers keep those depths and token counts and are only narrow:
- clip/     CLIPVisionModel: 24 layers, width 16 (FFN 16), 56 px, patch 14 (16 patches + CLS), quick_gelu.
- siglip/   SiglipVisionModel: 27 layers, width 16 (FFN 16), 54 px, patch 2 (27 x 27 = 729 tokens), with the head (as the
            released so400m weights; Dense Connector replaces it by Identity and drops the last block).
- clip-dci/, clip-sci/, clip-sti/, siglip-dci/: LLaVA layout (config.json with mm_dense_connector_type,
            mm_hidden_size 3C for dci/sci and C for sti, mm_vision_tower ../clip or ../siglip, image_aspect_ratio pad),
            one model.safetensors with a LLaMA (2 layers, width 16, vocab 512) and model.mm_projector.{0,2}.

Expected outputs come from Dense Connector's code, imported from its repository with its package __init__ skipped:
dc/model/multimodal_encoder/{clip_encoder,siglip_encoder}.py (the towers and their feature selection),
dc/model/multimodal_projector/{dense_connector,builder}.py, dc/model/llava_arch.py (encode_images and
prepare_inputs_labels_for_multimodal, run on a stand-in object that holds the same modules) and dc/mm_utils.py
(process_images with 'pad'). Generation: transformers' LlamaForCausalLM.generate on the returned inputs_embeds.
Brain input: features [N', 3C] given directly instead of the tower output (encode_images replaced by the projector
alone, as UMBRAE feeds brain features), for the tower's token count and for another one (a 256-token encoder into a
576-token CLIP-336 model has the same relation as 9 into 16 here).

Two deviations from the authors' loading path, both forced by transformers 5 and neither touching the computation:
SigLipVisionConfig.from_pretrained calls PretrainedConfig._set_token_in_kwargs (gone in transformers 5), so the
config is built from the folder's config.json by hand and the weights loaded with load_state_dict (the deleted
block and the replaced head are the only unused keys); SigLipImageProcessor is built with the tower's image size
(54) where the authors' default is the real tower's 384.

Run (DenseConnector at /tmp/dc-ref, e.g. `git archive` of HJYao00/DenseConnector 0f8936c extracted there;
transformers under /work/reflibs; Pillow 9.4 first on the path, as for ../shared/fixtures):
  PYTHONPATH=/work/reflibs-pil94:/work/reflibs .venv/bin/python tests/reference/make_dense_connector_fixture.py \
      /tmp/dc-ref ../shared/fixtures
"""
import json
import os
import shutil
import sys
import types

import numpy as np
import torch
from PIL import Image
from safetensors.torch import load_file, save_file

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "dense-connector-tiny")
DC = sys.argv[1] if len(sys.argv) > 1 else "/tmp/dc-ref"
SHARED = sys.argv[2] if len(sys.argv) > 2 else "../shared/fixtures"
NEW_TOKENS = 16
TOWER_WIDTH = 16
CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073]
CLIP_STD = [0.26862954, 0.26130258, 0.27577711]

torch.manual_seed(22)
np.random.seed(22)


def import_dc(root):
    """dc/__init__.py imports the whole model zoo (and MPT, einops, ...); load only the modules Dense Connector's
    image path runs. einops is imported by clip_encoder and llava_arch but used only for video: a stub suffices."""
    sys.path.insert(0, root)
    for name in ("dc", "dc.model"):
        module = types.ModuleType(name)
        module.__path__ = [os.path.join(root, *name.split("."))]
        sys.modules[name] = module
    einops = types.ModuleType("einops")
    einops.rearrange = lambda *a, **k: (_ for _ in ()).throw(RuntimeError("einops is not used on this path"))
    sys.modules.setdefault("einops", einops)
    import dc.mm_utils as mm_utils
    import dc.model.llava_arch as arch
    import dc.model.multimodal_encoder.clip_encoder as clip_encoder
    import dc.model.multimodal_encoder.siglip_encoder as siglip_encoder
    import dc.model.multimodal_projector.builder as projector_builder
    return mm_utils, arch, clip_encoder, siglip_encoder, projector_builder


mm_utils, dc_arch, clip_encoder, siglip_encoder, projector_builder = import_dc(DC)

import transformers  # noqa: E402
from transformers import (CLIPImageProcessorPil, CLIPVisionConfig, CLIPVisionModel, LlamaConfig,  # noqa: E402
                          LlamaForCausalLM, SiglipVisionConfig, SiglipVisionModel)


def rerandomize(module, scale=0.09):
    with torch.no_grad():
        for name, p in module.named_parameters():
            if "norm" in name and name.endswith("weight"):
                p.copy_(1.0 + 0.1 * torch.randn_like(p))
            else:
                p.copy_(scale * torch.randn_like(p))


def save_model(model, folder):
    # transformers 5 names the tower's modules without the "vision_model." its published checkpoints carry
    state = {("" if k.startswith("vision_model.") else "vision_model.") + k: v.detach().clone().contiguous()
             for k, v in model.state_dict().items()}
    save_file(state, os.path.join(folder, "model.safetensors"), metadata={"format": "pt"})
    model.config.save_pretrained(folder)


shutil.rmtree(OUT, ignore_errors=True)
os.makedirs(OUT)

# ---- towers, saved in the HF layout the real checkpoints have -------------------------------------------------
clip_dir, siglip_dir = os.path.join(OUT, "clip"), os.path.join(OUT, "siglip")
os.makedirs(clip_dir)
os.makedirs(siglip_dir)
clip_config = CLIPVisionConfig(hidden_size=TOWER_WIDTH, intermediate_size=16, num_hidden_layers=24,
                               num_attention_heads=2, image_size=56, patch_size=14, hidden_act="quick_gelu",
                               projection_dim=16)
clip = CLIPVisionModel(clip_config).eval()
rerandomize(clip)
clip_config.architectures = ["CLIPVisionModel"]
save_model(clip, clip_dir)
CLIPImageProcessorPil(size={"shortest_edge": 56}, crop_size={"height": 56, "width": 56}, image_mean=CLIP_MEAN,
                      image_std=CLIP_STD, do_convert_rgb=True).save_pretrained(clip_dir)

siglip_config = SiglipVisionConfig(hidden_size=TOWER_WIDTH, intermediate_size=16, num_hidden_layers=27,
                                   num_attention_heads=2, image_size=54, patch_size=2,
                                   hidden_act="gelu_pytorch_tanh", layer_norm_eps=1e-6)
siglip = SiglipVisionModel(siglip_config).eval()
rerandomize(siglip)
siglip_config.architectures = ["SiglipVisionModel"]
save_model(siglip, siglip_dir)

# ---- Dense Connector's towers loading those folders -----------------------------------------------------------
class TowerArgs:
    mm_vision_select_layer = -2
    mm_vision_select_feature = "patch"


dc_clip = clip_encoder.CLIPVisionTower(clip_dir, TowerArgs())
dc_clip.vision_tower.config._attn_implementation = "eager"

dc_siglip = siglip_encoder.SigLipVisionTower(siglip_dir, None, delay_load=True)
with open(os.path.join(siglip_dir, "config.json")) as f:
    saved = json.load(f)
dc_siglip.config = siglip_encoder.SigLipVisionConfig(**{k: saved[k] for k in (
    "hidden_size", "intermediate_size", "num_hidden_layers", "num_attention_heads", "num_channels", "image_size",
    "patch_size", "hidden_act", "layer_norm_eps", "attention_dropout")})
dc_siglip.vision_tower = siglip_encoder.SigLipVisionModel(dc_siglip.config).eval()
missing, unused = dc_siglip.vision_tower.load_state_dict(load_file(os.path.join(siglip_dir, "model.safetensors")),
                                                         strict=False)
assert not missing, missing
assert all(k.startswith(("vision_model.encoder.layers.26.", "vision_model.head.")) for k in unused), unused
assert len(dc_siglip.vision_tower.vision_model.encoder.layers) == 26
dc_siglip.vision_tower.requires_grad_(False)
dc_siglip.is_loaded = True
dc_siglip.image_processor = siglip_encoder.SigLipImageProcessor(size=(54, 54),
                                                                crop_size={"height": 54, "width": 54})

# ---- DC models: LLaMA + mlp2x_gelu projector, original LLaVA layout ---------------------------------------------
text_config = LlamaConfig(vocab_size=512, hidden_size=16, intermediate_size=48, num_hidden_layers=2,
                          num_attention_heads=2, num_key_value_heads=2, rms_norm_eps=1e-5,
                          max_position_embeddings=1024, bos_token_id=1, eos_token_id=2, pad_token_id=0,
                          tie_word_embeddings=False)

with open(os.path.join(SHARED, "llava-tiny", "expected.json")) as f:
    llava_tiny = json.load(f)
prompt = llava_tiny["prompt"]  # "<image>\nDescribe this image in detail." in the llava_v1 template, the method's
ids_with_image = llava_tiny["input_ids_with_image"]
image = Image.open(os.path.join(SHARED, "llava-tiny", "image.png")).convert("RGB")  # 400 x 300: padding matters


class StandIn(dc_arch.LlavaMetaForCausalLM):
    """Holds what encode_images and prepare_inputs_labels_for_multimodal reach through self."""

    def __init__(self, tower, tower_dir, config, weights, llm):
        holder = torch.nn.Module()
        holder.vision_tower = tower
        holder.vision_tower_name = tower_dir  # is_siglip() looks for "siglip" in it
        cfg = types.SimpleNamespace(**config)
        holder.config = cfg
        holder.mm_projector = projector_builder.build_vision_projector(cfg)
        holder.mm_projector.load_state_dict({k[len("model.mm_projector."):]: v for k, v in weights.items()
                                             if k.startswith("model.mm_projector.")})
        holder.embed_tokens = llm.model.embed_tokens
        holder.get_vision_tower = lambda: holder.vision_tower
        self.model = holder
        self.config = cfg
        self.device = torch.device("cpu")

    def get_model(self):
        return self.model


def generate(llm, embeds):
    with torch.no_grad():
        out = llm.generate(inputs_embeds=embeds, attention_mask=torch.ones(embeds.shape[:2], dtype=torch.long),
                           max_new_tokens=NEW_TOKENS, do_sample=False, eos_token_id=-1, pad_token_id=0,
                           output_scores=True, return_dict_in_generate=True)
    ids = out.sequences[0, -NEW_TOKENS:]
    # The smallest gap between the best and second-best logit: a test that rounds differently must not flip a tie.
    margin = min(float(s[0].topk(2).values[0] - s[0].topk(2).values[1]) for s in out.scores)
    return ids, margin


def prompt_embeds(stand_in, images):
    with torch.no_grad():
        _, _, _, _, embeds, _ = stand_in.prepare_inputs_labels_for_multimodal(
            torch.tensor([ids_with_image]), None, None, None, None, images, None)
    return embeds


expected, cases = {}, {}
variants = (("clip-dci", "dci", "clip", dc_clip), ("clip-sci", "sci", "clip", dc_clip),
            ("clip-sti", "sti", "clip", dc_clip), ("siglip-dci", "dci", "siglip", dc_siglip))
for seed, (name, dc_type, tower_name, tower) in enumerate(variants):
    torch.manual_seed(100 + seed)
    folder = os.path.join(OUT, name)
    os.makedirs(folder)
    mm_hidden = TOWER_WIDTH * (3 if dc_type in ("dci", "sci") else 1)
    llm = LlamaForCausalLM(text_config).eval()
    llm.config._attn_implementation = "eager"
    rerandomize(llm)
    projector = torch.nn.Sequential(torch.nn.Linear(mm_hidden, 16), torch.nn.GELU(), torch.nn.Linear(16, 16))
    rerandomize(projector, 0.2)
    weights = {k: v.detach().clone().contiguous() for k, v in llm.state_dict().items()}
    weights.update({"model.mm_projector." + k: v.detach().clone().contiguous()
                    for k, v in projector.state_dict().items()})
    save_file(weights, os.path.join(folder, "model.safetensors"), metadata={"format": "pt"})
    config = text_config.to_dict()
    config.update({
        "architectures": ["LlavaLlamaForCausalLM"], "model_type": "llava", "mm_projector_type": "mlp2x_gelu",
        "mm_hidden_size": mm_hidden, "mm_vision_select_layer": -2, "mm_vision_select_feature": "patch",
        "mm_vision_tower": "../" + tower_name, "mm_dense_connector_type": dc_type, "image_aspect_ratio": "pad",
        "mm_patch_merge_type": "flat", "mm_use_im_start_end": False, "mm_use_im_patch_token": False,
        "is_video": False, "tokenizer_model_max_length": 2048, "tokenizer_padding_side": "right",
        "torch_dtype": "float32"})
    with open(os.path.join(folder, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    shutil.copy(os.path.join(SHARED, "tokenizer", "tokenizer.model"), os.path.join(folder, "tokenizer.model"))

    stand_in = StandIn(tower, os.path.join(OUT, tower_name), config, weights, llm)
    assert stand_in.is_siglip() == (tower_name == "siglip")

    # Image path: DC's process_images ('pad': expand2square on the processor mean), tower, dense connector,
    # projector, splice, then greedy generation.
    pixel_values = mm_utils.process_images([image], tower.image_processor, stand_in.config)
    with torch.no_grad():
        tower_features, forward_outs = tower(pixel_values)
        features = dc_arch.dense_connector(tower_features, forward_outs, stand_in.is_siglip(), dc_type)
        tokens = stand_in.encode_images(pixel_values)
    embeds = prompt_embeds(stand_in, pixel_values)
    ids, margin = generate(llm, embeds)
    key = name.replace("-", "_")
    if name.startswith("clip-dci") or name == "siglip-dci":
        expected[tower_name + "_pixel_values"] = pixel_values[0]
    expected[key + "_features"] = features[0]
    expected[key + "_image_tokens"] = tokens[0]
    expected[key + "_image_generated"] = ids
    case = {"dense_connector_type": dc_type, "tower": tower_name, "feature_shape": list(features.shape[1:]),
            "image_tokens": int(tokens.shape[1]), "prompt_length": int(embeds.shape[1]),
            "image_logit_margin": margin}

    # Brain path: features given directly; the tower's token count and another one.
    if dc_type == "dci":
        counts = (int(features.shape[1]), 9) if tower_name == "clip" else (int(features.shape[1]),)
        for count in counts:
            for _ in range(10):  # redraw features whose greedy path passes a near-tie
                brain = 0.5 * torch.randn(count, mm_hidden)
                stand_in.encode_images = lambda images, f=brain: stand_in.get_model().mm_projector(f[None])
                embeds = prompt_embeds(stand_in, torch.zeros(1, 3, 8, 8))
                ids, margin = generate(llm, embeds)
                if margin > 2e-3:
                    break
            suffix = "brain" if count == features.shape[1] else "brain%d" % count
            expected[key + "_" + suffix + "_features"] = brain
            expected[key + "_" + suffix + "_generated"] = ids
            case[suffix + "_tokens"] = count
            case[suffix + "_logit_margin"] = margin
        del stand_in.encode_images
    cases[name] = case

expected = {k: (v.float() if v.is_floating_point() else v.long()).contiguous() for k, v in expected.items()}
save_file(expected, os.path.join(OUT, "expected.safetensors"))
with open(os.path.join(OUT, "expected.json"), "w") as f:
    json.dump({
        "made_by": "tests/reference/make_dense_connector_fixture.py",
        "command": "PYTHONPATH=/work/reflibs-pil94:/work/reflibs .venv/bin/python "
                   "tests/reference/make_dense_connector_fixture.py /tmp/dc-ref ../shared/fixtures",
        "versions": {"torch": torch.__version__, "transformers": transformers.__version__,
                     "pillow": Image.__version__, "numpy": np.__version__,
                     "dense_connector": "HJYao00/DenseConnector 0f8936c"},
        "prompt": prompt, "input_ids_with_image": ids_with_image, "image": "../shared/fixtures/llava-tiny/image.png",
        "new_tokens": NEW_TOKENS, "cases": cases,
        "notes": "float32, CPU, eager attention; greedy; eos disabled so that every run gives 16 ids. "
                 "<model>_features: dense_connector(tower(pixels)) [N, 3C] (sti: [N + 2*(N//8), C]); "
                 "<model>_image_tokens: encode_images (after mm_projector); <model>_image_generated: greedy ids "
                 "after prepare_inputs_labels_for_multimodal. <model>_brain*_features: features given in place of "
                 "the tower's (the projector alone), with their greedy ids. *_logit_margin: the smallest gap "
                 "between the best and the second-best logit over the generated steps."
    }, f, indent=1)
print("wrote", OUT)
for k, v in cases.items():
    print(k, v)
