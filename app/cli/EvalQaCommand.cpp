#include "EvalQaCommand.h"

#include "CommandContext.h"
#include "RunArguments.h"

#include "vindex/core/Error.h"
#include "vindex/data/BrainHubAnnotations.h"
#include "vindex/eval/SalientQuestions.h"
#include "vindex/report/ResultScoring.h"

#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>

namespace fs = std::filesystem;

EvalQaCommand::EvalQaCommand(CLI::App &eval, const CommandContext &context) : m_context(context)
{
    m_command = eval.add_subcommand(
        "qa",
        "Salient question answering (MG-BrainDub). The paper's questions were not published: this is our "
        "construction. With --make-questions: for each test image of BrainHub's categorized boxes, one multiple-choice "
        "question per category present (\"Which of these objects is in the image?\"; the category and distractors "
        "drawn with SplitMix64 from categories absent from the image, of the same salience group where possible), "
        "written to a JSON file to inspect, edit and reuse. With --questions: the MLLM answers each question by "
        "scoring every option's log-likelihood after the prompt (brain tokens, features, or images as the upper "
        "bound); the best-scoring option is its answer. Prints accuracy overall and per salience group; --out keeps "
        "every option's log-likelihood.");

    // Making questions.
    auto *make = m_command->add_option("--make-questions", m_makeQuestions, "Write the question file here");
    m_command
        ->add_option("--truth", m_truth,
                     "BrainHub's categorized boxes {\"idx\": {\"category\": [[x0,y0,x1,y1], ...]}} "
                     "(bbox/coco_bbox_categorized.json; default: that file of --brainhub)")
        ->check(CLI::ExistingFile);
    m_command
        ->add_option("--labels", m_labels,
                     "Salience groups {\"group\": [category, ...]} (default: processing/coco/"
                     "coco_categorized_labels.json of the truth's BrainHub folder, if there; without one, every "
                     "category of the truth is one group \"all\")")
        ->check(CLI::ExistingFile);
    m_command->add_option("--brainhub", m_brainHub, "BrainHub folder: the truth and the groups when not given")
        ->check(CLI::ExistingDirectory);
    m_command->add_option("--seed", m_seed, "Seed of the draws (SplitMix64)")->capture_default_str();
    m_command
        ->add_option("--per-image", m_perImage,
                     "Questions per image at most (salient categories first, then larger boxes); 0 = one per "
                     "category present")
        ->check(CLI::NonNegativeNumber)
        ->capture_default_str();
    m_command->add_option("--options", m_optionCount, "Options per question (the answer and distractors)")
        ->check(CLI::Range(2, 26))
        ->capture_default_str();

    // Answering.
    auto *questions = m_command->add_option("--questions", m_request.questionsPath, "Question file to answer")
                          ->check(CLI::ExistingFile);
    make->excludes(questions);
    m_command
        ->add_option("--mllm", m_request.modelFolder,
                     "LLaVA (original or llava-hf layout; MMVP, Dense Connector, M3) or Shikra")
        ->check(CLI::ExistingDirectory);
    m_command
        ->add_option("--space", m_request.space,
                     "Feature space: se, me (MMVP), af (Dense Connector), nf (M3), shikra (default: se for "
                     "LLaVA models, shikra for Shikra)")
        ->check(CLI::IsMember({"se", "me", "af", "nf", "shikra", "grounding"}));
    m_command->add_option("--scale", m_request.scale, "nf: visual tokens after pooling (1, 9, 36, 144, 576)");
    m_command->add_option("--dino", m_request.dinoTower, "me: DINOv2 weights when the MMVP folder names none")
        ->check(CLI::ExistingPath);
    RunArguments::addInputs(*m_command, m_request);
    m_command
        ->add_option("--images", m_request.imageFolder,
                     "Folder of images named by test index (<i>.png / .jpg): the upper bound without an NSD folder")
        ->check(CLI::ExistingDirectory);
    m_command
        ->add_option("--scoring", m_scoring,
                     "How an option is scored: mean = log-likelihood per option token (default; options differ in "
                     "length), sum = total log-likelihood")
        ->check(CLI::IsMember({"mean", "sum"}))
        ->capture_default_str();
    m_command->add_option("--out", m_request.resultsPath,
                          "Results: per question the chosen option, every option's log-likelihood and token count; "
                          "accuracy overall and per group");
}

int EvalQaCommand::run() const
{
    if (!m_makeQuestions.empty())
        return makeQuestions();
    if (!m_request.questionsPath.empty())
        return answer();
    throw vindex::Error("eval qa: give --make-questions OUT.json (with --truth or --brainhub) or --questions Q.json "
                        "(with --mllm and an input)");
}

