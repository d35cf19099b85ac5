#include "vindex/models/AnyResolutionTiling.h"

#include "vindex/core/Error.h"
#include "vindex/models/ImagePreprocessor.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <regex>

namespace vindex::models {

namespace {

// "[(336, 672), (672, 336)]" (LLaVA writes pinpoints as a Python literal in some configs) or a JSON list.
std::vector<std::pair<int, int>> parsePinpoints(const nlohmann::json &value, const std::string &name)
{
    std::vector<std::pair<int, int>> pairs;
    auto bad = [&] {
        return ModelError(name + ": image_grid_pinpoints must be a list of [a, b] pairs of positive sizes, e.g. "
                                 "[[336, 672], [672, 336]]");
    };
    if (value.is_string()) {
        const std::string text = value.get<std::string>();
        const std::regex pair(R"(\(\s*(\d+)\s*,\s*(\d+)\s*\))");
        for (auto it = std::sregex_iterator(text.begin(), text.end(), pair); it != std::sregex_iterator(); ++it)
            pairs.emplace_back(std::stoi((*it)[1]), std::stoi((*it)[2]));
    } else if (value.is_array()) {
        for (const auto &item : value) {
            if (!item.is_array() || item.size() != 2 || !item[0].is_number_integer() || !item[1].is_number_integer())
                throw bad();
            pairs.emplace_back(item[0].get<int>(), item[1].get<int>());
        }
    }
    if (pairs.empty())
        throw bad();
    for (const auto &[a, b] : pairs)
        if (a <= 0 || b <= 0 || a > 16384 || b > 16384)
            throw bad();
    return pairs;
}

} // namespace

bool AnyResolutionTiling::wanted(const nlohmann::json &config)
{
    if (config.value("model_type", std::string()) == "llava_next")
        return true;
    const auto ratio = config.find("image_aspect_ratio");
    return ratio != config.end() && ratio->is_string() && ratio->get<std::string>().rfind("anyres", 0) == 0;
}

AnyResolutionTiling AnyResolutionTiling::fromConfig(const nlohmann::json &config, Convention convention, int tileSize,
                                                    const std::string &name)
{
    AnyResolutionTiling t;
    t.m_convention = convention;
    t.m_tileSize = tileSize;
    const std::string ratio = config.value("image_aspect_ratio", std::string("anyres"));
    if (convention == Convention::Llava && ratio != "anyres")
        throw ModelError(name + ": image_aspect_ratio '" + ratio +
                         "' is not supported (LLaVA-NeXT's is 'anyres'; 'anyres_max_N' is LLaVA-OneVision's)");
    if (!config.contains("image_grid_pinpoints"))
        throw ModelError(name + ": anyres needs image_grid_pinpoints");
    for (const auto &[a, b] : parsePinpoints(config.at("image_grid_pinpoints"), name)) {
        if (tileSize > 0 && (a % tileSize != 0 || b % tileSize != 0))
            throw ModelError(name + ": grid pinpoint [" + std::to_string(a) + ", " + std::to_string(b) +
                             "] is not a multiple of the tower's " + std::to_string(tileSize) + " px");
        t.m_pinpoints.push_back(convention == Convention::Llava ? std::pair{a, b} : std::pair{b, a});
    }
    const std::string merge = convention == Convention::Transformers
                                  ? std::string("spatial_unpad")
                                  : config.value("mm_patch_merge_type", std::string("flat"));
    if (merge == "flat")
        t.m_merge = Merge::Flat;
    else if (merge == "spatial")
        t.m_merge = Merge::Spatial;
    else if (merge == "spatial_unpad")
        t.m_merge = Merge::SpatialUnpad;
    else
        throw ModelError(name + ": mm_patch_merge_type '" + merge +
                         "' is not supported (flat, spatial or spatial_unpad)");
    return t;
}

std::pair<int, int> AnyResolutionTiling::bestResolution(int width, int height) const
{
    std::pair<int, int> best{0, 0};
    int64_t bestEffective = 0;
    auto leastWaste = std::numeric_limits<int64_t>::max();
    const int64_t original = int64_t{width} * height;
    for (const auto &[w, h] : m_pinpoints) {
        const double scale = std::min(static_cast<double>(w) / width, static_cast<double>(h) / height);
        const auto downW = static_cast<int64_t>(width * scale), downH = static_cast<int64_t>(height * scale);
        const int64_t effective = std::min(downW * downH, original);
        const int64_t waste = int64_t{w} * h - effective;
        if (effective > bestEffective || (effective == bestEffective && waste < leastWaste)) {
            bestEffective = effective;
            leastWaste = waste;
            best = {w, h};
        }
    }
    return best;
}

std::vector<io::RgbImage> AnyResolutionTiling::tiles(const io::RgbImage &image) const
{
    if (image.empty())
        throw Error("anyres: the image is empty");
    const auto [canvasW, canvasH] = bestResolution(image.width, image.height);
    // resize_and_pad_image: fit the canvas keeping the aspect (ceil on the free side), centred on black.
    const double scaleW = static_cast<double>(canvasW) / image.width;
    const double scaleH = static_cast<double>(canvasH) / image.height;
    int newW = canvasW, newH = canvasH;
    if (scaleW < scaleH)
        newH = std::min(static_cast<int>(std::ceil(image.height * scaleW)), canvasH);
    else
        newW = std::min(static_cast<int>(std::ceil(image.width * scaleH)), canvasW);
    const io::RgbImage resized = ImagePreprocessor::resizeBicubic(image, newW, newH);
    io::RgbImage canvas(canvasW, canvasH);
    const int left = (canvasW - newW) / 2, top = (canvasH - newH) / 2;
    for (int y = 0; y < newH; ++y)
        std::copy_n(resized.at(0, y), static_cast<size_t>(newW) * 3, canvas.at(left, top + y));

    std::vector<io::RgbImage> out{ImagePreprocessor::resizeBicubic(image, m_tileSize, m_tileSize)};
    for (int y = 0; y < canvasH; y += m_tileSize)
        for (int x = 0; x < canvasW; x += m_tileSize) {
            io::RgbImage tile(m_tileSize, m_tileSize);
            for (int row = 0; row < m_tileSize; ++row)
                std::copy_n(canvas.at(x, y + row), static_cast<size_t>(m_tileSize) * 3, tile.at(0, row));
            out.push_back(std::move(tile));
        }
    return out;
}

at::Tensor AnyResolutionTiling::pack(const at::Tensor &tileTokens, int width, int height,
                                     const at::Tensor &newline) const
{
    const int64_t count = tileTokens.size(0), perTile = tileTokens.size(1), hidden = tileTokens.size(2);
    const bool unpad = m_merge == Merge::SpatialUnpad && newline.defined();
    if (m_merge == Merge::Flat)
        return tileTokens.flatten(0, 1);
    if (count == 1) // one tile (a brain encoder's grid): its tokens, then one image_newline
        return unpad ? at::cat({tileTokens[0], newline.to(tileTokens.dtype()).unsqueeze(0)}, 0) : tileTokens[0];

    const auto side = static_cast<int64_t>(std::llround(std::sqrt(static_cast<double>(perTile))));
    if (side * side != perTile)
        throw ModelError("anyres: a tile has " + std::to_string(perTile) + " tokens, not a square grid");
    if (width <= 0 || height <= 0 || m_tileSize <= 0)
        throw ModelError("anyres: " + std::to_string(count) + " tiles but no image or tile size to stitch them by");
    const auto [canvasW, canvasH] = bestResolution(width, height);
    const int64_t across = canvasW / m_tileSize, down = canvasH / m_tileSize;
    if (across * down != count - 1)
        throw ModelError("anyres: a " + std::to_string(width) + "×" + std::to_string(height) + " image makes " +
                         std::to_string(across * down) + " tiles besides the base one, but " +
                         std::to_string(count - 1) + " were given");
    const at::Tensor base = tileTokens[0];
    at::Tensor grid = tileTokens.slice(0, 1).reshape({down, across, side, side, hidden});
    if (!unpad)
        return at::cat({base, grid.permute({0, 2, 1, 3, 4}).flatten(0, 3)}, 0);

    grid = grid.permute({4, 0, 2, 1, 3}).contiguous().flatten(1, 2).flatten(2, 3); // [H, rows, cols]
    const int64_t rows = grid.size(1), cols = grid.size(2);
    // unpad_image: crop the canvas' padding back off by the original aspect ratio.
    auto truncated = [this](double x) {
        return static_cast<int64_t>(m_convention == Convention::Transformers ? std::nearbyint(x * 1e7) / 1e7 : x);
    };
    const double originalAspect = static_cast<double>(width) / height;
    const double currentAspect = static_cast<double>(cols) / rows;
    if (originalAspect > currentAspect) {
        const int64_t kept = truncated(height * (static_cast<double>(cols) / width));
        const int64_t pad = (rows - kept) / 2;
        grid = grid.slice(1, pad, rows - pad);
    } else {
        const int64_t kept = truncated(width * (static_cast<double>(rows) / height));
        const int64_t pad = (cols - kept) / 2;
        grid = grid.slice(2, pad, cols - pad);
    }
    const at::Tensor column = newline.to(grid.dtype()).view({hidden, 1, 1}).expand({hidden, grid.size(1), 1});
    grid = at::cat({grid, column}, 2).flatten(1, 2).transpose(0, 1);
    return at::cat({base, grid}, 0);
}

} // namespace vindex::models
