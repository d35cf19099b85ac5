// vindex: the command line of VINDEX Studio. Every GUI action is also a command here.
#include "BenchCommand.h"
#include "CaptionCommand.h"
#include "CommandContext.h"
#include "DemoCommand.h"
#include "EncodeCommand.h"
#include "EvalCommand.h"
#include "FeaturesCommand.h"
#include "GroundCommand.h"
#include "InspectCommand.h"
#include "NsdCommand.h"
#include "ReportCommand.h"
#include "TrainCommand.h"
#include "VerifyCommand.h"

#include "vindex/core/BuildInfo.h"
#include "vindex/core/Error.h"
#include "vindex/core/Log.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace {

// Exit statuses of the CLI contract (DESIGN.md): 2 for bad input, 1 for an internal failure.
constexpr int kBadInput = 2;
constexpr int kInternalFailure = 1;

std::string versionText()
{
    std::string text = "vindex " + vindex::versionString();
    for (const auto &[library, version] : vindex::libraryVersions())
        text += "\n  " + library + " " + version;
    return text;
}

} // namespace

int main(int argc, char **argv)
{
    CLI::App app{"vindex — decode what a person saw from fMRI (the command line of VINDEX Studio).\n"
                 "Every command accepts --json, --device and --dtype; bad input exits with status 2.",
                 "vindex"};
    app.set_version_flag("--version", versionText);
    app.require_subcommand(1);

    CommandContext context;
    app.add_flag("--json", context.json, "Machine-readable output on stdout (logs go to stderr)");
    app.add_option("--device", context.device, "Compute device: cpu or cuda[:N]")
        ->check(CLI::Validator(
            [](std::string &value) {
                if (value == "cpu" || value == "cuda" || value.rfind("cuda:", 0) == 0)
                    return std::string();
                return "expected cpu or cuda[:N], got '" + value + "'";
            },
            "cpu|cuda[:N]"))
        ->capture_default_str();
    app.add_option("--dtype", context.dtype, "Compute precision")
        ->check(CLI::IsMember({"f32", "f16", "bf16"}))
        ->capture_default_str();
    for (auto *option : app.get_options())
        if (option->get_name() != "--help" && option->get_name() != "--version")
            option->configurable(true);
    app.fallthrough(); // global options may also follow the subcommand

    InspectCommand inspect(app, context);
    VerifyCommand verify(app, context);
    EncodeCommand encode(app, context);
    FeaturesCommand features(app, context);
    CaptionCommand caption(app, context);
    GroundCommand ground(app, context);
    BenchCommand bench(app, context);
    NsdCommand nsd(app, context);
    DemoCommand demo(app, context);
    EvalCommand eval(app, context);
    TrainCommand train(app, context);
    ReportCommand report(app, context);

    try {
        app.parse(argc, argv);
        if (inspect.selected())
            return inspect.run();
        if (demo.selected())
            return demo.run();
        if (verify.selected())
            return verify.run();
        if (encode.selected())
            return encode.run();
        if (features.selected())
            return features.run();
        if (caption.selected())
            return caption.run();
        if (ground.selected())
            return ground.run();
        if (bench.selected())
            return bench.run();
        if (nsd.selected())
            return nsd.run();
        if (eval.selected())
            return eval.run();
        if (train.selected())
            return train.run();
        if (report.selected())
            return report.run();
    } catch (const CLI::CallForHelp &e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp &e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion &e) {
        return app.exit(e);
    } catch (const CLI::ParseError &e) {
        std::cerr << "vindex: " << e.what() << "\nRun 'vindex --help' for usage.\n";
        return kBadInput;
    } catch (const vindex::Cancelled &) {
        std::cerr << "vindex: cancelled\n";
        return kInternalFailure;
    } catch (const vindex::Error &e) { // FormatError, DataError, ModelError: the input is at fault
        std::cerr << "vindex: error: " << e.what() << '\n';
        return kBadInput;
    } catch (const std::exception &e) {
        std::cerr << "vindex: internal error: " << e.what() << '\n';
        return kInternalFailure;
    }
    return 0;
}
