#pragma once
// Keys and values of every decoder layer for one generation, allocated once for the longest sequence
// ([B, kvHeads, capacity, headDim] per layer) and filled in place: no per-step concatenation or reallocation.
#include "vindex/models/Compute.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace vindex::models {

struct LlamaConfig;

class KvCache {
public:
    KvCache(const LlamaConfig &config, int64_t batch, int64_t capacity, const Compute &compute);

    int64_t batch() const { return m_batch; }       // rows in use (shrinks with keepRows)
    int64_t capacity() const { return m_capacity; } // slots per row
    int64_t length() const { return m_length; }     // slots filled so far (same for every row)
    int64_t layers() const { return static_cast<int64_t>(m_keys.size()); }

    // Stores a layer's post-RoPE keys/values [batch, kvHeads, T, D] at slots [length, length + T) and returns the
    // filled views [batch, kvHeads, length + T, D]. Throws ModelError when T would run past the capacity.
    std::pair<at::Tensor, at::Tensor> store(int64_t layer, const at::Tensor &keys, const at::Tensor &values);
    // Called once per forward pass, after every layer stored its T slots.
    void advance(int64_t steps);
    // Keeps only these rows (ascending indices into the current rows), moved to the front in place: finished
    // sequences stop costing attention work.
    void keepRows(const std::vector<int64_t> &rows);
    // Row 0's filled slots copied into rows 1..rows-1, which then take part: a prompt prefilled once is continued
    // several ways (option likelihoods). rows may not exceed the batch the cache was made for.
    void repeatFirstRow(int64_t rows);
    void clear() { m_length = 0; }

private:
    std::vector<at::Tensor> m_keys, m_values; // full buffers [batch0, kvHeads, capacity, D]
    int64_t m_batch = 0, m_capacity = 0, m_length = 0;
};

} // namespace vindex::models
