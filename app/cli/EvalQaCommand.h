#pragma once
// `vindex eval qa`: salient question answering (MG-BrainDub's second task), our construction since the paper's
// questions were not published.
//   --make-questions OUT.json --truth coco_bbox_categorized.json [--labels coco_categorized_labels.json]
//       [--seed N] [--per-image N] [--options N]: writes the question file (eval/SalientQuestions.h).
//   --questions Q.json --mllm DIR (--root NSD --subject S [--brain CKPT] [--trials ...] | --features F |
//       --images DIR) [--space ...] [--scoring mean|sum] [--out RESULTS.json]: answers by option likelihood
//       (decode/QaRun.h); accuracy overall and per salience group.
#include "vindex/decode/QaRun.h"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

struct CommandContext;

class EvalQaCommand {
public:
    EvalQaCommand(CLI::App &eval, const CommandContext &context);
    bool selected() const { return m_command->parsed(); }
    int run() const;

private:
    int makeQuestions() const;
    int answer() const;

    const CommandContext &m_context;
    CLI::App *m_command = nullptr;
    std::string m_makeQuestions, m_truth, m_labels, m_brainHub, m_scoring = "mean";
    uint64_t m_seed = 0;
    int64_t m_perImage = 0, m_optionCount = 4;
    vindex::decode::QaRunRequest m_request;
};
