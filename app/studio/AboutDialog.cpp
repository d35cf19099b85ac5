#include "AboutDialog.h"

#include "StudioResources.h"

#include "vindex/core/BuildInfo.h"

#include <vtkVersion.h>

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace vindex::studio {

QList<QPair<QString, QString>> AboutDialog::componentVersions()
{
    QList<QPair<QString, QString>> versions;
    versions << qMakePair(tr("VINDEX Studio"), QString::fromStdString(vindex::versionString()));
    QString qt = QString::fromLatin1(qVersion());
    if (qt != QLatin1String(QT_VERSION_STR))
        qt += QLatin1Char(' ') + tr("(built with %1)").arg(QLatin1String(QT_VERSION_STR));
    versions << qMakePair(QStringLiteral("Qt"), qt);
    versions << qMakePair(QStringLiteral("VTK"), QString::fromLatin1(vtkVersion::GetVTKVersion()));
    // LibTorch, HDF5, ... as core was built with them: GUI code never includes LibTorch headers itself.
    for (const auto &[name, version] : vindex::libraryVersions())
        versions << qMakePair(QString::fromStdString(name), QString::fromStdString(version));
    return versions;
}

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent)
{
    StudioResources::initialize();
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About VINDEX Studio"));

    auto *icon = new QLabel(this);
    icon->setPixmap(QIcon(QStringLiteral(":/icons/vindex.svg")).pixmap(96, 96));
    icon->setAlignment(Qt::AlignTop);

    auto *title =
        new QLabel(QStringLiteral("<h2>%1</h2><p>%2</p><p>%3</p>")
                       .arg(tr("VINDEX Studio %1").arg(QString::fromStdString(vindex::versionString())),
                            tr("Decode what a person saw from fMRI with multimodal large language models: browse NSD "
                               "trials, view voxel activations in 3D, caption and ground what was seen, train brain "
                               "encoders and compare feature spaces."),
                            tr("Built with these libraries:")),
                   this);
    title->setWordWrap(true);

    QString rows;
    for (const auto &[name, version] : componentVersions())
        rows += QStringLiteral("<tr><td style='padding-right:16px'><b>%1</b></td><td>%2</td></tr>")
                    .arg(name.toHtmlEscaped(), version.toHtmlEscaped());
    m_versions = new QLabel(QStringLiteral("<table>%1</table>").arg(rows), this);
    m_versions->setObjectName(QStringLiteral("versions"));
    m_versions->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *copy = buttons->addButton(tr("Copy Versions"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(versionsText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *text = new QVBoxLayout;
    text->addWidget(title);
    text->addWidget(m_versions);
    auto *top = new QHBoxLayout;
    top->addWidget(icon);
    top->addLayout(text, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(buttons);
    setMinimumWidth(460);
}

QString AboutDialog::versionsText() const
{
    QStringList lines;
    for (const auto &[name, version] : componentVersions())
        lines << name + QLatin1Char(' ') + version;
    return lines.join(QLatin1Char('\n'));
}

} // namespace vindex::studio
