#include "vindex/data/CocoCaptions.h"

#include "vindex/core/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace vindex::data {

namespace {

// Collects (annotation id, image id, caption) from the top-level "annotations" array and skips everything else.
class CaptionSax : public nlohmann::json_sax<nlohmann::json> {
public:
    struct Entry {
        int64_t id = -1;
        int64_t imageId = -1;
        std::string caption;
        bool hasImage = false, hasCaption = false;
    };
    std::vector<Entry> entries;
    std::string error;
    bool sawAnnotations = false;

    bool null() override { return scalar(); }
    bool boolean(bool) override { return scalar(); }
    bool number_integer(number_integer_t v) override { return integer(static_cast<int64_t>(v)); }
    bool number_unsigned(number_unsigned_t v) override { return integer(static_cast<int64_t>(v)); }
    bool number_float(number_float_t v, const string_t &) override
    {
        // Some exports write ids as 123.0.
        if (inAnnotation() && m_key != "caption" && v == static_cast<double>(static_cast<int64_t>(v)))
            return integer(static_cast<int64_t>(v));
        return scalar();
    }
    bool string(string_t &v) override
    {
        if (inAnnotation() && m_key == "caption") {
            m_entry.caption = v;
            m_entry.hasCaption = true;
        }
        return true;
    }
    bool binary(binary_t &) override { return true; }
    bool start_object(std::size_t) override
    {
        ++m_depth;
        if (m_depth == 3 && m_inAnnotationsArray)
            m_entry = Entry{};
        return true;
    }
    bool key(string_t &k) override
    {
        if (m_depth == 1)
            m_topKey = k;
        m_key = k;
        return true;
    }
    bool end_object() override
    {
        if (m_depth == 3 && m_inAnnotationsArray)
            entries.push_back(std::move(m_entry));
        --m_depth;
        return true;
    }
    bool start_array(std::size_t) override
    {
        ++m_depth;
        if (m_depth == 2 && m_topKey == "annotations") {
            m_inAnnotationsArray = true;
            sawAnnotations = true;
        }
        return true;
    }
    bool end_array() override
    {
        if (m_depth == 2)
            m_inAnnotationsArray = false;
        --m_depth;
        return true;
    }
    bool parse_error(std::size_t position, const std::string &, const nlohmann::detail::exception &ex) override
    {
        error = "invalid JSON at byte " + std::to_string(position) + ": " + ex.what();
        return false;
    }

private:
    bool inAnnotation() const { return m_inAnnotationsArray && m_depth == 3; }
    bool scalar() { return true; }
    bool integer(int64_t v)
    {
        if (inAnnotation()) {
            if (m_key == "image_id") {
                m_entry.imageId = v;
                m_entry.hasImage = true;
            } else if (m_key == "id") {
                m_entry.id = v;
            }
        }
        return true;
    }

    int m_depth = 0;
    bool m_inAnnotationsArray = false;
    std::string m_topKey, m_key;
    Entry m_entry;
};

} // namespace

CocoCaptions CocoCaptions::read(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw FormatError(path, "cannot open the COCO caption file");
    CaptionSax sax;
    const bool ok = nlohmann::json::sax_parse(in, &sax);
    if (!ok || !sax.error.empty())
        throw FormatError(path, sax.error.empty() ? std::string("invalid JSON") : sax.error);
    if (!sax.sawAnnotations)
        throw FormatError(path, "expected a top-level \"annotations\" array (COCO caption format), found none");
    // Annotation-id order, so that "the first caption" is stable across files and layouts.
    std::stable_sort(sax.entries.begin(), sax.entries.end(),
                     [](const CaptionSax::Entry &a, const CaptionSax::Entry &b) { return a.id < b.id; });
    CocoCaptions result;
    result.m_files.push_back(path);
    for (std::size_t i = 0; i < sax.entries.size(); ++i) {
        auto &e = sax.entries[i];
        if (!e.hasImage || !e.hasCaption)
            throw FormatError(path, "annotation with id " + std::to_string(e.id) +
                                        ": expected \"image_id\" and \"caption\", found " +
                                        (e.hasImage ? "no caption" : "no image_id"));
        result.m_captions[e.imageId].push_back(std::move(e.caption));
        ++result.m_captionCount;
    }
    return result;
}

CocoCaptions CocoCaptions::readDirectory(const std::string &annotationsDir)
{
    namespace fs = std::filesystem;
    const fs::path dir(annotationsDir);
    const fs::path train = dir / "captions_train2017.json", val = dir / "captions_val2017.json";
    CocoCaptions result;
    bool any = false;
    for (const fs::path &file : {train, val}) {
        if (fs::exists(file)) {
            result.merge(read(file.string()));
            any = true;
        }
    }
    if (!any)
        throw DataError(annotationsDir + ": no COCO caption file (expected " + train.filename().string() + " or " +
                        val.filename().string() + ")");
    return result;
}

void CocoCaptions::merge(const CocoCaptions &other)
{
    m_files.insert(m_files.end(), other.m_files.begin(), other.m_files.end());
    for (const auto &[id, list] : other.m_captions) {
        auto &mine = m_captions[id];
        mine.insert(mine.end(), list.begin(), list.end());
        m_captionCount += list.size();
    }
}

const std::vector<std::string> &CocoCaptions::captions(int64_t cocoId) const
{
    static const std::vector<std::string> none;
    const auto it = m_captions.find(cocoId);
    return it == m_captions.end() ? none : it->second;
}

} // namespace vindex::data
