#include "ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

namespace vindex::studio {
namespace {

QString plainText(QString text)
{
    // "&Open Dataset…" → "Open Dataset…"; "文件(&F)" → "文件"
    text.remove(QRegularExpression(QStringLiteral("\\(&.\\)$")));
    text.replace(QStringLiteral("&&"), QStringLiteral("\x01"));
    text.remove(QLatin1Char('&'));
    text.replace(QStringLiteral("\x01"), QStringLiteral("&"));
    return text;
}

} // namespace

ShortcutsDialog::ShortcutsDialog(QMenuBar *menuBar, QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("shortcutsDialog"));
    setWindowTitle(tr("Keyboard Shortcuts"));

    m_table = new QTableWidget(0, 2, this);
    m_table->setObjectName(QStringLiteral("shortcutsTable"));
    m_table->setHorizontalHeaderLabels({tr("Command"), tr("Keys")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);

    if (menuBar)
        for (QAction *action : menuBar->actions())
            if (action->menu())
                addMenu(action->menu(), plainText(action->text()));

    addRow(tr("Trial table ▸ Previous / next trial"), tr("Up / Down"));
    addRow(tr("Trial table ▸ Page through the trials"), tr("Page Up / Page Down"));
    addRow(tr("Trial filter ▸ Previous / next trial while typing"), tr("Up / Down"));
    addRow(tr("Trial filter ▸ Go to the table"), tr("Enter"));
    addRow(tr("Trial filter ▸ Clear the filter"), tr("Escape"));
    addRow(tr("3D view ▸ Rotate / pan / zoom"), tr("Left drag / middle drag / wheel"));
    addRow(tr("Slice views ▸ Move the cursor"), tr("Click / left drag"));
    addRow(tr("Slice views ▸ Step the slice"), tr("Up / Down"));
    addRow(tr("Slice views ▸ Step the slice by 5"), tr("Page Up / Page Down"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table);
    layout->addWidget(buttons);
    resize(560, 520);
}

void ShortcutsDialog::addMenu(QMenu *menu, const QString &path)
{
    for (QAction *action : menu->actions()) {
        if (action->isSeparator())
            continue;
        const QString name = path + QStringLiteral(" ▸ ") + plainText(action->text());
        if (action->menu()) {
            addMenu(action->menu(), name);
            continue;
        }
        QStringList keys;
        for (const QKeySequence &sequence : action->shortcuts())
            keys << sequence.toString(QKeySequence::NativeText);
        if (!keys.isEmpty())
            addRow(name, keys.join(QStringLiteral(", ")));
    }
}

void ShortcutsDialog::addRow(const QString &command, const QString &keys)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(command));
    m_table->setItem(row, 1, new QTableWidgetItem(keys));
}

QStringList ShortcutsDialog::rows() const
{
    QStringList rows;
    for (int row = 0; row < m_table->rowCount(); ++row)
        rows << m_table->item(row, 0)->text() + QLatin1Char('\t') + m_table->item(row, 1)->text();
    return rows;
}

} // namespace vindex::studio
