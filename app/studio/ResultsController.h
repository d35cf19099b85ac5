#pragma once
// The decoding results loaded in the window (File ▸ Load Results…): read and scored one after the other on a
// worker thread (ResultLoader, through core's evaluation), then shown as score columns of the trial table (one per
// result, the chosen score of each test trial, sortable) and in the compare view (CompareView) for the trial the
// window shows. Results are kept in load order; a file loaded again replaces its earlier copy.
#include "CompareView.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <memory>

class QActionGroup;
class QMenu;

namespace vindex::studio {

class MainWindow;
class EvaluateJob;
class ReportExporter;

class ResultsController : public QObject {
    Q_OBJECT

public:
    explicit ResultsController(MainWindow *window);
    ~ResultsController() override;

    widgets::CompareView *compareView() const { return m_compare; }

    // Queues files or run folders for loading; loaded or loadFailed follows for each, then idle.
    void load(const QStringList &paths);
    void removeAll();
    QStringList paths() const;
    widgets::CompareView::ResultList results() const;
    bool isBusy() const { return m_running || !m_queue.isEmpty(); }

    // The score the trial table shows for caption results (core's name: "BLEU-4", "ROUGE-L", "CIDEr",
    // "METEOR_noparaphrase"); grounding results always show their mean IoU.
    QString tableScore() const { return m_tableScore; }
    void setTableScore(const QString &name);

    // For session files: the table score and which boxes the compare view draws.
    QJsonObject sessionState() const;
    void restoreSessionState(const QJsonObject &state);

    // Load Results…, Remove All Results, the Trial Table Score submenu, Export Report… and Export Figure….
    void addMenuActions(QMenu *menu);
    ReportExporter *reportExporter() const { return m_reportExporter; }

public slots:
    void showLoadDialog();
    void showExportFigureDialog();

signals:
    void loaded(const QString &path);
    void loadFailed(const QString &path, const QString &message);
    void changed();
    // Nothing loading and nothing queued.
    void idle();

private:
    struct Outcome {
        QString path;
        std::shared_ptr<widgets::DecodingResult> result;
        QString error;
    };

    void startNext();
    void finish(const Outcome &outcome);
    void publish();
    void updateTrialTable();
    void onTrialShown(qint64 index);
    QString brainHubFolder() const;

    MainWindow *m_window;
    widgets::CompareView *m_compare = nullptr;
    QList<std::shared_ptr<widgets::DecodingResult>> m_results;
    QHash<QString, QString> m_baseLabels; // path → the label it was loaded with (before telling duplicates apart)
    QStringList m_queue;
    bool m_running = false;
    QPointer<EvaluateJob> m_job; // scoring the file taken from the queue, in the jobs dock
    QString m_tableScore = QStringLiteral("CIDEr");
    QActionGroup *m_scoreActions = nullptr;
    ReportExporter *m_reportExporter = nullptr;
};

} // namespace vindex::studio
