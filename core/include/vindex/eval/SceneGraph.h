#pragma once
// A scene graph as the FACTUAL package (FactualSceneGraph 0.7.3, factual_scene_graph.parser.SceneGraphParser with
// parse(..., return_text=False)) reads its parser's text, e.g. "( man , is , young ) , ( man , ride , horse )".
//
// fromParserText() first formats the text as the package does after decoding: "Generate Scene Graph:" removed and
// stripped, symbols spaced out (space_out_symbols_in_graph), then clean_graph_string: split on ") ,", a truncated last
// fact dropped (or, for a single fact, cut at its first comma), each fact stripped of spaces and parentheses, empty
// ones dropped, duplicates removed, sorted, rejoined as "( a , b , c ) , ...". Then graph_string_to_object:
//  - facts are split on ") ,", each stripped of spaces and every leading/trailing '(' / ')', split on ',' and trimmed;
//  - a fact with other than three parts is skipped, unless it is the only fact: then its first part is an entity
//    (an empty text therefore gives one entity with an empty head, as the package does);
//  - ( s , is , o ): o made only of digits is s's quantity, otherwise an attribute of s (a set per entity);
//  - ( s , r , o ) otherwise: a relation, s and o entities.
// Entities are numbered in order of first appearance (in the sorted facts). Operations are ASCII: Python's
// whitespace stripping and str.isdigit() also accept other Unicode spaces and digits, which the parser's
// vocabulary does not produce.
#include <string>
#include <vector>

namespace vindex::eval {

struct SceneGraphEntity {
    std::string head;
    std::string quantity;                // "" when none was given
    std::vector<std::string> attributes; // unique, in order of appearance
};

struct SceneGraphRelation {
    std::size_t subject = 0, object = 0; // entity indices
    std::string relation;
};

struct SceneGraph {
    std::vector<SceneGraphEntity> entities;
    std::vector<SceneGraphRelation> relations;

    // The parser's decoded text → graph, as described above.
    static SceneGraph fromParserText(const std::string &text);
    // The package's formatting steps alone (space_out_symbols_in_graph then clean_graph_string).
    static std::string formatParserText(const std::string &text);
};

} // namespace vindex::eval
