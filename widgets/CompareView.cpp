#include "CompareView.h"

#include "ElementHighlighter.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QListWidget>
#include <QPainter>
#include <QScrollBar>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace vindex::widgets {
namespace {

QIcon swatch(const QColor &color)
{
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(color.darker(140));
    painter.setBrush(color);
    painter.drawRoundedRect(QRectF(1, 1, 12, 12), 3, 3);
    return QIcon(pixmap);
}

// Scores are shown ×100 with two decimals, as BrainHub's leaderboard shows them; the item keeps the fraction.
QTableWidgetItem *scoreItem(double fraction)
{
    auto *item = new QTableWidgetItem;
    item->setData(Qt::DisplayRole, QString::number(fraction * 100, 'f', 2));
    item->setData(Qt::UserRole, fraction);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

// Column headers stay narrow: "METEOR" with the full name ("METEOR (no paraphrase)") in the tool tip.
QTableWidgetItem *headerItem(const QString &label)
{
    auto *item = new QTableWidgetItem(label.section(QLatin1String(" ("), 0, 0));
    item->setToolTip(label);
    return item;
}

QTableWidgetItem *textItem(const QString &text, const QString &toolTip = {})
{
    auto *item = new QTableWidgetItem(text);
    item->setToolTip(toolTip.isEmpty() ? text : toolTip);
    return item;
}

// A result whose scores need care (DecodingResult::warning): "⚠" before its label, the warning first in the tool tip.
void flagWarning(QTableWidgetItem *item, const DecodingResult &result)
{
    if (result.warning.isEmpty())
        return;
    item->setText(QStringLiteral("⚠ ") + item->text());
    item->setToolTip(result.warning + QStringLiteral("\n\n") + item->toolTip());
    item->setForeground(QColor(0xb0, 0x00, 0x20));
}

} // namespace

CompareView::CompareView(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("compareView"));
    m_heading = new QLabel(this);
    m_heading->setObjectName(QStringLiteral("compareHeading"));
    QFont headingFont = m_heading->font();
    headingFont.setBold(true);
    m_heading->setFont(headingFont);

    m_stimulus = new StimulusView(this);
    m_stimulus->setObjectName(QStringLiteral("compareStimulus"));
    m_sources = new QListWidget(this);
    m_sources->setObjectName(QStringLiteral("compareSources"));
    m_sources->setToolTip(tr("Boxes drawn on the stimulus: the ground truth and each grounding result"));
    connect(m_sources, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        const int source = item->data(Qt::UserRole).toInt();
        const bool visible = item->checkState() == Qt::Checked;
        if (source + 1 < m_visible.size() && m_visible[source + 1] != visible) {
            m_visible[source + 1] = visible;
            refreshBoxes();
            emit sourceVisibilityChanged();
        }
    });
    auto *stimulusColumn = new QWidget(this);
    auto *stimulusLayout = new QVBoxLayout(stimulusColumn);
    stimulusLayout->setContentsMargins(0, 0, 0, 0);
    stimulusLayout->addWidget(m_stimulus, 1);
    stimulusLayout->addWidget(m_sources);

    m_captions = new QTableWidget(this);
    m_captions->setObjectName(QStringLiteral("compareCaptions"));
    m_captions->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_captions->setSelectionMode(QAbstractItemView::NoSelection);
    m_captions->setWordWrap(true);
    m_captions->verticalHeader()->hide();
    m_captions->setAlternatingRowColors(true);
    m_captions->setTextElideMode(Qt::ElideMiddle);
    m_captions->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);

    m_corpus = new QTableWidget(this);
    m_corpus->setObjectName(QStringLiteral("compareCorpus"));
    m_corpus->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_corpus->verticalHeader()->hide();
    m_corpus->setAlternatingRowColors(true);
    m_corpus->setTextElideMode(Qt::ElideMiddle);

    auto *chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation); // the same picture at once, every time
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_chartView = new QChartView(chart, this);
    m_chartView->setObjectName(QStringLiteral("compareChart"));
    m_chartView->setRenderHint(QPainter::Antialiasing);
    m_chartView->setMinimumSize(320, 200);
    connect(chart, &QChart::plotAreaChanged, this, &CompareView::fitValueAxis);

    auto *trialSplitter = new QSplitter(Qt::Horizontal, this);
    trialSplitter->addWidget(stimulusColumn);
    trialSplitter->addWidget(m_captions);
    trialSplitter->setStretchFactor(0, 2);
    trialSplitter->setStretchFactor(1, 5);
    m_corpusSplitter = new QSplitter(Qt::Horizontal, this);
    auto *corpusSplitter = m_corpusSplitter;
    corpusSplitter->addWidget(m_corpus);
    corpusSplitter->addWidget(m_chartView);
    corpusSplitter->setStretchFactor(0, 1);
    corpusSplitter->setStretchFactor(1, 1);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(trialSplitter);
    splitter->addWidget(corpusSplitter);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    for (QSplitter *child : {trialSplitter, corpusSplitter, splitter})
        child->setChildrenCollapsible(false);
    // Starting proportions (scaled to the real size at the first layout): the captions wider than the stimulus,
    // the chart as wide as the corpus table.
    trialSplitter->setSizes({400, 1000});
    corpusSplitter->setSizes({500, 500});
    splitter->setSizes({600, 400});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_heading);
    layout->addWidget(splitter, 1);

    m_visible = {true};
    setResults({});
    clearTrial(tr("Load decoding results with File ▸ Load Results… and select a test trial"));
}

