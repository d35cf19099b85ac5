#include "vindex/data/NsdInventory.h"

#include "vindex/core/Error.h"
#include "vindex/data/MindEye2Layout.h"
#include "vindex/data/NativeNsdLayout.h"
#include "vindex/data/WebdatasetLayout.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

namespace vindex::data {
namespace {

// Opens one layout of one subject; an error becomes a problem line instead of ending the scan.
template <typename Open> LayoutSubjectInfo inspectSubject(const std::string &layout, int subject, Open open)
{
    LayoutSubjectInfo info;
    info.layout = layout;
    info.subject = subject;
    try {
        open(info);
        info.opened = true;
    } catch (const Error &e) {
        info.problems.push_back(e.what());
    }
    return info;
}

} // namespace

NsdInventory NsdInventory::scan(const std::string &root)
{
    NsdInventory inventory;
    inventory.m_root = root;
    if (!std::filesystem::is_directory(root))
        throw DataError(root + ": not a folder");

    for (int s : WebdatasetLayout::findSubjects(root))
        inventory.m_entries.push_back(inspectSubject("webdataset", s, [&](LayoutSubjectInfo &info) {
            const auto layout = WebdatasetLayout::open(root, s, WebdatasetLayout::Policy::SkipDamagedShards);
            info.voxelCount = layout.voxelCount();
            for (auto split : WebdatasetLayout::kSplits)
                info.trialsPerSplit[WebdatasetLayout::splitName(split)] =
                    static_cast<int64_t>(layout.sampleCount(split));
            info.problems = layout.problems();
        }));
    for (int s : MindEye2Layout::subjectsIn(root))
        inventory.m_entries.push_back(inspectSubject("mindeye2", s, [&](LayoutSubjectInfo &info) {
            const auto layout = MindEye2Layout::open(root, s);
            info.voxelCount = layout.voxelCount();
            info.trialsPerSplit["all"] = layout.trialCount();
            if (layout.hasSharedInfo())
                info.trialsPerSplit["test"] = static_cast<int64_t>(layout.testImages().size());
            info.problems = layout.problems();
        }));
    for (int s : NativeNsdLayout::subjectsIn(root))
        inventory.m_entries.push_back(inspectSubject("native", s, [&](LayoutSubjectInfo &info) {
            const auto layout = NativeNsdLayout::open(root, s);
            info.voxelCount = layout.voxelCount();
            info.trialsPerSplit["all"] = layout.trialCount();
            info.trialsPerSplit["test"] = static_cast<int64_t>(layout.testImages().size());
            info.problems = layout.problems();
        }));

    if (inventory.m_entries.empty())
        inventory.m_problems.push_back(root + ": no NSD layout found (expected webdataset_avg_split/, "
                                              "betas_all_subj0S_fp32_renorm.hdf5 or nsddata/ppdata/subj0S/)");
    for (int s : inventory.subjects()) {
        std::set<int64_t> counts;
        for (const auto &e : inventory.m_entries)
            if (e.subject == s && e.opened)
                counts.insert(e.voxelCount);
        if (counts.size() > 1) {
            std::string line = "subject " + std::to_string(s) + ": the layouts disagree on the voxel count:";
            for (const auto &e : inventory.m_entries)
                if (e.subject == s && e.opened)
                    line += " " + e.layout + " " + std::to_string(e.voxelCount);
            inventory.m_problems.push_back(line);
        }
    }
    return inventory;
}

std::vector<int> NsdInventory::subjects() const
{
    std::set<int> s;
    for (const auto &e : m_entries)
        s.insert(e.subject);
    return {s.begin(), s.end()};
}

nlohmann::ordered_json NsdInventory::toJson() const
{
    nlohmann::ordered_json d{{"root", m_root}};
    nlohmann::ordered_json subjects = nlohmann::ordered_json::array();
    for (int s : this->subjects()) {
        nlohmann::ordered_json subject{{"subject", s}};
        nlohmann::ordered_json layouts = nlohmann::ordered_json::object();
        for (const auto &e : m_entries) {
            if (e.subject != s)
                continue;
            if (e.opened && !subject.contains("voxels"))
                subject["voxels"] = e.voxelCount;
            layouts[e.layout] = {
                {"opened", e.opened}, {"voxels", e.voxelCount}, {"trials", e.trialsPerSplit}, {"problems", e.problems}};
        }
        subject["layouts"] = std::move(layouts);
        subjects.push_back(std::move(subject));
    }
    d["subjects"] = std::move(subjects);
    d["problems"] = m_problems;
    return d;
}

std::string NsdInventory::toText() const
{
    std::ostringstream out;
    out << m_root << '\n';
    for (int s : subjects()) {
        out << "subject " << s << '\n';
        for (const auto &e : m_entries) {
            if (e.subject != s)
                continue;
            out << "  " << e.layout << ": ";
            if (e.opened) {
                out << e.voxelCount << " voxels;";
                for (const auto &[split, n] : e.trialsPerSplit)
                    out << ' ' << split << ' ' << n;
            } else {
                out << "cannot be opened";
            }
            out << '\n';
            for (const auto &p : e.problems)
                out << "    ! " << p << '\n';
        }
    }
    for (const auto &p : m_problems)
        out << "! " << p << '\n';
    return out.str();
}

} // namespace vindex::data
