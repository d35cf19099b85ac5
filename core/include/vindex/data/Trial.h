#pragma once
// One stimulus as a model sees it: an image of the 73k space and the subject's repeated trials of it. Training uses one
// repeat per step, validation and test the mean of the repeats (MindEye1 / UMBRAE); `index` is the position within the
// split, so for the test split it is the index BrainHub's captions and boxes are keyed by (0..981 in real NSD).
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace vindex::data {

enum class Split { Train, Val, Test };
inline constexpr std::array<Split, 3> kSplits{Split::Train, Split::Val, Split::Test};
const char *splitName(Split split); // "train", "val", "test"
// The split splitName gives that name; std::nullopt for any other text (callers say what they expected).
inline std::optional<Split> splitFromName(std::string_view name)
{
    for (const Split split : kSplits)
        if (name == splitName(split))
            return split;
    return std::nullopt;
}

struct Trial {
    Split split = Split::Train;
    int64_t index = 0;            // position within the split
    int64_t imageId = 0;          // 0-based 73k id
    std::vector<int64_t> repeats; // 0-based trial numbers of the repeats, in repeat order (as the layout records them)
};

} // namespace vindex::data
