#pragma once
// Whether a model's config.json describes Shikra (grounding MLLM) rather than a LLaVA-family model: model_type
// "shikra", the ShikraLlamaForCausalLM architecture, or a multimodal config with <im_start>/<im_end> and an
// image_token_len. ModelRegistry::identify decides by it; front ends use it to offer a model's spaces before loading.
#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>

namespace vindex::models {

bool isShikraConfig(const nlohmann::json &config);
// The same for a model folder; nullopt when its config.json is missing or unreadable (nothing is known yet).
std::optional<bool> isShikraFolder(const std::string &folder);

} // namespace vindex::models
