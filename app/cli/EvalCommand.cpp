#include "EvalCommand.h"

#include "CommandContext.h"

#include "vindex/core/Error.h"
#include "vindex/eval/CaptionEvaluation.h"
#include "vindex/io/AtomicFile.h"

#include <cstdio>
#include <sstream>

namespace {

constexpr const char *kTokenizer = "PTB (Stanford CoreNLP 3.4.1 rules, -preserveLines -lowerCase), "
                                   "pycocoevalcap punctuation removed";

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
        content += ",candidate,tokens\n";
        for (std::size_t t = 0; t < r.ids.size(); ++t) {
            content += csvField(r.ids[t]);
            for (double v : r.perTrial[t])
                content += "," + number(v);
            content += "," + csvField(r.candidates[t]) + "," + csvField(r.tokenizedCandidates[t]) + "\n";
        }
    } else {
        nlohmann::ordered_json trials = nlohmann::ordered_json::array();
        for (std::size_t t = 0; t < r.ids.size(); ++t) {
            nlohmann::ordered_json trial{{"id", r.ids[t]}};
            for (std::size_t m = 0; m < r.scoreNames.size(); ++m)
                trial[r.scoreNames[m]] = r.perTrial[t][m];
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
        "captions", "BLEU-1..4, ROUGE-L and CIDEr of decoded captions against references, as pycocoevalcap computes "
                    "them after the PTB tokenizer (corpus and per trial)");
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
                     "Comma-separated: bleu, rouge, cider (meteor, spice, clips: not available yet)")
        ->capture_default_str();
    m_captions->add_flag("--skip-unmatched", m_skipUnmatched,
                         "Score only the ids present in both files and list the others (default: error)");
    m_captions->add_option("--per-trial", m_perTrial, "Write per-trial scores to this file (.json, or .csv)");
}

int EvalCommand::run() const
{
    return runCaptions();
}

int EvalCommand::runCaptions() const
{
    vindex::eval::CaptionEvaluationOptions options;
    options.metrics = vindex::eval::CaptionEvaluation::parseMetrics(m_metrics);
    options.skipUnmatched = m_skipUnmatched;
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
    if (!m_perTrial.empty())
        document["per_trial"] = m_perTrial;

    std::ostringstream text;
    text << "candidates  " << m_candidates << "\nreferences  " << m_references << "\n"
         << r.ids.size() << " trials, " << r.referenceCount << " reference captions; tokenizer: " << kTokenizer
         << "\n\n  metric      score    ×100\n";
    for (std::size_t m = 0; m < r.scoreNames.size(); ++m) {
        char line[96];
        std::snprintf(line, sizeof line, "  %-8s %9.6f  %6.2f\n", r.scoreNames[m].c_str(), r.corpus[m],
                      r.corpus[m] * 100.0);
        text << line;
    }
    if (!r.skipped.empty()) {
        text << "\nskipped " << r.skipped.size() << " ids:";
        for (std::size_t i = 0; i < r.skipped.size() && i < 10; ++i)
            text << (i ? ", " : " ") << r.skipped[i].id << " (" << r.skipped[i].reason << ")";
        text << (r.skipped.size() > 10 ? ", ...\n" : "\n");
    }
    if (r.untokenizableCharacters > 0)
        text << r.untokenizableCharacters << " characters without a tokenizer rule were dropped (as CoreNLP does)\n";
    if (!m_perTrial.empty())
        text << "per-trial scores: " << m_perTrial << "\n";
    m_context.emit(document, text.str());
    return 0;
}
