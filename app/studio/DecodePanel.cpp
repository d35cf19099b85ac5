#include "DecodePanel.h"

#include "DecodeJob.h"
#include "GroundJob.h"
#include "JobOutputTable.h"
#include "SpaceOptions.h"
#include "StudioSettings.h"

#include "PathEdit.h"

#include "vindex/core/BuildInfo.h"
#include "vindex/data/Session.h"
#include "vindex/decode/PromptPreset.h"
#include "vindex/models/ShikraConfig.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <optional>

namespace vindex::studio {
namespace {

constexpr const char *kGroup = "decode/";

enum InputKind { BrainInput, StimulusInput, ImageInput };

QString key(const char *name)
{
    return QLatin1String(kGroup) + QLatin1String(name);
}

std::string path(const QString &text)
{
    return QDir::fromNativeSeparators(text).toStdString();
}

// Combo boxes with long item texts would make the panel as wide as their longest item; they take a dock's width
// and elide instead (the full text is in the list).
QComboBox *narrowCombo()
{
    auto *combo = new QComboBox;
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(6);
    combo->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    return combo;
}

// A field with its check result below it (hidden while there is nothing to say).
QWidget *withStatus(QWidget *field, QLabel *status)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(1);
    layout->addWidget(field);
    layout->addWidget(status);
    status->setWordWrap(true);
    status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status->hide();
    return box;
}

QSpinBox *spin(int minimum, int maximum, int value)
{
    auto *box = new QSpinBox;
    box->setRange(minimum, maximum);
    box->setValue(value);
    return box;
}

// "3,5,10" for core's --trials.
std::string trialList(const QList<qint64> &trials)
{
    QStringList parts;
    for (qint64 index : trials)
        parts << QString::number(index);
    return parts.join(QLatin1Char(',')).toStdString();
}

} // namespace

Job *DecodePanel::lastJob() const
{
    return m_job;
}

