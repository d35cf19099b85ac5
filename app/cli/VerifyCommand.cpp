#include "VerifyCommand.h"

#include "CommandContext.h"

#include "vindex/models/FixtureVerifier.h"

#include <cstdio>
#include <sstream>

VerifyCommand::VerifyCommand(CLI::App &parent, const CommandContext &context) : m_context(context)
{
    m_command = parent.add_subcommand(
        "verify", "Run a reference fixture folder (model + expected outputs, as in shared/fixtures) and print the "
                  "max error of every output; exit status 3 when one is out of tolerance");
    m_command->add_option("folder", m_folder, "Fixture folder")->required()->check(CLI::ExistingDirectory);
}

int VerifyCommand::run() const
{
    const auto results = vindex::models::FixtureVerifier::verify(m_folder, m_context.device, m_context.dtype);
    const std::string compute = m_context.device + " " + m_context.dtype;
    nlohmann::ordered_json document{{"folder", m_folder}, {"compute", compute}};
    nlohmann::ordered_json outputs = nlohmann::ordered_json::array();
    std::ostringstream text;
    text << m_folder << "  (" << compute << ")\n";
    bool allPassed = true;
    for (const auto &r : results) {
        allPassed = allPassed && r.passed;
        outputs.push_back({{"output", r.output},
                           {"max_error", r.maxError},
                           {"tolerance", r.tolerance},
                           {"passed", r.passed},
                           {"note", r.note}});
        char line[256];
        std::snprintf(line, sizeof line, "  %-26s %-4s max error %-11.3g (tolerance %.0e)  %s\n", r.output.c_str(),
                      r.passed ? "ok" : "FAIL", r.maxError, r.tolerance, r.note.c_str());
        text << line;
    }
    text << (allPassed ? "all " + std::to_string(results.size()) + " outputs match the reference\n"
                       : std::string("some outputs differ from the reference\n"));
    document["outputs"] = std::move(outputs);
    document["passed"] = allPassed;
    m_context.emit(document, text.str());
    return allPassed ? 0 : 3;
}
