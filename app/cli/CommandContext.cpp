#include "CommandContext.h"

#include <iostream>

void CommandContext::emit(const nlohmann::ordered_json &document, const std::string &text) const
{
    if (json)
        std::cout << document.dump(2) << '\n';
    else
        std::cout << text;
    std::cout.flush();
}
