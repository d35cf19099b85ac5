#!/usr/bin/env python3
"""Writes tests/fixtures/llava-next-tiny: a tiny LLaVA-NeXT (anyres, spatial_unpad, image_newline) in both on-disk
layouts, with the outputs of the two reference implementations:

- hf/        LlavaNextForConditionalGeneration (transformers), saved under the published llava-hf hub names.
             Expected outputs come from transformers itself: LlavaNextImageProcessorPil, get_image_features
             (pack_image_features) and generate().
- original/  the haotian-liu/LLaVA layout (model.mm_projector, model.image_newline, CLIP apart in ../clip).
             Expected outputs come from LLaVA's own code: llava.mm_utils.process_anyres_image and
             LlavaMetaForCausalLM.prepare_inputs_labels_for_multimodal (run on a small stand-in model object that
             holds the same modules), then transformers' LlamaForCausalLM.generate on the returned inputs_embeds.
- clip/      the vision tower (CLIPVisionModel) the original layout names in mm_vision_tower.

Both layouts hold the same weights. They differ where the references differ: LLaVA reads a grid pinpoint as
(width, height) and unpads with int(), transformers reads it as (height, width) and unpads with int(round(x, 7)), so
a square image picks a different tiling. Brain input (features instead of an image) is one tile: the reference's
`image_feature.shape[0] == 1` branch, i.e. the projected tokens then one image_newline.

Run (LLaVA at /tmp/llava-ref, e.g. `git archive` of haotian-liu/LLaVA c121f04 extracted there; transformers under
/work/reflibs; Pillow 9.4 — the version of ../shared/fixtures — first on the path, because Pillow 13 resamples an
image that shrinks vertically and grows horizontally vertical pass first, Pillow 9.4 and LLaVA's era horizontal first):
  PYTHONPATH=/work/reflibs-pil94:/work/reflibs .venv/bin/python tests/reference/make_llava_next_fixture.py \
      /tmp/llava-ref ../shared/fixtures
"""
import json
import os
import shutil
import sys
import types

import numpy as np
import torch
from PIL import Image
from safetensors.torch import save_file

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures", "llava-next-tiny")
LLAVA = sys.argv[1] if len(sys.argv) > 1 else "/tmp/llava-ref"
SHARED = sys.argv[2] if len(sys.argv) > 2 else "../shared/fixtures"
PINPOINTS = [[56, 112], [112, 56], [112, 112], [168, 56], [56, 168]]
NEW_TOKENS = 16
IMAGE_ID = 512
CLIP_MEAN = [0.48145466, 0.4578275, 0.40821073]
CLIP_STD = [0.26862954, 0.26130258, 0.27577711]

torch.manual_seed(15)
np.random.seed(15)


def import_llava(root):
    """LLaVA's package __init__ imports its whole model zoo; load only llava_arch and mm_utils."""
    sys.path.insert(0, root)
    for name in ("llava", "llava.model"):
        module = types.ModuleType(name)
        module.__path__ = [os.path.join(root, *name.split("."))]
        sys.modules[name] = module
    import llava.mm_utils as mm_utils
    import llava.model.llava_arch as arch
    import llava.model.multimodal_projector.builder as projector_builder
    return mm_utils, arch, projector_builder


mm_utils, llava_arch, projector_builder = import_llava(LLAVA)

import transformers  # noqa: E402
from transformers import (CLIPImageProcessorPil, CLIPVisionConfig, CLIPVisionModel, LlamaConfig,  # noqa: E402
                          LlamaForCausalLM, LlavaNextConfig, LlavaNextForConditionalGeneration)
from transformers.models.llava_next.image_processing_pil_llava_next import LlavaNextImageProcessorPil  # noqa: E402


def rerandomize(module):
    with torch.no_grad():
        for name, p in module.named_parameters():
            if "norm" in name and name.endswith("weight"):
                p.copy_(1.0 + 0.1 * torch.randn_like(p))
            else:
                p.copy_(0.09 * torch.randn_like(p))


