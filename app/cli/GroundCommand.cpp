#include "GroundCommand.h"

#include "CommandContext.h"
#include "RunArguments.h"

#include <cstdio>
#include <sstream>

namespace {

using vindex::decode::Box;

std::string formatBox(const Box &box, const char *format)
{
    char text[160];
    std::snprintf(text, sizeof text, format, box[0], box[1], box[2], box[3]);
    return text;
}

// Box groups as "[x0, y0, x1, y1; ...] [...]", one bracket pair per answer group.
std::string formatGroups(const std::vector<std::vector<Box>> &groups, const char *format)
{
    std::string text;
    for (const auto &group : groups) {
        text += text.empty() ? "[" : " [";
        for (std::size_t i = 0; i < group.size(); ++i)
            text += (i ? "; " : "") + formatBox(group[i], format);
        text += "]";
    }
    return text;
}

nlohmann::ordered_json groupsJson(const std::vector<std::vector<Box>> &groups)
{
    nlohmann::ordered_json json = nlohmann::ordered_json::array();
    for (const auto &group : groups)
        json.push_back(group);
    return json;
}

} // namespace

GroundCommand::GroundCommand(CLI::App &parent, const CommandContext &context) : m_context(context)
{
    m_command = parent.add_subcommand(
        "ground", "Ask Shikra where things are: boxes for each input and expression, as UMBRAE asks (\"Locate <expr> "
                  "in <image> and provide its coordinates, please\", greedy). --expr asks the same of every input; "
                  "--categories coco asks NSD test trials for each COCO category BrainHub's ground truth lists for "
                  "them. With --out, boxes go to BrainHub's decoded-bbox file (scored by `vindex eval grounding`) "
                  "plus RESULTS.manifest.json, saved after every batch; re-running the same command continues.");
    m_command->add_option("--mllm", m_request.modelFolder, "Shikra model folder")
        ->required()
        ->check(CLI::ExistingDirectory);
    RunArguments::addInputs(*m_command, m_request);
    m_command->add_option("--expr", m_request.expressions,
                          "What to locate, asked of every input (repeatable); the results' category is the text");
    m_command
        ->add_option("--categories", m_request.categories,
                     "coco: for NSD test trials, every category BrainHub's ground truth lists for the trial")
        ->check(CLI::IsMember({"coco"}));
    m_command
        ->add_option("--truth", m_request.truthPath,
                     "BrainHub's bbox/coco_bbox_categorized.json (with --categories; default: under --brainhub)")
        ->check(CLI::ExistingFile);
    m_command
        ->add_option("--brainhub", m_request.brainhubFolder, "BrainHub folder holding bbox/coco_bbox_categorized.json")
        ->check(CLI::ExistingDirectory);
    m_command->add_option("--prompt", m_request.prompt,
                          "The question, with <expr> and <image> (default: \"" +
                              std::string(vindex::decode::GroundRun::kDefaultPrompt) + "\")");
    RunArguments::addDecoding(*m_command, m_request);
    m_command->add_option(
        "--out", m_request.resultsPath,
        "Results file {\"idx\": {category: [[[x0,y0,x1,y1]]]}} (+ .manifest.json); resumes if present");
}

int GroundCommand::run() const
{
    vindex::decode::GroundRunRequest request = m_request;
    request.device = m_context.device;
    request.dtype = m_context.dtype;
    vindex::JobControl job([](const vindex::JobProgress &p) {
        RunArguments::progress(static_cast<std::size_t>(p.done), static_cast<std::size_t>(p.total), "answers");
    });
    request.job = &job;
    const auto result = vindex::decode::GroundRun::run(request);
    RunArguments::endProgress();

    nlohmann::ordered_json document{{"model", result.model},
                                    {"mllm", m_request.modelFolder},
                                    {"space", result.space},
                                    {"prompt", result.promptTemplate}};
    if (!m_request.categories.empty()) {
        document["categories"] = m_request.categories;
        document["truth"] = result.truthPath;
    } else {
        document["expressions"] = m_request.expressions;
    }
    document["inputs"] = result.inputs;
    nlohmann::ordered_json answers = nlohmann::ordered_json::array();
    std::ostringstream text;
    std::string source;
    std::size_t withBoxes = 0;
    for (const auto &a : result.answers) {
        nlohmann::ordered_json answer{{"key", a.key},
                                      {"index", a.index},
                                      {"source", a.source},
                                      {"category", a.category},
                                      {"text", a.text},
                                      {"ids", a.ids},
                                      {"boxes", groupsJson(a.boxes)},
                                      {"pixel_boxes", groupsJson(a.pixelBoxes)},
                                      {"image_size", a.imageWidth > 0
                                                         ? nlohmann::ordered_json{a.imageWidth, a.imageHeight}
                                                         : nlohmann::ordered_json()},
                                      {"skipped_groups", a.skippedGroups},
                                      {"resumed", a.resumed}};
        answers.push_back(std::move(answer));
        withBoxes += a.boxes.empty() ? 0 : 1;
        if (a.source != source)
            text << a.source << '\n';
        source = a.source;
        text << "  " << a.category << ": ";
        if (a.boxes.empty())
            text << "no box";
        else if (!a.pixelBoxes.empty())
            text << formatGroups(a.pixelBoxes, "%.1f, %.1f, %.1f, %.1f") << " px (" << a.imageWidth << "x"
                 << a.imageHeight << "), fractions " << formatGroups(a.boxes, "%.3f, %.3f, %.3f, %.3f");
        else
            text << formatGroups(a.boxes, "%.3f, %.3f, %.3f, %.3f") << " (fractions of the image)";
        if (a.resumed)
            text << "  (from the earlier run)";
        else if (a.boxes.empty() && !a.text.empty())
            text << "  — answer: " << (a.text.size() > 80 ? a.text.substr(0, 77) + "..." : a.text);
        text << '\n';
    }
    document["answers"] = std::move(answers);
    document["with_boxes"] = withBoxes;
    document["resumed"] = result.resumed;
    text << result.answers.size() << " answers for " << result.inputs << " inputs, " << withBoxes << " with a box\n";
    if (!m_request.resultsPath.empty()) {
        document["results"] = result.resultsPath;
        document["manifest"] = result.manifestPath;
        text << "results: " << result.resultsPath << " (" << result.resumed
             << " answers from an earlier run); manifest: " << result.manifestPath << '\n';
    }
    document["timing"] = RunArguments::timingJson(result);
    m_context.emit(document, text.str());
    return 0;
}
