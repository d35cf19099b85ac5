#include "VolumePanel.h"

#include "VolumeView.h"

#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace vindex::widgets {

VolumePanel::VolumePanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("volumePanel"));
    auto *layout = new QVBoxLayout(this);

    auto *infoBox = new QGroupBox(tr("Information"), this);
    auto *info = new QFormLayout(infoBox);
    m_fileLabel = new QLabel(infoBox);
    m_fileLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_fileLabel->setWordWrap(true);
    m_dimensionsLabel = new QLabel(infoBox);
    m_spacingLabel = new QLabel(infoBox);
    m_rangeLabel = new QLabel(infoBox);
    info->addRow(tr("File:"), m_fileLabel);
    info->addRow(tr("Dimensions:"), m_dimensionsLabel);
    info->addRow(tr("Voxel size:"), m_spacingLabel);
    info->addRow(tr("Values:"), m_rangeLabel);
    layout->addWidget(infoBox);

    auto *sliceBox = new QGroupBox(tr("Slices"), this);
    auto *slices = new QFormLayout(sliceBox);
    const QString names[3] = {tr("Sagittal (x):"), tr("Coronal (y):"), tr("Axial (z):")};
    for (int axis = 0; axis < 3; ++axis) {
        auto *row = new QHBoxLayout;
        m_sliders[axis] = new QSlider(Qt::Horizontal, sliceBox);
        m_sliders[axis]->setObjectName(QStringLiteral("sliceSlider%1").arg(axis));
        m_spinBoxes[axis] = new QSpinBox(sliceBox);
        row->addWidget(m_sliders[axis], 1);
        row->addWidget(m_spinBoxes[axis]);
        slices->addRow(names[axis], row);
        connect(m_sliders[axis], &QSlider::valueChanged, m_spinBoxes[axis], &QSpinBox::setValue);
        connect(m_spinBoxes[axis], &QSpinBox::valueChanged, m_sliders[axis], &QSlider::setValue);
        connect(m_sliders[axis], &QSlider::valueChanged, this, [this, axis](int index) {
            if (m_view)
                m_view->setSliceIndex(static_cast<VolumeView::Axis>(axis), index);
        });
    }
    layout->addWidget(sliceBox);

    auto *windowBox = new QGroupBox(tr("Grey window"), this);
    auto *window = new QFormLayout(windowBox);
    m_windowLow = new QDoubleSpinBox(windowBox);
    m_windowHigh = new QDoubleSpinBox(windowBox);
    for (QDoubleSpinBox *box : {m_windowLow, m_windowHigh}) {
        box->setRange(-1e12, 1e12);
        box->setDecimals(2);
        box->setKeyboardTracking(false);
        connect(box, &QDoubleSpinBox::valueChanged, this, [this] {
            if (m_view && m_view->hasVolume())
                m_view->setWindow(m_windowLow->value(), m_windowHigh->value());
        });
    }
    window->addRow(tr("Black at:"), m_windowLow);
    window->addRow(tr("White at:"), m_windowHigh);
    m_resetWindowButton = new QPushButton(tr("Automatic Window"), windowBox);
    window->addRow(m_resetWindowButton);
    connect(m_resetWindowButton, &QPushButton::clicked, this, [this] {
        if (m_view && m_view->hasVolume())
            m_view->setWindow(m_view->volume()->displayLow(), m_view->volume()->displayHigh());
    });
    layout->addWidget(windowBox);

    m_resetViewButton = new QPushButton(tr("Reset View"), this);
    connect(m_resetViewButton, &QPushButton::clicked, this, [this] {
        if (m_view)
            m_view->resetCamera();
    });
    layout->addWidget(m_resetViewButton);
    layout->addStretch(1);
    refresh();
}