QStringList CompareView::trialScoreNames()
{
    return {QStringLiteral("BLEU-4"),
            QStringLiteral("ROUGE-L"),
            QStringLiteral("CIDEr"),
            QStringLiteral("METEOR"),
            QStringLiteral("METEOR_noparaphrase"),
            QStringLiteral("CAPTURE"),
            QStringLiteral("SentenceS"),
            QStringLiteral("PAC-S")};
}

QColor CompareView::resultColor(int position)
{
    static const QColor palette[] = {QColor(0x4e, 0x79, 0xa7), QColor(0xf2, 0x8e, 0x2b), QColor(0x59, 0xa1, 0x4f),
                                     QColor(0xe1, 0x57, 0x59), QColor(0xb0, 0x7a, 0xa1), QColor(0x76, 0xb7, 0xb2),
                                     QColor(0xed, 0xc9, 0x48), QColor(0x9c, 0x75, 0x5f), QColor(0xff, 0x9d, 0xa7),
                                     QColor(0xba, 0xb0, 0xac)};
    return palette[std::max(0, position) % 10];
}

void CompareView::setResults(ResultList results)
{
    m_results = std::move(results);
    QList<bool> visible{m_visible.value(0, true)};
    for (int i = 0; i < m_results.size(); ++i)
        visible << true;
    m_visible = visible;
    rebuildSources();
    rebuildCorpus();
    refreshTrial();
}

void CompareView::showTrial(qint64 testIndex, const QString &heading, const QImage &image,
                            QList<StimulusView::Box> truth)
{
    m_trial = testIndex;
    m_truth = std::move(truth);
    m_heading->setText(heading);
    m_stimulus->setImage(image);
    refreshTrial();
}

void CompareView::clearTrial(const QString &message)
{
    m_trial = -1;
    m_truth.clear();
    m_heading->setText(message);
    m_stimulus->clear();
    m_stimulus->setPlaceholderText(message);
    refreshTrial();
}

bool CompareView::sourceVisible(int source) const
{
    return m_visible.value(source + 1, false);
}

void CompareView::setSourceVisible(int source, bool visible)
{
    for (int row = 0; row < m_sources->count(); ++row) {
        QListWidgetItem *item = m_sources->item(row);
        if (item->data(Qt::UserRole).toInt() == source)
            item->setCheckState(visible ? Qt::Checked : Qt::Unchecked); // itemChanged does the rest
    }
}

