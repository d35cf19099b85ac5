#pragma once
// Integer ids for words and for n-grams of words, so that BLEU and CIDEr count with flat arrays instead of tuples of
// strings. Private to core/eval.
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace vindex::eval {

class NGramIndex {
public:
    uint32_t word(std::string_view w);
    std::vector<uint32_t> words(const std::vector<std::string_view> &ws);

    // The n-grams of orders 1..maxOrder with their counts, as (id, count) sorted by id.
    std::vector<std::pair<uint32_t, uint32_t>> counts(const std::vector<uint32_t> &words, int maxOrder);

    // 1-based order of an n-gram id.
    int order(uint32_t ngram) const { return m_order[ngram]; }
    std::size_t ngramCount() const { return m_order.size(); }

private:
    uint32_t ngram(uint32_t prefix, uint32_t word, int order);

    std::unordered_map<std::string, uint32_t> m_words;
    std::unordered_map<uint64_t, uint32_t> m_ngrams; // (prefix n-gram id + 1) << 32 | word id
    std::vector<uint8_t> m_order;
};

} // namespace vindex::eval
