#include "DecodePanel.h"

#include "DecodeJob.h"
#include "GroundJob.h"
#include "JobOutputTable.h"
#include "SpaceOptions.h"
#include "StudioSettings.h"

#include "PathEdit.h"

#include "vindex/core/BuildInfo.h"
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
    m_model->setPlaceholderText(tr("LLaVA-1.5, LLaVA-NeXT (either layout), MMVP, Dense Connector, M3 or Shikra"));
    m_space = new QComboBox;
    SpaceOptions::fillSpaces(m_space);
    m_space->addItem(tr("Shikra — grounding (boxes)"), QStringLiteral("ground"));
    m_scale = new QComboBox;
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
    m_dino->setPlaceholderText(tr("Default: the model's mm_dino_tower, else torch.hub's cache"));
    m_dino->setToolTip(tr("ME: DINOv2 as torch.hub weights (dinov2_vitl14_pretrain.pth) or a Hugging Face DINOv2 "
                          "folder; empty: the model's mm_dino_tower, else torch.hub's cache"));

    m_input = new QComboBox;
    m_input->addItem(tr("Brain encoder on the trials' voxels"), BrainInput);
    m_input->addItem(tr("Stimulus images of the trials (upper bound)"), StimulusInput);
    m_input->addItem(tr("An image file"), ImageInput);
    m_encoder = new widgets::PathEdit(widgets::PathEdit::Mode::FileOrFolder, tr("Brain Encoder Checkpoint"));
    m_encoder->setFolderTitle(tr("Brain Encoder Folder (clip_224 and dino_224)"));
    m_encoder->setNameFilter(tr("Brain encoders (*.safetensors *.pth);;All files (*)"));
    m_encoder->setPlaceholderText(tr("BrainXS / BrainX checkpoint, or a folder of encoders for ME"));
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

    m_preset = new QComboBox;
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
    promptRow->addWidget(m_preset);
    promptRow->addWidget(m_prompt, 1);
    m_expressions = new QLineEdit;
    m_expressions->setPlaceholderText(tr("e.g. a dog; the red car"));
    m_expressions->setToolTip(tr("Expressions to locate, separated by semicolons"));
    m_categories = new QCheckBox(tr("Every COCO category BrainHub lists for the trial"));
    m_maxTokens = spin(1, 4096, static_cast<int>(decode::DecodingOptions{}.maxNewTokens));
    m_batch = spin(1, 512, 8);
    m_batch->setToolTip(tr("Prompts generated together (speed only: greedy text does not depend on it)"));
    m_device = new QComboBox;
    m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
    if (vindex::cudaAvailable())
        m_device->addItem(tr("CUDA"), QStringLiteral("cuda"));
    auto *decodingRow = new QHBoxLayout;
    decodingRow->addWidget(new QLabel(tr("Tokens:")));
    decodingRow->addWidget(m_maxTokens);
    decodingRow->addWidget(new QLabel(tr("Batch:")));
    decodingRow->addWidget(m_batch);
    decodingRow->addWidget(m_device, 1);
    m_output = new widgets::PathEdit(widgets::PathEdit::Mode::Folder, tr("Results Folder"));

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Model:"), m_model);
    form->addRow(tr("Space:"), spaceRow); // a layout: no buddy, so no mnemonic
    form->addRow(tr("&DINOv2:"), m_dino);
    form->addRow(tr("&Input:"), m_input);
    form->addRow(tr("&Encoder:"), m_encoder);
    m_brainRows << m_encoder << form->labelForField(m_encoder);
    form->addRow(tr("Heads × width:"), encoderShape);
    m_brainRows << encoderShape << form->labelForField(encoderShape);
    form->addRow(tr("Ima&ge:"), m_image);
    m_imageRows << m_image << form->labelForField(m_image);
    form->addRow(tr("Trials:"), m_sourceLabel);
    form->addRow(tr("Prompt:"), promptRow);
    form->addRow(tr("E&xpressions:"), m_expressions);
    m_groundRows << m_expressions << form->labelForField(m_expressions);
    form->addRow(QString(), m_categories);
    m_groundRows << m_categories;
    form->addRow(tr("Decoding:"), decodingRow);
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
    auto *messageRow = new QHBoxLayout;
    messageRow->addWidget(m_message, 1);
    messageRow->addWidget(m_loadButton);
    layout->addLayout(messageRow);
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
    followModel();
    updateEnabled();
}

DecodePanel::~DecodePanel() = default;

void DecodePanel::setTrialSource(const TrialSource &source)
{
    m_source = source;
    m_currentTrial = -1;
    m_selectedTrials.clear();
    updateEnabled();
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
        widget->setVisible(input == BrainInput);
    for (QWidget *widget : std::as_const(m_imageRows))
        widget->setVisible(input == ImageInput);
    for (QWidget *widget : std::as_const(m_groundRows))
        widget->setVisible(grounding());
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
    if (input == BrainInput) {
        if (m_encoder->path().isEmpty())
            return tr("Choose the brain encoder checkpoint.");
        if (!QFileInfo::exists(m_encoder->path()))
            return tr("The brain encoder %1 does not exist.").arg(QDir::toNativeSeparators(m_encoder->path()));
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
        default: showMessage(job->errorText(), true); break;
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