def make_image(width, height, seed):
    """Smooth colour fields plus a few blocks: compresses well, and tiles differ from one another."""
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width]
    img = np.zeros((height, width, 3), np.float64)
    for c in range(3):
        a, b, p = rng.uniform(0.02, 0.15, 3)
        img[..., c] = 127 + 110 * np.sin(a * x + b * y + p * 6)
    for _ in range(4):
        x0, y0 = rng.integers(0, width - 8), rng.integers(0, height - 8)
        img[y0:y0 + rng.integers(4, height // 2 + 5), x0:x0 + rng.integers(4, width // 2 + 5)] = rng.integers(0, 255, 3)
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")


# ---- models -------------------------------------------------------------------------------------------------
os.makedirs(OUT, exist_ok=True)
for sub in ("hf", "original", "clip"):
    shutil.rmtree(os.path.join(OUT, sub), ignore_errors=True)
    os.makedirs(os.path.join(OUT, sub))

vision_config = CLIPVisionConfig(hidden_size=64, intermediate_size=128, num_hidden_layers=3, num_attention_heads=4,
                                 image_size=56, patch_size=14, hidden_act="quick_gelu", projection_dim=32)
text_config = LlamaConfig(vocab_size=514, hidden_size=64, intermediate_size=176, num_hidden_layers=2,
                          num_attention_heads=4, num_key_value_heads=4, rms_norm_eps=1e-5, max_position_embeddings=512,
                          bos_token_id=1, eos_token_id=2, pad_token_id=513, tie_word_embeddings=False)
config = LlavaNextConfig(vision_config=vision_config, text_config=text_config, image_grid_pinpoints=PINPOINTS,
                         image_token_index=IMAGE_ID, vision_feature_layer=-2,
                         vision_feature_select_strategy="default", projector_hidden_act="gelu")
model = LlavaNextForConditionalGeneration(config).eval()
model.config._attn_implementation = "eager"
rerandomize(model)

state = {k: v.detach().clone().contiguous() for k, v in model.state_dict().items()}


def published_hf_name(key):
    # transformers 5 module names → the names llava-hf checkpoints are published under
    for new, old in (("model.language_model.", "language_model.model."), ("model.vision_tower.", "vision_tower.vision_model."),
                     ("model.multi_modal_projector.", "multi_modal_projector."),
                     ("model.image_newline", "image_newline"), ("lm_head.", "language_model.lm_head.")):
        if key.startswith(new):
            return old + key[len(new):]
    raise KeyError(key)


save_file({published_hf_name(k): v for k, v in state.items()}, os.path.join(OUT, "hf", "model.safetensors"),
          metadata={"format": "pt"})
model.config.save_pretrained(os.path.join(OUT, "hf"))
with open(os.path.join(OUT, "hf", "added_tokens.json"), "w") as f:
    json.dump({"<image>": 512, "<pad>": 513}, f)

# The CLIP tower the original layout loads apart (LLaVA never stores it in its checkpoint).
clip_state = {"vision_model." + k[len("model.vision_tower."):]: v for k, v in state.items()
              if k.startswith("model.vision_tower.")}
save_file(clip_state, os.path.join(OUT, "clip", "model.safetensors"), metadata={"format": "pt"})  # openai names
vision_config.architectures = ["CLIPVisionModel"]
vision_config.save_pretrained(os.path.join(OUT, "clip"))
clip_processor = CLIPImageProcessorPil(size={"shortest_edge": 56}, crop_size={"height": 56, "width": 56},
                                    image_mean=CLIP_MEAN, image_std=CLIP_STD, do_convert_rgb=True)
clip_processor.save_pretrained(os.path.join(OUT, "clip"))

original = {}
for k, v in state.items():
    if k.startswith("model.language_model."):
        original["model." + k[len("model.language_model."):]] = v
    elif k == "lm_head.weight":
        original[k] = v
    elif k.startswith("model.multi_modal_projector.linear_1."):
        original["model.mm_projector.0." + k.rsplit(".", 1)[1]] = v
    elif k.startswith("model.multi_modal_projector.linear_2."):
        original["model.mm_projector.2." + k.rsplit(".", 1)[1]] = v
    elif k == "model.image_newline":
        original["model.image_newline"] = v
save_file(original, os.path.join(OUT, "original", "model.safetensors"), metadata={"format": "pt"})
original_config = text_config.to_dict()
original_config.update({
    "architectures": ["LlavaLlamaForCausalLM"], "model_type": "llava", "mm_projector_type": "mlp2x_gelu",
    "mm_hidden_size": 64, "mm_vision_select_layer": -2, "mm_vision_select_feature": "patch",
    "mm_vision_tower": "../clip", "image_aspect_ratio": "anyres", "mm_patch_merge_type": "spatial_unpad",
    "image_grid_pinpoints": PINPOINTS, "mm_use_im_start_end": False, "mm_use_im_patch_token": False,
    "tokenizer_model_max_length": 4096, "tokenizer_padding_side": "right", "torch_dtype": "float32"})
with open(os.path.join(OUT, "original", "config.json"), "w") as f:
    json.dump(original_config, f, indent=2)
for sub in ("hf", "original"):
    shutil.copy(os.path.join(SHARED, "tokenizer", "tokenizer.model"), os.path.join(OUT, sub, "tokenizer.model"))

# ---- the original LLaVA code on the same modules ------------------------------------------------------------
llm = LlamaForCausalLM(text_config).eval()
llm.config._attn_implementation = "eager"
llm.load_state_dict({k: v for k, v in original.items() if not k.startswith(("model.mm_projector.", "model.image_newline"))},
                    strict=True)


class TowerArgs:
    mm_vision_select_layer = -2
    mm_vision_select_feature = "patch"


class OriginalLlava(llava_arch.LlavaMetaForCausalLM):
    """Holds what prepare_inputs_labels_for_multimodal reaches through self: LLaVA's CLIPVisionTower (loading
    ../clip), its projector builder, image_newline and the LLaMA embeddings."""

    def __init__(self):
        from llava.model.multimodal_encoder.clip_encoder import CLIPVisionTower
        holder = torch.nn.Module()
        holder.vision_tower = CLIPVisionTower(os.path.join(OUT, "clip"), TowerArgs())
        holder.vision_tower.vision_tower.config._attn_implementation = "eager"
        cfg = types.SimpleNamespace(**original_config)
        cfg.hidden_size = 64
        holder.mm_projector = projector_builder.build_vision_projector(cfg)
        holder.mm_projector.load_state_dict({k[len("model.mm_projector."):]: v for k, v in original.items()
                                             if k.startswith("model.mm_projector.")})
        holder.image_newline = torch.nn.Parameter(original["model.image_newline"].clone())
        holder.embed_tokens = llm.model.embed_tokens
        holder.get_vision_tower = lambda: holder.vision_tower
        self.model = holder
        self.config = cfg
        self.device = torch.device("cpu")

    def get_model(self):
        return self.model


reference = OriginalLlava()
assert torch.equal(reference.get_model().vision_tower.vision_tower.state_dict()["embeddings.patch_embedding.weight"],
                   state["model.vision_tower.embeddings.patch_embedding.weight"])

with open(os.path.join(SHARED, "llava-tiny", "expected.json")) as f:
    llava_tiny = json.load(f)
prompt = llava_tiny["prompt"]
ids_with_image = llava_tiny["input_ids_with_image"]  # same tokenizer.model, same prompt (llava_v1 template)

hf_processor = LlavaNextImageProcessorPil(size={"shortest_edge": 56}, crop_size={"height": 56, "width": 56},
                                          image_grid_pinpoints=PINPOINTS, image_mean=CLIP_MEAN, image_std=CLIP_STD,
                                          do_pad=True)

expected = {}
cases = {}


def generate_from_embeds(embeds):
    with torch.no_grad():
        out = llm(inputs_embeds=embeds)
        gen = llm.generate(inputs_embeds=embeds, attention_mask=torch.ones(embeds.shape[:2], dtype=torch.long),
                           max_new_tokens=NEW_TOKENS, do_sample=False, eos_token_id=-1, pad_token_id=0)
    return out.logits[0, -1], gen[0, -NEW_TOKENS:] if gen.shape[1] > NEW_TOKENS else gen[0]


def original_prompt_embeds(images, image_sizes):
    ids = torch.tensor([ids_with_image])
    with torch.no_grad():
        _, _, _, _, embeds, _ = reference.prepare_inputs_labels_for_multimodal(ids, None, None, None, None, images,
                                                                                image_sizes)
    return embeds


for name, (w, h), seed in (("square", (40, 40), 1), ("wide", (150, 60), 2), ("tall", (50, 120), 3),
                           ("large", (200, 190), 4), ("panorama", (300, 90), 5)):
    image = make_image(w, h, seed)
    image.save(os.path.join(OUT, name + ".png"))
    case = {"image": name + ".png", "width": w, "height": h}

    # transformers
    processed = hf_processor(images=[image], return_tensors="pt")
    pixel_values, image_sizes = processed["pixel_values"], processed["image_sizes"]
    with torch.no_grad():
        packed = model.model.get_image_features(pixel_values=pixel_values, image_sizes=image_sizes,
                                                vision_feature_layer=-2,
                                                vision_feature_select_strategy="default").pooler_output[0]
    tokens = packed.shape[0]
    hf_ids = []
    for i in ids_with_image:
        hf_ids.extend([IMAGE_ID] * tokens if i == -200 else [i])
    input_ids = torch.tensor([hf_ids])
    with torch.no_grad():
        logits = model(input_ids=input_ids, pixel_values=pixel_values, image_sizes=image_sizes).logits[0, -1]
        gen = model.generate(input_ids=input_ids, pixel_values=pixel_values, image_sizes=image_sizes,
                             max_new_tokens=NEW_TOKENS, do_sample=False, eos_token_id=-1, pad_token_id=0)
    expected[name + "_hf_pixel_values"] = pixel_values[0].contiguous()
    expected[name + "_hf_image_tokens"] = packed.contiguous()
    expected[name + "_hf_last_logits"] = logits.contiguous()
    expected[name + "_hf_generated"] = gen[0, input_ids.shape[1]:].contiguous()
    best = transformers.image_processing_utils.select_best_resolution((h, w), PINPOINTS)
    case["hf"] = {"best_resolution_hw": list(best), "tiles": int(pixel_values.shape[1]), "image_tokens": tokens,
                  "processor_image_tokens": None}

    # LLaVA
    tiles = mm_utils.process_anyres_image(image, reference.get_model().vision_tower.image_processor, PINPOINTS)
    embeds = original_prompt_embeds([tiles], [image.size])
    logits, gen = generate_from_embeds(embeds)
    expected[name + "_original_pixel_values"] = tiles.contiguous()
    expected[name + "_original_inputs_embeds"] = embeds[0].contiguous()
    expected[name + "_original_last_logits"] = logits.contiguous()
    expected[name + "_original_generated"] = gen.contiguous()
    best = mm_utils.select_best_resolution(image.size, PINPOINTS)
    case["original"] = {"best_resolution_wh": list(best), "tiles": int(tiles.shape[0]),
                        "image_tokens": int(embeds.shape[1] - (len(ids_with_image) - 1))}
    cases[name] = case

# ---- brain input: features instead of an image, one tile --------------------------------------------------------
for name, count in (("brain", 16), ("brain_grid9", 9)):
    features = 0.5 * torch.randn(count, 64)
    expected[name + "_features"] = features
    # LLaVA: the features stand for one tile's tower output (encode_images projects them).
    reference.encode_images = lambda images, f=features: reference.get_model().mm_projector(f[None])
    embeds = original_prompt_embeds([torch.zeros(1, 3, 56, 56)], [(56, 56)])
    logits, gen = generate_from_embeds(embeds)
    expected[name + "_original_inputs_embeds"] = embeds[0].contiguous()
    expected[name + "_original_generated"] = gen.contiguous()
    # transformers: pack_image_features on one tile (projected), spliced at the <image> ids.
    with torch.no_grad():
        projected = model.model.multi_modal_projector(features[None])
        packed, _ = model.model.pack_image_features([projected], torch.tensor([[56, 56]]), "default",
                                                    image_newline=model.model.image_newline)
        packed = packed[0]
        hf_ids = []
        for i in ids_with_image:
            hf_ids.extend([IMAGE_ID] * packed.shape[0] if i == -200 else [i])
        input_ids = torch.tensor([hf_ids])
        embeds = model.get_input_embeddings()(input_ids)
        embeds = embeds.masked_scatter((input_ids == IMAGE_ID)[..., None].expand_as(embeds), packed)
        gen = model.generate(inputs_embeds=embeds, attention_mask=torch.ones_like(input_ids),
                             max_new_tokens=NEW_TOKENS, do_sample=False, eos_token_id=-1, pad_token_id=0)
    expected[name + "_hf_image_tokens"] = packed.contiguous()
    expected[name + "_hf_generated"] = gen[0, -NEW_TOKENS:].contiguous()
    cases[name] = {"tokens": count, "prompt_tokens": count + 1}

expected = {k: (v.float() if v.is_floating_point() else v.long()).contiguous() for k, v in expected.items()}
save_file(expected, os.path.join(OUT, "expected.safetensors"))
with open(os.path.join(OUT, "expected.json"), "w") as f:
    json.dump({
        "made_by": "tests/reference/make_llava_next_fixture.py",
        "command": "PYTHONPATH=/work/reflibs-pil94:/work/reflibs .venv/bin/python tests/reference/make_llava_next_fixture.py "
                   "/tmp/llava-ref ../shared/fixtures",
        "versions": {"torch": torch.__version__, "transformers": transformers.__version__,
                     "pillow": Image.__version__, "numpy": np.__version__,
                     "llava": "haotian-liu/LLaVA c121f0432da27facab705978f83c4ada465e46fd"},
        "prompt": prompt, "input_ids_with_image": ids_with_image, "image_token_id": IMAGE_ID,
        "image_grid_pinpoints": PINPOINTS, "new_tokens": NEW_TOKENS, "cases": cases,
        "notes": "float32, CPU, eager attention; greedy; eos disabled so that every run gives 16 ids. "
                 "<case>_hf_*: transformers LlavaNext (processor, pack_image_features, generate). "
                 "<case>_original_*: LLaVA's process_anyres_image + prepare_inputs_labels_for_multimodal, then "
                 "LlamaForCausalLM.generate(inputs_embeds). brain*: the features as one tile (tokens + image_newline)."
    }, f, indent=1)
print("wrote", OUT)
for k, v in cases.items():
    print(k, v)
