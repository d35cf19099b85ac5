#include "DemoCommand.h"

#include "CommandContext.h"

#include "vindex/core/Error.h"
#include "vindex/data/SyntheticNsd.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <unistd.h>

DemoCommand::DemoCommand(CLI::App &parent, const CommandContext &context) : m_context(context)
{
    m_command = parent.add_subcommand(
        "demo", "Write the built-in synthetic NSD dataset (coloured shapes, closed-form betas) in every layout: "
                "MindEye1 tars, MindEye2 HDF5, native NSD, plus BrainHub-style captions and boxes");
    m_command->add_option("--out", m_out, "Folder to write (must be empty or absent)")->required();
    m_command->add_option("--subjects", m_subjects, "Subject numbers")
        ->delimiter(',')
        ->check(CLI::Range(1, 8))
        ->capture_default_str();
    m_command->add_option("--voxels", m_voxels, "ROI voxels per subject (real subject 1: 15724)")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    m_command->add_option("--trials", m_trials, "Trials per subject, each image shown three times (real: 30000)")
        ->check(CLI::Range(int64_t{3}, int64_t{1} << 24))
        ->capture_default_str();
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

    vindex::data::SyntheticNsdOptions options;
    options.subjects = m_subjects;
    options.voxels = m_voxels;
    options.trials = m_trials;
    options.imageSize = m_imageSize;
    const auto description = vindex::data::SyntheticNsd::describe(options);

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
    if (terminal)
        std::fprintf(stderr, "\n");
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    uintmax_t bytes = 0;
    for (const auto &entry : fs::recursive_directory_iterator(m_out))
        if (entry.is_regular_file())
            bytes += entry.file_size();
    nlohmann::ordered_json document = {{"out", m_out},
                                       {"subjects", m_subjects},
                                       {"voxels", m_voxels},
                                       {"trials", m_trials},
                                       {"images", description.images.size()},
                                       {"layouts", m_layouts},
                                       {"bytes", bytes},
                                       {"seconds", seconds}};
    char text[512];
    std::snprintf(text, sizeof text,
                  "%s: %zu subject(s), %lld voxels, %lld trials, %zu images in %zu layout(s); %.1f MB in %.1f s\n",
                  m_out.c_str(), m_subjects.size(), static_cast<long long>(m_voxels), static_cast<long long>(m_trials),
                  description.images.size(), m_layouts.size(), static_cast<double>(bytes) / 1e6, seconds);
    m_context.emit(document, text);
    return 0;
}
