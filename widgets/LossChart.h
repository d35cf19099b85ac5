#pragma once
// A training run's loss curve (Qt Charts): the training loss of every step as a line, and the validation loss of
// every epoch as marked points on the same axes (x: global step, y: loss). Points are appended as they arrive;
// the axes follow the data: the step axis spans the steps seen so far with some room ahead (never past the run's
// planned steps), so a run's first minutes fill the chart instead of a sliver at its left edge.
#include <QChartView>
#include <QList>
#include <QPointF>

class QLineSeries;
class QValueAxis;

namespace vindex::widgets {

class LossChart : public QChartView {
    Q_OBJECT

public:
    explicit LossChart(QWidget *parent = nullptr);

    void clear();
    // Appends points (x: global step, y: loss) to the training and the validation curve.
    void addPoints(const QList<QPointF> &train, const QList<QPointF> &validation);
    // Replaces all points.
    void setPoints(const QList<QPointF> &train, const QList<QPointF> &validation);

    // The run's length in steps, when known: the step axis never reaches past it. 0: no limit.
    void setExpectedSteps(double steps);
    // Room ahead of the last step on the step axis: it spans up to this many times the steps seen when it grows.
    static constexpr double kStepHeadroom = 1.3;

    int trainPointCount() const;
    int validationPointCount() const;
    QLineSeries *trainSeries() const { return m_train; }
    QLineSeries *validationSeries() const { return m_validation; }
    QValueAxis *stepAxis() const { return m_stepAxis; }
    QValueAxis *lossAxis() const { return m_lossAxis; }

private:
    void include(const QList<QPointF> &points);
    void updateAxes();
    void fitStepAxis();

    QLineSeries *m_train = nullptr;
    QLineSeries *m_validation = nullptr;
    QValueAxis *m_stepAxis = nullptr;
    QValueAxis *m_lossAxis = nullptr;
    double m_maxStep = 0, m_minLoss = 0, m_maxLoss = 0, m_expectedSteps = 0;
    bool m_empty = true;
};

} // namespace vindex::widgets
