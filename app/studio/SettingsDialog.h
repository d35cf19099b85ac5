#pragma once
// Edits the persistent settings: model, data and BrainHub folders, compute device, interface language, how often
// the session is autosaved, and the models and data of the caption metrics that need them (METEOR's paraphrase
// table, PAC-S, the scene graphs and sentence encoders of CAPTURE and SentenceS).
// Values are read from StudioSettings when the dialog is created and written back when it is accepted.
#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace vindex::widgets {
class PathEdit;
}

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
    widgets::PathEdit *meteorDataEdit() const { return m_meteorData; }
    widgets::PathEdit *pacCheckpointEdit() const { return m_pacCheckpoint; }
    widgets::PathEdit *pacVocabularyEdit() const { return m_pacVocabulary; }
    widgets::PathEdit *sceneGraphParserEdit() const { return m_sceneGraphParser; }
    widgets::PathEdit *sceneGraphsFileEdit() const { return m_sceneGraphsFile; }
    widgets::PathEdit *captureEncoderEdit() const { return m_captureEncoder; }
    widgets::PathEdit *sentenceEncoderEdit() const { return m_sentenceEncoder; }

    // Writes the values to StudioSettings and closes the dialog.
    void accept() override;

private:
    QWidget *folderRow(QLineEdit *edit, const QString &dialogTitle);
    QWidget *metricsGroup();
    widgets::PathEdit *metricPath(const QString &objectName, bool folder, const QString &dialogTitle,
                                  const QString &toolTip);
    void load();
    void save();

    QLineEdit *m_modelFolder = nullptr;
    QLineEdit *m_dataFolder = nullptr;
    QLineEdit *m_brainHubFolder = nullptr;
    QComboBox *m_device = nullptr;
    QComboBox *m_language = nullptr;
    QSpinBox *m_autosave = nullptr;
    widgets::PathEdit *m_meteorData = nullptr, *m_pacCheckpoint = nullptr, *m_pacVocabulary = nullptr;
    widgets::PathEdit *m_sceneGraphParser = nullptr, *m_sceneGraphsFile = nullptr;
    widgets::PathEdit *m_captureEncoder = nullptr, *m_sentenceEncoder = nullptr;
    QLabel *m_restartNote = nullptr;
    QString m_initialLanguage;
};

} // namespace vindex::studio
