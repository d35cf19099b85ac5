#pragma once
// Which trials of a split a command works on, as users write it: "" = all, "0:982" (end exclusive), "3,5,10:20".
#include <cstdint>
#include <string>
#include <vector>

namespace vindex::data {

// Indices in the order written, each < count; Error naming the part that is wrong.
std::vector<int64_t> parseTrialSelection(const std::string &text, int64_t count);

} // namespace vindex::data
