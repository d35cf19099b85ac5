#pragma once
// LLaVA-NeXT's "anyres" input: an image is resized and padded onto the best of the grid pinpoints, cut into
// tower-sized tiles, and preceded by the whole image squeezed to one tile; after the projector the tiles' token
// grids are stitched back into one grid, the padding is cropped away ("unpad") and an image_newline embedding
// ends every row. Brain features (and any single grid) are one tile: its tokens, then one image_newline.
//
// The two reference implementations differ in two details, both kept here:
//   LLaVA (original layout)  pinpoint [a, b] = width a, height b; unpad height/width = int(x)
//   transformers (llava-hf)  pinpoint [a, b] = height a, width b; unpad height/width = int(round(x, 7))
// so a square image can pick a different tiling in each (the first of two equally good pinpoints wins).
#include "vindex/io/RgbImage.h"

#include <ATen/core/Tensor.h>
#include <nlohmann/json_fwd.hpp>

#include <string>
#include <utility>
#include <vector>

namespace vindex::models {

class AnyResolutionTiling {
public:
    enum class Convention { Llava, Transformers };
    enum class Merge { Flat, Spatial, SpatialUnpad }; // mm_patch_merge_type

    // Reads image_grid_pinpoints (a list, or LLaVA's string form "[(336, 672), ...]") and mm_patch_merge_type
    // (llava-hf: always spatial_unpad). tileSize: the tower's image size. Throws ModelError naming `name`.
    static AnyResolutionTiling fromConfig(const nlohmann::json &config, Convention convention, int tileSize,
                                          const std::string &name);
    // Whether a config asks for anyres tiling (image_aspect_ratio "anyres", or model_type "llava_next").
    static bool wanted(const nlohmann::json &config);

    // The chosen canvas (width, height) for an image: the most effective resolution, then the least waste.
    std::pair<int, int> bestResolution(int width, int height) const;
    // The 8-bit tiles in the reference's order: the whole image resized to tile × tile, then the canvas tiles
    // row by row (the image resized into the canvas keeping its aspect, centred on black).
    std::vector<io::RgbImage> tiles(const io::RgbImage &image) const;
    // Tokens of each tile [tiles, T, H] (T a square grid) → the prompt's visual tokens [T', H]. width/height:
    // the original image size (used when there is more than one tile).
    at::Tensor pack(const at::Tensor &tileTokens, int width, int height, const at::Tensor &newline) const;

    Merge merge() const { return m_merge; }
    int tileSize() const { return m_tileSize; }

private:
    Convention m_convention = Convention::Llava;
    Merge m_merge = Merge::SpatialUnpad;
    int m_tileSize = 336;
    std::vector<std::pair<int, int>> m_pinpoints; // (width, height)
};

} // namespace vindex::models
