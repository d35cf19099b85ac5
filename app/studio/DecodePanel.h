#pragma once
// The decode panel: caption (or, with Shikra, ground) NSD trials of the open subject through a brain encoder, or
// their stimulus images (the upper bound), or an image file — in a chosen feature space of a multimodal LLM, with
// prompt (the method's prompts as presets), decoding settings and device — for the current trial, the selected trials
// or the whole split. Each run is a job of the jobs dock (it keeps running when the panel is closed); its captions
// stream into the panel's table as they are generated. Results go to OUTPUT/<run name>/subNN_decoded_caption.json
// (BrainHub's layout) with their manifest; resultsWritten announces the file and Load as Result offers it to the
// results side. Errors (before the start or from core) show in the panel, whose fields stay as they were. Every
// configuration of the method is offered: SE / ME / AF / NF on LLaVA-1.5 and LLaVA-NeXT models (either layout), NF at
// M3's five scales, ME with a folder of two encoders (clip_224 + dino_224) and a DINOv2 tower, Shikra for Shikra
// models.
#include "DecodeInputCheck.h"

#include <QFutureWatcher>
#include <QHash>
#include <QList>
#include <QMap>
#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace vindex::widgets {
class PathEdit;
}

namespace vindex::studio {

class Job;
class JobOutputTable;

class DecodePanel : public QWidget {
    Q_OBJECT

public:
    enum class Scope { CurrentTrial, SelectedTrials, WholeSplit };

    // The trials the panel decodes: the open dataset's shown subject and split.
    struct TrialSource {
        QString root;
        int subject = 0;
        QString split;
        QString brainHubFolder; // for Shikra grounding over BrainHub's categories
    };

    explicit DecodePanel(QWidget *parent = nullptr);
    ~DecodePanel() override;

    void setTrialSource(const TrialSource &source);
    // The current trial and the selected ones (split indices).
    void setTrialSelection(qint64 current, const QList<qint64> &selected);

    // Checks the fields, builds the job and asks for it to be started (jobRequested); nullptr with the reason shown
    // in the panel when something is missing.
    Job *decode(Scope scope);
    // The panel's last job while it exists.
    Job *lastJob() const;

    widgets::PathEdit *modelEdit() const { return m_model; }
    QComboBox *spaceCombo() const { return m_space; }
    QComboBox *scaleCombo() const { return m_scale; }
    widgets::PathEdit *dinoEdit() const { return m_dino; }
    QComboBox *presetCombo() const { return m_preset; }
    QComboBox *inputCombo() const { return m_input; }
    widgets::PathEdit *encoderEdit() const { return m_encoder; }
    QSpinBox *headsSpin() const { return m_heads; }
    QSpinBox *headWidthSpin() const { return m_headWidth; }
    widgets::PathEdit *imageEdit() const { return m_image; }
    QLineEdit *promptEdit() const { return m_prompt; }
    QLineEdit *expressionsEdit() const { return m_expressions; }
    QCheckBox *categoriesCheck() const { return m_categories; }
    QSpinBox *maxTokensSpin() const { return m_maxTokens; }
    QSpinBox *batchSpin() const { return m_batch; }
    QComboBox *deviceCombo() const { return m_device; }
    widgets::PathEdit *outputEdit() const { return m_output; }
    QPushButton *currentButton() const { return m_currentButton; }
    QPushButton *selectedButton() const { return m_selectedButton; }
    QPushButton *splitButton() const { return m_splitButton; }
    QPushButton *cancelButton() const { return m_cancelButton; }
    QPushButton *loadResultButton() const { return m_loadButton; }
    JobOutputTable *captionTable() const { return m_table; }
    QLabel *messageLabel() const { return m_message; }
    QLabel *sourceLabel() const { return m_sourceLabel; }
    // What the model and encoder fields hold, checked as they are entered (empty while the field is empty).
    QLabel *modelStatusLabel() const { return m_modelStatus; }
    QLabel *encoderStatusLabel() const { return m_encoderStatus; }
    // Whether a row of the form (by its field: encoderEdit(), imageEdit(), ...) is shown.
    bool isRowShown(QWidget *field) const;
    // The voxel count of a subject of the open dataset, once the panel has looked it up (0 until then).
    qint64 subjectVoxels(int subject) const { return m_subjectVoxels.value(subject, 0); }

signals:
    // A job to run; the main window hands it to the JobManager (which owns it from then on).
    void jobRequested(vindex::studio::Job *job);
    // A results file is complete (BrainHub's layout + RESULTS.manifest.json), to be loaded as a result.
    void resultsWritten(const QString &path);
    // The user asked to load the last results file as a result (compare view, score column).
    void loadResultRequested(const QString &path);

private:
    QString checkInputs(Scope scope, QList<qint64> &trials) const;
    QString runFolderName(Scope scope, const QList<qint64> &trials) const;
    void watch(Job *job);
    void showMessage(const QString &text, bool error);
    void updateEnabled();
    void load();
    void save() const;
    bool grounding() const;
    bool shikraSpace() const;
    // The model folder changed: Shikra models get the Shikra spaces, LLaVA-family models the others.
    void followModel();
    // The inline checks: the model folder's kind (and the space it is made for), the encoder's voxels against the
    // open subject's and its head split against Heads × width. Empty when nothing is known to be wrong.
    void checkModel();
    void checkEncoder();
    QString encoderProblem() const;
    void showStatus(QLabel *label, const QString &text, bool problem);
    void lookUpSubjectVoxels();
    // Core's words for a decoding failure, in the panel's: its fields rather than command-line options.
    QString inPanelWords(const QString &error) const;
    // The prompt follows the chosen preset; a prompt typed by hand is "Custom".
    void applyPreset();
    void showPresetOf(const QString &prompt);

    widgets::PathEdit *m_model = nullptr;
    QComboBox *m_space = nullptr, *m_scale = nullptr, *m_input = nullptr, *m_device = nullptr, *m_preset = nullptr;
    widgets::PathEdit *m_encoder = nullptr, *m_dino = nullptr, *m_image = nullptr, *m_output = nullptr;
    QSpinBox *m_heads = nullptr, *m_headWidth = nullptr, *m_maxTokens = nullptr, *m_batch = nullptr;
    QLineEdit *m_prompt = nullptr, *m_expressions = nullptr;
    QCheckBox *m_categories = nullptr;
    QLabel *m_sourceLabel = nullptr, *m_message = nullptr;
    QPushButton *m_currentButton = nullptr, *m_selectedButton = nullptr, *m_splitButton = nullptr,
                *m_cancelButton = nullptr, *m_loadButton = nullptr;
    QString m_lastResults;
    JobOutputTable *m_table = nullptr;
    QList<QWidget *> m_brainRows, m_imageRows, m_groundRows; // the fields of rows shown for one input / space
    QFormLayout *m_form = nullptr;
    QLabel *m_modelStatus = nullptr, *m_encoderStatus = nullptr;
    DecodeInputCheck::ModelFacts m_modelFacts;
    DecodeInputCheck::EncoderFacts m_encoderFacts;
    QMap<int, qint64> m_subjectVoxels; // of m_voxelsRoot's subjects
    QString m_voxelsRoot;
    QFutureWatcher<QMap<int, qint64>> m_voxelsWatcher;

    TrialSource m_source;
    qint64 m_currentTrial = -1;
    QList<qint64> m_selectedTrials;
    QPointer<Job> m_job;
};

} // namespace vindex::studio
