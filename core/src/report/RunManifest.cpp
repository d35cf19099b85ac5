#include "vindex/report/RunManifest.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace vindex::report {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

bool isFile(const fs::path &path)
{
    std::error_code ec;
    return fs::is_regular_file(path, ec);
}

// Strings as they are, everything else as its JSON text: a tolerant reader shows what it did not expect.
std::string shown(const json &value)
{
    return value.is_string() ? value.get<std::string>() : value.dump();
}

void addProblem(RunManifest &m, const std::string &what)
{
    m.problem += (m.problem.empty() ? m.path + ": " : "; ") + what;
}

// An object's fields as name = value, nested objects flattened ("input brain checkpoint") two levels deep.
void addFields(std::vector<ManifestField> &fields, const json &object, const std::string &prefix = {}, int depth = 0)
{
    for (const auto &[key, value] : object.items()) {
        const std::string name = prefix.empty() ? key : prefix + " " + key;
        if (value.is_object() && depth < 2)
            addFields(fields, value, name, depth + 1);
        else
            fields.push_back({name, shown(value)});
    }
}

void setIfEmpty(std::string &field, const json &object, const char *key)
{
    if (field.empty() && object.contains(key) && !object[key].is_null())
        field = shown(object[key]);
}

ManifestModel readModel(RunManifest &m, const json &entry)
{
    ManifestModel model;
    if (!entry.is_object()) {
        addProblem(m, "a \"models\" entry is not an object");
        model.name = shown(entry);
        return model;
    }
    for (const auto &[field, item] : entry.items()) {
        if (field == "role") {
            model.role = shown(item);
        } else if (field == "name") {
            model.name = shown(item);
        } else if (field == "path") {
            model.path = shown(item);
        } else if (field == "sha256") {
            model.sha256 = shown(item);
        } else if (field == "files") {
            if (!item.is_array()) {
                addProblem(m, "\"files\" of model " + model.path + " is not a list");
                continue;
            }
            for (const auto &file : item) {
                ManifestFile f;
                if (file.is_object()) {
                    setIfEmpty(f.name, file, "name");
                    setIfEmpty(f.sha256, file, "sha256");
                    if (file.contains("bytes") && file["bytes"].is_number_integer())
                        f.bytes = file["bytes"].get<int64_t>();
                } else {
                    f.name = shown(file);
                }
                model.files.push_back(std::move(f));
            }
        }
    }
    return model;
}

} // namespace

std::string RunManifest::referencesPath() const
{
    if (references.empty())
        return {};
    const fs::path given(references);
    return given.is_absolute() ? given.string() : (fs::path(path).parent_path() / given).lexically_normal().string();
}

std::string RunManifest::locate(const std::string &resultsPathOrRunFolder)
{
    const fs::path given(resultsPathOrRunFolder);
    std::error_code ec;
    if (fs::is_directory(given, ec)) {
        const fs::path manifest = given / "manifest.json";
        return isFile(manifest) ? manifest.string() : std::string();
    }
    const fs::path beside = given.string() + ".manifest.json";
    if (isFile(beside))
        return beside.string();
    if (given.extension() == ".json") {
        fs::path replaced = given;
        replaced.replace_extension(".manifest.json");
        if (isFile(replaced))
            return replaced.string();
    }
    return {};
}

RunManifest RunManifest::read(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        RunManifest m;
        m.path = path;
        m.problem = path + ": cannot be read";
        return m;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return parse(text.str(), path);
}

RunManifest RunManifest::parse(const std::string &jsonText, const std::string &path)
{
    RunManifest m;
    m.path = path;
    try {
        m.document = json::parse(jsonText);
    } catch (const json::parse_error &e) {
        m.problem = path + ": is not valid JSON (" + e.what() + ")";
        return m;
    }
    if (!m.document.is_object()) {
        m.problem = path + ": expected a JSON object (a run manifest), found " + std::string(m.document.type_name());
        return m;
    }
    json fingerprint;
    for (const auto &[key, value] : m.document.items()) {
        if (key == "label") {
            m.label = shown(value);
        } else if (key == "written" || key == "created") {
            m.created = shown(value);
        } else if (key == "command") {
            m.command = shown(value);
        } else if (key == "prompt") {
            m.prompt = shown(value);
        } else if (key == "prompt_text") {
            m.promptText = shown(value);
        } else if (key == "device") {
            m.device = shown(value);
        } else if (key == "dtype") {
            m.dtype = shown(value);
        } else if (key == "references") {
            m.references = shown(value);
        } else if (key == "vindex") {
            m.versions.insert(m.versions.begin(), {"vindex", shown(value)});
        } else if (key == "libraries" || key == "versions") {
            if (value.is_object())
                addFields(m.versions, value);
            else
                addProblem(m, "\"" + key + "\" is not an object");
        } else if (key == "decoding") {
            if (value.is_object())
                addFields(m.decoding, value);
            else
                addProblem(m, "\"decoding\" is not an object");
        } else if (key == "fingerprint") {
            if (value.is_object())
                fingerprint = value;
            else
                addProblem(m, "\"fingerprint\" is not an object");
        } else if (key == "models") {
            if (!value.is_array()) {
                addProblem(m, "\"models\" is not a list");
                m.other.push_back({key, shown(value)});
                continue;
            }
            for (const auto &entry : value)
                m.models.push_back(readModel(m, entry));
        } else if (key == "model" || key == "space" || key == "captions" || key == "subject" || key == "split" ||
                   key == "trials") {
            m.run.push_back({key, shown(value)});
        } else if (key == "timings" && value.is_object()) {
            addFields(m.run, value);
        } else {
            m.other.push_back({key, shown(value)});
        }
    }
    // The fingerprint repeats what made the captions; take from it what the top level did not say.
    if (fingerprint.is_object()) {
        setIfEmpty(m.prompt, fingerprint, "prompt");
        setIfEmpty(m.device, fingerprint, "device");
        setIfEmpty(m.dtype, fingerprint, "dtype");
        if (fingerprint.contains("visual_tokens"))
            m.run.push_back({"visual tokens", shown(fingerprint["visual_tokens"])});
        if (fingerprint.contains("inputs") && fingerprint["inputs"].is_object())
            addFields(m.run, fingerprint["inputs"], "input", 1);
        if (m.decoding.empty() && fingerprint.contains("decoding") && fingerprint["decoding"].is_object())
            addFields(m.decoding, fingerprint["decoding"]);
    }
    return m;
}

std::string RunManifest::testOrderProblem(std::size_t referenceKeys) const
{
    if (!document.is_object())
        return {};
    const auto fingerprint = document.find("fingerprint");
    if (fingerprint == document.end() || !fingerprint->is_object())
        return {};
    const auto inputs = fingerprint->find("inputs");
    if (inputs == fingerprint->end() || !inputs->is_object())
        return {};
    const auto order = inputs->find("test_order"), images = inputs->find("test_images");
    if (order == inputs->end() || !order->is_string() || images == inputs->end() || !images->is_number_integer())
        return {};
    const std::string description = order->get<std::string>();
    const auto count = images->get<int64_t>();
    if (description.rfind("ascending", 0) != 0 || count == static_cast<int64_t>(referenceKeys))
        return {};
    return path + ": the captions were decoded in the " + description + " order over " + std::to_string(count) +
           " test images, but the references hold " + std::to_string(referenceKeys) +
           " keys in UMBRAE's test order, so a key does not name the same image in both; decode a root that has "
           "the subject's webdataset_avg_split/test tars (MindEye1's files)";
}

} // namespace vindex::report
