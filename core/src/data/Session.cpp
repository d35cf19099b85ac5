#include "vindex/data/Session.h"

#include "vindex/core/Error.h"
#include "vindex/data/NsdInventory.h"

namespace vindex::data {

Session Session::open(const std::string &root, const JobControl &job)
{
    const NsdInventory inventory = NsdInventory::scan(root, job);
    Session session;
    session.m_root = root;
    session.m_problems = inventory.problemLines();
    for (int id : inventory.subjects()) {
        Layouts layouts{inventory.webdataset(id), inventory.mindEye2(id), inventory.native(id)};
        if (layouts.webdataset || layouts.mindeye2 || layouts.native)
            session.m_subjects.emplace(id, std::move(layouts));
    }
    if (session.m_subjects.empty()) {
        std::string message = root + ": no NSD layout opened for any subject (expected webdataset_avg_split/, "
                                     "betas_all_subj0S_fp32_renorm.hdf5 or nsddata/ppdata/subj0S/)";
        for (const std::string &line : inventory.problemLines())
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
