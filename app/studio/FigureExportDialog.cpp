#include "FigureExportDialog.h"

#include "FigureExporter.h"

#include "vindex/core/Log.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace vindex::studio {

FigureExportDialog::FigureExportDialog(const QList<View> &views, const QString &suggestedPath, QWidget *parent)
    : QDialog(parent), m_viewList(views)
{
    setObjectName(QStringLiteral("figureExportDialog"));
    setWindowTitle(tr("Export Figure"));
    m_views = new QComboBox(this);
    for (const View &view : views)
        m_views->addItem(view.first);
    m_width = new QSpinBox(this);
    m_height = new QSpinBox(this);
    for (QSpinBox *spin : {m_width, m_height}) {
        spin->setRange(16, 16384);
        spin->setSuffix(tr(" px"));
    }
    m_width->setValue(1600);
    m_height->setValue(1000);
    // The size of the chosen view on screen, as a start.
    connect(m_views, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (QWidget *widget = m_viewList.value(index).second; widget && !widget->size().isEmpty()) {
            m_width->setValue(widget->width() * 2);
            m_height->setValue(widget->height() * 2);
        }
    });

    m_path = new QLineEdit(suggestedPath, this);
    auto *browse = new QToolButton(this);
    browse->setText(tr("Browse…"));
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export Figure"), m_path->text(),
                                                          tr("PNG image (*.png);;SVG drawing (*.svg)"));
        if (!path.isEmpty())
            m_path->setText(QDir::toNativeSeparators(path));
    });
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    auto *sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_width);
    sizeRow->addWidget(new QLabel(QStringLiteral("×"), this));
    sizeRow->addWidget(m_height);
    sizeRow->addStretch(1);

    auto *form = new QFormLayout;
    form->addRow(tr("&View:"), m_views);
    form->addRow(tr("&Size:"), sizeRow);
    form->addRow(tr("&File (.png or .svg):"), pathRow);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &FigureExportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &FigureExportDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

QWidget *FigureExportDialog::view() const
{
    return m_viewList.value(m_views->currentIndex()).second;
}

QSize FigureExportDialog::size() const
{
    return {m_width->value(), m_height->value()};
}

QString FigureExportDialog::path() const
{
    return QDir::fromNativeSeparators(m_path->text().trimmed());
}

void FigureExportDialog::accept()
{
    QString error;
    if (!view() || !FigureExporter::save(view(), path(), size(), &error)) {
        QMessageBox::warning(this, tr("Export Figure"), error.isEmpty() ? tr("Choose a view") : error);
        return;
    }
    vindex::logInfo(tr("Exported figure %1 (%2×%3)")
                        .arg(QDir::toNativeSeparators(path()))
                        .arg(size().width())
                        .arg(size().height())
                        .toStdString());
    QDialog::accept();
}

} // namespace vindex::studio
