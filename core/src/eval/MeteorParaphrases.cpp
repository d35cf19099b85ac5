#include "vindex/eval/MeteorParaphrases.h"

#include "vindex/core/Error.h"
#include "vindex/io/MappedFile.h"

#include <zlib.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>
#include <tuple>

namespace vindex::eval {

namespace {

constexpr const char *kWhereToGetIt = "METEOR 1.5's data folder holds it; pycocoevalcap (pip install pycocoevalcap) "
                                      "ships it as site-packages/pycocoevalcap/meteor/data";

uint32_t hashWords(std::span<const int32_t> words)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ words.size();
    for (int32_t w : words) {
        h ^= static_cast<uint32_t>(w);
        h *= 0xBF58476D1CE4E5B9ull;
        h ^= h >> 31;
    }
    return static_cast<uint32_t>(h ^ (h >> 32));
}

uint32_t hashText(std::string_view text)
{
    uint64_t h = 0xCBF29CE484222325ull; // FNV-1a, then mixed
    for (unsigned char c : text)
        h = (h ^ c) * 0x100000001B3ull;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    return static_cast<uint32_t>(h ^ (h >> 32));
}

// Open addressing with linear probing over slots holding hash << 32 | (id + 1).
void insertSlot(std::vector<uint64_t> &slots, uint32_t hash, uint32_t id)
{
    const std::size_t mask = slots.size() - 1;
    std::size_t slot = hash & mask;
    while (slots[slot] != 0)
        slot = (slot + 1) & mask;
    slots[slot] = uint64_t(hash) << 32 | (uint64_t(id) + 1);
}

// Adds an id, doubling the slots beyond a load of 3/4.
void addSlot(std::vector<uint64_t> &slots, uint32_t hash, uint32_t id)
{
    if (4 * (std::size_t(id) + 1) > 3 * slots.size()) {
        std::vector<uint64_t> old(2 * slots.size(), 0);
        old.swap(slots);
        for (uint64_t entry : old)
            if (entry != 0)
                insertSlot(slots, static_cast<uint32_t>(entry >> 32), static_cast<uint32_t>(entry) - 1);
    }
    insertSlot(slots, hash, id);
}

// Calls matches(id) for the ids stored under `hash` until it returns true; that id, or kUnknown.
template <typename Matches> int32_t findSlot(const std::vector<uint64_t> &slots, uint32_t hash, Matches &&matches)
{
    const std::size_t mask = slots.size() - 1;
    for (std::size_t slot = hash & mask;; slot = (slot + 1) & mask) {
        const uint64_t entry = slots[slot];
        if (entry == 0)
            return MeteorParaphrases::kUnknown;
        if (static_cast<uint32_t>(entry >> 32) == hash && matches(static_cast<uint32_t>(entry) - 1))
            return static_cast<int32_t>(static_cast<uint32_t>(entry) - 1);
    }
}

// Java's StringTokenizer delimiters (METEOR splits the table's phrases with it).
bool isDelimiter(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// The inflated text of a gzip file in blocks, produced by a thread of its own so that parsing overlaps inflating.
class InflatingReader {
public:
    explicit InflatingReader(std::shared_ptr<const io::MappedFile> file) : m_file(std::move(file))
    {
        m_thread = std::thread([this] { run(); });
    }
    ~InflatingReader()
    {
        {
            const std::lock_guard lock(m_mutex);
            m_stopped = true;
        }
        m_changed.notify_all();
        m_thread.join();
    }
    InflatingReader(const InflatingReader &) = delete;
    InflatingReader &operator=(const InflatingReader &) = delete;

    // The next block; false at the end. Rethrows the inflating thread's error.
    bool next(std::string &block)
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return !m_blocks.empty() || m_done; });
        if (m_blocks.empty()) {
            if (m_error)
                std::rethrow_exception(m_error);
            return false;
        }
        std::swap(block, m_blocks.front());
        m_blocks.pop_front();
        m_changed.notify_all();
        return true;
    }