void CompareView::rebuildSources()
{
    const QSignalBlocker blocker(m_sources);
    m_sources->clear();
    auto add = [this](int source, const QString &text, const QColor &color) {
        auto *item = new QListWidgetItem(swatch(color), text, m_sources);
        item->setData(Qt::UserRole, source);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(sourceVisible(source) ? Qt::Checked : Qt::Unchecked);
    };
    add(-1, tr("Ground truth (colour per category)"), QColor(0xdd, 0xdd, 0xdd));
    for (int i = 0; i < m_results.size(); ++i)
        if (m_results[i]->kind == DecodingResult::Kind::Grounding)
            add(i, tr("%1 (dashed)").arg(m_results[i]->label), m_results[i]->color);
    m_sources->setVisible(m_sources->count() > 1);
    // As high as its rows: the stimulus keeps the rest.
    m_sources->setFixedHeight(m_sources->sizeHintForRow(0) * m_sources->count() + 2 * m_sources->frameWidth() + 4);
}

void CompareView::refreshBoxes()
{
    QList<StimulusView::Box> boxes;
    if (sourceVisible(-1))
        boxes = m_truth;
    for (int i = 0; i < m_results.size(); ++i) {
        const DecodingResult &result = *m_results[i];
        if (result.kind != DecodingResult::Kind::Grounding || !sourceVisible(i))
            continue;
        for (StimulusView::Box box : result.boxes.value(m_trial)) {
            box.color = result.color;
            boxes << box;
        }
    }
    m_stimulus->setBoxes(boxes);
}

void CompareView::refreshTrial()
{
    refreshBoxes();

    // Score columns: those of the trial score names that some result has.
    QStringList names, labels;
    for (const QString &name : trialScoreNames())
        for (const auto &result : m_results)
            if (result->scoreIndex(name) >= 0) {
                names << name;
                labels << result->scoreLabels.value(result->scoreIndex(name));
                break;
            }
    QStringList headers{tr("Source"), tr("Caption")};
    m_captions->clear();
    m_captions->setColumnCount(2 + names.size());
    m_captions->setHorizontalHeaderLabels(headers);
    for (int i = 0; i < labels.size(); ++i)
        m_captions->setHorizontalHeaderItem(2 + i, headerItem(labels[i]));
    m_captions->setRowCount(0);
    if (m_trial < 0) {
        m_captions->setRowCount(0);
        return;
    }

    QStringList references;
    for (const auto &result : m_results)
        if (result->references.contains(m_trial)) {
            references = result->references.value(m_trial);
            break;
        }
    const QColor referenceBackground = palette().color(QPalette::AlternateBase).darker(104);
    for (int i = 0; i < references.size(); ++i) {
        const int row = m_captions->rowCount();
        m_captions->insertRow(row);
        auto *source = textItem(tr("Reference %1").arg(i + 1));
        QFont italic = source->font();
        italic.setItalic(true);
        source->setFont(italic);
        m_captions->setItem(row, 0, source);
        auto *caption = textItem(references[i]);
        caption->setFont(italic);
        m_captions->setItem(row, 1, caption);
        for (int column = 0; column < m_captions->columnCount(); ++column) {
            if (!m_captions->item(row, column))
                m_captions->setItem(row, column, new QTableWidgetItem);
            m_captions->item(row, column)->setBackground(referenceBackground);
        }
    }
    for (int i = 0; i < m_results.size(); ++i) {
        const DecodingResult &result = *m_results[i];
        const int row = m_captions->rowCount();
        m_captions->insertRow(row);
        auto *source = textItem(result.label, result.details);
        source->setIcon(swatch(result.color));
        source->setData(Qt::UserRole, i);
        flagWarning(source, result);
        m_captions->setItem(row, 0, source);
        const QList<double> scores = result.trialScores.value(m_trial);
        if (result.kind == DecodingResult::Kind::Captions) {
            const QString caption =
                result.captions.contains(m_trial) ? result.captions.value(m_trial) : tr("(no caption for this trial)");
            const QList<CaptionElement> elements = result.elements.value(m_trial);
            m_captions->setItem(row, 1,
                                textItem(caption, elements.isEmpty() ? caption
                                                                     : caption + QStringLiteral("\n\n") +
                                                                           ElementHighlighter::summary(elements)));
            if (!elements.isEmpty() && result.captions.contains(m_trial)) {
                // The elements CAPTURE found, marked in the text by how the references confirm them.
                auto *label = new QLabel(ElementHighlighter::highlighted(caption, elements));
                label->setTextFormat(Qt::RichText);
                label->setWordWrap(true);
                label->setContentsMargins(3, 1, 3, 1);
                label->setToolTip(m_captions->item(row, 1)->toolTip());
                label->setObjectName(QStringLiteral("elementCaption"));
                m_captions->item(row, 1)->setForeground(Qt::transparent); // the label draws the text
                m_captions->setCellWidget(row, 1, label);
            }
            for (int s = 0; s < names.size(); ++s) {
                const int index = result.scoreIndex(names[s]);
                if (index >= 0 && index < scores.size())
                    m_captions->setItem(row, 2 + s, scoreItem(scores[index]));
            }
        } else {
            QStringList categories;
            for (const auto &box : result.boxes.value(m_trial))
                categories << box.category;
            QString text = categories.isEmpty() ? tr("(no decoded boxes for this trial)")
                                                : tr("Boxes: %1").arg(categories.join(QStringLiteral(", ")));
            if (scores.size() == 2)
                text += tr(" · acc@0.5 %1 · IoU %2").arg(scores[0] * 100, 0, 'f', 2).arg(scores[1] * 100, 0, 'f', 2);
            m_captions->setItem(row, 1, textItem(text));
        }
    }
    // The caption gets the room; sources are elided to a readable width (full name in the tool tip).
    QHeaderView *header = m_captions->horizontalHeader();
    header->setSectionResizeMode(0, QHeaderView::Interactive);
    m_captions->resizeColumnToContents(0);
    m_captions->setColumnWidth(0, std::min(m_captions->columnWidth(0), 150));
    header->setSectionResizeMode(1, QHeaderView::Stretch);
    for (int column = 2; column < m_captions->columnCount(); ++column)
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    m_captions->resizeRowsToContents();
}

