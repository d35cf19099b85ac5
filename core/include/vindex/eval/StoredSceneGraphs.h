#pragma once
// Scene graphs parsed before, kept in a JSON file {"sentence": "( man , is , young ) , ...", ...}: the parser's
// output for each sentence, as the FACTUAL package's parse(..., return_text=True) writes it. Parsing is the slow part
// of CAPTURE, and graphs parsed elsewhere (e.g. by the Python reference on a GPU) can be scored here without the
// parser's weights. A sentence the file does not hold goes to the fallback parser when there is one; without one
// it is a DataError naming the file and the sentence.
#include "vindex/eval/SceneGraphParser.h"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace vindex::eval {

class StoredSceneGraphs : public SceneGraphParser {
public:
    // FormatError naming the file when it is not a JSON object of strings.
    static std::shared_ptr<const StoredSceneGraphs> load(const std::string &path,
                                                         std::shared_ptr<const SceneGraphParser> fallback = nullptr);

    std::vector<std::string> parse(const std::vector<std::string> &sentences) const override;
    std::string source() const override;
    std::size_t size() const { return m_graphs.size(); }

private:
    std::string m_path;
    std::unordered_map<std::string, std::string> m_graphs;
    std::shared_ptr<const SceneGraphParser> m_fallback;
};

} // namespace vindex::eval
