#include "vindex/core/UnicodeLocale.h"

#include <initializer_list>

namespace vindex {

locale_t unicodeLocale()
{
    static const locale_t locale = [] {
        for (const char *name : {"C.UTF-8", "C.utf8", "en_US.UTF-8"})
            if (locale_t l = newlocale(LC_CTYPE_MASK, name, static_cast<locale_t>(nullptr)))
                return l;
        return static_cast<locale_t>(nullptr);
    }();
    return locale;
}

} // namespace vindex
