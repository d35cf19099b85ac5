#pragma once
// Text that comes from core (std::string, UTF-8) as Qt shows it.
#include <QString>

#include <string>

namespace vindex::studio {

inline QString fromStd(const std::string &text)
{
    return QString::fromStdString(text);
}

} // namespace vindex::studio
