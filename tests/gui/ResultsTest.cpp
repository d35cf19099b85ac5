// Decoding results in the main window: BrainHub's published captions and decoded boxes for subject 1 loaded into
// mini-nsd's test split, scored through core (corpus scores equal to the reference values in
// shared/brainhub/README.md), shown as sortable score columns of the trial table and side by side in the compare
// view (captions equal to the files', decoded boxes drawn and toggled); a caption report exported as HTML; figures
// of views exported as PNG and SVG; results kept in a session. The studio and `vindex eval` score the same files
// alike: every corpus and per-trial number of the window equals the CLI's.
#include "GuiTestSupport.h"
#include "StudioTestSupport.h"

#include "CompareView.h"
#include "DatasetToolBar.h"
#include "EvaluateJob.h"
#include "FigureExportDialog.h"
#include "FigureExporter.h"
#include "JobManager.h"
#include "MainWindow.h"
#include "ReportExporter.h"
#include "ResultsController.h"
#include "SessionController.h"
#include "StimulusPanel.h"
#include "StimulusView.h"
#include "StudioSettings.h"
#include "TrialBrowser.h"
#include "TrialTableModel.h"
#include "VolumeView.h"

#include "vindex/eval/CaptionEvaluation.h"
#include "vindex/eval/WordNet.h"
#include "vindex/report/HtmlReportWriter.h"

#include <QChartView>
#include <QComboBox>
#include <QDockWidget>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QListWidget>
#include <QProcess>
#include <QSignalSpy>
#include <QSpinBox>
#include <QSvgRenderer>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QXmlStreamReader>

#include <nlohmann/json.hpp>

#include <fstream>
#include <functional>
#include <memory>
#include <sstream>

using vindex::studio::MainWindow;
using vindex::studio::ResultsController;
using vindex::studio::StudioSettings;
using vindex::widgets::TrialTableModel;

