// Jobs in the studio: training from the GUI with its live loss curve, pause / resume / cancel (the checkpoint is
// written), closing the window while jobs run, the decode panel on mini-nsd (brain path, stimulus upper bound and
// an image file against llava-tiny's reference text, every configuration of the method on offer), core's errors shown
// in the panel, and an event loop that keeps answering while a decoding and a training job run; Cancel ends an
// evaluation and a dataset opening within a second, and the window goes on working. Every test uses its own settings
// and folders.
#include "GuiTestSupport.h"

#include "DatasetController.h"
#include "DecodeJob.h"
#include "DecodePanel.h"
#include "EvaluateJob.h"
#include "Job.h"
#include "JobManager.h"
#include "JobOutputTable.h"
#include "JobsPanel.h"
#include "LossChart.h"
#include "MainWindow.h"
#include "OpenDatasetJob.h"
#include "PathEdit.h"
#include "ResultsController.h"
#include "SpaceOptions.h"
#include "StudioSettings.h"
#include "TrainDialog.h"
#include "TrainJob.h"
#include "TrialBrowser.h"
#include "TrialTableModel.h"

#include "vindex/data/NsdDatasetWriter.h"
#include "vindex/data/SyntheticNsd.h"
#include "vindex/decode/CaptionRun.h"
#include "vindex/decode/PromptPreset.h"

#include <QComboBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTimer>
#include <QTreeWidget>

#include <cmath>
#include <cstring>
#include <functional>
#include <iterator>
#include <memory>

using vindex::studio::DecodeJob;
using vindex::studio::DecodePanel;
using vindex::studio::Job;
using vindex::studio::MainWindow;
using vindex::studio::StudioSettings;
using vindex::studio::TrainJob;

