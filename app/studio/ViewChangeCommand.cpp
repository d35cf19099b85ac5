#include "ViewChangeCommand.h"

namespace vindex::studio {

ViewChangeCommand::ViewChangeCommand(const QString &text, int mergeId, bool mergeable, std::function<void()> undo,
                                     std::function<void()> redo)
    : QUndoCommand(text), m_mergeId(mergeId), m_mergeable(mergeable), m_undo(std::move(undo)), m_redo(std::move(redo))
{
}

bool ViewChangeCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = dynamic_cast<const ViewChangeCommand *>(other);
    if (!next || next->m_mergeId != m_mergeId || !next->m_mergeable)
        return false;
    m_redo = next->m_redo; // undo still goes back to the state before the first of the merged changes
    return true;
}

} // namespace vindex::studio
