#pragma once
// The About box: what VINDEX Studio is, and the versions of VINDEX and of the libraries it runs with
// (Qt, VTK, and LibTorch / HDF5 / ... as core reports them), for bug reports.
#include <QDialog>
#include <QList>
#include <QPair>

class QLabel;

namespace vindex::studio {

class AboutDialog : public QDialog {
    Q_OBJECT

public:
    explicit AboutDialog(QWidget *parent = nullptr);

    // (component, version) pairs, VINDEX first.
    static QList<QPair<QString, QString>> componentVersions();
    // The versions as the dialog shows them (plain text, one "name version" per line).
    QString versionsText() const;

private:
    QLabel *m_versions = nullptr;
};

} // namespace vindex::studio
