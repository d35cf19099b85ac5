#include "vindex/train/TrainingRun.h"

#include "vindex/core/Error.h"
#include "vindex/models/BrainEncoder.h"
#include "vindex/train/RequestedRecipe.h"
#include "vindex/train/TrainingCheckpoint.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <numeric>
#include <random>
#include <set>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace vindex::train {
namespace {

namespace fs = std::filesystem;

std::string absolute(const std::string &path)
{
    std::error_code ec;
    const fs::path p = fs::weakly_canonical(fs::absolute(path), ec);
    return ec ? path : p.string();
}

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

// The run document of the checkpoint a resume continues, when it is one of ours (null otherwise: a new run, or a
// UMBRAE .pth).
nlohmann::json savedRun(const std::string &resume)
{
    if (resume.empty())
        return nullptr;
    const std::string path = fs::is_directory(resume) ? resume + "/last.safetensors" : resume;
    if (!TrainingCheckpoint::isTrainingCheckpoint(path))
        return nullptr;
    return TrainingCheckpoint(path).state().value("run", nlohmann::json::object());
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

// The job's one-line status of a progress report.
std::string describe(const TrainProgress &p)
{
    char text[160];
    if (p.phase == "targets")
        std::snprintf(text, sizeof text, "computing the training targets");
    else if (p.phase == "train")
        std::snprintf(text, sizeof text, "epoch %lld/%lld, step %lld/%lld, loss %.5g",
                      static_cast<long long>(p.epoch + 1), static_cast<long long>(p.epochs),
                      static_cast<long long>(p.step), static_cast<long long>(p.stepsPerEpoch), p.loss);
    else if (p.phase == "validate")
        std::snprintf(text, sizeof text, "epoch %lld/%lld: validating", static_cast<long long>(p.epoch + 1),
                      static_cast<long long>(p.epochs));
    else if (p.phase == "paused")
        std::snprintf(text, sizeof text, "paused at step %lld of %lld", static_cast<long long>(p.globalStep),
                      static_cast<long long>(p.totalSteps));
    else
        std::snprintf(text, sizeof text, "%lld steps done", static_cast<long long>(p.globalStep));
    return text;
}

} // namespace

// One run per folder at a time; the kernel drops the lock when the process dies, SIGKILL included.
class TrainingRun::FolderLock {
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
    FolderLock(const FolderLock &) = delete;
    FolderLock &operator=(const FolderLock &) = delete;

private:
    int m_fd = -1;
};

TrainingRun::TrainingRun(const TrainRequest &request, const JobControl &job, ProgressCallback onProgress)
    : m_request(request), m_job(job), m_onProgress(std::move(onProgress))
{
}

TrainingRun::~TrainingRun() = default;

TrainResult TrainingRun::run()
{
    m_started = Clock::now();
    checkRequest();
    chooseCompute();
    buildRecipe();
    joinProcesses();
    openRunFolder();
    prepareTargets();
    openSession();
    startLog();
    validateBeforeTraining();
    try {
        while (history().epoch < m_recipe.epochs) {
            trainEpoch();
            finishEpoch();
        }
    } catch (const Cancelled &) {
        // Never lose a run: what was reached is saved (mid-epoch positions resume exactly).
        saveLast();
        log("cancelled", {{"global_step", history().globalStep}});
        throw;
    }
    return finish();
}

// ---- The recipe and where it runs ------------------------------------------------------------------------------

void TrainingRun::checkRequest() const
{
    const TrainRequest &r = m_request;
    if (r.root.empty() || r.outDir.empty())
        throw Error("train: give the NSD folder (--root) and the run folder (--out)");
    if (r.subjects.empty())
        throw Error("train: give the subject (--subject), or several for cross-subject training");
    if (crossSubject() && !r.adaptFrom.empty())
        throw Error("train: adaptation (--adapt-from) trains one new subject; give one --subject");
    if (std::set<int>(r.subjects.begin(), r.subjects.end()).size() != r.subjects.size())
        throw Error("train: a subject is listed twice");
    if (r.freezePerceiver && r.adaptFrom.empty())
        throw Error("train: --freeze-perceiver goes with --adapt-from (the perceiver of a cross-subject model)");
}

void TrainingRun::chooseCompute()
{
    const TrainRequest &r = m_request;
    // The encoder, its optimizer and the losses in fp32 (mixed precision autocasts the forward); the vision side
    // computing targets in the asked dtype. Several processes: "cuda" means this machine's GPU number LOCAL_RANK.
    const std::string device =
        r.launch.distributed() && r.device == "cuda" ? "cuda:" + std::to_string(r.launch.localRank) : r.device;
    m_compute = models::Compute::parse(device, "f32");
    m_targetCompute = models::Compute::parse(device, r.dtype);
    if (r.threads > 0)
        at::set_num_threads(r.threads);
}

// UMBRAE's defaults, overridden by what the request sets (a resumed run takes its checkpoint's instead, once open).
void TrainingRun::buildRecipe()
{
    m_recipe = requestedRecipe(m_request);
    m_recipe.validate();
    // A resumed run of ours keeps its data recipe and augmentation unless the request names them (continueRun then
    // checks that they agree).
    const nlohmann::json saved = savedRun(m_request.resume);
    const bool ours = !saved.is_null();
    const std::string savedRecipe =
        ours && saved.contains("recipe") ? saved["recipe"].value("name", std::string(DataRecipe::kDefault)) : "";
    m_dataRecipe = DataRecipe::named(
        m_request.recipe.value_or(savedRecipe.empty() ? std::string(DataRecipe::kDefault) : savedRecipe));
    m_augment = m_request.augment.value_or(ours ? saved.value("augment", false) : m_dataRecipe.augment);
    const std::string made = savedRecipe.empty() ? std::string(DataRecipe::kDefault) : savedRecipe;
    if (ours && m_dataRecipe.name != made)
        throw Error("train --resume " + m_request.resume + ": the run was made with --recipe " + made +
                    "; leave --recipe out to continue it");
    if (m_recipe.precision == "f16" && m_compute.device.type() != c10::DeviceType::CUDA)
        throw Error("train: f16 mixed precision needs a CUDA device (--device cuda); use bf16 on the CPU");
}

// Join first: a missing peer fails here, before anything is written.
void TrainingRun::joinProcesses()
{
    if (m_request.launch.distributed())
        m_group = DataParallelGroup::join(m_request.launch, m_compute.device, &m_job.cancelFlag());
    m_leader = !m_group || m_group->rank() == 0;
}

void TrainingRun::openRunFolder()
{
    const TrainRequest &r = m_request;
    if (m_leader) {
        std::error_code ec;
        fs::create_directories(r.outDir, ec);
        if (ec)
            throw Error(r.outDir + ": cannot create the run folder: " + ec.message());
        m_lock = std::make_unique<FolderLock>(r.outDir);
        removeUnfinishedWrites(r.outDir);
    }
    m_out = absolute(r.outDir);
    m_lastPath = m_out + "/last.safetensors";
    m_bestPath = m_out + "/best.safetensors";
    m_cachePath = r.targetsCache.empty() ? m_out + "/targets.h5" : absolute(r.targetsCache);
    if (m_leader && r.resume.empty() && fs::exists(m_lastPath))
        throw Error(r.outDir + " holds a run already (last.safetensors); continue it with --resume " + r.outDir +
                    " or choose another --out");
    m_result.rank = m_group ? m_group->rank() : 0;
    m_result.worldSize = m_group ? m_group->worldSize() : 1;
    m_result.outDir = m_out;
    m_result.logPath = m_out + "/train_log.jsonl";
    m_result.targetsCache = m_cachePath;
}

// ---- Targets -------------------------------------------------------------------------------------------------------

void TrainingRun::prepareTargets()
{
    loadData();
    openTargetCache();
    connectTargets();
    measureTargets();
}

void TrainingRun::loadData()
{
    const TrainRequest &r = m_request;
    m_nsd.emplace(data::Session::open(r.root));
    for (const int id : r.subjects)
        m_datasets.emplace_back(m_nsd->subject(id), nullptr, m_dataRecipe);
    if (r.dataRatio) {
        for (BrainDataset &d : m_datasets)
            d.limitTraining(*r.dataRatio, 42); // a fixed draw, as UMBRAE's loader slices a Random(42) shuffle
    }
    // The cache: every image the run needs (training ones too unless augmented targets are computed per batch).
    for (std::size_t i = 0; i < m_datasets.size(); ++i) {
        const std::vector<int64_t> ids = m_augment ? m_datasets[i].imageIds(false) : m_datasets[i].imageIds();
        m_cachedIds.insert(m_cachedIds.end(), ids.begin(), ids.end());
        for (const int64_t id : m_datasets[i].imageIds())
            m_datasetOfImage.emplace(id, i);
    }
    for (std::size_t i = 0; i < m_datasets.size(); ++i) {
        m_result.trainTrials += m_datasets[i].trainCount();
        m_result.valTrials += selects(i) ? m_datasets[i].valCount() : 0;
    }
    m_result.recipe = m_dataRecipe.name;
    for (const data::Split split : m_dataRecipe.fit)
        m_result.fitSplits.emplace_back(data::splitName(split));
    m_result.selectSplit = data::splitName(m_dataRecipe.select);
    m_result.augmented = m_augment;
}

io::RgbImage TrainingRun::stimulus(int64_t imageId) const
{
    return m_datasets[m_datasetOfImage.at(imageId)].subject().image(imageId);
}

// Rank 0 builds the cache (it may take long); the other ranks read it once it says so.
void TrainingRun::openTargetCache()
{
    const TrainRequest &r = m_request;
    m_targetSpec.mllm = r.mllm;
    m_targetSpec.vision = r.vision;
    m_targetSpec.space = r.space;
    m_targetSpec.scale = r.scale;
    m_targetSpec.layer = r.visionLayer;
    m_targetSpec.imageSize = r.imageSize;
    m_targetsDescription = m_targetSpec.description();
    if (m_augment)
        m_extractor = TargetExtractor::load(m_targetSpec, m_targetCompute);
    if (m_cachedIds.empty())
        return;
    if (m_group && !m_leader)
        m_group->await("targets", &m_job.cancelFlag());
    const nlohmann::json description = nlohmann::json::parse(m_targetsDescription.dump());
    m_cache = FeatureCache::openIfValid(m_cachePath, description, m_cachedIds);
    if (!m_cache && !m_leader)
        throw Error("distributed training, " + m_group->launch().describe() + ": cannot read the target cache " +
                    m_cachePath +
                    " that rank 0 wrote; every rank needs the run folder (or --targets-cache) on a filesystem they "
                    "share");
    if (!m_cache) {
        if (!m_extractor)
            m_extractor = TargetExtractor::load(m_targetSpec, m_targetCompute);
        // The cache's progress is the run's "targets" phase; the run's job stops it.
        const JobControl building([this](const JobProgress &progress) {
            m_job.checkCancelled();
            TrainProgress p;
            p.phase = "targets";
            p.fraction = progress.fraction >= 0 ? progress.fraction
                         : progress.total > 0 ? static_cast<double>(progress.done) / static_cast<double>(progress.total)
                                              : 0.0;
            report(p);
        });
        m_cache = FeatureCache::build(
            m_cachePath, description, *m_extractor, [this](int64_t id) { return stimulus(id); }, m_cachedIds,
            r.targetBatch, building);
    }
    if (m_group && m_leader)
        m_group->post("targets", "ready");
}

void TrainingRun::connectTargets()
{
    for (std::size_t i = 0; i < m_datasets.size(); ++i) {
        if (!m_augment) {
            m_datasets[i].setTargets(m_cache.get());
            continue;
        }
        const int subject = m_request.subjects[i];
        m_datasets[i].setTargets([this, subject](const std::vector<int64_t> &ids, bool training) {
            return augmentedTargets(subject, ids, training);
        });
    }
}

at::Tensor TrainingRun::augmentedTargets(int subject, const std::vector<int64_t> &ids, bool training) const
{
    if (!training)
        return m_cache->features(ids);
    std::mt19937_64 random(m_augmentSeed ^ (0x9E3779B97F4A7C15ull * static_cast<uint64_t>(m_augmentStep + 1)) ^
                           (static_cast<uint64_t>(subject) << 48) ^
                           (0xBF58476D1CE4E5B9ull * static_cast<uint64_t>(m_augmentOffset)));
    std::vector<io::RgbImage> images;
    for (const int64_t id : ids)
        images.push_back(m_augmentation.apply(stimulus(id), random));
    return m_extractor->features(images);
}

// The targets' shape (tokens × width): the encoder's output.
void TrainingRun::measureTargets()
{
    const at::Tensor probe = m_cache ? m_cache->features({m_cachedIds.front()})
                                     : m_extractor->features({stimulus(m_datasets.front().imageIds().front())});
    m_tokens = probe.size(1);
    m_width = probe.size(2);
}

// ---- The session ---------------------------------------------------------------------------------------------------

void TrainingRun::openSession()
{
    const TrainRequest &r = m_request;
    m_architecture = requestedArchitecture(r, m_datasets.front().voxelCount(), m_tokens, m_width);
    describeRun();
    if (!r.resume.empty())
        resumeSession(fs::is_directory(r.resume) ? r.resume + "/last.safetensors" : r.resume);
    else
        startNewSession();
    checkEncoderFitsData();
    joinDataParallel();
}

void TrainingRun::describeRun()
{
    const TrainRequest &r = m_request;
    m_run = {{"root", absolute(r.root)}};
    if (crossSubject())
        m_run["subjects"] = r.subjects;
    else
        m_run["subject"] = r.subjects.front();
    m_run["layout"] = data::nsdLayoutName(m_datasets.front().subject().preferredLayout());
    m_run["betas"] = data::nsdBetasScaling(m_datasets.front().subject().preferredLayout());
    m_run["test_order"] = m_datasets.front().subject().testOrderDescription();
    m_run["train_trials"] = m_result.trainTrials; // the fitted splits' trials
    m_run["val_trials"] = m_result.valTrials;     // the selection split's trials
    m_run["targets"] = m_targetsDescription;
    m_run["targets_cache"] = m_cachePath;
    m_run["recipe"] = m_dataRecipe.toJson();
    m_run["augment"] = m_augment;
    if (r.dataRatio)
        m_run["data_ratio"] = *r.dataRatio;
    if (!r.adaptFrom.empty())
        m_run["adapted_from"] = absolute(r.adaptFrom);
    m_run["threads"] = at::get_num_threads();
    m_run["world_size"] = m_result.worldSize;
}

// Our checkpoint: the run goes on where it stopped; a UMBRAE checkpoint: its weights (and what it has of the
// optimizer and schedule) start this run.
void TrainingRun::resumeSession(const std::string &path)
{
    if (!fs::exists(path))
        throw Error("train --resume: " + path + " does not exist");
    m_result.resumed = true;
    if (TrainingCheckpoint::isTrainingCheckpoint(path)) {
        m_session = TrainingSession::resume(path, m_compute); // the checkpoint's generator state continues
        m_continuing = true;
        continueRun(path);
        return;
    }
    m_session = TrainingSession::fromUmbrae(path, m_compute, m_architecture.options(), m_recipe,
                                            m_recipe.epochs * stepsPerEpoch(m_recipe.batchSize), &m_result.resumeNote);
    m_result.resumeNote = "from " + path + ": " + m_result.resumeNote;
    at::manual_seed(m_recipe.seed);
}

// A resumed run must be the same run: the same data and targets, and the request's recipe values the checkpoint's.
void TrainingRun::continueRun(const std::string &path)
{
    const TrainRequest &r = m_request;
    const nlohmann::json &saved = m_session->run();
    const nlohmann::json ours = nlohmann::json::parse(m_run.dump());
    // Checkpoints from before the data recipes were all made by the clean one.
    const auto sameAsBefore = [&](const std::string &field) {
        if (saved.contains(field))
            return false;
        return (field == "augment" && ours[field] == false) ||
               (field == "recipe" && ours[field]["name"] == DataRecipe::kDefault);
    };
    for (const char *field : {"root", "subject", "subjects", "targets", "recipe", "augment", "data_ratio"})
        if (saved.value(field, nlohmann::json()) != ours.value(field, nlohmann::json()) && !sameAsBefore(field))
            throw Error(path + ": made for other data (" + field +
                        " differs); resume with the same --root, --subject, targets, --recipe, --augment and "
                        "--data-ratio");
    // Values given now must be the checkpoint's: a changed schedule would not continue the same run.
    const TrainingRecipe &had = m_session->recipe();
    std::string changed;
    const auto check = [&](bool given, bool same, const char *name) {
        if (given && !same)
            changed += (changed.empty() ? "" : ", ") + std::string(name);
    };
    check(r.epochs.has_value(), r.epochs && *r.epochs == had.epochs, "--epochs");
    check(r.batchSize.has_value(), r.batchSize && *r.batchSize == had.batchSize, "--batch");
    check(r.valBatchSize.has_value(), r.valBatchSize && *r.valBatchSize == had.valBatchSize, "--val-batch");
    check(r.maxLr.has_value(), r.maxLr && *r.maxLr == had.maxLr, "--lr");
    check(r.loss.has_value(), r.loss && *r.loss == had.loss, "--loss");
    check(r.seed.has_value(), r.seed && *r.seed == had.seed, "--seed");
    check(r.gradClip.has_value(), r.gradClip && *r.gradClip == had.gradClip, "--grad-clip");
    check(r.denoiserWeight.has_value(), r.denoiserWeight && *r.denoiserWeight == had.denoiserWeight,
          "--denoiser-weight");
    check(r.denoiserWidth.has_value(), r.denoiserWidth && *r.denoiserWidth == had.denoiserWidth, "--denoiser-width");
    if (!changed.empty())
        throw Error(path + ": " + changed + " differ from the run being resumed; leave them out to continue it");
    m_recipe = had;
    const int64_t steps = stepsPerEpoch(m_recipe.batchSize) * m_recipe.epochs;
    if (steps != m_session->totalSteps())
        throw Error(path + ": the run had " + std::to_string(m_session->totalSteps()) +
                    " steps in total; the data now gives " + std::to_string(steps));
    std::string &note = m_result.resumeNote;
    if (saved.value("world_size", 1) != m_result.worldSize)
        note += "note: the run used " + std::to_string(saved.value("world_size", 1)) + " processes, this one " +
                std::to_string(m_result.worldSize) + " (the same batches; results may differ in the last bits); ";
    if (saved.value("threads", 0) != at::get_num_threads())
        note += "note: the run used " + std::to_string(saved.value("threads", 0)) + " CPU threads, this process " +
                std::to_string(at::get_num_threads()) + " (results may differ in the last bits); ";
    const TrainingHistory &h = m_session->history();
    note += "continued at epoch " + std::to_string(h.epoch) + ", step " + std::to_string(h.stepInEpoch) +
            " (global step " + std::to_string(h.globalStep) + ")";
}

// A new encoder (BrainXS, BrainX, BrainXC, or the --init weights), drawn right after seeding ATen's generator.
void TrainingRun::startNewSession()
{
    const TrainRequest &r = m_request;
    std::unique_ptr<models::BrainEncoder> encoder;
    at::manual_seed(m_recipe.seed);
    if (!r.init.empty()) {
        encoder = models::BrainEncoder::load(r.init, m_compute, m_architecture.options());
    } else if (!r.adaptFrom.empty()) {
        encoder = EncoderFactory::adaptation(m_architecture, r.adaptFrom, m_compute);
    } else if (crossSubject()) {
        std::map<int, int64_t> voxels;
        for (std::size_t i = 0; i < m_datasets.size(); ++i)
            voxels[r.subjects[i]] = m_datasets[i].voxelCount();
        encoder = EncoderFactory::brainX(m_architecture, voxels, m_compute);
    } else {
        encoder = EncoderFactory::brainXS(m_architecture, m_compute);
    }
    m_session = std::make_unique<TrainingSession>(std::move(encoder), m_architecture.options(), m_recipe,
                                                  m_recipe.epochs * stepsPerEpoch(m_recipe.batchSize));
}

// The encoder takes every subject's voxels and predicts the targets' shape; the run records its architecture.
void TrainingRun::checkEncoderFitsData()
{
    models::BrainEncoder &encoder = m_session->encoder();
    const bool brainX = encoder.kind() == models::BrainEncoder::Kind::BrainX;
    if (crossSubject() && !brainX)
        throw ModelError("train: several subjects need a cross-subject encoder (BrainX); " + encoder.source() +
                         " is a " + encoder.kindName());
    for (std::size_t i = 0; i < m_datasets.size(); ++i) {
        const int subject = m_request.subjects[i];
        if (brainX) {
            const std::vector<int> known = encoder.subjects();
            if (std::find(known.begin(), known.end(), subject) == known.end())
                throw ModelError("train: the BrainX has no tokenizer for subject " + std::to_string(subject) +
                                 " (subjects " + models::BrainEncoder::subjectListText(known) + ")");
        }
        if (encoder.voxelCount(subject) != m_datasets[i].voxelCount())
            throw ModelError("train: the encoder takes " + std::to_string(encoder.voxelCount(subject)) +
                             " voxels, subject " + std::to_string(subject) + " has " +
                             std::to_string(m_datasets[i].voxelCount()));
    }
    if (encoder.tokenCount() != m_tokens || encoder.featureWidth() != m_width)
        throw ModelError("train: the encoder predicts " + std::to_string(encoder.tokenCount()) + "×" +
                         std::to_string(encoder.featureWidth()) + " features, the targets are " +
                         std::to_string(m_tokens) + "×" + std::to_string(m_width));
    m_run["architecture"] = {{"kind", encoder.kindName()},
                             {"voxels", encoder.voxelCount(m_request.subjects.front())},
                             {"hidden", encoder.hiddenWidth()},
                             {"latents", encoder.tokenCount()},
                             {"out_width", encoder.featureWidth()},
                             {"depth", encoder.depth()},
                             {"heads", m_session->architecture().heads},
                             {"dim_head", m_session->architecture().dimHead}};
    m_session->run() = m_run;
}

// Data-parallel: every rank at the same point of the same run, with rank 0's weights.
void TrainingRun::joinDataParallel()
{
    if (!m_group)
        return;
    for (std::size_t i = 0; i < m_datasets.size(); ++i)
        if (wholeBatch(m_datasets[i]) < m_group->worldSize())
            throw Error("train: a batch of " + std::to_string(wholeBatch(m_datasets[i])) + " trials of subject " +
                        std::to_string(m_request.subjects[i]) + " cannot be split over " +
                        std::to_string(m_group->worldSize()) + " processes; use --batch of at least " +
                        std::to_string(m_group->worldSize()));
    m_session->setDataParallel(m_group.get());
    const TrainingHistory &position = m_session->history();
    checkSameRun(*m_group, {{"the global step", position.globalStep},
                            {"the epoch", position.epoch},
                            {"the step in the epoch", position.stepInEpoch},
                            {"the total of steps", m_session->totalSteps()},
                            {"the batch", m_recipe.batchSize},
                            {"the seed", static_cast<int64_t>(m_recipe.seed)},
                            {"the training trials", m_result.trainTrials},
                            {"the validation trials", m_result.valTrials},
                            {"the voxels", m_datasets.front().voxelCount()}});
    m_session->broadcastWeights(); // rank 0's initialisation (or checkpoint) everywhere
}

// ---- Training ------------------------------------------------------------------------------------------------------

void TrainingRun::startLog()
{
    m_augmentSeed = m_recipe.seed;
    m_stepsPerEpoch = stepsPerEpoch(m_recipe.batchSize);
    m_totalSteps = m_session->totalSteps();
    m_result.stepsPerEpoch = m_stepsPerEpoch;
    const TrainingHistory &h = history();
    m_lastValLoss = h.epochValLosses.empty() ? 0.0 : h.epochValLosses.back();
    for (std::size_t i = 0; i < m_datasets.size(); ++i) {
        if (!selects(i))
            continue;
        const BrainDataset &d = m_datasets[i];
        if (d.valCount() > 0 && d.valBatchCount(m_recipe.valBatchSize) == 0)
            throw Error("train --recipe " + m_dataRecipe.name + ": the best checkpoint is chosen on whole batches of " +
                        std::to_string(m_recipe.valBatchSize) + " " + data::splitName(m_dataRecipe.select) +
                        " trials (UMBRAE's loader drops a partial one), but subject " +
                        std::to_string(m_request.subjects[i]) + " has " + std::to_string(d.valCount()) +
                        "; give --val-batch of at most " + std::to_string(d.valCount()));
        m_valCount += d.valCount();
    }
    if (m_leader)
        m_logFile.emplace(m_result.logPath);
    if (m_group)
        log("note",
            {{"text", "data-parallel: " + std::to_string(m_group->worldSize()) + " processes (" +
                          m_group->backendName() + "), " + std::to_string(shardOf(m_datasets.front()).count) +
                          " of each batch's " + std::to_string(wholeBatch(m_datasets.front())) + " trials on rank 0"}});
    if (m_group && m_recipe.loss == "quantile")
        log("note", {{"text", "the quantile loss is a quantile of each shard's errors (summed over the ranks by "
                              "share), not of the whole batch's: this run differs from one process on the same "
                              "batches"}});
    if (m_dataRecipe.name != DataRecipe::kDefault)
        log("note", {{"text", "recipe " + m_dataRecipe.name + ": fits " + m_run["recipe"]["fit_splits"].dump() +
                                  ", chooses best on the " + data::splitName(m_dataRecipe.select) + " split" +
                                  (m_augment ? ", augmented targets" : "")}});
    log(m_result.resumed ? "resume" : "start", {{"out", m_out},
                                                {"note", m_result.resumeNote},
                                                {"recipe", m_recipe.toJson()},
                                                {"run", m_run},
                                                {"steps_per_epoch", m_stepsPerEpoch},
                                                {"total_steps", m_totalSteps},
                                                {"global_step", h.globalStep}});
}

// The untrained (or initial) encoder's validation loss, for a run that does not continue one of ours.
void TrainingRun::validateBeforeTraining()
{
    if (!m_continuing && m_valCount > 0) {
        m_result.initialValLoss = validationLoss(false);
        log("validation", {{"epoch", -1}, {"val_loss", m_result.initialValLoss}, {"initial", true}});
    }
    if (m_valCount == 0)
        log("note", {{"text", "no validation split in this layout: no validation loss, no best checkpoint"}});
}

// The epoch's subjects (two of them when cross-subject, drawn per epoch).
std::vector<std::size_t> TrainingRun::subjectsOfEpoch() const
{
    if (!crossSubject())
        return {0};
    std::vector<std::size_t> all(m_datasets.size());
    std::iota(all.begin(), all.end(), std::size_t{0});
    std::mt19937_64 draw(m_recipe.seed * 0xD1B54A32D192ED03ull + static_cast<uint64_t>(m_session->history().epoch));
    for (std::size_t i = all.size(); i > 1; --i)
        std::swap(all[i - 1], all[draw() % i]);
    return {all[0], all[1]};
}

void TrainingRun::trainEpoch()
{
    const std::vector<std::size_t> subjects = subjectsOfEpoch();
    std::vector<std::vector<int64_t>> orders; // each subject's trial order
    for (const std::size_t d : subjects)
        orders.push_back(m_datasets[d].epochOrder(
            crossSubject() ? m_recipe.seed + 1000003ull * static_cast<uint64_t>(m_request.subjects[d]) : m_recipe.seed,
            history().epoch));
    while (history().stepInEpoch < m_stepsPerEpoch)
        trainStep(subjects, orders);
}

// One optimizer step on the epoch's subjects' next batches (this rank's shards of them), reported and logged.
void TrainingRun::trainStep(const std::vector<std::size_t> &subjects, const std::vector<std::vector<int64_t>> &orders)
{
    stepBoundary();
    TrainingHistory &h = history();
    const auto t0 = Clock::now();
    m_augmentStep = h.globalStep;
    std::vector<TrainingBatch> batches;
    int64_t samples = 0; // of the whole batches, all ranks together
    for (std::size_t k = 0; k < subjects.size(); ++k) {
        const BrainDataset &d = m_datasets[subjects[k]];
        const DataParallelGroup::Shard shard = shardOf(d);
        m_augmentOffset = shard.offset;
        batches.push_back(d.trainBatch(orders[k], h.stepInEpoch, m_recipe.batchSize, shard.offset, shard.count));
        if (m_group) {
            batches.back().wholeSize = wholeBatch(d);
            batches.back().offset = shard.offset;
        }
        samples += wholeBatch(d);
    }
    const double lr = m_session->optimizer().groups()[0].lr;
    const double loss = m_session->step(batches);
    const double seconds = std::chrono::duration<double>(Clock::now() - t0).count();
    m_trainedSeconds += seconds;
    m_trainedSamples += samples;
    m_stepSeconds.push_back(seconds);
    if (m_stepSeconds.size() > 20)
        m_stepSeconds.pop_front();
    const double mean =
        std::accumulate(m_stepSeconds.begin(), m_stepSeconds.end(), 0.0) / static_cast<double>(m_stepSeconds.size());
    TrainProgress p = progressAt("train");
    p.step = h.stepInEpoch;
    p.stepsPerEpoch = m_stepsPerEpoch;
    p.loss = loss;
    p.lr = lr;
    p.regressionLoss = m_session->lastRegressionLoss();
    p.denoiserLoss = m_session->lastDenoiserLoss().value_or(0.0);
    p.samplesPerSecond = mean > 0 ? static_cast<double>(samples) / mean : 0;
    p.etaSeconds = mean * static_cast<double>(m_totalSteps - h.globalStep);
    report(p);
    nlohmann::ordered_json line{{"epoch", h.epoch},
                                {"step", h.stepInEpoch},
                                {"global_step", h.globalStep},
                                {"loss", loss},
                                {"lr", lr},
                                {"samples_per_second", p.samplesPerSecond},
                                {"eta_seconds", p.etaSeconds}};
    if (m_session->lastDenoiserLoss()) {
        line["loss_r"] = m_session->lastRegressionLoss();
        line["loss_d"] = *m_session->lastDenoiserLoss();
    }
    log("step", line);
    if (m_request.checkpointEvery > 0 && h.globalStep % m_request.checkpointEvery == 0 &&
        h.stepInEpoch < m_stepsPerEpoch)
        saveLast();
}

// The epoch's validation, the best checkpoint when it improved, and the last checkpoint at the next epoch's start.
void TrainingRun::finishEpoch()
{
    TrainingHistory &h = history();
    bool improved = false;
    if (m_valCount > 0) {
        m_lastValLoss = validationLoss(true);
        h.epochValLosses.push_back(m_lastValLoss);
        improved = m_lastValLoss < h.bestValLoss;
        if (improved) {
            h.bestValLoss = m_lastValLoss;
            h.bestEpoch = h.epoch;
        }
        log("validation",
            {{"epoch", h.epoch}, {"val_loss", m_lastValLoss}, {"best", improved}, {"global_step", h.globalStep}});
    }
    ++h.epoch;
    h.stepInEpoch = 0;
    if (improved)
        saveBest();
    saveLast();
}

// The mean validation loss of each subject, averaged over the subjects that have a validation split. With several
// processes, validation batch j (counting over the subjects) runs on rank j % world size and the losses are
// exchanged, so every rank records them all.
double TrainingRun::validationLoss(bool record)
{
    std::vector<std::pair<const BrainDataset *, int64_t>> batches; // (subject's dataset, batch)
    for (std::size_t k = 0; k < m_datasets.size(); ++k)
        for (int64_t i = 0;
             selects(k) && m_datasets[k].valCount() > 0 && i < m_datasets[k].valBatchCount(m_recipe.valBatchSize); ++i)
            batches.emplace_back(&m_datasets[k], i);
    const int ranks = m_group ? m_group->worldSize() : 1, rank = m_group ? m_group->rank() : 0;
    const at::Tensor losses = at::zeros({static_cast<int64_t>(batches.size())}, at::kDouble);
    for (std::size_t first = 0; first < batches.size(); first += static_cast<std::size_t>(ranks)) {
        stepBoundary();
        report(progressAt("validate"));
        const std::size_t j = first + static_cast<std::size_t>(rank);
        if (j < batches.size())
            losses[static_cast<int64_t>(j)] =
                m_session->evaluate(batches[j].first->valBatch(batches[j].second, m_recipe.valBatchSize));
    }
    if (m_group)
        m_group->allReduceSum({losses});
    double total = 0;
    int subjects = 0;
    std::size_t j = 0;
    for (std::size_t k = 0; k < m_datasets.size(); ++k) {
        const BrainDataset &d = m_datasets[k];
        if (!selects(k) || d.valCount() == 0)
            continue;
        const int64_t count = d.valBatchCount(m_recipe.valBatchSize);
        double sum = 0;
        for (int64_t i = 0; i < count; ++i, ++j) {
            const double loss = losses[static_cast<int64_t>(j)].item<double>();
            sum += loss;
            if (record)
                history().valLosses.push_back(loss);
        }
        total += sum / static_cast<double>(count);
        ++subjects;
    }
    return total / static_cast<double>(std::max(subjects, 1));
}

// Only rank 0 writes; the others wait, so that a run stopped after this point resumes from this checkpoint.
void TrainingRun::saveLast()
{
    if (m_leader) {
        m_session->save(m_lastPath);
        if (m_request.exportPth)
            m_session->exportUmbrae(m_out + "/last.pth");
        log("checkpoint", {{"path", m_lastPath}, {"epoch", history().epoch}, {"global_step", history().globalStep}});
    }
    if (m_group)
        m_group->barrier();
}

// Rank 0 writes; the others wait in the saveLast that follows.
void TrainingRun::saveBest()
{
    if (!m_leader)
        return;
    m_session->save(m_bestPath);
    if (m_request.exportPth)
        m_session->exportUmbrae(m_out + "/best.pth");
    log("checkpoint", {{"path", m_bestPath}, {"epoch", history().epoch - 1}, {"best", true}});
}

// Pause / cancel at a step boundary; with several processes one rank's cancel (Ctrl-C) stops all of them at the same
// step, as they must exchange at every step.
void TrainingRun::stepBoundary()
{
    if (m_job.isPaused() && !m_job.isCancelled())
        report(progressAt("paused"));
    if (!m_group)
        return m_job.pausePoint();
    bool cancelled = false;
    try {
        m_job.pausePoint();
    } catch (const Cancelled &) {
        cancelled = true;
    }
    const at::Tensor flag = at::full({1}, cancelled ? 1 : 0, at::kLong);
    m_group->allReduceSum({flag});
    if (flag.item<int64_t>() > 0)
        throw Cancelled();
}

TrainResult TrainingRun::finish()
{
    const TrainingHistory &h = history();
    m_result.lastCheckpoint = m_lastPath;
    m_result.bestCheckpoint = fs::exists(m_bestPath) ? m_bestPath : std::string();
    m_result.globalStep = h.globalStep;
    m_result.epochs = h.epoch;
    m_result.epochValLosses = h.epochValLosses;
    m_result.bestValLoss = std::isfinite(h.bestValLoss) ? h.bestValLoss : 0.0;
    m_result.lastTrainLoss = h.losses.empty() ? 0.0 : h.losses.back();
    m_result.seconds = std::chrono::duration<double>(Clock::now() - m_started).count();
    m_result.samplesPerSecond = m_trainedSeconds > 0 ? static_cast<double>(m_trainedSamples) / m_trainedSeconds : 0;
    log("done", {{"global_step", h.globalStep},
                 {"best_val_loss", m_result.bestValLoss},
                 {"seconds", m_result.seconds},
                 {"samples_per_second", m_result.samplesPerSecond}});
    TrainProgress done = progressAt("done");
    done.fraction = 1.0;
    report(done);
    return m_result;
}

// ---- Helpers -------------------------------------------------------------------------------------------------------

bool TrainingRun::selects(std::size_t dataset) const
{
    return !(m_dataRecipe.lastSubjectSelects && dataset + 1 != m_datasets.size());
}

// Cross-subject: the smallest subject's steps, so that every epoch has as many.
int64_t TrainingRun::stepsPerEpoch(int64_t batch) const
{
    int64_t steps = m_datasets.front().stepsPerEpoch(batch);
    for (const BrainDataset &d : m_datasets)
        steps = std::min(steps, d.stepsPerEpoch(batch));
    return steps;
}

// Data-parallel: rank r's rows of every step's batch of each subject (min(batch, trials) rows).
int64_t TrainingRun::wholeBatch(const BrainDataset &dataset) const
{
    return std::min<int64_t>(m_recipe.batchSize, dataset.trainCount());
}

DataParallelGroup::Shard TrainingRun::shardOf(const BrainDataset &dataset) const
{
    return m_group ? DataParallelGroup::shardOf(wholeBatch(dataset), m_group->rank(), m_group->worldSize())
                   : DataParallelGroup::Shard{0, wholeBatch(dataset)};
}

// Where the run stands, for a report of this phase.
TrainProgress TrainingRun::progressAt(const char *phase) const
{
    const TrainingHistory &h = m_session->history();
    TrainProgress p;
    p.phase = phase;
    p.epoch = h.epoch;
    p.epochs = m_recipe.epochs;
    p.globalStep = h.globalStep;
    p.totalSteps = m_totalSteps;
    p.fraction = static_cast<double>(h.globalStep) / static_cast<double>(m_totalSteps);
    p.valLoss = m_lastValLoss;
    return p;
}

void TrainingRun::report(const TrainProgress &p) const
{
    if (m_onProgress)
        m_onProgress(p);
    try {
        m_job.report(JobProgress{p.phase, p.globalStep, p.totalSteps, describe(p), p.fraction});
    } catch (const Cancelled &) {
        // A cancel takes effect at the next step boundary, where every rank of a data-parallel run sees it at
        // the same step (the step reached is saved there).
    }
}

void TrainingRun::log(const std::string &event, const nlohmann::ordered_json &fields)
{
    if (m_logFile)
        m_logFile->write(event, fields);
}

} // namespace vindex::train
