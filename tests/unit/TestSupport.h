#pragma once
// Small helpers shared by the unit tests: fixture paths, temporary folders, raw file bytes.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <string>

namespace testsupport {

inline std::string fixture(const std::string &relativePath)
{
    return std::string(VINDEX_FIXTURES_DIR) + "/" + relativePath;
}

// The project's own fixtures (tests/fixtures, each made by a script under tests/reference), beside the shared ones.
inline std::string projectFixture(const std::string &relativePath)
{
    return (std::filesystem::path(__FILE__).parent_path().parent_path() / "fixtures" / relativePath).string();
}

nlohmann::json readJson(const std::string &path);
std::string readBytes(const std::string &path);
void writeBytes(const std::string &path, const std::string &bytes);
// The message of the vindex::Error that run throws; a test failure (and "") when it throws none.
std::string errorOf(const std::function<void()> &run);

// A fresh folder under the system temp dir, removed when the object goes away.
class TempDir {
public:
    TempDir();
    ~TempDir();
    std::string file(const std::string &name) const { return (m_path / name).string(); }
    const std::filesystem::path &path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

} // namespace testsupport
