#include "DecodeJob.h"

#include "StdStrings.h"

#include <QDir>
#include <QLocale>

namespace vindex::studio {

DecodeJob::DecodeJob(decode::CaptionRunRequest request, QString name, QObject *parent)
    : Job(Kind::Decode, std::move(name), parent), m_request(std::move(request))
{
    m_request.job = &control();
    appendLog(tr("Model %1, space %2, device %3")
                  .arg(QDir::toNativeSeparators(fromStd(m_request.modelFolder)),
                       m_request.space.empty() ? tr("default") : fromStd(m_request.space).toUpper(),
                       fromStd(m_request.device)));
    if (!m_request.resultsPath.empty())
        appendLog(tr("Results %1").arg(QDir::toNativeSeparators(resultsPath())));
}

DecodeJob::~DecodeJob()
{
    stopAndWait();
}

const DecodeJob::Caption *DecodeJob::caption(const QString &key) const
{
    const auto found = m_rows.constFind(key);
    return found == m_rows.constEnd() ? nullptr : &m_captions[*found];
}

int DecodeJob::rowOf(const QString &key)
{
    const auto found = m_rows.constFind(key);
    if (found != m_rows.constEnd())
        return *found;
    Caption caption;
    caption.key = key;
    caption.source = key;
    m_captions << caption;
    m_rows.insert(key, static_cast<int>(m_captions.size() - 1));
    return static_cast<int>(m_captions.size() - 1);
}

void DecodeJob::work()
{
    m_result = decode::CaptionRun::run(m_request);
}

void DecodeJob::showPartials(const QList<QPair<QString, QString>> &partials)
{
    QList<int> rows;
    for (const auto &[key, text] : partials) {
        const int row = rowOf(key);
        m_captions[row].text = text.trimmed();
        if (!rows.contains(row))
            rows << row;
    }
    if (progress() < 0)
        setProgress(0.0, tr("Decoding…"));
    emit captionsChanged(rows);
}

void DecodeJob::showProgress(const JobProgress &progress)
{
    // A batch ended: every caption streamed so far is complete.
    QList<int> rows;
    for (int row = 0; row < m_captions.size(); ++row)
        if (!m_captions[row].done) {
            m_captions[row].done = true;
            rows << row;
        }
    const double elapsed = elapsedSeconds();
    const double eta = progress.fraction > 0 ? elapsed / progress.fraction - elapsed : -1;
    setProgress(progress.fraction, tr("%1 of %2 captions").arg(progress.done).arg(progress.total), eta);
    if (!rows.isEmpty())
        emit captionsChanged(rows);
}

void DecodeJob::workFinished()
{
    // The run's own captions replace the streamed ones: stripped as core strips them, with their sources.
    m_captions.clear();
    m_rows.clear();
    QList<int> rows;
    for (const auto &c : m_result.captions) {
        const int row = rowOf(fromStd(c.key));
        Caption &caption = m_captions[row];
        caption.source = fromStd(c.source);
        caption.text = fromStd(c.text);
        caption.done = true;
        caption.resumed = c.resumed;
        rows << row;
    }
    appendLog(tr("%n caption(s)", nullptr, static_cast<int>(m_result.captions.size())) +
              (m_result.resumed ? tr(", %1 from an earlier run").arg(m_result.resumed) : QString()));
    for (const Caption &caption : m_captions)
        appendLog(QStringLiteral("%1: %2").arg(caption.source, caption.text));
    emit captionsChanged(rows);
    if (!m_result.resultsPath.empty()) {
        appendLog(tr("Wrote %1").arg(QDir::toNativeSeparators(fromStd(m_result.resultsPath))));
        emit resultsWritten(fromStd(m_result.resultsPath));
    }
}

} // namespace vindex::studio
