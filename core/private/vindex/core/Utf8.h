#pragma once
// UTF-8 for the text paths of the engine (caption metrics, tokenizers): one decoder and one encoder, strict as Unicode
// table 3-7 is (no overlong forms, no surrogates, nothing above U+10FFFF). Each ill-formed byte decodes to U+FFFD on
// its own and the decoder moves on by that one byte, as SentencePiece's byte-fallback decoder does.
#include <cstddef>
#include <string>
#include <string_view>

namespace vindex::utf8 {

inline constexpr char32_t kReplacement = 0xFFFD;

// Length (1..4) of the well-formed sequence at text[i], 0 when the bytes there are ill-formed.
std::size_t sequenceLength(std::string_view text, std::size_t i);
// The code point at text[i]; advances i past it (by one byte, yielding kReplacement, when ill-formed).
char32_t next(std::string_view text, std::size_t &i);
std::u32string decode(std::string_view text);

// Appends the encoding of cp (a surrogate or a value above U+10FFFF is encoded as kReplacement).
void append(std::string &out, char32_t cp);
std::string encode(std::u32string_view text);

// text with every ill-formed byte replaced by the encoding of U+FFFD (well-formed text comes back unchanged).
std::string repair(std::string_view text);

} // namespace vindex::utf8
