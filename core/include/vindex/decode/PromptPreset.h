#pragma once
// The method's own prompts, by name, for front ends to offer (`vindex caption --preset`, the studio's decode panel).
// The reference inference scripts generate up to 512 new tokens with them (VINDEX and UMBRAE: max_new_tokens 512),
// DecodingOptions' default.
#include <string>
#include <vector>

namespace vindex::decode {

struct PromptPreset {
    std::string name;   // "detail"
    std::string prompt; // the question; "<image>" marks where a Shikra prompt takes the visual tokens
    std::string usedBy; // where the method uses it, for help texts and tooltips
};

const std::vector<PromptPreset> &promptPresets();
// The preset of that name; throws vindex::Error listing the names otherwise.
const PromptPreset &promptPreset(const std::string &name);
// The method's prompt for a model family: "simple" for Shikra (UMBRAE's captions), "detail" for the LLaVA family.
const PromptPreset &defaultPromptPreset(bool shikra);

} // namespace vindex::decode
