#pragma once
// Controls of the brain overlay: which betas (mean of the repeats or one repeat), colour map, display range,
// threshold (symmetric or one-sided) with the opacity of sub-threshold voxels, and a read-out of the cursor voxel.
// The panel holds no state of its own: it shows what setStyle / setRepeats give it and reports each edit, so that
// the owner can record it (undo) before applying it.
#include "OverlayStyle.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSlider;

namespace vindex::widgets {

class BrainPanel : public QWidget {
    Q_OBJECT

public:
    // Which control an edit came from: consecutive edits of one control can be merged into one undo step.
    enum Control { ColorMapControl = 1, ThresholdModeControl, ThresholdControl, RangeControl, FadeControl };

    explicit BrainPanel(QWidget *parent = nullptr);

    void setStyle(const OverlayStyle &style);
    const OverlayStyle &overlayStyle() const { return m_style; }
    // The trial's repeat count (0: no betas shown) and the betas shown: 0 the mean, 1..count a repeat.
    void setRepeats(int count, int chosen);
    int chosenRepeat() const;
    // The largest magnitude of the values shown: the threshold slider spans 0 to it.
    void setValueScale(double largestMagnitude);
    void setCursorText(const QString &text);

    QComboBox *repeatCombo() const { return m_repeat; }
    QComboBox *colorMapCombo() const { return m_colorMap; }
    QComboBox *thresholdModeCombo() const { return m_thresholdMode; }
    QSlider *thresholdSlider() const { return m_thresholdSlider; }
    QDoubleSpinBox *thresholdSpin() const { return m_threshold; }
    QDoubleSpinBox *rangeLowSpin() const { return m_rangeLow; }
    QDoubleSpinBox *rangeHighSpin() const { return m_rangeHigh; }
    QCheckBox *autoRangeCheck() const { return m_autoRange; }
    QSlider *fadeSlider() const { return m_fade; }
    QLabel *cursorLabel() const { return m_cursor; }

signals:
    void styleEdited(const vindex::widgets::OverlayStyle &style, int control);
    void repeatChosen(int repeat);

private:
    void showStyle();
    void edit(int control);
    int sliderPosition(double threshold) const;

    OverlayStyle m_style;
    double m_scale = 1;
    QComboBox *m_repeat = nullptr;
    QComboBox *m_colorMap = nullptr;
    QComboBox *m_thresholdMode = nullptr;
    QSlider *m_thresholdSlider = nullptr;
    QDoubleSpinBox *m_threshold = nullptr;
    QDoubleSpinBox *m_rangeLow = nullptr;
    QDoubleSpinBox *m_rangeHigh = nullptr;
    QCheckBox *m_autoRange = nullptr;
    QSlider *m_fade = nullptr;
    QLabel *m_fadeValue = nullptr;
    QLabel *m_cursor = nullptr;
};

} // namespace vindex::widgets