DecodePanel::DecodePanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("decodePanel"));
    m_model = new widgets::PathEdit(widgets::PathEdit::Mode::Folder, tr("Multimodal LLM Folder"));
    m_model->setPlaceholderText(tr("LLaVA, MMVP, Dense Connector, M3 or Shikra"));
    m_model->setToolTip(tr("LLaVA-1.5, LLaVA-NeXT (either layout), MMVP, Dense Connector, M3 or Shikra"));
    m_modelStatus = new QLabel;
    m_modelStatus->setObjectName(QStringLiteral("decodeModelStatus"));
    m_space = narrowCombo();
    SpaceOptions::fillSpaces(m_space);
    m_space->addItem(tr("Shikra — grounding (boxes)"), QStringLiteral("ground"));
    m_scale = narrowCombo();
    SpaceOptions::fillScales(m_scale);
    m_scale->setToolTip(
        tr("NF (M3): about this many visual tokens after pooling. M3 pools a side × side grid with a kernel of "
           "int(√(side² / S)) and keeps ⌊side / kernel⌋² tokens, so the count depends on the encoder's grid: "
           "24 × 24 (CLIP-336) gives 1, 9, 36, 144, 576 tokens; 16 × 16 (a clip_224 brain encoder) gives 1, 9, 64, "
           "256, and 576 is refused, as M3 itself refuses it."));
    auto *spaceRow = new QHBoxLayout;
    spaceRow->addWidget(m_space, 1);
    spaceRow->addWidget(m_scale);
    // MMVP's second tower; its config.json may name one (mm_dino_tower), the released checkpoints do not.
    m_dino = new widgets::PathEdit(widgets::PathEdit::Mode::FileOrFolder, tr("DINOv2 Weights"));
    m_dino->setFolderTitle(tr("DINOv2 Folder (Hugging Face layout)"));
    m_dino->setNameFilter(tr("DINOv2 weights (*.pth *.safetensors);;All files (*)"));
    m_dino->setPlaceholderText(tr("Default: the model's or torch.hub's"));
    m_dino->setToolTip(tr("ME: DINOv2 as torch.hub weights (dinov2_vitl14_pretrain.pth) or a Hugging Face DINOv2 "
                          "folder; empty: the model's mm_dino_tower, else torch.hub's cache"));

    m_input = narrowCombo();
    m_input->addItem(tr("Brain (encoder on voxels)"), BrainInput);
    m_input->setItemData(0, tr("The trials' voxels through a brain encoder"), Qt::ToolTipRole);
    m_input->addItem(tr("Stimulus images (upper bound)"), StimulusInput);
    m_input->setItemData(1, tr("The stimulus images of the trials: the upper bound of brain decoding"),
                         Qt::ToolTipRole);
    m_input->addItem(tr("An image file"), ImageInput);
    m_encoder = new widgets::PathEdit(widgets::PathEdit::Mode::FileOrFolder, tr("Brain Encoder Checkpoint"));
    m_encoder->setFolderTitle(tr("Brain Encoder Folder (clip_224 and dino_224)"));
    m_encoder->setNameFilter(tr("Brain encoders (*.safetensors *.pth);;All files (*)"));
    m_encoder->setPlaceholderText(tr("BrainXS / BrainX checkpoint or ME folder"));
    m_encoderStatus = new QLabel;
    m_encoderStatus->setObjectName(QStringLiteral("decodeEncoderStatus"));
    m_encoder->setToolTip(tr("A BrainXS / BrainX checkpoint (.safetensors or UMBRAE .pth), or the method's folder "
                             "of encoders (clip_224/last.pth and dino_224/last.pth): ME takes both, the other "
                             "spaces its CLIP encoder"));
    // 0 = as the checkpoint records it (ours do; UMBRAE's files do not, and then UMBRAE's 16 × 96 applies).
    m_heads = spin(0, 256, 0);
    m_headWidth = spin(0, 1024, 0);
    m_heads->setSpecialValueText(tr("auto"));
    m_headWidth->setSpecialValueText(tr("auto"));
    m_heads->setToolTip(tr("Perceiver heads of the encoder; auto: as its checkpoint records it, else 16"));
    m_headWidth->setToolTip(tr("Width per head of the encoder; auto: as its checkpoint records it, else 96"));
    auto *encoderShape = new QWidget;
    auto *shapeLayout = new QHBoxLayout(encoderShape);
    shapeLayout->setContentsMargins(0, 0, 0, 0);
    shapeLayout->addWidget(m_heads);
    shapeLayout->addWidget(new QLabel(QStringLiteral("×")));
    shapeLayout->addWidget(m_headWidth);
    shapeLayout->addStretch(1);
    m_image = new widgets::PathEdit(widgets::PathEdit::Mode::OpenFile, tr("Image"));
    m_image->setNameFilter(tr("Images (*.png *.jpg *.jpeg);;All files (*)"));
    m_sourceLabel = new QLabel(tr("No dataset open"));
    m_sourceLabel->setObjectName(QStringLiteral("decodeSource"));
    m_sourceLabel->setWordWrap(true);

    m_preset = narrowCombo();
    for (const decode::PromptPreset &preset : decode::promptPresets()) {
        m_preset->addItem(QString::fromStdString(preset.name), QString::fromStdString(preset.name));
        m_preset->setItemData(m_preset->count() - 1,
                              QStringLiteral("“%1”\n%2")
                                  .arg(QString::fromStdString(preset.prompt), QString::fromStdString(preset.usedBy)),
                              Qt::ToolTipRole);
    }
    m_preset->addItem(tr("Custom"), QString());
    m_preset->setToolTip(tr("The method's prompts; Shikra models take “simple”, the LLaVA family “detail”"));
    m_prompt = new QLineEdit;
    m_prompt->setPlaceholderText(tr("Empty: the method's prompt for the model"));
    auto *promptRow = new QHBoxLayout;
    promptRow->addWidget(m_preset, 1);
    promptRow->addWidget(m_prompt, 2);
    m_expressions = new QLineEdit;
    m_expressions->setPlaceholderText(tr("e.g. a dog; the red car"));
    m_expressions->setToolTip(tr("Expressions to locate, separated by semicolons"));
    m_categories = new QCheckBox(tr("All BrainHub categories"));
    m_categories->setToolTip(tr("Every COCO category BrainHub lists for the trial"));
    m_maxTokens = spin(1, 4096, static_cast<int>(decode::DecodingOptions{}.maxNewTokens));
    m_batch = spin(1, 512, 8);
    m_batch->setToolTip(tr("Prompts generated together (speed only: greedy text does not depend on it)"));
    m_device = narrowCombo();
    m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
    if (vindex::cudaAvailable())
        m_device->addItem(tr("CUDA"), QStringLiteral("cuda"));
    auto *decodingRow = new QHBoxLayout;
    decodingRow->addWidget(new QLabel(tr("Tokens:")));
    decodingRow->addWidget(m_maxTokens);
    decodingRow->addWidget(new QLabel(tr("Batch:")));
    decodingRow->addWidget(m_batch);
    decodingRow->addStretch(1);
    m_output = new widgets::PathEdit(widgets::PathEdit::Mode::Folder, tr("Results Folder"));

    // Rows are shown and hidden whole (QFormLayout::setRowVisible) by the input and space: a hidden row's field
    // is never read (decode() reads the fields of the chosen input only).
    auto *form = m_form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::WrapLongRows); // a narrow dock puts fields under their labels
    QWidget *modelField = withStatus(m_model, m_modelStatus);
    form->addRow(tr("&Model:"), modelField);
    qobject_cast<QLabel *>(form->labelForField(modelField))->setBuddy(m_model);
    form->addRow(tr("Space:"), spaceRow); // a layout: no buddy, so no mnemonic
    form->addRow(tr("&DINOv2:"), m_dino);
    form->addRow(tr("&Input:"), m_input);
    QWidget *encoderField = withStatus(m_encoder, m_encoderStatus);
    form->addRow(tr("&Encoder:"), encoderField);
    qobject_cast<QLabel *>(form->labelForField(encoderField))->setBuddy(m_encoder);
    m_brainRows << encoderField;
    form->addRow(tr("Heads × width:"), encoderShape);
    m_brainRows << encoderShape;
    form->addRow(tr("Ima&ge:"), m_image);
    m_imageRows << m_image;
    form->addRow(tr("Trials:"), m_sourceLabel);
    form->addRow(tr("Prompt:"), promptRow);
    form->addRow(tr("E&xpressions:"), m_expressions);
    m_groundRows << m_expressions;
    form->addRow(QString(), m_categories);
    m_groundRows << m_categories;
    form->addRow(tr("Decoding:"), decodingRow);
    form->addRow(tr("De&vice:"), m_device);
    form->addRow(tr("&Results:"), m_output);

    m_currentButton = new QPushButton(tr("Current Trial"));
    m_currentButton->setObjectName(QStringLiteral("decodeCurrentButton"));
    m_currentButton->setToolTip(tr("Decode the trial shown"));
    m_selectedButton = new QPushButton(tr("Selected"));
    m_selectedButton->setToolTip(tr("Decode the trials selected in the trial table (Shift/Ctrl+click)"));
    m_splitButton = new QPushButton(tr("Whole Split"));
    m_splitButton->setToolTip(tr("Decode every trial of the split (resumes an earlier run of the same settings)"));
    m_cancelButton = new QPushButton(tr("Cancel"));
    m_cancelButton->setEnabled(false);
    connect(m_currentButton, &QPushButton::clicked, this, [this] { decode(Scope::CurrentTrial); });
    connect(m_selectedButton, &QPushButton::clicked, this, [this] { decode(Scope::SelectedTrials); });
    connect(m_splitButton, &QPushButton::clicked, this, [this] { decode(Scope::WholeSplit); });
    connect(m_cancelButton, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_job->cancel();
    });
    m_loadButton = new QPushButton(tr("Load as Result"));
    m_loadButton->setObjectName(QStringLiteral("decodeLoadResultButton"));
    m_loadButton->setToolTip(tr("Load the results file just written beside the other results (compare view, scores)"));
    m_loadButton->hide();
    connect(m_loadButton, &QPushButton::clicked, this, [this] {
        if (!m_lastResults.isEmpty())
            emit loadResultRequested(m_lastResults);
    });
    connect(this, &DecodePanel::resultsWritten, this, [this](const QString &path) {
        m_lastResults = path;
        m_loadButton->setToolTip(tr("Load %1 as a result").arg(QDir::toNativeSeparators(path)));
        m_loadButton->show();
    });
    // Two rows, so that the panel fits a side dock (one row of four buttons was wider than the dock).
    auto *buttons = new QGridLayout;
    buttons->addWidget(new QLabel(tr("Decode:")), 0, 0);
    buttons->addWidget(m_currentButton, 0, 1);
    buttons->addWidget(m_selectedButton, 0, 2);
    buttons->addWidget(m_splitButton, 1, 1);
    buttons->addWidget(m_cancelButton, 1, 2);
    buttons->setColumnStretch(3, 1);

    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("decodeMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    m_table = new JobOutputTable(tr("Caption"));
    m_table->setObjectName(QStringLiteral("decodeCaptions"));

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    // The message above Load as Result, each a row of its own: a long message never pushes the button out.
    layout->addWidget(m_message);
    auto *loadRow = new QHBoxLayout;
    loadRow->addWidget(m_loadButton);
    loadRow->addStretch(1);
    layout->addLayout(loadRow);
    layout->addWidget(m_table, 1);

    load();
    connect(m_space, &QComboBox::currentIndexChanged, this, [this] {
        // A preset follows the space's model family; a prompt of one's own stays.
        if (!m_preset->currentData().toString().isEmpty())
            SpaceOptions::select(m_preset, QString::fromStdString(decode::defaultPromptPreset(shikraSpace()).name));
        updateEnabled();
    });
    connect(m_input, &QComboBox::currentIndexChanged, this, &DecodePanel::updateEnabled);
    connect(m_preset, &QComboBox::currentIndexChanged, this, &DecodePanel::applyPreset);
    connect(m_prompt, &QLineEdit::textChanged, this, &DecodePanel::showPresetOf);
    connect(m_model, &widgets::PathEdit::pathChanged, this, &DecodePanel::followModel);
    connect(m_encoder, &widgets::PathEdit::pathChanged, this, &DecodePanel::checkEncoder);
    connect(m_heads, &QSpinBox::valueChanged, this, &DecodePanel::checkEncoder);
    connect(m_headWidth, &QSpinBox::valueChanged, this, &DecodePanel::checkEncoder);
    connect(&m_voxelsWatcher, &QFutureWatcher<QMap<int, qint64>>::finished, this, [this] {
        m_subjectVoxels = m_voxelsWatcher.result();
        checkEncoder();
    });
    followModel();
    checkEncoder();
    updateEnabled();
}

