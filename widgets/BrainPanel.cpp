#include "BrainPanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace vindex::widgets {
namespace {

constexpr int kSliderSteps = 1000;

QDoubleSpinBox *valueBox(QWidget *parent, double minimum)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setRange(minimum, 1e6);
    box->setDecimals(3);
    box->setKeyboardTracking(false);
    box->setAccelerated(true);
    // Room for "-12.345", not for the ±1e6 range: the panel must fit a narrow dock.
    box->setMinimumWidth(box->fontMetrics().horizontalAdvance(QStringLiteral("-12.345")) + 32);
    return box;
}

// A combo box that may be narrower than its longest item (the popup still shows it whole).
void letShrink(QComboBox *combo)
{
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(8);
}

// Labels above their fields when the dock is too narrow for both on one row.
QFormLayout *formIn(QGroupBox *box)
{
    auto *form = new QFormLayout(box);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    form->setContentsMargins(8, 4, 8, 4);
    form->setVerticalSpacing(4);
    return form;
}

} // namespace

BrainPanel::BrainPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("brainPanel"));
    auto *layout = new QVBoxLayout(this);
    // Compact: the whole panel fits the dock of a 1280 × 800 window without scrolling.
    layout->setSpacing(2);
    layout->setContentsMargins(4, 2, 4, 2);

    auto *betasBox = new QGroupBox(tr("Betas"), this);
    auto *betas = formIn(betasBox);
    m_repeat = new QComboBox(betasBox);
    m_repeat->setObjectName(QStringLiteral("repeatCombo"));
    m_repeat->setToolTip(tr("Show the mean of the trial's repeats or the betas of one repeat"));
    letShrink(m_repeat);
    betas->addRow(tr("Show:"), m_repeat);
    layout->addWidget(betasBox);
    connect(m_repeat, &QComboBox::activated, this, [this] { emit repeatChosen(chosenRepeat()); });

    auto *coloursBox = new QGroupBox(tr("Colours"), this);
    auto *colours = formIn(coloursBox);
    m_colorMap = new QComboBox(coloursBox);
    m_colorMap->setObjectName(QStringLiteral("colorMapCombo"));
    m_colorMap->addItem(tr("Diverging (cool–warm)"), int(ColorMap::Diverging));
    m_colorMap->addItem(tr("Hot"), int(ColorMap::Hot));
    m_colorMap->addItem(tr("Viridis"), int(ColorMap::Viridis));
    m_colorMap->addItem(tr("Grey"), int(ColorMap::Grey));
    letShrink(m_colorMap);
    colours->addRow(tr("Colour map:"), m_colorMap);
    connect(m_colorMap, &QComboBox::activated, this, [this] {
        m_style.colorMap = static_cast<ColorMap::Kind>(m_colorMap->currentData().toInt());
        edit(ColorMapControl);
    });
    m_rangeLow = valueBox(coloursBox, -1e6);
    m_rangeLow->setObjectName(QStringLiteral("rangeLowSpin"));
    m_rangeHigh = valueBox(coloursBox, -1e6);
    m_rangeHigh->setObjectName(QStringLiteral("rangeHighSpin"));
    auto *range = new QHBoxLayout;
    range->addWidget(m_rangeLow, 1);
    range->addWidget(new QLabel(QStringLiteral("…"), coloursBox));
    range->addWidget(m_rangeHigh, 1);
    colours->addRow(tr("Range:"), range);
    for (QDoubleSpinBox *box : {m_rangeLow, m_rangeHigh})
        connect(box, &QDoubleSpinBox::valueChanged, this, [this] {
            m_style.rangeLow = m_rangeLow->value();
            m_style.rangeHigh = m_rangeHigh->value();
            m_style.autoRange = false;
            edit(RangeControl);
        });
    m_autoRange = new QCheckBox(tr("Automatic (98th percentile of |β|)"), coloursBox);
    m_autoRange->setObjectName(QStringLiteral("autoRangeCheck"));
    m_autoRange->setToolTip(tr("Fit the range to each trial's values, ignoring the strongest 2 % of voxels"));
    colours->addRow(m_autoRange);
    connect(m_autoRange, &QCheckBox::toggled, this, [this](bool on) {
        m_style.autoRange = on;
        edit(RangeControl);
    });
    layout->addWidget(coloursBox);

    auto *thresholdBox = new QGroupBox(tr("Threshold"), this);
    auto *threshold = formIn(thresholdBox);
    m_thresholdMode = new QComboBox(thresholdBox);
    m_thresholdMode->setObjectName(QStringLiteral("thresholdModeCombo"));
    m_thresholdMode->addItem(tr("|β| ≥ t (both signs)"), int(OverlayStyle::ThresholdMode::Absolute));
    m_thresholdMode->addItem(tr("β ≥ t (positive only)"), int(OverlayStyle::ThresholdMode::Positive));
    letShrink(m_thresholdMode);
    threshold->addRow(tr("Show:"), m_thresholdMode);
    connect(m_thresholdMode, &QComboBox::activated, this, [this] {
        m_style.thresholdMode = static_cast<OverlayStyle::ThresholdMode>(m_thresholdMode->currentData().toInt());
        edit(ThresholdModeControl);
    });
    m_thresholdSlider = new QSlider(Qt::Horizontal, thresholdBox);
    m_thresholdSlider->setObjectName(QStringLiteral("thresholdSlider"));
    m_thresholdSlider->setRange(0, kSliderSteps);
    m_thresholdSlider->setPageStep(kSliderSteps / 20);
    m_threshold = valueBox(thresholdBox, 0);
    m_threshold->setObjectName(QStringLiteral("thresholdSpin"));
    auto *thresholdRow = new QHBoxLayout;
    thresholdRow->addWidget(m_thresholdSlider, 1);
    thresholdRow->addWidget(m_threshold);
    threshold->addRow(tr("t:"), thresholdRow);
    connect(m_thresholdSlider, &QSlider::valueChanged, this, [this](int position) {
        m_style.threshold = m_scale * position / kSliderSteps;
        {
            QSignalBlocker block(m_threshold);
            m_threshold->setValue(m_style.threshold);
        }
        edit(ThresholdControl);
    });
    connect(m_threshold, &QDoubleSpinBox::valueChanged, this, [this](double value) {
        m_style.threshold = value;
        {
            QSignalBlocker block(m_thresholdSlider);
            m_thresholdSlider->setValue(sliderPosition(value));
        }
        edit(ThresholdControl);
    });
    m_fade = new QSlider(Qt::Horizontal, thresholdBox);
    m_fade->setObjectName(QStringLiteral("fadeSlider"));
    m_fade->setRange(0, 100);
    m_fade->setToolTip(tr("Opacity of the voxels below the threshold: 0 % hides them"));
    m_fadeValue = new QLabel(thresholdBox);
    m_fadeValue->setMinimumWidth(m_fadeValue->fontMetrics().horizontalAdvance(QStringLiteral("100 %")));
    auto *fadeRow = new QHBoxLayout;
    fadeRow->addWidget(m_fade, 1);
    fadeRow->addWidget(m_fadeValue);
    threshold->addRow(tr("Below t:"), fadeRow);
    connect(m_fade, &QSlider::valueChanged, this, [this](int percent) {
        m_style.fadeOpacity = percent / 100.0;
        m_fadeValue->setText(tr("%1 %").arg(percent));
        edit(FadeControl);
    });
    layout->addWidget(thresholdBox);

    auto *cursorBox = new QGroupBox(tr("Cursor"), this);
    auto *cursor = new QVBoxLayout(cursorBox);
    cursor->setContentsMargins(8, 4, 8, 4);
    m_cursor = new QLabel(tr("—"), cursorBox);
    m_cursor->setObjectName(QStringLiteral("cursorLabel"));
    m_cursor->setWordWrap(true);
    m_cursor->setTextInteractionFlags(Qt::TextSelectableByMouse);
    cursor->addWidget(m_cursor);
    layout->addWidget(cursorBox);
    layout->addStretch(1);

    setRepeats(0, 0);
    showStyle();
}

