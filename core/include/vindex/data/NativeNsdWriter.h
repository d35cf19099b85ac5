#pragma once
// Writes the native NSD files that NativeNsdLayout reads, from a synthetic description:
//   nsddata/ppdata/subj0S/func1pt8mm/roi/nsdgeneral.nii.gz                    int16 −1/0/1 (X, Y, Z)
//   nsddata/ppdata/subj0S/func1pt8mm/T1_to_func1pt8mm.nii.gz                  float32 (X, Y, Z)
//   nsddata/ppdata/subj0S/func1pt8mm/betas_fithrf_GLMdenoise_RR/betas_sessionNN.nii.gz
//                                                                             int16 round(%signal × 300) (X, Y, Z, T)
//   nsd_stim_info_merged.csv, annotations/captions_{train,val}2017.json      (at the root, as in mini-nsd)
// Betas are produced one trial at a time by a callback and written volume by volume through zlib level 1, so a
// real-size subject (30000 trials) never sits in memory and is written in minutes. Every file appears atomically.
#include "vindex/core/JobControl.h"
#include "vindex/io/NiftiImage.h"

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace vindex::data {

// One image of the stimulus table (a row of nsd_stim_info_merged.csv, nsdId = its index) and its COCO captions.
struct NativeStimulus {
    int64_t cocoId = 0;
    std::string cocoSplit = "val2017";         // "train2017" | "val2017": which caption file holds it
    bool shared1000 = false;                   // a test image
    std::array<double, 4> cropBox{0, 0, 0, 0}; // (top, bottom, left, right) fractions, see cropBoxFor
    int width = 0, height = 0;                 // for the caption file's "images" entries
    std::vector<std::string> captions;
};

class NativeNsdWriter {
public:
    static constexpr double kBetaScale = 300.0; // int16 betas store %signal × 300

    // fill(trial, row): the ROI betas [V] of a trial in %signal (ROI order: voxels > 0 in C order, z fastest).
    using RowFill = std::function<void(int64_t trial, std::span<float> row)>;

    // A subject's functional grid.
    struct Volume {
        std::array<int64_t, 3> shape{0, 0, 0}; // (X, Y, Z)
        std::vector<int8_t> mask;              // X·Y·Z values in C order (z fastest): −1 outside, 0 brain, 1 ROI
        std::vector<float> anatomy;            // X·Y·Z in C order; empty: a flat image made from the mask
        io::NiftiImage::Matrix4 affine = defaultAffine();
    };

    struct Options {
        int64_t trialsPerSession = 750;
        int betasCompressionLevel = 1; // the betas are most of the bytes; level 1 deflates several times faster
    };

    // Creates root when missing; Error naming it when that fails.
    explicit NativeNsdWriter(std::string root);

    // Writes the ROI, the anatomy and the betas sessions of one subject (session s holds trials
    // [(s−1)·trialsPerSession, s·trialsPerSession)); remembers trialImages (trial → 0-based image id) for the CSV.
    // DataError for a mask whose size is not X·Y·Z or that has no ROI voxel, an image shown more than three times
    // (the CSV has three repeat columns) or a negative id; Error naming the file for I/O failures.
    void writeSubject(int subject, const Volume &volume, const std::vector<int64_t> &trialImages, const RowFill &fill,
                      const Options &options, const JobControl &job = JobControl::none());
    void writeSubject(int subject, const Volume &volume, const std::vector<int64_t> &trialImages, const RowFill &fill);

    // Writes nsd_stim_info_merged.csv (one row per stimulus; subjectS / subjectS_repR from the subjects written) and
    // the COCO caption files of the splits used. DataError when a subject saw an image without a row, or a cocoSplit
    // is neither train2017 nor val2017.
    void finish(const std::vector<NativeStimulus> &stimuli);

    const std::string &root() const { return m_root; }
    std::string subjectDir(int subject) const; // root/nsddata/ppdata/subj0S/func1pt8mm

    // NSD's crop of a COCO image to the centred square, as fractions (top, bottom, left, right).
    static std::array<double, 4> cropBoxFor(int width, int height);
    // 1.8 mm isotropic, origin at voxel 0.
    static io::NiftiImage::Matrix4 defaultAffine();

private:
    std::string m_root;
    std::map<int, std::vector<int64_t>> m_trialImages;
};

} // namespace vindex::data