class ResultsTest : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;

    static QString miniNsd() { return StudioTestSupport::miniNsd(); }
    static QString brainHub()
    {
        return QDir::cleanPath(QDir(GuiTestSupport::fixturesDir()).filePath(QStringLiteral("../brainhub")));
    }
    static QString captions(const QString &method)
    {
        return QDir(brainHub())
            .filePath(QStringLiteral("caption/comparison/%1/sub01_decoded_caption.json").arg(method));
    }
    static QString boxes()
    {
        return QDir(brainHub()).filePath(QStringLiteral("bbox/umbrae-v-1-4/sub01_decoded_bbox.json"));
    }
    static bool hasData()
    {
        return QFileInfo::exists(QDir(miniNsd()).filePath(QStringLiteral("expected.json"))) &&
               QFileInfo::exists(captions(QStringLiteral("braincap")));
    }
    static QJsonObject readJson(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(file.readAll()).object() : QJsonObject();
    }

    // shared/brainhub/README.md, "Reference values" (subject 1, fractions): BLEU-4, ROUGE-L, CIDEr.
    struct Reference {
        QString method;
        double bleu4, rouge, cider;
    };
    static QList<Reference> readmeValues()
    {
        return {{QStringLiteral("braincap"), 0.1451224911, 0.4069207701, 0.4130323402},
                {QStringLiteral("onellm"), 0.0951333300, 0.3504814594, 0.2298671200},
                {QStringLiteral("sdrecon"), 0.0342547181, 0.2513121607, 0.1383184611}};
    }

    static QString brainHubReadme() { return QDir(brainHub()).filePath(QStringLiteral("README.md")); }

    // The README's "Reference values" row of a caption file: BLEU1..4, ROUGE_L, CIDEr under core's score names.
    static QList<QPair<QString, double>> readmeRow(const QString &relativePath)
    {
        std::ifstream in(brainHubReadme().toStdString());
        const std::string prefix = "| `" + relativePath.toStdString() + "`";
        std::string line;
        while (std::getline(in, line)) {
            if (line.rfind(prefix, 0) != 0)
                continue;
            std::stringstream cells(line);
            std::string cell;
            std::getline(cells, cell, '|'); // before the first bar
            std::getline(cells, cell, '|'); // the file
            QList<QPair<QString, double>> row;
            for (const char *name : {"BLEU-1", "BLEU-2", "BLEU-3", "BLEU-4", "ROUGE-L", "CIDEr"}) {
                std::getline(cells, cell, '|');
                row.append({QString::fromLatin1(name), std::stod(cell)});
            }
            return row;
        }
        return {};
    }

    // The JSON block under "## Grounding reference values" of the README.
    static nlohmann::json readmeGrounding()
    {
        std::ifstream in(brainHubReadme().toStdString());
        const std::string readme((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const std::size_t section = readme.find("## Grounding reference values");
        if (section == std::string::npos)
            return {};
        const std::size_t begin = readme.find('\n', readme.find("```", section)) + 1;
        return nlohmann::json::parse(readme.substr(begin, readme.find("```", begin) - begin), nullptr, false);
    }

    // `vindex --json ARGS` as a user runs it: its JSON document, or a null one with the output in *output.
    static nlohmann::ordered_json runCli(const QStringList &arguments, QString *output)
    {
        QProcess process;
        process.start(QStringLiteral(VINDEX_CLI), QStringList{QStringLiteral("--json")} + arguments);
        if (!process.waitForFinished(240000))
            process.kill();
        const QByteArray out = process.readAllStandardOutput();
        *output = QString::fromLocal8Bit(process.readAllStandardError()) + QString::fromUtf8(out);
        if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
            return {};
        return nlohmann::ordered_json::parse(out.toStdString(), nullptr, false);
    }

    static nlohmann::ordered_json readJsonFile(const QString &path)
    {
        std::ifstream in(path.toStdString());
        return nlohmann::ordered_json::parse(in, nullptr, false);
    }

    // Equal as computed (the same core code in both programs); 1e-12 leaves room for nothing but printing.
    static bool same(double a, double b) { return std::abs(a - b) <= 1e-12; }

    // The per-trial file of `vindex eval --per-trial` against the studio's trial scores: every trial, every score.
    static void comparePerTrial(const nlohmann::ordered_json &perTrial, const vindex::widgets::DecodingResult &result)
    {
        QVERIFY(perTrial.contains("trials"));
        QCOMPARE(qsizetype(perTrial["trials"].size()), result.trialScores.size());
        for (const auto &trial : perTrial["trials"]) {
            bool ok = false;
            const qint64 index = QString::fromStdString(trial["id"].get<std::string>()).toLongLong(&ok);
            QVERIFY(ok);
            QVERIFY2(result.trialScores.contains(index), qPrintable(QString::number(index)));
            const QList<double> &scores = result.trialScores[index];
            QCOMPARE(scores.size(), result.scoreNames.size());
            for (int m = 0; m < result.scoreNames.size(); ++m) {
                const double cli = trial[result.scoreNames[m].toStdString()].get<double>();
                QVERIFY2(same(cli, scores[m]), qPrintable(QStringLiteral("trial %1 %2: CLI %3, studio %4")
                                                              .arg(index)
                                                              .arg(result.scoreNames[m])
                                                              .arg(cli, 0, 'g', 17)
                                                              .arg(scores[m], 0, 'g', 17)));
            }
        }
    }

    static bool settle(MainWindow &window, const std::function<void()> &action)
    {
        return StudioTestSupport::settle(window, action);
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

    // mini-nsd open on subject 1's test split, trial 2 selected, the three BrainHub methods' captions loaded.
    static void openWithCaptions(MainWindow &window)
    {
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(settle(window, [&] { window.openDataset(miniNsd()); }));
        QCOMPARE(window.datasetToolBar()->currentSubject(), 1);
        QCOMPARE(window.datasetToolBar()->currentSplit(), QStringLiteral("test"));
        QVERIFY(settle(window, [&] { QVERIFY(window.trialBrowser()->selectTrial(2)); }));
        QVERIFY(loadResults(window, {captions(QStringLiteral("braincap")), captions(QStringLiteral("onellm")),
                                     captions(QStringLiteral("sdrecon"))}));
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

    // The corpus table shows BrainHub's reference numbers; the trial table gets a sortable column per result whose
    // values are core's per-trial scores of the same caption pairs.
    void brainHubCaptionsAreScoredAsPublished()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!hasData())
            QSKIP("mini-nsd or brainhub not found");
        MainWindow window;
        openWithCaptions(window);

        const QTableWidget *corpus = window.resultsController()->compareView()->corpusTable();
        QCOMPARE(corpus->rowCount(), 3);
        for (const Reference &reference : readmeValues()) {
            const int row = rowOf(corpus, reference.method);
            QVERIFY2(row >= 0, qPrintable(reference.method));
            const QList<QPair<QString, double>> expected{{QStringLiteral("BLEU-4"), reference.bleu4},
                                                         {QStringLiteral("ROUGE-L"), reference.rouge},
                                                         {QStringLiteral("CIDEr"), reference.cider}};
            for (const auto &[name, value] : expected) {
                const int column = columnOf(corpus, name);
                QVERIFY2(column >= 0, qPrintable(name));
                QVERIFY(corpus->item(row, column));
                const double shown = corpus->item(row, column)->data(Qt::UserRole).toDouble();
                QVERIFY2(
                    std::abs(shown - value) < 1e-6,
                    qPrintable(QStringLiteral("%1 %2: %3 vs %4").arg(reference.method, name).arg(shown).arg(value)));
                QCOMPARE(corpus->item(row, column)->text(), QString::number(value * 100, 'f', 2));
            }
            QCOMPARE(corpus->item(row, 1)->data(Qt::DisplayRole).toLongLong(), 982);
        }

        // Score columns: one per result, CIDEr by default, BLEU-4 on request, equal to core's per-trial scores.
        TrialTableModel *model = window.trialBrowser()->model();
        QCOMPARE(model->columnCount(), TrialTableModel::ColumnCount + 3);
        window.resultsController()->setTableScore(QStringLiteral("BLEU-4"));
        const auto evaluation = vindex::eval::CaptionEvaluation::evaluateFiles(
            captions(QStringLiteral("braincap")).toStdString(),
            QDir(brainHub()).filePath(QStringLiteral("caption/fmri_cococap.json")).toStdString());
        const int bleu4 = static_cast<int>(
            std::find(evaluation.scoreNames.begin(), evaluation.scoreNames.end(), std::string("BLEU-4")) -
            evaluation.scoreNames.begin());
        int braincapColumn = -1;
        for (int column = TrialTableModel::ColumnCount; column < model->columnCount(); ++column)
            if (model->headerData(column, Qt::Horizontal).toString() == QStringLiteral("braincap · BLEU-4"))
                braincapColumn = column;
        QVERIFY(braincapColumn >= 0);
        for (int row = 0; row < model->rowCount(); ++row) {
            const qint64 trial = model->row(row).index;
            const double expected = evaluation.perTrial.at(static_cast<std::size_t>(trial)).at(bleu4);
            QCOMPARE(evaluation.ids.at(static_cast<std::size_t>(trial)), std::to_string(trial));
            QCOMPARE(model->index(row, braincapColumn).data(TrialTableModel::ScoreRole).toDouble(), expected);
        }

        // Sorted by that column, descending: the scores shown go down.
        QTableView *table = window.trialBrowser()->table();
        table->sortByColumn(braincapColumn, Qt::DescendingOrder);
        double previous = 1e9;
        for (int row = 0; row < table->model()->rowCount(); ++row) {
            const double value = table->model()->index(row, braincapColumn).data(TrialTableModel::ScoreRole).toDouble();
            QVERIFY(value <= previous);
            previous = value;
        }
        QCOMPARE(window.trialBrowser()->currentTrialIndex(), 2); // sorting keeps the selection
    }

    // For trial 2: the references and each method's caption as in the JSON files, with the trial's scores.
    void compareViewShowsTheTrialsCaptions()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!hasData())
            QSKIP("mini-nsd or brainhub not found");
        MainWindow window;
        openWithCaptions(window);
        window.centralTabs()->setCurrentWidget(window.resultsController()->compareView());
        const vindex::widgets::CompareView *compare = window.resultsController()->compareView();
        QCOMPARE(compare->trialIndex(), qint64(2));
        const QTableWidget *table = compare->captionTable();

        const QJsonArray references =
            readJson(QDir(brainHub()).filePath(QStringLiteral("caption/fmri_cococap.json")))[QStringLiteral("2")]
                .toArray();
        QVERIFY(!references.isEmpty());
        for (int i = 0; i < references.size(); ++i) {
            const int row = rowOf(table, QStringLiteral("Reference %1").arg(i + 1));
            QVERIFY(row >= 0);
            QCOMPARE(table->item(row, 1)->text(), references[i].toString());
        }
        for (const QString &method :
             {QStringLiteral("braincap"), QStringLiteral("onellm"), QStringLiteral("sdrecon")}) {
            const int row = rowOf(table, method);
            QVERIFY2(row >= 0, qPrintable(method));
            QCOMPARE(table->item(row, 1)->text(), readJson(captions(method))[QStringLiteral("2")].toString());
            const int cider = columnOf(table, QStringLiteral("CIDEr"));
            QVERIFY(cider >= 0 && table->item(row, cider));
        }

        // The next trial: the captions follow.
        QVERIFY(settle(window, [&] { window.trialBrowser()->selectNext(); }));
        QCOMPARE(compare->trialIndex(), qint64(3));
        QCOMPARE(table->item(rowOf(table, QStringLiteral("braincap")), 1)->text(),
                 readJson(captions(QStringLiteral("braincap")))[QStringLiteral("3")].toString());
    }

    // UMBRAE's decoded boxes: scored as README's grounding values, drawn dashed in the result's colour, toggled.
    void groundingResultsAreScoredAndDrawn()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!hasData() || !QFileInfo::exists(boxes()))
            QSKIP("mini-nsd or brainhub boxes not found");
        MainWindow window;
        window.show();
        QVERIFY(settle(window, [&] { window.openDataset(miniNsd()); }));
        QVERIFY(settle(window, [&] { QVERIFY(window.trialBrowser()->selectTrial(1)); }));
        QVERIFY(loadResults(window, {boxes()}));
        vindex::widgets::CompareView *compare = window.resultsController()->compareView();
        const QTableWidget *corpus = compare->corpusTable();
        QCOMPARE(corpus->rowCount(), 1);
        // README: coco_cats accuracy 0.18933443571723854, iou 0.2128219369058791.
        QCOMPARE(corpus->item(0, columnOf(corpus, QStringLiteral("acc@0.5")))->data(Qt::UserRole).toDouble(),
                 0.18933443571723854);
        QVERIFY(std::abs(corpus->item(0, columnOf(corpus, QStringLiteral("IoU")))->data(Qt::UserRole).toDouble() -
                         0.2128219369058791) < 1e-12);

        // Trial 1's decoded categories, each with its first box, in the result's colour.
        const QJsonObject decoded = readJson(boxes())[QStringLiteral("1")].toObject();
        int withBox = 0;
        for (auto it = decoded.begin(); it != decoded.end(); ++it)
            if (!it.value().toArray().isEmpty() && !it.value().toArray()[0].toArray().isEmpty())
                ++withBox;
        QVERIFY(withBox > 0);
        const QColor color = window.resultsController()->results().at(0)->color;
        auto decodedShown = [&] {
            int count = 0;
            for (const auto &box : compare->stimulusView()->boxes())
                if (box.color == color && box.style == Qt::DashLine)
                    ++count;
            return count;
        };
        QCOMPARE(decodedShown(), withBox);
        const QJsonArray first = decoded.begin().value().toArray()[0].toArray()[0].toArray();
        bool found = false;
        for (const auto &box : compare->stimulusView()->boxes())
            if (box.category == decoded.begin().key() && box.color == color)
                found = std::abs(box.rect.left() - first[0].toDouble()) < 1e-12 &&
                        std::abs(box.rect.bottom() - first[3].toDouble()) < 1e-12;
        QVERIFY(found);
        QCOMPARE(compare->sourceList()->count(), 2); // ground truth and the result
        compare->setSourceVisible(0, false);
        QCOMPARE(decodedShown(), 0);
        compare->setSourceVisible(0, true);
        QCOMPARE(decodedShown(), withBox);
    }

    // File ▸ Export Report… as HTML: every result's caption of a listed trial is in the file.
    void htmlReportHoldsEachResultsCaption()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!hasData())
            QSKIP("mini-nsd or brainhub not found");
        MainWindow window;
        window.setScripted(true);
        openWithCaptions(window);
        const QString path = m_dir->filePath(QStringLiteral("report.html"));
        vindex::studio::ReportExporter *exporter = window.resultsController()->reportExporter();
        QSignalSpy exported(exporter, &vindex::studio::ReportExporter::exported);
        QSignalSpy failed(exporter, &vindex::studio::ReportExporter::exportFailed);
        exporter->exportTo(path);
        QVERIFY(exported.wait(240000) || !failed.isEmpty());
        QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.at(0).at(1).toString()));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString html = QString::fromUtf8(file.readAll());
        for (const QString &method :
             {QStringLiteral("braincap"), QStringLiteral("onellm"), QStringLiteral("sdrecon")}) {
            QVERIFY2(html.contains(method), qPrintable(method));
            const std::string caption = readJson(captions(method))[QStringLiteral("2")].toString().toStdString();
            QVERIFY2(html.contains(QString::fromStdString(vindex::report::HtmlReportWriter::escape(caption))),
                     caption.c_str());
        }

        // A format it cannot write: a message naming the file, nothing written.
        const QString bad = m_dir->filePath(QStringLiteral("report.docx"));
        exporter->exportTo(bad);
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.at(0).at(1).toString().contains(QStringLiteral("report.docx")));
        QVERIFY(!QFileInfo::exists(bad));
    }

    // File ▸ Export Figure…: a PNG of the requested size, an SVG that parses, a clear error for other files.
    void figuresAreExportedAsPngAndSvg()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!hasData())
            QSKIP("mini-nsd or brainhub not found");
        MainWindow window;
        openWithCaptions(window);
        QString error;
        const QString png = m_dir->filePath(QStringLiteral("brain.png"));
        QVERIFY2(vindex::studio::FigureExporter::save(window.volumeView(), png, QSize(900, 500), &error),
                 qPrintable(error));
        const QImage image(png);
        QCOMPARE(image.size(), QSize(900, 500));
        QVERIFY(GuiTestSupport::distinctColors(image) > 64); // the brain, not an empty frame

        window.centralTabs()->setCurrentWidget(window.resultsController()->compareView());
        QTest::qWait(100);
        const QString chartPng = m_dir->filePath(QStringLiteral("chart.png"));
        QVERIFY2(vindex::studio::FigureExporter::save(window.resultsController()->compareView()->chartView(), chartPng,
                                                      QSize(1200, 800), &error),
                 qPrintable(error));
        QCOMPARE(QImage(chartPng).size(), QSize(1200, 800));
        // The bars in the results' colours.
        const QImage chart(chartPng);
        const QColor first = window.resultsController()->results().at(0)->color;
        int barPixels = 0;
        for (int y = 0; y < chart.height(); y += 2)
            for (int x = 0; x < chart.width(); x += 2)
                if (chart.pixelColor(x, y) == first)
                    ++barPixels;
        QVERIFY(barPixels > 500);

        for (QWidget *view : QList<QWidget *>{window.resultsController()->compareView()->chartView(),
                                              window.resultsController()->compareView(), window.volumeView()}) {
            const QString svg = m_dir->filePath(QStringLiteral("figure.svg"));
            QVERIFY2(vindex::studio::FigureExporter::save(view, svg, QSize(1000, 700), &error), qPrintable(error));
            QFile file(svg);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QXmlStreamReader xml(&file);
            while (!xml.atEnd())
                xml.readNext();
            QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
            QSvgRenderer renderer(svg);
            QVERIFY(renderer.isValid());
            QCOMPARE(renderer.viewBox(), QRect(0, 0, 1000, 700));
        }

        // Through the dialog, as File ▸ Export Figure… does: the chosen view at the chosen size.
        const QString stimulusPng = m_dir->filePath(QStringLiteral("stimulus.png"));
        vindex::studio::FigureExportDialog dialog(
            {{QStringLiteral("3D"), window.volumeView()}, {QStringLiteral("Stimulus"), window.stimulusPanel()->view()}},
            stimulusPng, &window);
        dialog.viewCombo()->setCurrentIndex(1);
        dialog.widthSpin()->setValue(640);
        dialog.heightSpin()->setValue(480);
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QCOMPARE(QImage(stimulusPng).size(), QSize(640, 480));

        QVERIFY(!vindex::studio::FigureExporter::save(window.volumeView(), m_dir->filePath(QStringLiteral("x.gif")),
                                                      QSize(100, 100), &error));
        QVERIFY(error.contains(QStringLiteral("x.gif")));
    }

    // A vindex caption run folder: its manifest names the label and the references (relative to the manifest),
    // which win over the BrainHub folder. A caption equal to its only reference scores BLEU-4 = ROUGE-L = 1.
    void runFolderIsScoredAgainstItsManifestsReferences()
    {
        VINDEX_REQUIRE_OPENGL();
        QDir dir(m_dir->path());
        QVERIFY(dir.mkpath(QStringLiteral("run")));
        auto write = [&](const QString &name, const QByteArray &text) {
            QFile file(dir.filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(text);
        };
        write(QStringLiteral("references.json"), R"({"0": ["a red circle on a grey background"],
                                                     "1": ["a green circle on a grey background"]})");
        write(QStringLiteral("run/results.json"),
              R"({"0": "a red circle on a grey background", "1": "a blue square"})");
        write(QStringLiteral("run/manifest.json"), R"({"label": "tiny run", "references": "../references.json"})");

        MainWindow window;
        QVERIFY(loadResults(window, {dir.filePath(QStringLiteral("run/results.json"))}));
        const auto results = window.resultsController()->results();
        QCOMPARE(results.size(), 1);
        const auto &result = *results.at(0);
        QCOMPARE(result.label, QStringLiteral("tiny run"));
        QCOMPARE(QFileInfo(result.referencesPath).fileName(), QStringLiteral("references.json"));
        QCOMPARE(result.trialCount, qint64(2));
        QCOMPARE(result.captions.value(1), QStringLiteral("a blue square"));
        for (const QString &name : {QStringLiteral("BLEU-4"), QStringLiteral("ROUGE-L")}) {
            const int score = result.scoreIndex(name);
            QVERIFY(score >= 0);
            QVERIFY2(std::abs(result.trialScores.value(0).value(score) - 1.0) < 1e-6, qPrintable(name));
            QVERIFY(result.trialScores.value(1).value(score) < 0.5);
        }

        // A folder without results: a message naming it.
        QVERIFY(dir.mkpath(QStringLiteral("empty")));
        QSignalSpy failed(window.resultsController(), &ResultsController::loadFailed);
        QSignalSpy idle(window.resultsController(), &ResultsController::idle);
        window.resultsController()->load({dir.filePath(QStringLiteral("empty"))});
        QVERIFY(idle.wait(60000));
        QCOMPARE(failed.size(), 1);
        QVERIFY(failed.at(0).at(1).toString().contains(dir.filePath(QStringLiteral("empty"))));
        QCOMPARE(window.resultsController()->results().size(), 1); // what was loaded stays
    }

    // Issue 17: BrainHub's 982 captions against a dataset with references for 10 trials are refused (they would
    // score against the 10 only), in one notice naming both counts; a result with a few ids unknown among many known
    // ones loads, flagged in the compare view. Labels are short (the method's folder), the full path in the tool tip.
    void resultWithMismatchedIdsIsRefusedOrFlagged()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!hasData())
            QSKIP("brainhub not found");
        // A BrainHub folder with the references of 10 trials (the demo's size), ids 0..9.
        const QJsonObject all = readJson(QDir(brainHub()).filePath(QStringLiteral("caption/fmri_cococap.json")));
        QVERIFY(all.contains(QStringLiteral("9")));
        QJsonObject ten;
        for (int id = 0; id < 10; ++id)
            ten.insert(QString::number(id), all.value(QString::number(id)));
        QDir dir(m_dir->path());
        QVERIFY(dir.mkpath(QStringLiteral("small/caption")));
        QFile references(dir.filePath(QStringLiteral("small/caption/fmri_cococap.json")));
        QVERIFY(references.open(QIODevice::WriteOnly));
        references.write(QJsonDocument(ten).toJson());
        references.close();
        {
            StudioSettings settings;
            settings.setBrainHubFolder(dir.filePath(QStringLiteral("small")));
            settings.sync();
        }

        MainWindow window;
        window.setScripted(true);
        ResultsController *results = window.resultsController();
        QSignalSpy failed(results, &ResultsController::loadFailed);
        QSignalSpy idle(results, &ResultsController::idle);
        results->load({captions(QStringLiteral("braincap"))});
        QVERIFY(idle.wait(240000));
        QCOMPARE(failed.size(), 1);
        const QString message = failed.at(0).at(1).toString();
        QVERIFY2(message.contains(QStringLiteral("972 of its 982")) && message.contains(QStringLiteral("10 trials")),
                 qPrintable(message));
        QVERIFY(results->results().isEmpty());
        QVERIFY(QApplication::topLevelWidgets().size() >= 1);
        QVERIFY(!QApplication::activeModalWidget()); // a notice, not a box

        // Ten known ids and three unknown ones: scored on the ten, flagged.
        const QJsonObject braincap = readJson(captions(QStringLiteral("braincap")));
        QJsonObject partial;
        for (int id = 0; id < 10; ++id)
            partial.insert(QString::number(id), braincap.value(QString::number(id)));
        for (int id = 5000; id < 5003; ++id)
            partial.insert(QString::number(id), QStringLiteral("a caption for a trial the dataset does not have"));
        QVERIFY(dir.mkpath(QStringLiteral("se-brain-a-very-long-run-folder-name-test-all")));
        const QString partialPath =
            dir.filePath(QStringLiteral("se-brain-a-very-long-run-folder-name-test-all/sub01_decoded_caption.json"));
        QFile partialFile(partialPath);
        QVERIFY(partialFile.open(QIODevice::WriteOnly));
        partialFile.write(QJsonDocument(partial).toJson());
        partialFile.close();
        QVERIFY(loadResults(window, {partialPath}));
        const auto loaded = results->results();
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(loaded.at(0)->trialCount, qint64(10));
        QVERIFY2(loaded.at(0)->warning.contains(QStringLiteral("3 of its 13")), qPrintable(loaded.at(0)->warning));
        // The run folder's name, elided in the middle to 32 characters; the full path in the tool tip.
        QCOMPARE(loaded.at(0)->label, QStringLiteral("se-brain-a-very…er-name-test-all"));
        QCOMPARE(loaded.at(0)->label.size(), 32);
        const QTableWidget *corpus = results->compareView()->corpusTable();
        QCOMPARE(corpus->rowCount(), 1);
        QVERIFY(corpus->item(0, 0)->text().startsWith(QStringLiteral("⚠")));
        QVERIFY(corpus->item(0, 0)->toolTip().contains(loaded.at(0)->warning));
        QVERIFY(corpus->item(0, 0)->toolTip().contains(QDir::toNativeSeparators(partialPath)));
    }

    // The same BrainHub files scored by `vindex eval captions|grounding` and loaded in the window: the same score
    // names, every corpus number and every trial's numbers equal; the CLI's corpus numbers are BrainHub's published
    // values (README), and every grounding group the window's evaluation computed equals the CLI's.
    void cliAndStudioScoreTheSameFilesAlike()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!hasData() || !QFileInfo::exists(boxes()))
            QSKIP("brainhub not found");
        const QString captionFile = captions(QStringLiteral("braincap"));
        // The metrics the window asks for (ResultLoader): METEOR too when WordNet is found.
        const bool meteor = !vindex::eval::WordNet::locate().empty();
        QString output;
        const QString captionTrials = m_dir->filePath(QStringLiteral("captions-per-trial.json"));
        const auto captionCli =
            runCli({QStringLiteral("eval"), QStringLiteral("captions"), QStringLiteral("--candidates"), captionFile,
                    QStringLiteral("--brainhub"), brainHub(), QStringLiteral("--metrics"),
                    meteor ? QStringLiteral("bleu,rouge,cider,meteor") : QStringLiteral("bleu,rouge,cider"),
                    QStringLiteral("--skip-unmatched"), QStringLiteral("--per-trial"), captionTrials},
                   &output);
        QVERIFY2(captionCli.is_object(), qPrintable(output));
        const QString groundingTrials = m_dir->filePath(QStringLiteral("grounding-per-trial.json"));
        const auto groundingCli =
            runCli({QStringLiteral("eval"), QStringLiteral("grounding"), QStringLiteral("--predictions"), boxes(),
                    QStringLiteral("--brainhub"), brainHub(), QStringLiteral("--per-trial"), groundingTrials},
                   &output);
        QVERIFY2(groundingCli.is_object(), qPrintable(output));

        MainWindow window;
        QVERIFY(loadResults(window, {captionFile, boxes()}));
        const auto results = window.resultsController()->results();
        QCOMPARE(results.size(), 2);
        const vindex::widgets::DecodingResult &caption = *results.at(0);
        const vindex::widgets::DecodingResult &grounding = *results.at(1);
        QCOMPARE(caption.kind, vindex::widgets::DecodingResult::Kind::Captions);
        QCOMPARE(grounding.kind, vindex::widgets::DecodingResult::Kind::Grounding);

        // Captions: score names in order, corpus, trial count, every trial.
        QStringList cliNames;
        for (const auto &[name, value] : captionCli["scores"].items())
            cliNames << QString::fromStdString(name);
        QCOMPARE(caption.scoreNames, cliNames);
        QCOMPARE(caption.scoreNames.contains(QStringLiteral("METEOR_noparaphrase")), meteor);
        for (int m = 0; m < caption.scoreNames.size(); ++m) {
            const double cli = captionCli["scores"][caption.scoreNames[m].toStdString()].get<double>();
            QVERIFY2(same(cli, caption.corpus.at(m)), qPrintable(QStringLiteral("%1: CLI %2, studio %3")
                                                                     .arg(caption.scoreNames[m])
                                                                     .arg(cli, 0, 'g', 17)
                                                                     .arg(caption.corpus.at(m), 0, 'g', 17)));
        }
        QCOMPARE(caption.trialCount, qint64(captionCli["trials"].get<qint64>()));
        QCOMPARE(QFileInfo(caption.referencesPath).canonicalFilePath(),
                 QFileInfo(QString::fromStdString(captionCli["references"].get<std::string>())).canonicalFilePath());
        comparePerTrial(readJsonFile(captionTrials), caption);
        if (QTest::currentTestFailed())
            return;

        // The CLI's corpus numbers are BrainHub's published ones (README: reproduced to 1e-6).
        const auto published = readmeRow(QStringLiteral("caption/comparison/braincap/sub01_decoded_caption.json"));
        QCOMPARE(published.size(), 6);
        for (const auto &[name, value] : published) {
            const double cli = captionCli["scores"][name.toStdString()].get<double>();
            QVERIFY2(std::abs(cli - value) < 1e-6,
                     qPrintable(QStringLiteral("%1: %2 vs %3").arg(name).arg(cli).arg(value)));
        }

        // Grounding: the corpus (the main group's acc@0.5 and IoU), every trial, and every group's numbers.
        cliNames.clear();
        for (const auto &[name, value] : groundingCli["corpus"].items())
            cliNames << QString::fromStdString(name);
        QCOMPARE(grounding.scoreNames, cliNames);
        for (int m = 0; m < grounding.scoreNames.size(); ++m)
            QVERIFY2(same(groundingCli["corpus"][grounding.scoreNames[m].toStdString()].get<double>(),
                          grounding.corpus.at(m)),
                     qPrintable(grounding.scoreNames[m]));
        comparePerTrial(readJsonFile(groundingTrials), grounding);
        if (QTest::currentTestFailed())
            return;

        std::shared_ptr<const vindex::report::ScoredResult> scored;
        for (vindex::studio::Job *job : window.jobManager()->jobs())
            if (auto *evaluate = qobject_cast<vindex::studio::EvaluateJob *>(job))
                if (evaluate->scored() && evaluate->scored()->kind == vindex::report::ResultKind::Grounding)
                    scored = evaluate->scored();
        QVERIFY(scored);
        QCOMPARE(scored->mainGroup, groundingCli["main_group"].get<std::string>());
        const auto &cliGroups = groundingCli["scores"];
        QCOMPARE(scored->grounding.groups.size() + 1, cliGroups.size()); // + key_mismatch_images
        const nlohmann::json readme = readmeGrounding();
        QVERIFY(readme.is_object());
        for (const auto &group : scored->grounding.groups) {
            QVERIFY2(cliGroups.contains(group.group), group.group.c_str());
            const auto &cli = cliGroups[group.group];
            QVERIFY2(same(cli["accuracy"].get<double>(), group.accuracy), group.group.c_str());
            QVERIFY2(same(cli["iou"].get<double>(), group.iou), group.group.c_str());
            QCOMPARE(cli["n_targets"].get<int64_t>(), int64_t(group.targets));
            QCOMPARE(cli["failed"].get<int64_t>(), int64_t(group.failed));
            QCOMPARE(cli["target_failed"].get<int64_t>(), int64_t(group.targetFailed));
            // And BrainHub's published block.
            QVERIFY2(readme.contains(group.group), group.group.c_str());
            QVERIFY2(std::abs(cli["accuracy"].get<double>() - readme[group.group]["accuracy"].get<double>()) < 1e-10,
                     group.group.c_str());
            QVERIFY2(std::abs(cli["iou"].get<double>() - readme[group.group]["iou"].get<double>()) < 1e-10,
                     group.group.c_str());
            QCOMPARE(cli["n_targets"].get<int64_t>(), readme[group.group]["n_targets"].get<int64_t>());
        }
    }

    // The compare view as a figure (docs/screenshots/compare-view.png): BrainHub's methods and UMBRAE's boxes on a
    // trial, every dock but the trials closed so that the compare tab has the room; saved as a session and
    // rendered by vindex-studio --session --screenshot: the result colours are on it (bars, swatches, boxes).
    void compareViewScreenshotFromASession()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!hasData() || !QFileInfo::exists(boxes()))
            QSKIP("mini-nsd or brainhub not found");
        const QString session = m_dir->filePath(QStringLiteral("compare.vindex.json"));
        QList<QColor> colors;
        {
            MainWindow window;
            window.setScripted(true);
            openWithCaptions(window);
            QVERIFY(loadResults(window, {boxes()}));
            for (QDockWidget *dock : window.findChildren<QDockWidget *>())
                if (dock != window.trialsDock())
                    dock->hide();
            window.resizeDocks({window.trialsDock()}, {560}, Qt::Horizontal); // room for the score columns
            window.centralTabs()->setCurrentWidget(window.resultsController()->compareView());
            for (const auto &result : window.resultsController()->results())
                colors << result->color;
            QVERIFY(window.sessionController()->save(session));
        }
        const QString png = m_dir->filePath(QStringLiteral("compare-view.png"));
        const StudioTestSupport::Run run = StudioTestSupport::runStudio(
            StudioSettings::filePath(), {QStringLiteral("--session"), session, QStringLiteral("--screenshot"), png,
                                         QStringLiteral("--size"), QStringLiteral("1600x1000")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.output));
        const QImage image(png);
        QCOMPARE(image.size(), QSize(1600, 1000));
        GuiTestSupport::keep(image, QStringLiteral("compare-view"));
        for (const QColor &color : colors) {
            int pixels = 0;
            for (int y = 0; y < image.height(); ++y)
                for (int x = 0; x < image.width(); ++x)
                    if (image.pixelColor(x, y) == color)
                        ++pixels;
            QVERIFY2(pixels > 100, qPrintable(color.name()));
        }
    }

    // Loaded results belong to the session: a restored session has them again, scored the same.
    void sessionKeepsTheResults()
    {
        VINDEX_REQUIRE_OPENGL();
        if (!hasData())
            QSKIP("mini-nsd or brainhub not found");
        const QString path = m_dir->filePath(QStringLiteral("results.vindex.json"));
        {
            MainWindow window;
            openWithCaptions(window);
            window.resultsController()->setTableScore(QStringLiteral("ROUGE-L"));
            window.centralTabs()->setCurrentIndex(1);
            QVERIFY(window.sessionController()->save(path));
        }
        MainWindow window;
        window.show();
        QSignalSpy restored(window.sessionController(), &vindex::studio::SessionController::restored);
        window.sessionController()->open(path);
        QVERIFY(restored.wait(240000));
        QCOMPARE(window.resultsController()->paths(),
                 QStringList({QFileInfo(captions(QStringLiteral("braincap"))).absoluteFilePath(),
                              QFileInfo(captions(QStringLiteral("onellm"))).absoluteFilePath(),
                              QFileInfo(captions(QStringLiteral("sdrecon"))).absoluteFilePath()}));
        QCOMPARE(window.resultsController()->tableScore(), QStringLiteral("ROUGE-L"));
        QCOMPARE(window.centralTabs()->currentIndex(), 1);
        QCOMPARE(window.resultsController()->compareView()->trialIndex(), qint64(2));
        QCOMPARE(window.trialBrowser()->model()->columnCount(), TrialTableModel::ColumnCount + 3);
    }
};

VINDEX_GUI_TEST_MAIN(ResultsTest)
#include "ResultsTest.moc"
