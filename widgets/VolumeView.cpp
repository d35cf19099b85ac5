#include "VolumeView.h"

#include "ColorBar.h"

#include <vtkActor.h>
#include <vtkAxesActor.h>
#include <vtkCamera.h>
#include <vtkCaptionActor2D.h>
#include <vtkFloatArray.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkImageActor.h>
#include <vtkImageData.h>
#include <vtkImageMapper3D.h>
#include <vtkImageProperty.h>
#include <vtkImageStack.h>
#include <vtkLineSource.h>
#include <vtkLookupTable.h>
#include <vtkMatrix4x4.h>
#include <vtkOrientationMarkerWidget.h>
#include <vtkOutlineSource.h>
#include <vtkPointData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkTextProperty.h>

#include <QJsonArray>
#include <QLabel>
#include <QMouseEvent>
#include <QResizeEvent>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace vindex::widgets {
namespace {

// Frame colours of the sagittal, coronal and axial slices (the usual red / green / blue of viewers).
constexpr double kSliceColors[3][3] = {{0.90, 0.30, 0.25}, {0.35, 0.80, 0.35}, {0.30, 0.55, 0.95}};

vtkSmartPointer<vtkActor> makeLineActor(vtkOutlineSource *source, const double color[3], double width)
{
    auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
    mapper->SetInputConnection(source->GetOutputPort());
    auto actor = vtkSmartPointer<vtkActor>::New();
    actor->SetMapper(mapper);
    actor->GetProperty()->SetColor(color[0], color[1], color[2]);
    actor->GetProperty()->SetLineWidth(width);
    actor->GetProperty()->LightingOff();
    actor->PickableOff();
    return actor;
}

} // namespace

