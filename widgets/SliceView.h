#pragma once
// One orthogonal slice of a volume (sagittal, coronal or axial) with an overlay, drawn with Qt from a QImage of one
// pixel per voxel — fast, and the same colours as the 3D view because both take OverlayStyle::rgba. A cross marks
// the cursor (its lines in the colours of the other two slices); a click or drag moves the cursor there, Up/Down
// and Page Up/Page Down step the slice, and hovering a voxel announces it.
#include "OverlayStyle.h"
#include "VolumeData.h"
#include "VoxelOverlay.h"

#include <QImage>
#include <QWidget>

#include <array>
#include <memory>
#include <optional>

namespace vindex::widgets {

class SliceView : public QWidget {
    Q_OBJECT

public:
    // axis: the voxel axis across the slice, 0 sagittal (x), 1 coronal (y), 2 axial (z).
    explicit SliceView(int axis, QWidget *parent = nullptr);

    int axis() const { return m_axis; }
    // The voxel axes drawn left → right and bottom → top.
    int horizontalAxis() const { return m_axis == 0 ? 1 : 0; }
    int verticalAxis() const { return m_axis == 2 ? 1 : 2; }

    void setVolume(std::shared_ptr<const VolumeData> volume);
    std::shared_ptr<const VolumeData> volume() const { return m_volume; }
    void setWindow(double low, double high);
    // Null removes the overlay. It must be on the volume's grid; otherwise it is not shown.
    void setOverlay(std::shared_ptr<const VoxelOverlay> overlay);
    void setOverlayStyle(const OverlayStyle &style);

    void setCursor(const std::array<int, 3> &voxel);
    const std::array<int, 3> &cursor() const { return m_cursor; }
    int sliceIndex() const { return m_cursor[m_axis]; }

    // The slice as composed (one pixel per voxel, before scaling; row 0 is the top), where it is drawn in the widget,
    // the centre of a voxel's square there, and the voxel under a point (none outside the slice).
    const QImage &sliceImage() const { return m_image; }
    QRectF imageRect() const;
    QPointF pointOf(const std::array<int, 3> &voxel) const;
    std::optional<std::array<int, 3>> voxelAt(const QPointF &point) const;

    QSize sizeHint() const override { return {220, 200}; }
    QSize minimumSizeHint() const override { return {80, 80}; }

signals:
    // The user asks for the cursor at this voxel; continuing: part of a drag or of key steps that began earlier.
    void cursorRequested(int x, int y, int z, bool continuing);
    void voxelHovered(int x, int y, int z);
    void hoverLeft();

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    void rebuildImage();
    QString orientationLetter(int voxelAxis, bool positive) const;

    int m_axis = 2;
    std::shared_ptr<const VolumeData> m_volume;
    std::shared_ptr<const VoxelOverlay> m_overlay;
    OverlayStyle m_style;
    double m_windowLow = 0, m_windowHigh = 1;
    std::array<int, 3> m_cursor{0, 0, 0};
    QImage m_image;
    std::optional<std::array<int, 3>> m_lastDragVoxel;
};

} // namespace vindex::widgets
