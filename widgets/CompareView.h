#pragma once
// Loaded decoding results side by side. For the selected trial: the stimulus with its ground-truth boxes and every
// grounding result's decoded boxes (a colour per result, category labels, a check box per source to show or hide
// it), and a table of the reference captions and each result's caption with its scores for that trial (with the
// visual elements CAPTURE found marked in the text, see ElementHighlighter, when the result was scored with it). For
// the whole set: a table of every result's corpus scores and a grouped bar chart of them (Qt Charts). Usable alone.
#include "DecodingResult.h"

#include <QWidget>

#include <memory>

class QChart;
class QChartView;
class QLabel;
class QListWidget;
class QSplitter;
class QTableWidget;

namespace vindex::widgets {

class CompareView : public QWidget {
    Q_OBJECT

public:
    using ResultList = QList<std::shared_ptr<const DecodingResult>>;

    explicit CompareView(QWidget *parent = nullptr);

    void setResults(ResultList results);
    const ResultList &results() const { return m_results; }

    // The trial with this test index (its stimulus and ground-truth boxes as the window shows them); -1: none, the
    // message in place of the stimulus.
    void showTrial(qint64 testIndex, const QString &heading, const QImage &image, QList<StimulusView::Box> truth);
    void clearTrial(const QString &message);
    qint64 trialIndex() const { return m_trial; }

    // Whether the boxes of a source are drawn: -1 the ground truth, else the result's position.
    bool sourceVisible(int source) const;
    void setSourceVisible(int source, bool visible);

    StimulusView *stimulusView() const { return m_stimulus; }
    QTableWidget *captionTable() const { return m_captions; }
    QTableWidget *corpusTable() const { return m_corpus; }
    QChartView *chartView() const { return m_chartView; }
    QListWidget *sourceList() const { return m_sources; }
    QLabel *headingLabel() const { return m_heading; }

    // The caption table's score columns: these core score names, when a result has them.
    static QStringList trialScoreNames();

    // Distinct colours for results, in order (Tableau 10).
    static QColor resultColor(int position);

signals:
    void sourceVisibilityChanged();

private:
    void rebuildSources();
    void rebuildCorpus();
    void refreshTrial();
    void refreshBoxes();
    void fitValueAxis();

    ResultList m_results;
    qint64 m_trial = -1;
    QList<StimulusView::Box> m_truth;
    QList<bool> m_visible; // [0]: ground truth, [1 + i]: result i

    QLabel *m_heading = nullptr;
    StimulusView *m_stimulus = nullptr;
    QListWidget *m_sources = nullptr;
    QTableWidget *m_captions = nullptr;
    QTableWidget *m_corpus = nullptr;
    QChartView *m_chartView = nullptr;
    QSplitter *m_corpusSplitter = nullptr;
    double m_highest = 0; // the chart's highest bar (×100)
};

} // namespace vindex::widgets
