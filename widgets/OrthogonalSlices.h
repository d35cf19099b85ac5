#pragma once
// The axial, coronal and sagittal SliceViews side by side, fed the same volume, overlay, style and cursor; their
// requests (cursor, hover) come out of this one widget.
#include "SliceView.h"

#include <QWidget>

#include <array>

namespace vindex::widgets {

class OrthogonalSlices : public QWidget {
    Q_OBJECT

public:
    explicit OrthogonalSlices(QWidget *parent = nullptr);

    // The view across a voxel axis: 0 sagittal, 1 coronal, 2 axial.
    SliceView *view(int axis) const { return m_views[axis]; }

    void setVolume(std::shared_ptr<const VolumeData> volume);
    void setWindow(double low, double high);
    void setOverlay(std::shared_ptr<const VoxelOverlay> overlay);
    void setOverlayStyle(const OverlayStyle &style);
    void setCursor(const std::array<int, 3> &voxel);

signals:
    void cursorRequested(int x, int y, int z, bool continuing);
    void voxelHovered(int x, int y, int z);
    void hoverLeft();

private:
    std::array<SliceView *, 3> m_views{};
};

} // namespace vindex::widgets