VolumeView::VolumeView(QWidget *parent) : VtkOpenGLView(parent)
{
    setObjectName(QStringLiteral("volumeView"));
    vtkRenderer *ren = renderer();
    ren->GradientBackgroundOn();
    ren->SetBackground(0.05, 0.06, 0.08);
    ren->SetBackground2(0.20, 0.23, 0.29);

    // The orientation marker lives in its own small viewport in the lower left corner.
    auto axes = vtkSmartPointer<vtkAxesActor>::New();
    axes->SetXAxisLabelText("R");
    axes->SetYAxisLabelText("A");
    axes->SetZAxisLabelText("S");
    axes->SetShaftTypeToCylinder();
    axes->SetTotalLength(1.2, 1.2, 1.2);
    for (vtkCaptionActor2D *caption :
         {axes->GetXAxisCaptionActor2D(), axes->GetYAxisCaptionActor2D(), axes->GetZAxisCaptionActor2D()}) {
        caption->GetCaptionTextProperty()->SetFontSize(16);
        caption->GetCaptionTextProperty()->BoldOn();
        caption->GetCaptionTextProperty()->ItalicOff();
        caption->GetCaptionTextProperty()->ShadowOff();
    }
    m_marker = vtkSmartPointer<vtkOrientationMarkerWidget>::New();
    m_marker->SetOrientationMarker(axes);
    m_marker->SetDefaultRenderer(ren);
    m_marker->SetInteractor(interactor());
    m_marker->SetViewport(0.0, 0.0, 0.2, 0.28);
    m_marker->SetEnabled(1);
    m_marker->InteractiveOff();

    // A Qt label over the GL view: it can show any script (VTK's own fonts have no CJK glyphs).
    m_placeholder = new QLabel(this);
    m_placeholder->setObjectName(QStringLiteral("placeholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setAttribute(Qt::WA_TransparentForMouseEvents); // rotating works through it
    m_placeholder->setStyleSheet(QStringLiteral("QLabel { color: #d8e2ee; background: rgba(10, 14, 20, 150);"
                                                " border-radius: 8px; padding: 14px 20px; font-size: 11pt; }"));
    m_placeholder->setText(tr("No volume open"));

    m_colorBar = new ColorBar(this);
    m_colorBar->hide();

    resetCamera();
    updatePlaceholder();
}

VolumeView::~VolumeView()
{
    // The marker observes the interactor; detach it before the interactor goes away with the base class.
    m_marker->SetEnabled(0);
    m_marker->SetInteractor(nullptr);
}

void VolumeView::openFile(const QString &path)
{
    setVolume(std::make_shared<const VolumeData>(VolumeData::fromNifti(path)));
}

void VolumeView::clear()
{
    vtkRenderer *ren = renderer();
    for (auto &stack : m_stacks)
        if (stack)
            ren->RemoveViewProp(stack);
    m_stacks = {};
    m_overlaySlices = {};
    m_overlayImage = nullptr;
    m_overlayColors = nullptr;
    m_overlayGrid.reset();
    m_overlay.reset();
    m_colorBar->hide();
    for (auto &frame : m_sliceFrames)
        if (frame)
            ren->RemoveViewProp(frame);
    for (auto &line : m_cursorLines)
        if (line)
            ren->RemoveViewProp(line);
    m_cursorLines = {};
    m_cursorSources = {};
    if (m_outline)
        ren->RemoveViewProp(m_outline);
    m_slices = {};
    m_sliceFrames = {};
    m_sliceFrameSources = {};
    m_outline = nullptr;
    m_outlineSource = nullptr;
    m_image = nullptr;
    m_volume.reset();
    updatePlaceholder();
    requestRender();
    emit volumeChanged();
}

void VolumeView::setVolume(std::shared_ptr<const VolumeData> volume)
{
    if (!volume || volume->isEmpty()) {
        clear();
        return;
    }
    clear();
    m_volume = std::move(volume);
    const auto dims = m_volume->dimensions();

    // VTK's point order is x fastest, as NIfTI stores voxels: one copy, no reordering.
    m_image = vtkSmartPointer<vtkImageData>::New();
    m_image->SetDimensions(dims[0], dims[1], dims[2]);
    m_image->SetSpacing(1, 1, 1); // the voxel→world matrix below carries the voxel size
    m_image->SetOrigin(0, 0, 0);
    m_image->AllocateScalars(VTK_FLOAT, 1);
    auto *scalars = static_cast<float *>(m_image->GetScalarPointer());
    std::memcpy(scalars, m_volume->voxels().data(), m_volume->voxels().size() * sizeof(float));
    m_image->Modified();

    // Voxel indices → scanner millimetres (sform/qform), so that R, A and S point where the marker says.
    auto matrix = vtkSmartPointer<vtkMatrix4x4>::New();
    matrix->DeepCopy(m_volume->voxelToWorld().data());

    // Small volumes are shown as crisp blocks (each voxel visible); large ones smoothly.
    const bool small = *std::min_element(dims.begin(), dims.end()) < 48;
    vtkRenderer *ren = renderer();
    for (int axis = 0; axis < 3; ++axis) {
        auto slice = vtkSmartPointer<vtkImageActor>::New();
        slice->SetInputData(m_image);
        slice->SetUserMatrix(matrix);
        slice->GetProperty()->SetInterpolationType(small ? VTK_NEAREST_INTERPOLATION : VTK_LINEAR_INTERPOLATION);
        slice->ForceOpaqueOn();
        // Draw each voxel whole, out to the slice frame, instead of stopping at the outermost voxel centres.
        slice->GetMapper()->BorderOn();
        slice->GetProperty()->SetLayerNumber(0);
        m_slices[axis] = slice;
        m_stacks[axis] = vtkSmartPointer<vtkImageStack>::New();
        m_stacks[axis]->AddImage(slice);
        m_stacks[axis]->SetActiveLayer(0);
        ren->AddViewProp(m_stacks[axis]);

        m_sliceFrameSources[axis] = vtkSmartPointer<vtkOutlineSource>::New();
        m_sliceFrames[axis] = makeLineActor(m_sliceFrameSources[axis], kSliceColors[axis], 2.0);
        m_sliceFrames[axis]->SetUserMatrix(matrix);
        ren->AddViewProp(m_sliceFrames[axis]);
        m_sliceIndex[axis] = dims[axis] / 2;
        updateSliceGeometry(static_cast<Axis>(axis));
    }

    // The cursor: a line along each axis through the voxel where the slices meet.
    const double cursorColor[3] = {1.0, 0.88, 0.25};
    for (int axis = 0; axis < 3; ++axis) {
        m_cursorSources[axis] = vtkSmartPointer<vtkLineSource>::New();
        auto mapper = vtkSmartPointer<vtkPolyDataMapper>::New();
        mapper->SetInputConnection(m_cursorSources[axis]->GetOutputPort());
        m_cursorLines[axis] = vtkSmartPointer<vtkActor>::New();
        m_cursorLines[axis]->SetMapper(mapper);
        m_cursorLines[axis]->GetProperty()->SetColor(cursorColor[0], cursorColor[1], cursorColor[2]);
        m_cursorLines[axis]->GetProperty()->SetLineWidth(1.5);
        m_cursorLines[axis]->GetProperty()->LightingOff();
        m_cursorLines[axis]->PickableOff();
        m_cursorLines[axis]->SetUserMatrix(matrix);
        ren->AddViewProp(m_cursorLines[axis]);
    }
    updateCursorLines();

    // The outline of the whole volume: the voxel centres span [0, n-1]; the voxels' outer faces ±0.5 more.
    m_outlineSource = vtkSmartPointer<vtkOutlineSource>::New();
    m_outlineSource->SetBounds(-0.5, dims[0] - 0.5, -0.5, dims[1] - 0.5, -0.5, dims[2] - 0.5);
    const double outlineColor[3] = {0.85, 0.85, 0.80};
    m_outline = makeLineActor(m_outlineSource, outlineColor, 1.5);
    m_outline->SetUserMatrix(matrix);
    ren->AddViewProp(m_outline);

    setWindow(m_volume->displayLow(), m_volume->displayHigh());
    resetCamera();
    updatePlaceholder();
    emit volumeChanged();
    for (int axis = 0; axis < 3; ++axis)
        emit sliceIndexChanged(axis, m_sliceIndex[axis]);
}

void VolumeView::updateSliceGeometry(Axis axis)
{
    if (!m_volume)
        return;
    const auto dims = m_volume->dimensions();
    const int index = m_sliceIndex[axis];
    int extent[6] = {0, dims[0] - 1, 0, dims[1] - 1, 0, dims[2] - 1};
    extent[2 * axis] = extent[2 * axis + 1] = index;
    m_slices[axis]->SetDisplayExtent(extent);
    if (m_overlaySlices[axis])
        m_overlaySlices[axis]->SetDisplayExtent(extent);

    double bounds[6] = {-0.5, dims[0] - 0.5, -0.5, dims[1] - 0.5, -0.5, dims[2] - 0.5};
    bounds[2 * axis] = bounds[2 * axis + 1] = index;
    m_sliceFrameSources[axis]->SetBounds(bounds);
    updateCursorLines();
}

void VolumeView::updateCursorLines()
{
    if (!m_volume || !m_cursorSources[0])
        return;
    const auto dims = m_volume->dimensions();
    for (int axis = 0; axis < 3; ++axis) {
        double from[3] = {double(m_sliceIndex[0]), double(m_sliceIndex[1]), double(m_sliceIndex[2])};
        double to[3] = {from[0], from[1], from[2]};
        from[axis] = -0.5;
        to[axis] = dims[axis] - 0.5;
        m_cursorSources[axis]->SetPoint1(from);
        m_cursorSources[axis]->SetPoint2(to);
    }
}

void VolumeView::setSliceIndex(Axis axis, int index)
{
    if (!m_volume)
        return;
    index = std::clamp(index, 0, m_volume->dimensions()[axis] - 1);
    if (index == m_sliceIndex[axis])
        return;
    m_sliceIndex[axis] = index;
    updateSliceGeometry(axis);
    requestRender();
    emit sliceIndexChanged(axis, index);
}

void VolumeView::setCursor(const std::array<int, 3> &voxel)
{
    for (int axis = 0; axis < 3; ++axis)
        setSliceIndex(static_cast<Axis>(axis), voxel[axis]);
}

void VolumeView::setWindow(double low, double high)
{
    if (!(high > low))
        high = low + std::max(1e-6, std::abs(low) * 1e-6);
    m_windowLow = low;
    m_windowHigh = high;
    for (auto &slice : m_slices) {
        if (!slice)
            continue;
        slice->GetProperty()->SetColorWindow(high - low);
        slice->GetProperty()->SetColorLevel(0.5 * (high + low));
    }
    requestRender();
    emit windowChanged(low, high);
}

bool VolumeView::setOverlay(std::shared_ptr<const VoxelOverlay> overlay)
{
    if (!overlay || overlay->isEmpty() || !m_volume || overlay->dimensions() != m_volume->dimensions()) {
        clearOverlay();
        return false;
    }
    m_overlay = std::move(overlay);
    const auto dims = m_volume->dimensions();
    const bool create = !m_overlayImage;
    if (create) {
        m_overlayImage = vtkSmartPointer<vtkImageData>::New();
        m_overlayImage->SetDimensions(dims[0], dims[1], dims[2]);
        m_overlayImage->SetSpacing(1, 1, 1);
        m_overlayImage->SetOrigin(0, 0, 0);
        m_overlayImage->AllocateScalars(VTK_FLOAT, 1);
        m_overlayColors = vtkSmartPointer<vtkLookupTable>::New();
        m_overlayColors->SetNanColor(0, 0, 0, 0);
        m_overlayGrid.reset();
        for (int axis = 0; axis < 3; ++axis) {
            auto slice = vtkSmartPointer<vtkImageActor>::New();
            slice->SetInputData(m_overlayImage);
            slice->SetUserMatrix(m_slices[axis]->GetUserMatrix());
            slice->GetProperty()->SetLookupTable(m_overlayColors);
            slice->GetProperty()->UseLookupTableScalarRangeOn();
            slice->GetProperty()->SetInterpolationTypeToNearest(); // a voxel's colour, not a blend with the outside
            slice->GetProperty()->SetLayerNumber(1);
            slice->GetMapper()->BorderOn();
            m_overlaySlices[axis] = slice;
            m_stacks[axis]->AddImage(slice);
            updateSliceGeometry(static_cast<Axis>(axis));
        }
    }
    // Switching trials only recolours the ROI's voxels: the actors, stacks and textures stay.
    updateOverlayColors();
    for (auto &slice : m_overlaySlices)
        slice->VisibilityOn();
    updateColorBar();
    m_colorBar->show();
    placeColorBar();
    requestRender();
    emit overlayChanged();
    return true;
}

void VolumeView::setOverlayStyle(const OverlayStyle &style)
{
    m_overlayStyle = style;
    if (m_overlay) {
        updateOverlayColors();
        updateColorBar();
        requestRender();
    }
}

void VolumeView::updateOverlayColors()
{
    if (!m_overlayImage || !m_overlay)
        return;
    const RoiGrid &grid = *m_overlay->grid();
    const int64_t count = grid.voxelCount();
    if (m_overlayGrid != m_overlay->grid()) {
        // Another ROI: its voxels' indexes, and a table of one entry per voxel. Scalar i maps to entry i exactly:
        // the table spans [0, n − 1] in n entries, so i lands at i·n/(n − 1), below i + 1 for every i < n − 1.
        auto *indexes = static_cast<float *>(m_overlayImage->GetScalarPointer());
        const auto dims = m_volume->dimensions();
        std::fill(indexes, indexes + static_cast<std::size_t>(dims[0]) * dims[1] * dims[2],
                  std::numeric_limits<float>::quiet_NaN());
        for (int64_t i = 0; i < count; ++i)
            indexes[grid.gridOffset(i)] = static_cast<float>(i);
        m_overlayImage->Modified();
        const int64_t entries = std::max<int64_t>(count, 2);
        m_overlayColors->SetNumberOfTableValues(entries);
        m_overlayColors->SetTableRange(0, double(entries - 1));
        m_overlayGrid = m_overlay->grid();
    }
    const auto &values = m_overlay->roiValues();
    for (int64_t i = 0; i < count; ++i) {
        const auto rgba = m_overlayStyle.rgba(values[static_cast<std::size_t>(i)]);
        m_overlayColors->SetTableValue(i, rgba[0] / 255.0, rgba[1] / 255.0, rgba[2] / 255.0, rgba[3] / 255.0);
    }
    m_overlayColors->Modified();
}

void VolumeView::updateColorBar()
{
    if (!m_overlay)
        return;
    m_colorBar->setStyle(m_overlayStyle);
    m_colorBar->setTitle(m_overlayStyle.showsMagnitude() ? tr("%1, magnitude").arg(m_overlay->label())
                                                         : m_overlay->label());
    placeColorBar();
}

std::array<uint8_t, 4> VolumeView::overlayColor(int x, int y, int z) const
{
    if (!m_overlay || m_overlayGrid != m_overlay->grid())
        return {0, 0, 0, 0};
    const int64_t index = m_overlayGrid->indexAt(x, y, z);
    if (index < 0)
        return {0, 0, 0, 0};
    // What the lookup table holds for the voxel's entry (the bytes the slice mappers colour it with).
    const unsigned char *rgba = m_overlayColors->GetPointer(index);
    return {rgba[0], rgba[1], rgba[2], rgba[3]};
}

void VolumeView::clearOverlay()
{
    const bool had = m_overlay != nullptr;
    m_overlay.reset();
    for (auto &slice : m_overlaySlices)
        if (slice)
            slice->VisibilityOff();
    m_colorBar->hide();
    requestRender();
    if (had)
        emit overlayChanged();
}

void VolumeView::placeColorBar()
{
    const QSize hint = m_colorBar->sizeHint();
    const int height = std::clamp(this->height() * 45 / 100, 160, 340);
    m_colorBar->setGeometry(this->width() - hint.width() - 12, 12, hint.width(), std::min(height, this->height() - 24));
}

void VolumeView::resetCamera()
{
    vtkRenderer *ren = renderer();
    vtkCamera *camera = ren->GetActiveCamera();
    double bounds[6];
    ren->ComputeVisiblePropBounds(bounds);
    if (bounds[0] > bounds[1]) { // nothing to show: a unit box, so that the marker has the same orientation
        const double unit[6] = {-1, 1, -1, 1, -1, 1};
        std::copy(unit, unit + 6, bounds);
    }
    const double center[3] = {0.5 * (bounds[0] + bounds[1]), 0.5 * (bounds[2] + bounds[3]),
                              0.5 * (bounds[4] + bounds[5])};
    // From the right, in front and above (RAS: +x, +y, +z): R and A then point to opposite sides of the
    // screen, so the orientation marker reads clearly.
    camera->SetFocalPoint(center);
    camera->SetPosition(center[0] + 1.0, center[1] + 1.3, center[2] + 0.8);
    camera->SetViewUp(0, 0, 1);
    ren->ResetCamera(bounds); // fits the bounding sphere: the whole box stays in view at any aspect ratio
    ren->ResetCameraClippingRange();
    requestRender();
}

std::optional<std::array<int, 3>> VolumeView::voxelAt(const QPointF &point) const
{
    if (!m_volume || !renderWindow() || renderWindow()->GetSize()[1] <= 0)
        return std::nullopt;
    // The ray under the point, from the near to the far clipping plane, in voxel coordinates.
    vtkRenderer *ren = renderer();
    const double ratio = devicePixelRatioF();
    const double x = std::round(point.x() * ratio);
    const double y = renderWindow()->GetSize()[1] - std::round(point.y() * ratio) - 1; // VTK counts rows upwards
    auto toVoxel = vtkSmartPointer<vtkMatrix4x4>::New();
    toVoxel->DeepCopy(m_volume->voxelToWorld().data());
    toVoxel->Invert();
    std::array<std::array<double, 3>, 2> ends{};
    for (int end = 0; end < 2; ++end) {
        ren->SetDisplayPoint(x, y, end);
        ren->DisplayToWorld();
        double world[4];
        ren->GetWorldPoint(world);
        if (world[3] == 0)
            return std::nullopt;
        const double homogeneous[4] = {world[0] / world[3], world[1] / world[3], world[2] / world[3], 1.0};
        double voxel[4];
        toVoxel->MultiplyPoint(homogeneous, voxel);
        ends[end] = {voxel[0], voxel[1], voxel[2]};
    }
    // The first of the three slice planes the ray meets inside the volume.
    const auto dims = m_volume->dimensions();
    std::optional<std::array<int, 3>> nearest;
    double nearestT = 2;
    for (int axis = 0; axis < 3; ++axis) {
        const double direction = ends[1][axis] - ends[0][axis];
        if (std::abs(direction) < 1e-12)
            continue;
        const double t = (m_sliceIndex[axis] - ends[0][axis]) / direction;
        if (t < 0 || t > 1 || t >= nearestT)
            continue;
        std::array<int, 3> voxel{};
        bool inside = true;
        for (int other = 0; other < 3; ++other) {
            const double at = ends[0][other] + t * (ends[1][other] - ends[0][other]);
            voxel[other] = other == axis ? m_sliceIndex[axis] : static_cast<int>(std::lround(at));
            inside = inside && (other == axis || (at >= -0.5 && at <= dims[other] - 0.5));
        }
        if (!inside)
            continue;
        for (int other = 0; other < 3; ++other)
            voxel[other] = std::clamp(voxel[other], 0, dims[other] - 1);
        nearest = voxel;
        nearestT = t;
    }
    return nearest;
}

void VolumeView::mouseMoveEvent(QMouseEvent *event)
{
    VtkOpenGLView::mouseMoveEvent(event);
    if (event->buttons() != Qt::NoButton)
        return; // rotating, panning or zooming
    if (const auto voxel = voxelAt(event->position()))
        emit voxelHovered((*voxel)[0], (*voxel)[1], (*voxel)[2]);
    else
        emit hoverLeft();
}

void VolumeView::leaveEvent(QEvent *event)
{
    VtkOpenGLView::leaveEvent(event);
    emit hoverLeft();
}

void VolumeView::setPlaceholderText(const QString &text)
{
    m_placeholder->setText(text);
    updatePlaceholder();
}

QString VolumeView::placeholderText() const
{
    return m_placeholder->text();
}

void VolumeView::resizeEvent(QResizeEvent *event)
{
    VtkOpenGLView::resizeEvent(event);
    updatePlaceholder();
    placeColorBar();
}

void VolumeView::updatePlaceholder()
{
    m_placeholder->setVisible(!m_volume && !m_placeholder->text().isEmpty());
    // As wide as its longest line (plus the style sheet's padding), at most 560 px or the view's width; as high
    // as the text then needs.
    m_placeholder->ensurePolished();
    const QFontMetrics metrics(m_placeholder->font());
    int natural = 0;
    for (const QString &line : m_placeholder->text().split(QLatin1Char('\n')))
        natural = std::max(natural, metrics.horizontalAdvance(line));
    const int widest = std::max(100, std::min(this->width() - 40, 560));
    const int width = std::clamp(natural + 48, 100, widest);
    m_placeholder->resize(width, m_placeholder->heightForWidth(width));
    m_placeholder->move((this->width() - m_placeholder->width()) / 2, (this->height() - m_placeholder->height()) / 2);
}

// ---- session state ----------------------------------------------------------------------------------------------

namespace {

QJsonArray toJsonArray(const double *values, int count)
{
    QJsonArray array;
    for (int i = 0; i < count; ++i)
        array.append(values[i]);
    return array;
}

// False (and values untouched) unless the value is an array of `count` numbers.
bool fromJsonArray(const QJsonValue &value, double *values, int count)
{
    const QJsonArray array = value.toArray();
    if (array.size() != count)
        return false;
    for (const QJsonValue &item : array)
        if (!item.isDouble())
            return false;
    for (int i = 0; i < count; ++i)
        values[i] = array.at(i).toDouble();
    return true;
}

} // namespace

QJsonObject VolumeView::sessionState() const
{
    vtkCamera *camera = renderer()->GetActiveCamera();
    QJsonObject cameraState;
    cameraState[QStringLiteral("position")] = toJsonArray(camera->GetPosition(), 3);
    cameraState[QStringLiteral("focalPoint")] = toJsonArray(camera->GetFocalPoint(), 3);
    cameraState[QStringLiteral("viewUp")] = toJsonArray(camera->GetViewUp(), 3);
    cameraState[QStringLiteral("viewAngle")] = camera->GetViewAngle();
    cameraState[QStringLiteral("parallelScale")] = camera->GetParallelScale();
    cameraState[QStringLiteral("clippingRange")] = toJsonArray(camera->GetClippingRange(), 2);

    QJsonObject state;
    state[QStringLiteral("camera")] = cameraState;
    if (m_volume) {
        const double slices[3] = {double(m_sliceIndex[0]), double(m_sliceIndex[1]), double(m_sliceIndex[2])};
        state[QStringLiteral("slices")] = toJsonArray(slices, 3);
        const double window[2] = {m_windowLow, m_windowHigh};
        state[QStringLiteral("window")] = toJsonArray(window, 2);
    }
    return state;
}

void VolumeView::restoreSessionState(const QJsonObject &state)
{
    double slices[3], window[2];
    if (m_volume && fromJsonArray(state.value(QStringLiteral("slices")), slices, 3))
        for (int axis = 0; axis < 3; ++axis)
            setSliceIndex(static_cast<Axis>(axis), static_cast<int>(slices[axis]));
    if (m_volume && fromJsonArray(state.value(QStringLiteral("window")), window, 2))
        setWindow(window[0], window[1]);

    // Exactly the saved numbers, without a reset or a clipping-range fit: the same picture comes back.
    const QJsonObject cameraState = state.value(QStringLiteral("camera")).toObject();
    double position[3], focalPoint[3], viewUp[3], clippingRange[2];
    if (fromJsonArray(cameraState.value(QStringLiteral("position")), position, 3) &&
        fromJsonArray(cameraState.value(QStringLiteral("focalPoint")), focalPoint, 3) &&
        fromJsonArray(cameraState.value(QStringLiteral("viewUp")), viewUp, 3)) {
        vtkCamera *camera = renderer()->GetActiveCamera();
        camera->SetPosition(position);
        camera->SetFocalPoint(focalPoint);
        camera->SetViewUp(viewUp);
        if (cameraState.value(QStringLiteral("viewAngle")).isDouble())
            camera->SetViewAngle(cameraState.value(QStringLiteral("viewAngle")).toDouble());
        if (cameraState.value(QStringLiteral("parallelScale")).isDouble())
            camera->SetParallelScale(cameraState.value(QStringLiteral("parallelScale")).toDouble());
        if (fromJsonArray(cameraState.value(QStringLiteral("clippingRange")), clippingRange, 2))
            camera->SetClippingRange(clippingRange);
        requestRender();
    }
}

} // namespace vindex::widgets
