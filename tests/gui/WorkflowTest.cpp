// Issue 8, acceptance 1: the whole workflow in one window on mini-nsd with the fixture models — open the dataset,
// select subject 1, step through trials, train a small brain encoder, decode one trial through it and the same trial
// from its stimulus (image upper bound), load BrainHub's published captions beside them (scored as evaluation jobs of
// the jobs dock), compare, and export an HTML report — asserting on the widgets and on the files written.
#include "GuiTestSupport.h"
#include "StudioTestSupport.h"

#include "CompareView.h"
#include "DatasetToolBar.h"
#include "DecodeJob.h"
#include "DecodePanel.h"
#include "Job.h"
#include "JobManager.h"
#include "MainWindow.h"
#include "PathEdit.h"
#include "ReportExporter.h"
#include "ResultsController.h"
#include "SpaceOptions.h"
#include "StudioSettings.h"
#include "TrialBrowser.h"

#include "vindex/report/HtmlReportWriter.h"
#include "vindex/train/Trainer.h"

#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>

#include <memory>

using vindex::studio::DecodeJob;
using vindex::studio::DecodePanel;
using vindex::studio::Job;
using vindex::studio::MainWindow;
using vindex::studio::ResultsController;
using vindex::studio::StudioSettings;

class WorkflowTest : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;

    static QString fixture(const QString &name) { return QDir(GuiTestSupport::fixturesDir()).filePath(name); }
    static QString brainHub() { return QDir::cleanPath(fixture(QStringLiteral("../brainhub"))); }
    static QString brainHubCaptions(const QString &method)
    {
        return QDir(brainHub())
            .filePath(QStringLiteral("caption/comparison/%1/sub01_decoded_caption.json").arg(method));
    }
    static QJsonObject readJson(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
    }
    static int rowWithCaption(const QTableWidget *table, const QString &caption)
    {
        for (int row = 0; row < table->rowCount(); ++row)
            if (table->item(row, 1) && table->item(row, 1)->text() == caption)
                return row;
        return -1;
    }

    // One trial through the decode panel; returns the results file (BrainHub layout) and its caption for the trial.
    static QString decodeCurrentTrial(MainWindow &window, int input, const QString &out, qint64 trial)
    {
        DecodePanel *panel = window.decodePanel();
        panel->inputCombo()->setCurrentIndex(input);
        panel->outputEdit()->setPath(out);
        QSignalSpy written(&window, &MainWindow::resultsWritten);
        auto *job = qobject_cast<DecodeJob *>(panel->decode(DecodePanel::Scope::CurrentTrial));
        if (!job) {
            qWarning("%s", qPrintable(panel->messageLabel()->text()));
            return {};
        }
        if (!QTest::qWaitFor([&] { return !job->isActive(); }, 120000) || job->state() != Job::State::Finished) {
            qWarning("%s", qPrintable(job->errorText()));
            return {};
        }
        if (written.size() != 1)
            return {};
        const QString path = written.first().at(0).toString();
        return readJson(path).contains(QString::number(trial)) ? path : QString();
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        StudioSettings::setFilePath(m_dir->filePath(QStringLiteral("settings.ini")));
        StudioSettings settings;
        settings.setBrainHubFolder(brainHub());
        settings.sync();
    }

    void cleanup()
    {
        StudioSettings::setFilePath(QString());
        m_dir.reset();
    }

    void openStepDecodeCompareExport()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!StudioTestSupport::hasMiniNsd() || !QFileInfo::exists(brainHubCaptions(QStringLiteral("braincap"))) ||
            !QFileInfo::exists(fixture(QStringLiteral("llava-tiny/model.safetensors"))))
            QSKIP("mini-nsd, llava-tiny or the BrainHub folder not found");
        const QJsonObject expected = StudioTestSupport::expected();
        const QJsonArray testImages =
            expected[QStringLiteral("subjects")][QStringLiteral("1")][QStringLiteral("splits")][QStringLiteral("test")]
                .toArray();

        MainWindow window;
        window.setScripted(true);
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // Open; subject 1, the test split; step through the trials with the keyboard's Down.
        QVERIFY(StudioTestSupport::openAndSettle(window, StudioTestSupport::miniNsd()));
        QVERIFY(StudioTestSupport::settle(
            window, [&] { QVERIFY(StudioTestSupport::choose(window.datasetToolBar()->subjectCombo(), 1)); }));
        QCOMPARE(window.datasetToolBar()->currentSubject(), 1);
        QCOMPARE(window.datasetToolBar()->currentSplit(), QStringLiteral("test"));
        QCOMPARE(window.trialBrowser()->visibleRowCount(), static_cast<int>(testImages.size()));
        QVERIFY(StudioTestSupport::settle(window, [&] { QVERIFY(window.trialBrowser()->selectTrial(0)); }));
        for (qint64 trial = 1; trial <= 2; ++trial) {
            QSignalSpy shown(&window, &MainWindow::trialShown);
            QVERIFY(StudioTestSupport::settle(window, [&] { window.trialBrowser()->selectNext(); }));
            QVERIFY(shown.count() >= 1);
            QCOMPARE(shown.last().at(0).toLongLong(), trial);
        }

        // A brain encoder for subject 1: a short run of the training job's engine on mini-nsd with llava-tiny's SE
        // targets (its checkpoint records the perceiver's head split, so decoding needs no --heads).
        vindex::train::TrainRequest training;
        training.root = StudioTestSupport::miniNsd().toStdString();
        training.subjects = {1};
        training.mllm = fixture(QStringLiteral("llava-tiny")).toStdString();
        training.outDir = m_dir->filePath(QStringLiteral("run")).toStdString();
        training.epochs = 2;
        training.batchSize = 1;
        training.hidden = 64;
        training.depth = 2;
        training.heads = 4;
        training.dimHead = 16;
        training.threads = 1;
        const auto trained = vindex::train::Trainer(training).run();

        // Decode trial 2 through the encoder (brain) and from its stimulus (upper bound).
        DecodePanel *panel = window.decodePanel();
        panel->modelEdit()->setPath(fixture(QStringLiteral("llava-tiny")));
        QVERIFY(vindex::studio::SpaceOptions::select(panel->spaceCombo(), QStringLiteral("se")));
        panel->encoderEdit()->setPath(QString::fromStdString(trained.lastCheckpoint));
        panel->maxTokensSpin()->setValue(8);
        const QString brain = decodeCurrentTrial(window, 0, m_dir->filePath(QStringLiteral("brain")), 2);
        const QString image = decodeCurrentTrial(window, 1, m_dir->filePath(QStringLiteral("image")), 2);
        QVERIFY(!brain.isEmpty() && !image.isEmpty());
        const QString brainCaption = readJson(brain)[QStringLiteral("2")].toString();
        const QString imageCaption = readJson(image)[QStringLiteral("2")].toString();
        QVERIFY(!brainCaption.isEmpty() && !imageCaption.isEmpty());

        // Load both beside BrainHub's BrainCap; compare on trial 2.
        ResultsController *results = window.resultsController();
        QSignalSpy idle(results, &ResultsController::idle);
        QSignalSpy failed(results, &ResultsController::loadFailed);
        results->load({brainHubCaptions(QStringLiteral("braincap")), brain, image});
        QVERIFY(idle.wait(240000));
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.first().at(1).toString()));
        QCOMPARE(results->paths().size(), 3);
        // Each file was scored as an evaluation job of the jobs dock, finished with its trial count.
        QStringList scored;
        for (const Job *job : window.jobManager()->jobs())
            if (job->kind() == Job::Kind::Evaluate && job->state() == Job::State::Finished)
                scored << job->name();
        QCOMPARE(scored.size(), 3);
        QVERIFY(scored.contains(QStringLiteral("Score sub01_decoded_caption.json")));
        window.centralTabs()->setCurrentWidget(results->compareView());
        const vindex::widgets::CompareView *compare = results->compareView();
        QCOMPARE(compare->trialIndex(), qint64(2));
        const QTableWidget *captions = compare->captionTable();
        const QString braincap = readJson(brainHubCaptions(QStringLiteral("braincap")))[QStringLiteral("2")].toString();
        for (const QString &caption : {braincap, brainCaption, imageCaption})
            QVERIFY2(rowWithCaption(captions, caption) >= 0, qPrintable(caption));
        QCOMPARE(compare->corpusTable()->rowCount(), 3);

        // Export the HTML report: every result's caption of trial 2 is in it.
        const QString report = m_dir->filePath(QStringLiteral("report.html"));
        vindex::studio::ReportExporter *exporter = results->reportExporter();
        QSignalSpy exported(exporter, &vindex::studio::ReportExporter::exported);
        QSignalSpy exportFailed(exporter, &vindex::studio::ReportExporter::exportFailed);
        exporter->exportTo(report);
        QVERIFY(exported.wait(240000) || !exportFailed.isEmpty());
        QVERIFY2(exportFailed.isEmpty(),
                 exportFailed.isEmpty() ? "" : qPrintable(exportFailed.first().at(1).toString()));
        QFile file(report);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString html = QString::fromUtf8(file.readAll());
        for (const QString &caption : {braincap, brainCaption, imageCaption})
            QVERIFY2(
                html.contains(QString::fromStdString(vindex::report::HtmlReportWriter::escape(caption.toStdString()))),
                qPrintable(caption));
    }
};

QTEST_MAIN(WorkflowTest)
#include "WorkflowTest.moc"
