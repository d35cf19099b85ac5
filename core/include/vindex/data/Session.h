#pragma once
// An NSD folder opened as one thing: for every subject found, whichever of the webdataset tars, the MindEye2 HDF5
// files and the native NSD tree open. A layout that fails to open is a problem line, not a failure, so that a
// session opens with what remains. The folder is scanned by NsdInventory (the scanner `vindex nsd info` shows), so a
// session reports the same problems.
#include "vindex/core/JobControl.h"
#include "vindex/data/Subject.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace vindex::data {

class Session {
public:
    // Scans root for all three layouts of subjects 1..8 (NsdInventory::scan). Throws DataError only when no layout of
    // any subject opens; Cancelled when the job is cancelled (checked between subjects and layouts).
    static Session open(const std::string &root, const JobControl &job = JobControl::none());

    const std::string &root() const { return m_root; }
    // Subjects with at least one layout that opened, ascending.
    std::vector<int> subjects() const;
    bool hasSubject(int id) const { return m_subjects.count(id) != 0; }
    // Layouts that opened for a subject (order: webdataset, mindeye2, native); empty for an unknown subject.
    std::vector<NsdLayout> layoutsOf(int id) const;
    // One actionable line per layout that did not open, per problem the opened layouts reported and per subject whose
    // layouts disagree on the voxel count (NsdInventory::problemLines).
    const std::vector<std::string> &problems() const { return m_problems; }

    // DataError naming the subjects found when id is not one of them.
    Subject subject(int id, const std::vector<NsdLayout> &preference = Subject::defaultPreference()) const;

private:
    struct Layouts {
        std::shared_ptr<const WebdatasetLayout> webdataset;
        std::shared_ptr<const MindEye2Layout> mindeye2;
        std::shared_ptr<const NativeNsdLayout> native;
    };

    std::string m_root;
    std::map<int, Layouts> m_subjects;
    std::vector<std::string> m_problems;
};

} // namespace vindex::data
