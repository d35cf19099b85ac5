#pragma once
// METEOR 1.5's `-norm` for English (what pycocoevalcap's call `-l en -norm` applies to every hypothesis and
// reference before matching), written from its documented behaviour:
//  - characters other than letters, digits, whitespace and . ' ` , - ‘ ’ become tokens of their own;
//  - runs of two or more dots become one token;
//  - commas are split off except between two digits;
//  - ` ‘ ’ become ', and “ ” '' become ";  – and -- become -;
//  - a hyphen between two letters or digits (or a dot and a letter or digit) becomes a space;
//  - apostrophes: English contractions are split to the right ("don't" → "don 't", "dog 's" → "dog ' s",
//    "1990's" → "1990 's"), a free-standing apostrophe becomes a token;
//  - a word's final dot is split off unless the word is an abbreviation: dotted initials lose their dots
//    ("u.s." → "us"), listed prefixes keep theirs ("Dr.", "vs." — Moses' English non-breaking prefixes), and so does
//    any word followed by a lower-case word; "No.", "Art.", "pp." keep theirs before a number;
//  - whitespace (incl. U+00A0, U+2000–U+200A, U+202F, U+205F, U+3000) collapses to single spaces, ends trimmed.
// Letters here are ASCII, Latin-1/Latin Extended-A and Cyrillic (METEOR's own ranges); digits are ASCII. Operates on
// code points (a UTF-16 surrogate pair is one character, as in Java's regular expressions). Lower-casing is a separate
// step (METEOR lower-cases after normalizing).
#include <string>

namespace vindex::eval {

class MeteorNormalizer {
public:
    static std::u32string normalize(const std::u32string &line);
    static std::string normalize(const std::string &utf8Line);
};

} // namespace vindex::eval
