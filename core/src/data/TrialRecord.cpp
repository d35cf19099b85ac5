#include "vindex/data/TrialRecord.h"

#include "vindex/core/Error.h"
#include "vindex/data/Subject.h"

#include <exception>

namespace vindex::data {

namespace {

// Runs read(); with keepGoing a failure becomes `error` instead of an exception.
template <typename Read> void readPart(bool keepGoing, std::string &error, Read &&read)
{
    if (!keepGoing) {
        read();
        return;
    }
    try {
        read();
    } catch (const std::exception &e) {
        error = e.what();
    }
}

} // namespace

TrialRecord TrialRecord::read(const Subject &subject, Split split, int64_t index, const BrainHubAnnotations *brainHub,
                              const TrialRecordOptions &options)
{
    return read(subject, subject.trial(split, index), brainHub, options);
}

TrialRecord TrialRecord::read(const Subject &subject, const Trial &trial, const BrainHubAnnotations *brainHub,
                              const TrialRecordOptions &options)
{
    TrialRecord record;
    record.subject = subject.id();
    record.trial = trial;
    const bool keepGoing = options.keepGoing;
    const bool test = trial.split == Split::Test;
    bool annotated = test && brainHub && trial.index < brainHub->size();
    // Test index i is BrainHub's key i only in UMBRAE's order: refuse rather than attach another image's annotations.
    std::string orderProblem;
    if (annotated) {
        try {
            subject.checkBrainHubOrder(static_cast<int64_t>(brainHub->size()));
        } catch (const DataError &e) {
            if (!keepGoing)
                throw;
            orderProblem = e.what();
            annotated = false;
        }
    }

    if (options.parts & kTrialImage)
        readPart(keepGoing, record.imageError, [&] { record.image = subject.image(trial.imageId); });
    if (options.parts & kTrialCaptions)
        readPart(keepGoing, record.captionsError, [&] {
            record.captions = subject.captions(trial.imageId);
            if (record.captions.empty() && !orderProblem.empty() && brainHub->hasCaptions())
                throw DataError(orderProblem);
            if (record.captions.empty() && annotated && brainHub->hasCaptions()) {
                record.captions = brainHub->captions(trial.index);
                record.captionsFromBrainHub = true;
            }
        });
    if (options.parts & kTrialBoxes) {
        if (!test)
            record.boxesStatus = BoxesStatus::NotTestSplit;
        else if (!brainHub || !brainHub->hasBoxes())
            record.boxesStatus = BoxesStatus::NoBrainHub;
        else if (!orderProblem.empty())
            record.boxesStatus = BoxesStatus::NoBrainHub; // the order problem is in captionsError
        else if (!annotated)
            record.boxesStatus = BoxesStatus::PastBrainHub;
        else {
            record.boxes = brainHub->boxes(trial.index);
            record.boxesStatus = BoxesStatus::Found;
        }
    }
    if (options.parts & kTrialMeanBetas)
        readPart(keepGoing, record.betasError, [&] { record.meanBetas = subject.meanBetas(trial); });
    if (options.parts & kTrialRepeatBetas)
        readPart(keepGoing, record.repeatsError, [&] { record.repeatBetas = subject.repeatBetas(trial); });
    return record;
}

} // namespace vindex::data
