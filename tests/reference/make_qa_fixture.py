#!/usr/bin/env python3
"""Makes tests/fixtures/qa-llava-hf-tiny: option log-likelihoods for salient question answering, computed by
transformers' LlavaForConditionalGeneration on the shared llava-hf-tiny fixture (no code of ours).

What it writes:
  * questions.json — hand-written questions in the vindex-salient-qa/1 file format (core/include/vindex/eval/
    SalientQuestions.h): test image 0 (four questions, options of one to several tokens) and test image 7 (which no
    test input holds: it must come back unanswered). The user message ("prompt") follows the documented rule:
    question, one "A. option" line per option, "Answer with the object's name.".
  * expected.json — for each question of image 0 and two inputs:
      "image": llava-hf-tiny's reference pixel_values (expected.safetensors: llava-tiny/image.png, resized and
               centre-cropped by the reference) through the whole model;
      "brain": tests/fixtures/mmvp-tiny's brain_features[..., :64] (UMBRAE's BrainXS clip_224 encoder on mini-nsd
               subject 1, test trial 0, made by the reference code) through llava-hf-tiny's multi_modal_projector in
               place of the 16 <image> ids;
    the conversation prompt text ("USER: <image>\\n{prompt} ASSISTANT:", llava-hf's), its ids (LLaVA's
    tokenizer_image_token with sentencepiece: BOS, chunks encoded on their own, the image expanded to 16 ids 512),
    each option's ids (those of prompt + " " + option beyond the prompt's), and each option token's log-probability:
    log_softmax of the float32 logits of ONE full forward pass over prompt + option (no KV cache), at the position
    before the token. Sums in float64.

Run from the project root:
    PYTHONPATH=/work/reflibs-st .venv/bin/python tests/reference/make_qa_fixture.py
"""
import json
import os

import sentencepiece
import torch
import transformers
from safetensors.torch import load_file
from transformers import LlavaForConditionalGeneration

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(ROOT, "..", "shared", "fixtures")
MODEL = os.path.join(SHARED, "llava-hf-tiny")
OUT = os.path.join(ROOT, "tests", "fixtures", "qa-llava-hf-tiny")
IMAGE_ID, IMAGE_TOKENS = 512, 16

QUESTION = "Which of these objects is in the image?"
QUESTIONS = [  # (image, category, groups, options, answer)
    (0, "dog", ["coco_cats", "salient", "salient_creatures"], ["cat", "dog", "horse", "sheep"], 1),
    (0, "dining table", ["coco_cats", "salient", "salient_objects"], ["dining table", "car", "toilet", "bus"], 0),
    (0, "cell phone", ["coco_cats", "inconspicuous_objects"], ["tennis racket", "fork", "hair drier", "cell phone"], 3),
    (0, "person", ["coco_cats", "salient", "salient_creatures"], ["bird", "person", "zebra", "giraffe", "bear"], 1),
    (7, "car", ["coco_cats", "salient", "salient_objects"], ["car", "bench", "boat", "train"], 0),
]


def user_message(options):
    return QUESTION + "".join("\n%s. %s" % (chr(ord("A") + i), o) for i, o in enumerate(options)) + \
        "\nAnswer with the object's name."


def conversation(message):
    # llava-hf: "USER: <image>\n{message} ASSISTANT:" (the image first, as LLaVA's run_llava puts it)
    return "USER: <image>\n" + message + " ASSISTANT:"


def prompt_ids(sp, text):
    # LLaVA's tokenizer_image_token with the slow (sentencepiece) tokenizer: BOS once, each chunk on its own.
    chunks = text.split("<image>")
    ids = [1] + sp.encode(chunks[0])
    for chunk in chunks[1:]:
        ids += [IMAGE_ID] * IMAGE_TOKENS + sp.encode(chunk)
    return ids


def main():
    torch.manual_seed(0)
    sp = sentencepiece.SentencePieceProcessor(model_file=os.path.join(MODEL, "tokenizer.model"))
    model = LlavaForConditionalGeneration.from_pretrained(MODEL, torch_dtype=torch.float32,
                                                          attn_implementation="eager").eval()
    pixel_values = load_file(os.path.join(MODEL, "expected.safetensors"))["pixel_values"]
    brain = load_file(os.path.join(ROOT, "tests", "fixtures", "mmvp-tiny", "expected.safetensors"))["brain_features"]
    brain = brain[..., :64].contiguous()  # the CLIP encoder's channels

    def log_probs(ids, option_ids, source):
        full = torch.tensor([ids + option_ids])
        with torch.no_grad():
            if source == "image":
                logits = model(input_ids=full, pixel_values=pixel_values).logits
            else:
                embeds = model.get_input_embeddings()(full.masked_fill(full == IMAGE_ID, 0))
                projected = model.model.multi_modal_projector(brain).reshape(-1, embeds.shape[-1])
                embeds[full == IMAGE_ID] = projected
                logits = model(inputs_embeds=embeds).logits
        lp = logits.float().log_softmax(-1)[0]
        return [float(lp[len(ids) + j - 1, t]) for j, t in enumerate(option_ids)]

    questions, expected = [], {"transformers": transformers.__version__, "torch": torch.__version__,
                               "questions": []}
    counter = {}
    for image, category, groups, options, answer in QUESTIONS:
        n = counter.get(image, 0)
        counter[image] = n + 1
        qid = "%d-%d" % (image, n)
        message = user_message(options)
        questions.append({"id": qid, "image": image, "category": category, "group": groups[-1], "groups": groups,
                          "question": QUESTION, "prompt": message, "options": options, "answer": answer})
        if image != 0:
            continue
        text = conversation(message)
        ids = prompt_ids(sp, text)
        entry = {"id": qid, "prompt_text": text, "prompt_ids": ids, "option_ids": [], "image": {}, "brain": {}}
        for option in options:
            full = prompt_ids(sp, text + " " + option)
            assert full[:len(ids)] == ids, (text, option)
            entry["option_ids"].append(full[len(ids):])
        for source in ("image", "brain"):
            per_token = [log_probs(ids, o, source) for o in entry["option_ids"]]
            entry[source] = {"token_log_probs": per_token, "log_likelihoods": [sum(p) for p in per_token]}
        expected["questions"].append(entry)

    document = {"format": "vindex-salient-qa/1", "construction": "hand-written for the parity fixture", "seed": 0,
                "per_image": 0, "option_count": 4, "truth": {"file": "", "sha256": ""}, "labels": None,
                "groups": ["coco_cats", "salient", "salient_creatures", "salient_objects", "inconspicuous_objects"],
                "questions": questions}
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "questions.json"), "w") as f:
        json.dump(document, f, indent=1)
        f.write("\n")
    with open(os.path.join(OUT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
