#include "vindex/eval/StoredSceneGraphs.h"

#include "vindex/core/Error.h"
#include "vindex/io/JsonFile.h"

namespace vindex::eval {

std::shared_ptr<const StoredSceneGraphs> StoredSceneGraphs::load(const std::string &path,
                                                                 std::shared_ptr<const SceneGraphParser> fallback)
{
    const nlohmann::json document = io::readJsonFile(path);
    if (!document.is_object())
        throw FormatError(path, "expected scene graphs as a JSON object {\"sentence\": \"graph\", ...}, found " +
                                    std::string(document.type_name()));
    auto graphs = std::make_shared<StoredSceneGraphs>();
    graphs->m_path = path;
    graphs->m_fallback = std::move(fallback);
    for (const auto &[sentence, graph] : document.items()) {
        if (!graph.is_string())
            throw FormatError(path, "the graph of \"" + sentence + "\" is a " + graph.type_name() +
                                        ", expected the parser's text, e.g. \"( man , is , young )\"");
        graphs->m_graphs.emplace(sentence, graph.get<std::string>());
    }
    return graphs;
}

std::vector<std::string> StoredSceneGraphs::parse(const std::vector<std::string> &sentences) const
{
    std::vector<std::string> graphs(sentences.size());
    std::vector<std::string> missing;
    std::vector<std::size_t> missingAt;
    for (std::size_t i = 0; i < sentences.size(); ++i) {
        const auto found = m_graphs.find(sentences[i]);
        if (found != m_graphs.end()) {
            graphs[i] = found->second;
            continue;
        }
        if (!m_fallback)
            throw DataError(m_path + ": holds no scene graph for the sentence \"" + sentences[i] +
                            "\" (and no parser was given to parse it)");
        missing.push_back(sentences[i]);
        missingAt.push_back(i);
    }
    if (!missing.empty()) {
        std::vector<std::string> parsed = m_fallback->parse(missing);
        for (std::size_t j = 0; j < missing.size(); ++j)
            graphs[missingAt[j]] = std::move(parsed.at(j));
    }
    return graphs;
}

std::string StoredSceneGraphs::source() const
{
    return m_fallback ? m_path + " (else " + m_fallback->source() + ")" : m_path;
}

} // namespace vindex::eval
