#include "vindex/train/Trainer.h"

#include "vindex/core/Error.h"
#include "vindex/core/JobControl.h"
#include "vindex/data/Session.h"
#include "vindex/models/BrainEncoder.h"
#include "vindex/train/BrainDataset.h"
#include "vindex/train/DataParallelGroup.h"
#include "vindex/train/EncoderFactory.h"
#include "vindex/train/FeatureCache.h"
#include "vindex/train/ImageAugmentation.h"
#include "vindex/train/TargetExtractor.h"
#include "vindex/train/TrainingCheckpoint.h"
#include "vindex/train/TrainingLog.h"
#include "vindex/train/TrainingSession.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <chrono>
#include <cmath>
#include <deque>
#include <filesystem>
#include <map>
#include <numeric>
#include <optional>
#include <random>
#include <set>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace vindex::train {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string absolute(const std::string &path)
{
    std::error_code ec;
    const fs::path p = fs::weakly_canonical(fs::absolute(path), ec);
    return ec ? path : p.string();
}

// One run per folder at a time; the kernel drops the lock when the process dies, SIGKILL included.
class FolderLock {
public:
    explicit FolderLock(const std::string &folder)
    {
        const std::string path = folder + "/.lock";
        m_fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (m_fd < 0 || ::flock(m_fd, LOCK_EX | LOCK_NB) != 0)
            throw Error(folder + ": another training run is using this folder");
    }
    ~FolderLock()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }

private:
    int m_fd = -1;
};

// Temporaries of writes a killed process never finished (AtomicFile's "<name>.tmp-XXXXXX", HDF5's "<name>.part").
void removeUnfinishedWrites(const std::string &folder)
{
    std::error_code ec;
    for (const auto &entry : fs::directory_iterator(folder, ec)) {
        const std::string name = entry.path().filename().string();
        const auto tmp = name.rfind(".tmp-");
        if ((tmp != std::string::npos && name.size() == tmp + 11) ||
            (name.size() > 5 && name.compare(name.size() - 5, 5, ".part") == 0))
            fs::remove(entry.path(), ec);
    }
}

// Data-parallel runs: every rank must be at the same point of the same run (same data, recipe, resume position).
// Rank 0's values go to all; a rank that differs names the first difference and every rank stops.
void checkSameRun(DataParallelGroup &group, const std::vector<std::pair<const char *, int64_t>> &facts)
{
    at::Tensor values = at::empty({static_cast<int64_t>(facts.size())}, at::kLong);
    for (std::size_t i = 0; i < facts.size(); ++i)
        values[static_cast<int64_t>(i)] = facts[i].second;
    group.broadcast({values}, 0);
    std::string differs;
    for (std::size_t i = 0; i < facts.size() && differs.empty(); ++i)
        if (values[static_cast<int64_t>(i)].item<int64_t>() != facts[i].second)
            differs = std::string(facts[i].first) + " is " + std::to_string(facts[i].second) + " here, " +
                      std::to_string(values[static_cast<int64_t>(i)].item<int64_t>()) + " on rank 0";
    const at::Tensor mismatches = at::full({1}, differs.empty() ? 0 : 1, at::kLong);
    group.allReduceSum({mismatches});
    const std::string where = "distributed training, " + group.launch().describe() + ": ";
    if (!differs.empty())
        throw Error(where + "this rank is not at the same point of the same run as rank 0: " + differs +
                    " (give every rank the same arguments and a shared --out)");
    if (mismatches.item<int64_t>() > 0)
        throw Error(where + "another rank is not at the same point of the same run (see its message)");
}

} // namespace

Trainer::Trainer(TrainRequest request) : m_request(std::move(request)) {}
Trainer::~Trainer() = default;

void Trainer::setProgressCallback(std::function<void(const TrainProgress &)> callback)
{
    m_callback = std::move(callback);
}

void Trainer::cancel()
{
    m_cancel.store(true);
    m_wake.notify_all();
}

void Trainer::pause()
{
    m_paused.store(true);
}

void Trainer::resume()
{
    m_paused.store(false);
    m_wake.notify_all();
}

