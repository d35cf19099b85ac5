#include "StimulusPanel.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

namespace vindex::widgets {

StimulusPanel::StimulusPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("stimulusPanel"));

    m_heading = new QLabel(this);
    m_heading->setObjectName(QStringLiteral("stimulusHeading"));
    m_heading->setTextFormat(Qt::PlainText);
    m_heading->setWordWrap(true);
    QFont headingFont = m_heading->font();
    headingFont.setBold(true);
    m_heading->setFont(headingFont);

    m_view = new StimulusView(this);
    m_view->setPlaceholderText(tr("Select a trial to see its stimulus"));

    m_boxesCheck = new QCheckBox(tr("Ground-truth &boxes"), this);
    m_boxesCheck->setObjectName(QStringLiteral("boxesCheck"));
    m_boxesCheck->setChecked(m_view->boxesVisible());
    connect(m_boxesCheck, &QCheckBox::toggled, m_view, &StimulusView::setBoxesVisible);
    connect(m_view, &StimulusView::boxesVisibleChanged, m_boxesCheck, &QCheckBox::setChecked);

    m_captionsTitle = new QLabel(tr("Reference captions"), this);
    m_captionsTitle->setFont(headingFont);
    m_captions = new QListWidget(this);
    m_captions->setObjectName(QStringLiteral("captionList"));
    m_captions->setWordWrap(true);
    m_captions->setAlternatingRowColors(true);
    m_captions->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_captions->setTextElideMode(Qt::ElideNone);
    m_captions->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_captions->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_heading);
    layout->addWidget(m_view, 5);
    layout->addWidget(m_boxesCheck);
    layout->addSpacing(4);
    layout->addWidget(m_captionsTitle);
    layout->addWidget(m_captions, 2);
    // Room for five one-line captions (COCO has five per image) before the list scrolls; the picture gets the rest.
    m_captions->setMinimumHeight(5 * (m_captions->fontMetrics().height() + 4) + 2 * m_captions->frameWidth());

    clear();
}

void StimulusPanel::showTrial(const QString &heading, const QImage &image, QList<StimulusView::Box> boxes,
                              const QStringList &captions, const QString &boxesNote)
{
    m_heading->setText(heading);
    m_view->setImage(image);
    m_view->setBoxes(std::move(boxes));
    updateBoxesCheck(boxesNote);
    m_captions->clear();
    for (int i = 0; i < captions.size(); ++i) {
        auto *item = new QListWidgetItem(QStringLiteral("%1. %2").arg(i + 1).arg(captions.at(i)), m_captions);
        item->setData(Qt::UserRole, captions.at(i));
        item->setToolTip(captions.at(i));
    }
    if (captions.isEmpty()) {
        auto *item = new QListWidgetItem(tr("No reference captions for this image"), m_captions);
        item->setFlags(Qt::NoItemFlags);
    }
}

void StimulusPanel::clear(const QString &message)
{
    m_heading->setText(tr("No trial selected"));
    m_view->clear();
    if (!message.isEmpty())
        m_view->setPlaceholderText(message);
    m_captions->clear();
    updateBoxesCheck({});
}

QStringList StimulusPanel::captions() const
{
    QStringList texts;
    for (int i = 0; i < m_captions->count(); ++i) {
        const QVariant caption = m_captions->item(i)->data(Qt::UserRole);
        if (caption.isValid())
            texts << caption.toString();
    }
    return texts;
}

void StimulusPanel::updateBoxesCheck(const QString &note)
{
    const qsizetype count = m_view->boxes().size();
    m_boxesCheck->setEnabled(count > 0);
    m_boxesCheck->setText(count > 0 ? tr("Ground-truth &boxes (%1)").arg(count) : tr("Ground-truth &boxes"));
    m_boxesCheck->setToolTip(note);
}

} // namespace vindex::widgets
