#pragma once
// A stimulus image scaled to fit the widget (aspect kept, smooth scaling, centred), with boxes drawn over it in a
// colour per category and labelled with the category. Boxes are given as fractions of the image's width and
// height, as BrainHub stores them, so they follow the image at any size. Usable alone.
#include <QColor>
#include <QImage>
#include <QList>
#include <QRectF>
#include <QString>
#include <QWidget>

namespace vindex::widgets {

class StimulusView : public QWidget {
    Q_OBJECT

public:
    struct Box {
        QString category;
        QRectF rect;  // (x0, y0)–(x1, y1) as fractions of the image's width and height
        QColor color; // invalid: the category's colour (ground truth); decoded boxes take their result's colour
        Qt::PenStyle style = Qt::SolidLine;
    };

    explicit StimulusView(QWidget *parent = nullptr);

    void setImage(const QImage &image);
    const QImage &image() const { return m_image; }
    bool hasImage() const { return !m_image.isNull(); }

    void setBoxes(QList<Box> boxes);
    const QList<Box> &boxes() const { return m_boxes; }
    bool boxesVisible() const { return m_boxesVisible; }

    // Shown in the middle while there is no image.
    void setPlaceholderText(const QString &text);
    QString placeholderText() const { return m_placeholder; }

    // No image, no boxes; the placeholder shows.
    void clear();

    // Where the image is drawn, in widget coordinates (empty without an image).
    QRect imageRect() const;
    // The same colour for a category every time (and in every view).
    static QColor categoryColor(const QString &category);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public slots:
    void setBoxesVisible(bool visible);

signals:
    void boxesVisibleChanged(bool visible);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QImage m_image;
    QList<Box> m_boxes;
    bool m_boxesVisible = true;
    QString m_placeholder;
};

} // namespace vindex::widgets
