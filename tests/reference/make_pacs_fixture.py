#!/usr/bin/env python3
"""Makes tests/fixtures/pacs-tiny: PAC-S / RefPAC-S computed by the reference code (aimagelab/pacscore) on a random
tiny CLIP in OpenAI's layout, saved as pacscore's checkpoints are ({'state_dict': CLIP.state_dict()}).

The reference is used as it is, never committed here: pacscore's models/clip (clip.load, build_model, CLIP,
clip.tokenize, SimpleTokenizer) and evaluation/pac_score/pac_score.py (PACScore, RefPACScore), with
compute_metrics.py's recipe: clip.load(<OpenAI weights>) → model.float() → model.load_state_dict(
torch.load(<PAC checkpoint>)['state_dict']) → PACScore(w=2.0) and RefPACScore → 2·p·r / (p + r).

The tokenizer vocabulary is OpenAI's bpe_simple_vocab_16e6.txt.gz cut to its header and first MERGES merges (the real
file is 1.3 MB; SimpleTokenizer reads merges[1:48895], i.e. all of a shorter file), so the token embedding stays small.

Usage (see tests/fixtures/pacs-tiny/README.md):
    PYTHONPATH=/work/reflibs-st:/work/reflibs-pil94:/work/reflibs-pacs:/tmp/pacscore-ref \
        .venv/bin/python tests/reference/make_pacs_fixture.py --pacscore /tmp/pacscore-ref
"""
import argparse
import gzip
import importlib.util
import json
import os
import sys

import numpy as np
import torch
from PIL import Image
from safetensors.torch import save_file

MERGES = 250  # merges kept in the tiny vocabulary: vocab = 512 byte symbols + MERGES + 2 specials

# A few captions per image, with references. Chosen to exercise the tokenizer's clean-up (HTML entities, curly
# quotes, upper case, digits, punctuation runs, contractions), truncation to 77 ids, and both signs of cosines.
CANDIDATES = [
    "a man riding a wave on top of a surfboard",
    "A SURFER in the ocean (big wave) #1",
    "Two dogs &amp; a cat sitting on a couch \u2014 they\u2019re asleep!!",
    "a dog",
    "a plate with 3 slices of pizza and a glass of water on the wooden table next to the window",
    "the kitchen's white cabinets, a stainless steel refrigerator, a stove and a microwave above it; "
    "a bowl of fruit sits on the counter beside a coffee maker, and sunlight falls through the window "
    "onto the tiled floor where a small rug lies",
]
REFERENCES = [
    ["A surfer rides a large wave.", "a person surfing in the ocean", "Surfer on a board catching a wave"],
    ["a surfer on a wave", "someone surfing"],
    ["two dogs and a cat asleep on a sofa", "Pets sleeping together on a couch."],
    ["a dog lying down", "A brown dog.", "the dog is asleep"],
    ["Pizza slices on a plate beside a glass", "a wooden table with food and a drink",
     "three pieces of pizza on a white plate"],
    ["a kitchen with white cabinets and steel appliances", "A clean kitchen with a stove, fridge and microwave."],
]
# (width, height) of the stimulus images: the resize (shortest side → 32) and the centre crop's offsets matter. 78x64
# and 50x93 give odd crop margins of 7 and 27 px, where torchvision's round((d) / 2) (half to even: 4 and 14) and a
# floor (3 and 13) differ; 45x64 gives 13 px (6 either way); 40x40 is square.
IMAGE_SIZES = [(78, 64), (50, 93), (64, 45), (40, 40)]
# The stimulus of each trial (an image may be shown in several trials).
TRIAL_IMAGES = [0, 0, 1, 1, 2, 3]
SEED = int(os.environ.get("PACS_FIXTURE_SEED", "6"))


def load_pacscore(root):
    sys.path.insert(0, root)
    from models.clip import clip  # noqa: E402  (pacscore's copy of OpenAI's clip package)
    from models.clip import model as clip_model
    from models.clip.simple_tokenizer import SimpleTokenizer
    spec = importlib.util.spec_from_file_location("pac_score", os.path.join(root, "evaluation/pac_score/pac_score.py"))
    pac_score = importlib.util.module_from_spec(spec)  # without evaluation/__init__ (pycocoevalcap, Java)
    spec.loader.exec_module(pac_score)
    return clip, clip_model, SimpleTokenizer, pac_score


def write_tiny_vocab(root, path):
    with gzip.open(os.path.join(root, "models/clip/bpe_simple_vocab_16e6.txt.gz")) as f:
        lines = f.read().decode("utf-8").split("\n")
    # The header line and the first MERGES merges, no trailing newline (which SimpleTokenizer would read as an empty
    # merge).
    data = "\n".join(lines[: 1 + MERGES]).encode("utf-8")
    with open(path, "wb") as out:  # mtime 0 and no name: the same bytes on every run
        with gzip.GzipFile(fileobj=out, mode="wb", filename="", mtime=0) as gz:
            gz.write(data)


def make_image(width, height, seed):
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:height, 0:width]
    base = np.stack([127 + 120 * np.sin(x / (3.0 + c) + y / (5.0 + 2 * c) + seed) for c in range(3)], axis=-1)
    noise = rng.integers(-20, 21, size=base.shape)
    return Image.fromarray(np.clip(base + noise, 0, 255).astype(np.uint8), "RGB")


