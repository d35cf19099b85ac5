#pragma once
// Z-scores native NSD betas per voxel over one session's trials, the way MindEye made the files its encoders were
// trained on (MindEyeV2 src/dataset_creation.ipynb: sklearn StandardScaler(with_mean=True, with_std=True) fitted on
// one session's (750, V) betas, then (betas − mean_) / scale_). So an encoder sees the same scaling from the native
// tree as from MindEye's HDF5 or tar copies.
//
// Statistics follow StandardScaler: the population variance (ddof 0) over the session's trials, and a scale of 1
// for a voxel sklearn deems constant (var ≤ n·eps·var + (n·mean·eps)², which for int16 data means exactly constant),
// so that voxel reads 0. They are accumulated in double (Welford) from the %signal floats the layout decodes
// (int16 ÷ 300 × scl_slope + scl_inter), in trial order; z-scoring is scale-free, so this equals sklearn on the raw
// int16 values up to float rounding. Repeats are averaged after z-scoring (as MindEye averages its z-scored rows).
#include <cstddef>
#include <cstdint>
#include <vector>

namespace vindex::data {

class SessionZScore {
public:
    explicit SessionZScore(int64_t voxels);

    // One trial's row of voxels() %signal values; rows in trial order.
    void add(const float *row);
    // Fixes mean() and scale() from the rows added (at least one).
    void finish();

    int64_t voxels() const { return static_cast<int64_t>(m_mean.size()); }
    int64_t trials() const { return m_trials; }
    const std::vector<double> &mean() const { return m_mean; }
    const std::vector<double> &scale() const { return m_scale; }

    // out[i] = (row[i] − mean[i]) / scale[i], in double, rounded to float once; in and out may alias.
    static void apply(const float *row, const double *mean, const double *scale, float *out, std::size_t voxels);
    void apply(const float *row, float *out) const;

private:
    int64_t m_trials = 0;
    std::vector<double> m_mean;
    std::vector<double> m_m2;    // Σ (x − mean)², Welford
    std::vector<double> m_scale; // filled by finish()
};

} // namespace vindex::data
