#include "vindex/models/ShikraConfig.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

namespace vindex::models {

bool isShikraConfig(const nlohmann::json &config)
{
    if (!config.is_object())
        return false;
    const auto type = config.find("model_type");
    if (type != config.end() && type->is_string() && type->get<std::string>() == "shikra")
        return true;
    if (const auto it = config.find("architectures"); it != config.end() && it->is_array())
        for (const auto &a : *it)
            if (a.is_string() && a.get<std::string>() == "ShikraLlamaForCausalLM")
                return true;
    const bool multimodal =
        config.contains("mm_vision_tower") || config.contains("mm_projector_type") || config.contains("mm_hidden_size");
    const auto startEnd = config.find("mm_use_im_start_end");
    return multimodal && startEnd != config.end() && startEnd->is_boolean() && startEnd->get<bool>() &&
           config.contains("image_token_len");
}

std::optional<bool> isShikraFolder(const std::string &folder)
{
    if (folder.empty())
        return std::nullopt;
    std::ifstream in(std::filesystem::path(folder) / "config.json", std::ios::binary);
    if (!in)
        return std::nullopt;
    const nlohmann::json config = nlohmann::json::parse(in, nullptr, false);
    if (config.is_discarded() || !config.is_object() || config.empty())
        return std::nullopt;
    return isShikraConfig(config);
}

} // namespace vindex::models
