#pragma once
// One training run, the engine behind Trainer::run (Trainer.h says what a run does and what it writes). Its steps
// read as the recipe does: build the recipe, open the run folder, prepare the targets, open the session (new,
// resumed, or from a UMBRAE checkpoint), then epochs — each a run of steps, a validation and the checkpoints — and
// the result. Job control: the step boundary is where a run pauses or stops, every process of a data-parallel run at
// the same step; a stopped run saves the step reached first.
#include "vindex/core/JobControl.h"
#include "vindex/data/Session.h"
#include "vindex/models/Compute.h"
#include "vindex/train/BrainDataset.h"
#include "vindex/train/DataParallelGroup.h"
#include "vindex/train/DataRecipe.h"
#include "vindex/train/EncoderFactory.h"
#include "vindex/train/FeatureCache.h"
#include "vindex/train/ImageAugmentation.h"
#include "vindex/train/TargetExtractor.h"
#include "vindex/train/Trainer.h"
#include "vindex/train/TrainingLog.h"
#include "vindex/train/TrainingRecipe.h"
#include "vindex/train/TrainingSession.h"

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vindex::train {

class TrainingRun {
public:
    using ProgressCallback = std::function<void(const TrainProgress &)>;

    // onProgress: the run's typed progress (losses for the curve); every report also goes to job.report().
    TrainingRun(const TrainRequest &request, const JobControl &job, ProgressCallback onProgress);
    ~TrainingRun();
    TrainingRun(const TrainingRun &) = delete;
    TrainingRun &operator=(const TrainingRun &) = delete;

    // The whole run (Trainer::run).
    TrainResult run();

private:
    class FolderLock;
    using Clock = std::chrono::steady_clock;

    // The recipe's steps, in the order run() takes them.
    void checkRequest() const;
    void chooseCompute();
    void buildRecipe();
    void joinProcesses();
    void openRunFolder();
    void prepareTargets();
    void openSession();
    void startLog();
    void validateBeforeTraining();
    void trainEpoch();
    void finishEpoch();
    TrainResult finish();

    // prepareTargets' parts.
    void loadData();
    void openTargetCache();
    void connectTargets();
    void measureTargets();
    io::RgbImage stimulus(int64_t imageId) const;
    at::Tensor augmentedTargets(int subject, const std::vector<int64_t> &imageIds, bool training) const;

    // openSession's parts.
    void describeRun();
    void resumeSession(const std::string &path);
    void continueRun(const std::string &path);
    void startNewSession();
    void checkEncoderFitsData();
    void joinDataParallel();

    // trainEpoch's and finishEpoch's parts.
    std::vector<std::size_t> subjectsOfEpoch() const;
    void trainStep(const std::vector<std::size_t> &subjects, const std::vector<std::vector<int64_t>> &orders);
    double validationLoss(bool record);
    void saveLast();
    void saveBest();
    void stepBoundary();

    // Helpers.
    bool crossSubject() const { return m_request.subjects.size() > 1; }
    // Whether dataset i's validation trials choose the best checkpoint (the umbrae recipe: the last subject's only).
    bool selects(std::size_t dataset) const;
    int64_t stepsPerEpoch(int64_t batch) const;
    int64_t wholeBatch(const BrainDataset &dataset) const;
    DataParallelGroup::Shard shardOf(const BrainDataset &dataset) const;
    TrainingHistory &history() { return m_session->history(); }
    TrainProgress progressAt(const char *phase) const;
    void report(const TrainProgress &progress) const;
    void log(const std::string &event, const nlohmann::ordered_json &fields);

    const TrainRequest &m_request;
    const JobControl &m_job;
    ProgressCallback m_onProgress;
    Clock::time_point m_started;

    // The recipe, where it runs, and the processes it runs on.
    models::Compute m_compute, m_targetCompute;
    TrainingRecipe m_recipe;
    DataRecipe m_dataRecipe; // which splits are fitted and selected on
    bool m_augment = false;  // the request's --augment, else the data recipe's
    std::unique_ptr<DataParallelGroup> m_group;
    bool m_leader = true; // writes the run folder; the other ranks only read it

    // The run folder.
    std::unique_ptr<FolderLock> m_lock;
    std::string m_out, m_lastPath, m_bestPath, m_cachePath;
    TrainResult m_result;

    // Data and targets.
    std::optional<data::Session> m_nsd;
    std::vector<BrainDataset> m_datasets;            // one per subject, in the request's order
    std::map<int64_t, std::size_t> m_datasetOfImage; // whose subject can load each stimulus
    std::vector<int64_t> m_cachedIds;
    TargetSpec m_targetSpec;
    nlohmann::ordered_json m_targetsDescription;
    std::unique_ptr<TargetExtractor> m_extractor;
    std::unique_ptr<FeatureCache> m_cache;
    const ImageAugmentation m_augmentation;
    // Augmented targets: each training batch's stimuli through ImageAugmentation, drawn from a stream seeded by the
    // step and subject, so a resumed run augments exactly as an uninterrupted one. A data-parallel shard that does
    // not start the batch mixes its offset in: its own stream (not the one a single process would use there).
    int64_t m_augmentStep = 0, m_augmentOffset = 0;
    uint64_t m_augmentSeed = 0; // the recipe's seed, once known
    int64_t m_tokens = 0, m_width = 0;

    // The session and its progress.
    EncoderArchitecture m_architecture;
    std::unique_ptr<TrainingSession> m_session;
    bool m_continuing = false;    // one of our checkpoints: the run goes on where it stopped
    nlohmann::ordered_json m_run; // data and targets, saved with every checkpoint
    int64_t m_stepsPerEpoch = 0, m_totalSteps = 0, m_valCount = 0;
    std::optional<TrainingLog> m_logFile; // rank 0's
    double m_lastValLoss = 0;
    std::deque<double> m_stepSeconds; // the last steps, for samples/s and ETA
    double m_trainedSeconds = 0;
    int64_t m_trainedSamples = 0;
};

} // namespace vindex::train