DecodePanel::~DecodePanel() = default;

void DecodePanel::setTrialSource(const TrialSource &source)
{
    const bool otherDataset = source.root != m_source.root || source.subject != m_source.subject;
    m_source = source;
    m_currentTrial = -1;
    m_selectedTrials.clear();
    // An error about the dataset shown before (its subject, its trials) does not hold for this one.
    if (otherDataset && !(m_job && m_job->isActive()))
        showMessage(QString(), false);
    lookUpSubjectVoxels();
    checkEncoder();
    updateEnabled();
}

void DecodePanel::lookUpSubjectVoxels()
{
    if (m_source.root == m_voxelsRoot)
        return;
    m_voxelsRoot = m_source.root;
    m_subjectVoxels.clear();
    if (m_voxelsRoot.isEmpty())
        return;
    // The scan reads the layouts' headers (as opening the dataset did): off the GUI thread.
    const std::string root = path(m_voxelsRoot);
    m_voxelsWatcher.setFuture(QtConcurrent::run([root] {
        QMap<int, qint64> voxels;
        try {
            const data::Session session = data::Session::open(root);
            for (int subject : session.subjects())
                voxels.insert(subject, session.subject(subject).voxelCount());
        } catch (const std::exception &) {
            // Not known: core checks the voxels when decoding.
        }
        return voxels;
    }));
}

