#include "vindex/models/SceneGraphParsing.h"

#include "vindex/models/Compute.h"
#include "vindex/models/FactualSceneGraphParser.h"

namespace vindex::models {

std::shared_ptr<const eval::SceneGraphParser> loadSceneGraphParser(const std::string &folder, const std::string &device)
{
    return std::make_shared<FactualSceneGraphParser>(folder, Compute::parse(device, "f32"));
}

} // namespace vindex::models
