#include "StudioResources.h"

#include <QtGlobal>

// Q_INIT_RESOURCE declares a function in the global namespace, so it must be used outside of any namespace.
static void initializeVindexResources()
{
    Q_INIT_RESOURCE(vindex);
}

namespace vindex::studio {

void StudioResources::initialize()
{
    static const bool initialized = [] {
        initializeVindexResources();
        return true;
    }();
    Q_UNUSED(initialized);
}

} // namespace vindex::studio
