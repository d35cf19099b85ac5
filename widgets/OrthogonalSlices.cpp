#include "OrthogonalSlices.h"

#include <QHBoxLayout>

namespace vindex::widgets {

OrthogonalSlices::OrthogonalSlices(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("orthogonalSlices"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    for (int axis : {2, 1, 0}) { // axial, coronal, sagittal: the order of most viewers
        m_views[axis] = new SliceView(axis, this);
        layout->addWidget(m_views[axis], 1);
        connect(m_views[axis], &SliceView::cursorRequested, this, &OrthogonalSlices::cursorRequested);
        connect(m_views[axis], &SliceView::voxelHovered, this, &OrthogonalSlices::voxelHovered);
        connect(m_views[axis], &SliceView::hoverLeft, this, &OrthogonalSlices::hoverLeft);
    }
}

void OrthogonalSlices::setVolume(std::shared_ptr<const VolumeData> volume)
{
    for (SliceView *view : m_views)
        view->setVolume(volume);
}

void OrthogonalSlices::setWindow(double low, double high)
{
    for (SliceView *view : m_views)
        view->setWindow(low, high);
}

void OrthogonalSlices::setOverlay(std::shared_ptr<const VoxelOverlay> overlay)
{
    for (SliceView *view : m_views)
        view->setOverlay(overlay);
}

void OrthogonalSlices::setOverlayStyle(const OverlayStyle &style)
{
    for (SliceView *view : m_views)
        view->setOverlayStyle(style);
}

void OrthogonalSlices::setCursor(const std::array<int, 3> &voxel)
{
    for (SliceView *view : m_views)
        view->setCursor(voxel);
}

} // namespace vindex::widgets
