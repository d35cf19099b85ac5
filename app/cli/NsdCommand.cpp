#include "NsdCommand.h"

#include "InterruptScope.h"

#include "CommandContext.h"

#include "vindex/core/Error.h"
#include "vindex/data/NativeNsdLayout.h"
#include "vindex/data/NsdInventory.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace {

std::string humanBytes(uint64_t bytes)
{
    char text[32];
    if (bytes < 10000)
        std::snprintf(text, sizeof text, "%llu bytes", static_cast<unsigned long long>(bytes));
    else if (bytes < 10000000)
        std::snprintf(text, sizeof text, "%.1f kB", static_cast<double>(bytes) / 1e3);
    else if (bytes < 10000000000ULL)
        std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / 1e6);
    else
        std::snprintf(text, sizeof text, "%.2f GB", static_cast<double>(bytes) / 1e9);
    return text;
}

// One progress line on stderr: rewritten in place on a terminal (at most ~10 times a second), one line per session
// otherwise (logs, CI).
class ProgressLine {
public:
    ProgressLine() : m_tty(::isatty(STDERR_FILENO) == 1) {}

    void update(double fraction, const std::string &message)
    {
        const bool sessionStart = message.find(": volume ") == std::string::npos;
        if (!m_tty) {
            if (sessionStart)
                std::cerr << message << '\n' << std::flush;
            return;
        }
        const auto now = std::chrono::steady_clock::now();
        if (!sessionStart && fraction < 1.0 && now - m_last < std::chrono::milliseconds(100))
            return;
        m_last = now;
        char percent[16];
        std::snprintf(percent, sizeof percent, "%5.1f%%", 100.0 * fraction);
        std::cerr << "\r\033[K" << percent << "  " << message << std::flush;
        m_open = true;
    }
    void finish()
    {
        if (m_open)
            std::cerr << "\r\033[K" << std::flush;
        m_open = false;
    }
    ~ProgressLine() { finish(); }

private:
    bool m_tty;
    bool m_open = false;
    std::chrono::steady_clock::time_point m_last{};
};

} // namespace

NsdCommand::NsdCommand(CLI::App &parent, const CommandContext &context) : m_context(context)
{
    m_command = parent.add_subcommand("nsd", "Natural Scenes Dataset folders");
    m_command->require_subcommand(1);
    m_info = m_command->add_subcommand(
        "info", "Layouts (MindEye1 tars, MindEye2 HDF5, native NSD) and subjects found, voxel counts, trials per "
                "split, and what is missing or inconsistent");
    m_info->add_option("--root", m_root, "NSD folder")->required()->check(CLI::ExistingDirectory);

    m_cache = m_command->add_subcommand(
        "cache", "Convert native NSD betas (betas_fithrf_GLMdenoise_RR/betas_sessionNN.nii.gz) into the persistent "
                 "ROI cache, so that any trial is then read in milliseconds: one int16 [trials x voxels] file per "
                 "session under $VINDEX_CACHE_DIR (default $XDG_CACHE_HOME/vindex/nsd-roi or "
                 "~/.cache/vindex/nsd-roi). Valid files are re-verified and kept; stale or damaged ones are rebuilt. "
                 "Progress goes to stderr; Ctrl-C stops without leaving a partial file");
    m_cache->add_option("--root", m_root, "NSD folder (holding nsddata/ppdata/subj0S/func1pt8mm)")
        ->required()
        ->check(CLI::ExistingDirectory);
    m_cache->add_option("--subject", m_subject, "Only this subject (1-8); default: every native subject found")
        ->check(CLI::Range(1, 8));
    m_cache->add_option("--cache-dir", m_cacheDir, "Base folder of the caches (overrides $VINDEX_CACHE_DIR)");
}

int NsdCommand::run() const
{
    return m_cache->parsed() ? runCache() : runInfo();
}

int NsdCommand::runInfo() const
{
    // The scanner the studio opens datasets with (data::Session), so both report the same problems; Ctrl-C stops it.
    vindex::JobControl job;
    const InterruptScope interrupt(job);
    const auto inventory = vindex::data::NsdInventory::scan(m_root, job);
    m_context.emit(inventory.toJson(), inventory.toText());
    return 0;
}

int NsdCommand::runCache() const
{
    using vindex::data::NativeNsdLayout;
    const std::vector<int> found = NativeNsdLayout::subjectsIn(m_root);
    std::vector<int> subjects;
    for (int s : found)
        if (m_subject == 0 || s == m_subject)
            subjects.push_back(s);
    if (subjects.empty())
        throw vindex::DataError(
            m_root + ": " +
            (m_subject ? "no native NSD subject " + std::to_string(m_subject) + " (expected nsddata/ppdata/subj0" +
                             std::to_string(m_subject) + "/func1pt8mm/roi/nsdgeneral.nii.gz)"
                       : std::string("no native NSD subjects (expected nsddata/ppdata/subj0S/func1pt8mm/roi/"
                                     "nsdgeneral.nii.gz)")));

    vindex::data::NativeCacheOptions options;
    options.directory = m_cacheDir;
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    std::string text;
    int converted = 0, reused = 0, failed = 0;
    uint64_t bytes = 0, written = 0;
    double seconds = 0;
    std::vector<std::string> problems;

    for (int subject : subjects) {
        const NativeNsdLayout layout = NativeNsdLayout::open(m_root, subject, options);
        vindex::data::NativeCacheBuildReport r;
        {
            ProgressLine line;
            vindex::JobControl job([&line](const vindex::JobProgress &p) { line.update(p.fraction, p.message); });
            const InterruptScope interrupt(job);
            r = layout.buildCache(job);
        }
        rows.push_back({{"subject", subject},
                        {"directory", r.directory},
                        {"sessions", r.sessions},
                        {"converted", r.converted},
                        {"reused", r.reused},
                        {"failed", r.failed},
                        {"bytes", r.bytes},
                        {"bytes_written", r.bytesWritten},
                        {"seconds", r.seconds},
                        {"problems", r.problems}});
        char line[512];
        std::snprintf(line, sizeof line,
                      "subj0%d: %d sessions: %d converted, %d already cached, %d failed; %s (%s written) in %.2f s\n"
                      "  %s\n",
                      subject, r.sessions, r.converted, r.reused, r.failed, humanBytes(r.bytes).c_str(),
                      humanBytes(r.bytesWritten).c_str(), r.seconds, r.directory.c_str());
        text += line;
        for (const auto &p : r.problems)
            text += "  problem: " + p + "\n";
        converted += r.converted;
        reused += r.reused;
        failed += r.failed;
        bytes += r.bytes;
        written += r.bytesWritten;
        seconds += r.seconds;
        problems.insert(problems.end(), r.problems.begin(), r.problems.end());
    }
    nlohmann::ordered_json document{
        {"root", m_root}, {"converted", converted},   {"reused", reused},   {"failed", failed},
        {"bytes", bytes}, {"bytes_written", written}, {"seconds", seconds}, {"subjects", std::move(rows)}};
    m_context.emit(document, text);
    if (!problems.empty()) {
        std::cerr << "vindex: error: " << problems.size()
                  << " betas session(s) could not be converted; first: " << problems.front() << '\n';
        return 2;
    }
    return 0;
}
