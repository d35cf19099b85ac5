#pragma once
// The mini-nsd fixture's facts (../shared/fixtures/mini-nsd/expected.json), for the tests that check what our
// readers and writers make of it.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace testsupport {

// The fixture's folder.
std::string miniNsdRoot();
// expected.json, read once.
const nlohmann::json &miniNsdFacts();
// expected.json's beta_formula: sin(0.05·voxel + 0.7·image) + 0.01·rep (voxel: 0-based in the flattened ROI; image:
// 0-based id; rep: 0-based repetition of that image for that subject).
double miniNsdBeta(int64_t voxel, int64_t image, int rep);
// For each trial of a subject (expected.json's trial_images), the 0-based repetition of its image so far.
std::vector<int> miniNsdRepeats(int subject);

} // namespace testsupport
