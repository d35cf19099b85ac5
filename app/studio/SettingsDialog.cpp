#include "SettingsDialog.h"

#include "StudioSettings.h"
#include "StudioTranslator.h"

#include "PathEdit.h"

#include "vindex/core/BuildInfo.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace vindex::studio {

SettingsDialog::SettingsDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    setMinimumWidth(520);

    m_modelFolder = new QLineEdit(this);
    m_modelFolder->setObjectName(QStringLiteral("modelFolder"));
    m_modelFolder->setPlaceholderText(tr("Folder with LLaVA, vision towers and brain encoders"));
    m_dataFolder = new QLineEdit(this);
    m_dataFolder->setObjectName(QStringLiteral("dataFolder"));
    m_dataFolder->setPlaceholderText(tr("Folder with the NSD data"));
    m_brainHubFolder = new QLineEdit(this);
    m_brainHubFolder->setObjectName(QStringLiteral("brainHubFolder"));
    m_brainHubFolder->setPlaceholderText(tr("Default: brainhub/ inside the dataset"));
    m_brainHubFolder->setToolTip(tr("BrainHub's folder with caption/fmri_cococap.json and "
                                    "bbox/coco_bbox_categorized.json: reference captions and ground-truth boxes of "
                                    "the test split"));

    m_device = new QComboBox(this);
    m_device->setObjectName(QStringLiteral("device"));
    m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
    // Offered even without a GPU here: the same settings may be used on a machine that has one.
    m_device->addItem(cudaAvailable() ? tr("CUDA GPU") : tr("CUDA GPU (not available on this computer)"),
                      QStringLiteral("cuda"));

    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("language"));
    // "System (Deutsch)": which language "System" currently means (the C locale has no name to show).
    const QString systemLanguage = QLocale::system().nativeLanguageName();
    m_language->addItem(systemLanguage.isEmpty() ? tr("System") : tr("System (%1)").arg(systemLanguage),
                        QStringLiteral("system"));
    for (const QString &language : StudioTranslator::languages())
        m_language->addItem(StudioTranslator::nativeName(language), language);

    m_autosave = new QSpinBox(this);
    m_autosave->setObjectName(QStringLiteral("autosaveSeconds"));
    m_autosave->setRange(0, 3600);
    m_autosave->setSingleStep(30);
    m_autosave->setSuffix(tr(" s"));
    m_autosave->setSpecialValueText(tr("Off"));
    m_autosave->setToolTip(tr("How often the current session is saved for recovery after a crash"));

    m_restartNote = new QLabel(tr("The new language applies when VINDEX Studio is started again."), this);
    m_restartNote->setWordWrap(true);
    m_restartNote->setVisible(false);

    auto *form = new QFormLayout;
    form->addRow(tr("&Model folder:"), folderRow(m_modelFolder, tr("Choose the Model Folder")));
    form->addRow(tr("&Data folder:"), folderRow(m_dataFolder, tr("Choose the Data Folder")));
    form->addRow(tr("&BrainHub folder:"), folderRow(m_brainHubFolder, tr("Choose the BrainHub Folder")));
    form->addRow(tr("Compute &device:"), m_device);
    form->addRow(tr("&Language:"), m_language);
    form->addRow(tr("&Autosave session every:"), m_autosave);
    form->addRow(QString(), m_restartNote);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(metricsGroup());
    layout->addStretch(1);
    layout->addWidget(buttons);

    load();
    connect(m_language, &QComboBox::currentIndexChanged, this,
            [this] { m_restartNote->setVisible(m_language->currentData().toString() != m_initialLanguage); });
}

QWidget *SettingsDialog::folderRow(QLineEdit *edit, const QString &dialogTitle)
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    auto *browse = new QToolButton(row);
    browse->setText(tr("Browse…"));
    layout->addWidget(browse);
    connect(browse, &QToolButton::clicked, this, [this, edit, dialogTitle] {
        const QString start = edit->text().isEmpty() ? QDir::homePath() : edit->text();
        const QString folder = QFileDialog::getExistingDirectory(this, dialogTitle, start);
        if (!folder.isEmpty())
            edit->setText(QDir::toNativeSeparators(folder));
    });
    return row;
}

