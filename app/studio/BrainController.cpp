#include "BrainController.h"

#include "StudioSettings.h"
#include "ViewChangeCommand.h"

#include "BrainPanel.h"
#include "OrthogonalSlices.h"
#include "VolumeView.h"

#include <QLocale>
#include <QUndoStack>

#include <cmath>

namespace vindex::studio {
namespace {

// Merge ids of the edits that are not BrainPanel controls (those use BrainPanel::Control, 1..5).
constexpr int kCursorMergeId = 100;

} // namespace

using widgets::OverlayStyle;

BrainController::BrainController(widgets::VolumeView *view, widgets::OrthogonalSlices *slices,
                                 widgets::BrainPanel *panel, QUndoStack *undoStack, QObject *parent)
    : QObject(parent), m_view(view), m_slices(slices), m_panel(panel), m_undoStack(undoStack)
{
    const StudioSettings settings;
    m_style.colorMap = widgets::ColorMap::fromName(settings.brainColorMap());
    m_style.thresholdMode = settings.brainThresholdMode() == QLatin1String("positive")
                                ? OverlayStyle::ThresholdMode::Positive
                                : OverlayStyle::ThresholdMode::Absolute;
    m_style.fadeOpacity = settings.brainFadeOpacity();
    m_style.fitRange(1);
    m_panel->setStyle(m_style);
    m_view->setOverlayStyle(m_style);
    m_slices->setOverlayStyle(m_style);

    connect(m_panel, &widgets::BrainPanel::styleEdited, this,
            [this](const OverlayStyle &style, int control) { changeStyle(style, control); });
    connect(m_panel, &widgets::BrainPanel::repeatChosen, this, &BrainController::chooseRepeat);
    connect(m_slices, &widgets::OrthogonalSlices::cursorRequested, this, [this](int x, int y, int z, bool continuing) {
        moveCursor({x, y, z}, continuing);
    });
    connect(m_slices, &widgets::OrthogonalSlices::voxelHovered, this, [this](int x, int y, int z) {
        setHoverText(describeVoxel({x, y, z}));
    });
    connect(m_slices, &widgets::OrthogonalSlices::hoverLeft, this, [this] { setHoverText(QString()); });
    connect(m_view, &widgets::VolumeView::voxelHovered, this, [this](int x, int y, int z) {
        setHoverText(describeVoxel({x, y, z}));
    });
    connect(m_view, &widgets::VolumeView::hoverLeft, this, [this] { setHoverText(QString()); });
    // The Volume panel's slice sliders move the 3D view's slices directly: those moves are cursor edits too.
    connect(m_view, &widgets::VolumeView::sliceIndexChanged, this, &BrainController::onViewCursorChanged);
    connect(m_view, &widgets::VolumeView::windowChanged, m_slices, &widgets::OrthogonalSlices::setWindow);
}

void BrainController::setUnderlay(std::shared_ptr<const widgets::VolumeData> underlay, const std::array<int, 3> &centre)
{
    m_applying = true;
    m_underlay = underlay;
    m_mean.reset();
    m_repeats.clear();
    if (underlay) {
        m_view->setVolume(underlay);
        m_view->setCursor(centre);
    } else {
        m_view->clear();
    }
    m_cursor = m_view->cursor();
    m_slices->setVolume(underlay);
    m_slices->setCursor(m_cursor);
    m_applying = false;
    m_panel->setRepeats(0, 0);
    updateCursorText();
}

void BrainController::showBetas(std::shared_ptr<const widgets::VoxelOverlay> mean,
                                QList<std::shared_ptr<const widgets::VoxelOverlay>> repeats)
{
    m_mean = std::move(mean);
    m_repeats = std::move(repeats);
    if (m_repeat > m_repeats.size())
        m_repeat = 0;
    m_panel->setRepeats(static_cast<int>(m_repeats.size()), m_repeat);
    showOverlay();
}

void BrainController::clearBetas()
{
    m_mean.reset();
    m_repeats.clear();
    m_panel->setRepeats(0, 0);
    showOverlay();
}

std::shared_ptr<const widgets::VoxelOverlay> BrainController::shownOverlay() const
{
    if (m_repeat > 0 && m_repeat <= m_repeats.size())
        return m_repeats.at(m_repeat - 1);
    return m_mean;
}

OverlayStyle BrainController::fitted(OverlayStyle style) const
{
    const auto overlay = shownOverlay();
    if (style.autoRange && overlay)
        style.fitRange(overlay->robustMagnitude());
    return style;
}

void BrainController::showOverlay()
{
    const auto overlay = shownOverlay();
    m_style = fitted(m_style);
    m_view->setOverlayStyle(m_style);
    m_slices->setOverlayStyle(m_style);
    m_panel->setValueScale(overlay ? overlay->largestMagnitude() : 1.0);
    m_panel->setStyle(m_style);
    if (overlay)
        m_view->setOverlay(overlay);
    else
        m_view->clearOverlay();
    m_slices->setOverlay(overlay);
    updateCursorText();
}

void BrainController::changeStyle(const OverlayStyle &style, int mergeId)
{
    const OverlayStyle before = m_style;
    const OverlayStyle after = fitted(style);
    if (after == before) {
        m_panel->setStyle(m_style); // the panel may show an edit that changed nothing (e.g. a refitted range)
        return;
    }
    QString text = tr("Change Threshold");
    if (after.colorMap != before.colorMap)
        text = tr("Change Colour Map");
    else if (after.thresholdMode != before.thresholdMode)
        text = tr("Change Threshold Mode");
    else if (after.rangeLow != before.rangeLow || after.rangeHigh != before.rangeHigh ||
             after.autoRange != before.autoRange)
        text = tr("Change Range");
    else if (after.fadeOpacity != before.fadeOpacity)
        text = tr("Change Fading");
    m_undoStack->push(new ViewChangeCommand(
        text, mergeId, mergeId >= 0, [this, before] { applyStyle(before); }, [this, after] { applyStyle(after); }));
}

void BrainController::applyStyle(const OverlayStyle &style)
{
    m_style = fitted(style);
    m_view->setOverlayStyle(m_style);
    m_slices->setOverlayStyle(m_style);
    m_panel->setStyle(m_style);
    if (m_persistent) {
        StudioSettings settings;
        settings.setBrainColorMap(widgets::ColorMap::name(m_style.colorMap));
        settings.setBrainThresholdMode(m_style.thresholdMode == OverlayStyle::ThresholdMode::Positive
                                           ? QStringLiteral("positive")
                                           : QStringLiteral("absolute"));
        settings.setBrainFadeOpacity(m_style.fadeOpacity);
    }
}

void BrainController::addSessionState(QJsonObject &brainView) const
{
    QJsonObject overlay;
    overlay[QStringLiteral("colorMap")] = widgets::ColorMap::name(m_style.colorMap);
    overlay[QStringLiteral("thresholdMode")] = m_style.thresholdMode == OverlayStyle::ThresholdMode::Positive
                                                   ? QStringLiteral("positive")
                                                   : QStringLiteral("absolute");
    overlay[QStringLiteral("threshold")] = m_style.threshold;
    overlay[QStringLiteral("rangeLow")] = m_style.rangeLow;
    overlay[QStringLiteral("rangeHigh")] = m_style.rangeHigh;
    overlay[QStringLiteral("autoRange")] = m_style.autoRange;
    overlay[QStringLiteral("fadeOpacity")] = m_style.fadeOpacity;
    brainView[QStringLiteral("overlay")] = overlay;
    brainView[QStringLiteral("repeat")] = m_repeat;
}

void BrainController::restoreSessionState(const QJsonObject &brainView)
{
    const QJsonObject overlay = brainView.value(QStringLiteral("overlay")).toObject();
    OverlayStyle style = m_style;
    if (overlay.contains(QStringLiteral("colorMap")))
        style.colorMap = widgets::ColorMap::fromName(overlay.value(QStringLiteral("colorMap")).toString());
    if (overlay.contains(QStringLiteral("thresholdMode")))
        style.thresholdMode = overlay.value(QStringLiteral("thresholdMode")).toString() == QLatin1String("positive")
                                  ? OverlayStyle::ThresholdMode::Positive
                                  : OverlayStyle::ThresholdMode::Absolute;
    const auto number = [&](const char *key, double &value, double low, double high) {
        const QJsonValue json = overlay.value(QLatin1String(key));
        if (json.isDouble() && json.toDouble() >= low && json.toDouble() <= high)
            value = json.toDouble();
    };
    number("threshold", style.threshold, 0, 1e12);
    number("rangeLow", style.rangeLow, -1e12, 1e12);
    number("rangeHigh", style.rangeHigh, -1e12, 1e12);
    number("fadeOpacity", style.fadeOpacity, 0, 1);
    if (overlay.value(QStringLiteral("autoRange")).isBool())
        style.autoRange = overlay.value(QStringLiteral("autoRange")).toBool();
    const QJsonValue repeat = brainView.value(QStringLiteral("repeat"));
    if (repeat.isDouble() && repeat.toInt() >= 0)
        m_repeat = repeat.toInt() <= m_repeats.size() ? repeat.toInt() : 0;
    m_panel->setRepeats(static_cast<int>(m_repeats.size()), m_repeat);
    m_style = style;
    showOverlay();
    // The view's slices were restored before: the cursor follows them, and the history starts here.
    m_cursor = m_view->cursor();
    m_slices->setCursor(m_cursor);
    updateCursorText();
    m_undoStack->clear();
}

void BrainController::chooseRepeat(int repeat)
{
    if (repeat < 0 || repeat > m_repeats.size() || repeat == m_repeat) {
        m_panel->setRepeats(static_cast<int>(m_repeats.size()), m_repeat);
        return;
    }
    const int before = m_repeat;
    m_undoStack->push(new ViewChangeCommand(
        repeat == 0 ? tr("Show Mean Betas") : tr("Show Repeat %1").arg(repeat), -1, false,
        [this, before] { applyRepeat(before); }, [this, repeat] { applyRepeat(repeat); }));
}

void BrainController::applyRepeat(int repeat)
{
    m_repeat = repeat > m_repeats.size() ? 0 : repeat;
    m_panel->setRepeats(static_cast<int>(m_repeats.size()), m_repeat);
    showOverlay();
}

void BrainController::moveCursor(const std::array<int, 3> &voxel, bool continuing)
{
    if (!m_underlay || voxel == m_cursor)
        return;
    const auto before = m_cursor;
    m_undoStack->push(new ViewChangeCommand(
        tr("Move Cursor"), kCursorMergeId, continuing, [this, before] { applyCursor(before); },
        [this, voxel] { applyCursor(voxel); }));
}

void BrainController::applyCursor(const std::array<int, 3> &voxel)
{
    m_applying = true;
    m_view->setCursor(voxel);
    m_applying = false;
    m_cursor = m_view->cursor(); // clamped to the volume
    m_slices->setCursor(m_cursor);
    updateCursorText();
}

void BrainController::onViewCursorChanged()
{
    if (m_applying || !m_underlay)
        return;
    const auto now = m_view->cursor();
    if (now == m_cursor)
        return;
    // Recorded as a cursor move; the view is already there, so redo() only brings the other views along.
    const auto before = m_cursor;
    m_cursor = now;
    m_undoStack->push(new ViewChangeCommand(
        tr("Move Cursor"), kCursorMergeId, true, [this, before] { applyCursor(before); },
        [this, now] { applyCursor(now); }));
}

QString BrainController::describeVoxel(const std::array<int, 3> &voxel) const
{
    if (!m_underlay)
        return {};
    const QLocale locale;
    const auto &m = m_underlay->voxelToWorld();
    std::array<double, 3> mm{};
    for (int row = 0; row < 3; ++row)
        mm[row] = m[row * 4 + 0] * voxel[0] + m[row * 4 + 1] * voxel[1] + m[row * 4 + 2] * voxel[2] + m[row * 4 + 3];
    const QString position =
        tr("voxel (%1, %2, %3) · (%4, %5, %6) mm")
            .arg(voxel[0])
            .arg(voxel[1])
            .arg(voxel[2])
            .arg(locale.toString(mm[0], 'f', 1), locale.toString(mm[1], 'f', 1), locale.toString(mm[2], 'f', 1));
    const auto overlay = shownOverlay();
    if (!overlay)
        return position;
    const int64_t index = overlay->grid()->indexAt(voxel[0], voxel[1], voxel[2]);
    if (index < 0)
        return tr("%1 · outside the ROI").arg(position);
    const float value = overlay->roiValues()[static_cast<std::size_t>(index)];
    return tr("ROI voxel %1 · %2 · β = %3").arg(index).arg(position, locale.toString(value, 'g', 4));
}

void BrainController::updateCursorText()
{
    m_panel->setCursorText(m_underlay ? describeVoxel(m_cursor) : tr("—"));
}

void BrainController::setHoverText(const QString &text)
{
    if (text == m_hoverText)
        return;
    m_hoverText = text;
    emit hoverTextChanged(text);
}

} // namespace vindex::studio
