#!/usr/bin/env python3
"""Makes tests/fixtures/t5-tiny: T5 seq2seq parity data and the FACTUAL scene-graph parser's output on tiny models.

  PYTHONPATH=/work/reflibs-st python tests/reference/make_t5_fixture.py --factual DIR --out tests/fixtures/t5-tiny

--factual: the `src` folder of github.com/zhuang-li/FactualSceneGraph (the `factual_scene_graph` package; not
committed). Its SceneGraphParser (0.7.3) runs on the tiny gated model to give the parser's texts.

What it writes:
  * spiece.model: a SentencePiece unigram model (vocab 200 asked, hard_vocab_limit off: 100 pieces here, pad 0 / eos 1 / unk 2, no bos, the default nmt_nfkc
    normalization with its precompiled charsmap) trained on a generated caption-like corpus;
  * gated/: T5ForConditionalGeneration, feed_forward_proj "gated-gelu", tie_word_embeddings false (Flan-T5's layout),
    2 + 2 layers (transformers 5.25 sizes its cache by num_layers, so asymmetric stacks fail there), 8 relative buckets, max distance 20; relu/: "relu", tied embeddings (outputs scaled
    by d_model^-0.5), 2 + 2 layers. Each holds config.json, generation_config.json and model.safetensors only: the
    tokenizer files are large (the charsmap), so tests copy ./spiece.model next to them to get a T5 folder. Weights are random (seeded) with a larger
    initializer_factor so that the next-token distributions are peaked and beams differ from greedy; the eos logit
    row is raised so that some hypotheses finish before max_length.
  * expected.json: tokenizer ids (transformers' T5Tokenizer and the sentencepiece library, plus decoded texts), the
    padded batch of parser prompts, generate() sequences and sequences_scores (num_beams 5, max_length 128,
    early_stopping True, as FACTUAL's parser calls it), the greedy sequences, and SceneGraphParser.parse(...,
    return_text=True) for both FACTUAL input rules (see below);
  * expected.safetensors: <model>.encoder (last_hidden_state of the padded batch), <model>.logits (teacher-forced
    decoder logits for a fixed decoder input, all positions), <model>.first_logits (step-one logits of the batch).

FACTUAL 0.7.3 calls tokenizer.as_target_tokenizer(), which transformers 5 no longer has; for T5 it was a no-op in
transformers 4, so the script gives the tokenizer a no-op context manager of that name. 0.7.3 truncates each batch of
prompts to the longest prompt's length *without* </s>, so the longest prompt(s) lose their last token; 0.5.x
truncated at max_input_len = 64 with </s>. Both are recorded ("parse_v073", "parse_v05").
"""
import argparse
import contextlib
import json
import os
import random
import shutil
import sys

import sentencepiece as spm
import torch
from safetensors.torch import load_file, save_file
from transformers import T5Config, T5ForConditionalGeneration, T5Tokenizer

SUBJECTS = ["man", "woman", "dog", "cat", "child", "girl", "boy", "horse", "bird", "person", "player", "train",
            "bus", "car", "table", "plate", "pizza", "kite", "surfboard", "giraffe", "elephant", "zebra", "bench"]
ATTRIBUTES = ["young", "old", "red", "blue", "white", "black", "small", "large", "wooden", "green", "brown",
              "tall", "happy", "striped", "empty", "two", "three"]
RELATIONS = ["riding", "holding", "sitting on", "standing next to", "eating", "looking at", "walking on",
             "lying on", "in front of", "on top of", "near", "wearing", "playing with", "carrying"]
PLACES = ["street", "beach", "field", "kitchen", "grass", "snow", "water", "park", "road", "room", "table"]

SENTENCES = [
    "A young man is riding a brown horse on the beach.",
    "Two dogs play with a red frisbee in the park.",
    "The woman's white cat sits on a wooden table.",
    "A giraffe stands next to a tall tree",
    "  A   child   holds a kite  ",
    "There isn't a bus on the road; it's empty!",
    "Café tables… and ﬁve chairs",
    "An elephant, a zebra and three birds near the water?",
]