widgets::PathEdit *SettingsDialog::metricPath(const QString &objectName, bool folder, const QString &dialogTitle,
                                              const QString &toolTip)
{
    auto *edit = new widgets::PathEdit(folder ? widgets::PathEdit::Mode::Folder : widgets::PathEdit::Mode::OpenFile,
                                       dialogTitle);
    edit->setObjectName(objectName);
    edit->setPlaceholderText(tr("Not set: not computed"));
    edit->setToolTip(toolTip);
    edit->lineEdit()->setToolTip(toolTip);
    return edit;
}

QWidget *SettingsDialog::metricsGroup()
{
    // Each of these metrics needs a model or data of its own; results loaded later are scored with those set.
    m_meteorData = metricPath(QStringLiteral("meteorDataFolder"), true, tr("Choose METEOR's Data Folder"),
                              tr("METEOR 1.5's data folder, holding its paraphrase table paraphrase-en.gz (the Python "
                                 "package pycocoevalcap ships it as pycocoevalcap/meteor/data). Set: METEOR is the "
                                 "jar's, with paraphrases, as BrainHub reports it. Empty: METEOR without its "
                                 "paraphrase stage (\"METEOR (no paraphrase)\", when WordNet is installed)."));
    m_pacCheckpoint = metricPath(QStringLiteral("pacCheckpoint"), false, tr("Choose the PAC-S Checkpoint"),
                                 tr("PAC-S and RefPAC-S: the PAC-finetuned CLIP checkpoint in OpenAI's layout "
                                    "(clip_ViT-B-32.pth from aimagelab/pacscore). PAC-S compares each caption with "
                                    "its stimulus image, which the studio does not give the scoring yet: the "
                                    "setting is kept, but PAC-S is not computed when results are loaded (use "
                                    "vindex eval captions --pacs)."));
    m_pacCheckpoint->setNameFilter(tr("PyTorch checkpoints (*.pth *.pt);;All files (*)"));
    m_pacVocabulary = metricPath(QStringLiteral("pacVocabulary"), false, tr("Choose CLIP's BPE Vocabulary"),
                                 tr("OpenAI CLIP's bpe_simple_vocab_16e6.txt.gz for the PAC-S checkpoint. Empty: the "
                                    "file beside the checkpoint."));
    m_pacVocabulary->setPlaceholderText(tr("Default: beside the checkpoint"));
    m_pacVocabulary->setNameFilter(tr("BPE vocabulary (*.txt.gz *.txt);;All files (*)"));
    m_sceneGraphParser = metricPath(
        QStringLiteral("sceneGraphParserFolder"), true, tr("Choose the Scene-Graph Parser Folder"),
        tr("Object, attribute and relation precision/recall/F1 and CAPTURE: the FACTUAL scene-graph parser's "
           "folder (lizhuang144/flan-t5-base-VG-factual-sg: config.json, model.safetensors, spiece.model). Needed "
           "unless the stored scene graphs hold every sentence; needs the CAPTURE sentence encoder too."));
    m_sceneGraphsFile = metricPath(
        QStringLiteral("sceneGraphsFile"), false, tr("Choose a Stored Scene Graphs File"),
        tr("Scene graphs parsed before, a JSON file {\"sentence\": \"( man , is , young ) , ...\"}: asked before "
           "the parser, which parses the sentences it lacks. Without a parser, every sentence must be in it."));
    m_sceneGraphsFile->setNameFilter(tr("JSON files (*.json);;All files (*)"));
    m_captureEncoder = metricPath(
        QStringLiteral("captureEncoderFolder"), true, tr("Choose CAPTURE's Sentence Encoder"),
        tr("The sentence encoder of CAPTURE's soft matching, a sentence-transformers folder (CAPTURE uses "
           "all-mpnet-base-v2; all-MiniLM-L6-v2 works too). Element scores and CAPTURE are computed when it and "
           "scene graphs (parser or stored file) are set."));
    m_sentenceEncoder =
        metricPath(QStringLiteral("sentenceEncoderFolder"), true, tr("Choose SentenceS's Sentence Encoder"),
                   tr("SentenceS: the cosine between the caption's and its references' sentence embeddings, with "
                      "all-MiniLM-L6-v2 as sentence-transformers saves it (BrainHub's choice). Empty: SentenceS is "
                      "not computed."));

    auto *group = new QGroupBox(tr("Caption metrics (empty: not computed)"), this);
    group->setObjectName(QStringLiteral("metricSettings"));
    group->setToolTip(tr("Models and data the caption metrics need; results loaded afterwards are scored with them"));
    auto *form = new QFormLayout(group);
    form->addRow(tr("METEOR pa&raphrases:"), m_meteorData);
    form->addRow(tr("PAC-S chec&kpoint:"), m_pacCheckpoint);
    form->addRow(tr("PAC-S &vocabulary:"), m_pacVocabulary);
    form->addRow(tr("Scene-graph &parser:"), m_sceneGraphParser);
    form->addRow(tr("S&tored scene graphs:"), m_sceneGraphsFile);
    form->addRow(tr("CAPTURE &encoder:"), m_captureEncoder);
    form->addRow(tr("&SentenceS encoder:"), m_sentenceEncoder);
    return group;
}

