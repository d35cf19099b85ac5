#include "MiniNsd.h"

#include "TestSupport.h"

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

} // namespace testsupport