class JobsTest : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;

    static QString fixture(const QString &name) { return QDir(GuiTestSupport::fixturesDir()).filePath(name); }
    static bool hasFixtures()
    {
        return QFileInfo::exists(fixture(QStringLiteral("mini-nsd/expected.json"))) &&
               QFileInfo::exists(fixture(QStringLiteral("llava-tiny/model.safetensors"))) &&
               QFileInfo::exists(fixture(QStringLiteral("brain-tiny/brainxs_init.safetensors")));
    }

    // The project's own fixtures (tests/fixtures, each made by a script under tests/reference).
    static QString projectFixture(const QString &name)
    {
        return QFileInfo(QStringLiteral(__FILE__)).dir().filePath(QStringLiteral("../fixtures/") + name);
    }

    // An int64 tensor of a .safetensors file, flattened (empty when it is not there).
    static std::vector<int64_t> readInt64(const QString &path, const QString &name)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        const QByteArray bytes = file.readAll();
        quint64 headerSize = 0;
        std::memcpy(&headerSize, bytes.constData(), 8);
        const QJsonObject info =
            QJsonDocument::fromJson(bytes.mid(8, static_cast<qsizetype>(headerSize))).object()[name].toObject();
        if (info[QStringLiteral("dtype")].toString() != QLatin1String("I64"))
            return {};
        const QJsonArray offsets = info[QStringLiteral("data_offsets")].toArray();
        const QByteArray data = bytes.mid(static_cast<qsizetype>(8 + headerSize + offsets[0].toInteger()),
                                          offsets[1].toInteger() - offsets[0].toInteger());
        std::vector<int64_t> values(static_cast<std::size_t>(data.size()) / 8);
        std::memcpy(values.data(), data.constData(), values.size() * 8);
        return values;
    }

    static QJsonObject readJson(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return QJsonDocument::fromJson(file.readAll()).object();
    }

    // brain-tiny's BrainXS (16 tokens × 64: what llava-tiny's SE space takes) with its input layer lin2 resized to
    // `voxels` inputs, written from brainxs_init.safetensors byte by byte (as tests/e2e/CaptionRunTest.cpp does).
    static bool writeEncoder(const QString &path, int voxels)
    {
        QFile in(fixture(QStringLiteral("brain-tiny/brainxs_init.safetensors")));
        if (!in.open(QIODevice::ReadOnly))
            return false;
        const QByteArray bytes = in.readAll();
        quint64 headerSize = 0;
        std::memcpy(&headerSize, bytes.constData(), 8);
        const QJsonObject header = QJsonDocument::fromJson(bytes.mid(8, static_cast<qsizetype>(headerSize))).object();
        const QByteArray data = bytes.mid(8 + static_cast<qsizetype>(headerSize));
        QJsonObject out;
        QByteArray payload;
        for (auto it = header.begin(); it != header.end(); ++it) {
            if (it.key() == QLatin1String("__metadata__"))
                continue;
            QJsonObject info = it.value().toObject();
            QByteArray tensor;
            if (it.key() == QLatin1String("lin2.weight")) {
                info[QStringLiteral("shape")] = QJsonArray{64, voxels};
                for (int i = 0; i < 64 * voxels; ++i) {
                    const float value = 0.01f * static_cast<float>((i * 37) % 19 - 9);
                    tensor.append(reinterpret_cast<const char *>(&value), 4);
                }
            } else {
                const QJsonArray offsets = info[QStringLiteral("data_offsets")].toArray();
                tensor = data.mid(offsets[0].toInteger(), offsets[1].toInteger() - offsets[0].toInteger());
            }
            info[QStringLiteral("data_offsets")] = QJsonArray{payload.size(), payload.size() + tensor.size()};
            out[it.key()] = info;
            payload += tensor;
        }
        QByteArray json = QJsonDocument(out).toJson(QJsonDocument::Compact);
        while (json.size() % 8)
            json.append(' ');
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return false;
        const quint64 size = static_cast<quint64>(json.size());
        file.write(reinterpret_cast<const char *>(&size), 8);
        file.write(json);
        file.write(payload);
        return true;
    }

    // A small BrainXS on mini-nsd subject 1 (217 voxels, 3 training trials: 3 steps per epoch at batch 1) with
    // llava-tiny's SE targets; one CPU thread.
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

    static bool openAndSettle(MainWindow &window)
    {
        QSignalSpy settled(&window, &MainWindow::datasetSettled);
        window.openDataset(fixture(QStringLiteral("mini-nsd")));
        return settled.wait(60000) && !window.isDatasetBusy();
    }

    // The decode panel set up for llava-tiny on the open subject, results under the test's folder.
    void setUpDecoding(MainWindow &window, const QString &encoder, int maxTokens)
    {
        DecodePanel *panel = window.decodePanel();
        panel->modelEdit()->setPath(fixture(QStringLiteral("llava-tiny")));
        QVERIFY(vindex::studio::SpaceOptions::select(panel->spaceCombo(), QStringLiteral("se")));
        panel->encoderEdit()->setPath(encoder);
        panel->headsSpin()->setValue(4);
        panel->headWidthSpin()->setValue(16);
        panel->maxTokensSpin()->setValue(maxTokens);
        panel->batchSpin()->setValue(2);
        panel->outputEdit()->setPath(m_dir->filePath(QStringLiteral("decoded")));
    }

    static void chooseInput(DecodePanel *panel, int kind) { panel->inputCombo()->setCurrentIndex(kind); }

    // What core's CaptionRun gives for the same request (no results file).
    static vindex::decode::CaptionRunResult coreCaptions(const vindex::decode::CaptionRunRequest &asked)
    {
        vindex::decode::CaptionRunRequest request = asked;
        request.resultsPath.clear();
        request.job = nullptr;
        return vindex::decode::CaptionRun::run(request);
    }

    struct Gaps {
        qint64 ticks = 0, longest = 0, measured = 0;
    };
    // Runs the event loop for up to `milliseconds` while keepGoing() holds, with a 10 ms timer: how often it fired
    // and the longest wait between two firings.
    static Gaps measureGaps(int milliseconds, const std::function<bool()> &keepGoing)
    {
        Gaps gaps;
        QElapsedTimer clock;
        qint64 last = 0;
        QTimer timer;
        timer.setInterval(10);
        timer.setTimerType(Qt::PreciseTimer);
        QObject::connect(&timer, &QTimer::timeout, &timer, [&] {
            const qint64 now = clock.elapsed();
            gaps.longest = std::max(gaps.longest, now - last);
            last = now;
            ++gaps.ticks;
        });
        clock.start();
        timer.start();
        while (keepGoing() && clock.elapsed() < milliseconds) {
            QTest::qWait(20);
            gaps.measured = clock.elapsed();
        }
        return gaps;
    }

    // A scripted main window (no dialogs, no settings written) shown with mini-nsd open.
    static bool showWithMiniNsd(MainWindow &window, QSize size = {})
    {
        window.setScripted(true);
        if (size.isValid())
            window.resize(size);
        window.show();
        return QTest::qWaitForWindowExposed(&window) && openAndSettle(window);
    }

    // A caption run folder that takes seconds to score with BLEU, ROUGE-L, CIDEr and METEOR: `trials` captions of
    // 40 words, eight references of 40 words each (words drawn by a fixed LCG), the references named by the run's
    // manifest. Few ids and long captions: reading the files stays short, the scorers' loops are long.
    static bool writeLargeCaptionRun(const QString &folder, int trials)
    {
        static const char *const words[] = {"a",     "the",   "man",    "woman",   "dog",   "cat",  "sits",
                                            "on",    "in",    "near",   "with",    "red",   "blue", "green",
                                            "large", "small", "table",  "street",  "field", "bus",  "train",
                                            "plate", "pizza", "people", "group",   "of",    "two",  "riding",
                                            "kite",  "beach", "wave",   "holding", "next",  "to",   "water"};
        quint32 state = 12345;
        const auto sentence = [&] {
            QStringList sentence;
            for (int w = 0; w < 40; ++w) {
                state = state * 1664525u + 1013904223u;
                sentence << QString::fromLatin1(words[(state >> 16) % std::size(words)]);
            }
            return sentence.join(QLatin1Char(' ')) + QLatin1Char('.');
        };
        QJsonObject results, references;
        for (int i = 0; i < trials; ++i) {
            results[QString::number(i)] = sentence();
            QJsonArray set;
            for (int r = 0; r < 8; ++r)
                set << sentence();
            references[QString::number(i)] = set;
        }
        const auto write = [](const QString &path, const QJsonObject &object) {
            QFile file(path);
            return file.open(QIODevice::WriteOnly) && file.write(QJsonDocument(object).toJson()) > 0;
        };
        QDir dir(folder);
        return dir.mkpath(QStringLiteral("run")) &&
               write(dir.filePath(QStringLiteral("references.json")), references) &&
               write(dir.filePath(QStringLiteral("run/results.json")), results) &&
               write(dir.filePath(QStringLiteral("run/manifest.json")),
                     {{QStringLiteral("label"), QStringLiteral("large")},
                      {QStringLiteral("references"), QStringLiteral("../references.json")}});
    }

    // Cancels a running job and measures until it has ended: milliseconds, or -1 when it did not end in 10 s.
    static qint64 cancelAndTime(Job *job)
    {
        QSignalSpy ended(job, &Job::ended);
        QElapsedTimer clock;
        clock.start();
        job->cancel();
        if (ended.isEmpty() && !ended.wait(10000))
            return -1;
        return clock.elapsed();
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

    // Cancel on an evaluation (File ▸ Load Results… of a large caption run) ends it within a second wherever it is —
    // reading and tokenizing, BLEU, ROUGE-L, CIDEr, METEOR — as Cancelled, nothing half-scored shown; afterwards
    // another result loads.
    void cancelStopsAnEvaluationWithinASecond()
    {
        VINDEX_REQUIRE_OPENGL();
        QVERIFY(writeLargeCaptionRun(m_dir->filePath(QStringLiteral("large")), 3000));
        MainWindow window;
        window.setScripted(true);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        vindex::studio::ResultsController *results = window.resultsController();
        for (int delay : {50, 400, 900, 1500, 2200, 3000, 4500}) {
            QSignalSpy idle(results, &vindex::studio::ResultsController::idle);
            results->load({m_dir->filePath(QStringLiteral("large/run"))});
            auto *job = qobject_cast<vindex::studio::EvaluateJob *>(
                window.jobManager()->jobs().value(window.jobManager()->jobs().size() - 1));
            QVERIFY(job);
            QTest::qWait(delay);
            QVERIFY2(job->state() == Job::State::Running,
                     qPrintable(QStringLiteral("scored within %1 ms: make the input bigger").arg(delay)));
            const QString during = job->statusText();
            const qint64 took = cancelAndTime(job);
            qInfo("cancelled %d ms after the start (%s): ended after %lld ms", delay, qPrintable(during), took);
            QVERIFY2(took >= 0 && took <= 1000, qPrintable(QStringLiteral("cancelled %1 ms after the start (%2): ended "
                                                                          "after %3 ms")
                                                               .arg(delay)
                                                               .arg(during)
                                                               .arg(took)));
            QCOMPARE(job->state(), Job::State::Cancelled);
            QVERIFY(!idle.isEmpty() || idle.wait(10000));
        }
        QVERIFY(results->results().isEmpty());

        // The window goes on: a small run is loaded and scored (a caption equal to its reference: BLEU-4 = 1).
        QDir dir(m_dir->filePath(QStringLiteral("small")));
        QVERIFY(dir.mkpath(QStringLiteral("run")));
        QFile references(dir.filePath(QStringLiteral("references.json")));
        QVERIFY(references.open(QIODevice::WriteOnly));
        references.write(R"({"0": ["a red circle on a grey background"], "1": ["a green square"]})");
        references.close();
        QFile captions(dir.filePath(QStringLiteral("run/results.json")));
        QVERIFY(captions.open(QIODevice::WriteOnly));
        captions.write(R"({"0": "a red circle on a grey background", "1": "a blue square"})");
        captions.close();
        QFile manifest(dir.filePath(QStringLiteral("run/manifest.json")));
        QVERIFY(manifest.open(QIODevice::WriteOnly));
        manifest.write(R"({"label": "small", "references": "../references.json"})");
        manifest.close();
        QSignalSpy loaded(results, &vindex::studio::ResultsController::loaded);
        results->load({dir.filePath(QStringLiteral("run"))});
        QVERIFY(loaded.wait(60000));
        QCOMPARE(results->results().size(), 1);
        const auto &small = *results->results().at(0);
        QVERIFY(std::abs(small.trialScores.value(0).value(small.scoreIndex(QStringLiteral("BLEU-4"))) - 1.0) < 1e-6);
    }

    // Cancel on a dataset opening (eight subjects in every layout) ends it within a second, at once and after it
    // has opened some subjects' layouts, as Cancelled with no dataset taken over; afterwards mini-nsd opens.
    void cancelStopsADatasetOpeningWithinASecond()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!QFileInfo::exists(fixture(QStringLiteral("mini-nsd/expected.json"))))
            QSKIP("mini-nsd fixture not found");
        const QString root = m_dir->filePath(QStringLiteral("eight-subjects"));
        vindex::data::SyntheticNsdOptions options;
        options.subjects = {1, 2, 3, 4, 5, 6, 7, 8};
        options.voxels = 16;
        options.trials = 9000;
        options.imageSize = 16;
        vindex::data::NsdDatasetWriter::write(root.toStdString(), vindex::data::SyntheticNsd::describe(options));

        MainWindow window;
        window.setScripted(true);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        for (const bool atOnce : {true, false}) {
            QSignalSpy cancelled(window.datasetController(), &vindex::studio::DatasetController::openCancelled);
            window.openDataset(root);
            vindex::studio::OpenDatasetJob *job = window.datasetController()->openJob();
            QVERIFY(job);
            // NsdInventory's progress names the subject and layout it opens: wait for subject 2 or later.
            static const QRegularExpression later(QStringLiteral("^subj0[2-8] "));
            if (!atOnce)
                QTRY_VERIFY_WITH_TIMEOUT(later.match(job->statusText()).hasMatch() || !job->isActive(), 30000);
            QVERIFY2(job->state() == Job::State::Running, "opened before the cancel: make the dataset bigger");
            const QString during = job->statusText();
            const qint64 took = cancelAndTime(job);
            qInfo("cancelled during '%s': ended after %lld ms", qPrintable(during), took);
            QVERIFY2(took >= 0 && took <= 1000,
                     qPrintable(QStringLiteral("cancelled during '%1': ended after %2 ms").arg(during).arg(took)));
            QCOMPARE(job->state(), Job::State::Cancelled);
            QTRY_VERIFY(!window.isDatasetBusy());
            QCOMPARE(cancelled.size(), 1);
            QVERIFY(!window.datasetController()->isOpen());
        }

        QVERIFY(openAndSettle(window));
        QCOMPARE(window.datasetController()->dataset().root,
                 QFileInfo(fixture(QStringLiteral("mini-nsd"))).absoluteFilePath());
        QVERIFY(window.trialBrowser()->model()->rowCount() > 0);
    }

    // A training job: points on its loss chart (the same losses the run logs to train_log.jsonl), validation
    // points per epoch, pause stops the steps, resume continues, cancel ends it with its checkpoint written at the
    // step reached.
    void trainingShowsItsLossCurveAndPausesResumesCancels()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!hasFixtures())
            QSKIP("fixtures not found");
        MainWindow window;
        window.setScripted(true);
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QString out = m_dir->filePath(QStringLiteral("run"));
        auto *job = qobject_cast<TrainJob *>(window.startTraining(smallTraining(out, 500)));
        QVERIFY(job);
        QVERIFY(window.jobsDock()->isVisible());
        auto *panel = window.jobsPanel();
        QCOMPARE(panel->currentJob(), job);
        QCOMPARE(panel->jobList()->topLevelItemCount(), 1);
        auto *chart = panel->lossChart();
        QVERIFY(chart->isVisible());

        QTRY_VERIFY_WITH_TIMEOUT(chart->trainPointCount() >= 7 && chart->validationPointCount() >= 2, 120000);
        QCOMPARE(job->state(), Job::State::Running);
        QVERIFY(job->etaSeconds() > 0);
        QVERIFY(panel->progressBarOf(job)->value() >= 0);
        QVERIFY(panel->pauseButton()->isEnabled());

        // Pause: the trainer stops at its next step and no points come.
        panel->pauseButton()->click();
        QCOMPARE(job->state(), Job::State::Paused);
        QCOMPARE(panel->pauseButton()->text(), QStringLiteral("Resume"));
        QTRY_VERIFY_WITH_TIMEOUT(job->statusText().startsWith(QStringLiteral("Paused at step")), 30000);
        const int frozen = chart->trainPointCount();
        QTest::qWait(800);
        QCOMPARE(chart->trainPointCount(), frozen);

        // Resume: it goes on.
        panel->pauseButton()->click();
        QCOMPARE(job->state(), Job::State::Running);
        QTRY_VERIFY_WITH_TIMEOUT(chart->trainPointCount() > frozen + 2, 60000);

        // Cancel: the run saves the step reached.
        panel->cancelButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(job->state() == Job::State::Cancelled, 60000);
        QVERIFY(!panel->cancelButton()->isEnabled());
        QCOMPARE(panel->jobList()->topLevelItem(0)->text(1), QStringLiteral("Cancelled"));
        QVERIFY(QFileInfo::exists(QDir(out).filePath(QStringLiteral("last.safetensors"))));
        const QJsonObject last = readJson(QDir(out).filePath(QStringLiteral("last.json")));
        const qint64 savedStep = last[QStringLiteral("history")][QStringLiteral("global_step")].toInteger(-1);
        QCOMPARE(savedStep, static_cast<qint64>(job->trainLoss().last().x()));

        // The curve is the run's own log: every step's loss in train_log.jsonl, at its global step.
        QFile log(QDir(out).filePath(QStringLiteral("train_log.jsonl")));
        QVERIFY(log.open(QIODevice::ReadOnly));
        QList<QPointF> logged;
        for (const QByteArray &line : log.readAll().split('\n')) {
            const QJsonObject entry = QJsonDocument::fromJson(line).object();
            if (entry[QStringLiteral("event")].toString() == QLatin1String("step"))
                logged << QPointF(entry[QStringLiteral("global_step")].toDouble(),
                                  entry[QStringLiteral("loss")].toDouble());
        }
        QCOMPARE(chart->trainPointCount(), static_cast<int>(logged.size()));
        for (int i = 0; i < logged.size(); ++i) {
            QCOMPARE(chart->trainSeries()->at(i).x(), logged[i].x());
            QCOMPARE(chart->trainSeries()->at(i).y(), logged[i].y());
        }
        QVERIFY(panel->logView()->toPlainText().contains(QStringLiteral("validation loss")));
    }

    // Closing the window while a job runs asks first; "Keep Running" keeps the window and the job, "Cancel Jobs
    // and Quit" stops the job (its checkpoint written) and closes. A scripted window cancels without asking.
    void closingAsksBeforeCancellingJobs()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!hasFixtures())
            QSKIP("fixtures not found");
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QString out = m_dir->filePath(QStringLiteral("run"));
        auto *job = qobject_cast<TrainJob *>(window.startTraining(smallTraining(out, 500)));
        QTRY_VERIFY_WITH_TIMEOUT(job->trainLoss().size() >= 2, 120000);

        const auto answer = [](const QString &button) {
            QTimer::singleShot(200, [button] {
                auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
                QVERIFY(box);
                QVERIFY(box->text().contains(QStringLiteral("1 job")));
                for (QAbstractButton *candidate : box->buttons())
                    if (candidate->text() == button)
                        candidate->click();
            });
        };
        answer(QStringLiteral("Keep Running"));
        QVERIFY(!window.close());
        QVERIFY(window.isVisible());
        QVERIFY(job->isActive());

        answer(QStringLiteral("Cancel Jobs and Quit"));
        QVERIFY(window.close());
        QCOMPARE(job->state(), Job::State::Cancelled);
        QVERIFY(QFileInfo::exists(QDir(out).filePath(QStringLiteral("last.safetensors"))));

        MainWindow scripted;
        scripted.setScripted(true);
        scripted.show();
        QVERIFY(QTest::qWaitForWindowExposed(&scripted));
        auto *second = scripted.startTraining(smallTraining(m_dir->filePath(QStringLiteral("run2")), 500));
        QTRY_VERIFY_WITH_TIMEOUT(qobject_cast<TrainJob *>(second)->trainLoss().size() >= 1, 120000);
        QVERIFY(scripted.close()); // no question
        QCOMPARE(second->state(), Job::State::Cancelled);
    }

    // The decode panel on mini-nsd subject 1: a test trial through the brain encoder and another through its
    // stimulus image. The captions shown (panel and jobs dock) are core's CaptionRun's for the same inputs, the
    // results file in BrainHub's layout holds them with its manifest, and the job finishes in the dock.
    void decodePanelCaptionsTrialsAsCoreDoes()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!hasFixtures())
            QSKIP("fixtures not found");
        const QString encoder = m_dir->filePath(QStringLiteral("brain217.safetensors"));
        QVERIFY(writeEncoder(encoder, 217));
        MainWindow window;
        QVERIFY(showWithMiniNsd(window));
        DecodePanel *panel = window.decodePanel();
        setUpDecoding(window, encoder, 8);

        struct Case {
            int input;
            qint64 trial;
        };
        QStringList texts;
        for (const Case &c : {Case{0, 2}, Case{1, 4}}) {
            chooseInput(panel, c.input);
            QVERIFY(window.trialBrowser()->selectTrial(c.trial));
            QVERIFY(panel->sourceLabel()->text().contains(QStringLiteral("current trial %1").arg(c.trial)));
            QSignalSpy written(&window, &MainWindow::resultsWritten);
            auto *job = qobject_cast<DecodeJob *>(panel->decode(DecodePanel::Scope::CurrentTrial));
            QVERIFY2(job, qPrintable(panel->messageLabel()->text()));
            QCOMPARE(window.jobsPanel()->currentJob(), job);
            QTRY_VERIFY_WITH_TIMEOUT(!job->isActive(), 120000);
            QVERIFY2(job->state() == Job::State::Finished, qPrintable(job->errorText()));
            QCOMPARE(written.size(), 1);

            const auto expected = coreCaptions(job->request());
            QCOMPARE(expected.captions.size(), std::size_t(1));
            const QString text = QString::fromStdString(expected.captions.front().text);
            QCOMPARE(QString::fromStdString(expected.captions.front().key), QString::number(c.trial));
            QCOMPARE(panel->captionTable()->texts(), QStringList{text});
            QCOMPARE(window.jobsPanel()->outputTable()->texts(), QStringList{text});
            QVERIFY(panel->captionTable()->item(0, 0)->text().contains(QStringLiteral("test %1").arg(c.trial)));

            const QString results = written.first().at(0).toString();
            QCOMPARE(QFileInfo(results).fileName(), QStringLiteral("sub01_decoded_caption.json"));
            const QJsonObject file = readJson(results);
            QCOMPARE(file.keys(), QStringList{QString::number(c.trial)});
            QCOMPARE(file[QString::number(c.trial)].toString(), text);
            const QJsonObject manifest = readJson(results + QStringLiteral(".manifest.json"));
            QCOMPARE(
                manifest[QStringLiteral("fingerprint")][QStringLiteral("inputs")][QStringLiteral("kind")].toString(),
                c.input == 0 ? QStringLiteral("brain") : QStringLiteral("stimuli"));
            QCOMPARE(window.jobsPanel()->jobList()->currentItem()->text(1), QStringLiteral("Finished"));
            QCOMPARE(window.jobsPanel()->progressBarOf(job)->value(), 1000);
            texts << text;
        }
        QVERIFY(texts[0] != texts[1]); // the brain and the image gave the model different tokens

        // Offered as a loaded result: Load as Result hands the file to the results side (which scores it against
        // BrainHub's references of the same test indices).
        QVERIFY(panel->loadResultButton()->isVisible());
        const QString brainHub = QDir(GuiTestSupport::fixturesDir()).filePath(QStringLiteral("../brainhub"));
        if (!QFileInfo::exists(QDir(brainHub).filePath(QStringLiteral("caption/fmri_cococap.json"))))
            QSKIP("BrainHub folder not found");
        StudioSettings().setBrainHubFolder(QFileInfo(brainHub).canonicalFilePath());
        QSignalSpy loaded(window.resultsController(), &vindex::studio::ResultsController::loaded);
        QSignalSpy failed(window.resultsController(), &vindex::studio::ResultsController::loadFailed);
        panel->loadResultButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(loaded.size() + failed.size() > 0, 60000);
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(1).toString()));
        QVERIFY(window.resultsController()->paths().contains(loaded.first().at(0).toString()));
    }

    // An image file through the decode panel gives llava-tiny's reference text (24 greedy tokens, default prompt).
    void decodePanelImageGivesTheReferenceText()
    {
        if (!hasFixtures())
            QSKIP("fixtures not found");
        DecodePanel panel;
        QList<vindex::studio::Job *> requested;
        connect(&panel, &DecodePanel::jobRequested, &panel, [&](vindex::studio::Job *job) { requested << job; });
        vindex::studio::JobManager manager;
        connect(&panel, &DecodePanel::jobRequested, &manager, &vindex::studio::JobManager::add);
        panel.modelEdit()->setPath(fixture(QStringLiteral("llava-tiny")));
        chooseInput(&panel, 2);
        panel.imageEdit()->setPath(fixture(QStringLiteral("llava-tiny/image.png")));
        panel.maxTokensSpin()->setValue(24);
        panel.outputEdit()->setPath(m_dir->filePath(QStringLiteral("decoded")));
        auto *job = qobject_cast<DecodeJob *>(panel.decode(DecodePanel::Scope::CurrentTrial));
        QVERIFY2(job, qPrintable(panel.messageLabel()->text()));
        QCOMPARE(requested.size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!job->isActive(), 120000);
        QVERIFY2(job->state() == Job::State::Finished, qPrintable(job->errorText()));
        const QJsonObject reference = readJson(fixture(QStringLiteral("llava-tiny/expected.json")));
        QCOMPARE(panel.captionTable()->texts(),
                 QStringList{reference[QStringLiteral("generated_text")].toString().trimmed()});
        QVERIFY(QFileInfo::exists(job->resultsPath()));
    }

    // Issue 15, acceptance 5: the panel offers every configuration of the method. The spaces SE, ME, AF, NF for
    // LLaVA-family models — LLaVA-NeXT in both layouts among them — and Shikra's for Shikra; NF at M3's five scales;
    // the method's prompts (PromptPreset.h) as presets with its 512 new tokens; ME with the method's folder of two
    // encoders and a torch.hub DINOv2 file, run to mmvp-tiny's reference ids (made by MMVP's and UMBRAE's code).
    void decodePanelOffersEveryConfiguration()
    {
        if (!hasFixtures() || !QFileInfo::exists(projectFixture(QStringLiteral("mmvp-tiny/expected.safetensors"))))
            QSKIP("fixtures not found");
        DecodePanel panel;
        vindex::studio::JobManager manager;
        connect(&panel, &DecodePanel::jobRequested, &manager, &vindex::studio::JobManager::add);
        QCOMPARE(panel.maxTokensSpin()->value(), 512); // the method's max_new_tokens

        QStringList spaces;
        for (int row = 0; row < panel.spaceCombo()->count(); ++row)
            spaces << panel.spaceCombo()->itemData(row).toString();
        QCOMPARE(spaces, (QStringList{QStringLiteral("se"), QStringLiteral("me"), QStringLiteral("af"),
                                      QStringLiteral("nf"), QStringLiteral("shikra"), QStringLiteral("ground")}));
        QList<int> scales;
        for (int row = 0; row < panel.scaleCombo()->count(); ++row)
            if (panel.scaleCombo()->itemData(row).toInt() > 0)
                scales << panel.scaleCombo()->itemData(row).toInt();
        QCOMPARE(scales, (QList<int>{1, 9, 36, 144, 576}));
        QVERIFY(vindex::studio::SpaceOptions::select(panel.spaceCombo(), QStringLiteral("nf")));
        QVERIFY(panel.scaleCombo()->isEnabled());

        // Which spaces a model can take: nothing filters LLaVA-NeXT out, Shikra models get Shikra's spaces and
        // its prompt.
        const auto offered = [&panel] {
            QStringList enabled;
            auto *items = qobject_cast<QStandardItemModel *>(panel.spaceCombo()->model());
            for (int row = 0; row < panel.spaceCombo()->count(); ++row)
                if (items->item(row)->isEnabled())
                    enabled << panel.spaceCombo()->itemData(row).toString();
            return enabled;
        };
        const QStringList llava{QStringLiteral("se"), QStringLiteral("me"), QStringLiteral("af"), QStringLiteral("nf")};
        const QString simple = QString::fromStdString(vindex::decode::promptPreset("simple").prompt);
        const QString detail = QString::fromStdString(vindex::decode::promptPreset("detail").prompt);
        panel.modelEdit()->setPath(fixture(QStringLiteral("shikra-tiny")));
        QCOMPARE(offered(), (QStringList{QStringLiteral("shikra"), QStringLiteral("ground")}));
        QCOMPARE(panel.spaceCombo()->currentData().toString(), QStringLiteral("shikra"));
        QCOMPARE(panel.presetCombo()->currentData().toString(), QStringLiteral("simple"));
        QCOMPARE(panel.promptEdit()->text(), simple);
        for (const QString &model :
             {projectFixture(QStringLiteral("llava-next-tiny/original")),
              projectFixture(QStringLiteral("llava-next-tiny/hf")), fixture(QStringLiteral("llava-tiny"))}) {
            panel.modelEdit()->setPath(model);
            QCOMPARE(offered(), llava);
            QCOMPARE(panel.spaceCombo()->currentData().toString(), QStringLiteral("se"));
            QCOMPARE(panel.promptEdit()->text(), detail);
        }

        // Each preset fills the prompt with its text; a prompt of one's own is Custom and stays when the space
        // changes.
        for (const vindex::decode::PromptPreset &preset : vindex::decode::promptPresets()) {
            QVERIFY(vindex::studio::SpaceOptions::select(panel.presetCombo(), QString::fromStdString(preset.name)));
            QCOMPARE(panel.promptEdit()->text(), QString::fromStdString(preset.prompt));
        }
        QTest::keyClicks(panel.promptEdit(), QStringLiteral(" Be brief."));
        QCOMPARE(panel.presetCombo()->currentData().toString(), QString());
        QVERIFY(vindex::studio::SpaceOptions::select(panel.spaceCombo(), QStringLiteral("af")));
        QVERIFY(panel.promptEdit()->text().endsWith(QStringLiteral(" Be brief.")));
        QVERIFY(vindex::studio::SpaceOptions::select(panel.presetCombo(), QStringLiteral("detail")));
        QCOMPARE(panel.promptEdit()->text(), detail);

        // ME: an MMVP folder as released (llava-tiny + dino_mm_projector.bin, no mm_dino_tower), the method's
        // --brainx_path folder and DINOv2's torch.hub file; the DINOv2 field only counts for ME.
        const QString mmvp = m_dir->filePath(QStringLiteral("mmvp"));
        QVERIFY(QDir().mkpath(mmvp));
        QJsonObject config = readJson(fixture(QStringLiteral("llava-tiny/config.json")));
        config[QStringLiteral("mm_vision_tower")] =
            QFileInfo(fixture(QStringLiteral("clip-vit-tiny"))).absoluteFilePath();
        QFile configFile(QDir(mmvp).filePath(QStringLiteral("config.json")));
        QVERIFY(configFile.open(QIODevice::WriteOnly));
        configFile.write(QJsonDocument(config).toJson());
        configFile.close();
        for (const QString &name : {QStringLiteral("model.safetensors"), QStringLiteral("tokenizer.model")})
            QVERIFY(QFile::link(QFileInfo(fixture(QStringLiteral("llava-tiny/") + name)).absoluteFilePath(),
                                QDir(mmvp).filePath(name)));
        QVERIFY(QFile::copy(projectFixture(QStringLiteral("mmvp-tiny/dino_mm_projector.bin")),
                            QDir(mmvp).filePath(QStringLiteral("dino_mm_projector.bin"))));
        const QString encoders = projectFixture(QStringLiteral("mmvp-tiny/sub01_dim64"));
        const QString dino = projectFixture(QStringLiteral("mmvp-tiny/dinov2_tiny_pretrain.pth"));
        panel.modelEdit()->setPath(mmvp);
        QVERIFY(vindex::studio::SpaceOptions::select(panel.spaceCombo(), QStringLiteral("me")));
        QVERIFY(panel.dinoEdit()->isEnabled());
        chooseInput(&panel, 0);
        panel.encoderEdit()->setPath(encoders);
        panel.dinoEdit()->setPath(dino);
        panel.headsSpin()->setValue(2);
        panel.headWidthSpin()->setValue(16);
        panel.maxTokensSpin()->setValue(16);
        panel.outputEdit()->setPath(m_dir->filePath(QStringLiteral("decoded")));
        panel.setTrialSource({fixture(QStringLiteral("mini-nsd")), 1, QStringLiteral("test"), {}});
        panel.setTrialSelection(0, {0});
        panel.resize(560, 760);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));

        auto *job = qobject_cast<DecodeJob *>(panel.decode(DecodePanel::Scope::CurrentTrial));
        QVERIFY2(job, qPrintable(panel.messageLabel()->text()));
        QCOMPARE(job->request().space, std::string("me"));
        QCOMPARE(QString::fromStdString(job->request().brainCheckpoint), encoders);
        QCOMPARE(QString::fromStdString(job->request().dinoTower), dino);
        QCOMPARE(QString::fromStdString(job->request().prompt), detail);
        QTRY_VERIFY_WITH_TIMEOUT(!job->isActive(), 120000);
        QVERIFY2(job->state() == Job::State::Finished, qPrintable(job->errorText()));
        QCOMPARE(job->result().captions.size(), std::size_t(1));
        QCOMPARE(job->result().captions.front().ids,
                 readInt64(projectFixture(QStringLiteral("mmvp-tiny/expected.safetensors")),
                           QStringLiteral("brain_generated")));
        GuiTestSupport::keep(panel.grab().toImage(), QStringLiteral("decode-panel-me"));

        QVERIFY(vindex::studio::SpaceOptions::select(panel.spaceCombo(), QStringLiteral("se")));
        QVERIFY(!panel.dinoEdit()->isEnabled());
    }

    // Errors show as a readable message in the panel; what the user entered stays: an encoder of the wrong width
    // (refused before Start), a model folder that does not exist, a subject not in the data (core's error: the job
    // fails in the dock).
    void coreErrorsShowInThePanelAndTheFieldsStay()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!hasFixtures())
            QSKIP("fixtures not found");
        const QString encoder = m_dir->filePath(QStringLiteral("brain100.safetensors"));
        QVERIFY(writeEncoder(encoder, 100));
        MainWindow window;
        QVERIFY(showWithMiniNsd(window));
        DecodePanel *panel = window.decodePanel();
        setUpDecoding(window, encoder, 4);
        chooseInput(panel, 0);

        // The encoder's voxels are checked as it is entered (issue 17): once the panel knows the subject's count,
        // the field says both numbers and Start is refused with them, before any job.
        QTRY_COMPARE_WITH_TIMEOUT(panel->subjectVoxels(1), qint64(217), 30000);
        const QString status = panel->encoderStatusLabel()->text();
        QVERIFY2(status.contains(QStringLiteral("100")) && status.contains(QStringLiteral("217")), qPrintable(status));
        QVERIFY(!panel->decode(DecodePanel::Scope::CurrentTrial));
        const QString message = panel->messageLabel()->text();
        QVERIFY2(message.contains(QStringLiteral("100")) && message.contains(QStringLiteral("217")),
                 qPrintable(message));
        QCOMPARE(panel->encoderEdit()->path(), QDir::toNativeSeparators(encoder));
        QCOMPARE(panel->modelEdit()->path(), QDir::toNativeSeparators(fixture(QStringLiteral("llava-tiny"))));
        QCOMPARE(panel->headsSpin()->value(), 4);

        const QString missing = m_dir->filePath(QStringLiteral("no-such-model"));
        panel->modelEdit()->setPath(missing);
        QVERIFY(!panel->decode(DecodePanel::Scope::CurrentTrial));
        QVERIFY(panel->messageLabel()->text().contains(QDir::toNativeSeparators(missing)));
        QCOMPARE(panel->modelEdit()->path(), QDir::toNativeSeparators(missing));

        panel->modelEdit()->setPath(fixture(QStringLiteral("llava-tiny")));
        chooseInput(panel, 1);
        panel->setTrialSource({fixture(QStringLiteral("mini-nsd")), 5, QStringLiteral("test"), {}});
        panel->setTrialSelection(0, {0});
        Job *absent = panel->decode(DecodePanel::Scope::CurrentTrial);
        QVERIFY(absent);
        QTRY_VERIFY_WITH_TIMEOUT(!absent->isActive(), 120000);
        QCOMPARE(absent->state(), Job::State::Failed);
        QVERIFY2(panel->messageLabel()->text().contains(QStringLiteral("5")),
                 qPrintable(panel->messageLabel()->text()));
        QVERIFY(!panel->messageLabel()->text().isEmpty());
    }

    // Acceptance 4: while a decoding job and a training job run, a 10 ms timer on the GUI thread never waits
    // 100 ms or more. Measured once both report progress (the jobs dock has opened by then: its one-off layout is
    // not part of the run). The same window without jobs, redrawn as often, is measured in the same run before the
    // jobs start and after they end: what the machine and its display alone cost the loop (other processes on its
    // cores, software OpenGL). With the jobs the longest wait must stay under 100 ms, or under kWaitInIdleWaits times
    // the longest wait without them where that alone already exceeds 100 / kWaitInIdleWaits ms; and the timer must
    // fire at least half as often as without them.
    void eventLoopKeepsAnsweringWhileDecodingAndTraining()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!hasFixtures())
            QSKIP("fixtures not found");
        const QString encoder = m_dir->filePath(QStringLiteral("brain217.safetensors"));
        QVERIFY(writeEncoder(encoder, 217));
        // A synthetic subject with 50 test trials, so that decoding the whole split outlasts the measurement on a
        // fast, idle machine too (mini-nsd's 6 trials take about a second).
        const QString root = m_dir->filePath(QStringLiteral("demo"));
        vindex::data::SyntheticNsdOptions options;
        options.subjects = {1};
        options.voxels = 217;
        options.trials = 1500;
        vindex::data::NsdDatasetWriter::Options layouts;
        layouts.mindEye2 = layouts.native = false;
        vindex::data::NsdDatasetWriter::write(root.toStdString(), vindex::data::SyntheticNsd::describe(options),
                                              layouts);
        MainWindow window;
        window.setScripted(true);
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy settled(&window, &MainWindow::datasetSettled);
        window.openDataset(root);
        QVERIFY(settled.wait(60000));
        window.jobsDock()->show();
        window.jobsDock()->raise();
        QTest::qWait(300);
        // Without jobs, but with a label of the dock redrawn as often as the jobs' reports are shown: what this
        // machine and display alone cost the loop (each redraw recomposes the whole window).
        int redraws = 0;
        QTimer redraw;
        redraw.setInterval(vindex::studio::JobManager::kReportIntervalMs);
        connect(&redraw, &QTimer::timeout, &redraw,
                [&] { window.jobsPanel()->headingLabel()->setText(QString::number(++redraws)); });
        redraw.start();
        const Gaps idleBefore = measureGaps(2000, [] { return true; });
        redraw.stop();

        auto *training =
            qobject_cast<TrainJob *>(window.startTraining(smallTraining(m_dir->filePath(QStringLiteral("run")), 5000)));
        setUpDecoding(window, encoder, 420); // with llava-tiny's 67 prompt positions, within its 512
        window.decodePanel()->batchSpin()->setValue(1);
        chooseInput(window.decodePanel(), 0);
        auto *decoding = qobject_cast<DecodeJob *>(window.decodePanel()->decode(DecodePanel::Scope::WholeSplit));
        QVERIFY(training && decoding);
        QTRY_VERIFY_WITH_TIMEOUT(!training->trainLoss().isEmpty() && !decoding->captions().isEmpty(), 120000);
        QVERIFY(decoding->isActive());
        QTest::qWait(300);

        const qsizetype stepsBefore = training->trainLoss().size();
        const Gaps busy = measureGaps(4000, [&] { return training->isActive() && decoding->isActive(); });
        const qsizetype steps = training->trainLoss().size() - stepsBefore;
        const QString text = decoding->captions().last().text;
        window.jobManager()->cancelAll();
        QVERIFY(window.jobManager()->waitForAll(60000));
        QTest::qWait(300);
        redraw.start();
        const Gaps idleAfter = measureGaps(2000, [] { return true; });
        redraw.stop();
        const auto rate = [](const Gaps &gaps) { return 1000.0 * gaps.ticks / std::max<qint64>(1, gaps.measured); };
        for (const auto &[when, idle] : {std::pair{"before", idleBefore}, std::pair{"after", idleAfter}})
            qInfo("event loop without jobs (%s them), redrawing as often: %lld ticks of a 10 ms timer in %lld ms, "
                  "longest gap %lld ms",
                  when, static_cast<long long>(idle.ticks), static_cast<long long>(idle.measured),
                  static_cast<long long>(idle.longest));
        qInfo("event loop with a decoding and a training job: %lld ticks in %lld ms, longest gap %lld ms; meanwhile "
              "%lld training steps, %lld captions begun",
              static_cast<long long>(busy.ticks), static_cast<long long>(busy.measured),
              static_cast<long long>(busy.longest), static_cast<long long>(steps),
              static_cast<long long>(decoding->captions().size()));
        QVERIFY(busy.measured >= 1500); // both jobs ran all that time
        QVERIFY(steps > 0);             // training made steps meanwhile
        QVERIFY(!text.isEmpty());       // and decoding wrote text
        QVERIFY(idleBefore.measured >= 1900 && idleAfter.measured >= 1900);
        constexpr double kWaitInIdleWaits = 3;
        const qint64 idleLongest = std::max(idleBefore.longest, idleAfter.longest);
        const double bound = std::max(100.0, kWaitInIdleWaits * static_cast<double>(idleLongest));
        QVERIFY2(static_cast<double>(busy.longest) < bound,
                 qPrintable(QStringLiteral("longest gap %1 ms with the jobs, over %2 ms (without them: %3 ms)")
                                .arg(busy.longest)
                                .arg(bound)
                                .arg(idleLongest)));
        const double idleRate = (rate(idleBefore) + rate(idleAfter)) / 2;
        QVERIFY2(rate(busy) >= 0.5 * idleRate,
                 qPrintable(QStringLiteral("%1 ticks a second with the jobs, %2 without them")
                                .arg(rate(busy), 0, 'f', 1)
                                .arg(idleRate, 0, 'f', 1)));
    }

    // The jobs dock during a training run, as in docs/screenshots/jobs-dock.png (saved when VINDEX_GUI_TEST_OUTPUT
    // names a folder): the window at 1600 × 1000 with a synthetic NSD dataset open (more trials than mini-nsd, so the
    // curves are smooth), a finished decoding job and a training job whose loss curve has many points.
    void jobsDockDuringTraining()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!hasFixtures())
            QSKIP("fixtures not found");
        const QString root = m_dir->filePath(QStringLiteral("demo"));
        vindex::data::SyntheticNsdOptions options;
        options.subjects = {1};
        options.voxels = 217;
        options.trials = 300;
        vindex::data::NsdDatasetWriter::write(root.toStdString(), vindex::data::SyntheticNsd::describe(options));
        const QString encoder = m_dir->filePath(QStringLiteral("brain217.safetensors"));
        QVERIFY(writeEncoder(encoder, 217));

        MainWindow window;
        window.setScripted(true);
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy settled(&window, &MainWindow::datasetSettled);
        window.openDataset(root);
        QVERIFY(settled.wait(60000));
        QVERIFY(window.trialBrowser()->selectTrial(3));
        setUpDecoding(window, encoder, 12);
        chooseInput(window.decodePanel(), 0);
        Job *decoding = window.decodePanel()->decode(DecodePanel::Scope::WholeSplit);
        QVERIFY(decoding);
        QTRY_VERIFY_WITH_TIMEOUT(!decoding->isActive(), 120000);
        QCOMPARE(decoding->state(), Job::State::Finished);

        auto request = smallTraining(m_dir->filePath(QStringLiteral("run")), 40);
        request.root = root.toStdString();
        request.batchSize = 8;
        request.maxLr = 1e-3;
        auto *training = qobject_cast<TrainJob *>(window.startTraining(request));
        window.resizeDocks({window.jobsDock()}, {window.height() * 45 / 100}, Qt::Vertical);
        auto *chart = window.jobsPanel()->lossChart();
        QTRY_VERIFY_WITH_TIMEOUT(chart->trainPointCount() >= 150 && chart->validationPointCount() >= 12, 170000);
        QVERIFY(training->isActive());
        QTest::qWait(300);
        const QImage image = window.capture();
        GuiTestSupport::keep(image, QStringLiteral("jobs-dock"));
        QCOMPARE(image.size(), window.size() * window.devicePixelRatio());
        const QRect chartArea(chart->mapTo(&window, QPoint(0, 0)), chart->size());
        QVERIFY(GuiTestSupport::distinctColors(image, chartArea) > 20); // curves, labels, markers
        window.jobManager()->cancelAll();
        QVERIFY(window.jobManager()->waitForAll(60000));
    }

    // Tools ▸ Train Brain Encoder…: the dialog starts from the open dataset and subject, refuses missing fields,
    // and gives the Trainer request its fields describe.
    void trainDialogDescribesTheRequest()
    {
        vindex::studio::TrainDialog dialog(fixture(QStringLiteral("mini-nsd")), 2);
        QCOMPARE(dialog.rootEdit()->path(), QDir::toNativeSeparators(fixture(QStringLiteral("mini-nsd"))));
        QCOMPARE(dialog.subjectSpin()->value(), 2);
        dialog.modelEdit()->setPath(QString());
        dialog.accept();
        QVERIFY(dialog.result() != QDialog::Accepted);
        QVERIFY(dialog.problemLabel()->text().contains(QStringLiteral("LLM folder")));

        dialog.modelEdit()->setPath(fixture(QStringLiteral("llava-tiny")));
        dialog.outEdit()->setPath(m_dir->filePath(QStringLiteral("run")));
        QVERIFY(vindex::studio::SpaceOptions::select(dialog.spaceCombo(), QStringLiteral("nf")));
        QVERIFY(vindex::studio::SpaceOptions::select(dialog.scaleCombo(), 36));
        dialog.epochsSpin()->setValue(3);
        dialog.batchSpin()->setValue(2);
        dialog.lrSpin()->setValue(0.001);
        dialog.denoiserSpin()->setValue(0.5);
        dialog.widthSpin()->setValue(64);
        QCOMPARE(dialog.splitsCombo()->currentData().toString(), QStringLiteral("clean")); // the default recipe
        dialog.splitsCombo()->setCurrentIndex(dialog.splitsCombo()->findData(QStringLiteral("umbrae")));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const auto request = dialog.request();
        QCOMPARE(QString::fromStdString(request.root), fixture(QStringLiteral("mini-nsd")));
        QCOMPARE(request.subjects, std::vector<int>{2});
        QCOMPARE(request.space, std::string("nf"));
        QCOMPARE(request.scale, int64_t(36));
        QCOMPARE(QString::fromStdString(request.mllm), fixture(QStringLiteral("llava-tiny")));
        QVERIFY(request.vision.empty());
        QCOMPARE(*request.epochs, int64_t(3));
        QCOMPARE(*request.batchSize, int64_t(2));
        QCOMPARE(*request.maxLr, 0.001);
        QCOMPARE(*request.denoiserWeight, 0.5);
        QCOMPARE(*request.hidden, int64_t(64));
        QCOMPARE(*request.recipe, std::string("umbrae"));

        // Values come back the next time; continuing a run takes the recipe from its checkpoint.
        vindex::studio::TrainDialog again(QString(), 0);
        QCOMPARE(again.epochsSpin()->value(), 3);
        QCOMPARE(again.subjectSpin()->value(), 2);
        again.resumeEdit()->setPath(m_dir->filePath(QStringLiteral("run")));
        QVERIFY(!again.epochsSpin()->isEnabled());
        QCOMPARE(again.splitsCombo()->currentData().toString(), QStringLiteral("umbrae"));
        QVERIFY(!again.request().epochs.has_value());
        QVERIFY(!again.request().recipe.has_value()); // the checkpoint's
        QCOMPARE(QString::fromStdString(again.request().resume), m_dir->filePath(QStringLiteral("run")));
    }
};

VINDEX_GUI_TEST_MAIN(JobsTest)
#include "JobsTest.moc"
