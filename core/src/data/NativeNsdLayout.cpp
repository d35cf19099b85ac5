#include "vindex/data/NativeNsdLayout.h"

#include "vindex/core/Error.h"
#include "vindex/data/NativeSessionCache.h"
#include "vindex/io/CsvTable.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <regex>

namespace fs = std::filesystem;

namespace vindex::data {

namespace {

std::string subjectName(int subject)
{
    return "subj0" + std::to_string(subject);
}

std::string twoDigits(int n)
{
    std::string s = std::to_string(n);
    if (s.size() < 2)
        s.insert(s.begin(), '0');
    return s;
}

} // namespace

NativeNsdLayout::NativeNsdLayout() : m_cache(std::make_unique<NativeSessionCache>()) {}
NativeNsdLayout::~NativeNsdLayout() = default;
NativeNsdLayout::NativeNsdLayout(NativeNsdLayout &&) noexcept = default;
NativeNsdLayout &NativeNsdLayout::operator=(NativeNsdLayout &&) noexcept = default;

std::vector<int> NativeNsdLayout::subjectsIn(const std::string &root)
{
    std::vector<int> subjects;
    for (int s = 1; s <= 8; ++s) {
        const fs::path mask =
            fs::path(root) / "nsddata" / "ppdata" / subjectName(s) / "func1pt8mm" / "roi" / "nsdgeneral.nii.gz";
        std::error_code ec;
        if (fs::exists(mask, ec))
            subjects.push_back(s);
    }
    return subjects;
}

std::string NativeNsdLayout::findStimInfo(const std::string &root)
{
    for (const fs::path &candidate :
         {fs::path(root) / "nsd_stim_info_merged.csv",
          fs::path(root) / "nsddata" / "experiments" / "nsd" / "nsd_stim_info_merged.csv"}) {
        std::error_code ec;
        if (fs::exists(candidate, ec))
            return candidate.string();
    }
    return {};
}

std::string NativeNsdLayout::subjectDir() const
{
    return (fs::path(m_root) / "nsddata" / "ppdata" / subjectName(m_subject) / "func1pt8mm").string();
}

std::string NativeNsdLayout::anatomyPath() const
{
    return (fs::path(subjectDir()) / "T1_to_func1pt8mm.nii.gz").string();
}

bool NativeNsdLayout::hasAnatomy() const
{
    std::error_code ec;
    return fs::exists(anatomyPath(), ec);
}

std::string NativeNsdLayout::betasPath(int session) const
{
    return (fs::path(subjectDir()) / "betas_fithrf_GLMdenoise_RR" / ("betas_session" + twoDigits(session) + ".nii.gz"))
        .string();
}

NativeNsdLayout NativeNsdLayout::open(const std::string &root, int subject, const NativeCacheOptions &cache)
{
    if (subject < 1 || subject > 8)
        throw DataError("NSD subject " + std::to_string(subject) + " requested (expected 1..8)");
    NativeNsdLayout layout;
    layout.m_root = root;
    layout.m_subject = subject;
    layout.m_cache = std::make_unique<NativeSessionCache>(cache, root, subject);

    const std::string maskPath = (fs::path(layout.subjectDir()) / "roi" / "nsdgeneral.nii.gz").string();
    std::error_code ec;
    if (!fs::exists(maskPath, ec))
        throw DataError(maskPath + ": missing (the nsdgeneral ROI of " + subjectName(subject) + " is required)");
    try {
        layout.m_roi = RoiMask::read(maskPath);
    } catch (const DataError &) {
        throw;
    } catch (const Error &e) {
        throw DataError(std::string(e.what()) + " (reading the nsdgeneral ROI of " + subjectName(subject) + ")");
    }

    const std::string csv = findStimInfo(root);
    if (csv.empty())
        throw DataError(root +
                        ": nsd_stim_info_merged.csv not found (expected at the root or in nsddata/experiments/nsd/)");
    layout.m_stimInfoPath = csv;
    try {
        layout.readTrials(csv);
    } catch (const DataError &) {
        throw;
    } catch (const Error &e) {
        throw DataError(e.what());
    }

    if (!layout.hasAnatomy())
        layout.m_problems.push_back(layout.anatomyPath() +
                                    ": missing (the anatomical underlay; views fall back to the ROI)");
    layout.scanSessions();
    return layout;
}

void NativeNsdLayout::readTrials(const std::string &csvPath)
{
    const io::CsvTable table = io::CsvTable::read(csvPath);
    const std::string prefix = "subject" + std::to_string(m_subject) + "_rep";
    const std::vector<std::string> repColumns = {prefix + "0", prefix + "1", prefix + "2"};
    std::vector<std::string> required = {"nsdId", "cocoId", "cocoSplit", "shared1000"};
    required.insert(required.end(), repColumns.begin(), repColumns.end());
    table.requireColumns(required);

    const std::size_t nsdCol = table.column("nsdId"), cocoCol = table.column("cocoId"),
                      splitCol = table.column("cocoSplit"), sharedCol = table.column("shared1000");
    std::array<std::size_t, 3> repCol{table.column(repColumns[0]), table.column(repColumns[1]),
                                      table.column(repColumns[2])};

    // Trial number (1-based) → (row, repeat): collected first, checked for duplicates and gaps afterwards.
    std::vector<std::pair<std::size_t, int>> byTrial;
    for (std::size_t row = 0; row < table.rowCount(); ++row) {
        NsdStimulus stim;
        stim.nsdId = table.integer(row, nsdCol);
        stim.cocoId = table.integer(row, cocoCol);
        stim.cocoSplit = table.cell(row, splitCol);
        stim.shared1000 = table.boolean(row, sharedCol);
        if (stim.nsdId < 0 || stim.nsdId >= 1000000)
            throw DataError(csvPath + ": line " + std::to_string(table.lineOf(row)) + ": nsdId " +
                            std::to_string(stim.nsdId) + " is out of range (expected a 0-based 73k id)");
        if (static_cast<int64_t>(m_stimuli.size()) <= stim.nsdId)
            m_stimuli.resize(static_cast<std::size_t>(stim.nsdId) + 1);
        if (m_stimuli[stim.nsdId].nsdId >= 0)
            throw DataError(csvPath + ": line " + std::to_string(table.lineOf(row)) + ": nsdId " +
                            std::to_string(stim.nsdId) + " appears twice");
        m_stimuli[stim.nsdId] = stim;
        for (int r = 0; r < 3; ++r) {
            const int64_t trialNumber = table.integer(row, repCol[r]);
            if (trialNumber == 0)
                continue; // not shown
            if (trialNumber < 0 || trialNumber > 1000000)
                throw DataError(csvPath + ": line " + std::to_string(table.lineOf(row)) + ", column '" + repColumns[r] +
                                "': trial number " + std::to_string(trialNumber) +
                                " is out of range (expected 1-based, 0 = not shown)");
            if (static_cast<int64_t>(byTrial.size()) < trialNumber)
                byTrial.resize(static_cast<std::size_t>(trialNumber), {SIZE_MAX, -1});
            auto &slot = byTrial[trialNumber - 1];
            if (slot.second >= 0)
                throw DataError(csvPath + ": line " + std::to_string(table.lineOf(row)) + ": trial " +
                                std::to_string(trialNumber) + " of subject " + std::to_string(m_subject) +
                                " is also given on line " + std::to_string(table.lineOf(slot.first)));
            slot = {row, r};
        }
    }
    if (byTrial.empty())
        throw DataError(csvPath + ": no trials for subject " + std::to_string(m_subject) + " (all of " + repColumns[0] +
                        ".." + repColumns[2] + " are 0)");

    m_trials.resize(byTrial.size());
    for (std::size_t t = 0; t < byTrial.size(); ++t) {
        const auto [row, rep] = byTrial[t];
        if (rep < 0)
            throw DataError(csvPath + ": trial " + std::to_string(t + 1) + " of subject " + std::to_string(m_subject) +
                            " is missing (expected every trial number 1.." + std::to_string(byTrial.size()) + " in " +
                            repColumns[0] + ".." + repColumns[2] + ")");
        NativeTrial &trial = m_trials[t];
        trial.index = static_cast<int64_t>(t);
        trial.imageId = table.integer(row, nsdCol);
        trial.repeat = rep;
        trial.shared = m_stimuli[trial.imageId].shared1000;
    }
    // Repeats in repeat order: the CSV's rep0/1/2 columns are already chronological, but sort to be safe.
    for (const NativeTrial &trial : m_trials) {
        auto &list = m_repeats[trial.imageId];
        list.push_back(trial.index);
    }
    for (auto &[image, list] : m_repeats)
        std::sort(list.begin(), list.end(),
                  [this](int64_t a, int64_t b) { return m_trials[a].repeat < m_trials[b].repeat; });
}

void NativeNsdLayout::scanSessions()
{
    const fs::path dir = fs::path(subjectDir()) / "betas_fithrf_GLMdenoise_RR";
    std::error_code ec;
    std::vector<int> found;
    if (fs::is_directory(dir, ec)) {
        static const std::regex pattern(R"(betas_session(\d\d)\.nii\.gz)");
        for (const auto &entry : fs::directory_iterator(dir, ec)) {
            std::smatch m;
            const std::string name = entry.path().filename().string();
            if (std::regex_match(name, m, pattern))
                found.push_back(std::stoi(m[1].str()));
        }
    }
    std::sort(found.begin(), found.end());
    m_sessions = found;

    // Every session's header (348 bytes each, cheap) so that the validator can name a bad file up front; the trial
    // count per session comes from the first good one (750 in NSD, fewer in fixtures).
    std::vector<std::pair<int, int64_t>> good; // session, volumes
    for (int session : found) {
        try {
            good.push_back({session, NativeSessionCache::readBetasHeader(betasPath(session), m_roi).volumeCount()});
        } catch (const Error &e) {
            m_problems.push_back(e.what());
        }
    }
    if (!good.empty())
        m_trialsPerSession = std::max<int64_t>(1, good.front().second);
    if (found.empty())
        m_problems.push_back(dir.string() + ": no betas_sessionNN.nii.gz files (trials have no voxel data)");

    for (NativeTrial &trial : m_trials) {
        trial.session = static_cast<int>(trial.index / m_trialsPerSession) + 1;
        trial.sessionIndex = trial.index % m_trialsPerSession;
    }
    auto expectedVolumes = [&](int session) {
        return std::min<int64_t>(m_trialsPerSession, trialCount() - (session - 1) * m_trialsPerSession);
    };
    for (const auto &[session, volumes] : good)
        if (session <= (m_trials.empty() ? 0 : m_trials.back().session) && volumes < expectedVolumes(session))
            m_problems.push_back(betasPath(session) + ": " + std::to_string(volumes) + " volumes, expected " +
                                 std::to_string(expectedVolumes(session)) + " (one per trial of the session)");
    const int needed = m_trials.empty() ? 0 : m_trials.back().session;
    for (int s = 1; s <= needed; ++s)
        if (!std::binary_search(found.begin(), found.end(), s))
            m_problems.push_back(betasPath(s) + ": missing (expected for trials " +
                                 std::to_string((s - 1) * m_trialsPerSession) + ".." +
                                 std::to_string((s - 1) * m_trialsPerSession + expectedVolumes(s) - 1) + ")");
}

const NativeTrial &NativeNsdLayout::trial(int64_t index) const
{
    if (index < 0 || index >= trialCount())
        throw DataError(m_stimInfoPath + ": trial " + std::to_string(index) + " of " + subjectName(m_subject) +
                        " requested, expected 0.." + std::to_string(trialCount() - 1));
    return m_trials[static_cast<std::size_t>(index)];
}

std::vector<int64_t> NativeNsdLayout::repeatsOf(int64_t imageId) const
{
    const auto it = m_repeats.find(imageId);
    return it == m_repeats.end() ? std::vector<int64_t>{} : it->second;
}

std::vector<int64_t> NativeNsdLayout::imageIds() const
{
    std::vector<int64_t> ids;
    ids.reserve(m_repeats.size());
    for (const auto &[image, list] : m_repeats)
        ids.push_back(image);
    std::sort(ids.begin(), ids.end());
    return ids;
}

std::vector<int64_t> NativeNsdLayout::testImages() const
{
    std::vector<int64_t> ids;
    for (int64_t id : imageIds())
        if (m_stimuli[static_cast<std::size_t>(id)].shared1000)
            ids.push_back(id);
    return ids;
}

const NsdStimulus &NativeNsdLayout::stimulus(int64_t imageId) const
{
    if (imageId < 0 || imageId >= static_cast<int64_t>(m_stimuli.size()) || m_stimuli[imageId].nsdId < 0)
        throw DataError(m_stimInfoPath + ": image " + std::to_string(imageId) +
                        " has no row (expected an nsdId in 0.." +
                        std::to_string(static_cast<int64_t>(m_stimuli.size()) - 1) + ")");
    return m_stimuli[static_cast<std::size_t>(imageId)];
}

std::vector<float> NativeNsdLayout::betas(int64_t trialIndex) const
{
    return m_cache->betas(*this, trial(trialIndex));
}

std::vector<float> NativeNsdLayout::meanBetas(int64_t imageId) const
{
    const std::vector<int64_t> repeats = repeatsOf(imageId);
    if (repeats.empty())
        throw DataError(m_stimInfoPath + ": image " + std::to_string(imageId) + " was not shown to " +
                        subjectName(m_subject) + " (no trial in subject" + std::to_string(m_subject) + "_rep0..2)");
    std::vector<double> sum(static_cast<std::size_t>(voxelCount()), 0.0);
    for (int64_t t : repeats) {
        const std::vector<float> b = betas(t);
        for (std::size_t i = 0; i < sum.size(); ++i)
            sum[i] += b[i];
    }
    std::vector<float> mean(sum.size());
    for (std::size_t i = 0; i < sum.size(); ++i)
        mean[i] = static_cast<float>(sum[i] / static_cast<double>(repeats.size()));
    return mean;
}
NativeCacheBuildReport NativeNsdLayout::buildCache(const JobControl &job) const
{
    return m_cache->build(*this, job);
}

NativeCacheState NativeNsdLayout::cacheState() const
{
    return m_cache->state(*this);
}

const NativeCacheOptions &NativeNsdLayout::cacheOptions() const
{
    return m_cache->options();
}

std::string NativeNsdLayout::cacheDirectory() const
{
    return m_cache->directory();
}

int64_t NativeNsdLayout::sessionsDecoded() const
{
    return m_cache->sessionsDecoded();
}

int NativeNsdLayout::mappedSessions() const
{
    return m_cache->mappedSessions();
}

void NativeNsdLayout::setCacheCapacity(int sessions)
{
    m_cache->setCapacity(sessions);
}

int NativeNsdLayout::cachedSessions() const
{
    return m_cache->cachedSessions();
}

} // namespace vindex::data
