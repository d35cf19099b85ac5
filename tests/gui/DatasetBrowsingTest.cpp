// Browsing an NSD dataset in the main window: open mini-nsd, pick subject and split, step through the trials with
// the keyboard, filter by caption words, see the stimulus (with BrainHub's boxes when a BrainHub folder exists) and
// the trial's betas over the brain, and get the same selection back after a restart; a damaged dataset's problems
// are the lines `vindex nsd info` reports. Every test uses its own settings file in a temporary folder.
#include "GuiTestSupport.h"
#include "StudioTestSupport.h"

#include "ColorBar.h"
#include "DatasetController.h"
#include "DatasetToolBar.h"
#include "LogPanel.h"
#include "MainWindow.h"
#include "RecentFiles.h"
#include "ShortcutsDialog.h"
#include "StimulusPanel.h"
#include "StimulusView.h"
#include "StudioSettings.h"
#include "TrialBrowser.h"
#include "TrialFilterModel.h"
#include "TrialTableModel.h"
#include "VolumeView.h"
#include "VoxelOverlay.h"

#include "vindex/data/BrainHubAnnotations.h"
#include "vindex/data/NsdDatasetWriter.h"
#include "vindex/data/Session.h"
#include "vindex/data/SyntheticNsd.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <memory>

using vindex::studio::DatasetToolBar;
using vindex::studio::MainWindow;
using vindex::studio::StudioSettings;
using vindex::widgets::TrialTableModel;
using S = StudioTestSupport;