void SettingsDialog::load()
{
    StudioSettings settings;
    m_modelFolder->setText(settings.modelFolder());
    m_dataFolder->setText(settings.dataFolder());
    m_brainHubFolder->setText(settings.brainHubFolder());
    m_device->setCurrentIndex(std::max(0, m_device->findData(settings.device())));
    m_autosave->setValue(settings.autosaveSeconds());
    m_meteorData->setPath(settings.meteorDataFolder());
    m_pacCheckpoint->setPath(settings.pacCheckpoint());
    m_pacVocabulary->setPath(settings.pacVocabulary());
    m_sceneGraphParser->setPath(settings.sceneGraphParserFolder());
    m_sceneGraphsFile->setPath(settings.sceneGraphsFile());
    m_captureEncoder->setPath(settings.captureEncoderFolder());
    m_sentenceEncoder->setPath(settings.sentenceEncoderFolder());
    m_initialLanguage = settings.language();
    const int language = m_language->findData(m_initialLanguage);
    m_language->setCurrentIndex(language >= 0 ? language : 0);
}

void SettingsDialog::save()
{
    StudioSettings settings;
    settings.setModelFolder(QDir::fromNativeSeparators(m_modelFolder->text().trimmed()));
    settings.setDataFolder(QDir::fromNativeSeparators(m_dataFolder->text().trimmed()));
    settings.setBrainHubFolder(QDir::fromNativeSeparators(m_brainHubFolder->text().trimmed()));
    settings.setDevice(m_device->currentData().toString());
    settings.setLanguage(m_language->currentData().toString());
    settings.setAutosaveSeconds(m_autosave->value());
    settings.setMeteorDataFolder(QDir::fromNativeSeparators(m_meteorData->path()));
    settings.setPacCheckpoint(QDir::fromNativeSeparators(m_pacCheckpoint->path()));
    settings.setPacVocabulary(QDir::fromNativeSeparators(m_pacVocabulary->path()));
    settings.setSceneGraphParserFolder(QDir::fromNativeSeparators(m_sceneGraphParser->path()));
    settings.setSceneGraphsFile(QDir::fromNativeSeparators(m_sceneGraphsFile->path()));
    settings.setCaptureEncoderFolder(QDir::fromNativeSeparators(m_captureEncoder->path()));
    settings.setSentenceEncoderFolder(QDir::fromNativeSeparators(m_sentenceEncoder->path()));
    settings.sync();
}

void SettingsDialog::accept()
{
    save();
    QDialog::accept();
}

} // namespace vindex::studio
