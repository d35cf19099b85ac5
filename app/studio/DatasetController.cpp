#include "DatasetController.h"

#include "JobManager.h"
#include "OpenDatasetJob.h"
#include "StdStrings.h"

#include "vindex/core/Error.h"
#include "vindex/data/BrainHubAnnotations.h"
#include "vindex/data/NativeNsdLayout.h"
#include "vindex/data/Session.h"
#include "vindex/data/Subject.h"
#include "vindex/data/TrialRecord.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>
#include <map>

namespace vindex::studio {

// Core's objects of one open dataset. Made from what the open job opened and afterwards used by tasks on the pool's
// single thread only; the GUI thread holds the pointer but never looks inside.
struct DatasetController::Worker {
    std::shared_ptr<const data::Session> session;
    std::shared_ptr<const data::BrainHubAnnotations> brainHub;
    QString brainHubFolder;
    std::map<int, data::Subject> subjects;
    std::map<int, std::shared_ptr<const widgets::VolumeData>> underlays;
    std::map<int, std::shared_ptr<const widgets::RoiGrid>> roiGrids; // shared by the overlays of all trials

    std::shared_ptr<const widgets::RoiGrid> roiGrid(int id)
    {
        auto &grid = roiGrids[id];
        if (!grid) {
            const data::RoiMask &roi = subject(id).roi();
            const auto &shape = roi.shape();
            grid = std::make_shared<const widgets::RoiGrid>(
                std::array<int, 3>{static_cast<int>(shape[0]), static_cast<int>(shape[1]), static_cast<int>(shape[2])},
                roi.voxels());
        }
        return grid;
    }

