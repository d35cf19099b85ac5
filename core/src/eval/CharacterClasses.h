#pragma once
// Java's character predicates for UTF-16 code units, as the PTB tokenizer (a Java program) sees characters:
// Character.isLetter / isDigit / isUpperCase and lower-casing. Outside ASCII they come from the C library's
// C.UTF-8 tables, which agree with Java's on the scripts captions are written in. Private to core/eval.
#include <string>

namespace vindex::eval::chars {

bool isLetter(char16_t c);
bool isDigit(char16_t c); // Unicode decimal digits (Nd) of the common scripts
bool isUppercase(char16_t c);

// String.toLowerCase(Locale.ENGLISH), one code unit at a time (surrogates unchanged).
std::u16string toLower(const std::u16string &text);

// UTF-8 ↔ UTF-16 as Java's decoder and encoder do it: malformed bytes become U+FFFD; unpaired surrogates are written
// as '?' (Java's encoder replacement).
std::u16string utf8ToUtf16(const std::string &text);
std::string utf16ToUtf8(const std::u16string &text);

} // namespace vindex::eval::chars
