#pragma once
// The one scanner of an NSD folder, behind `vindex nsd info` and data::Session (the studio's and every command's way
// to open a dataset): every subject 1..8 found in any of the three layouts — MindEye1 webdataset tars, MindEye2 HDF5,
// the native NSD NIfTI tree — with each layout opened on its own, so a broken file costs only what depends on it.
// Everything missing or inconsistent becomes one actionable line (which file, what was expected, what was found): a
// layout's own problems, a layout that did not open, and voxel counts that disagree between a subject's layouts.
// Cancellable between subjects and layouts (Cancelled); progress as ("open", layouts done, layouts found).
#include "vindex/core/JobControl.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace vindex::data {

class WebdatasetLayout;
class MindEye2Layout;
class NativeNsdLayout;

struct LayoutSubjectInfo {
    std::string layout; // "webdataset" (MindEye1 tars), "mindeye2" (HDF5), "native" (NSD NIfTI tree)
    int subject = 0;
    bool opened = false;
    int64_t voxelCount = 0;
    std::map<std::string, int64_t> trialsPerSplit; // webdataset: samples per split; others: "all" and "test"
    // What the layout reported; for one that did not open, the first line is why.
    std::vector<std::string> problems;
};

class NsdInventory {
public:
    // Never throws for what is in the folder (that becomes problems); DataError when root is not a folder.
    static NsdInventory scan(const std::string &root, const JobControl &job = JobControl::none());

    const std::string &root() const { return m_root; }
    // One entry per (subject, layout) found: subjects ascending, layouts webdataset, mindeye2, native.
    const std::vector<LayoutSubjectInfo> &entries() const { return m_entries; }
    // Subjects found in any layout, ascending.
    std::vector<int> subjects() const;
    // Lines about the dataset as a whole (no layout found, voxel counts that disagree between layouts, ...).
    const std::vector<std::string> &problems() const { return m_problems; }
    // Every problem as one line: each layout's, prefixed "subj0S <layout>: " ("... not opened: " for a layout that
    // did not open), then the dataset's. What the studio lists; `nsd info` shows the same lines grouped.
    std::vector<std::string> problemLines() const;
    nlohmann::ordered_json toJson() const;
    std::string toText() const;

    // The layouts that opened, for data::Session; null when the subject has none of that kind.
    std::shared_ptr<const WebdatasetLayout> webdataset(int subject) const;
    std::shared_ptr<const MindEye2Layout> mindEye2(int subject) const;
    std::shared_ptr<const NativeNsdLayout> native(int subject) const;

private:
    struct Opened {
        std::shared_ptr<const WebdatasetLayout> webdataset;
        std::shared_ptr<const MindEye2Layout> mindEye2;
        std::shared_ptr<const NativeNsdLayout> native;
    };

    std::string m_root;
    std::vector<LayoutSubjectInfo> m_entries;
    std::vector<std::string> m_problems;
    std::map<int, Opened> m_opened;
};

} // namespace vindex::data