private:
    static constexpr std::size_t kBlockSize = std::size_t(4) << 20;
    static constexpr std::size_t kQueued = 4;

    void run()
    {
        try {
            inflateAll();
        } catch (...) {
            const std::lock_guard lock(m_mutex);
            m_error = std::current_exception();
        }
        {
            const std::lock_guard lock(m_mutex);
            m_done = true;
        }
        m_changed.notify_all();
    }

    void inflateAll()
    {
        z_stream stream{};
        if (inflateInit2(&stream, 15 + 16) != Z_OK)
            throw FormatError(m_file->path(), "zlib could not be initialized");
        struct End {
            z_stream &s;
            ~End() { inflateEnd(&s); }
        } end{stream};
        const auto *data = reinterpret_cast<const Bytef *>(m_file->data());
        std::size_t offset = 0;
        const std::size_t size = m_file->size();
        std::string block;
        bool streamEnded = false;
        while (true) {
            block.resize(kBlockSize);
            stream.next_out = reinterpret_cast<Bytef *>(block.data());
            stream.avail_out = static_cast<uInt>(block.size());
            while (stream.avail_out > 0) {
                if (stream.avail_in == 0 && offset < size) {
                    const std::size_t take = std::min<std::size_t>(size - offset, std::size_t(1) << 24);
                    stream.next_in = const_cast<Bytef *>(data + offset);
                    stream.avail_in = static_cast<uInt>(take);
                    m_file->releasePages(0, offset); // what has been inflated need not stay resident
                    offset += take;
                }
                if (stream.avail_in == 0 && offset == size)
                    break;
                const int rc = inflate(&stream, Z_NO_FLUSH);
                if (rc == Z_STREAM_END) {
                    streamEnded = true;
                    // Java's GZIPInputStream reads concatenated members on.
                    if (stream.avail_in > 0 || offset < size) {
                        if (inflateReset(&stream) != Z_OK)
                            throw FormatError(m_file->path(), "zlib could not start the next gzip member");
                        streamEnded = false;
                    }
                    continue;
                }
                if (rc != Z_OK && rc != Z_BUF_ERROR)
                    throw FormatError(m_file->path(), std::string("not a valid gzip file (zlib: ") +
                                                          (stream.msg ? stream.msg : "error " + std::to_string(rc)) +
                                                          ")");
                if (rc == Z_BUF_ERROR && stream.avail_in == 0 && offset == size)
                    break;
            }
            block.resize(block.size() - stream.avail_out);
            const bool last = stream.avail_in == 0 && offset == size && (streamEnded || block.empty());
            if (!block.empty()) {
                std::unique_lock lock(m_mutex);
                m_changed.wait(lock, [this] { return m_blocks.size() < kQueued || m_stopped; });
                if (m_stopped)
                    return;
                m_blocks.push_back(std::move(block));
                block = std::string();
                m_changed.notify_all();
            }
            if (last)
                break;
            if (stream.avail_in == 0 && offset == size && !streamEnded)
                throw FormatError(m_file->path(), "the gzip stream is truncated");
        }
    }

    std::shared_ptr<const io::MappedFile> m_file;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::string> m_blocks;
    bool m_done = false, m_stopped = false;
    std::exception_ptr m_error;
};

} // namespace

// Fills a MeteorParaphrases from the table's lines.
class MeteorParaphrases::Builder {
public:
    Builder(MeteorParaphrases &table, std::string path) : m_table(table), m_path(std::move(path))
    {
        m_table.m_phraseStart.push_back(0);
        m_table.m_wordStart.push_back(0);
        m_table.m_wordSlots.assign(std::size_t(1) << 16, 0);
        m_table.m_slots.assign(std::size_t(1) << 22, 0); // METEOR's English table: 2.6 million phrases
    }

    void line(std::string_view text)
    {
        ++m_lineNumber;
        const int field = static_cast<int>((m_lineNumber - 1) % 3);
        if (field == 0) // the probability: METEOR does not use it
            return;
        if (field == 1) {
            if (text != m_previousFirst) { // the table lists a phrase's rows one after another
                m_previousFirst.assign(text);
                m_first = intern(text);
            }
            return;
        }
        const uint32_t second = intern(text);
        if (m_runs.empty() || m_runs.back().phrase != m_first)
            m_runs.push_back({m_first, 0});
        ++m_runs.back().rows;
        m_table.m_paraphrases.push_back(second);
    }

