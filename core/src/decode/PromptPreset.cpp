#include "vindex/decode/PromptPreset.h"

#include "vindex/core/Error.h"

namespace vindex::decode {

const std::vector<PromptPreset> &promptPresets()
{
    static const std::vector<PromptPreset> presets{
        {"detail", "Describe this image in detail.",
         "VINDEX / UMBRAE inference for LLaVA-1.5, LLaVA-NeXT, MMVP, Dense Connector and M3 (se, me, af, nf)"},
        {"simple", "Describe this image <image> as simply as possible.", "UMBRAE's brain captioning with Shikra"},
    };
    return presets;
}

const PromptPreset &promptPreset(const std::string &name)
{
    std::string names;
    for (const PromptPreset &preset : promptPresets()) {
        if (preset.name == name)
            return preset;
        names += (names.empty() ? "" : ", ") + preset.name;
    }
    throw Error("unknown prompt preset '" + name + "' (known: " + names + ")");
}

const PromptPreset &defaultPromptPreset(bool shikra)
{
    return promptPreset(shikra ? "simple" : "detail");
}

} // namespace vindex::decode