void Trainer::checkpointBoundary()
{
    if (m_paused.load() && !m_cancel.load()) {
        if (m_callback) {
            TrainProgress p;
            p.phase = "paused";
            m_callback(p);
        }
        std::unique_lock<std::mutex> lock(m_mutex);
        // Polled as well: a signal handler may set the flags without notifying.
        while (m_paused.load() && !m_cancel.load())
            m_wake.wait_for(lock, std::chrono::milliseconds(100));
    }
    if (m_cancel.load())
        throw Cancelled();
}

TrainResult Trainer::run()
{
    const auto started = Clock::now();
    const TrainRequest &r = m_request;
    if (r.root.empty() || r.outDir.empty())
        throw Error("train: give the NSD folder (--root) and the run folder (--out)");
    if (r.subjects.empty())
        throw Error("train: give the subject (--subject), or several for cross-subject training");
    const bool crossSubject = r.subjects.size() > 1;
    if (crossSubject && !r.adaptFrom.empty())
        throw Error("train: adaptation (--adapt-from) trains one new subject; give one --subject");
    if (std::set<int>(r.subjects.begin(), r.subjects.end()).size() != r.subjects.size())
        throw Error("train: a subject is listed twice");
    if (r.freezePerceiver && r.adaptFrom.empty())
        throw Error("train: --freeze-perceiver goes with --adapt-from (the perceiver of a cross-subject model)");
    // The encoder, its optimizer and the losses in fp32 (mixed precision autocasts the forward); the vision side
    // computing targets in the asked dtype.
    // Several processes: "cuda" means this machine's GPU number LOCAL_RANK.
    const std::string device =
        r.launch.distributed() && r.device == "cuda" ? "cuda:" + std::to_string(r.launch.localRank) : r.device;
    const models::Compute compute = models::Compute::parse(device, "f32");
    const models::Compute targetCompute = models::Compute::parse(device, r.dtype);
    if (r.threads > 0)
        at::set_num_threads(r.threads);
    // Join first: a missing peer fails here, before anything is written.
    std::unique_ptr<DataParallelGroup> group;
    if (r.launch.distributed())
        group = DataParallelGroup::join(r.launch, compute.device, &m_cancel);
    const bool leader = !group || group->rank() == 0; // writes the folder; the other ranks only read it

    std::optional<FolderLock> lock;
    std::error_code ec;
    if (leader) {
        fs::create_directories(r.outDir, ec);
        if (ec)
            throw Error(r.outDir + ": cannot create the run folder: " + ec.message());
        lock.emplace(r.outDir);
        removeUnfinishedWrites(r.outDir);
    }
    const std::string out = absolute(r.outDir);
    const std::string lastPath = out + "/last.safetensors", bestPath = out + "/best.safetensors";
    const std::string cachePath = r.targetsCache.empty() ? out + "/targets.h5" : absolute(r.targetsCache);
    if (leader && r.resume.empty() && fs::exists(lastPath))
        throw Error(r.outDir + " holds a run already (last.safetensors); continue it with --resume " + r.outDir +
                    " or choose another --out");

    TrainResult result;
    result.rank = group ? group->rank() : 0;
    result.worldSize = group ? group->worldSize() : 1;
    result.outDir = out;
    result.logPath = out + "/train_log.jsonl";
    result.targetsCache = cachePath;
    const auto report = [&](TrainProgress p) {
        if (m_callback)
            m_callback(p);
    };

    // Data and targets.
    const data::Session nsd = data::Session::open(r.root);
    std::vector<BrainDataset> datasets;
    for (const int id : r.subjects)
        datasets.emplace_back(nsd.subject(id), nullptr);
    if (r.dataRatio) {
        for (BrainDataset &d : datasets)
            d.limitTraining(*r.dataRatio, 42); // a fixed draw, as UMBRAE's loader slices a Random(42) shuffle
    }
    BrainDataset &dataset = datasets.front(); // the one subject outside cross-subject training
    const int subjectId = r.subjects.front();
    TargetSpec spec;
    spec.mllm = r.mllm;
    spec.vision = r.vision;
    spec.space = r.space;
    spec.scale = r.scale;
    spec.layer = r.visionLayer;
    const nlohmann::ordered_json description = spec.description();
    // The cache: every image the run needs (training ones too unless augmented targets are computed per batch).
    std::vector<int64_t> cachedIds;
    std::map<int64_t, std::size_t> datasetOfImage; // whose subject can load each stimulus
    for (std::size_t i = 0; i < datasets.size(); ++i) {
        const std::vector<int64_t> ids = r.augment ? datasets[i].imageIds(false) : datasets[i].imageIds();
        cachedIds.insert(cachedIds.end(), ids.begin(), ids.end());
        for (const int64_t id : datasets[i].imageIds())
            datasetOfImage.emplace(id, i);
    }
    const auto stimulus = [&](int64_t id) { return datasets[datasetOfImage.at(id)].subject().image(id); };
    std::unique_ptr<TargetExtractor> extractor;
    if (r.augment)
        extractor = TargetExtractor::load(spec, targetCompute);
    if (group && !leader && !cachedIds.empty())
        group->await("targets", &m_cancel); // rank 0 builds the cache (it may take long); read it once it says so
    std::unique_ptr<FeatureCache> cache =
        cachedIds.empty() ? nullptr
                          : FeatureCache::openIfValid(cachePath, nlohmann::json::parse(description.dump()), cachedIds);
    if (!cache && !cachedIds.empty() && !leader)
        throw Error("distributed training, " + group->launch().describe() + ": cannot read the target cache " +
                    cachePath +
                    " that rank 0 wrote; every rank needs the run folder (or --targets-cache) on a filesystem they "
                    "share");
    if (!cache && !cachedIds.empty()) {
        if (!extractor)
            extractor = TargetExtractor::load(spec, targetCompute);
        cache = FeatureCache::build(cachePath, nlohmann::json::parse(description.dump()), *extractor, stimulus,
                                    cachedIds, r.targetBatch, JobControl([&](const JobProgress &progress) {
                                        if (m_cancel.load())
                                            throw Cancelled();
                                        TrainProgress p;
                                        p.phase = "targets";
                                        p.fraction = progress.fraction;
                                        report(p);
                                    }));
    }
    if (group && leader && !cachedIds.empty())
        group->post("targets", "ready");
    // Augmented targets: each training batch's stimuli through ImageAugmentation, drawn from a stream seeded by the
    // step and subject, so a resumed run augments exactly as an uninterrupted one. A data-parallel shard that does
    // not start the batch mixes its offset in: its own stream (not the one a single process would use there).
    int64_t augmentStep = 0, augmentOffset = 0;
    uint64_t augmentSeed = 0; // the recipe's seed, once known
    const ImageAugmentation augmentation;
    for (std::size_t i = 0; i < datasets.size(); ++i) {
        if (!r.augment) {
            datasets[i].setTargets(cache.get());
            continue;
        }
        const int subject = r.subjects[i];
        datasets[i].setTargets([&, subject](const std::vector<int64_t> &ids, bool training) {
            if (!training)
                return cache->features(ids);
            std::mt19937_64 random(augmentSeed ^ (0x9E3779B97F4A7C15ull * static_cast<uint64_t>(augmentStep + 1)) ^
                                   (static_cast<uint64_t>(subject) << 48) ^
                                   (0xBF58476D1CE4E5B9ull * static_cast<uint64_t>(augmentOffset)));
            std::vector<io::RgbImage> images;
            for (const int64_t id : ids)
                images.push_back(augmentation.apply(stimulus(id), random));
            return extractor->features(images);
        });
    }
    int64_t tokens = 0, width = 0;
    {
        const at::Tensor probe = cache ? cache->features({cachedIds.front()})
                                       : extractor->features({stimulus(datasets.front().imageIds().front())});
        tokens = probe.size(1);
        width = probe.size(2);
    }
    for (const BrainDataset &d : datasets) {
        result.trainTrials += d.trainCount();
        result.valTrials += d.valCount();
    }
    // Cross-subject: the smallest subject's steps, so that every epoch has as many.
    const auto stepsFor = [&](int64_t batch) {
        int64_t steps = datasets.front().stepsPerEpoch(batch);
        for (const BrainDataset &d : datasets)
            steps = std::min(steps, d.stepsPerEpoch(batch));
        return steps;
    };

    // Recipe and architecture: UMBRAE's defaults, overridden by what the request sets.
    TrainingRecipe recipe;
    if (r.epochs)
        recipe.epochs = *r.epochs;
    if (r.batchSize)
        recipe.batchSize = *r.batchSize;
    if (r.maxLr)
        recipe.maxLr = *r.maxLr;
    if (r.gradClip)
        recipe.gradClip = *r.gradClip;
    if (r.loss)
        recipe.loss = *r.loss;
    if (r.seed)
        recipe.seed = *r.seed;
    if (r.denoiserWeight)
        recipe.denoiserWeight = *r.denoiserWeight;
    if (r.denoiserWidth)
        recipe.denoiserWidth = *r.denoiserWidth;
    recipe.freezePerceiver = r.freezePerceiver;
    if (r.precision)
        recipe.precision = *r.precision;
    recipe.tf32 = r.tf32;
    recipe.validate();
    if (recipe.precision == "f16" && compute.device.type() != c10::DeviceType::CUDA)
        throw Error("train: f16 mixed precision needs a CUDA device (--device cuda); use bf16 on the CPU");
    EncoderArchitecture architecture;
    architecture.voxels = dataset.voxelCount();
    architecture.latents = tokens;
    architecture.outWidth = width;
    architecture.hidden = r.hidden.value_or(architecture.hidden);
    architecture.depth = r.depth.value_or(architecture.depth);
    architecture.heads = r.heads.value_or(architecture.heads);
    architecture.dimHead = r.dimHead.value_or(architecture.dimHead);

    nlohmann::ordered_json run{{"root", absolute(r.root)}};
    if (crossSubject)
        run["subjects"] = r.subjects;
    else
        run["subject"] = subjectId;
    run["layout"] = data::nsdLayoutName(dataset.subject().preferredLayout());
    run["train_trials"] = result.trainTrials;
    run["val_trials"] = result.valTrials;
    run["targets"] = description;
    run["targets_cache"] = cachePath;
    run["augment"] = r.augment;
    if (r.dataRatio)
        run["data_ratio"] = *r.dataRatio;
    if (!r.adaptFrom.empty())
        run["adapted_from"] = absolute(r.adaptFrom);
    run["threads"] = at::get_num_threads();
    run["world_size"] = result.worldSize;

    std::unique_ptr<TrainingSession> session;
    bool seedNow = true;
    bool continuing = false; // one of our checkpoints: the run goes on where it stopped
    if (!r.resume.empty()) {
        const std::string path = fs::is_directory(r.resume) ? r.resume + "/last.safetensors" : r.resume;
        if (!fs::exists(path))
            throw Error("train --resume: " + path + " does not exist");
        result.resumed = true;
        if (TrainingCheckpoint::isTrainingCheckpoint(path)) {
            session = TrainingSession::resume(path, compute);
            continuing = true;
            seedNow = false; // the checkpoint's generator state continues
            const nlohmann::json &saved = session->run();
            const nlohmann::json ours = nlohmann::json::parse(run.dump());
            for (const char *field : {"root", "subject", "subjects", "targets", "augment", "data_ratio"})
                if (saved.value(field, nlohmann::json()) != ours.value(field, nlohmann::json()) &&
                    !(std::string(field) == "augment" && !saved.contains(field) && ours[field] == false))
                    throw Error(path + ": made for other data (" + field +
                                " differs); resume with the same --root, --subject, targets, --augment and "
                                "--data-ratio");
            // Values given now must be the checkpoint's: a changed schedule would not continue the same run.
            const TrainingRecipe &had = session->recipe();
            std::string changed;
            const auto check = [&](bool given, bool same, const char *name) {
                if (given && !same)
                    changed += (changed.empty() ? "" : ", ") + std::string(name);
            };
            check(r.epochs.has_value(), r.epochs && *r.epochs == had.epochs, "--epochs");
            check(r.batchSize.has_value(), r.batchSize && *r.batchSize == had.batchSize, "--batch");
            check(r.maxLr.has_value(), r.maxLr && *r.maxLr == had.maxLr, "--lr");
            check(r.loss.has_value(), r.loss && *r.loss == had.loss, "--loss");
            check(r.seed.has_value(), r.seed && *r.seed == had.seed, "--seed");
            check(r.gradClip.has_value(), r.gradClip && *r.gradClip == had.gradClip, "--grad-clip");
            check(r.denoiserWeight.has_value(), r.denoiserWeight && *r.denoiserWeight == had.denoiserWeight,
                  "--denoiser-weight");
            check(r.denoiserWidth.has_value(), r.denoiserWidth && *r.denoiserWidth == had.denoiserWidth,
                  "--denoiser-width");
            if (!changed.empty())
                throw Error(path + ": " + changed +
                            " differ from the run being resumed; leave them out to continue it");
            recipe = had;
            const int64_t steps = stepsFor(recipe.batchSize) * recipe.epochs;
            if (steps != session->totalSteps())
                throw Error(path + ": the run had " + std::to_string(session->totalSteps()) +
                            " steps in total; the data now gives " + std::to_string(steps));
            if (saved.value("world_size", 1) != result.worldSize)
                result.resumeNote += "note: the run used " + std::to_string(saved.value("world_size", 1)) +
                                     " processes, this one " + std::to_string(result.worldSize) +
                                     " (the same batches; results may differ in the last bits); ";
            if (saved.value("threads", 0) != at::get_num_threads())
                result.resumeNote += "note: the run used " + std::to_string(saved.value("threads", 0)) +
                                     " CPU threads, this process " + std::to_string(at::get_num_threads()) +
                                     " (results may differ in the last bits); ";
            const TrainingHistory &h = session->history();
            result.resumeNote += "continued at epoch " + std::to_string(h.epoch) + ", step " +
                                 std::to_string(h.stepInEpoch) + " (global step " + std::to_string(h.globalStep) + ")";
        } else {
            session = TrainingSession::fromUmbrae(path, compute, architecture.options(), recipe,
                                                  recipe.epochs * stepsFor(recipe.batchSize), &result.resumeNote);
            result.resumeNote = "from " + path + ": " + result.resumeNote;
        }
    } else {
        std::unique_ptr<models::BrainEncoder> encoder;
        at::manual_seed(recipe.seed);
        if (!r.init.empty()) {
            encoder = models::BrainEncoder::load(r.init, compute, architecture.options());
        } else if (!r.adaptFrom.empty()) {
            encoder = EncoderFactory::adaptation(architecture, r.adaptFrom, compute);
        } else if (crossSubject) {
            std::map<int, int64_t> voxels;
            for (std::size_t i = 0; i < datasets.size(); ++i)
                voxels[r.subjects[i]] = datasets[i].voxelCount();
            encoder = EncoderFactory::brainX(architecture, voxels, compute);
        } else {
            encoder = EncoderFactory::brainXS(architecture, compute);
        }
        session = std::make_unique<TrainingSession>(std::move(encoder), architecture.options(), recipe,
                                                    recipe.epochs * stepsFor(recipe.batchSize));
        seedNow = false; // seeded right before the initialisation
    }
    if (seedNow)
        at::manual_seed(recipe.seed);

    models::BrainEncoder &encoder = session->encoder();
    const bool brainX = encoder.kind() == models::BrainEncoder::Kind::BrainX;
    if (crossSubject && !brainX)
        throw ModelError("train: several subjects need a cross-subject encoder (BrainX); " + encoder.source() +
                         " is a " + encoder.kindName());
    for (std::size_t i = 0; i < datasets.size(); ++i) {
        const int subject = r.subjects[i];
        if (brainX) {
            const std::vector<int> known = encoder.subjects();
            if (std::find(known.begin(), known.end(), subject) == known.end())
                throw ModelError("train: the BrainX has no tokenizer for subject " + std::to_string(subject) +
                                 " (subjects " + models::BrainEncoder::subjectListText(known) + ")");
        }
        if (encoder.voxelCount(subject) != datasets[i].voxelCount())
            throw ModelError("train: the encoder takes " + std::to_string(encoder.voxelCount(subject)) +
                             " voxels, subject " + std::to_string(subject) + " has " +
                             std::to_string(datasets[i].voxelCount()));
    }
    if (encoder.tokenCount() != tokens || encoder.featureWidth() != width)
        throw ModelError("train: the encoder predicts " + std::to_string(encoder.tokenCount()) + "×" +
                         std::to_string(encoder.featureWidth()) + " features, the targets are " +
                         std::to_string(tokens) + "×" + std::to_string(width));
    run["architecture"] = {{"kind", encoder.kindName()},
                           {"voxels", encoder.voxelCount(subjectId)},
                           {"hidden", encoder.hiddenWidth()},
                           {"latents", encoder.tokenCount()},
                           {"out_width", encoder.featureWidth()},
                           {"depth", encoder.depth()},
                           {"heads", session->architecture().heads},
                           {"dim_head", session->architecture().dimHead}};
    session->run() = run;

    // Data-parallel: rank r's rows of every step's batch of each subject (min(batch, trials) rows).
    const auto wholeBatch = [&](const BrainDataset &d) { return std::min<int64_t>(recipe.batchSize, d.trainCount()); };
    const auto shardOf = [&](const BrainDataset &d) {
        return group ? DataParallelGroup::shardOf(wholeBatch(d), group->rank(), group->worldSize())
                     : DataParallelGroup::Shard{0, wholeBatch(d)};
    };
    if (group) {
        for (std::size_t i = 0; i < datasets.size(); ++i)
            if (wholeBatch(datasets[i]) < group->worldSize())
                throw Error("train: a batch of " + std::to_string(wholeBatch(datasets[i])) + " trials of subject " +
                            std::to_string(r.subjects[i]) + " cannot be split over " +
                            std::to_string(group->worldSize()) + " processes; use --batch of at least " +
                            std::to_string(group->worldSize()));
        session->setDataParallel(group.get());
        const TrainingHistory &position = session->history();
        checkSameRun(*group, {{"the global step", position.globalStep},
                              {"the epoch", position.epoch},
                              {"the step in the epoch", position.stepInEpoch},
                              {"the total of steps", session->totalSteps()},
                              {"the batch", recipe.batchSize},
                              {"the seed", static_cast<int64_t>(recipe.seed)},
                              {"the training trials", result.trainTrials},
                              {"the validation trials", result.valTrials},
                              {"the voxels", dataset.voxelCount()}});
        session->broadcastWeights(); // rank 0's initialisation (or checkpoint) everywhere
    }

    augmentSeed = recipe.seed;
    const int64_t stepsPerEpoch = stepsFor(recipe.batchSize);
    const int64_t totalSteps = session->totalSteps();
    result.stepsPerEpoch = stepsPerEpoch;
    TrainingHistory &h = session->history();
    std::optional<TrainingLog> logFile; // rank 0's
    if (leader)
        logFile.emplace(result.logPath);
    const auto log = [&](const std::string &event, const nlohmann::ordered_json &fields) {
        if (logFile)
            logFile->write(event, fields);
    };
    if (group)
        log("note", {{"text", "data-parallel: " + std::to_string(group->worldSize()) + " processes (" +
                                  group->backendName() + "), " + std::to_string(shardOf(dataset).count) +
                                  " of each batch's " + std::to_string(wholeBatch(dataset)) + " trials on rank 0"}});
    if (group && recipe.loss == "quantile")
        log("note", {{"text", "the quantile loss is a quantile of each shard's errors (summed over the ranks by "
                              "share), not of the whole batch's: this run differs from one process on the same "
                              "batches"}});
    log(result.resumed ? "resume" : "start", {{"out", out},
                                              {"note", result.resumeNote},
                                              {"recipe", recipe.toJson()},
                                              {"run", run},
                                              {"steps_per_epoch", stepsPerEpoch},
                                              {"total_steps", totalSteps},
                                              {"global_step", h.globalStep}});

    // Only rank 0 writes; the others wait, so that a run stopped after this point resumes from this checkpoint.
    const auto saveLast = [&] {
        if (leader) {
            session->save(lastPath);
            if (r.exportPth)
                session->exportUmbrae(out + "/last.pth");
            log("checkpoint", {{"path", lastPath}, {"epoch", h.epoch}, {"global_step", h.globalStep}});
        }
        if (group)
            group->barrier();
    };
    // Pause / cancel at a step boundary; with several processes one rank's cancel (Ctrl-C) stops all of them at the
    // same step, as they must exchange at every step.
    const auto boundary = [&] {
        if (!group)
            return checkpointBoundary();
        bool cancelled = false;
        try {
            checkpointBoundary();
        } catch (const Cancelled &) {
            cancelled = true;
        }
        const at::Tensor flag = at::full({1}, cancelled ? 1 : 0, at::kLong);
        group->allReduceSum({flag});
        if (flag.item<int64_t>() > 0)
            throw Cancelled();
    };
    double lastValLoss = h.epochValLosses.empty() ? 0.0 : h.epochValLosses.back();
    int64_t valCount = 0;
    for (const BrainDataset &d : datasets)
        valCount += d.valCount();
    // The mean validation loss of each subject, averaged over the subjects that have a validation split. With several
    // processes, validation batch j (counting over the subjects) runs on rank j % world size and the losses are
    // exchanged, so every rank records them all.
    const auto validate = [&](bool record) {
        std::vector<std::pair<const BrainDataset *, int64_t>> jobs; // (subject's dataset, batch)
        for (const BrainDataset &d : datasets)
            for (int64_t i = 0; d.valCount() > 0 && i < d.valBatchCount(recipe.valBatchSize); ++i)
                jobs.emplace_back(&d, i);
        const int ranks = group ? group->worldSize() : 1, rank = group ? group->rank() : 0;
        const at::Tensor losses = at::zeros({static_cast<int64_t>(jobs.size())}, at::kDouble);
        for (std::size_t first = 0; first < jobs.size(); first += static_cast<std::size_t>(ranks)) {
            boundary();
            TrainProgress p;
            p.phase = "validate";
            p.epoch = h.epoch;
            p.epochs = recipe.epochs;
            p.globalStep = h.globalStep;
            p.totalSteps = totalSteps;
            p.fraction = static_cast<double>(h.globalStep) / static_cast<double>(totalSteps);
            p.valLoss = lastValLoss;
            report(p);
            const std::size_t j = first + static_cast<std::size_t>(rank);
            if (j < jobs.size())
                losses[static_cast<int64_t>(j)] =
                    session->evaluate(jobs[j].first->valBatch(jobs[j].second, recipe.valBatchSize));
        }
        if (group)
            group->allReduceSum({losses});
        double total = 0;
        int subjects = 0;
        std::size_t j = 0;
        for (const BrainDataset &d : datasets) {
            if (d.valCount() == 0)
                continue;
            const int64_t batches = d.valBatchCount(recipe.valBatchSize);
            double sum = 0;
            for (int64_t i = 0; i < batches; ++i, ++j) {
                const double loss = losses[static_cast<int64_t>(j)].item<double>();
                sum += loss;
                if (record)
                    h.valLosses.push_back(loss);
            }
            total += sum / static_cast<double>(batches);
            ++subjects;
        }
        return total / static_cast<double>(std::max(subjects, 1));
    };

    if (!continuing) {
        if (valCount > 0) {
            result.initialValLoss = validate(false);
            log("validation", {{"epoch", -1}, {"val_loss", result.initialValLoss}, {"initial", true}});
        }
    }
    if (valCount == 0)
        log("note", {{"text", "no validation split in this layout: no validation loss, no best checkpoint"}});

    std::deque<double> stepSeconds; // the last steps, for samples/s and ETA
    double trainedSeconds = 0;
    int64_t trainedSamples = 0;
    try {
        while (h.epoch < recipe.epochs) {
            // The epoch's subjects (two of them when cross-subject, drawn per epoch) and their trial orders.
            std::vector<std::size_t> chosen{0};
            if (crossSubject) {
                std::vector<std::size_t> all(datasets.size());
                std::iota(all.begin(), all.end(), std::size_t{0});
                std::mt19937_64 draw(recipe.seed * 0xD1B54A32D192ED03ull + static_cast<uint64_t>(h.epoch));
                for (std::size_t i = all.size(); i > 1; --i)
                    std::swap(all[i - 1], all[draw() % i]);
                chosen.assign(all.begin(), all.begin() + 2);
            }
            std::vector<std::vector<int64_t>> orders;
            for (const std::size_t d : chosen)
                orders.push_back(datasets[d].epochOrder(
                    crossSubject ? recipe.seed + 1000003ull * static_cast<uint64_t>(r.subjects[d]) : recipe.seed,
                    h.epoch));
            while (h.stepInEpoch < stepsPerEpoch) {
                boundary();
                const auto t0 = Clock::now();
                augmentStep = h.globalStep;
                std::vector<TrainingBatch> batches;
                int64_t samples = 0; // of the whole batches, all ranks together
                for (std::size_t k = 0; k < chosen.size(); ++k) {
                    const BrainDataset &d = datasets[chosen[k]];
                    const DataParallelGroup::Shard shard = shardOf(d);
                    augmentOffset = shard.offset;
                    batches.push_back(
                        d.trainBatch(orders[k], h.stepInEpoch, recipe.batchSize, shard.offset, shard.count));
                    if (group) {
                        batches.back().wholeSize = wholeBatch(d);
                        batches.back().offset = shard.offset;
                    }
                    samples += wholeBatch(d);
                }
                const double lr = session->optimizer().groups()[0].lr;
                const double loss = session->step(batches);
                const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
                trainedSeconds += seconds;
                trainedSamples += samples;
                stepSeconds.push_back(seconds);
                if (stepSeconds.size() > 20)
                    stepSeconds.pop_front();
                const double mean = std::accumulate(stepSeconds.begin(), stepSeconds.end(), 0.0) /
                                    static_cast<double>(stepSeconds.size());
                TrainProgress p;
                p.phase = "train";
                p.epoch = h.epoch;
                p.epochs = recipe.epochs;
                p.step = h.stepInEpoch;
                p.stepsPerEpoch = stepsPerEpoch;
                p.globalStep = h.globalStep;
                p.totalSteps = totalSteps;
                p.loss = loss;
                p.lr = lr;
                p.regressionLoss = session->lastRegressionLoss();
                p.denoiserLoss = session->lastDenoiserLoss().value_or(0.0);
                p.samplesPerSecond = mean > 0 ? static_cast<double>(samples) / mean : 0;
                p.etaSeconds = mean * static_cast<double>(totalSteps - h.globalStep);
                p.valLoss = lastValLoss;
                p.fraction = static_cast<double>(h.globalStep) / static_cast<double>(totalSteps);
                report(p);
                nlohmann::ordered_json line{{"epoch", h.epoch},
                                            {"step", h.stepInEpoch},
                                            {"global_step", h.globalStep},
                                            {"loss", loss},
                                            {"lr", lr},
                                            {"samples_per_second", p.samplesPerSecond},
                                            {"eta_seconds", p.etaSeconds}};
                if (session->lastDenoiserLoss()) {
                    line["loss_r"] = session->lastRegressionLoss();
                    line["loss_d"] = *session->lastDenoiserLoss();
                }
                log("step", line);
                if (r.checkpointEvery > 0 && h.globalStep % r.checkpointEvery == 0 && h.stepInEpoch < stepsPerEpoch)
                    saveLast();
            }
            bool improved = false;
            if (valCount > 0) {
                lastValLoss = validate(true);
                h.epochValLosses.push_back(lastValLoss);
                improved = lastValLoss < h.bestValLoss;
                if (improved) {
                    h.bestValLoss = lastValLoss;
                    h.bestEpoch = h.epoch;
                }
                log("validation",
                    {{"epoch", h.epoch}, {"val_loss", lastValLoss}, {"best", improved}, {"global_step", h.globalStep}});
            }
            ++h.epoch;
            h.stepInEpoch = 0;
            if (improved && leader) { // the others wait in saveLast's barrier
                session->save(bestPath);
                if (r.exportPth)
                    session->exportUmbrae(out + "/best.pth");
                log("checkpoint", {{"path", bestPath}, {"epoch", h.epoch - 1}, {"best", true}});
            }
            saveLast();
        }
    } catch (const Cancelled &) {
        // Never lose a run: what was reached is saved (mid-epoch positions resume exactly).
        saveLast();
        log("cancelled", {{"global_step", h.globalStep}});
        throw;
    }

    result.lastCheckpoint = lastPath;
    result.bestCheckpoint = fs::exists(bestPath) ? bestPath : std::string();
    result.globalStep = h.globalStep;
    result.epochs = h.epoch;
    result.epochValLosses = h.epochValLosses;
    result.bestValLoss = std::isfinite(h.bestValLoss) ? h.bestValLoss : 0.0;
    result.lastTrainLoss = h.losses.empty() ? 0.0 : h.losses.back();
    result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    result.samplesPerSecond = trainedSeconds > 0 ? static_cast<double>(trainedSamples) / trainedSeconds : 0;
    log("done", {{"global_step", h.globalStep},
                 {"best_val_loss", result.bestValLoss},
                 {"seconds", result.seconds},
                 {"samples_per_second", result.samplesPerSecond}});
    TrainProgress done;
    done.phase = "done";
    done.epoch = h.epoch;
    done.epochs = recipe.epochs;
    done.globalStep = h.globalStep;
    done.totalSteps = totalSteps;
    done.valLoss = lastValLoss;
    done.fraction = 1.0;
    report(done);
    return result;
}

} // namespace vindex::train
