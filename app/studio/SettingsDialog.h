#pragma once
// Edits the persistent settings: model, data and BrainHub folders, compute device, interface language and how often
// the session is autosaved.
// Values are read from StudioSettings when the dialog is created and written back when it is accepted.
#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace vindex::studio {

class SettingsDialog : public QDialog {
    Q_OBJECT

public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    QLineEdit *modelFolderEdit() const { return m_modelFolder; }
    QLineEdit *dataFolderEdit() const { return m_dataFolder; }
    QLineEdit *brainHubFolderEdit() const { return m_brainHubFolder; }
    QComboBox *deviceCombo() const { return m_device; }
    QComboBox *languageCombo() const { return m_language; }
    QSpinBox *autosaveSpin() const { return m_autosave; }

    // Writes the values to StudioSettings and closes the dialog.
    void accept() override;

private:
    QWidget *folderRow(QLineEdit *edit, const QString &dialogTitle);
    void load();
    void save();

    QLineEdit *m_modelFolder = nullptr;
    QLineEdit *m_dataFolder = nullptr;
    QLineEdit *m_brainHubFolder = nullptr;
    QComboBox *m_device = nullptr;
    QComboBox *m_language = nullptr;
    QSpinBox *m_autosave = nullptr;
    QLabel *m_restartNote = nullptr;
    QString m_initialLanguage;
};

} // namespace vindex::studio
