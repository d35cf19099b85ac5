#pragma once
// What a subject saw in one trial: a heading (trial, image, split, repeats), the stimulus with its ground-truth
// boxes (a check box shows or hides them) and the reference captions under it.
#include "StimulusView.h"

#include <QStringList>
#include <QWidget>

class QCheckBox;
class QLabel;
class QListWidget;

namespace vindex::widgets {

class StimulusPanel : public QWidget {
    Q_OBJECT

public:
    explicit StimulusPanel(QWidget *parent = nullptr);

    // Shows one trial. boxesNote explains, in the check box's tool tip, where boxes come from or why there are none.
    void showTrial(const QString &heading, const QImage &image, QList<StimulusView::Box> boxes,
                   const QStringList &captions, const QString &boxesNote = {});
    // Nothing selected: the message in place of the image, no captions.
    void clear(const QString &message = {});

    StimulusView *view() const { return m_view; }
    QCheckBox *boxesCheck() const { return m_boxesCheck; }
    QListWidget *captionList() const { return m_captions; }
    QLabel *headingLabel() const { return m_heading; }
    QStringList captions() const;

private:
    void updateBoxesCheck(const QString &note);

    QLabel *m_heading = nullptr;
    StimulusView *m_view = nullptr;
    QCheckBox *m_boxesCheck = nullptr;
    QLabel *m_captionsTitle = nullptr;
    QListWidget *m_captions = nullptr;
};

} // namespace vindex::widgets
