#pragma once
// File ▸ Export Figure…: which view (3D brain view, stimulus, compare view, its chart, the whole window), the size
// in pixels and the file (.png or .svg); FigureExporter writes it.
#include <QDialog>
#include <QList>
#include <QPair>

class QComboBox;
class QLineEdit;
class QSpinBox;

namespace vindex::studio {

class FigureExportDialog : public QDialog {
    Q_OBJECT

public:
    using View = QPair<QString, QWidget *>; // name shown, widget

    FigureExportDialog(const QList<View> &views, const QString &suggestedPath, QWidget *parent = nullptr);

    QWidget *view() const;
    QSize size() const;
    QString path() const;

    QComboBox *viewCombo() const { return m_views; }
    QSpinBox *widthSpin() const { return m_width; }
    QSpinBox *heightSpin() const { return m_height; }
    QLineEdit *pathEdit() const { return m_path; }

    // Writes the figure; on failure a message box and the dialog stays open.
    void accept() override;

private:
    QList<View> m_viewList;
    QComboBox *m_views = nullptr;
    QSpinBox *m_width = nullptr;
    QSpinBox *m_height = nullptr;
    QLineEdit *m_path = nullptr;
};

} // namespace vindex::studio
