#pragma once
// Where the stimulus of a caption id comes from when image-based metrics (CLIP-S) score decoded captions:
//   - a folder of images named by id, as BrainHub keeps them (processing/decode_images.py writes <index>.png for
//     test index 0..981): <folder>/<id>.png, .jpg, .jpeg (first found);
//   - an NSD subject's test set: the id is the test index i (BrainHub's keys), the image is
//     Subject::image(Subject::trial(Split::Test, i).imageId).
// With both, the folder is asked first and the subject answers the ids it lacks.
#include "vindex/io/RgbImage.h"

#include <memory>
#include <string>

namespace vindex::data {
class Subject;
}

namespace vindex::eval {

class CaptionImages {
public:
    CaptionImages();
    ~CaptionImages();
    CaptionImages(const CaptionImages &);
    CaptionImages &operator=(const CaptionImages &);

    // DataError when the path is not a folder.
    void setFolder(const std::string &folder);
    // Opens the NSD root (data::Session) and its subject; DataError naming the root and the subjects found.
    void setSubject(const std::string &nsdRoot, int subject);

    bool empty() const; // neither set
    // The image of a caption id; DataError naming the id and where it was looked for, FormatError for a file
    // that cannot be decoded.
    io::RgbImage image(const std::string &id) const;
    // Where image(id) would come from ("<folder>/12.png", "NSD subject 1, test index 12 (73k id 2950)"); throws
    // like image() when nowhere.
    std::string locate(const std::string &id) const;
    // One line for reports: "folder F", "NSD R, subject S (test set of N images)", or both joined by " + ".
    std::string describe() const;

private:
    std::string fileFor(const std::string &id) const; // "" when the folder has no image for the id
    int64_t testIndexOf(const std::string &id) const; // DataError when the id is not a test index of the subject

    std::string m_folder;
    std::string m_nsdRoot;
    std::shared_ptr<const data::Subject> m_subject;
};

} // namespace vindex::eval
