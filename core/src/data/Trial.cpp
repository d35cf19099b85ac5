#include "vindex/data/Trial.h"

namespace vindex::data {

const char *splitName(Split split)
{
    switch (split) {
    case Split::Train: return "train";
    case Split::Val: return "val";
    case Split::Test: return "test";
    }
    return "?";
}

} // namespace vindex::data
