#pragma once
// Salient question answering run (MG-BrainDub's second task): a questions file (eval/SalientQuestions.h) answered by
// a multimodal LLM from brain tokens — NSD trials through a brain encoder, or a features file — or from images (the
// upper bound: the trials' stimuli, or a folder of images named by test index). No text is generated: for every
// question the model scores each option by teacher forcing,
//   log p(option tokens | the conversation prompt with the question's "prompt" as the user message),
// where the option tokens are the ids that `prompt text + " " + option` has beyond the prompt's own ids (the
// assistant's answer after "ASSISTANT:"). The answer is the option with the highest score — by default the MEAN
// log-likelihood per option token (length-normalised: COCO names run from one token to several), or the sum. Both
// the sums and the token counts are reported, so either rule can be recomputed. Accuracy overall ("all") and per
// salience group of the questions file. No LibTorch header here: the CLI and the GUI include this.
//
// Results file (resultsPath, JSON, written atomically at the end): {"format": "vindex-salient-qa-results/1",
// "questions": {"file", "sha256", "construction"}, "model", "mllm", "space", "inputs" (kind, paths, subject,
// trials, brain checkpoint), "prompt_template" (the conversation around {prompt}), "scoring", "accuracy": {"all" |
// group: {"correct", "total", "accuracy" (null without questions)}}, "unanswered": [ids], "answers": [{"id", "image",
// "source", "answer", "chosen", "correct", "log_likelihoods": [per option], "token_counts": [...], "scores": [...]}],
// "models" (weight files with SHA-256), "device", "dtype", "seconds"}.
#include "vindex/core/JobControl.h"
#include "vindex/decode/RunOptions.h"

#include <cstdint>
#include <string>
#include <vector>

namespace vindex::decode {

enum class OptionScoring { MeanPerToken, Sum };

struct QaRunRequest : RunInputOptions {
    std::string modelFolder; // LLaVA (either layout, incl. MMVP / Dense Connector / M3 variants) or Shikra
    std::string space;       // se | me | af | nf | shikra; "" = se for LLaVA models, shikra for Shikra
    int64_t scale = 0;       // nf: visual tokens after pooling (0 = the model's default)
    std::string dinoTower;   // me: as in CaptionRunRequest

    std::string questionsPath;
    // Instead of RunInputOptions' inputs: a folder of images named by test index (<i>.png, .jpg or .jpeg).
    // RunInputOptions::images is refused (its files carry no test index).
    std::string imageFolder;

    OptionScoring scoring = OptionScoring::MeanPerToken;
    std::string device = "cpu", dtype = "f32";
    std::string resultsPath; // "" = do not write

    const JobControl *job = nullptr; // cancel; progress ("qa", questions done, questions)
};

struct QaAnswer {
    std::string id;
    int64_t image = 0;
    std::string source; // "subj01 test 5 (image 2950)", "features[3]", the image path
    std::vector<std::string> groups;
    int64_t answer = 0, chosen = 0;
    bool correct = false;
    std::vector<double> logLikelihoods; // per option: sum of its tokens' log-probabilities (natural log)
    std::vector<int64_t> tokenCounts;   // per option
    std::vector<double> scores;         // per option: what the argmax ran over (mean or sum)
};

struct QaGroupAccuracy {
    std::string group;
    int64_t correct = 0, total = 0;
    double accuracy() const { return total > 0 ? static_cast<double>(correct) / static_cast<double>(total) : 0.0; }
};

struct QaRunResult {
    std::string model, space, scoring, promptTemplate;
    std::vector<QaAnswer> answers;         // question file order
    std::vector<QaGroupAccuracy> accuracy; // "all" first, then the file's groups in its order
    std::vector<std::string> unanswered;   // question ids whose image has no input (outside the trials / folder)
    int64_t promptTokens = 0, optionTokens = 0;
    double seconds = 0; // the whole run, model load included
    std::string resultsPath;
};

class QaRun {
public:
    // Throws Error for a bad request (no or several inputs, --image files), DataError when no question has an
    // input, ModelError / FormatError naming the file, Cancelled.
    static QaRunResult run(const QaRunRequest &request);
    static const char *scoringName(OptionScoring scoring);         // "mean" | "sum"
    static OptionScoring scoringFromName(const std::string &name); // Error listing the names
};

} // namespace vindex::decode