bool DecodePanel::isRowShown(QWidget *field) const
{
    for (QWidget *widget = field; widget; widget = widget->parentWidget()) {
        int row = -1;
        QFormLayout::ItemRole role{};
        m_form->getWidgetPosition(widget, &row, &role);
        if (row >= 0)
            return m_form->isRowVisible(row);
        if (widget == this)
            break;
    }
    return false;
}

void DecodePanel::showStatus(QLabel *label, const QString &text, bool problem)
{
    label->setText(text);
    label->setStyleSheet(problem ? QStringLiteral("color: #b00020;") : QStringLiteral("color: palette(mid);"));
    label->setVisible(!text.isEmpty());
}

void DecodePanel::checkModel()
{
    const QString folder = m_model->path();
    m_modelFacts = folder.isEmpty() ? DecodeInputCheck::ModelFacts{} : DecodeInputCheck::inspectModel(folder);
    if (folder.isEmpty())
        showStatus(m_modelStatus, QString(), false);
    else if (!m_modelFacts.problem.isEmpty())
        showStatus(m_modelStatus, m_modelFacts.problem, true);
    else
        showStatus(m_modelStatus,
                   m_modelFacts.space.isEmpty()
                       ? m_modelFacts.kind
                       : tr("%1 · made for %2").arg(m_modelFacts.kind, m_modelFacts.space.toUpper()),
                   false);
}