void BrainPanel::setStyle(const OverlayStyle &style)
{
    m_style = style;
    showStyle();
}

void BrainPanel::setRepeats(int count, int chosen)
{
    QSignalBlocker block(m_repeat);
    m_repeat->clear();
    m_repeat->addItem(count > 1 ? tr("Mean of %1 repeats").arg(count) : tr("Mean of the repeats"), 0);
    for (int repeat = 1; repeat <= count; ++repeat)
        m_repeat->addItem(tr("Repeat %1").arg(repeat), repeat);
    m_repeat->setCurrentIndex(std::clamp(chosen, 0, count));
    m_repeat->setEnabled(count > 0);
}

int BrainPanel::chosenRepeat() const
{
    return m_repeat->currentData().toInt();
}

void BrainPanel::setValueScale(double largestMagnitude)
{
    m_scale = largestMagnitude > 0 && std::isfinite(largestMagnitude) ? largestMagnitude : 1;
    // Steps of about 1 % of the values' magnitude.
    const double step = std::pow(10.0, std::floor(std::log10(m_scale / 100.0)));
    for (QDoubleSpinBox *box : {m_threshold, m_rangeLow, m_rangeHigh})
        box->setSingleStep(step);
    showStyle();
}

void BrainPanel::setCursorText(const QString &text)
{
    m_cursor->setText(text);
}

int BrainPanel::sliderPosition(double threshold) const
{
    return std::clamp(static_cast<int>(std::lround(threshold / m_scale * kSliderSteps)), 0, kSliderSteps);
}

void BrainPanel::showStyle()
{
    const QSignalBlocker blockers[] = {QSignalBlocker(m_colorMap),        QSignalBlocker(m_thresholdMode),
                                       QSignalBlocker(m_thresholdSlider), QSignalBlocker(m_threshold),
                                       QSignalBlocker(m_rangeLow),        QSignalBlocker(m_rangeHigh),
                                       QSignalBlocker(m_autoRange),       QSignalBlocker(m_fade)};
    m_colorMap->setCurrentIndex(m_colorMap->findData(int(m_style.colorMap)));
    m_thresholdMode->setCurrentIndex(m_thresholdMode->findData(int(m_style.thresholdMode)));
    m_threshold->setValue(m_style.threshold);
    m_thresholdSlider->setValue(sliderPosition(m_style.threshold));
    m_rangeLow->setValue(m_style.rangeLow);
    m_rangeHigh->setValue(m_style.rangeHigh);
    m_autoRange->setChecked(m_style.autoRange);
    const int fade = static_cast<int>(std::lround(m_style.fadeOpacity * 100));
    m_fade->setValue(fade);
    m_fadeValue->setText(tr("%1 %").arg(fade));
}

void BrainPanel::edit(int control)
{
    emit styleEdited(m_style, control);
}

} // namespace vindex::widgets