    void finish()
    {
        if (m_lineNumber % 3 != 0)
            throw FormatError(m_path, "the last row is incomplete (" + std::to_string(m_lineNumber % 3) +
                                          " of its 3 lines: probability, phrase, paraphrase)");
        // Group the rows by first phrase (a phrase's rows are one run in METEOR's file; other tables may split
        // them), each group sorted by paraphrase with each row's place among the group's rows in the file.
        const std::size_t phrases = m_table.phraseCount();
        auto &begin = m_table.m_rowBegin;
        begin.assign(phrases + 1, 0);
        for (const Run &run : m_runs)
            begin[run.phrase + 1] += run.rows;
        for (std::size_t p = 0; p < phrases; ++p)
            begin[p + 1] += begin[p];
        std::vector<uint32_t> cursor(begin.begin(), begin.end() - 1), grouped(m_table.m_paraphrases.size());
        m_table.m_fileOrder.resize(grouped.size());
        std::size_t row = 0;
        for (const Run &run : m_runs)
            for (uint32_t k = 0; k < run.rows; ++k) {
                const uint32_t at = cursor[run.phrase]++;
                grouped[at] = m_table.m_paraphrases[row++];
                m_table.m_fileOrder[at] = at - begin[run.phrase];
            }
        m_runs = {};
        cursor = {};
        m_table.m_paraphrases = {};
        m_table.m_paraphrases.swap(grouped);
        std::vector<std::pair<uint32_t, uint32_t>> rows;
        for (std::size_t p = 0; p < phrases; ++p) {
            rows.clear();
            for (uint32_t r = begin[p]; r < begin[p + 1]; ++r)
                rows.emplace_back(m_table.m_paraphrases[r], m_table.m_fileOrder[r]);
            if (std::is_sorted(rows.begin(), rows.end()))
                continue;
            std::sort(rows.begin(), rows.end());
            for (uint32_t r = begin[p]; r < begin[p + 1]; ++r)
                std::tie(m_table.m_paraphrases[r], m_table.m_fileOrder[r]) = rows[r - begin[p]];
        }
        m_table.m_words.shrink_to_fit();
        m_table.m_phraseStart.shrink_to_fit();
        m_table.m_wordText.shrink_to_fit();
    }

private:
    struct Run {
        uint32_t phrase, rows;
    };

    uint32_t intern(std::string_view text)
    {
        m_ids.clear();
        std::size_t i = 0;
        while (i < text.size()) {
            while (i < text.size() && isDelimiter(text[i]))
                ++i;
            const std::size_t start = i;
            while (i < text.size() && !isDelimiter(text[i]))
                ++i;
            if (i > start)
                m_ids.push_back(wordId(text.substr(start, i - start)));
        }
        if (m_ids.empty())
            throw FormatError(m_path, "line " + std::to_string(m_lineNumber) + " is an empty phrase");
        const uint32_t hash = hashWords(m_ids);
        const int32_t found = m_table.find(m_ids, hash);
        if (found != kUnknown)
            return static_cast<uint32_t>(found);
        const auto id = static_cast<uint32_t>(m_table.phraseCount());
        m_table.m_words.insert(m_table.m_words.end(), m_ids.begin(), m_ids.end());
        m_table.m_phraseStart.push_back(static_cast<uint32_t>(m_table.m_words.size()));
        m_table.m_longestPhrase = std::max(m_table.m_longestPhrase, m_ids.size());
        addSlot(m_table.m_slots, hash, id);
        return id;
    }

    int32_t wordId(std::string_view word)
    {
        const uint32_t hash = hashText(word);
        const int32_t found = m_table.findWord(word, hash);
        if (found != kUnknown)
            return found;
        const auto id = static_cast<uint32_t>(m_table.vocabularySize());
        m_table.m_wordText.append(word);
        m_table.m_wordStart.push_back(static_cast<uint32_t>(m_table.m_wordText.size()));
        addSlot(m_table.m_wordSlots, hash, id);
        return static_cast<int32_t>(id);
    }

    MeteorParaphrases &m_table;
    std::string m_path;
    std::size_t m_lineNumber = 0;
    std::string m_previousFirst = "\n"; // no line equals it
    uint32_t m_first = 0;
    std::vector<int32_t> m_ids;
    std::vector<Run> m_runs;
};

