#include "EvalCommand.h"

#include "CommandContext.h"

#include "vindex/core/Error.h"
#include "vindex/eval/CaptionEvaluation.h"
#include "vindex/eval/GroundingEvaluation.h"
#include "vindex/eval/Meteor.h"
#include "vindex/io/AtomicFile.h"
#include "vindex/models/ClipEmbedding.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>

namespace {

constexpr const char *kTokenizer = "PTB (Stanford CoreNLP 3.4.1 rules, -preserveLines -lowerCase), "
                                   "pycocoevalcap punctuation removed";
constexpr const char *kMeteorNote =
    "METEOR 1.5 (-l en -norm, rank parameters) with exact, stem and WordNet synonym matching but no paraphrase "
    "table: not the jar's METEOR, usually a little lower (paraphrase matches only add matches)";

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

void writePerTrial(const vindex::eval::CaptionEvaluationResult &r, const std::string &path)
{
    std::string content;
    if (endsWith(path, ".csv")) {
        content = "id";
        for (const auto &name : r.scoreNames)
            content += "," + name;
        const bool clip = !r.clipImageCosine.empty();
        content += std::string(clip ? ",clip_image_cosine,clip_reference_cosine" : "") + ",candidate,tokens\n";
        for (std::size_t t = 0; t < r.ids.size(); ++t) {
            content += csvField(r.ids[t]);
            for (double v : r.perTrial[t])
                content += "," + number(v);
            if (clip)
                content += "," + number(r.clipImageCosine[t]) + "," + number(r.clipReferenceCosine[t]);
            content += "," + csvField(r.candidates[t]) + "," + csvField(r.tokenizedCandidates[t]) + "\n";
        }
    } else {
        nlohmann::ordered_json trials = nlohmann::ordered_json::array();
        for (std::size_t t = 0; t < r.ids.size(); ++t) {
            nlohmann::ordered_json trial{{"id", r.ids[t]}};
            for (std::size_t m = 0; m < r.scoreNames.size(); ++m)
                trial[r.scoreNames[m]] = r.perTrial[t][m];
            if (!r.clipImageCosine.empty()) {
                trial["clip_image_cosine"] = r.clipImageCosine[t];
                trial["clip_reference_cosine"] = r.clipReferenceCosine[t];
            }
            trial["candidate"] = r.candidates[t];
            trial["tokens"] = r.tokenizedCandidates[t];
            trials.push_back(std::move(trial));
        }
        nlohmann::ordered_json document{{"candidates", r.candidatesPath},
                                        {"references", r.referencesPath},
                                        {"scores", r.scoreNames},
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
        "prefixed); corpus = mean over trials. --device / --dtype choose where CLIP runs.");
    m_captions
        ->add_option("--candidates", m_candidates,
                     "Decoded captions: {\"id\": \"caption\"} (BrainHub) or [{\"image_id\", \"caption\"}]")
        ->required()
        ->check(CLI::ExistingFile);
    m_captions->add_option("--references", m_references, "Reference captions: {\"id\": [\"caption\", ...]}")
        ->required()
        ->check(CLI::ExistingFile);
    m_captions
        ->add_option("--metrics", m_metrics,
                     "Comma-separated: bleu, rouge, cider, meteor (= METEOR (no paraphrase): METEOR 1.5 without its "
                     "paraphrase table; needs WordNet, Debian package wordnet-base), clips (CLIP-S and RefCLIP-S; "
                     "needs --clip and images), all = every metric that needs no model (spice: not available yet)")
        ->capture_default_str();
    m_captions->add_option("--wordnet", m_wordNet,
                           "WordNet 3.0 database folder for METEOR (default: $VINDEX_WORDNET, $WNSEARCHDIR, "
                           "/usr/share/wordnet from Debian's wordnet-base)");
    m_captions->add_flag("--skip-unmatched", m_skipUnmatched,
                         "Score only the ids present in both files and list the others (default: error)");
    m_captions->add_option("--per-trial", m_perTrial, "Write per-trial scores to this file (.json, or .csv)");
    m_captions->add_option("--clip", m_clip, "CLIP model folder for clips (HF layout, text and vision towers)")
        ->check(CLI::ExistingDirectory);
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
                     "(BrainHub's bbox/coco_bbox_categorized.json)")
        ->required()
        ->check(CLI::ExistingFile);
    m_grounding->add_option("--groups", m_groups,
                            "Category groups {\"group\": [category, ...]} (default: processing/coco/"
                            "coco_categorized_labels.json of the truth's BrainHub folder, else one group of all)");
    m_grounding->add_option("--threshold", m_threshold, "IoU above which a box counts as correct")
        ->check(CLI::Range(0.0, 1.0))
        ->capture_default_str();
    m_grounding->add_option("--per-pair", m_perPair, "Write every (trial, category) IoU to this file (.json or .csv)");
}

int EvalCommand::run() const
{
    return m_grounding->parsed() ? runGrounding() : runCaptions();
}

int EvalCommand::runCaptions() const
{
    vindex::eval::CaptionEvaluationOptions options;
    options.metrics = vindex::eval::CaptionEvaluation::parseMetrics(m_metrics);
    options.skipUnmatched = m_skipUnmatched;
    options.wordNetDirectory = m_wordNet;
    const bool clip = std::find(options.metrics.begin(), options.metrics.end(),
                                vindex::eval::CaptionMetric::ClipScore) != options.metrics.end();
    if (clip) {
        if (m_clip.empty())
            throw vindex::Error("--metrics clips needs --clip DIR (a CLIP model folder in the Hugging Face layout)");
        if (m_images.empty() && m_root.empty())
            throw vindex::Error("--metrics clips needs the images: --images DIR (files named by id, e.g. 0.png) "
                                "and/or --root NSD --subject S (id = test index)");
        options.clipModel = m_clip;
        options.loadClip = vindex::models::loadClipEmbedder;
        if (!m_images.empty())
            options.images.setFolder(m_images);
        if (!m_root.empty())
            options.images.setSubject(m_root, m_subject);
        options.clip.device = m_context.device;
        options.clip.dtype = m_context.dtype;
    } else if (!m_clip.empty() || !m_images.empty() || !m_root.empty()) {
        throw vindex::Error("--clip, --images and --root are for --metrics ...,clips, which was not asked for");
    }
    const auto r = vindex::eval::CaptionEvaluation::evaluateFiles(m_candidates, m_references, options);
    if (!m_perTrial.empty())
        writePerTrial(r, m_perTrial);

    nlohmann::ordered_json scores = nlohmann::ordered_json::object();
    for (std::size_t m = 0; m < r.scoreNames.size(); ++m)
        scores[r.scoreNames[m]] = r.corpus[m];
    nlohmann::ordered_json skipped = nlohmann::ordered_json::array();
    for (const auto &s : r.skipped)
        skipped.push_back({{"id", s.id}, {"reason", s.reason}});
    nlohmann::ordered_json document{{"candidates", m_candidates},
                                    {"references", m_references},
                                    {"trials", r.ids.size()},
                                    {"reference_captions", r.referenceCount},
                                    {"tokenizer", kTokenizer},
                                    {"scores", std::move(scores)},
                                    {"skipped", std::move(skipped)},
                                    {"untokenizable_characters", r.untokenizableCharacters},
                                    {"seconds", {{"tokenize", r.tokenizeSeconds}, {"score", r.scoreSeconds}}}};
    if (!r.wordNetDirectory.empty())
        document["notes"] = {
            {vindex::eval::Meteor::kScoreName,
             {{"label", vindex::eval::Meteor::kLabel}, {"note", kMeteorNote}, {"wordnet", r.wordNetDirectory}}}};
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

    std::vector<std::string> labels;
    std::size_t width = 6;
    for (const auto &name : r.scoreNames) {
        labels.push_back(vindex::eval::CaptionEvaluation::scoreLabel(name));
        width = std::max(width, labels.back().size());
    }
    std::ostringstream text;
    text << "candidates  " << m_candidates << "\nreferences  " << m_references << "\n"
         << r.ids.size() << " trials, " << r.referenceCount << " reference captions; tokenizer: " << kTokenizer
         << "\n\n  " << std::string("metric") + std::string(width - 6, ' ') << "     score    ×100\n";
    for (std::size_t m = 0; m < r.scoreNames.size(); ++m) {
        char line[160];
        std::snprintf(line, sizeof line, "  %-*s %9.6f  %6.2f\n", static_cast<int>(width), labels[m].c_str(),
                      r.corpus[m], r.corpus[m] * 100.0);
        text << line;
    }
    if (!r.wordNetDirectory.empty())
        text << "\n"
             << vindex::eval::Meteor::kLabel << ": " << kMeteorNote << "; WordNet from " << r.wordNetDirectory << "\n";
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
    if (!m_perTrial.empty())
        text << "per-trial scores: " << m_perTrial << "\n";
    m_context.emit(document, text.str());
    return 0;
}

int EvalCommand::runGrounding() const
{
    namespace fs = std::filesystem;
    using vindex::eval::GroundingEvaluation;
    const auto truth = vindex::data::BrainHubAnnotations::readBoxes(m_truth);
    const auto decoded = GroundingEvaluation::readDecoded(m_predictions);

    std::string groupsPath = m_groups;
    if (groupsPath.empty()) {
        const fs::path besideTruth =
            fs::path(m_truth).parent_path().parent_path() / "processing/coco/coco_categorized_labels.json";
        std::error_code ec;
        if (fs::is_regular_file(besideTruth, ec))
            groupsPath = besideTruth.string();
    }
    std::vector<vindex::eval::CategoryGroup> groups;
    if (!groupsPath.empty()) {
        groups = GroundingEvaluation::readGroups(groupsPath);
    } else {
        std::set<std::string> all;
        for (const auto &image : truth)
            for (const auto &category : image)
                all.insert(category.category);
        groups.push_back({"all", {all.begin(), all.end()}});
    }
    const auto result = GroundingEvaluation::evaluate(truth, decoded, groups, m_threshold);

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
            content =
                nlohmann::ordered_json{{"predictions", m_predictions}, {"truth", m_truth}, {"pairs", pairs}}.dump(1) +
                "\n";
        }
        vindex::io::AtomicFile file(m_perPair);
        file.write(content);
        file.commit();
    }

    nlohmann::ordered_json scores = nlohmann::ordered_json::object();
    for (const auto &group : result.groups)
        scores[group.group] = {{"accuracy", group.accuracy},
                               {"iou", group.iou},
                               {"target_failed", group.targetFailed},
                               {"failed", group.failed},
                               {"n_targets", group.targets}};
    scores["key_mismatch_images"] = result.keyMismatchImages;
    nlohmann::ordered_json document{{"predictions", m_predictions},
                                    {"truth", m_truth},
                                    {"groups", groupsPath.empty() ? std::string("all") : groupsPath},
                                    {"threshold", m_threshold},
                                    {"trials", truth.size()},
                                    {"scores", std::move(scores)}};
    if (!m_perPair.empty())
        document["per_pair"] = m_perPair;

    std::ostringstream text;
    text << "predictions  " << m_predictions << "\ntruth        " << m_truth << "\n"
         << truth.size() << " trials; IoU on coordinates x1000, correct when IoU > " << m_threshold << "\n\n";
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
    m_context.emit(document, text.str());
    return 0;
}