    const data::Subject &subject(int id)
    {
        auto found = subjects.find(id);
        if (found == subjects.end())
            found = subjects.emplace(id, session->subject(id)).first;
        return found->second;
    }
};

namespace {

// Trials kept after they were shown or read ahead: the neighbours of the current one and a few visited last.
constexpr int kRecentTrials = 8;

data::Split splitOf(const QString &name)
{
    if (const std::optional<data::Split> split = data::splitFromName(name.toStdString()))
        return *split;
    throw Error("unknown split \"" + name.toStdString() + "\": expected train, val or test");
}

QStringList toStringList(const std::vector<std::string> &lines)
{
    QStringList list;
    list.reserve(static_cast<qsizetype>(lines.size()));
    for (const auto &line : lines)
        list << fromStd(line);
    return list;
}

QImage toQImage(const io::RgbImage &image)
{
    if (image.empty())
        return {};
    QImage result(image.width, image.height, QImage::Format_RGB888);
    const std::size_t rowBytes = static_cast<std::size_t>(image.width) * 3;
    for (int y = 0; y < image.height; ++y)
        std::memcpy(result.scanLine(y), image.pixels.data() + y * rowBytes, rowBytes);
    return result;
}

// The underlay of the brain view: the T1 resampled to the functional grid, else the ROI mask itself.
std::shared_ptr<const widgets::VolumeData> underlayOf(const data::Subject &subject, QString &note)
{
    const data::RoiMask &roi = subject.roi();
    const auto &shape = roi.shape();
    const std::array<int, 3> dims{static_cast<int>(shape[0]), static_cast<int>(shape[1]), static_cast<int>(shape[2])};
    const data::NativeNsdLayout &native = subject.native();
    if (native.hasAnatomy()) {
        try {
            auto anatomy = std::make_shared<widgets::VolumeData>(
                widgets::VolumeData::fromNifti(QString::fromStdString(native.anatomyPath())));
            if (anatomy->dimensions() == dims)
                return anatomy;
            note = QCoreApplication::translate(
                       "vindex::studio::DatasetController",
                       "The T1 image (%1 × %2 × %3) is not on the ROI's grid (%4 × %5 × %6); the ROI is shown instead.")
                       .arg(anatomy->dimensions()[0])
                       .arg(anatomy->dimensions()[1])
                       .arg(anatomy->dimensions()[2])
                       .arg(dims[0])
                       .arg(dims[1])
                       .arg(dims[2]);
        } catch (const std::exception &error) {
            note = QCoreApplication::translate("vindex::studio::DatasetController",
                                               "The T1 image cannot be read (%1); the ROI is shown instead.")
                       .arg(fromStd(error.what()));
        }
    } else {
        note = QCoreApplication::translate("vindex::studio::DatasetController",
                                           "No T1 image on the functional grid (%1); the ROI is shown instead.")
                   .arg(QDir::toNativeSeparators(fromStd(native.anatomyPath())));
    }
    std::vector<float> mask(static_cast<std::size_t>(dims[0]) * dims[1] * dims[2], 0.0f);
    for (const auto &[x, y, z] : roi.voxels())
        mask[static_cast<std::size_t>(x) +
             static_cast<std::size_t>(dims[0]) * (y + static_cast<std::size_t>(dims[1]) * z)] = 1.0f;
    auto volume = std::make_shared<widgets::VolumeData>(dims, std::move(mask));
    std::array<double, 16> matrix{};
    for (int row = 0; row < 4; ++row)
        for (int column = 0; column < 4; ++column)
            matrix[row * 4 + column] = roi.affine()[row][column];
    volume->setVoxelToWorld(matrix);
    volume->setPath(fromStd(roi.path()));
    return volume;
}

} // namespace

DatasetController::DatasetController(QObject *parent) : QObject(parent)
{
    m_pool.setMaxThreadCount(1);
    m_pool.setExpiryTimeout(-1);
    connect(&m_trialsWatcher, &QFutureWatcher<TrialList>::finished, this, &DatasetController::onTrialsFinished);
    connect(&m_trialWatcher, &QFutureWatcher<TrialDetails>::finished, this, &DatasetController::onTrialFinished);
    connect(&m_prefetchWatcher, &QFutureWatcher<TrialDetails>::finished, this, &DatasetController::onPrefetchFinished);
}

OpenDatasetJob *DatasetController::openJob() const
{
    return m_openJob;
}

DatasetController::~DatasetController()
{
    // An open still running is cancelled (its job manager, or the job's own destructor, waits for it); trial
    // requests already running finish; nothing waiting starts.
    if (m_openJob) {
        disconnect(m_openJob, nullptr, this, nullptr);
        m_openJob->cancel();
    }
    m_pool.clear();
    m_pool.waitForDone();
}

bool DatasetController::isBusy() const
{
    return m_openRunning || m_trialsRunning || m_trialRunning || m_cachedDeliveries > 0 || m_pendingOpen ||
           m_pendingTrials || m_pendingTrial;
}

void DatasetController::open(const QString &root, const QString &brainHubFolder)
{
    const bool wasBusy = isBusy();
    const OpenRequest request{QFileInfo(root).absoluteFilePath(), brainHubFolder};
    if (m_openRunning) {
        m_pendingOpen = request; // the running open is not wanted any more
        if (m_openJob)
            m_openJob->cancel();
    } else {
        startOpen(request);
    }
    if (!wasBusy)
        emit busyChanged(true);
}

void DatasetController::loadTrials(int subject, const QString &split)
{
    const bool wasBusy = isBusy();
    const TrialsRequest request{subject, split};
    if (m_trialsRunning)
        m_pendingTrials = request;
    else
        startTrials(request);
    if (!wasBusy)
        emit busyChanged(true);
}

void DatasetController::loadTrial(int subject, const QString &split, qint64 index)
{
    const bool wasBusy = isBusy();
    const TrialRequest request{subject, split, index};
    if (const TrialDetails *hit = cached(request)) {
        // Answered from memory, still after this call as always: a queued call runs before the next repaint, so the
        // trial appears in the same frame as its selection.
        m_pendingTrial.reset(); // an older request still running is then dropped by its receiver (not current)
        ++m_cachedDeliveries;
        QMetaObject::invokeMethod(
            this,
            [this, details = *hit, generation = m_generation] {
                --m_cachedDeliveries;
                if (generation == m_generation) // no other dataset opened meanwhile
                    emit trialLoaded(details);
                settle(true);
            },
            Qt::QueuedConnection);
        if (!wasBusy)
            emit busyChanged(true);
        return;
    }
    if (m_trialRunning)
        m_pendingTrial = request;
    else
        startTrial(request);
    if (!wasBusy)
        emit busyChanged(true);
}

void DatasetController::prefetchTrials(int subject, const QString &split, const QList<qint64> &indexes)
{
    m_prefetchQueue.clear();
    for (qint64 index : indexes) {
        const TrialRequest request{subject, split, index};
        if (index >= 0 && !cached(request))
            m_prefetchQueue << request;
    }
    startPrefetch();
}

void DatasetController::startPrefetch()
{
    if (m_prefetchRunning || m_prefetchQueue.isEmpty() || !m_worker)
        return;
    const TrialRequest request = m_prefetchQueue.takeFirst();
    m_prefetchRunning = true;
    m_prefetchGeneration = m_generation;
    std::shared_ptr<Worker> worker = m_worker;
    // The same single thread as every other request: a request made meanwhile waits for one trial at most.
    m_prefetchWatcher.setFuture(
        QtConcurrent::run(&m_pool, [worker, request]() -> TrialDetails { return readTrial(worker, request); }));
}

void DatasetController::onPrefetchFinished()
{
    m_prefetchRunning = false;
    const TrialDetails details = m_prefetchWatcher.result();
    if (m_prefetchGeneration == m_generation)
        remember(details);
    startPrefetch();
}

const DatasetController::TrialDetails *DatasetController::cached(const TrialRequest &request) const
{
    for (const TrialDetails &details : m_recentTrials)
        if (TrialRequest{details.subject, details.split, details.index} == request)
            return &details;
    return nullptr;
}

void DatasetController::remember(const TrialDetails &details)
{
    if (!details.error.isEmpty() || cached({details.subject, details.split, details.index}))
        return;
    m_recentTrials.prepend(details);
    while (m_recentTrials.size() > kRecentTrials)
        m_recentTrials.removeLast();
}

void DatasetController::startOpen(const OpenRequest &request)
{
    m_openRunning = true;
    auto *job = new OpenDatasetJob(request.root, request.brainHubFolder);
    m_openJob = job;
    connect(job, &Job::ended, this, [this, job] { onOpenEnded(job); });
    if (m_jobs) {
        m_jobs->add(job); // listed in the jobs dock, where Cancel stops it
    } else {
        job->setParent(this);
        connect(job, &Job::ended, job, &QObject::deleteLater);
        job->start();
    }
}

void DatasetController::startTrials(const TrialsRequest &request)
{
    m_trialsRunning = true;
    m_trialsGeneration = m_generation;
    std::shared_ptr<Worker> worker = m_worker;
    m_trialsWatcher.setFuture(QtConcurrent::run(&m_pool, [worker, request]() -> TrialList {
        TrialList list;
        list.subject = request.subject;
        list.split = request.split;
        try {
            if (!worker)
                throw Error("no dataset is open");
            const data::Subject &subject = worker->subject(request.subject);
            const data::Split split = splitOf(request.split);
            list.splitSizes = {subject.trialCount(data::Split::Train), subject.trialCount(data::Split::Val),
                               subject.trialCount(data::Split::Test)};
            const data::BrainHubAnnotations *brainHub = worker->brainHub.get();
            for (const data::Trial &trial : subject.trials(split)) {
                widgets::TrialTableModel::Row row;
                row.index = trial.index;
                row.imageId = trial.imageId;
                row.split = request.split;
                row.repeats = static_cast<int>(trial.repeats.size());
                const data::TrialRecord record =
                    data::TrialRecord::read(subject, trial, brainHub, {data::kTrialCaptions | data::kTrialBoxes});
                row.captions = toStringList(record.captions);
                for (const data::CategoryBoxes &boxes : record.boxes)
                    row.categories << fromStd(boxes.category);
                list.rows << row;
            }

            if (subject.hasRoi()) {
                auto &underlay = worker->underlays[request.subject];
                QString note;
                if (!underlay)
                    underlay = underlayOf(subject, note);
                list.underlay = underlay;
                list.brainNote = note;
                const auto &voxels = subject.roi().voxels();
                std::array<double, 3> sum{0, 0, 0};
                for (const auto &voxel : voxels)
                    for (int axis = 0; axis < 3; ++axis)
                        sum[axis] += voxel[axis];
                for (int axis = 0; axis < 3; ++axis)
                    list.roiCentre[axis] =
                        voxels.empty() ? 0
                                       : static_cast<int>(std::lround(sum[axis] / static_cast<double>(voxels.size())));
            } else {
                list.brainNote = tr("Subject %1 has no native NSD layout here, so its voxels have no position in the "
                                    "brain: the 3D view needs nsddata/ppdata/subj%2/func1pt8mm/roi/nsdgeneral.nii.gz.")
                                     .arg(request.subject)
                                     .arg(request.subject, 2, 10, QLatin1Char('0'));
            }
        } catch (const std::exception &error) {
            list.rows.clear();
            list.error = fromStd(error.what());
        }
        return list;
    }));
}

void DatasetController::startTrial(const TrialRequest &request)
{
    m_trialRunning = true;
    m_trialGeneration = m_generation;
    std::shared_ptr<Worker> worker = m_worker;
    m_trialWatcher.setFuture(
        QtConcurrent::run(&m_pool, [worker, request]() -> TrialDetails { return readTrial(worker, request); }));
}

DatasetController::TrialDetails DatasetController::readTrial(const std::shared_ptr<Worker> &worker,
                                                             const TrialRequest &request)
{
    TrialDetails details;
    details.subject = request.subject;
    details.split = request.split;
    details.index = request.index;
    try {
        if (!worker)
            throw Error("no dataset is open");
        const data::Subject &subject = worker->subject(request.subject);
        data::TrialRecordOptions parts;
        parts.keepGoing = true; // show what can be read
        if (!subject.hasRoi())
            parts.parts &= ~(data::kTrialMeanBetas | data::kTrialRepeatBetas);
        const data::TrialRecord record =
            data::TrialRecord::read(subject, splitOf(request.split), request.index, worker->brainHub.get(), parts);
        details.imageId = record.trial.imageId;
        details.repeats = static_cast<int>(record.trial.repeats.size());
        if (record.image)
            details.image = toQImage(*record.image);
        details.imageError = fromStd(record.imageError);
        if (!record.captionsError.empty()) // as before the record: unreadable captions fail the trial, not silently
            throw DataError(record.captionsError);
        details.captions = toStringList(record.captions);

        switch (record.boxesStatus) {
        case data::BoxesStatus::NotTestSplit:
            details.boxesNote = tr("Ground-truth boxes are known for the test split only (BrainHub).");
            break;
        case data::BoxesStatus::NoBrainHub:
            details.boxesNote = tr("No BrainHub boxes: choose BrainHub's folder in the settings, or keep it as "
                                   "brainhub/ inside the dataset.");
            break;
        case data::BoxesStatus::PastBrainHub:
            details.boxesNote = tr("BrainHub's boxes end at test index %1.").arg(worker->brainHub->size() - 1);
            break;
        case data::BoxesStatus::Found:
            for (const data::CategoryBoxes &category : record.boxes)
                for (const auto &box : category.boxes)
                    details.boxes << widgets::StimulusView::Box{
                        fromStd(category.category), QRectF(QPointF(box[0], box[1]), QPointF(box[2], box[3])), QColor(),
                        Qt::SolidLine};
            details.boxesNote =
                tr("COCO boxes from BrainHub (%1)").arg(QDir::toNativeSeparators(worker->brainHubFolder));
            break;
        case data::BoxesStatus::NotAsked: break;
        }

        if (subject.hasRoi()) {
            try {
                if (!record.betasError.empty())
                    throw DataError(record.betasError);
                const auto grid = worker->roiGrid(request.subject);
                const auto overlay = [&](std::vector<float> values, const QString &label) {
                    if (static_cast<int64_t>(values.size()) != grid->voxelCount())
                        throw DataError("the trial has " + std::to_string(values.size()) + " voxels, the ROI " +
                                        std::to_string(grid->voxelCount()));
                    auto result = std::make_shared<widgets::VoxelOverlay>(grid, std::move(values));
                    result->setLabel(label);
                    return std::shared_ptr<const widgets::VoxelOverlay>(std::move(result));
                };
                details.betas = overlay(record.meanBetas, details.repeats == 1 ? tr("β (z, per session)")
                                                                               : tr("Mean β (z, per session)"));
                try { // without them the mean is still shown
                    if (!record.repeatsError.empty())
                        throw DataError(record.repeatsError);
                    const auto &repeats = record.repeatBetas;
                    for (std::size_t r = 0; r < repeats.size(); ++r)
                        details.repeatBetas << overlay(
                            repeats[r], tr("β, repeat %1 of %2 (z, per session)").arg(r + 1).arg(repeats.size()));
                } catch (const std::exception &error) {
                    details.repeatBetas.clear();
                    details.betasError = tr("the repeats cannot be read: %1").arg(fromStd(error.what()));
                }
            } catch (const std::exception &error) {
                details.betas.reset();
                details.betasError = fromStd(error.what());
            }
        }
    } catch (const std::exception &error) {
        details.error = fromStd(error.what());
    }
    return details;
}

void DatasetController::onOpenEnded(OpenDatasetJob *job)
{
    m_openRunning = false;
    m_openJob = nullptr;
    if (m_pendingOpen) { // a newer root was asked for meanwhile: this one is not shown
        const OpenRequest next = *m_pendingOpen;
        m_pendingOpen.reset();
        startOpen(next);
        return;
    }
    const std::shared_ptr<const OpenDatasetJob::Opened> result = job->opened();
    if (job->state() == Job::State::Finished && result) {
        ++m_generation; // results still running for the previous dataset are dropped
        auto worker = std::make_shared<Worker>();
        worker->session = result->session;
        worker->brainHub = result->brainHub;
        worker->brainHubFolder = result->brainHubFolder;
        m_worker = std::move(worker);
        m_dataset = {result->root, result->subjects, result->problems, result->brainHubFolder};
        m_pendingTrials.reset();
        m_pendingTrial.reset();
        m_prefetchQueue.clear();
        m_recentTrials.clear();
        emit opened(m_dataset);
    } else if (job->state() == Job::State::Cancelled) {
        emit openCancelled(job->root());
    } else {
        emit openFailed(job->root(), job->errorText());
    }
    settle(true);
}

void DatasetController::onTrialsFinished()
{
    m_trialsRunning = false;
    const TrialList list = m_trialsWatcher.result();
    const bool current = m_trialsGeneration == m_generation;
    if (m_pendingTrials) {
        const TrialsRequest next = *m_pendingTrials;
        m_pendingTrials.reset();
        startTrials(next);
        return;
    }
    if (current)
        emit trialsLoaded(list);
    settle(true);
}

void DatasetController::onTrialFinished()
{
    m_trialRunning = false;
    const TrialDetails details = m_trialWatcher.result();
    const bool current = m_trialGeneration == m_generation;
    if (current)
        remember(details);
    if (m_pendingTrial) {
        const TrialRequest next = *m_pendingTrial;
        m_pendingTrial.reset();
        startTrial(next);
        return;
    }
    if (current)
        emit trialLoaded(details);
    settle(true);
}

void DatasetController::settle(bool wasBusy)
{
    if (isBusy())
        return;
    if (wasBusy)
        emit busyChanged(false);
    emit idle();
}

} // namespace vindex::studio
