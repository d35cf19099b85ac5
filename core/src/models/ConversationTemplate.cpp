#include "vindex/models/ConversationTemplate.h"

#include "vindex/core/Error.h"

namespace vindex::models {

ConversationTemplate ConversationTemplate::byName(const std::string &name)
{
    auto system = [](const char *who) {
        return std::string("A chat between a curious ") + who +
               " and an artificial intelligence assistant. The assistant gives helpful, detailed, and polite "
               "answers to the " +
               who + "'s questions.";
    };
    ConversationTemplate t;
    t.m_name = name;
    if (name == "llava_v1")
        t.m_system = system("human");
    else if (name == "vicuna_v1" || name == "vicuna_v1.1")
        t.m_system = system("user");
    else if (name == "umbrae_shikra") {
        t.m_system = system("user");
        t.m_userPrefix = " USER:";
    } else if (name == "llava_hf")
        t.m_userPrefix = "USER: ";
    else
        throw Error("conversation template '" + name +
                    "' is unknown (known: llava_v1, vicuna_v1, vicuna_v1.1, umbrae_shikra, llava_hf)");
    return t;
}

std::string ConversationTemplate::singleTurn(const std::string &message) const
{
    // Separator style TWO: sep " " after the system and user turns; an empty assistant turn ends in "ASSISTANT:".
    return m_system + m_userPrefix + message + " ASSISTANT:";
}

} // namespace vindex::models
