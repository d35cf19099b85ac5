#include "vindex/eval/CaptionImages.h"

#include "vindex/core/Error.h"
#include "vindex/data/Session.h"
#include "vindex/data/Subject.h"
#include "vindex/io/ImageFile.h"

#include <cctype>
#include <filesystem>

namespace fs = std::filesystem;

namespace vindex::eval {

CaptionImages::CaptionImages() = default;
CaptionImages::~CaptionImages() = default;
CaptionImages::CaptionImages(const CaptionImages &) = default;
CaptionImages &CaptionImages::operator=(const CaptionImages &) = default;

void CaptionImages::setFolder(const std::string &folder)
{
    std::error_code ec;
    if (!fs::is_directory(folder, ec))
        throw DataError(folder + ": not a folder (expected images named by caption id, e.g. 0.png)");
    m_folder = folder;
}

void CaptionImages::setSubject(const std::string &nsdRoot, int subject)
{
    const auto session = data::Session::open(nsdRoot);
    m_subject = std::make_shared<const data::Subject>(session.subject(subject));
    m_nsdRoot = nsdRoot;
}

bool CaptionImages::empty() const
{
    return m_folder.empty() && !m_subject;
}

std::string CaptionImages::fileFor(const std::string &id) const
{
    if (m_folder.empty() || id.empty() || id.find('/') != std::string::npos || id == "." || id == "..")
        return {};
    for (const char *extension : {".png", ".jpg", ".jpeg"}) {
        const fs::path candidate = fs::path(m_folder) / (id + extension);
        std::error_code ec;
        if (fs::is_regular_file(candidate, ec))
            return candidate.string();
    }
    return {};
}

int64_t CaptionImages::testIndexOf(const std::string &id) const
{
    const int64_t count = m_subject->trialCount(data::Split::Test);
    bool digits = !id.empty() && id.size() <= 12;
    for (char c : id)
        digits = digits && std::isdigit(static_cast<unsigned char>(c));
    const int64_t index = digits ? std::stoll(id) : -1;
    if (index < 0 || index >= count)
        throw DataError("caption id '" + id + "' is not a test index of NSD subject " +
                        std::to_string(m_subject->id()) + " in " + m_nsdRoot + " (0.." + std::to_string(count - 1) +
                        ")" + (m_folder.empty() ? "" : " and " + m_folder + " has no image named " + id + ".png/.jpg"));
    return index;
}

std::string CaptionImages::locate(const std::string &id) const
{
    if (empty())
        throw DataError("no image source for caption id '" + id + "' (give a folder of images or an NSD subject)");
    if (const auto file = fileFor(id); !file.empty())
        return file;
    if (!m_subject)
        throw DataError(m_folder + ": no image for caption id '" + id + "' (looked for " + id + ".png, " + id +
                        ".jpg, " + id + ".jpeg)");
    const int64_t index = testIndexOf(id);
    return "NSD subject " + std::to_string(m_subject->id()) + ", test index " + std::to_string(index) + " (73k id " +
           std::to_string(m_subject->trial(data::Split::Test, index).imageId) + ")";
}

io::RgbImage CaptionImages::image(const std::string &id) const
{
    if (empty())
        throw DataError("no image source for caption id '" + id + "' (give a folder of images or an NSD subject)");
    if (const auto file = fileFor(id); !file.empty())
        return io::ImageFile::read(file);
    if (!m_subject)
        throw DataError(m_folder + ": no image for caption id '" + id + "' (looked for " + id + ".png, " + id +
                        ".jpg, " + id + ".jpeg)");
    return m_subject->image(m_subject->trial(data::Split::Test, testIndexOf(id)).imageId);
}

std::string CaptionImages::describe() const
{
    std::string text;
    if (!m_folder.empty())
        text = "folder " + m_folder;
    if (m_subject)
        text += (text.empty() ? "" : " + ") + std::string("NSD ") + m_nsdRoot + ", subject " +
                std::to_string(m_subject->id()) + " (test set of " +
                std::to_string(m_subject->trialCount(data::Split::Test)) + " images)";
    return text.empty() ? "none" : text;
}

} // namespace vindex::eval