def corpus(rng):
    lines = []
    for _ in range(1500):
        s, o = rng.choice(SUBJECTS), rng.choice(SUBJECTS)
        a, b = rng.choice(ATTRIBUTES), rng.choice(ATTRIBUTES)
        r, p = rng.choice(RELATIONS), rng.choice(PLACES)
        sentence = f"A {a} {s} {r} a {b} {o} in the {p}."
        lines.append(sentence)
        lines.append("Generate Scene Graph: " + sentence)
        lines.append(f"( {s} , is , {a} ) , ( {s} , {r.split()[0]} , {o} ) , ( {o} , is , {b} )")
    return lines


def train_spiece(out_dir, rng):
    path = os.path.join(out_dir, "corpus.txt")
    with open(path, "w") as f:
        f.write("\n".join(corpus(rng)) + "\n")
    spm.SentencePieceTrainer.train(input=path, model_prefix=os.path.join(out_dir, "spiece"), vocab_size=200, hard_vocab_limit=False,
                                   model_type="unigram", pad_id=0, eos_id=1, unk_id=2, bos_id=-1,
                                   character_coverage=1.0, seed_sentencepiece_size=100000, num_threads=1,
                                   shuffle_input_sentence=False)
    os.remove(path)
    os.remove(os.path.join(out_dir, "spiece.vocab"))
    return os.path.join(out_dir, "spiece.model")


def make_model(config_kwargs, seed, eos_boost, calibration_ids):
    torch.manual_seed(seed)
    config = T5Config(**config_kwargs)
    model = T5ForConditionalGeneration(config).eval()
    tied = config_kwargs.get("tie_word_embeddings", True)
    if not tied:  # transformers 5 ties lm_head to shared unless the checkpoint holds a different one
        model.lm_head.weight = torch.nn.Parameter(
            torch.randn(config.vocab_size, config.d_model) * config_kwargs["initializer_factor"])
    with torch.no_grad():
        # Peaked distributions: beams then differ from greedy and sum_logprobs spread widely.
        for name, p in model.named_parameters():
            if "layer_norm" in name:
                p.copy_(1.0 + 0.2 * torch.randn_like(p))
        # Raise eos along the mean decoder output so that some hypotheses finish before max_length.
        decoder_ids = torch.randint(3, 100, (calibration_ids.shape[0], 12), generator=torch.Generator().manual_seed(seed))
        out = model(input_ids=calibration_ids, decoder_input_ids=decoder_ids, output_hidden_states=True)
        mean = out.decoder_hidden_states[-1].mean(dim=(0, 1))
        if config_kwargs.get("tie_word_embeddings", True):
            mean = mean * config_kwargs["d_model"] ** -0.5
        head = model.lm_head.weight if not config_kwargs.get("tie_word_embeddings", True) else model.shared.weight
        head[1] += eos_boost * mean / mean.norm() ** 2
    return model


