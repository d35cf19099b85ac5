#pragma once
// One undoable change of what the window shows (threshold, colour map, range, repeat, cursor, selected trial): two
// functions that put the view into its state before and after the change. Commands with the same merge id merge
// while the newer one is "mergeable", so that dragging a slider or the cursor is one undo step, not hundreds.
#include <QUndoCommand>

#include <functional>

namespace vindex::studio {

class ViewChangeCommand : public QUndoCommand {
public:
    // mergeId -1: never merges. mergeable: whether this command may be folded into the previous one of its id.
    ViewChangeCommand(const QString &text, int mergeId, bool mergeable, std::function<void()> undo,
                      std::function<void()> redo);

    void undo() override { m_undo(); }
    void redo() override { m_redo(); }
    int id() const override { return m_mergeId; }
    bool mergeWith(const QUndoCommand *other) override;

private:
    int m_mergeId = -1;
    bool m_mergeable = false;
    std::function<void()> m_undo, m_redo;
};

} // namespace vindex::studio