void VolumePanel::setView(VolumeView *view)
{
    for (const auto &connection : std::as_const(m_viewConnections))
        disconnect(connection);
    m_viewConnections.clear();
    m_view = view;
    if (m_view) {
        m_viewConnections << connect(m_view, &VolumeView::volumeChanged, this, &VolumePanel::refresh)
                          << connect(m_view, &VolumeView::sliceIndexChanged, this, &VolumePanel::updateSlice)
                          << connect(m_view, &VolumeView::windowChanged, this, &VolumePanel::updateWindow)
                          << connect(m_view, &QObject::destroyed, this, [this] {
                                 m_view = nullptr;
                                 refresh();
                             });
    }
    refresh();
}

void VolumePanel::refresh()
{
    const auto volume = m_view ? m_view->volume() : nullptr;
    const bool has = volume != nullptr;
    const QString none = QStringLiteral("—");
    if (has) {
        const auto dims = volume->dimensions();
        const auto spacing = volume->spacing();
        m_fileLabel->setText(QFileInfo(volume->path()).fileName());
        m_fileLabel->setToolTip(volume->path());
        QString dimensions = QStringLiteral("%1 × %2 × %3").arg(dims[0]).arg(dims[1]).arg(dims[2]);
        if (volume->frameCount() > 1)
            dimensions += QLatin1Char(' ') + tr("(volume %1 of %2)").arg(volume->frame() + 1).arg(volume->frameCount());
        m_dimensionsLabel->setText(dimensions);
        const QLocale locale; // decimal separators as in the spin boxes
        m_spacingLabel->setText(tr("%1 × %2 × %3 mm")
                                    .arg(locale.toString(spacing[0], 'g', 4), locale.toString(spacing[1], 'g', 4),
                                         locale.toString(spacing[2], 'g', 4)));
        m_rangeLabel->setText(
            tr("%1 to %2").arg(locale.toString(volume->minimum(), 'g', 6), locale.toString(volume->maximum(), 'g', 6)));
    } else {
        m_fileLabel->setText(tr("No volume open"));
        m_fileLabel->setToolTip(QString());
        m_dimensionsLabel->setText(none);
        m_spacingLabel->setText(none);
        m_rangeLabel->setText(none);
    }
    for (int axis = 0; axis < 3; ++axis) {
        QSignalBlocker blockSlider(m_sliders[axis]);
        QSignalBlocker blockSpin(m_spinBoxes[axis]);
        const int last = has ? volume->dimensions()[axis] - 1 : 0;
        m_sliders[axis]->setRange(0, last);
        m_spinBoxes[axis]->setRange(0, last);
        const int index = has ? m_view->sliceIndex(static_cast<VolumeView::Axis>(axis)) : 0;
        m_sliders[axis]->setValue(index);
        m_spinBoxes[axis]->setValue(index);
        m_sliders[axis]->setEnabled(has);
        m_spinBoxes[axis]->setEnabled(has);
    }
    if (has) {
        // Steps of about 1% of the value range.
        const double span = std::max(1e-6, volume->maximum() - volume->minimum());
        const double step = std::pow(10.0, std::floor(std::log10(span / 100.0)));
        m_windowLow->setSingleStep(step);
        m_windowHigh->setSingleStep(step);
        updateWindow(m_view->windowLow(), m_view->windowHigh());
    }
    m_windowLow->setEnabled(has);
    m_windowHigh->setEnabled(has);
    m_resetWindowButton->setEnabled(has);
    m_resetViewButton->setEnabled(m_view != nullptr);
}

void VolumePanel::updateSlice(int axis, int index)
{
    if (axis < 0 || axis > 2)
        return;
    QSignalBlocker blockSlider(m_sliders[axis]);
    QSignalBlocker blockSpin(m_spinBoxes[axis]);
    m_sliders[axis]->setValue(index);
    m_spinBoxes[axis]->setValue(index);
}

void VolumePanel::updateWindow(double low, double high)
{
    QSignalBlocker blockLow(m_windowLow);
    QSignalBlocker blockHigh(m_windowHigh);
    m_windowLow->setValue(low);
    m_windowHigh->setValue(high);
}

} // namespace vindex::widgets
