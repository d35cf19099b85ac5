#pragma once
// The MindEye1 / UMBRAE webdataset layout of NSD: <root>/webdataset_avg_split/{train,val,test}/<split>_subj0S_N.tar,
// one sample per key (webdataset: the basename up to its first dot) with members jpg|png, nsdgeneral.npy (repeats × V,
// float16), coco73k.npy (the 0-based 73k image id), trial.npy (the trials averaged into the sample) and
// num_uniques.npy; plus metadata_subj0S.json with the split totals. Opening a subject maps the tars and validates
// every sample's members and .npy headers (cheap: headers only); voxels, ids and images are read on demand, without
// a copy where the bytes allow it.
#include "vindex/data/Trial.h"
#include "vindex/io/HostTensor.h"
#include "vindex/io/RgbImage.h"
#include "vindex/io/TarArchive.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace vindex::data {

class WebdatasetLayout {
public:
    using Split = data::Split;
    static constexpr std::array<Split, 3> kSplits = {Split::Train, Split::Val, Split::Test};
    static const char *splitName(Split split) { return data::splitName(split); }

    // One webdataset sample: its key and where its members lie.
    struct Sample {
        std::string key;
        std::size_t shard = 0; // index into shardPaths(split)
        std::string imageExt;  // "jpg", "jpeg" or "png"
        io::TarArchive::Member image;
        io::TarArchive::Member voxels;
        io::TarArchive::Member coco;
        io::TarArchive::Member trial;
        std::optional<io::TarArchive::Member> numUniques; // not needed by training; tolerated when absent
    };

    // The folder that holds the split folders: <root>/webdataset_avg_split, or root itself when it has them.
    // Empty when neither exists.
    static std::string findDirectory(const std::string &root);
    // Subject numbers with at least one tar in any split, ascending.
    static std::vector<int> findSubjects(const std::string &root);

    // What to do with a damaged shard (a corrupt or truncated tar, a sample with a missing member or a bad .npy
    // header): Strict throws; SkipDamagedShards leaves the whole shard out (so that no split has holes in the middle
    // of a shard) and says so in problems(), for a session that should open with what remains.
    enum class Policy { Strict, SkipDamagedShards };

    // Maps the subject's tars and validates them. Throws DataError (no tars; missing members; voxel counts that
    // differ between samples, also under SkipDamagedShards since then no side can be trusted) or FormatError (a
    // corrupt tar or .npy header), naming the tar and the member.
    static WebdatasetLayout open(const std::string &root, int subject, Policy policy = Policy::Strict);

    int subject() const { return m_subject; }
    const std::string &directory() const { return m_directory; }
    int64_t voxelCount() const { return m_voxelCount; }
    // The split totals of metadata_subj0S.json ("train", "val", ...); empty when the file is absent.
    const std::map<std::string, int64_t> &metadataTotals() const { return m_metadataTotals; }
    // One actionable line per thing missing or inconsistent that did not stop the open: a split without tars, a
    // metadata total that differs from the samples found, a damaged shard left out (SkipDamagedShards).
    const std::vector<std::string> &problems() const { return m_problems; }

    // Tars of a split in shard order (numeric N).
    std::vector<std::string> shardPaths(Split split) const;
    // Samples in reading order: shards by N, then members in tar order (what webdataset yields unshuffled).
    const std::vector<Sample> &samples(Split split) const { return m_splits[index(split)].samples; }
    std::size_t sampleCount(Split split) const { return samples(split).size(); }
    // Throws DataError when index is out of range.
    const Sample &sample(Split split, std::size_t index) const;

    // (repeats, V) as stored (float16 in MindEye1's files), zero-copy over the mapping when aligned.
    io::HostTensor voxels(Split split, std::size_t index) const;
    // The mean over the repeats, as MindEye1 / UMBRAE evaluate val and test samples.
    std::vector<float> meanVoxels(Split split, std::size_t index) const;
    // 0-based id in the 73k image space.
    int64_t imageId(Split split, std::size_t index) const;
    // The trials behind the repeats (a trial repeats when the image was seen fewer times).
    std::vector<int64_t> trials(Split split, std::size_t index) const;
    // nullopt when the sample has no num_uniques.npy.
    std::optional<int64_t> numUniques(Split split, std::size_t index) const;
    // The encoded image bytes (zero-copy) and the decoded image.
    io::TarArchive::Data imageBytes(Split split, std::size_t index) const;
    io::RgbImage image(Split split, std::size_t index) const;

private:
    struct SplitData {
        std::vector<io::TarArchive> shards;
        std::vector<Sample> samples;
    };

    WebdatasetLayout() = default;
    static std::size_t index(Split split) { return static_cast<std::size_t>(split); }
    const io::TarArchive &shardOf(Split split, const Sample &sample) const;
    io::HostTensor readNpy(Split split, const Sample &sample, const io::TarArchive::Member &member) const;
    // Values copied out of a member no longer need its pages in this process (see MappedFile::releasePages).
    void release(Split split, const Sample &sample, const io::TarArchive::Member &member) const;
    struct ShardScan {
        std::vector<Sample> samples;
        int64_t voxelCount = -1;
        std::string voxelSource;
    };
    // Groups and validates one shard's samples; throws FormatError / DataError for anything damaged in it.
    static ShardScan scanShard(const io::TarArchive &archive, std::size_t shardIndex);

    int m_subject = 0;
    std::string m_directory;
    int64_t m_voxelCount = -1;
    std::string m_voxelCountSource; // "tar: member" that fixed m_voxelCount, for mismatch messages
    std::map<std::string, int64_t> m_metadataTotals;
    std::vector<std::string> m_problems;
    std::array<SplitData, 3> m_splits;
};

} // namespace vindex::data
