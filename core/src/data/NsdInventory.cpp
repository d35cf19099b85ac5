#include "vindex/data/NsdInventory.h"

#include "vindex/core/Error.h"
#include "vindex/data/MindEye2Layout.h"
#include "vindex/data/NativeNsdLayout.h"
#include "vindex/data/WebdatasetLayout.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <set>
#include <sstream>

namespace vindex::data {
namespace {

std::string subjectLabel(int subject)
{
    return "subj0" + std::to_string(subject);
}

// A layout of a subject that the folder has, and how to open it into the inventory.
struct Candidate {
    int subject = 0;
    std::string layout;
    std::function<void(LayoutSubjectInfo &)> open;
};

} // namespace

NsdInventory NsdInventory::scan(const std::string &root, const JobControl &job)
{
    if (!std::filesystem::is_directory(root))
        throw DataError(root + ": not a folder");
    NsdInventory inventory;
    inventory.m_root = root;

    // What is there, cheaply (file names only), so that progress knows the total.
    const std::vector<int> webdataset = WebdatasetLayout::findSubjects(root);
    const std::vector<int> mindEye2 = MindEye2Layout::subjectsIn(root);
    const std::vector<int> native = NativeNsdLayout::subjectsIn(root);
    std::set<int> subjects(webdataset.begin(), webdataset.end());
    subjects.insert(mindEye2.begin(), mindEye2.end());
    subjects.insert(native.begin(), native.end());
    const auto has = [](const std::vector<int> &list, int s) {
        return std::find(list.begin(), list.end(), s) != list.end();
    };

    std::vector<Candidate> candidates;
    for (int s : subjects) {
        Opened &opened = inventory.m_opened[s];
        if (has(webdataset, s))
            candidates.push_back({s, "webdataset", [&root, s, &opened](LayoutSubjectInfo &info) {
                                      auto layout = std::make_shared<const WebdatasetLayout>(
                                          WebdatasetLayout::open(root, s, WebdatasetLayout::Policy::SkipDamagedShards));
                                      info.voxelCount = layout->voxelCount();
                                      for (auto split : WebdatasetLayout::kSplits)
                                          info.trialsPerSplit[WebdatasetLayout::splitName(split)] =
                                              static_cast<int64_t>(layout->sampleCount(split));
                                      info.problems = layout->problems();
                                      opened.webdataset = std::move(layout);
                                  }});
        if (has(mindEye2, s))
            candidates.push_back({s, "mindeye2", [&root, s, &opened](LayoutSubjectInfo &info) {
                                      auto layout =
                                          std::make_shared<const MindEye2Layout>(MindEye2Layout::open(root, s));
                                      info.voxelCount = layout->voxelCount();
                                      info.trialsPerSplit["all"] = layout->trialCount();
                                      if (layout->hasSharedInfo())
                                          info.trialsPerSplit["test"] =
                                              static_cast<int64_t>(layout->testImages().size());
                                      info.problems = layout->problems();
                                      opened.mindEye2 = std::move(layout);
                                  }});
        if (has(native, s))
            candidates.push_back({s, "native", [&root, s, &opened](LayoutSubjectInfo &info) {
                                      auto layout =
                                          std::make_shared<const NativeNsdLayout>(NativeNsdLayout::open(root, s));
                                      info.voxelCount = layout->voxelCount();
                                      info.trialsPerSplit["all"] = layout->trialCount();
                                      info.trialsPerSplit["test"] = static_cast<int64_t>(layout->testImages().size());
                                      info.problems = layout->problems();
                                      opened.native = std::move(layout);
                                  }});
    }

    // Each layout on its own: an error becomes its problem line instead of ending the scan.
    const auto total = static_cast<int64_t>(candidates.size());
    for (int64_t done = 0; done < total; ++done) {
        const Candidate &candidate = candidates[static_cast<std::size_t>(done)];
        job.report("open", done, total, subjectLabel(candidate.subject) + " " + candidate.layout);
        LayoutSubjectInfo info;
        info.layout = candidate.layout;
        info.subject = candidate.subject;
        try {
            candidate.open(info);
            info.opened = true;
        } catch (const Cancelled &) {
            throw;
        } catch (const std::exception &e) {
            info.problems = {e.what()};
        }
        inventory.m_entries.push_back(std::move(info));
    }
    job.report("open", total, total);

    if (inventory.m_entries.empty())
        inventory.m_problems.push_back(root + ": no NSD layout found (expected webdataset_avg_split/, "
                                              "betas_all_subj0S_fp32_renorm.hdf5 or nsddata/ppdata/subj0S/)");
    // Vectors from different layouts are only comparable over the same voxels; say so when they cannot be.
    for (int s : subjects) {
        std::set<int64_t> counts;
        std::string list;
        for (const auto &e : inventory.m_entries)
            if (e.subject == s && e.opened) {
                counts.insert(e.voxelCount);
                list += (list.empty() ? "" : ", ") + e.layout + " " + std::to_string(e.voxelCount);
            }
        if (counts.size() > 1)
            inventory.m_problems.push_back(subjectLabel(s) + ": the layouts disagree on the voxel count: " + list);
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

std::vector<std::string> NsdInventory::problemLines() const
{
    std::vector<std::string> lines;
    for (const auto &e : m_entries)
        for (std::size_t i = 0; i < e.problems.size(); ++i)
            lines.push_back(subjectLabel(e.subject) + " " + e.layout + ": " +
                            (!e.opened && i == 0 ? "not opened: " : "") + e.problems[i]);
    lines.insert(lines.end(), m_problems.begin(), m_problems.end());
    return lines;
}

std::shared_ptr<const WebdatasetLayout> NsdInventory::webdataset(int subject) const
{
    const auto it = m_opened.find(subject);
    return it == m_opened.end() ? nullptr : it->second.webdataset;
}

std::shared_ptr<const MindEye2Layout> NsdInventory::mindEye2(int subject) const
{
    const auto it = m_opened.find(subject);
    return it == m_opened.end() ? nullptr : it->second.mindEye2;
}

std::shared_ptr<const NativeNsdLayout> NsdInventory::native(int subject) const
{
    const auto it = m_opened.find(subject);
    return it == m_opened.end() ? nullptr : it->second.native;
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
