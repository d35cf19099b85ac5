#pragma once
// Image → pixel_values as the reference pipelines compute them on 8-bit PIL images: optional expand-to-square
// (LLaVA 'pad' on the mean colour, Shikra on white), PIL-exact bicubic resize (shortest side for CLIP/DINOv2,
// both sides for SigLIP), transformers' centre crop, ×1/255 and mean/std normalisation.
#include "vindex/io/RgbImage.h"

#include <ATen/core/Tensor.h>
#include <nlohmann/json_fwd.hpp>

#include <array>
#include <optional>
#include <string>
#include <utility>

namespace vindex::models {

class VisionTower;

class ImagePreprocessor {
public:
    enum class Resize {
        ShortestEdge, // CLIPImageProcessor / BitImageProcessor: shortest side → size, then centre crop
        Exact,        // SiglipImageProcessor: (size, size), no crop
    };
    enum class CropOffset {
        Floor,         // transformers' center_crop: (w - cw) // 2
        RoundHalfEven, // torchvision's CenterCrop (OpenAI CLIP's transform): int(round((w - cw) / 2.0))
    };
    struct Settings {
        Resize resize = Resize::ShortestEdge;
        int size = 224;     // shortest edge, or the side for Exact
        int cropSize = 224; // 0: no centre crop
        std::array<float, 3> mean{0.48145466f, 0.4578275f, 0.40821073f};
        std::array<float, 3> std{0.26862954f, 0.26130258f, 0.27577711f};
        double rescaleFactor = 1.0 / 255.0;
        std::optional<io::Rgb> padToSquare; // expand2square on this background first
        CropOffset cropOffset = CropOffset::Floor;
    };

    explicit ImagePreprocessor(Settings settings);

    // Defaults of a tower family ("clip", "dinov2", "siglip") at imageSize (resize and crop). Throws ModelError
    // for an unknown family.
    static ImagePreprocessor forFamily(const std::string &family, int imageSize);
    // The tower's family defaults at its image size (or `size` when > 0), overridden by
    // folder/preprocessor_config.json when the folder has one (as real checkpoints do; the fixtures do not).
    static ImagePreprocessor forTower(const VisionTower &tower, const std::string &folder = {}, int size = 0);
    // Applies a preprocessor_config.json onto settings (size / shortest_edge, crop_size, do_center_crop,
    // image_mean, image_std, rescale_factor); `name` is used in errors.
    static Settings applyConfig(Settings settings, const nlohmann::json &config, const std::string &name);

    // LLaVA 'pad': background int(mean * 255) per channel = (122, 116, 104) for CLIP.
    ImagePreprocessor withMeanPadding() const;
    ImagePreprocessor withPadding(io::Rgb background) const; // Shikra: {255, 255, 255}
    io::Rgb meanColour() const;
    const Settings &settings() const { return m_settings; }

    // The 8-bit image the tower will see (pad, resize, crop).
    io::RgbImage prepare(const io::RgbImage &image) const;
    // Rescale + normalise an 8-bit image: [1, 3, H, W] float32 on the CPU.
    at::Tensor toTensor(const io::RgbImage &image) const;
    at::Tensor process(const io::RgbImage &image) const { return toTensor(prepare(image)); }
    at::Tensor processFile(const std::string &path) const; // ImageFile::read + process

    // Building blocks, each as the reference computes it.
    // LLaVA's expand2square: paste at ((side - w) / 2, (side - h) / 2) (integer division) on `background`.
    static io::RgbImage expandToSquare(const io::RgbImage &image, io::Rgb background);
    // PIL Image.resize(size, BICUBIC) on an RGB image: separable, support scaled by the downscale factor,
    // 22-bit fixed-point coefficients, horizontal pass then vertical, each rounded and clipped to 8 bits.
    static io::RgbImage resizeBicubic(const io::RgbImage &image, int width, int height);
    // transformers' center_crop: offsets (w - cw) // 2 and (h - ch) // 2 (floor); outside the image is black.
    // RoundHalfEven: torchvision's offsets (they differ by one where the margin is 3 mod 4).
    static io::RgbImage centerCrop(const io::RgbImage &image, int width, int height,
                                   CropOffset offset = CropOffset::Floor);
    // get_resize_output_image_size(default_to_square=False): short side → size, long side int(size*long/short).
    static std::pair<int, int> shortestEdgeSize(int width, int height, int size); // (width, height)

private:
    Settings m_settings;
};

} // namespace vindex::models
