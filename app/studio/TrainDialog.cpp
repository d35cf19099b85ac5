#include "TrainDialog.h"

#include "SpaceOptions.h"
#include "StudioSettings.h"

#include "PathEdit.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace vindex::studio {
namespace {

constexpr const char *kGroup = "train/";

QSpinBox *spin(int minimum, int maximum, int value)
{
    auto *box = new QSpinBox;
    box->setRange(minimum, maximum);
    box->setValue(value);
    box->setGroupSeparatorShown(true);
    return box;
}

QString key(const char *name)
{
    return QLatin1String(kGroup) + QLatin1String(name);
}

} // namespace

TrainDialog::TrainDialog(const QString &root, int subject, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Train Brain Encoder"));
    setObjectName(QStringLiteral("trainDialog"));
    const train::TrainingRecipe defaults;

    m_root = new widgets::PathEdit(widgets::PathEdit::Mode::Folder, tr("NSD Dataset Folder"));
    m_subject = spin(1, 8, 1);
    m_space = new QComboBox;
    SpaceOptions::fillSpaces(m_space);
    m_scale = new QComboBox;
    SpaceOptions::fillScales(m_scale);
    auto *spaceRow = new QHBoxLayout;
    spaceRow->addWidget(m_space, 1);
    spaceRow->addWidget(new QLabel(tr("NF scale:")));
    spaceRow->addWidget(m_scale);

    m_useMllm = new QRadioButton(tr("Multimodal LLM"));
    m_useVision = new QRadioButton(tr("Vision tower"));
    m_useMllm->setChecked(true);
    auto *targetKind = new QButtonGroup(this);
    targetKind->addButton(m_useMllm);
    targetKind->addButton(m_useVision);
    auto *targetRow = new QHBoxLayout;
    targetRow->addWidget(m_useMllm);
    targetRow->addWidget(m_useVision);
    targetRow->addStretch(1);
    m_model = new widgets::PathEdit(widgets::PathEdit::Mode::Folder, tr("Model Folder"));
    m_model->setPlaceholderText(tr("LLaVA-family or Shikra folder whose vision side gives the targets"));
    m_out = new widgets::PathEdit(widgets::PathEdit::Mode::Folder, tr("Run Folder"));
    m_out->setPlaceholderText(tr("checkpoints, target cache and train_log.jsonl go here"));
    m_resume = new widgets::PathEdit(widgets::PathEdit::Mode::OpenFile, tr("Checkpoint to Continue"));
    m_resume->setNameFilter(tr("Checkpoints (*.safetensors *.pth);;All files (*)"));
    m_resume->setPlaceholderText(tr("empty: a new run; or a run folder, last.safetensors or a UMBRAE .pth"));

    auto *data = new QGroupBox(tr("Data and targets"));
    auto *dataForm = new QFormLayout(data);
    dataForm->addRow(tr("&Dataset:"), m_root);
    dataForm->addRow(tr("&Subject:"), m_subject);
    dataForm->addRow(tr("Feature space:"), spaceRow); // a layout: no buddy, so no mnemonic
    dataForm->addRow(tr("Targets from:"), targetRow);
    dataForm->addRow(tr("&Model folder:"), m_model);

    m_epochs = spin(1, 100000, static_cast<int>(defaults.epochs));
    m_batch = spin(1, 65536, static_cast<int>(defaults.batchSize));
    m_lr = new QDoubleSpinBox;
    m_lr->setDecimals(6);
    m_lr->setRange(1e-6, 1.0);
    m_lr->setSingleStep(1e-4);
    m_lr->setValue(defaults.maxLr);
    m_denoiser = new QDoubleSpinBox;
    m_denoiser->setDecimals(3);
    m_denoiser->setRange(0.0, 100.0);
    m_denoiser->setSingleStep(0.1);
    m_denoiser->setValue(defaults.denoiserWeight);
    m_denoiser->setToolTip(tr("β of VINDEX's objective L_R + β·L_D; 0 trains with UMBRAE's regression loss alone"));
    m_threads = spin(0, 256, 0);
    m_threads->setSpecialValueText(tr("Automatic"));
    // train::DataRecipe::names(): the item data is the name the request carries.
    m_splits = new QComboBox;
    m_splits->addItem(tr("Clean: fit train, best on val"), QStringLiteral("clean"));
    m_splits->addItem(tr("UMBRAE: fit train + val, best on test, augmented"), QStringLiteral("umbrae"));
    m_splits->setToolTip(tr("UMBRAE's train.py fits the train and val splits and keeps the checkpoint that is best on "
                            "the test split, with image augmentation; the clean recipe leaves the test split unseen"));
    auto *recipe = new QGroupBox(tr("Recipe (UMBRAE's defaults)"));
    auto *recipeForm = new QFormLayout(recipe);
    recipeForm->addRow(tr("Spl&its:"), m_splits);
    recipeForm->addRow(tr("&Epochs:"), m_epochs);
    recipeForm->addRow(tr("&Batch:"), m_batch);
    recipeForm->addRow(tr("Max &learning rate:"), m_lr);
    recipeForm->addRow(tr("De&noiser weight β:"), m_denoiser);
    recipeForm->addRow(tr("CPU &threads:"), m_threads);

    m_width = spin(8, 16384, 1024);
    m_depth = spin(1, 64, 6);
    m_heads = spin(1, 256, 16);
    m_headWidth = spin(1, 1024, 96);
    auto *encoder = new QGroupBox(tr("Encoder (BrainXS)"));
    auto *encoderForm = new QFormLayout(encoder);
    encoderForm->addRow(tr("&Width:"), m_width);
    encoderForm->addRow(tr("De&pth:"), m_depth);
    encoderForm->addRow(tr("Heads × width:"), [&] {
        auto *row = new QHBoxLayout;
        row->addWidget(m_heads);
        row->addWidget(new QLabel(QStringLiteral("×")));
        row->addWidget(m_headWidth);
        return row;
    }());
    auto *columns = new QHBoxLayout;
    columns->addWidget(recipe);
    columns->addWidget(encoder);

    auto *run = new QGroupBox(tr("Run"));
    auto *runForm = new QFormLayout(run);
    runForm->addRow(tr("&Run folder:"), m_out);
    runForm->addRow(tr("&Continue from:"), m_resume);

    m_problem = new QLabel;
    m_problem->setObjectName(QStringLiteral("trainProblem"));
    m_problem->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_problem->setWordWrap(true);
    m_problem->hide();
    m_continueRun = new QPushButton(tr("Continue That Run"));
    m_continueRun->setObjectName(QStringLiteral("continueRunButton"));
    m_continueRun->setToolTip(tr("Continue the run in this folder from its last checkpoint"));
    m_continueRun->hide();
    connect(m_continueRun, &QPushButton::clicked, this, [this] { m_resume->setPath(m_out->path()); });
    auto *problemRow = new QHBoxLayout;
    problemRow->addWidget(m_problem, 1);
    problemRow->addWidget(m_continueRun, 0, Qt::AlignTop);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Start Training"));
    connect(buttons, &QDialogButtonBox::accepted, this, &TrainDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(data);
    layout->addLayout(columns);
    layout->addWidget(run);
    layout->addLayout(problemRow);
    layout->addWidget(buttons);

    connect(m_space, &QComboBox::currentIndexChanged, this, &TrainDialog::updateEnabled);
    connect(m_resume, &widgets::PathEdit::pathChanged, this, &TrainDialog::updateEnabled);
    connect(m_resume, &widgets::PathEdit::pathChanged, this, &TrainDialog::showRunFolderProblem);
    connect(m_out, &widgets::PathEdit::pathChanged, this, &TrainDialog::showRunFolderProblem);
    load(root, subject);
    updateEnabled();
    showRunFolderProblem();
    resize(sizeHint().width() + 120, sizeHint().height());
}

void TrainDialog::updateEnabled()
{
    m_scale->setEnabled(m_space->currentData().toString() == QLatin1String("nf"));
    // A checkpoint carries its recipe and architecture; the run continues with those.
    const bool fresh = m_resume->path().isEmpty();
    for (QWidget *widget : std::initializer_list<QWidget *>{m_splits, m_epochs, m_batch, m_lr, m_denoiser, m_width,
                                                            m_depth, m_heads, m_headWidth})
        widget->setEnabled(fresh);
    m_resume->setToolTip(fresh ? QString() : tr("Recipe and encoder size come from the checkpoint"));
}

QString TrainDialog::missingField() const
{
    if (m_root->path().isEmpty())
        return tr("Choose the NSD dataset folder.");
    if (m_model->path().isEmpty())
        return m_useMllm->isChecked() ? tr("Choose the multimodal LLM folder whose vision side gives the targets.")
                                      : tr("Choose the vision tower folder that gives the targets.");
    if (m_out->path().isEmpty())
        return tr("Choose a run folder for the checkpoints and the log.");
    return {};
}

QString TrainDialog::runFolderProblem() const
{
    const QString out = m_out->path();
    const QString resume = m_resume->path();
    if (!resume.isEmpty() && !QFileInfo::exists(resume))
        return tr("The checkpoint to continue from does not exist: %1").arg(QDir::toNativeSeparators(resume));
    if (out.isEmpty())
        return {};
    const QFileInfo folder(out);
    if (folder.exists() && !folder.isDir())
        return tr("The run folder is a file: %1. Choose a folder.").arg(QDir::toNativeSeparators(out));
    // Core refuses to start a new run over an earlier one (it would mix their checkpoints and logs).
    if (resume.isEmpty() && QFileInfo::exists(QDir(out).filePath(QStringLiteral("last.safetensors"))))
        return tr("This run folder holds a training run already (last.safetensors). Choose another run folder, or "
                  "continue that run (Continue from).");
    return {};
}

void TrainDialog::showRunFolderProblem()
{
    const QString problem = runFolderProblem();
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_continueRun->setVisible(!problem.isEmpty() && m_resume->path().isEmpty() && QFileInfo(m_out->path()).isDir());
}

void TrainDialog::accept()
{
    QString problem = missingField();
    if (problem.isEmpty())
        problem = runFolderProblem();
    if (!problem.isEmpty()) {
        m_problem->setText(problem);
        m_problem->show();
        return;
    }
    save();
    QDialog::accept();
}

train::TrainRequest TrainDialog::request() const
{
    train::TrainRequest request;
    request.root = QDir::fromNativeSeparators(m_root->path()).toStdString();
    request.subjects = {m_subject->value()};
    request.space = m_space->currentData().toString().toStdString();
    request.scale = m_scale->isEnabled() ? m_scale->currentData().toInt() : 0;
    (m_useMllm->isChecked() ? request.mllm : request.vision) =
        QDir::fromNativeSeparators(m_model->path()).toStdString();
    request.outDir = QDir::fromNativeSeparators(m_out->path()).toStdString();
    request.resume = QDir::fromNativeSeparators(m_resume->path()).toStdString();
    request.threads = m_threads->value();
    if (request.resume.empty()) {
        request.recipe = m_splits->currentData().toString().toStdString();
        request.epochs = m_epochs->value();
        request.batchSize = m_batch->value();
        request.maxLr = m_lr->value();
        request.denoiserWeight = m_denoiser->value();
        request.hidden = m_width->value();
        request.depth = m_depth->value();
        request.heads = m_heads->value();
        request.dimHead = m_headWidth->value();
    }
    request.device = StudioSettings().device().toStdString();
    return request;
}

void TrainDialog::load(const QString &root, int subject)
{
    StudioSettings settings;
    QSettings &store = settings.store();
    m_root->setPath(!root.isEmpty() ? root : store.value(key("root")).toString());
    m_subject->setValue(subject > 0 ? subject : store.value(key("subject"), 1).toInt());
    SpaceOptions::select(m_space, store.value(key("space"), QStringLiteral("se")));
    SpaceOptions::select(m_scale, store.value(key("scale"), 0).toInt()); // INI values come back as text
    (store.value(key("targets")).toString() == QLatin1String("vision") ? m_useVision : m_useMllm)->setChecked(true);
    m_model->setPath(store.value(key("model"), settings.modelFolder()).toString());
    m_out->setPath(store.value(key("out")).toString());
    const int splits = m_splits->findData(store.value(key("recipe"), QStringLiteral("clean")).toString());
    m_splits->setCurrentIndex(splits >= 0 ? splits : 0);
    m_epochs->setValue(store.value(key("epochs"), m_epochs->value()).toInt());
    m_batch->setValue(store.value(key("batch"), m_batch->value()).toInt());
    m_lr->setValue(store.value(key("lr"), m_lr->value()).toDouble());
    m_denoiser->setValue(store.value(key("denoiserWeight"), m_denoiser->value()).toDouble());
    m_threads->setValue(store.value(key("threads"), 0).toInt());
    m_width->setValue(store.value(key("width"), m_width->value()).toInt());
    m_depth->setValue(store.value(key("depth"), m_depth->value()).toInt());
    m_heads->setValue(store.value(key("heads"), m_heads->value()).toInt());
    m_headWidth->setValue(store.value(key("headWidth"), m_headWidth->value()).toInt());
}

void TrainDialog::save() const
{
    StudioSettings settings;
    QSettings &store = settings.store();
    store.setValue(key("root"), m_root->path());
    store.setValue(key("subject"), m_subject->value());
    store.setValue(key("space"), m_space->currentData());
    store.setValue(key("scale"), m_scale->currentData());
    store.setValue(key("targets"), m_useMllm->isChecked() ? QStringLiteral("mllm") : QStringLiteral("vision"));
    store.setValue(key("model"), m_model->path());
    store.setValue(key("out"), m_out->path());
    store.setValue(key("recipe"), m_splits->currentData());
    store.setValue(key("epochs"), m_epochs->value());
    store.setValue(key("batch"), m_batch->value());
    store.setValue(key("lr"), m_lr->value());
    store.setValue(key("denoiserWeight"), m_denoiser->value());
    store.setValue(key("threads"), m_threads->value());
    store.setValue(key("width"), m_width->value());
    store.setValue(key("depth"), m_depth->value());
    store.setValue(key("heads"), m_heads->value());
    store.setValue(key("headWidth"), m_headWidth->value());
}

} // namespace vindex::studio
