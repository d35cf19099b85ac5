#include "OpenDatasetJob.h"

#include "StdStrings.h"

#include "vindex/core/Error.h"
#include "vindex/data/BrainHubAnnotations.h"
#include "vindex/data/Session.h"

#include <QDir>
#include <QFileInfo>

namespace vindex::studio {

OpenDatasetJob::OpenDatasetJob(QString root, QString brainHubFolder, QObject *parent)
    : Job(Kind::OpenDataset, tr("Open %1").arg(QFileInfo(root).fileName()), parent), m_root(std::move(root)),
      m_brainHubFolder(std::move(brainHubFolder))
{
    appendLog(tr("Dataset %1").arg(QDir::toNativeSeparators(m_root)));
}

OpenDatasetJob::~OpenDatasetJob()
{
    stopAndWait();
}

void OpenDatasetJob::work()
{
    if (!QFileInfo(m_root).isDir())
        throw DataError(m_root.toStdString() + ": not a folder");
    auto opened = std::make_shared<Opened>();
    opened->root = m_root;
    opened->session = std::make_shared<const data::Session>(data::Session::open(m_root.toStdString(), control()));
    for (int id : opened->session->subjects())
        opened->subjects << id;
    for (const std::string &line : opened->session->problems())
        opened->problems << fromStd(line);

    // BrainHub's annotations: the folder from the settings, else brainhub/ in the dataset.
    QString folder = m_brainHubFolder;
    if (!folder.isEmpty() && !QFileInfo(folder).isDir()) {
        opened->problems
            << tr("The BrainHub folder %1 in the settings does not exist.").arg(QDir::toNativeSeparators(folder));
        folder.clear();
    }
    if (folder.isEmpty() && QFileInfo(QDir(m_root).filePath(QStringLiteral("brainhub"))).isDir())
        folder = QDir(m_root).filePath(QStringLiteral("brainhub"));
    if (!folder.isEmpty()) {
        control().checkCancelled();
        try {
            opened->brainHub = std::make_shared<const data::BrainHubAnnotations>(
                data::BrainHubAnnotations::open(folder.toStdString()));
            opened->brainHubFolder = folder;
        } catch (const std::exception &error) {
            opened->problems << tr("BrainHub annotations not used: %1").arg(fromStd(error.what()));
        }
    }
    control().checkCancelled();
    m_opened = std::move(opened);
}

} // namespace vindex::studio
