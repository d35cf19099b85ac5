#include "vindex/data/Session.h"

#include "vindex/core/Error.h"
#include "vindex/data/MindEye2Layout.h"
#include "vindex/data/NativeNsdLayout.h"
#include "vindex/data/WebdatasetLayout.h"

#include <set>

namespace vindex::data {
namespace {

std::string subjectLabel(int id)
{
    return std::string("subj0") + std::to_string(id);
}

// Opens one layout; a failure becomes a problem line so that the other layouts and subjects still open.
template <typename Layout, typename Open>
std::shared_ptr<const Layout> tryOpen(int id, NsdLayout kind, std::vector<std::string> &problems, Open open)
{
    const std::string prefix = subjectLabel(id) + " " + nsdLayoutName(kind) + ": ";
    try {
        auto layout = std::make_shared<const Layout>(open());
        for (const std::string &line : layout->problems())
            problems.push_back(prefix + line);
        return layout;
    } catch (const std::exception &e) {
        problems.push_back(prefix + "not opened: " + e.what());
        return nullptr;
    }
}

} // namespace

Session Session::open(const std::string &root)
{
    Session session;
    session.m_root = root;

    std::set<int> candidates;
    for (int id : WebdatasetLayout::findSubjects(root))
        candidates.insert(id);
    for (int id : MindEye2Layout::subjectsIn(root))
        candidates.insert(id);
    for (int id : NativeNsdLayout::subjectsIn(root))
        candidates.insert(id);

    auto &problems = session.m_problems;
    for (int id : candidates) {
        Layouts layouts;
        layouts.webdataset = tryOpen<WebdatasetLayout>(id, NsdLayout::Webdataset, problems, [&] {
            return WebdatasetLayout::open(root, id, WebdatasetLayout::Policy::SkipDamagedShards);
        });
        layouts.mindeye2 =
            tryOpen<MindEye2Layout>(id, NsdLayout::MindEye2, problems, [&] { return MindEye2Layout::open(root, id); });
        layouts.native =
            tryOpen<NativeNsdLayout>(id, NsdLayout::Native, problems, [&] { return NativeNsdLayout::open(root, id); });
        if (!layouts.webdataset && !layouts.mindeye2 && !layouts.native)
            continue;

        // Vectors from different layouts are only comparable over the same voxels; say so when they cannot be.
        std::vector<std::pair<NsdLayout, int64_t>> counts;
        if (layouts.webdataset)
            counts.emplace_back(NsdLayout::Webdataset, layouts.webdataset->voxelCount());
        if (layouts.mindeye2)
            counts.emplace_back(NsdLayout::MindEye2, layouts.mindeye2->voxelCount());
        if (layouts.native)
            counts.emplace_back(NsdLayout::Native, layouts.native->voxelCount());
        for (std::size_t i = 1; i < counts.size(); ++i)
            if (counts[i].second != counts[0].second)
                problems.push_back(subjectLabel(id) + ": " + nsdLayoutName(counts[0].first) + " has " +
                                   std::to_string(counts[0].second) + " voxels but " + nsdLayoutName(counts[i].first) +
                                   " has " + std::to_string(counts[i].second));
        session.m_subjects.emplace(id, std::move(layouts));
    }
    if (session.m_subjects.empty()) {
        std::string message = root + ": no NSD layout opened for any subject (expected webdataset_avg_split/, "
                                     "betas_all_subj0S_fp32_renorm.hdf5 or nsddata/ppdata/subj0S/)";
        for (const std::string &line : problems)
            message += "\n  " + line;
        throw DataError(message);
    }
    return session;
}

std::vector<int> Session::subjects() const
{
    std::vector<int> ids;
    for (const auto &entry : m_subjects)
        ids.push_back(entry.first);
    return ids;
}

std::vector<NsdLayout> Session::layoutsOf(int id) const
{
    std::vector<NsdLayout> result;
    const auto it = m_subjects.find(id);
    if (it == m_subjects.end())
        return result;
    if (it->second.webdataset)
        result.push_back(NsdLayout::Webdataset);
    if (it->second.mindeye2)
        result.push_back(NsdLayout::MindEye2);
    if (it->second.native)
        result.push_back(NsdLayout::Native);
    return result;
}

Subject Session::subject(int id, const std::vector<NsdLayout> &preference) const
{
    const auto it = m_subjects.find(id);
    if (it == m_subjects.end()) {
        std::string found;
        for (int s : subjects())
            found += (found.empty() ? "" : ", ") + std::to_string(s);
        throw DataError(m_root + ": no subject " + std::to_string(id) +
                        " (found: " + (found.empty() ? std::string("none") : found) + ")");
    }
    return Subject(id, it->second.webdataset, it->second.mindeye2, it->second.native, preference);
}

} // namespace vindex::data