int EvalQaCommand::makeQuestions() const
{
    std::string truth = m_truth, labels = m_labels;
    if (truth.empty() && !m_brainHub.empty())
        truth = (fs::path(m_brainHub) / vindex::data::BrainHubAnnotations::kBoxesFile).string();
    if (truth.empty())
        throw vindex::Error("eval qa --make-questions: give --truth (coco_bbox_categorized.json) or --brainhub");
    if (labels.empty()) {
        // The truth's own BrainHub folder (<BrainHub>/bbox/...), else --brainhub.
        std::vector<fs::path> folders{fs::path(truth).parent_path().parent_path()};
        if (!m_brainHub.empty())
            folders.insert(folders.begin(), fs::path(m_brainHub));
        for (const auto &folder : folders) {
            const fs::path candidate = folder / vindex::report::ResultScoring::kGroupsFile;
            std::error_code ec;
            if (fs::is_regular_file(candidate, ec)) {
                labels = candidate.string();
                break;
            }
        }
    }
    vindex::eval::SalientQuestionOptions options;
    options.seed = m_seed;
    options.perImage = m_perImage;
    options.optionCount = m_optionCount;
    const auto set = vindex::eval::SalientQuestions::make(truth, labels, options);
    vindex::eval::SalientQuestions::write(set, m_makeQuestions);

    std::map<std::string, int64_t> perGroup;
    for (const auto &q : set.questions)
        for (const auto &g : q.groups)
            ++perGroup[g];
    nlohmann::ordered_json groups = nlohmann::ordered_json::object();
    std::ostringstream text;
    text << m_makeQuestions << ": " << set.questions.size() << " questions, seed " << set.options.seed
         << " (our construction; the paper's questions were not published)\n  truth: " << truth
         << "\n  groups: " << (labels.empty() ? std::string("none (one group \"all\")") : labels) << '\n';
    for (const auto &g : set.groups) {
        groups[g] = perGroup[g];
        text << "  " << g << ": " << perGroup[g] << " questions\n";
    }
    m_context.emit({{"questions", m_makeQuestions},
                    {"count", set.questions.size()},
                    {"seed", set.options.seed},
                    {"truth", truth},
                    {"labels", labels.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(labels)},
                    {"groups", groups}},
                   text.str());
    return 0;
}

int EvalQaCommand::answer() const
{
    if (m_request.modelFolder.empty())
        throw vindex::Error("eval qa --questions: give --mllm (the model that answers)");
    vindex::decode::QaRunRequest request = m_request;
    request.scoring = vindex::decode::QaRun::scoringFromName(m_scoring);
    request.device = m_context.device;
    request.dtype = m_context.dtype;
    vindex::JobControl job([](const vindex::JobProgress &p) {
        RunArguments::progress(static_cast<std::size_t>(p.done), static_cast<std::size_t>(p.total), "questions");
    });
    request.job = &job;
    const auto result = vindex::decode::QaRun::run(request);
    RunArguments::endProgress();

    nlohmann::ordered_json accuracy = nlohmann::ordered_json::object();
    std::ostringstream text;
    text << result.model << ", space " << result.space << ", scoring: " << result.scoring
         << " log-likelihood of the option tokens\n";
    for (const auto &g : result.accuracy) {
        accuracy[g.group] = {
            {"correct", g.correct},
            {"total", g.total},
            {"accuracy", g.total > 0 ? nlohmann::ordered_json(g.accuracy()) : nlohmann::ordered_json(nullptr)}};
        char line[160];
        if (g.total > 0)
            std::snprintf(line, sizeof line, "  %-24s %6.2f%%  (%lld / %lld)\n", g.group.c_str(), 100.0 * g.accuracy(),
                          static_cast<long long>(g.correct), static_cast<long long>(g.total));
        else
            std::snprintf(line, sizeof line, "  %-24s      -   (no questions)\n", g.group.c_str());
        text << line;
    }
    if (!result.unanswered.empty())
        text << result.unanswered.size() << " questions not answered: their images are not among the inputs\n";
    if (!result.resultsPath.empty())
        text << "results: " << result.resultsPath << '\n';
    nlohmann::ordered_json answers = nlohmann::ordered_json::array();
    for (const auto &a : result.answers)
        answers.push_back({{"id", a.id},
                           {"image", a.image},
                           {"answer", a.answer},
                           {"chosen", a.chosen},
                           {"correct", a.correct},
                           {"log_likelihoods", a.logLikelihoods},
                           {"token_counts", a.tokenCounts}});
    nlohmann::ordered_json document{{"model", result.model},
                                    {"space", result.space},
                                    {"scoring", result.scoring},
                                    {"prompt_template", result.promptTemplate},
                                    {"accuracy", accuracy},
                                    {"answered", result.answers.size()},
                                    {"unanswered", result.unanswered},
                                    {"answers", answers},
                                    {"seconds", result.seconds}};
    if (!result.resultsPath.empty())
        document["results"] = result.resultsPath;
    m_context.emit(document, text.str());
    return 0;
}
