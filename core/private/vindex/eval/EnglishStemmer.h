#pragma once
// The Snowball English stemmer ("Porter2"), the one METEOR 1.5 runs in its stem stage (its English aligner wraps
// Snowball's `englishStemmer`, not the original Porter algorithm): the version with the exceptional forms (skis,
// dying, gently, news, ...), the R1 prefixes gener-/commun-/arsen- and the post-Step-1a invariants (inning,
// succeed, ...). Written from the published algorithm; characters are UTF-16 code units as in the Java stemmer,
// and only the lower-case ASCII vowels a e i o u y count as vowels.
#include <string>
#include <string_view>

namespace vindex::eval {

class EnglishStemmer {
public:
    // The stem of one (lower-case) word. Words shorter than three code units come back unchanged.
    static std::u16string stem(std::u16string word);
    static std::string stem(std::string_view utf8Word);
};

} // namespace vindex::eval
