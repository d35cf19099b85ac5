#pragma once
// What CAPTURE needs of a scene-graph parser: for each sentence, the text the FACTUAL parser
// (lizhuang144/flan-t5-base-VG-factual-sg, a Flan-T5 seq2seq model) generates for it, e.g.
// "( man , is , young ) , ( man , ride , horse )". The evaluation layer knows no model;
// models::loadSceneGraphParser (models/SceneGraphParsing.h) gives one backed by a T5 folder with beam search,
// tests may give any other (e.g. one that replays graphs parsed elsewhere).
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace vindex::eval {

class SceneGraphParser {
public:
    virtual ~SceneGraphParser() = default;
    // The parser's raw output text for each sentence, in order.
    virtual std::vector<std::string> parse(const std::vector<std::string> &sentences) const = 0;
    // parse() of each description's sentences; a parser may batch across descriptions (CPU/GPU efficiency).
    virtual std::vector<std::vector<std::string>>
    parseDescriptions(const std::vector<std::vector<std::string>> &descriptions) const
    {
        std::vector<std::vector<std::string>> graphs;
        for (const auto &sentences : descriptions)
            graphs.push_back(parse(sentences));
        return graphs;
    }
    // The folder (or a name) it was loaded from, for manifests and reports.
    virtual std::string source() const = 0;
};

// Loads a scene-graph parser folder on a device ("cpu", "cuda[:N]"); errors name the file.
using SceneGraphParserLoader =
    std::function<std::shared_ptr<const SceneGraphParser>(const std::string &folder, const std::string &device)>;

} // namespace vindex::eval