def save_folder(model, tokenizer, spiece_path, folder):
    os.makedirs(folder, exist_ok=True)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    if model.lm_head.weight.data_ptr() != model.shared.weight.data_ptr():
        # An untied head as Flan-T5 stores it: lm_head.weight in the checkpoint, tie_word_embeddings false, and a
        # config without transformers 5's derived fields.
        path = os.path.join(folder, "model.safetensors")
        tensors = load_file(path)
        tensors["lm_head.weight"] = model.lm_head.weight.detach().clone().contiguous()
        save_file(tensors, path, metadata={"format": "pt"})
        config_path = os.path.join(folder, "config.json")
        with open(config_path) as f:
            config = json.load(f)
        for key in ("scale_decoder_outputs", "is_gated_act", "dense_act_fn"):
            config.pop(key, None)
        config["tie_word_embeddings"] = False
        with open(config_path, "w") as f:
            json.dump(config, f, indent=2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--factual", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--eos-gated", type=float, default=12.0)
    ap.add_argument("--eos-relu", type=float, default=5.0)
    args = ap.parse_args()
    sys.path.insert(0, args.factual)
    from factual_scene_graph.parser.scene_graph_parser import SceneGraphParser

    out = args.out
    os.makedirs(out, exist_ok=True)
    rng = random.Random(1234)
    spiece_path = train_spiece(out, rng)

    tok_dir = os.path.join(out, "_tok")
    os.makedirs(tok_dir, exist_ok=True)
    with open(spiece_path, "rb") as src, open(os.path.join(tok_dir, "spiece.model"), "wb") as dst:
        dst.write(src.read())
    tokenizer = T5Tokenizer.from_pretrained(tok_dir)
    sp = spm.SentencePieceProcessor(model_file=spiece_path)
    vocab = len(tokenizer)
    expected = {"versions": {"transformers": __import__("transformers").__version__, "torch": torch.__version__,
                             "sentencepiece": spm.__version__}, "vocab_size": vocab,
                "sp_size": sp.get_piece_size()}

    tok_cases = SENTENCES + ["Generate Scene Graph: " + s.strip() for s in SENTENCES] + [
        "tab\tand\nnewline", "ÀÉÎ õ ü", "<extra_id_0> man </s> horse", "", "   ", "Zebra-like XYZ 123"]
    expected["tokenizer"] = []
    for text in tok_cases:
        hf = tokenizer(text)["input_ids"]
        expected["tokenizer"].append({"text": text, "hf_ids": hf, "spm_ids": sp.encode(text) + [1],
                                      "hf_decoded": tokenizer.decode(hf, skip_special_tokens=True,
                                                                     clean_up_tokenization_spaces=True)})
    decode_cases = [[0, 5, 17, 1, 0], [vocab - 1, 9, 2, 33, 1], list(range(3, 60)), [0, 1]]
    expected["decode"] = [{"ids": ids, "text": tokenizer.decode(ids, skip_special_tokens=True,
                                                                clean_up_tokenization_spaces=True)}
                          for ids in decode_cases]

    common = dict(vocab_size=vocab, pad_token_id=0, eos_token_id=1, decoder_start_token_id=0,
                  layer_norm_epsilon=1e-6, dropout_rate=0.0, relative_attention_num_buckets=8,
                  relative_attention_max_distance=20)
    calibration = tokenizer(["Generate Scene Graph: " + s for s in SENTENCES], padding="longest",
                            return_tensors="pt")["input_ids"]
    models = {
        "gated": make_model(dict(common, d_model=32, d_kv=8, num_heads=4, d_ff=48, num_layers=2,
                                 num_decoder_layers=2, feed_forward_proj="gated-gelu", tie_word_embeddings=False,
                                 initializer_factor=3.0), seed=7, eos_boost=args.eos_gated, calibration_ids=calibration),
        "relu": make_model(dict(common, d_model=24, d_kv=6, num_heads=2, d_ff=40, num_layers=2,
                                feed_forward_proj="relu", tie_word_embeddings=True, initializer_factor=3.0),
                           seed=11, eos_boost=args.eos_relu, calibration_ids=calibration),
    }

    prompts = ["Generate Scene Graph: " + s.strip() for s in SENTENCES]
    batch = tokenizer(prompts, padding="longest", return_tensors="pt")
    expected["prompts"] = prompts
    expected["input_ids"] = batch["input_ids"].tolist()
    expected["attention_mask"] = batch["attention_mask"].tolist()
    tensors = {}
    decoder_input = torch.tensor([[0, 5, 9, 4, 90, 7, 1, 30, 8, 60, 11, 3]] * 3)
    for name, model in models.items():
        folder = os.path.join(out, name)
        save_folder(model, tokenizer, spiece_path, folder)
        model = T5ForConditionalGeneration.from_pretrained(folder).eval()
        print(name, "lm_head tied:", model.lm_head.weight.data_ptr() == model.shared.weight.data_ptr())
        with torch.no_grad():
            enc = model.encoder(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"])
            tensors[f"{name}.encoder"] = enc.last_hidden_state.contiguous()
            full = model(input_ids=batch["input_ids"][:3], attention_mask=batch["attention_mask"][:3],
                         decoder_input_ids=decoder_input)
            tensors[f"{name}.logits"] = full.logits.contiguous()
            first = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"],
                          decoder_input_ids=torch.zeros((len(prompts), 1), dtype=torch.long))
            tensors[f"{name}.first_logits"] = first.logits[:, 0].contiguous()
            gen = model.generate(batch["input_ids"], attention_mask=batch["attention_mask"], use_cache=True,
                                 decoder_start_token_id=0, num_beams=5, max_length=128, early_stopping=True,
                                 num_return_sequences=1, return_dict_in_generate=True, output_scores=True)
            greedy = model.generate(batch["input_ids"], attention_mask=batch["attention_mask"], num_beams=1,
                                    do_sample=False, max_length=128)
        seqs = gen.sequences.tolist()
        expected[name] = {
            "generate_sequences": seqs,
            "generate_scores": gen.sequences_scores.tolist(),
            "greedy_sequences": greedy.tolist(),
            "generated_texts": tokenizer.batch_decode(gen.sequences, skip_special_tokens=True,
                                                      clean_up_tokenization_spaces=True),
        }
        print(name, "beam lengths", [len([t for t in s if t != 0]) for s in seqs],
              "differs from greedy", [s != g for s, g in zip(seqs, greedy.tolist())])

    for name in models:  # the tokenizer files are large (the charsmap); tests pair the folders with ./spiece.model
        for f in ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "spiece.model"):
            if os.path.exists(os.path.join(out, name, f)):
                os.remove(os.path.join(out, name, f))

    # The FACTUAL parser on the gated model, as CAPTURE calls it (beam_size=5, max_output_len=128, defaults else).
    parser_dir = os.path.join(out, "_parser")
    shutil.copytree(os.path.join(out, "gated"), parser_dir)
    tokenizer.save_pretrained(parser_dir)
    parser = SceneGraphParser(parser_dir, device="cpu")
    parser.tokenizer.as_target_tokenizer = contextlib.nullcontext
    sentences = [s for s in SENTENCES]
    expected["parse_v073"] = {"sentences": sentences, "batch_size": 32,
                              "texts": parser.parse(sentences, beam_size=5, max_output_len=128, return_text=True)}
    expected["parse_v073_batch3"] = {"sentences": sentences, "batch_size": 3,
                                     "texts": parser.parse(sentences, beam_size=5, max_output_len=128,
                                                           return_text=True, batch_size=3)}
    # 0.5.x: tokenizer(prompts, max_length=64, truncation=True, padding=True) -> same generate and formatting.
    from factual_scene_graph.utils import clean_graph_string, space_out_symbols_in_graph
    enc05 = tokenizer(prompts, max_length=64, truncation=True, padding=True, return_tensors="pt")
    with torch.no_grad():
        ids05 = parser.model.generate(enc05["input_ids"], attention_mask=enc05["attention_mask"], use_cache=True,
                                      decoder_start_token_id=0, num_beams=5, max_length=128, early_stopping=True,
                                      num_return_sequences=1)
    texts05 = tokenizer.batch_decode(ids05, skip_special_tokens=True, clean_up_tokenization_spaces=True)
    expected["parse_v05"] = {"sentences": sentences, "texts": [
        clean_graph_string(space_out_symbols_in_graph(t.replace("Generate Scene Graph:", "").strip()))
        for t in texts05]}
    graph_cases = ["( man , is , young ) , ( man , ride , horse ) , ( man , is , young )",
                   "(dog,play with,frisbee),(frisbee , is , red)", "( man , ride", "horse , is", "",
                   "( b , is , x ) , ( a , is , y ) , ( a , is , y ) , ( c", "((man)) , is , tall )"]
    expected["graph_format"] = [{"text": g, "formatted": clean_graph_string(space_out_symbols_in_graph(g))}
                                for g in graph_cases]

    shutil.rmtree(tok_dir)
    shutil.rmtree(parser_dir)
    save_file(tensors, os.path.join(out, "expected.safetensors"))
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
