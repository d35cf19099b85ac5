#pragma once
// The image-side augmentation of UMBRAE's train.py (kornia, applied to the stimulus before the vision tower computes
// the training target): RandomResizedCrop to the image's own size (scale 0.6–1, aspect 3/4–4/3, p 0.3), horizontal
// flip (p 0.5), ColorJitter (brightness 0.4, contrast 0.4, saturation 0.2, hue 0.1, p 0.3; torchvision's rules:
// multiplicative brightness, contrast and saturation blended with the grey image / its mean, hue rotated in HSV,
// the four in random order) and grayscale (p 0.3, ITU-R 601 luma). Works on 8-bit images, rounding after each
// operation; the random stream is the caller's, so a run replays its augmentations exactly.
#include "vindex/io/RgbImage.h"

#include <random>

namespace vindex::train {

struct AugmentationOptions {
    double cropProbability = 0.3, cropScaleMin = 0.6, cropScaleMax = 1.0;
    double cropRatioMin = 3.0 / 4.0, cropRatioMax = 4.0 / 3.0;
    double flipProbability = 0.5;
    double jitterProbability = 0.3, brightness = 0.4, contrast = 0.4, saturation = 0.2, hue = 0.1;
    double grayscaleProbability = 0.3;
};

class ImageAugmentation {
public:
    explicit ImageAugmentation(AugmentationOptions options = {}) : m_options(options) {}

    io::RgbImage apply(const io::RgbImage &image, std::mt19937_64 &random) const;

    // The single operations (exposed for tests and for figures).
    static io::RgbImage flipHorizontal(const io::RgbImage &image);
    static io::RgbImage grayscale(const io::RgbImage &image);
    // The crop [x, x + w) × [y, y + h) (source pixels) resized bilinearly (pixel centres aligned) to outW × outH.
    static io::RgbImage resizedCrop(const io::RgbImage &image, double x, double y, double w, double h, int outW,
                                    int outH);
    static io::RgbImage adjustBrightness(const io::RgbImage &image, double factor);
    static io::RgbImage adjustContrast(const io::RgbImage &image, double factor);
    static io::RgbImage adjustSaturation(const io::RgbImage &image, double factor);
    // shift in turns, [-0.5, 0.5].
    static io::RgbImage adjustHue(const io::RgbImage &image, double shift);

private:
    AugmentationOptions m_options;
};

} // namespace vindex::train
