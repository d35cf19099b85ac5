#include "LossChart.h"

#include <QChart>
#include <QLegend>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace vindex::widgets {

LossChart::LossChart(QWidget *parent) : QChartView(parent)
{
    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation); // points arrive many times a second
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    chart->legend()->setAlignment(Qt::AlignTop);

    m_train = new QLineSeries;
    m_train->setName(tr("Training loss (per step)"));
    m_train->setPen(QPen(QColor(0x2b, 0x6c, 0xb0), 2.0));
    m_validation = new QLineSeries;
    m_validation->setName(tr("Validation loss (per epoch)"));
    m_validation->setPen(QPen(QColor(0xd9, 0x5f, 0x0e), 1.5));
    m_validation->setPointsVisible(true);
    m_validation->setMarkerSize(6);
    chart->addSeries(m_validation);
    chart->addSeries(m_train); // drawn last: the dense per-step line stays visible over the epoch markers

    m_stepAxis = new QValueAxis;
    m_stepAxis->setTitleText(tr("Step"));
    m_stepAxis->setLabelFormat(QStringLiteral("%d"));
    m_lossAxis = new QValueAxis;
    m_lossAxis->setTitleText(tr("Loss"));
    m_lossAxis->setLabelFormat(QStringLiteral("%.3g"));
    chart->addAxis(m_stepAxis, Qt::AlignBottom);
    chart->addAxis(m_lossAxis, Qt::AlignLeft);
    for (QLineSeries *series : {m_train, m_validation}) {
        series->attachAxis(m_stepAxis);
        series->attachAxis(m_lossAxis);
    }
    setChart(chart);
    setRenderHint(QPainter::Antialiasing);
    setMinimumSize(200, 80); // a curve still reads at a few lines of a bottom dock
    updateAxes();
}

void LossChart::setExpectedSteps(double steps)
{
    if (steps == m_expectedSteps)
        return;
    m_expectedSteps = steps;
    fitStepAxis();
    updateAxes();
}

void LossChart::clear()
{
    m_train->clear();
    m_validation->clear();
    m_empty = true;
    m_maxStep = m_minLoss = m_maxLoss = 0;
    updateAxes();
}

void LossChart::addPoints(const QList<QPointF> &train, const QList<QPointF> &validation)
{
    if (train.isEmpty() && validation.isEmpty())
        return;
    // One append per series: one redraw, however many points came.
    if (!train.isEmpty())
        m_train->append(train);
    if (!validation.isEmpty())
        m_validation->append(validation);
    include(train);
    include(validation);
    updateAxes();
}

void LossChart::setPoints(const QList<QPointF> &train, const QList<QPointF> &validation)
{
    clear();
    addPoints(train, validation);
}

int LossChart::trainPointCount() const
{
    return static_cast<int>(m_train->count());
}

int LossChart::validationPointCount() const
{
    return static_cast<int>(m_validation->count());
}

void LossChart::include(const QList<QPointF> &points)
{
    for (const QPointF &point : points) {
        if (!std::isfinite(point.y()))
            continue;
        if (m_empty) {
            m_minLoss = m_maxLoss = point.y();
            m_empty = false;
        }
        m_maxStep = std::max(m_maxStep, point.x());
        m_minLoss = std::min(m_minLoss, point.y());
        m_maxLoss = std::max(m_maxLoss, point.y());
    }
}

void LossChart::fitStepAxis()
{
    // The steps seen and room ahead, in round numbers; within the planned steps when they are known.
    m_stepAxis->setRange(0, std::max(m_maxStep * kStepHeadroom, 10.0));
    m_stepAxis->applyNiceNumbers();
    const double limit = m_expectedSteps > 0 ? std::max(m_expectedSteps, m_maxStep) : 0;
    if (limit > 0 && m_stepAxis->max() > limit)
        m_stepAxis->setRange(0, limit);
}

void LossChart::updateAxes()
{
    if (m_empty) {
        fitStepAxis();
        m_lossAxis->setRange(0, 1);
        return;
    }
    // The axes change only when the data leaves them (with headroom): re-laying out the axis labels at every update
    // costs more than drawing the new points.
    const double limit = m_expectedSteps > 0 ? std::max(m_expectedSteps, m_maxStep) : 0;
    const bool beyond = m_maxStep > m_stepAxis->max();
    const bool tooWide = m_stepAxis->max() > 4 * kStepHeadroom * std::max(m_maxStep, 10.0);
    const bool pastLimit = limit > 0 && m_stepAxis->max() > limit;
    if (beyond || tooWide || pastLimit)
        fitStepAxis();
    const double span = std::max(m_maxLoss - m_minLoss, std::abs(m_maxLoss) * 0.05 + 1e-12);
    const bool outside = m_minLoss < m_lossAxis->min() || m_maxLoss > m_lossAxis->max();
    const bool tooLoose = m_lossAxis->max() - m_lossAxis->min() > 3 * span; // the loss fell far: zoom in
    if (outside || tooLoose) {
        m_lossAxis->setRange(std::max(0.0, m_minLoss - 0.1 * span), m_maxLoss + 0.1 * span);
        m_lossAxis->applyNiceNumbers();
    }
}

} // namespace vindex::widgets
