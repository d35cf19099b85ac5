#pragma once
// The tensors (name → shape) that a checkpoint of a known architecture must hold, derived from its config.json
// alone — the Hugging Face / LLaVA / UMBRAE key layouts as documented in shared/reference/models-and-formats.md.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

using Layout = std::map<std::string, std::vector<int64_t>>;

Layout clipVisionLayout(const nlohmann::json &config, const std::string &prefix);
Layout clipTextLayout(const nlohmann::json &config, const std::string &prefix);
Layout dinov2Layout(const nlohmann::json &config, const std::string &prefix);
Layout siglipVisionLayout(const nlohmann::json &config, const std::string &prefix);
// LLaMA decoder: `<modelPrefix>embed_tokens`, layers, norm, and `lmHead`.
Layout llamaLayout(const nlohmann::json &config, const std::string &modelPrefix, const std::string &lmHead);
// UMBRAE BrainXS with the perceiver resampler.
Layout brainXsLayout(const nlohmann::json &brainConfig);

void merge(Layout &into, const Layout &from);