QString DecodePanel::encoderProblem() const
{
    if (m_input->currentData().toInt() != BrainInput || m_encoder->path().isEmpty())
        return {};
    const DecodeInputCheck::EncoderFacts &facts = m_encoderFacts;
    if (!facts.problem.isEmpty())
        return facts.problem;
    if (m_source.subject > 0) {
        const qint64 wanted = m_subjectVoxels.value(m_source.subject, 0);
        const qint64 takes = facts.voxelsFor(m_source.subject);
        if (takes == 0 && !facts.voxels.isEmpty() && !facts.voxels.contains(0)) {
            QStringList subjects;
            for (int subject : facts.voxels.keys())
                subjects << QString::number(subject);
            return tr("This encoder has no tokenizer for subject %1 (it has subjects %2)")
                .arg(m_source.subject)
                .arg(subjects.join(QStringLiteral(", ")));
        }
        if (wanted > 0 && takes > 0 && wanted != takes)
            return tr("This encoder takes %1 voxels; subject %2 of the open dataset has %3: choose an encoder "
                      "trained on this subject")
                .arg(takes)
                .arg(m_source.subject)
                .arg(wanted);
    }
    if (facts.innerWidth > 0) {
        // Auto: the recorded split, else UMBRAE's 16 × 96.
        const qint64 heads =
            m_heads->value() > 0 ? m_heads->value() : (facts.recordedHeads > 0 ? facts.recordedHeads : 16);
        const qint64 width = m_headWidth->value() > 0 ? m_headWidth->value()
                                                      : (facts.recordedHeadWidth > 0 ? facts.recordedHeadWidth : 96);
        if (heads * width != facts.innerWidth)
            return tr("Heads × width is %1 × %2 = %3, but this encoder's attention is %4 wide: set Heads × width "
                      "to the split it was trained with (the checkpoint does not record it)")
                .arg(heads)
                .arg(width)
                .arg(heads * width)
                .arg(facts.innerWidth);
    }
    return {};
}

void DecodePanel::checkEncoder()
{
    const QString encoder = m_encoder->path();
    if (encoder.isEmpty()) {
        m_encoderFacts = {};
        showStatus(m_encoderStatus, QString(), false);
        return;
    }
    // The file is read again only when the path changed (the spins and the dataset re-check the same facts).
    if (m_encoder->property("checkedPath").toString() != encoder) {
        m_encoderFacts = DecodeInputCheck::inspectEncoder(encoder);
        m_encoder->setProperty("checkedPath", encoder);
        // The split our training recorded: the fields show it rather than "auto".
        if (m_encoderFacts.recordedHeads > 0 && m_encoderFacts.recordedHeadWidth > 0) {
            const QSignalBlocker headsBlocker(m_heads), widthBlocker(m_headWidth);
            m_heads->setValue(m_encoderFacts.recordedHeads);
            m_headWidth->setValue(m_encoderFacts.recordedHeadWidth);
        }
    }
    const QString problem = encoderProblem();
    if (!problem.isEmpty()) {
        showStatus(m_encoderStatus, problem, true);
        return;
    }
    const DecodeInputCheck::EncoderFacts &facts = m_encoderFacts;
    QStringList parts{facts.kind};
    const qint64 voxels = facts.voxelsFor(m_source.subject);
    if (voxels > 0)
        parts << tr("%1 voxels").arg(voxels);
    else
        parts << tr("subjects %1").arg([&facts] {
            QStringList subjects;
            for (int subject : facts.voxels.keys())
                subjects << QString::number(subject);
            return subjects.join(QStringLiteral(", "));
        }());
    if (facts.recordedHeads > 0)
        parts << tr("%1 × %2 heads (recorded)").arg(facts.recordedHeads).arg(facts.recordedHeadWidth);
    showStatus(m_encoderStatus, parts.join(QStringLiteral(" · ")), false);
}

QString DecodePanel::inPanelWords(const QString &error) const
{
    // PerceiverResampler's hint names the CLI's options; the panel's field is Heads × width.
    static const QString cli = QStringLiteral("set the heads / dim_head options, --heads / --dim-head on the "
                                              "command line");
    QString text = error;
    if (text.contains(cli))
        text.replace(cli, tr("set Heads × width to the split the encoder was trained with"));
    return text;
}

void DecodePanel::setTrialSelection(qint64 current, const QList<qint64> &selected)
{
    m_currentTrial = current;
    m_selectedTrials = selected;
    updateEnabled();
}

bool DecodePanel::grounding() const
{
    return m_space->currentData().toString() == QLatin1String("ground");
}

bool DecodePanel::shikraSpace() const
{
    const QString space = m_space->currentData().toString();
    return space == QLatin1String("shikra") || space == QLatin1String("ground");
}

void DecodePanel::followModel()
{
    checkModel();
    // A folder made for one space (Dense Connector: AF, M3: NF, MMVP: ME) selects it; a plain LLaVA folder leaves
    // AF, which needs a Dense Connector, for SE.
    if (m_modelFacts.problem.isEmpty() && !m_modelFacts.shikra) {
        if (!m_modelFacts.space.isEmpty())
            SpaceOptions::select(m_space, m_modelFacts.space);
        else if (!m_modelFacts.kind.isEmpty() && m_space->currentData().toString() == QLatin1String("af"))
            SpaceOptions::select(m_space, QStringLiteral("se"));
    }
    const std::optional<bool> shikra = models::isShikraFolder(m_model->path().toStdString());
    auto *items = qobject_cast<QStandardItemModel *>(m_space->model());
    for (int row = 0; row < m_space->count(); ++row) {
        const QString space = m_space->itemData(row).toString();
        const bool forShikra = space == QLatin1String("shikra") || space == QLatin1String("ground");
        items->item(row)->setEnabled(!shikra || *shikra == forShikra);
    }
    if (shikra && *shikra != shikraSpace())
        SpaceOptions::select(m_space, *shikra ? QStringLiteral("shikra") : QStringLiteral("se"));
}

