// The jobs dock as a first-time user met it (issue 17): a job's long message (a failed job's 2,000-character error,
// a long name and status) never widens the main window past the screen nor changes its minimum size, and starting
// a job shows the jobs as a tab where the log is, resizing nothing; names alike stay distinguishable; a paused job
// shows "paused" and no time left, an ended one how long it ran; the loss chart's step axis follows the steps seen; a
// cancelled training run says where its checkpoint is and how to go on; the Train dialog refuses a run folder that
// holds a run before it closes; a saved window geometry larger than the screen is fitted to it. Every test uses its own
// settings and folders.
#include "GuiTestSupport.h"

#include "ElidedLabel.h"
#include "Job.h"
#include "JobManager.h"
#include "JobsPanel.h"
#include "LossChart.h"
#include "MainWindow.h"
#include "PathEdit.h"
#include "StudioSettings.h"
#include "TrainDialog.h"
#include "TrainJob.h"
#include "WindowLayoutStore.h"

#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QToolTip>
#include <QTreeWidget>
#include <QValueAxis>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <thread>

using vindex::studio::Job;
using vindex::studio::MainWindow;
using vindex::studio::StudioSettings;

namespace {

// A job whose work is scripted by the test: it reports `steps` steps of 40 ms (pausing where asked), each with the
// given status message, then fails with `error` when that is not empty.
class ScriptedJob : public Job {
public:
    ScriptedJob(const QString &name, int steps, QString status, QString error = {})
        : Job(Kind::Decode, name), m_steps(steps), m_status(std::move(status)), m_error(std::move(error))
    {
    }
    ~ScriptedJob() override { stopAndWait(); }
    bool canPause() const override { return true; }

protected:
    void work() override
    {
        for (int step = 0; step < m_steps; ++step) {
            control().pausePoint();
            std::this_thread::sleep_for(std::chrono::milliseconds(40));
            control().reportFraction(static_cast<double>(step + 1) / m_steps, m_status.toStdString());
        }
        if (!m_error.isEmpty())
            throw std::runtime_error(m_error.toStdString());
    }

private:
    int m_steps;
    QString m_status, m_error;
};

// A message as core writes it, 2,000 characters: a long path (no space to wrap at) and words.
QString longMessage()
{
    QString path = QStringLiteral("/home/user/vindex-runs");
    while (path.size() < 900)
        path += QStringLiteral("/a-very-long-folder-name-without-spaces");
    QString message = path + QStringLiteral(": cannot read the encoder checkpoint:");
    while (message.size() < 2000)
        message += QStringLiteral(" the tensor lin2.weight has shape [64, 200] where the dataset has 217 voxels;");
    return message.left(2000);
}

} // namespace

