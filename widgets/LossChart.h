#pragma once
// A training run's loss curve (Qt Charts): the training loss of every step as a line, and the validation loss of
// every epoch as marked points on the same axes (x: global step, y: loss). Points are appended as they arrive;
// the axes follow the data.
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

    // The run's length in steps, when known: the step axis spans it from the start, so the curve also shows how
    // far the run is. 0: the axis follows the data.
    void setExpectedSteps(double steps);

    int trainPointCount() const;
    int validationPointCount() const;
    QLineSeries *trainSeries() const { return m_train; }
    QLineSeries *validationSeries() const { return m_validation; }
    QValueAxis *stepAxis() const { return m_stepAxis; }
    QValueAxis *lossAxis() const { return m_lossAxis; }

private:
    void include(const QList<QPointF> &points);
    void updateAxes();

    QLineSeries *m_train = nullptr;
    QLineSeries *m_validation = nullptr;
    QValueAxis *m_stepAxis = nullptr;
    QValueAxis *m_lossAxis = nullptr;
    double m_maxStep = 0, m_minLoss = 0, m_maxLoss = 0, m_expectedSteps = 0;
    bool m_empty = true;
};

} // namespace vindex::widgets