void DecodePanel::applyPreset()
{
    const QString name = m_preset->currentData().toString();
    if (!name.isEmpty())
        m_prompt->setText(QString::fromStdString(decode::promptPreset(name.toStdString()).prompt));
}

void DecodePanel::showPresetOf(const QString &prompt)
{
    QString name; // Custom
    for (const decode::PromptPreset &preset : decode::promptPresets())
        if (prompt.trimmed() == QString::fromStdString(preset.prompt))
            name = QString::fromStdString(preset.name);
    const QSignalBlocker blocker(m_preset);
    SpaceOptions::select(m_preset, name);
}

void DecodePanel::updateEnabled()
{
    const int input = m_input->currentData().toInt();
    for (QWidget *widget : std::as_const(m_brainRows))
        m_form->setRowVisible(widget, input == BrainInput);
    for (QWidget *widget : std::as_const(m_imageRows))
        m_form->setRowVisible(widget, input == ImageInput);
    for (QWidget *widget : std::as_const(m_groundRows))
        m_form->setRowVisible(widget, grounding());
    m_prompt->setEnabled(!grounding());
    m_preset->setEnabled(!grounding());
    m_dino->setEnabled(m_space->currentData().toString() == QLatin1String("me"));
    m_scale->setEnabled(m_space->currentData().toString() == QLatin1String("nf"));
    const bool trials = input != ImageInput;
    const bool open = !m_source.root.isEmpty() && m_source.subject > 0;
    if (!trials)
        m_sourceLabel->setText(tr("Not used: an image file is decoded"));
    else if (!open)
        m_sourceLabel->setText(tr("Open a dataset to decode its trials"));
    else
        m_sourceLabel->setText(tr("Subject %1, %2 split · current trial %3 · %n selected", nullptr,
                                  static_cast<int>(m_selectedTrials.size()))
                                   .arg(m_source.subject)
                                   .arg(m_source.split)
                                   .arg(m_currentTrial >= 0 ? QString::number(m_currentTrial) : tr("none")));
    m_currentButton->setText(trials ? tr("Current Trial") : tr("Image"));
    m_selectedButton->setVisible(trials);
    m_splitButton->setVisible(trials);
    m_cancelButton->setEnabled(m_job && m_job->isActive());
}

QString DecodePanel::checkInputs(Scope scope, QList<qint64> &trials) const
{
    const QString model = m_model->path();
    if (model.isEmpty())
        return tr("Choose the multimodal LLM folder.");
    if (!QFileInfo(model).isDir())
        return tr("The model folder %1 does not exist.").arg(QDir::toNativeSeparators(model));
    if (m_output->path().isEmpty())
        return tr("Choose a folder for the results.");
    const int input = m_input->currentData().toInt();
    if (input == ImageInput) {
        if (m_image->path().isEmpty())
            return tr("Choose an image file.");
        if (!QFileInfo(m_image->path()).isFile())
            return tr("The image %1 does not exist.").arg(QDir::toNativeSeparators(m_image->path()));
        return {};
    }
    if (!m_modelFacts.problem.isEmpty())
        return tr("Model: %1.").arg(m_modelFacts.problem);
    if (input == BrainInput) {
        if (m_encoder->path().isEmpty())
            return tr("Choose the brain encoder checkpoint.");
        if (!QFileInfo::exists(m_encoder->path()))
            return tr("The brain encoder %1 does not exist.").arg(QDir::toNativeSeparators(m_encoder->path()));
        if (const QString problem = encoderProblem(); !problem.isEmpty())
            return tr("Encoder: %1.").arg(problem);
    }
    if (m_dino->isEnabled() && !m_dino->path().isEmpty() && !QFileInfo::exists(m_dino->path()))
        return tr("The DINOv2 weights %1 do not exist.").arg(QDir::toNativeSeparators(m_dino->path()));
    if (m_source.root.isEmpty() || m_source.subject <= 0)
        return tr("Open a dataset and choose a subject: its trials are decoded.");
    if (grounding() && m_expressions->text().trimmed().isEmpty() && !m_categories->isChecked())
        return tr("Give expressions to locate, or ground every category BrainHub lists.");
    switch (scope) {
    case Scope::CurrentTrial:
        if (m_currentTrial < 0)
            return tr("No trial is selected.");
        trials = {m_currentTrial};
        break;
    case Scope::SelectedTrials:
        if (m_selectedTrials.isEmpty())
            return tr("Select trials in the trial table first.");
        trials = m_selectedTrials;
        std::sort(trials.begin(), trials.end());
        break;
    case Scope::WholeSplit: trials.clear(); break;
    }
    return {};
}