def random_clip(clip_model, vocab_size):
    torch.manual_seed(SEED)
    # Vision: width 128 (2 heads of 64, as build_model infers), 1 block, patch 8 on 32 px (4 × 4 patches).
    # Text: width 64 (1 head), 2 blocks, context 77. Embedding 32.
    model = clip_model.CLIP(embed_dim=32, image_resolution=32, vision_layers=1, vision_width=128,
                            vision_patch_size=8, context_length=77, vocab_size=vocab_size, transformer_width=64,
                            transformer_heads=1, transformer_layers=2)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "ln_" in name and name.endswith("weight"):
                p.copy_(1.0 + 0.2 * torch.randn_like(p))  # layer norms other than identity: a swapped one shows
            elif name.endswith("bias"):
                p.copy_(0.05 * torch.randn_like(p))
            elif name == "logit_scale":
                continue
            else:
                p.add_(0.02 * torch.randn_like(p))
    # Stored in half precision as clip.load's convert_weights leaves OpenAI models; compute is float32 (model.float()).
    return {k: v.detach().clone().half() for k, v in model.state_dict().items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--pacscore", required=True, help="a checkout of aimagelab/pacscore")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "../fixtures/pacs-tiny"))
    args = parser.parse_args()
    out = os.path.abspath(args.out)
    os.makedirs(os.path.join(out, "images"), exist_ok=True)

    clip, clip_model, SimpleTokenizer, pac_score = load_pacscore(os.path.abspath(args.pacscore))
    vocab_path = os.path.join(out, "bpe_simple_vocab_16e6.txt.gz")
    write_tiny_vocab(args.pacscore, vocab_path)
    clip._tokenizer = SimpleTokenizer(vocab_path)  # what clip.tokenize uses
    vocab_size = len(clip._tokenizer.encoder)

    state_dict = random_clip(clip_model, vocab_size)
    checkpoint = os.path.join(out, "clip_ViT-tiny.pth")
    torch.save({"state_dict": state_dict}, checkpoint)

    # compute_metrics.py: clip.load("ViT-B/32") builds the model from OpenAI's weights, then the PAC state dict is
    # loaded over it. Here the "OpenAI weights" are the same tiny state dict, run through clip.load's own non-JIT
    # branch (build_model reads the architecture from the shapes; clip.load itself cannot be called on a file with
    # torch >= 2.6, whose weights-only torch.load fails after the JIT attempt has read the stream).
    model = clip_model.build_model(dict(state_dict)).to("cpu")
    model.float()
    preprocess = clip._transform(model.visual.input_resolution)
    model = model.float()
    model.load_state_dict(torch.load(checkpoint)["state_dict"])
    model.eval()

    image_files = []
    for i, (w, h) in enumerate(IMAGE_SIZES):
        path = os.path.join(out, "images", f"image{i}.png")
        make_image(w, h, i).save(path)
        image_files.append(path)
    images = [image_files[i] for i in TRIAL_IMAGES]

    _, pac, candidate_feats, len_candidates = pac_score.PACScore(model, preprocess, images, CANDIDATES, "cpu", w=2.0)
    _, text_text = pac_score.RefPACScore(model, REFERENCES, candidate_feats, "cpu", torch.tensor(len_candidates))
    refpac = 2 * pac * text_text / (pac + text_text)

    # Intermediate values, to tell a preprocessing, tokenizer or tower fault apart.
    with torch.no_grad():
        pixels = torch.stack([preprocess(Image.open(p)) for p in image_files])
        image_embeds = model.encode_image(pixels)
        prefixed = ["A photo depicts " + c for c in CANDIDATES]
        ids = clip.tokenize(prefixed, truncate=True)
        text_embeds = model.encode_text(ids)
    save_file({"pixel_values": pixels.contiguous(), "image_embeds": image_embeds.contiguous(),
               "candidate_ids": ids.to(torch.int64).contiguous(), "candidate_embeds": text_embeds.contiguous()},
              os.path.join(out, "expected.safetensors"))

    # The same texts through the real 49408-id vocabulary (tests use it when they are given the file).
    full = SimpleTokenizer(os.path.join(args.pacscore, "models/clip/bpe_simple_vocab_16e6.txt.gz"))
    sot, eot = full.encoder["<|startoftext|>"], full.encoder["<|endoftext|>"]
    full_ids = []
    for text in prefixed + [r for refs in REFERENCES for r in refs]:
        tokens = [sot] + full.encode(text) + [eot]
        full_ids.append(tokens[:76] + [eot] if len(tokens) > 77 else tokens)  # clip.tokenize(truncate=True)

    expected = {
        "images": [f"images/image{i}.png" for i in TRIAL_IMAGES],  # per trial; pixel_values / image_embeds per file
        "candidates": CANDIDATES,
        "references": REFERENCES,
        "prefix": "A photo depicts ",
        "w": 2.0,
        "vocab_size": vocab_size,
        "candidate_token_ids": [[int(t) for t in row[: int(row.argmax()) + 1]] for row in ids],  # to <|endoftext|>
        "full_vocab_texts": prefixed + [r for refs in REFERENCES for r in refs],
        "full_vocab_token_ids": full_ids,
        "pac_s": [float(v) for v in pac],
        "reference_cosine": [float(v) for v in text_text],
        "refpac_s": [float(v) for v in refpac],
        "pac_s_mean": float(np.mean(pac)),
        "refpac_s_mean": float(np.mean(refpac)),
    }
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
    print(json.dumps({k: expected[k] for k in ("pac_s", "refpac_s", "pac_s_mean", "refpac_s_mean")}, indent=1))


if __name__ == "__main__":
    main()
