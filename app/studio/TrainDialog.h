#pragma once
// Tools ▸ Train Brain Encoder…: the settings of a train::Trainer run — dataset and subject (from the open dataset),
// feature space and where its targets come from (a multimodal LLM or a vision tower folder), run folder, recipe
// (which splits are fitted and chosen on — train::DataRecipe —, epochs, batch, learning rate, denoiser weight β),
// encoder size, and an optional checkpoint or run folder to
// continue. The values are kept in the settings for the next time. The run folder and the checkpoint to continue are
// checked as they are entered (a folder that holds a run already is refused, with a button to continue that run
// instead), in the dialog's own words; core checks the rest when the job starts.
#include "vindex/train/Trainer.h"

#include <QDialog>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace vindex::widgets {
class PathEdit;
}

namespace vindex::studio {

class TrainDialog : public QDialog {
    Q_OBJECT

public:
    // root and subject: the open dataset's (empty / 0: the values used last time).
    TrainDialog(const QString &root, int subject, QWidget *parent = nullptr);

    // The request the fields describe (valid after accept, or whenever the fields are complete).
    train::TrainRequest request() const;

    widgets::PathEdit *rootEdit() const { return m_root; }
    QSpinBox *subjectSpin() const { return m_subject; }
    QComboBox *spaceCombo() const { return m_space; }
    QComboBox *scaleCombo() const { return m_scale; }
    QComboBox *splitsCombo() const { return m_splits; }
    QRadioButton *mllmRadio() const { return m_useMllm; }
    QRadioButton *visionRadio() const { return m_useVision; }
    widgets::PathEdit *modelEdit() const { return m_model; }
    widgets::PathEdit *outEdit() const { return m_out; }
    widgets::PathEdit *resumeEdit() const { return m_resume; }
    QSpinBox *epochsSpin() const { return m_epochs; }
    QSpinBox *batchSpin() const { return m_batch; }
    QDoubleSpinBox *lrSpin() const { return m_lr; }
    QDoubleSpinBox *denoiserSpin() const { return m_denoiser; }
    QSpinBox *widthSpin() const { return m_width; }
    QSpinBox *depthSpin() const { return m_depth; }
    QSpinBox *headsSpin() const { return m_heads; }
    QSpinBox *headWidthSpin() const { return m_headWidth; }
    QLabel *problemLabel() const { return m_problem; }
    // Shown while the run folder holds a run already: puts that folder into "Continue from".
    QPushButton *continueRunButton() const { return m_continueRun; }

    // Checks that the required fields are filled in (root, targets folder, run folder) and that the run folder can
    // take this run; saves and closes.
    void accept() override;

private:
    void load(const QString &root, int subject);
    void save() const;
    void updateEnabled();
    QString missingField() const;
    // What is wrong with the run folder or the checkpoint to continue as entered; empty when nothing is.
    QString runFolderProblem() const;
    void showRunFolderProblem();

    widgets::PathEdit *m_root = nullptr;
    QSpinBox *m_subject = nullptr;
    QComboBox *m_space = nullptr, *m_scale = nullptr, *m_splits = nullptr;
    QRadioButton *m_useMllm = nullptr, *m_useVision = nullptr;
    widgets::PathEdit *m_model = nullptr, *m_out = nullptr, *m_resume = nullptr;
    QSpinBox *m_epochs = nullptr, *m_batch = nullptr, *m_threads = nullptr;
    QDoubleSpinBox *m_lr = nullptr, *m_denoiser = nullptr;
    QSpinBox *m_width = nullptr, *m_depth = nullptr, *m_heads = nullptr, *m_headWidth = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_continueRun = nullptr;
};

} // namespace vindex::studio