QString DecodePanel::runFolderName(Scope scope, const QList<qint64> &trials) const
{
    // One folder per kind of run, so that runs with other inputs do not meet in one results file (core refuses
    // to mix settings) and the same run again resumes.
    QString name = m_space->currentData().toString();
    if (m_scale->isEnabled() && m_scale->currentData().toInt() > 0)
        name += QString::number(m_scale->currentData().toInt());
    const int input = m_input->currentData().toInt();
    if (input == ImageInput)
        return name + QStringLiteral("-image-") + QFileInfo(m_image->path()).completeBaseName();
    name += input == BrainInput ? QStringLiteral("-brain-") + QFileInfo(m_encoder->path()).completeBaseName()
                                : QStringLiteral("-stimuli");
    name += QLatin1Char('-') + m_source.split;
    if (scope == Scope::WholeSplit)
        return name + QStringLiteral("-all");
    QStringList parts;
    for (qint64 index : trials.mid(0, 6))
        parts << QString::number(index);
    if (trials.size() > 6)
        parts << QStringLiteral("%1more").arg(trials.size() - 6);
    return name + QStringLiteral("-trials-") + parts.join(QLatin1Char('_'));
}

Job *DecodePanel::decode(Scope scope)
{
    QList<qint64> trials;
    const QString problem = checkInputs(scope, trials);
    if (!problem.isEmpty()) {
        showMessage(problem, true);
        return nullptr;
    }
    save();
    const int input = m_input->currentData().toInt();
    const QString folder = QDir(m_output->path()).filePath(runFolderName(scope, trials));
    if (!QDir().mkpath(folder)) {
        showMessage(tr("Cannot create the results folder %1.").arg(QDir::toNativeSeparators(folder)), true);
        return nullptr;
    }
    const QString subjectPrefix =
        input == ImageInput ? QString() : QStringLiteral("sub%1_").arg(m_source.subject, 2, 10, QLatin1Char('0'));

    decode::RunInputOptions inputs;
    if (input == ImageInput) {
        inputs.images = {path(m_image->path())};
    } else {
        inputs.root = path(m_source.root);
        inputs.subject = m_source.subject;
        inputs.split = m_source.split.toStdString();
        inputs.trials = trialList(trials);
        if (input == BrainInput) {
            inputs.brainCheckpoint = path(m_encoder->path());
            inputs.heads = m_heads->value();
            inputs.dimHead = m_headWidth->value();
        }
    }
    const QString what =
        input == ImageInput          ? QFileInfo(m_image->path()).fileName()
        : scope == Scope::WholeSplit ? tr("subject %1 %2 split").arg(m_source.subject).arg(m_source.split)
        : trials.size() == 1
            ? tr("subject %1 trial %2").arg(m_source.subject).arg(trials.first())
            : tr("subject %1, %n trials", nullptr, static_cast<int>(trials.size())).arg(m_source.subject);
    const QString source = input == BrainInput ? tr("brain") : input == StimulusInput ? tr("stimulus") : tr("image");

    Job *job = nullptr;
    if (grounding()) {
        decode::GroundRunRequest request;
        static_cast<decode::RunInputOptions &>(request) = inputs;
        request.modelFolder = path(m_model->path());
        for (const QString &expression : m_expressions->text().split(QLatin1Char(';'), Qt::SkipEmptyParts))
            if (!expression.trimmed().isEmpty())
                request.expressions.push_back(expression.trimmed().toStdString());
        if (m_categories->isChecked()) {
            request.expressions.clear();
            request.categories = "coco";
            request.brainhubFolder = path(m_source.brainHubFolder);
        }
        request.maxNewTokens = m_maxTokens->value();
        request.batchSize = m_batch->value();
        request.device = m_device->currentData().toString().toStdString();
        request.resultsPath = path(QDir(folder).filePath(subjectPrefix + QStringLiteral("decoded_bbox.json")));
        auto *ground = new GroundJob(std::move(request), tr("Shikra boxes · %1 · %2").arg(source, what));
        connect(ground, &GroundJob::resultsWritten, this, &DecodePanel::resultsWritten);
        job = ground;
    } else {
        decode::CaptionRunRequest request;
        static_cast<decode::RunInputOptions &>(request) = inputs;
        request.modelFolder = path(m_model->path());
        request.space = m_space->currentData().toString().toStdString();
        request.scale = m_scale->isEnabled() ? m_scale->currentData().toInt() : 0;
        if (m_dino->isEnabled())
            request.dinoTower = path(m_dino->path());
        request.prompt = m_prompt->text().trimmed().toStdString();
        request.maxNewTokens = m_maxTokens->value();
        request.batchSize = m_batch->value();
        request.device = m_device->currentData().toString().toStdString();
        request.resultsPath = path(QDir(folder).filePath(subjectPrefix + QStringLiteral("decoded_caption.json")));
        auto *captions =
            new DecodeJob(std::move(request),
                          tr("%1 captions · %2 · %3").arg(m_space->currentData().toString().toUpper(), source, what));
        connect(captions, &DecodeJob::resultsWritten, this, &DecodePanel::resultsWritten);
        job = captions;
    }
    m_table->setRowCount(0);
    m_loadButton->hide();
    watch(job);
    showMessage(tr("Running: %1").arg(job->name()), false);
    emit jobRequested(job);
    updateEnabled();
    return job;
}

