#pragma once
// Prompt templates of the reference chat models (LLaVA conversation.py): a system message, roles, separators.
#include <string>

namespace vindex::models {

class ConversationTemplate {
public:
    // llava_v1 (LLaVA-1.5 default; the system speaks of a "human"), vicuna_v1 (the same with "user"; Shikra's
    // vicuna_v1.1 is identical), umbrae_shikra (vicuna_v1 joined as UMBRAE's captioning does: "USER:" with no
    // space), llava_hf (the llava-hf processor's "USER: ... ASSISTANT:" without a system message).
    // Throws Error for other names.
    static ConversationTemplate byName(const std::string &name);

    // One user turn and an open assistant turn: "{system} USER: {message} ASSISTANT:" (per the template).
    std::string singleTurn(const std::string &message) const;
    const std::string &name() const { return m_name; }
    const std::string &system() const { return m_system; }

private:
    std::string m_name, m_system;
    std::string m_userPrefix = " USER: "; // between the system message and the user's
};

} // namespace vindex::models
