#pragma once
// Facts about the volume in a VolumeView (file, dimensions, voxel size, value range) and controls for it:
// the position of the three slices and the grey window.
#include <QWidget>

#include <array>

class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;

namespace vindex::widgets {

class VolumeView;

class VolumePanel : public QWidget {
    Q_OBJECT

public:
    explicit VolumePanel(QWidget *parent = nullptr);

    // Follows and controls this view (not owned); nullptr detaches.
    void setView(VolumeView *view);
    VolumeView *view() const { return m_view; }

    QSlider *sliceSlider(int axis) const { return m_sliders[axis]; }

private:
    void refresh();
    void updateSlice(int axis, int index);
    void updateWindow(double low, double high);

    VolumeView *m_view = nullptr;
    QLabel *m_fileLabel = nullptr;
    QLabel *m_dimensionsLabel = nullptr;
    QLabel *m_spacingLabel = nullptr;
    QLabel *m_rangeLabel = nullptr;
    std::array<QSlider *, 3> m_sliders{};
    std::array<QSpinBox *, 3> m_spinBoxes{};
    QDoubleSpinBox *m_windowLow = nullptr;
    QDoubleSpinBox *m_windowHigh = nullptr;
    QPushButton *m_resetViewButton = nullptr;
    QPushButton *m_resetWindowButton = nullptr;
    QList<QMetaObject::Connection> m_viewConnections;
};

} // namespace vindex::widgets
