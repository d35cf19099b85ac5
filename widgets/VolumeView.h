#pragma once
// A 3D view of one volume: three orthogonal grey slices (sagittal, coronal, axial) through the volume in
// scanner space, each framed in its own colour, inside the outline of the whole volume, with an R/A/S
// orientation marker. The mouse rotates (left), pans (middle / shift+left) and zooms (right / wheel).
// An overlay on the same grid (a subject's ROI coloured by a trial's betas) can be laid over the slices, coloured by
// an OverlayStyle (colour map, range, threshold, fading) with a colour bar. The point where the three slices meet is
// the cursor, drawn as three lines through the volume.
#include "OverlayStyle.h"
#include "VolumeData.h"
#include "VoxelOverlay.h"
#include "VtkOpenGLView.h"

#include <QJsonObject>

#include <array>
#include <memory>
#include <optional>

class vtkActor;
class vtkImageActor;
class vtkImageData;
class vtkImageStack;
class vtkLineSource;
class vtkLookupTable;
class vtkOrientationMarkerWidget;
class vtkOutlineSource;
class QLabel;

namespace vindex::widgets {

class ColorBar;

class VolumeView : public VtkOpenGLView {
    Q_OBJECT

public:
    enum Axis { Sagittal = 0, Coronal = 1, Axial = 2 };

    explicit VolumeView(QWidget *parent = nullptr);
    ~VolumeView() override;

    // Shows a volume (replacing the current one), with slices through its centre and the camera reset.
    void setVolume(std::shared_ptr<const VolumeData> volume);
    // Reads and shows the first volume of a NIfTI file; throws vindex::Error when it cannot be read.
    void openFile(const QString &path);
    void clear();

    bool hasVolume() const { return m_volume != nullptr; }
    std::shared_ptr<const VolumeData> volume() const { return m_volume; }

    int sliceIndex(Axis axis) const { return m_sliceIndex[axis]; }
    void setSliceIndex(Axis axis, int index);
    // The voxel where the three slices meet.
    std::array<int, 3> cursor() const { return m_sliceIndex; }
    void setCursor(const std::array<int, 3> &voxel);

    double windowLow() const { return m_windowLow; }
    double windowHigh() const { return m_windowHigh; }
    // Grey window: values <= low are black, >= high white.
    void setWindow(double low, double high);

    // Colours the overlay's voxels on the slices by the overlay style and shows a colour bar titled with the
    // overlay's label. The overlay must be on the volume's grid: false (and no overlay) without a volume or when the
    // dimensions differ.
    bool setOverlay(std::shared_ptr<const VoxelOverlay> overlay);
    void clearOverlay();
    std::shared_ptr<const VoxelOverlay> overlay() const { return m_overlay; }
    void setOverlayStyle(const OverlayStyle &style);
    const OverlayStyle &overlayStyle() const { return m_overlayStyle; }
    // The RGBA the overlay layer shows for a grid voxel (alpha 0 where there is no overlay value).
    std::array<uint8_t, 4> overlayColor(int x, int y, int z) const;
    ColorBar *colorBar() const { return m_colorBar; }

    // The voxel of the three slices under a point of the view (widget coordinates) — on the slice nearest to the
    // camera — or none where no slice is drawn. Hovering announces it (voxelHovered / hoverLeft).
    std::optional<std::array<int, 3>> voxelAt(const QPointF &point) const;

    // Looks at the volume from the right, front and above, the whole volume in view.
    void resetCamera();

    // What a session file keeps of this view (camera, slices, grey window), and bringing it back. Views that add
    // settings (thresholds, colour maps) add their keys here; unknown or missing keys are left as they are.
    QJsonObject sessionState() const;
    void restoreSessionState(const QJsonObject &state);

    // A hint shown over the view while no volume is open (e.g. how to open one).
    void setPlaceholderText(const QString &text);
    QString placeholderText() const;

signals:
    void volumeChanged();
    void sliceIndexChanged(int axis, int index);
    void windowChanged(double low, double high);
    void overlayChanged();
    void voxelHovered(int x, int y, int z);
    void hoverLeft();

protected:
    void resizeEvent(QResizeEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;

private:
    void updateSliceGeometry(Axis axis);
    void updatePlaceholder();
    void placeColorBar();
    void updateOverlayColors();
    void updateColorBar();
    void updateCursorLines();

    std::shared_ptr<const VolumeData> m_volume;
    vtkSmartPointer<vtkImageData> m_image;
    std::array<vtkSmartPointer<vtkImageActor>, 3> m_slices;
    // Per axis: the grey slice (layer 0) and the overlay slice (layer 1), drawn in that order without z-fighting.
    std::array<vtkSmartPointer<vtkImageStack>, 3> m_stacks;
    std::array<vtkSmartPointer<vtkImageActor>, 3> m_overlaySlices;
    // The overlay layer holds each ROI voxel's index (NaN elsewhere) and a lookup table its colour, entry i the
    // OverlayStyle::rgba of ROI voxel i: exact colours per voxel, and a new trial or style rewrites the table only.
    vtkSmartPointer<vtkImageData> m_overlayImage;
    vtkSmartPointer<vtkLookupTable> m_overlayColors;
    std::shared_ptr<const RoiGrid> m_overlayGrid; // the ROI m_overlayImage indexes
    std::shared_ptr<const VoxelOverlay> m_overlay;
    OverlayStyle m_overlayStyle;
    std::array<vtkSmartPointer<vtkLineSource>, 3> m_cursorSources;
    std::array<vtkSmartPointer<vtkActor>, 3> m_cursorLines;
    ColorBar *m_colorBar = nullptr;
    std::array<vtkSmartPointer<vtkOutlineSource>, 3> m_sliceFrameSources;
    std::array<vtkSmartPointer<vtkActor>, 3> m_sliceFrames;
    vtkSmartPointer<vtkOutlineSource> m_outlineSource;
    vtkSmartPointer<vtkActor> m_outline;
    vtkSmartPointer<vtkOrientationMarkerWidget> m_marker;
    QLabel *m_placeholder = nullptr;
    std::array<int, 3> m_sliceIndex{0, 0, 0};
    double m_windowLow = 0, m_windowHigh = 1;
};

} // namespace vindex::widgets