class DatasetBrowsingTest : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;

    static QList<qint64> expectedSplit(int subject, const QString &split)
    {
        QList<qint64> ids;
        const QJsonArray array =
            S::expected()[QStringLiteral("subjects")][QString::number(subject)][QStringLiteral("splits")][split]
                .toArray();
        for (const auto &value : array)
            ids << value.toInteger();
        return ids;
    }

    // Image ids in the order the table shows them.
    static QList<qint64> shownImageIds(const vindex::widgets::TrialBrowser *browser)
    {
        QList<qint64> ids;
        const QAbstractItemModel *model = browser->table()->model();
        for (int row = 0; row < model->rowCount(); ++row)
            ids << model->index(row, 0).data(TrialTableModel::ImageIdRole).toLongLong();
        return ids;
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

    // (1) the test split of subject 1: six trials whose image ids are expected.json's, in order.
    void listsTheTestTrialsOfSubject1()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!S::hasMiniNsd())
            QSKIP("mini-nsd fixture not found");
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(S::openAndSettle(window, S::miniNsd()));

        DatasetToolBar *bar = window.datasetToolBar();
        QCOMPARE(bar->subjectCombo()->count(), 2);
        QVERIFY(S::settle(window, [&] { QVERIFY(S::choose(bar->subjectCombo(), 1)); }));
        QCOMPARE(bar->currentSubject(), 1);
        QCOMPARE(bar->currentSplit(), QStringLiteral("test"));

        auto *browser = window.trialBrowser();
        QCOMPARE(browser->table()->model()->rowCount(), 6);
        QCOMPARE(shownImageIds(browser), expectedSplit(1, QStringLiteral("test")));
        QCOMPARE(browser->model()->row(0).split, QStringLiteral("test"));
        QVERIFY(browser->model()->row(0).repeats >= 1);
        QVERIFY(!browser->model()->row(0).captions.isEmpty());
        QVERIFY(bar->splitCombo()->currentText().contains(QStringLiteral("6")));

        // The first trial is selected and shown.
        QCOMPARE(browser->currentTrialIndex(), 0);
        QVERIFY(window.stimulusPanel()->headingLabel()->text().contains(QStringLiteral("Trial 0")));
        QVERIFY(window.stimulusPanel()->view()->hasImage());
        QVERIFY(!window.stimulusPanel()->captions().isEmpty());
        QTRY_VERIFY(window.logPanel()->lines().join(QLatin1Char('\n')).contains(QStringLiteral("Opened dataset")));
        QVERIFY(window.windowTitle().contains(QStringLiteral("mini-nsd")));

        // Another split of the same subject.
        QVERIFY(S::settle(window, [&] { QVERIFY(S::choose(bar->splitCombo(), QStringLiteral("train"))); }));
        QCOMPARE(shownImageIds(browser), expectedSplit(1, QStringLiteral("train")));
        QCOMPARE(browser->model()->row(0).split, QStringLiteral("train"));
    }

    // (2) Up/Down in the table and in the filter field step through the trials; Ctrl+F focuses the filter.
    void keyboardStepsThroughTheTrials()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!S::hasMiniNsd())
            QSKIP("mini-nsd fixture not found");
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(S::openAndSettle(window, S::miniNsd()));
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));

        auto *browser = window.trialBrowser();
        QTableView *table = browser->table();
        table->setFocus();
        QTRY_VERIFY(table->hasFocus());
        const QList<qint64> images = expectedSplit(1, QStringLiteral("test"));
        for (int i = 1; i < images.size(); ++i) {
            QSignalSpy shown(&window, &MainWindow::trialShown);
            QTest::keyClick(table, Qt::Key_Down);
            QCOMPARE(browser->currentTrialIndex(), i);
            QVERIFY(shown.wait(20000));
            QCOMPARE(shown.last().at(0).toLongLong(), i);
            const QString heading = window.stimulusPanel()->headingLabel()->text();
            QVERIFY2(heading.contains(QStringLiteral("Trial %1 ").arg(i)), qPrintable(heading));
            QVERIFY2(heading.contains(QStringLiteral("image %1 ").arg(images.at(i))), qPrintable(heading));
        }
        QTest::keyClick(table, Qt::Key_Down); // the last row stays current
        QCOMPARE(browser->currentTrialIndex(), images.size() - 1);
        QVERIFY(S::settle(window, [&] { QTest::keyClick(table, Qt::Key_Up); }));
        QCOMPARE(browser->currentTrialIndex(), images.size() - 2);

        // Ctrl+F goes to the filter; Up/Down there still move through the trials; Enter goes back to the table.
        QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
        QTRY_VERIFY(browser->filterEdit()->hasFocus());
        QVERIFY(S::settle(window, [&] { QTest::keyClick(browser->filterEdit(), Qt::Key_Up); }));
        QCOMPARE(browser->currentTrialIndex(), images.size() - 3);
        QVERIFY(S::settle(window, [&] { QTest::keyClick(browser->filterEdit(), Qt::Key_Down); }));
        QCOMPARE(browser->currentTrialIndex(), images.size() - 2);
        QTest::keyClick(browser->filterEdit(), Qt::Key_Return);
        QTRY_VERIFY(table->hasFocus());

        // Ctrl+Up from anywhere: the previous trial.
        QVERIFY(S::settle(window, [&] { QTest::keyClick(&window, Qt::Key_Up, Qt::ControlModifier); }));
        QCOMPARE(browser->currentTrialIndex(), images.size() - 3);
    }

    // (3) the stimulus view shows the trial's image at its own size, scaled to fit with its aspect ratio.
    void stimulusViewShowsTheImage()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!S::hasMiniNsd())
            QSKIP("mini-nsd fixture not found");
        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(S::openAndSettle(window, S::miniNsd()));
        QVERIFY(S::settle(window, [&] { window.trialBrowser()->selectTrial(2); }));

        const auto session = vindex::data::Session::open(S::miniNsd().toStdString());
        const auto subject = session.subject(1);
        const auto trial = subject.trial(vindex::data::Split::Test, 2);
        const auto reference = subject.image(trial.imageId);

        auto *view = window.stimulusPanel()->view();
        QCOMPARE(view->image().size(), QSize(reference.width, reference.height));
        // The pixels are the dataset's.
        const QImage shown = view->image().convertToFormat(QImage::Format_RGB888);
        for (const QPoint p : {QPoint(0, 0), QPoint(reference.width / 2, reference.height / 2),
                               QPoint(reference.width - 1, reference.height - 1)}) {
            const uint8_t *expectedPixel = reference.at(p.x(), p.y());
            const QColor actual = shown.pixelColor(p);
            QCOMPARE(actual.red(), int(expectedPixel[0]));
            QCOMPARE(actual.green(), int(expectedPixel[1]));
            QCOMPARE(actual.blue(), int(expectedPixel[2]));
        }
        // Scaled up to fill the view, aspect kept.
        const QRect drawn = view->imageRect();
        QVERIFY(drawn.width() > reference.width);
        QVERIFY(std::abs(double(drawn.width()) / drawn.height() - double(reference.width) / reference.height) < 0.03);
        QVERIFY(view->rect().contains(drawn));
        const QImage grabbed = view->grab().toImage();
        GuiTestSupport::keep(grabbed, QStringLiteral("stimulus_view"));
        QVERIFY(GuiTestSupport::distinctColors(grabbed, drawn) > 2);
        // The captions of the image are listed under it.
        QStringList captions;
        for (const auto &caption : subject.captions(trial.imageId))
            captions << QString::fromStdString(caption);
        QCOMPARE(window.stimulusPanel()->captions(), captions);
    }

    // (4) the filter keeps the trials whose captions contain a word, ignoring case.
    void filterKeepsTrialsWithTheCaptionWord()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!S::hasMiniNsd())
            QSKIP("mini-nsd fixture not found");
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(S::openAndSettle(window, S::miniNsd()));

        // expected.json: the test images of subject 1 whose caption has the word "red".
        const QJsonObject captions = S::expected()[QStringLiteral("captions")].toObject();
        const QRegularExpression red(QStringLiteral("\\bred\\b"), QRegularExpression::CaseInsensitiveOption);
        QList<qint64> withRed;
        for (qint64 id : expectedSplit(1, QStringLiteral("test")))
            if (red.match(captions[QString::number(id)].toString()).hasMatch())
                withRed << id;
        QVERIFY(!withRed.isEmpty());
        QVERIFY(withRed.size() < 6);

        auto *browser = window.trialBrowser();
        browser->focusFilter();
        QVERIFY(S::settle(window, [&] { QTest::keyClicks(browser->filterEdit(), QStringLiteral("red")); }));
        QCOMPARE(shownImageIds(browser), withRed);
        QCOMPARE(browser->visibleRowCount(), withRed.size());
        QVERIFY(browser->findChild<QLabel *>(QStringLiteral("trialCount"))
                    ->text()
                    .contains(QStringLiteral("%1 of 6").arg(withRed.size())));
        // The current trial is one of them, and it is the one shown.
        QVERIFY(withRed.contains(browser->model()->row(browser->currentPosition()).imageId));
        QVERIFY(window.stimulusPanel()->captions().join(QLatin1Char(' ')).contains(QStringLiteral("red")));

        browser->setFilterText(QStringLiteral("RED"));
        QCOMPARE(shownImageIds(browser), withRed);
        browser->setFilterText(QStringLiteral("red square"));
        for (qint64 id : shownImageIds(browser))
            QVERIFY(captions[QString::number(id)].toString().contains(QStringLiteral("red square")));
        browser->setFilterText(QStringLiteral("re")); // the start of a word: red, not "green"'s inner "re"
        QCOMPARE(shownImageIds(browser), withRed);

        browser->setFilterText(QStringLiteral("zebra"));
        QCOMPARE(browser->visibleRowCount(), 0);
        QCOMPARE(browser->currentPosition(), -1);
        QVERIFY(!window.stimulusPanel()->view()->hasImage());

        QVERIFY(S::settle(window, [&] { QTest::keyClick(browser->filterEdit(), Qt::Key_Escape); }));
        QCOMPARE(browser->filterEdit()->text(), QString());
        QCOMPARE(browser->visibleRowCount(), 6);
        QVERIFY(window.stimulusPanel()->view()->hasImage());
    }

    // (5) the trial's mean betas coloured on the ROI voxels over the T1, changing with the trial.
    void brainViewShowsTheTrialsBetas()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!S::hasMiniNsd())
            QSKIP("mini-nsd fixture not found");
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(S::openAndSettle(window, S::miniNsd()));

        auto *view = window.volumeView();
        QVERIFY(view->hasVolume());
        const QJsonObject facts = S::expected()[QStringLiteral("subjects")][QStringLiteral("1")].toObject();
        const QJsonArray shape = facts[QStringLiteral("volume_shape")].toArray();
        QCOMPARE(view->volume()->dimensions()[0], shape[0].toInt());
        QCOMPARE(view->volume()->dimensions()[1], shape[1].toInt());
        QCOMPARE(view->volume()->dimensions()[2], shape[2].toInt());
        QVERIFY(view->volume()->path().endsWith(QStringLiteral("T1_to_func1pt8mm.nii.gz")));

        const auto session = vindex::data::Session::open(S::miniNsd().toStdString());
        const auto subject = session.subject(1);
        for (qint64 index : {qint64(0), qint64(3)}) {
            QVERIFY(S::settle(window, [&] { window.trialBrowser()->selectTrial(index); }));
            QCOMPARE(window.trialBrowser()->currentTrialIndex(), index);
            const auto overlay = view->overlay();
            QVERIFY(overlay);
            QCOMPARE(overlay->voxelCount(), qint64(facts[QStringLiteral("nvox")].toInt()));
            const auto betas = subject.meanBetas(subject.trial(vindex::data::Split::Test, index));
            const auto &roi = subject.roi();
            for (int64_t i : {int64_t(0), int64_t(roi.voxelCount() / 2), roi.voxelCount() - 1}) {
                const auto &voxel = roi.voxel(i);
                QCOMPARE(overlay->value(voxel[0], voxel[1], voxel[2]), betas[static_cast<std::size_t>(i)]);
            }
            QVERIFY(std::isnan(overlay->value(0, 0, 0)) == (roi.indexOf(0, 0, 0) < 0));
            QVERIFY(view->colorBar()->isVisible());
            // The automatic range: ±the 98th percentile of |β|.
            std::vector<float> magnitudes;
            for (float beta : betas)
                magnitudes.push_back(std::abs(beta));
            std::sort(magnitudes.begin(), magnitudes.end());
            const double robust = magnitudes[static_cast<std::size_t>(0.98 * double(magnitudes.size() - 1))];
            QVERIFY(std::abs(view->overlayStyle().rangeHigh - robust) < 1e-6);
            QVERIFY(std::abs(view->overlayStyle().rangeLow + robust) < 1e-6);
        }
        const QImage image = window.capture();
        GuiTestSupport::keep(image, QStringLiteral("brain_view_betas"));
    }

    // (6) a demo dataset with brainhub/ inside: the test trials show BrainHub's boxes with their categories.
    void brainHubBoxesAreDrawnAndToggled()
    {
        VINDEX_REQUIRE_OPENGL();
        const QString root = m_dir->filePath(QStringLiteral("demo"));
        vindex::data::SyntheticNsdOptions options;
        options.subjects = {1};
        options.voxels = 120;
        options.trials = 90;
        options.imageSize = 64;
        vindex::data::NsdDatasetWriter::write(root.toStdString(), vindex::data::SyntheticNsd::describe(options));
        const auto annotations =
            vindex::data::BrainHubAnnotations::open(QDir(root).filePath(QStringLiteral("brainhub")).toStdString());
        QVERIFY(annotations.hasBoxes());

        MainWindow window;
        window.resize(1400, 900);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(S::openAndSettle(window, root));
        QCOMPARE(window.datasetController()->dataset().brainHubFolder, QDir(root).filePath(QStringLiteral("brainhub")));
        QCOMPARE(window.datasetToolBar()->currentSplit(), QStringLiteral("test"));

        auto *view = window.stimulusPanel()->view();
        const auto &truth = annotations.boxes(0);
        qsizetype expectedBoxes = 0;
        for (const auto &category : truth)
            expectedBoxes += static_cast<qsizetype>(category.boxes.size());
        QVERIFY(expectedBoxes > 0);
        QCOMPARE(view->boxes().size(), expectedBoxes);
        QCOMPARE(view->boxes().first().category, QString::fromStdString(truth.front().category));
        QCOMPARE(view->boxes().first().rect.left(), truth.front().boxes.front()[0]);
        QCOMPARE(view->boxes().first().rect.bottom(), truth.front().boxes.front()[3]);
        QVERIFY(
            window.trialBrowser()->model()->row(0).categories.contains(QString::fromStdString(truth.front().category)));
        QVERIFY(window.stimulusPanel()->boxesCheck()->isEnabled());

        // The boxes are drawn; the check box and the menu command hide them.
        const QImage with = view->grab().toImage();
        QVERIFY(window.boxesAction()->isChecked());
        window.stimulusPanel()->boxesCheck()->click();
        QVERIFY(!view->boxesVisible());
        QVERIFY(!window.boxesAction()->isChecked());
        const QImage without = view->grab().toImage();
        GuiTestSupport::keep(with, QStringLiteral("stimulus_boxes_on"));
        GuiTestSupport::keep(without, QStringLiteral("stimulus_boxes_off"));
        QVERIFY(GuiTestSupport::differingFraction(with, without, view->imageRect()) > 0.01);
        window.boxesAction()->trigger();
        QVERIFY(view->boxesVisible());
        QVERIFY(window.stimulusPanel()->boxesCheck()->isChecked());

        // The filter finds trials by category, and other splits have no boxes.
        window.trialBrowser()->setFilterText(QString::fromStdString(truth.front().category));
        QVERIFY(window.trialBrowser()->visibleRowCount() >= 1);
        window.trialBrowser()->setFilterText(QString());
        QVERIFY(S::settle(window,
                          [&] { QVERIFY(S::choose(window.datasetToolBar()->splitCombo(), QStringLiteral("train"))); }));
        QVERIFY(view->boxes().isEmpty());
        QVERIFY(!window.stimulusPanel()->boxesCheck()->isEnabled());
    }

    // (7) subject, split and trial come back after a restart.
    void selectionSurvivesARestart()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!S::hasMiniNsd())
            QSKIP("mini-nsd fixture not found");
        {
            MainWindow window;
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            QVERIFY(!window.restoreLastDataset()); // nothing saved yet
            QVERIFY(S::openAndSettle(window, S::miniNsd()));
            QVERIFY(S::settle(window, [&] { QVERIFY(S::choose(window.datasetToolBar()->subjectCombo(), 2)); }));
            QVERIFY(S::settle(
                window, [&] { QVERIFY(S::choose(window.datasetToolBar()->splitCombo(), QStringLiteral("val"))); }));
            QCOMPARE(shownImageIds(window.trialBrowser()), expectedSplit(2, QStringLiteral("val")));
            QVERIFY(S::settle(window, [&] { window.trialBrowser()->selectTrial(2); }));
            QVERIFY(window.close());
        }
        QSettings file(StudioSettings::filePath(), QSettings::IniFormat);
        QCOMPARE(file.value(QStringLiteral("dataset/root")).toString(), QFileInfo(S::miniNsd()).absoluteFilePath());

        MainWindow restarted;
        restarted.show();
        QVERIFY(QTest::qWaitForWindowExposed(&restarted));
        QSignalSpy settled(&restarted, &MainWindow::datasetSettled);
        QVERIFY(restarted.restoreLastDataset());
        QVERIFY(settled.wait(60000));
        QCOMPARE(restarted.datasetToolBar()->currentSubject(), 2);
        QCOMPARE(restarted.datasetToolBar()->currentSplit(), QStringLiteral("val"));
        QCOMPARE(restarted.trialBrowser()->currentTrialIndex(), 2);
        QVERIFY(restarted.stimulusPanel()->headingLabel()->text().contains(QStringLiteral("Trial 2 ")));
        QVERIFY(restarted.recentFiles()->files().contains(QFileInfo(S::miniNsd()).absoluteFilePath()));
    }

    // (8) a folder that is no dataset: a clear message, and the dataset that was open stays as it was.
    void badFolderIsReportedAndTheOpenDatasetStays()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!S::hasMiniNsd())
            QSKIP("mini-nsd fixture not found");
        MainWindow window;
        window.setScripted(true); // no message box
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(S::openAndSettle(window, S::miniNsd()));
        QVERIFY(S::settle(window, [&] { window.trialBrowser()->selectTrial(4); }));

        const QString empty = m_dir->filePath(QStringLiteral("empty"));
        QVERIFY(QDir().mkpath(empty));
        for (const QString &bad : {empty, m_dir->filePath(QStringLiteral("missing"))}) {
            QSignalSpy failed(&window, &MainWindow::datasetOpenFailed);
            window.openDataset(bad);
            QVERIFY(failed.wait(30000));
            QCOMPARE(failed.first().at(0).toString(), QFileInfo(bad).absoluteFilePath());
            QVERIFY(!failed.first().at(1).toString().isEmpty());
            QTRY_VERIFY(!window.isDatasetBusy());
            QTRY_VERIFY(
                window.logPanel()->lines().join(QLatin1Char('\n')).contains(QStringLiteral("Cannot open dataset")));
            QCOMPARE(window.trialBrowser()->table()->model()->rowCount(), 6);
            QCOMPARE(window.trialBrowser()->currentTrialIndex(), 4);
            QVERIFY(window.stimulusPanel()->view()->hasImage());
            QCOMPARE(window.datasetController()->dataset().root, QFileInfo(S::miniNsd()).absoluteFilePath());
        }
    }

    // (9) a damaged dataset — a truncated webdataset tar, a MindEye2 file with other voxels than the subject's other
    // layouts, a missing native betas session — opens in the window with the problem lines `vindex nsd info` reports
    // for the same folder, in the same order, each in the log.
    void damagedDatasetProblemsAreNsdInfos()
    {
        VINDEX_REQUIRE_OPENGL();
        const QString root = QFileInfo(m_dir->filePath(QStringLiteral("damaged"))).absoluteFilePath();
        const QString other = m_dir->filePath(QStringLiteral("other"));
        vindex::data::SyntheticNsdOptions options;
        options.voxels = 120;
        options.trials = 90;
        options.imageSize = 32;
        options.trialsPerSession = 30; // three sessions: one can go missing while the others stay
        vindex::data::NsdDatasetWriter::write(root.toStdString(), vindex::data::SyntheticNsd::describe(options));
        // Subject 2's MindEye2 file from a dataset of 100 voxels.
        options.subjects = {2};
        options.voxels = 100;
        vindex::data::NsdDatasetWriter::Options mindEye2Only;
        mindEye2Only.webdataset = mindEye2Only.native = mindEye2Only.brainHub = false;
        vindex::data::NsdDatasetWriter::write(other.toStdString(), vindex::data::SyntheticNsd::describe(options),
                                              mindEye2Only);

        const QString tar = QDir(root).filePath(QStringLiteral("webdataset_avg_split/test/test_subj01_0.tar"));
        QVERIFY(QFile::resize(tar, 5000)); // cuts a member in the middle
        const QString hdf5 = QStringLiteral("betas_all_subj02_fp32_renorm.hdf5");
        QVERIFY(QFile::remove(QDir(root).filePath(hdf5)));
        QVERIFY(QFile::copy(QDir(other).filePath(hdf5), QDir(root).filePath(hdf5)));
        const QString session = QStringLiteral("betas_session02.nii.gz");
        QVERIFY(QFile::remove(QDir(root).filePath(
            QStringLiteral("nsddata/ppdata/subj01/func1pt8mm/betas_fithrf_GLMdenoise_RR/") + session)));

        // `vindex --json nsd info`: each layout's problems ("subj0S layout: ", "not opened: " before the first of a
        // layout that did not open), then the dataset's.
        QProcess process;
        process.start(QStringLiteral(VINDEX_CLI), {QStringLiteral("--json"), QStringLiteral("nsd"),
                                                   QStringLiteral("info"), QStringLiteral("--root"), root});
        QVERIFY(process.waitForFinished(120000));
        const QByteArray out = process.readAllStandardOutput();
        QVERIFY2(process.exitCode() == 0, qPrintable(QString::fromLocal8Bit(process.readAllStandardError())));
        const auto info = nlohmann::ordered_json::parse(out.toStdString(), nullptr, false);
        QVERIFY2(info.is_object(), out.constData());
        QStringList cliLines;
        for (const auto &subject : info["subjects"])
            for (const auto &[layout, entry] : subject["layouts"].items()) {
                bool first = true;
                for (const auto &problem : entry["problems"]) {
                    cliLines << QStringLiteral("subj0%1 %2: %3%4")
                                    .arg(subject["subject"].get<int>())
                                    .arg(QString::fromStdString(layout),
                                         !entry["opened"].get<bool>() && first ? QStringLiteral("not opened: ")
                                                                               : QString(),
                                         QString::fromStdString(problem.get<std::string>()));
                    first = false;
                }
            }
        for (const auto &problem : info["problems"])
            cliLines << QString::fromStdString(problem.get<std::string>());
        // Each damage is reported, by the file or the counts at fault.
        const QString joined = cliLines.join(QLatin1Char('\n'));
        QVERIFY2(joined.contains(QStringLiteral("subj01 webdataset: ") + tar), qPrintable(joined));
        QVERIFY2(joined.contains(QStringLiteral("subj02: the layouts disagree on the voxel count: webdataset 120, "
                                                "mindeye2 100, native 120")),
                 qPrintable(joined));
        QVERIFY2(joined.contains(QStringLiteral("subj01 native: ")) && joined.contains(session), qPrintable(joined));

        MainWindow window;
        window.setScripted(true);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(S::openAndSettle(window, root));
        QCOMPARE(window.datasetController()->dataset().root, root);
        QCOMPARE(window.datasetController()->dataset().problems, cliLines);
        const QString log = window.logPanel()->lines().join(QLatin1Char('\n'));
        for (const QString &line : cliLines)
            QVERIFY2(log.contains(line), qPrintable(line));
    }

    // Help ▸ Keyboard Shortcuts lists the menu commands' keys and the trial table's.
    void shortcutsAreListed()
    {
        MainWindow window;
        vindex::studio::ShortcutsDialog dialog(window.menuBar());
        const QString rows = dialog.rows().join(QLatin1Char('\n'));
        const auto keys = [](QKeySequence sequence) { return sequence.toString(QKeySequence::NativeText); };
        QVERIFY2(
            rows.contains(QStringLiteral("Open Dataset…\t") + keys(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O))),
            qPrintable(rows));
        QVERIFY(rows.contains(QStringLiteral("Find Trials…\t") + keys(QKeySequence(Qt::CTRL | Qt::Key_F))));
        QVERIFY(rows.contains(QStringLiteral("Next Trial\t") + keys(QKeySequence(Qt::CTRL | Qt::Key_Down))));
        QVERIFY(rows.contains(QStringLiteral("Show Ground-Truth Boxes\t") + keys(QKeySequence(Qt::CTRL | Qt::Key_B))));
        QVERIFY(rows.contains(QStringLiteral("Previous / next trial")));
    }
};

VINDEX_GUI_TEST_MAIN(DatasetBrowsingTest)
#include "DatasetBrowsingTest.moc"