void CompareView::rebuildCorpus()
{
    // Columns: every score any result has, in the order first met (captions' BLEU-1..CIDEr.., then grounding's).
    QStringList names, labels;
    for (const auto &result : m_results)
        for (int s = 0; s < result->scoreNames.size(); ++s)
            if (!names.contains(result->scoreNames[s])) {
                names << result->scoreNames[s];
                labels << result->scoreLabels.value(s);
            }
    m_corpus->clear();
    m_corpus->setColumnCount(2 + names.size());
    m_corpus->setHorizontalHeaderLabels({tr("Result (×100)"), tr("Trials")});
    for (int i = 0; i < labels.size(); ++i)
        m_corpus->setHorizontalHeaderItem(2 + i, headerItem(labels[i]));
    m_corpus->setRowCount(m_results.size());
    for (int i = 0; i < m_results.size(); ++i) {
        const DecodingResult &result = *m_results[i];
        auto *label = textItem(result.label, result.details);
        label->setIcon(swatch(result.color));
        flagWarning(label, result);
        m_corpus->setItem(i, 0, label);
        auto *trials = new QTableWidgetItem;
        trials->setData(Qt::DisplayRole, result.trialCount);
        trials->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_corpus->setItem(i, 1, trials);
        for (int s = 0; s < result.scoreNames.size(); ++s)
            m_corpus->setItem(i, 2 + names.indexOf(result.scoreNames[s]), scoreItem(result.corpus.value(s)));
    }
    m_corpus->resizeColumnsToContents();
    m_corpus->setColumnWidth(0, std::min(m_corpus->columnWidth(0), 170));
    // Many score columns (CAPTURE's nine element scores and more): the table goes above the chart, as high as its
    // rows, so that its columns get the whole width; a few: beside the chart.
    const Qt::Orientation orientation = names.size() > 10 ? Qt::Vertical : Qt::Horizontal;
    if (orientation == Qt::Vertical) {
        const int rows = std::max<int>(1, static_cast<int>(m_results.size()));
        const int height = m_corpus->horizontalHeader()->sizeHint().height() +
                           rows * m_corpus->verticalHeader()->defaultSectionSize() +
                           m_corpus->horizontalScrollBar()->sizeHint().height() + 2 * m_corpus->frameWidth();
        m_corpus->setFixedHeight(height);
    } else {
        m_corpus->setMinimumHeight(0);
        m_corpus->setMaximumHeight(QWIDGETSIZE_MAX);
    }
    if (m_corpusSplitter->orientation() != orientation) {
        m_corpusSplitter->setOrientation(orientation);
        m_corpusSplitter->setStretchFactor(0, orientation == Qt::Vertical ? 0 : 1);
        // Vertical: the chart gets what the table leaves; horizontal: half each, as at the start.
        m_corpusSplitter->setSizes(orientation == Qt::Vertical ? QList<int>{m_corpus->maximumHeight(), 10000}
                                                               : QList<int>{500, 500});
    }

    // The chart: the caption metrics people compare (BLEU-4, ROUGE-L, CIDEr, METEOR), a bar per result.
    QChart *chart = m_chartView->chart();
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes())
        chart->removeAxis(axis);
    QStringList chartNames, chartLabels;
    for (const QString &name : trialScoreNames()) {
        const int column = names.indexOf(name);
        if (column >= 0) {
            chartNames << name;
            chartLabels << labels[column].section(QLatin1String(" ("), 0, 0);
        }
    }
    auto *series = new QBarSeries;
    double highest = 0;
    for (const auto &result : m_results) {
        if (result->kind != DecodingResult::Kind::Captions)
            continue;
        auto *set = new QBarSet(result->label);
        set->setColor(result->color);
        set->setBorderColor(result->color.darker(130));
        for (const QString &name : chartNames) {
            const double value = result->corpus.value(result->scoreIndex(name)) * 100;
            highest = std::max(highest, value);
            *set << value;
        }
        series->append(set);
    }
    chart->setTitle(series->count() > 0 ? tr("Corpus scores (×100)") : tr("Load caption results to compare them"));
    chart->addSeries(series);
    auto *categories = new QBarCategoryAxis;
    categories->append(chartLabels.isEmpty() ? QStringList{QString()} : chartLabels);
    chart->addAxis(categories, Qt::AlignBottom);
    series->attachAxis(categories);
    auto *values = new QValueAxis;
    values->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(values, Qt::AlignLeft);
    series->attachAxis(values);
    m_highest = highest;
    fitValueAxis();
    chart->legend()->setVisible(series->count() > 0);
}

void CompareView::fitValueAxis()
{
    // Round steps (10 up to 100 when there is room) with as many ticks as the plot's height has room for labels:
    // a short chart beside or below a wide corpus table gets fewer, not elided ones.
    const QList<QAbstractAxis *> axes = m_chartView->chart()->axes(Qt::Vertical);
    auto *values = axes.isEmpty() ? nullptr : qobject_cast<QValueAxis *>(axes.first());
    if (!values)
        return;
    const double height = m_chartView->chart()->plotArea().height();
    const int room = height > 0 ? std::max(1, static_cast<int>(height / (1.8 * fontMetrics().height()))) : 10;
    const double highest = m_highest > 0 ? m_highest : 100;
    double step = 10;
    for (double candidate : {10.0, 20.0, 25.0, 50.0, 100.0, 200.0, 250.0, 500.0, 1000.0}) {
        step = candidate;
        if (std::ceil(highest / step) <= room)
            break;
    }
    const double top = std::ceil(highest / step) * step;
    values->setRange(0, top);
    values->setTickCount(static_cast<int>(std::lround(top / step)) + 1);
}

} // namespace vindex::widgets