std::shared_ptr<const MeteorParaphrases> MeteorParaphrases::load(const std::string &directory)
{
    const auto started = std::chrono::steady_clock::now();
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_directory(directory, ec))
        throw DataError("METEOR's paraphrase folder " + directory + " does not exist (it should hold " + kFileName +
                        "; " + kWhereToGetIt + ")");
    const std::string path = (fs::path(directory) / kFileName).string();
    if (!fs::is_regular_file(path, ec))
        throw DataError("METEOR's paraphrase table " + path + " does not exist (the folder given for METEOR's data, " +
                        directory + ", should hold " + kFileName + "; " + kWhereToGetIt + ")");

    std::shared_ptr<MeteorParaphrases> table(new MeteorParaphrases());
    table->m_directory = directory;
    const auto file = io::MappedFile::open(path);
    table->m_paraphrases.reserve(file->size() / 10); // METEOR's English table: 11.7 compressed bytes a row
    Builder builder(*table, path);
    {
        InflatingReader reader(file);
        std::string block, carry;
        while (reader.next(block)) {
            const std::string_view text(block);
            std::size_t start = 0;
            if (!carry.empty()) { // the line the previous block ended in
                const std::size_t end = text.find('\n');
                carry.append(text.substr(0, end == std::string_view::npos ? text.size() : end));
                if (end == std::string_view::npos)
                    continue;
                if (carry.back() == '\r')
                    carry.pop_back();
                builder.line(carry);
                carry.clear();
                start = end + 1;
            }
            while (true) {
                const std::size_t end = text.find('\n', start);
                if (end == std::string_view::npos) {
                    carry.assign(text.substr(start));
                    break;
                }
                std::string_view line = text.substr(start, end - start);
                if (!line.empty() && line.back() == '\r')
                    line.remove_suffix(1);
                builder.line(line);
                start = end + 1;
            }
        }
        if (!carry.empty())
            builder.line(carry);
    }
    builder.finish();
    if (table->rowCount() == 0)
        throw FormatError(path, "no paraphrase in the table");
    table->m_loadSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return table;
}

std::shared_ptr<const MeteorParaphrases> MeteorParaphrases::shared(const std::string &directory)
{
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const MeteorParaphrases>> cache;
    const std::lock_guard lock(mutex);
    auto &slot = cache[directory];
    if (!slot)
        slot = load(directory);
    return slot;
}

std::string MeteorParaphrases::findInPythonEnvironment(const std::string &environment)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    std::vector<fs::path> sitePackages{fs::path(environment) / "Lib" / "site-packages"};
    for (const auto &entry : fs::directory_iterator(fs::path(environment) / "lib", ec))
        if (entry.path().filename().string().rfind("python3", 0) == 0)
            sitePackages.push_back(entry.path() / "site-packages");
    std::sort(sitePackages.begin(), sitePackages.end());
    for (const auto &packages : sitePackages) {
        const fs::path data = packages / "pycocoevalcap" / "meteor" / "data";
        if (fs::is_regular_file(data / kFileName, ec))
            return data.string();
    }
    return {};
}

std::size_t MeteorParaphrases::memoryBytes() const
{
    std::size_t bytes = m_wordText.capacity() + (m_wordSlots.capacity() + m_slots.capacity()) * sizeof(uint64_t) +
                        m_words.capacity() * sizeof(int32_t);
    for (const auto *v : {&m_wordStart, &m_phraseStart, &m_rowBegin, &m_paraphrases, &m_fileOrder})
        bytes += v->capacity() * sizeof(uint32_t);
    return bytes;
}

int32_t MeteorParaphrases::word(std::string_view text) const
{
    return findWord(text, hashText(text));
}

int32_t MeteorParaphrases::findWord(std::string_view text, uint32_t hash) const
{
    return findSlot(m_wordSlots, hash, [&](uint32_t w) {
        return std::string_view(m_wordText).substr(m_wordStart[w], m_wordStart[w + 1] - m_wordStart[w]) == text;
    });
}

int32_t MeteorParaphrases::phrase(std::span<const int32_t> words) const
{
    if (words.empty() || words.size() > m_longestPhrase)
        return kUnknown;
    for (int32_t w : words)
        if (w < 0)
            return kUnknown;
    return find(words, hashWords(words));
}

std::span<const int32_t> MeteorParaphrases::words(uint32_t phrase) const
{
    return {m_words.data() + m_phraseStart[phrase], m_phraseStart[phrase + 1] - m_phraseStart[phrase]};
}

std::span<const uint32_t> MeteorParaphrases::paraphrases(uint32_t phrase) const
{
    return {m_paraphrases.data() + m_rowBegin[phrase], m_rowBegin[phrase + 1] - m_rowBegin[phrase]};
}

std::span<const uint32_t> MeteorParaphrases::fileOrder(uint32_t phrase) const
{
    return {m_fileOrder.data() + m_rowBegin[phrase], m_rowBegin[phrase + 1] - m_rowBegin[phrase]};
}

int32_t MeteorParaphrases::find(std::span<const int32_t> words, uint32_t hash) const
{
    return findSlot(m_slots, hash, [&](uint32_t p) {
        const auto stored = this->words(p);
        return std::equal(stored.begin(), stored.end(), words.begin(), words.end());
    });
}

} // namespace vindex::eval
