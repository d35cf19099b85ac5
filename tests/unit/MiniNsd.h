#pragma once
// The mini-nsd fixture's facts (../shared/fixtures/mini-nsd/expected.json), for the tests that check what our
// readers and writers make of it.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
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
// The fixture's native betas files hold 12 volumes (trials) each.
constexpr int64_t kMiniNsdTrialsPerSession = 12;
// What a native read of the fixture must give, by MindEye's definition (sklearn StandardScaler per session): the NIfTI
// values round(300 · beta_formula) of the voxel over the trials of the trial's session, minus their mean, divided by
// their population standard deviation (ddof 0; a constant voxel reads 0). Computed here in double from the formula.
double miniNsdNativeZ(int subject, int64_t trial, int64_t voxel);
// value(at) z-scored over value(first) … value(last - 1) with the population standard deviation (MindEye's
// StandardScaler), 0 where the values are constant; in double.
double sessionZScore(int64_t first, int64_t last, int64_t at, const std::function<double(int64_t)> &value);
// The mean over an image's repeats of miniNsdNativeZ (a test trial's encoder input from the native layout).
double miniNsdNativeMeanZ(int subject, int64_t image, int64_t voxel);

} // namespace testsupport
