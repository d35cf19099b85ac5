#include "MiniNsd.h"

#include "TestSupport.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace testsupport {

std::string miniNsdRoot()
{
    return fixture("mini-nsd");
}

const nlohmann::json &miniNsdFacts()
{
    static const nlohmann::json json = readJson(miniNsdRoot() + "/expected.json");
    return json;
}

double miniNsdBeta(int64_t voxel, int64_t image, int rep)
{
    return std::sin(0.05 * static_cast<double>(voxel) + 0.7 * static_cast<double>(image)) + 0.01 * rep;
}

std::vector<int> miniNsdRepeats(int subject)
{
    std::vector<int> repeats;
    std::map<int64_t, int> seen;
    for (const auto &image : miniNsdFacts()["subjects"][std::to_string(subject)]["trial_images"])
        repeats.push_back(seen[image.get<int64_t>()]++);
    return repeats;
}

double miniNsdNativeZ(int subject, int64_t trial, int64_t voxel)
{
    const auto images = miniNsdFacts()["subjects"][std::to_string(subject)]["trial_images"].get<std::vector<int64_t>>();
    const std::vector<int> repeats = miniNsdRepeats(subject);
    const int64_t first = trial / kMiniNsdTrialsPerSession * kMiniNsdTrialsPerSession;
    const int64_t last = std::min<int64_t>(first + kMiniNsdTrialsPerSession, static_cast<int64_t>(images.size()));
    return sessionZScore(first, last, trial,
                         [&](int64_t t) { return std::round(300.0 * miniNsdBeta(voxel, images[t], repeats[t])); });
}

double sessionZScore(int64_t first, int64_t last, int64_t at, const std::function<double(int64_t)> &value)
{
    double sum = 0, squares = 0;
    for (int64_t t = first; t < last; ++t)
        sum += value(t);
    const double n = static_cast<double>(last - first), mean = sum / n;
    for (int64_t t = first; t < last; ++t)
        squares += (value(t) - mean) * (value(t) - mean);
    return squares == 0 ? 0.0 : (value(at) - mean) / std::sqrt(squares / n);
}

double miniNsdNativeMeanZ(int subject, int64_t image, int64_t voxel)
{
    const auto images = miniNsdFacts()["subjects"][std::to_string(subject)]["trial_images"].get<std::vector<int64_t>>();
    double sum = 0;
    int count = 0;
    for (std::size_t t = 0; t < images.size(); ++t)
        if (images[t] == image) {
            sum += miniNsdNativeZ(subject, static_cast<int64_t>(t), voxel);
            ++count;
        }
    return sum / count;
}

} // namespace testsupport
