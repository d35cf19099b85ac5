#include "vindex/core/Progress.h"

#include "vindex/core/Error.h"

namespace vindex {

void Progress::report(double fraction, const std::string &message) const
{
    checkCancelled();
    if (m_callback)
        m_callback(fraction, message);
}

void Progress::checkCancelled() const
{
    if (isCancelled())
        throw Cancelled();
}

} // namespace vindex