void DecodePanel::watch(Job *job)
{
    if (m_job)
        disconnect(m_job, nullptr, this, nullptr);
    m_job = job;
    if (auto *captions = qobject_cast<DecodeJob *>(job))
        connect(captions, &DecodeJob::captionsChanged, this,
                [this, captions](const QList<int> &rows) { m_table->showRows(captions, rows); });
    connect(job, &Job::ended, this, [this, job] {
        if (qobject_cast<GroundJob *>(job))
            m_table->showAll(job);
        switch (job->state()) {
        case Job::State::Finished: showMessage(tr("Done: %1").arg(job->statusText()), false); break;
        case Job::State::Cancelled: showMessage(tr("Cancelled; finished captions are kept."), false); break;
        default: showMessage(inPanelWords(job->errorText()), true); break;
        }
        updateEnabled();
    });
}

void DecodePanel::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
    m_message->setVisible(!text.isEmpty());
}

void DecodePanel::load()
{
    StudioSettings settings;
    QSettings &store = settings.store();
    m_model->setPath(store.value(key("model"), settings.modelFolder()).toString());
    SpaceOptions::select(m_space, store.value(key("space"), QStringLiteral("se")));
    SpaceOptions::select(m_scale, store.value(key("scale"), 0).toInt()); // INI values come back as text
    SpaceOptions::select(m_input, store.value(key("input"), BrainInput).toInt());
    m_encoder->setPath(store.value(key("encoder")).toString());
    m_dino->setPath(store.value(key("dino")).toString());
    m_heads->setValue(store.value(key("heads"), m_heads->value()).toInt());
    m_headWidth->setValue(store.value(key("headWidth"), m_headWidth->value()).toInt());
    m_image->setPath(store.value(key("image")).toString());
    // The method's prompt for the model until one is chosen (Custom with an empty prompt leaves it to core).
    m_prompt->setText(
        store.value(key("prompt"), QString::fromStdString(decode::defaultPromptPreset(shikraSpace()).prompt))
            .toString());
    showPresetOf(m_prompt->text());
    m_maxTokens->setValue(store.value(key("maxNewTokens"), m_maxTokens->value()).toInt());
    m_batch->setValue(store.value(key("batch"), m_batch->value()).toInt());
    SpaceOptions::select(m_device, store.value(key("device"), settings.device()));
    const QString defaultOutput =
        QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)).filePath(QStringLiteral("VINDEX"));
    m_output->setPath(store.value(key("output"), defaultOutput).toString());
}

void DecodePanel::save() const
{
    StudioSettings settings;
    QSettings &store = settings.store();
    store.setValue(key("model"), m_model->path());
    store.setValue(key("space"), m_space->currentData());
    store.setValue(key("scale"), m_scale->currentData());
    store.setValue(key("input"), m_input->currentData());
    store.setValue(key("encoder"), m_encoder->path());
    store.setValue(key("dino"), m_dino->path());
    store.setValue(key("heads"), m_heads->value());
    store.setValue(key("headWidth"), m_headWidth->value());
    store.setValue(key("image"), m_image->path());
    store.setValue(key("prompt"), m_prompt->text());
    store.setValue(key("maxNewTokens"), m_maxTokens->value());
    store.setValue(key("batch"), m_batch->value());
    store.setValue(key("device"), m_device->currentData());
    store.setValue(key("output"), m_output->path());
}

} // namespace vindex::studio
