// The decode panel as a first-time user meets it (issue 17): at the window's default size its Decode dock shows every
// Browse button, Load as Result and the device selector without scrolling sideways; switching Input away and back
// brings the Encoder row back, and a hidden field is never read; the model folder, the encoder's voxels and its head
// split are checked as they are entered, in the panel's own words; an error of one dataset is cleared when another
// opens.
#include "GuiTestSupport.h"
#include "StudioTestSupport.h"

#include "DecodeJob.h"
#include "DecodePanel.h"
#include "JobManager.h"
#include "MainWindow.h"
#include "PathEdit.h"
#include "SpaceOptions.h"
#include "StudioSettings.h"

#include <QComboBox>
#include <QDockWidget>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <cstring>
#include <memory>

using vindex::studio::DecodeJob;
using vindex::studio::DecodePanel;
using vindex::studio::Job;
using vindex::studio::MainWindow;
using vindex::studio::StudioSettings;

class DecodePanelTest : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;

    static QString fixture(const QString &name) { return QDir(GuiTestSupport::fixturesDir()).filePath(name); }
    static QString projectFixture(const QString &name)
    {
        return QFileInfo(QStringLiteral(__FILE__)).dir().filePath(QStringLiteral("../fixtures/") + name);
    }

    // brain-tiny's BrainXS (200 voxels, attention 64 wide) with the head split our training records (4 × 16) in
    // its safetensors metadata, as `vindex train` writes it.
    static bool writeRecordedEncoder(const QString &path)
    {
        QFile in(fixture(QStringLiteral("brain-tiny/brainxs_init.safetensors")));
        if (!in.open(QIODevice::ReadOnly))
            return false;
        const QByteArray bytes = in.readAll();
        quint64 headerSize = 0;
        std::memcpy(&headerSize, bytes.constData(), 8);
        QJsonObject header = QJsonDocument::fromJson(bytes.mid(8, static_cast<qsizetype>(headerSize))).object();
        header[QStringLiteral("__metadata__")] = QJsonObject{
            {QStringLiteral("vindex.training"), QStringLiteral(R"({"encoder":{"heads":4,"dim_head":16}})")}};
        QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
        while (json.size() % 8)
            json.append(' ');
        const quint64 size = static_cast<quint64>(json.size());
        QFile out(path);
        if (!out.open(QIODevice::WriteOnly))
            return false;
        out.write(reinterpret_cast<const char *>(&size), 8);
        out.write(json);
        out.write(bytes.mid(8 + static_cast<qsizetype>(headerSize)));
        return true;
    }

    // The widget lies wholly inside the dock's scroll area horizontally, and is shown.
    static bool reachable(QWidget *widget, QScrollArea *scroll)
    {
        if (!widget->isVisible())
            return false;
        QWidget *viewport = scroll->viewport();
        const QPoint topLeft = widget->mapTo(viewport, QPoint(0, 0));
        return topLeft.x() >= 0 && topLeft.x() + widget->width() <= viewport->width();
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

    // The default window (1280 × 800, first run) with the Decode dock raised: every Browse button, the device
    // selector, the decode buttons and Load as Result are on screen, no sideways scrolling.
    void defaultDockWidthShowsEveryControl()
    {
        MainWindow window;
        window.setScripted(true);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QDockWidget *dock = window.decodeDock();
        dock->show();
        dock->raise();
        DecodePanel *panel = window.decodePanel();
        emit panel->resultsWritten(m_dir->filePath(QStringLiteral("sub01_decoded_caption.json"))); // Load as Result
        QTRY_VERIFY(panel->isVisible());
        QTest::qWait(50);
        auto *scroll = qobject_cast<QScrollArea *>(dock->widget());
        QVERIFY(scroll);
        QVERIFY2(dock->width() < 420, qPrintable(QString::number(dock->width()))); // the default, a narrow dock
        QVERIFY2(
            panel->width() <= scroll->viewport()->width(),
            qPrintable(QStringLiteral("panel %1, viewport %2").arg(panel->width()).arg(scroll->viewport()->width())));
        QVERIFY(!scroll->horizontalScrollBar()->isVisible());

        const QList<QPair<QString, QWidget *>> controls{
            {QStringLiteral("model Browse"), panel->modelEdit()->browseButton()},
            {QStringLiteral("encoder Browse"), panel->encoderEdit()->browseButton()},
            {QStringLiteral("encoder Folder"), panel->encoderEdit()->folderButton()},
            {QStringLiteral("DINOv2 Browse"), panel->dinoEdit()->browseButton()},
            {QStringLiteral("results Browse"), panel->outputEdit()->browseButton()},
            {QStringLiteral("device"), panel->deviceCombo()},
            {QStringLiteral("Load as Result"), panel->loadResultButton()},
            {QStringLiteral("Current Trial"), panel->currentButton()},
            {QStringLiteral("Whole Split"), panel->splitButton()},
            {QStringLiteral("Cancel"), panel->cancelButton()},
        };
        for (const auto &[name, widget] : controls)
            QVERIFY2(reachable(widget, scroll), qPrintable(name));
        // Buttons keep their whole text (nothing squeezed below its size hint).
        QVERIFY(panel->modelEdit()->browseButton()->width() >= panel->modelEdit()->browseButton()->sizeHint().width());
        QVERIFY(panel->loadResultButton()->width() >= panel->loadResultButton()->sizeHint().width());
        GuiTestSupport::keep(dock->grab().toImage(), QStringLiteral("decode-panel-default-width"));
    }

    // Input: image and back brings the Encoder and Heads rows back; a stimulus decode never reads the (hidden)
    // encoder field.
    void inputSwitchKeepsTheEncoderRowAndHiddenFieldsUnused()
    {
        if (!StudioTestSupport::hasMiniNsd())
            QSKIP("fixtures not found");
        DecodePanel panel;
        panel.resize(330, 800);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(vindex::studio::SpaceOptions::select(panel.inputCombo(), 0));
        QVERIFY(panel.isRowShown(panel.encoderEdit()));
        QVERIFY(panel.encoderEdit()->isVisible());
        for (int round = 0; round < 2; ++round) {
            QVERIFY(StudioTestSupport::choose(panel.inputCombo(), 2)); // an image file
            QVERIFY(!panel.isRowShown(panel.encoderEdit()));
            QVERIFY(!panel.isRowShown(panel.headsSpin()));
            QVERIFY(panel.isRowShown(panel.imageEdit()));
            QVERIFY(panel.imageEdit()->isVisible());
            QVERIFY(StudioTestSupport::choose(panel.inputCombo(), 0)); // back to the brain
            QVERIFY(panel.isRowShown(panel.encoderEdit()));
            QVERIFY(panel.isRowShown(panel.headsSpin()));
            QVERIFY(panel.encoderEdit()->isVisible());
            QVERIFY(panel.headsSpin()->isVisible());
            QVERIFY(!panel.isRowShown(panel.imageEdit()));
            QVERIFY(!panel.imageEdit()->isVisible());
        }

        // Stimulus input: the encoder field (hidden) holds a path, which the request must not carry.
        vindex::studio::JobManager manager;
        connect(&panel, &DecodePanel::jobRequested, &manager, &vindex::studio::JobManager::add);
        panel.modelEdit()->setPath(fixture(QStringLiteral("llava-tiny")));
        panel.encoderEdit()->setPath(fixture(QStringLiteral("brain-tiny/brainxs_last.pth")));
        panel.headsSpin()->setValue(4);
        panel.headWidthSpin()->setValue(16);
        panel.maxTokensSpin()->setValue(2);
        panel.outputEdit()->setPath(m_dir->filePath(QStringLiteral("decoded")));
        panel.setTrialSource({StudioTestSupport::miniNsd(), 1, QStringLiteral("test"), {}});
        panel.setTrialSelection(0, {0});
        QVERIFY(StudioTestSupport::choose(panel.inputCombo(), 1));
        QVERIFY(!panel.isRowShown(panel.encoderEdit()));
        auto *job = qobject_cast<DecodeJob *>(panel.decode(DecodePanel::Scope::CurrentTrial));
        QVERIFY2(job, qPrintable(panel.messageLabel()->text()));
        QVERIFY(job->request().brainCheckpoint.empty());
        QCOMPARE(job->request().heads, 0);
        job->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(!job->isActive(), 60000);
    }

    // The fields are checked as they are entered: the model folder's kind (a brain-encoder folder is not a model;
    // a Dense Connector selects AF), the encoder's voxels against the open subject's and its attention width
    // against Heads × width, in the panel's words; a recorded split fills Heads × width; Start refuses a known
    // mismatch with the same words.
    void fieldsAreCheckedAsTheyAreEntered()
    {
        if (!StudioTestSupport::hasMiniNsd())
            QSKIP("fixtures not found");
        DecodePanel panel;
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY(StudioTestSupport::choose(panel.inputCombo(), 0));

        panel.modelEdit()->setPath(fixture(QStringLiteral("brain-tiny"))); // has a config.json, is no MLLM
        QVERIFY(panel.modelStatusLabel()->isVisible());
        QVERIFY2(panel.modelStatusLabel()->text().contains(QStringLiteral("Not a multimodal LLM")),
                 qPrintable(panel.modelStatusLabel()->text()));
        panel.modelEdit()->setPath(m_dir->filePath(QStringLiteral("nothing-here")));
        QVERIFY(panel.modelStatusLabel()->text().contains(QStringLiteral("No such folder")));
        panel.modelEdit()->setPath(projectFixture(QStringLiteral("dense-connector-tiny/clip-sci")));
        QVERIFY2(panel.modelStatusLabel()->text().contains(QStringLiteral("Dense Connector")),
                 qPrintable(panel.modelStatusLabel()->text()));
        QCOMPARE(panel.spaceCombo()->currentData().toString(), QStringLiteral("af")); // filled in
        panel.modelEdit()->setPath(fixture(QStringLiteral("llava-tiny")));
        QCOMPARE(panel.spaceCombo()->currentData().toString(), QStringLiteral("se")); // AF needs a Dense Connector
        QVERIFY(panel.modelStatusLabel()->text().startsWith(QStringLiteral("LLaVA")));

        // mini-nsd's subject 1 has 217 voxels (expected.json); brain-tiny's encoders take 200.
        const qint64 subjectVoxels = StudioTestSupport::expected()
                                         .value(QStringLiteral("subjects"))
                                         .toObject()
                                         .value(QStringLiteral("1"))
                                         .toObject()
                                         .value(QStringLiteral("nvox"))
                                         .toInteger();
        QCOMPARE(subjectVoxels, qint64(217));
        panel.setTrialSource({StudioTestSupport::miniNsd(), 1, QStringLiteral("test"), {}});
        panel.setTrialSelection(0, {0});
        QTRY_COMPARE_WITH_TIMEOUT(panel.subjectVoxels(1), subjectVoxels, 30000);
        panel.headsSpin()->setValue(0);
        panel.headWidthSpin()->setValue(0);
        panel.encoderEdit()->setPath(fixture(QStringLiteral("brain-tiny/brainxs_last.pth")));
        QString status = panel.encoderStatusLabel()->text();
        QVERIFY2(status.contains(QStringLiteral("200")) && status.contains(QString::number(subjectVoxels)),
                 qPrintable(status));
        panel.outputEdit()->setPath(m_dir->filePath(QStringLiteral("decoded")));
        QVERIFY(!panel.decode(DecodePanel::Scope::CurrentTrial));
        QVERIFY2(panel.messageLabel()->text().contains(QStringLiteral("200")),
                 qPrintable(panel.messageLabel()->text()));

        // Without a dataset the voxels cannot be compared: the head split is what is checked. UMBRAE's files do not
        // record it, and auto (16 × 96) does not make this encoder's 64.
        panel.setTrialSource({});
        QVERIFY(panel.messageLabel()->text().isEmpty() || !panel.messageLabel()->isVisible()); // stale error gone
        status = panel.encoderStatusLabel()->text();
        QVERIFY2(status.contains(QStringLiteral("Heads × width")) && status.contains(QStringLiteral("64")) &&
                     !status.contains(QStringLiteral("--heads")),
                 qPrintable(status));
        panel.headsSpin()->setValue(4);
        panel.headWidthSpin()->setValue(16);
        status = panel.encoderStatusLabel()->text();
        QVERIFY2(status.contains(QStringLiteral("BrainXS")) && status.contains(QStringLiteral("200 voxels")),
                 qPrintable(status));

        // A checkpoint that records its split fills Heads × width.
        const QString recorded = m_dir->filePath(QStringLiteral("trained.safetensors"));
        QVERIFY(writeRecordedEncoder(recorded));
        panel.headsSpin()->setValue(0);
        panel.headWidthSpin()->setValue(0);
        panel.encoderEdit()->setPath(recorded);
        QCOMPARE(panel.headsSpin()->value(), 4);
        QCOMPARE(panel.headWidthSpin()->value(), 16);
        QVERIFY2(panel.encoderStatusLabel()->text().contains(QStringLiteral("recorded")),
                 qPrintable(panel.encoderStatusLabel()->text()));

        // The method's ME folder (clip_224 + dino_224), and a folder that is none.
        panel.headsSpin()->setValue(2); // its towers' attention is 32 wide (mmvp-tiny/README.md: 2 × 16)
        panel.headWidthSpin()->setValue(16);
        panel.encoderEdit()->setPath(projectFixture(QStringLiteral("mmvp-tiny/sub01_dim64")));
        QVERIFY2(panel.encoderStatusLabel()->text().contains(QStringLiteral("ME folder")),
                 qPrintable(panel.encoderStatusLabel()->text()));
        panel.encoderEdit()->setPath(m_dir->path());
        QVERIFY2(panel.encoderStatusLabel()->text().contains(QStringLiteral("Not a folder of encoders")),
                 qPrintable(panel.encoderStatusLabel()->text()));
        GuiTestSupport::keep(panel.grab().toImage(), QStringLiteral("decode-panel-inline-checks"));
    }

    // An error shown for one dataset is cleared when another opens.
    void staleErrorIsClearedWhenTheDatasetChanges()
    {
        DecodePanel panel;
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        panel.modelEdit()->setPath(QString());
        QVERIFY(!panel.decode(DecodePanel::Scope::CurrentTrial));
        QVERIFY(panel.messageLabel()->isVisible());
        panel.setTrialSource({StudioTestSupport::miniNsd(), 1, QStringLiteral("test"), {}});
        QVERIFY(!panel.messageLabel()->isVisible());
    }
};

QTEST_MAIN(DecodePanelTest)
#include "DecodePanelTest.moc"
