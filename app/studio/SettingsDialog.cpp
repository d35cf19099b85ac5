#include "SettingsDialog.h"

#include "StudioSettings.h"
#include "StudioTranslator.h"

#include "vindex/core/BuildInfo.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
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

void SettingsDialog::load()
{
    StudioSettings settings;
    m_modelFolder->setText(settings.modelFolder());
    m_dataFolder->setText(settings.dataFolder());
    m_brainHubFolder->setText(settings.brainHubFolder());
    m_device->setCurrentIndex(std::max(0, m_device->findData(settings.device())));
    m_autosave->setValue(settings.autosaveSeconds());
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
    settings.sync();
}

void SettingsDialog::accept()
{
    save();
    QDialog::accept();
}

} // namespace vindex::studio
