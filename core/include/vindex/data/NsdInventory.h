#pragma once
// What an NSD folder holds, layout by layout and subject by subject: the validator behind `vindex nsd info`.
// Every layout is opened on its own, so a broken file costs only what depends on it; everything missing or
// inconsistent becomes one actionable line (which file, what was expected, what was found).
#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace vindex::data {

struct LayoutSubjectInfo {
    std::string layout; // "webdataset" (MindEye1 tars), "mindeye2" (HDF5), "native" (NSD NIfTI tree)
    int subject = 0;
    bool opened = false;
    int64_t voxelCount = 0;
    std::map<std::string, int64_t> trialsPerSplit; // webdataset: samples per split; others: "all" and "test"
    std::vector<std::string> problems;
};

class NsdInventory {
public:
    static NsdInventory scan(const std::string &root);

    const std::string &root() const { return m_root; }
    const std::vector<LayoutSubjectInfo> &entries() const { return m_entries; }
    // Subjects found in any layout, ascending.
    std::vector<int> subjects() const;
    // Lines about the dataset as a whole (no layout found, voxel counts that disagree between layouts, ...).
    const std::vector<std::string> &problems() const { return m_problems; }
    nlohmann::ordered_json toJson() const;
    std::string toText() const;

private:
    std::string m_root;
    std::vector<LayoutSubjectInfo> m_entries;
    std::vector<std::string> m_problems;
};

} // namespace vindex::data
