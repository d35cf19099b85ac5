#pragma once
// The C library's Unicode character tables (LC_CTYPE of a UTF-8 locale) for the text paths that classify or
// lower-case characters beyond ASCII (the PTB tokenizer's Java predicates, CLIP's tokenizer), whatever the process
// locale is.
#include <locale.h>

namespace vindex {

// C.UTF-8 (or en_US.UTF-8), made once; nullptr when none is installed (callers then classify ASCII only).
locale_t unicodeLocale();

} // namespace vindex
