#pragma once
// The options `vindex caption` and `vindex ground` share — where the visual input comes from and how text is
// generated — bound to the run request's own fields, so both commands offer the same names and help.
#include "vindex/decode/RunOptions.h"
#include "vindex/decode/RunTimings.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cstddef>

class RunArguments {
public:
    // --image, --features, --root, --subject, --split, --trials, --brain, --heads, --dim-head
    static void addInputs(CLI::App &command, vindex::decode::RunInputOptions &inputs);
    // --max-new-tokens, --batch, --temperature, --top-p, --seed, --stop (device and dtype are global options)
    static void addDecoding(CLI::App &command, vindex::decode::DecodingOptions &decoding);
    // "\r3 / 8 what" on a terminal's stderr, nothing otherwise; endProgress() ends the line if one was printed.
    static void progress(std::size_t done, std::size_t total, const char *what);
    static void endProgress();
    // The "timing" object of the commands' --json output.
    static nlohmann::ordered_json timingJson(const vindex::decode::RunTimings &timings);
};
