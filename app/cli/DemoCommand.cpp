#include "DemoCommand.h"

#include "CommandContext.h"

#include "vindex/core/Error.h"
#include "vindex/data/DemoWorld.h"
#include "vindex/data/SyntheticNsd.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <unistd.h>

DemoCommand::DemoCommand(CLI::App &parent, const CommandContext &context) : m_context(context)
{
    const vindex::data::DemoWorldOptions world;
    const vindex::data::SyntheticNsdOptions closedForm;
    m_command = parent.add_subcommand(
        "demo", "Write the built-in demo dataset in every layout (MindEye1 tars, MindEye2 HDF5, native NSD, plus "
                "BrainHub-style captions and boxes). The shapes world: procedurally drawn scenes of one to three "
                "coloured shapes with five captions and boxes each, seen three times by a simulated subject whose "
                "visual-cortex voxels respond through receptive fields and colour/shape tuning plus noise "
                "(simulation.json says how). The closed-form world: one circle or square per image and betas "
                "sin(0.05 voxel + 0.7 image) + 0.01 repeat, for tests and real-size benchmarks");
    m_command->add_option("--out", m_out, "Folder to write (must be empty or absent)")->required();
    m_command->add_option("--world", m_world, "shapes (simulated subject) or closed-form")
        ->check(CLI::IsMember({"shapes", "closed-form"}))
        ->capture_default_str();
    m_command->add_option("--subjects", m_subjects, "Subject numbers (default: 1 for shapes, 1,2 for closed-form)")
        ->delimiter(',')
        ->check(CLI::Range(1, 8));
    m_command
        ->add_option("--voxels", m_voxels,
                     "ROI voxels per subject (default " + std::to_string(world.voxels) + " for shapes, " +
                         std::to_string(closedForm.voxels) + " for closed-form; real subject 1: 15724)")
        ->check(CLI::PositiveNumber);
    m_command
        ->add_option("--trials", m_trials,
                     "Trials per subject, each image shown three times (default " + std::to_string(world.trials) +
                         " for shapes, " + std::to_string(closedForm.trials) + " for closed-form; real: 30000)")
        ->check(CLI::Range(int64_t{3}, int64_t{1} << 24));
    m_command->add_option("--seed", m_seed, "Seed of the shapes world")->capture_default_str();
    m_command->add_option("--image-size", m_imageSize, "Stimulus side in pixels")
        ->check(CLI::Range(16, 1024))
        ->capture_default_str();
    m_command->add_option("--layouts", m_layouts, "Layouts to write")
        ->delimiter(',')
        ->check(CLI::IsMember({"webdataset", "mindeye2", "native"}))
        ->capture_default_str();
}

int DemoCommand::run() const
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (fs::exists(m_out, ec) && !fs::is_empty(m_out, ec))
        throw vindex::Error(m_out + ": not empty; choose a new folder (nothing is overwritten)");

    const bool shapes = m_world == "shapes";
    vindex::data::NsdDatasetDescription description;
    int64_t voxels = 0;
    vindex::data::DemoWorldOptions worldOptions;
    if (shapes) {
        if (!m_subjects.empty())
            worldOptions.subjects = m_subjects;
        worldOptions.voxels = m_voxels > 0 ? m_voxels : worldOptions.voxels;
        worldOptions.trials = m_trials > 0 ? m_trials : worldOptions.trials;
        worldOptions.imageSize = m_imageSize;
        worldOptions.seed = m_seed;
        description = vindex::data::DemoWorld::describe(worldOptions);
        voxels = worldOptions.voxels;
    } else {
        vindex::data::SyntheticNsdOptions options;
        if (!m_subjects.empty())
            options.subjects = m_subjects;
        options.voxels = m_voxels > 0 ? m_voxels : options.voxels;
        options.trials = m_trials > 0 ? m_trials : options.trials;
        options.imageSize = m_imageSize;
        description = vindex::data::SyntheticNsd::describe(options);
        voxels = options.voxels;
    }
    std::vector<int> subjects;
    for (const auto &subject : description.subjects)
        subjects.push_back(subject.id);
    const int64_t trials = static_cast<int64_t>(description.subjects.front().trialImages.size());
    const auto wants = [&](const char *name) {
        return std::find(m_layouts.begin(), m_layouts.end(), name) != m_layouts.end();
    };
    vindex::data::NsdDatasetWriter::Options writeOptions;
    writeOptions.webdataset = wants("webdataset");
    writeOptions.mindEye2 = wants("mindeye2");
    writeOptions.native = wants("native");
    // As MindEye's real files: its copies hold the native betas z-scored per session, so every layout reads alike.
    writeOptions.zScoreMindEyeCopies = true;

    const bool terminal = isatty(STDERR_FILENO) != 0;
    const auto start = std::chrono::steady_clock::now();
    const vindex::JobControl job([&](const vindex::JobProgress &p) {
        if (terminal)
            std::fprintf(stderr, "\r%5.1f%%  %-60.60s", 100.0 * p.fraction, p.message.c_str());
    });
    vindex::data::NsdDatasetWriter::write(m_out, description, writeOptions, job);
    if (shapes)
        vindex::data::DemoWorld::writeMetadata(m_out, worldOptions);
    if (terminal)
        std::fprintf(stderr, "\n");
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    uintmax_t bytes = 0;
    for (const auto &entry : fs::recursive_directory_iterator(m_out))
        if (entry.is_regular_file())
            bytes += entry.file_size();
    nlohmann::ordered_json document = {
        {"out", m_out},         {"world", m_world}, {"subjects", subjects},
        {"voxels", voxels},     {"trials", trials}, {"images", description.images.size()},
        {"layouts", m_layouts}, {"bytes", bytes},   {"seconds", seconds}};
    char text[512];
    std::snprintf(text, sizeof text,
                  "%s: %s world, %zu subject(s), %lld voxels, %lld trials, %zu images in %zu layout(s); %.1f MB in "
                  "%.1f s\n",
                  m_out.c_str(), m_world.c_str(), subjects.size(), static_cast<long long>(voxels),
                  static_cast<long long>(trials), description.images.size(), m_layouts.size(),
                  static_cast<double>(bytes) / 1e6, seconds);
    m_context.emit(document, text);
    return 0;
}
