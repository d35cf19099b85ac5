#pragma once
// Options every vindex command accepts, and how a command reports its result.
#include <nlohmann/json.hpp>

#include <string>

struct CommandContext {
    bool json = false;          // machine output on stdout, logs on stderr
    std::string device = "cpu"; // cpu | cuda[:N]
    std::string dtype = "f32";  // f32 | f16 | bf16

    // Prints either the JSON document or the text, depending on --json.
    void emit(const nlohmann::ordered_json &document, const std::string &text) const;
};
