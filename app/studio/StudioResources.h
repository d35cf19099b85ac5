#pragma once
// Registers the resources compiled from resources/vindex.qrc (the application icon).
// They live in a static library, where the linker would drop their self-registering object file because no
// code refers to it; initialize() refers to it. Safe to call more than once.
namespace vindex::studio {

class StudioResources {
public:
    static void initialize();
};

} // namespace vindex::studio
