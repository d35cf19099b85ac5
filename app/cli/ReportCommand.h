#pragma once
// `vindex report --results A.json [B.json | RUN_DIR ...] --references R.json --out FILE [--format html|pdf|csv|json]
// [--root DIR --subject S | --images DIR] [--trials RANGE] [--title T] [--labels A,B] [--metrics LIST]`:
// a caption report (core/report): corpus scores, charts, per-trial captions with stimuli, run manifests.
#include <CLI/CLI.hpp>

#include <string>
#include <vector>

struct CommandContext;

class ReportCommand {
public:
    ReportCommand(CLI::App &parent, const CommandContext &context);
    bool selected() const { return m_command->parsed(); }
    int run() const;

private:
    const CommandContext &m_context;
    CLI::App *m_command = nullptr;
    std::vector<std::string> m_results, m_labels;
    std::string m_references, m_out, m_format, m_root, m_images, m_trials, m_title, m_metrics;
    std::string m_meteorData, m_parser, m_sceneGraphs, m_captureEncoder, m_sentenceEncoder;
    std::string m_sentenceReduction = "mean";
    int m_subject = 0;
    int m_thumbnail = 128;
};
