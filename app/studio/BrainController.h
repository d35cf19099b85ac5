#pragma once
// The brain views of the window working as one: the 3D view, the three slice views and the Brain panel show the same
// underlay, the same betas (the trial's mean or one repeat), the same OverlayStyle and one cursor. Every edit —
// style, repeat, cursor from a click, a key or the Volume panel's sliders — goes through the undo stack; consecutive
// edits of one control merge into one step. The colour map, threshold mode and fading are kept in the settings.
#include "OverlayStyle.h"
#include "VolumeData.h"
#include "VoxelOverlay.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <array>
#include <memory>

class QUndoStack;

namespace vindex::widgets {
class BrainPanel;
class OrthogonalSlices;
class VolumeView;
} // namespace vindex::widgets

namespace vindex::studio {

class BrainController : public QObject {
    Q_OBJECT

public:
    BrainController(widgets::VolumeView *view, widgets::OrthogonalSlices *slices, widgets::BrainPanel *panel,
                    QUndoStack *undoStack, QObject *parent = nullptr);

    // The subject's brain, replacing the one shown, with the cursor at centre; null clears the views.
    void setUnderlay(std::shared_ptr<const widgets::VolumeData> underlay, const std::array<int, 3> &centre);
    // A trial's betas: their mean and each repeat's. The chosen repeat stays when the trial has it, else the mean.
    void showBetas(std::shared_ptr<const widgets::VoxelOverlay> mean,
                   QList<std::shared_ptr<const widgets::VoxelOverlay>> repeats);
    void clearBetas();

    const widgets::OverlayStyle &overlayStyle() const { return m_style; }
    // 0: the mean of the repeats; 1..n: that repeat.
    int repeat() const { return m_repeat; }
    const std::array<int, 3> &cursor() const { return m_cursor; }
    // The overlay the views show (the chosen repeat's or the mean), or null.
    std::shared_ptr<const widgets::VoxelOverlay> shownOverlay() const;

    // Edits, recorded on the undo stack. mergeId >= 0: merges with the previous edit of the same id.
    void changeStyle(const widgets::OverlayStyle &style, int mergeId = -1);
    void chooseRepeat(int repeat);
    void moveCursor(const std::array<int, 3> &voxel, bool continuing = false);

    // What is known about a voxel: ROI index, voxel and scanner coordinates, value of the betas shown.
    QString describeVoxel(const std::array<int, 3> &voxel) const;
    // The read-out of the voxel under the mouse in a slice view (empty when the mouse is elsewhere).
    const QString &hoverText() const { return m_hoverText; }

    // A session file keeps the overlay style and the repeat shown in the brain view's object (next to VolumeView's
    // camera, slices and window); restoring applies what it finds and starts a fresh undo history.
    void addSessionState(QJsonObject &brainView) const;
    void restoreSessionState(const QJsonObject &brainView);

    // Whether style edits are written to the settings (not in scripted runs).
    void setPersistent(bool persistent) { m_persistent = persistent; }

signals:
    void hoverTextChanged(const QString &text);

private:
    void applyStyle(const widgets::OverlayStyle &style);
    void applyRepeat(int repeat);
    void applyCursor(const std::array<int, 3> &voxel);
    void onViewCursorChanged();
    void showOverlay();
    void updateCursorText();
    void setHoverText(const QString &text);
    widgets::OverlayStyle fitted(widgets::OverlayStyle style) const;

    widgets::VolumeView *m_view;
    widgets::OrthogonalSlices *m_slices;
    widgets::BrainPanel *m_panel;
    QUndoStack *m_undoStack;
    std::shared_ptr<const widgets::VolumeData> m_underlay;
    std::shared_ptr<const widgets::VoxelOverlay> m_mean;
    QList<std::shared_ptr<const widgets::VoxelOverlay>> m_repeats;
    widgets::OverlayStyle m_style;
    int m_repeat = 0;
    std::array<int, 3> m_cursor{0, 0, 0};
    QString m_hoverText;
    bool m_applying = false; // the views change because of us: not a user's edit to record
    bool m_persistent = true;
};

} // namespace vindex::studio