class JobsDockTest : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;

    static QString fixture(const QString &name) { return QDir(GuiTestSupport::fixturesDir()).filePath(name); }

    // A tool tip without the zero-width spaces that let it wrap.
    static QString plain(QString toolTip) { return toolTip.remove(QChar(0x200B)); }

    static QRect availableScreen(const QWidget &window)
    {
        return (window.screen() ? window.screen() : QGuiApplication::primaryScreen())->availableGeometry();
    }

    // The window within the screen, its size unchanged, its minimum size as small as it was, and every visible dock
    // at least as wide and high as it asks to be.
    static void verifyWindowKept(MainWindow &window, QSize size, QSize minimum, const QString &when)
    {
        const QRect screen = availableScreen(window);
        const QString what = when + QStringLiteral(": window %1×%2, minimum %3×%4, screen %5×%6")
                                        .arg(window.width())
                                        .arg(window.height())
                                        .arg(window.minimumSizeHint().width())
                                        .arg(window.minimumSizeHint().height())
                                        .arg(screen.width())
                                        .arg(screen.height());
        QVERIFY2(window.size() == size, qPrintable(what));
        QVERIFY2(window.minimumSizeHint().width() <= minimum.width(), qPrintable(what));
        QVERIFY2(window.minimumSizeHint().height() <= minimum.height(), qPrintable(what));
        QVERIFY2(window.frameGeometry().width() <= screen.width(), qPrintable(what));
        for (QDockWidget *dock : window.findChildren<QDockWidget *>()) {
            if (!dock->isVisible() || dock->isFloating())
                continue;
            const QSize asked = dock->minimumSizeHint();
            QVERIFY2(dock->width() >= asked.width() && dock->height() >= asked.height(),
                     qPrintable(what + QStringLiteral(": dock %1 is %2×%3, asks for %4×%5")
                                           .arg(dock->objectName())
                                           .arg(dock->width())
                                           .arg(dock->height())
                                           .arg(asked.width())
                                           .arg(asked.height())));
        }
    }

    vindex::train::TrainRequest smallTraining(const QString &out, int epochs) const
    {
        vindex::train::TrainRequest request;
        request.root = fixture(QStringLiteral("mini-nsd")).toStdString();
        request.subjects = {1};
        request.space = "se";
        request.mllm = fixture(QStringLiteral("llava-tiny")).toStdString();
        request.outDir = out.toStdString();
        request.epochs = epochs;
        request.batchSize = 1;
        request.hidden = 64;
        request.depth = 2;
        request.heads = 4;
        request.dimHead = 16;
        request.threads = 1;
        return request;
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        StudioSettings::setFilePath(m_dir->filePath(QStringLiteral("settings.ini")));
    }

    void cleanup()
    {
        StudioSettings::setFilePath(QString());
        m_dir.reset();
    }

    // A running job with a long name and status, then a failed one with a 2,000-character error: the window keeps its
    // size and minimum size, stays on the screen, and no dock is squeezed below what it asks for. The dock shows the
    // texts elided, the whole of them in tool tips and the job's log.
    void longJobMessagesKeepTheWindowOnTheScreen()
    {
        VINDEX_REQUIRE_OPENGL();
        MainWindow window;
        window.setScripted(true);
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QTest::qWait(200);
        const QSize size = window.size();
        QVERIFY(!window.jobsDock()->toggleViewAction()->isChecked()); // until a job starts
        const QRect central = window.centralWidget()->geometry(), log = window.logDock()->geometry();

        // A first job with a short name: the jobs come to the front as a tab where the log was; the brain views and
        // the log's place keep their size.
        auto *first = new ScriptedJob(QStringLiteral("Open demo"), 1, QStringLiteral("reading"));
        window.startJob(first);
        QVERIFY(window.jobManager()->waitForAll(10000));
        QTRY_VERIFY(window.jobsDock()->isVisible());
        QVERIFY(window.tabifiedDockWidgets(window.logDock()).contains(window.jobsDock()));
        QCOMPARE(window.size(), size);
        QCOMPARE(window.centralWidget()->geometry(), central);
        QCOMPARE(window.jobsDock()->geometry().top(), log.top());
        QCOMPARE(window.jobsDock()->geometry().width(), log.width());
        QTest::qWait(200);
        const QSize minimum = window.minimumSizeHint(); // with the tab bar below the log and the jobs

        const QString message = longMessage();
        auto *running = new ScriptedJob(QStringLiteral("SE captions · brain · ") + message.left(400), 200, message);
        window.startJob(running);
        QTRY_VERIFY_WITH_TIMEOUT(running->statusText() == message, 10000);
        QTest::qWait(2 * vindex::studio::JobManager::kReportIntervalMs);
        verifyWindowKept(window, size, minimum, QStringLiteral("while a job with a long name and status runs"));
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(window.centralWidget()->geometry(), central);

        auto *failing = new ScriptedJob(QStringLiteral("SE captions · brain · subject 1 test split"), 2,
                                        QStringLiteral("decoding"), message);
        QSignalSpy ended(failing, &Job::ended);
        window.startJob(failing);
        QVERIFY(ended.wait(10000));
        QCOMPARE(failing->state(), Job::State::Failed);
        QCOMPARE(failing->errorText(), message);
        QTest::qWait(300);
        verifyWindowKept(window, size, minimum, QStringLiteral("after a job failed with a 2,000-character error"));
        if (QTest::currentTestFailed())
            return;

        auto *panel = window.jobsPanel();
        QCOMPARE(panel->currentJob(), failing);
        QLabel *heading = panel->headingLabel();
        QVERIFY(heading->text().endsWith(message));        // the whole text is the label's …
        QVERIFY(heading->width() < window.width());        // … drawn elided within the dock
        QVERIFY(heading->minimumSizeHint().width() < 100); // and asking for no width of its own
        // Its tool tip (asked for as the mouse rests on it) has the whole message.
        QVERIFY(qobject_cast<vindex::widgets::ElidedLabel *>(heading)->isElided());
        QHelpEvent help(QEvent::ToolTip, QPoint(10, 5), heading->mapToGlobal(QPoint(10, 5)));
        QApplication::sendEvent(heading, &help);
        QTRY_VERIFY(QToolTip::isVisible());
        QVERIFY(plain(QToolTip::text()).contains(message.right(60).toHtmlEscaped()));
        QToolTip::hideText();
        QVERIFY(panel->logView()->toPlainText().contains(message)); // and in the job's log (which wraps)
        QTreeWidgetItem *row = panel->jobList()->topLevelItem(2);
        QCOMPARE(row->text(1), QStringLiteral("Failed"));
        QVERIFY(plain(row->toolTip(1)).contains(message.right(60).toHtmlEscaped()));

        QImage image = window.capture();
        GuiTestSupport::keep(image, QStringLiteral("jobs-dock-long-failure"));
        QCOMPARE(image.size(), window.size() * window.devicePixelRatio());
        running->cancel();
        QVERIFY(window.jobManager()->waitForAll(10000));
        verifyWindowKept(window, size, minimum, QStringLiteral("after the cancel"));
        if (QTest::currentTestFailed())
            return;
    }

    // With the log closed, starting a job shows no jobs dock (it would need room of its own: the brain views would
    // shrink); the status bar says it started, and the window and its docks keep their sizes.
    void startingAJobPopsNoDockUp()
    {
        VINDEX_REQUIRE_OPENGL();
        MainWindow window;
        window.setScripted(true);
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.logDock()->toggleViewAction()->trigger(); // closed, as through View ▸ Log Panel
        QTRY_VERIFY(!window.logDock()->isVisible());
        QTest::qWait(200);
        const QSize size = window.size(), minimum = window.minimumSizeHint();
        const QRect central = window.centralWidget()->geometry();

        auto *job = new ScriptedJob(QStringLiteral("Score results.json"), 3, QStringLiteral("BLEU"));
        window.startJob(job);
        QVERIFY(!window.jobsDock()->isVisible());
        QVERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("Score results.json")));
        QVERIFY(window.jobManager()->waitForAll(10000));
        QTest::qWait(200);
        QVERIFY(!window.jobsDock()->isVisible());
        QCOMPARE(window.centralWidget()->geometry(), central);
        verifyWindowKept(window, size, minimum, QStringLiteral("after a job started with the log closed"));
        if (QTest::currentTestFailed())
            return;
    }

    // Jobs alike get distinct names, and the list cuts names in the middle: the ends that differ stay visible.
    void namesAlikeStayDistinguishable()
    {
        vindex::studio::JobManager manager;
        vindex::studio::JobsPanel panel(&manager);
        panel.resize(700, 300);
        const QString name = QStringLiteral("SE captions · brain · subject 1, 10 trials");
        Job *first = manager.add(new ScriptedJob(name, 1, {}));
        Job *second = manager.add(new ScriptedJob(name, 1, {}));
        Job *third = manager.add(new ScriptedJob(QStringLiteral("SE captions · brain · subject 1, 12 trials"), 1, {}));
        QCOMPARE(first->name(), name);
        QCOMPARE(second->name(), name + QStringLiteral(" (2)"));
        QVERIFY(manager.waitForAll(10000));

        QTreeWidget *list = panel.jobList();
        QCOMPARE(list->textElideMode(), Qt::ElideMiddle);
        // At a width that fits half of the name, the texts as the list draws them still differ.
        const QFontMetrics metrics(list->font());
        const int width = metrics.horizontalAdvance(name) / 2;
        QStringList shown;
        for (Job *job : {first, second, third})
            shown << metrics.elidedText(job->name(), list->textElideMode(), width);
        QCOMPARE(QSet<QString>(shown.begin(), shown.end()).size(), 3);
        for (int row = 0; row < 3; ++row)
            QVERIFY(
                plain(list->topLevelItem(row)->toolTip(0)).contains(list->topLevelItem(row)->text(0).toHtmlEscaped()));
    }

    // Paused: the Time column says "paused" (no time left, however long the pause); the time worked excludes the
    // pause; resumed it estimates again; an ended job says how long it ran ("ran 0:02"), never a time left.
    void pausedJobShowsNoTimeLeft()
    {
        vindex::studio::JobManager manager;
        vindex::studio::JobsPanel panel(&manager);
        auto *job = new ScriptedJob(QStringLiteral("Train SE encoder · subject 1"), 100, QStringLiteral("step"));
        manager.add(job);
        QTreeWidgetItem *row = panel.jobList()->topLevelItem(0);
        const int time = vindex::studio::JobsPanel::kTimeColumn;
        QCOMPARE(panel.jobList()->headerItem()->text(time), QStringLiteral("Time"));
        QTRY_VERIFY_WITH_TIMEOUT(job->etaSeconds() > 0, 10000);
        QVERIFY(row->text(time).endsWith(QStringLiteral(" left")));

        job->pause();
        QCOMPARE(job->state(), Job::State::Paused);
        QCOMPARE(row->text(time), QStringLiteral("paused"));
        QTest::qWait(1500);
        QCOMPARE(row->text(time), QStringLiteral("paused"));
        QVERIFY(job->elapsedSeconds() - job->workingSeconds() >= 1.4); // the pause is not work

        job->resume();
        QTRY_VERIFY_WITH_TIMEOUT(row->text(time).endsWith(QStringLiteral(" left")), 5000);

        job->cancel();
        QVERIFY(manager.waitForAll(10000));
        QCOMPARE(job->state(), Job::State::Cancelled);
        QVERIFY2(row->text(time).startsWith(QStringLiteral("ran ")), qPrintable(row->text(time)));
        QVERIFY(!row->text(time).contains(QStringLiteral("left")));

        auto *finished = new ScriptedJob(QStringLiteral("Report report.html"), 2, QStringLiteral("writing"));
        manager.add(finished);
        QVERIFY(manager.waitForAll(10000));
        QVERIFY(panel.jobList()->topLevelItem(1)->text(time).startsWith(QStringLiteral("ran ")));
    }

    // The step axis spans the steps seen with some room ahead — not the 10,000 steps planned — and never goes past
    // the planned steps.
    void lossChartAxisFollowsTheStepsSeen()
    {
        vindex::widgets::LossChart chart;
        chart.resize(600, 300);
        chart.setExpectedSteps(10000);
        QList<QPointF> points;
        for (int step = 1; step <= 30; ++step)
            points << QPointF(step, 2.0 / step);
        chart.addPoints(points, {});
        QVERIFY2(chart.stepAxis()->max() >= 30 && chart.stepAxis()->max() <= 60,
                 qPrintable(QString::number(chart.stepAxis()->max())));
        QCOMPARE(chart.stepAxis()->min(), 0.0);

        points.clear();
        for (int step = 31; step <= 9500; step += 1)
            points << QPointF(step, 0.01);
        chart.addPoints(points, {});
        QVERIFY2(chart.stepAxis()->max() >= 9500 && chart.stepAxis()->max() <= 10000,
                 qPrintable(QString::number(chart.stepAxis()->max())));

        chart.clear(); // another job: the axis starts small again
        chart.setExpectedSteps(5);
        chart.addPoints({QPointF(1, 1.0), QPointF(2, 0.5)}, {});
        QVERIFY2(chart.stepAxis()->max() >= 2 && chart.stepAxis()->max() <= 5,
                 qPrintable(QString::number(chart.stepAxis()->max())));
    }

    // The Train dialog checks the run folder as it is entered: one that holds a run already is refused before the
    // dialog closes, in the dialog's words (no command-line flags), with a button that continues that run instead; a
    // checkpoint to continue that does not exist is refused too.
    void trainDialogRefusesARunFolderThatHoldsARun()
    {
        const QString run = m_dir->filePath(QStringLiteral("run"));
        QVERIFY(QDir().mkpath(run));
        QFile last(QDir(run).filePath(QStringLiteral("last.safetensors")));
        QVERIFY(last.open(QIODevice::WriteOnly));
        last.close();

        vindex::studio::TrainDialog dialog(fixture(QStringLiteral("mini-nsd")), 1);
        dialog.modelEdit()->setPath(fixture(QStringLiteral("llava-tiny")));
        dialog.resumeEdit()->setPath(QString());
        dialog.outEdit()->setPath(m_dir->filePath(QStringLiteral("fresh")));
        QVERIFY(dialog.problemLabel()->isHidden());
        dialog.outEdit()->setPath(run);
        // Said as soon as the folder is entered.
        QVERIFY(!dialog.problemLabel()->isHidden());
        const QString problem = dialog.problemLabel()->text();
        QVERIFY2(problem.contains(QStringLiteral("holds a training run already")), qPrintable(problem));
        QVERIFY2(!problem.contains(QStringLiteral("--")), qPrintable(problem));
        QVERIFY(!dialog.continueRunButton()->isHidden());
        dialog.accept();
        QVERIFY(dialog.result() != QDialog::Accepted);

        dialog.continueRunButton()->click();
        QCOMPARE(dialog.resumeEdit()->path(), run);
        QVERIFY(dialog.problemLabel()->isHidden());
        QVERIFY(dialog.continueRunButton()->isHidden());

        dialog.resumeEdit()->setPath(m_dir->filePath(QStringLiteral("missing.safetensors")));
        QVERIFY(dialog.problemLabel()->text().contains(QStringLiteral("does not exist")));
        dialog.accept();
        QVERIFY(dialog.result() != QDialog::Accepted);

        dialog.resumeEdit()->setPath(run);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(QString::fromStdString(dialog.request().resume), run);
        QCOMPARE(QString::fromStdString(dialog.request().outDir), run);
    }

    // Cancel on a training job: the job says at which step it stopped, where that checkpoint is (the run folder's
    // last.safetensors, which the trainer wrote) and how to continue from it.
    void cancelledTrainingSaysWhereItsCheckpointIs()
    {
        if (!QFileInfo::exists(fixture(QStringLiteral("mini-nsd/expected.json"))) ||
            !QFileInfo::exists(fixture(QStringLiteral("llava-tiny/model.safetensors"))))
            QSKIP("fixtures not found");
        vindex::studio::JobManager manager;
        vindex::studio::JobsPanel panel(&manager);
        const QString out = m_dir->filePath(QStringLiteral("run"));
        auto *job = new vindex::studio::TrainJob(smallTraining(out, 500));
        manager.add(job);
        QTRY_VERIFY_WITH_TIMEOUT(job->trainLoss().size() >= 2, 120000);
        job->cancel();
        QVERIFY(manager.waitForAll(60000));
        QCOMPARE(job->state(), Job::State::Cancelled);
        const QString checkpoint = QDir(QFileInfo(out).absoluteFilePath()).filePath(QStringLiteral("last.safetensors"));
        QVERIFY(QFileInfo::exists(checkpoint));
        QCOMPARE(job->cancelledCheckpoint(), checkpoint);
        const QString step = QString::number(qRound64(job->trainLoss().last().x()));
        QVERIFY2(job->statusText().contains(QDir::toNativeSeparators(checkpoint)), qPrintable(job->statusText()));
        QVERIFY2(job->statusText().contains(QStringLiteral("step ") + step), qPrintable(job->statusText()));
        const QString log = panel.logView()->toPlainText();
        QVERIFY2(log.contains(QStringLiteral("Continue from: ") +
                              QDir::toNativeSeparators(QFileInfo(out).absoluteFilePath())),
                 qPrintable(log));
        QVERIFY(panel.headingLabel()->text().contains(QDir::toNativeSeparators(checkpoint)));
    }

    // A geometry saved larger than the screen (another screen, or a window that something had widened) comes back
    // fitted to the screen's available area.
    void savedGeometryLargerThanTheScreenIsFitted()
    {
        using vindex::studio::WindowLayoutStore;
        const QRect screen(0, 0, 1600, 900);
        QCOMPARE(WindowLayoutStore::fitToScreen(QRect(0, 0, 1280, 800), screen), QRect(0, 0, 1280, 800));
        QCOMPARE(WindowLayoutStore::fitToScreen(QRect(100, 50, 2367, 1000), screen), QRect(0, 0, 1600, 900));
        QCOMPARE(WindowLayoutStore::fitToScreen(QRect(900, 400, 1000, 700), screen), QRect(600, 200, 1000, 700));
        QCOMPARE(WindowLayoutStore::fitToScreen(QRect(-300, -20, 800, 600), screen), QRect(0, 0, 800, 600));

        VINDEX_REQUIRE_OPENGL();
        const QRect available = QGuiApplication::primaryScreen()->availableGeometry();
        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            window.setGeometry(QRect(available.topLeft(), available.size() + QSize(767, 300)));
            QTest::qWait(200);
            window.saveLayout();
        }
        MainWindow restarted;
        restarted.show();
        QVERIFY(QTest::qWaitForWindowExposed(&restarted));
        QTest::qWait(200);
        QVERIFY2(restarted.frameGeometry().width() <= available.width() &&
                     restarted.frameGeometry().height() <= available.height(),
                 qPrintable(QStringLiteral("%1×%2 on a screen of %3×%4")
                                .arg(restarted.frameGeometry().width())
                                .arg(restarted.frameGeometry().height())
                                .arg(available.width())
                                .arg(available.height())));
        QVERIFY(available.contains(restarted.frameGeometry()));
    }
};

VINDEX_GUI_TEST_MAIN(JobsDockTest)
#include "JobsDockTest.moc"
