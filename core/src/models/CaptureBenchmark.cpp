#include "vindex/models/CaptureBenchmark.h"

#include "vindex/core/Error.h"
#include "vindex/eval/CaptureScore.h"
#include "vindex/eval/NltkWordNet.h"
#include "vindex/eval/WordNet.h"
#include "vindex/io/HostTensor.h"
#include "vindex/io/SafetensorsWriter.h"
#include "vindex/models/Compute.h"
#include "vindex/models/FactualSceneGraphParser.h"
#include "vindex/models/SentenceEmbedding.h"
#include "vindex/models/T5Model.h"
#include "vindex/models/T5Tokenizer.h"

#include <ATen/Parallel.h>
#include <ATen/core/grad_mode.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <set>
#include <unistd.h>

namespace vindex::models {
namespace {

namespace fs = std::filesystem;

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Random float32 tensors as RandomWeights makes them: a matrix is a Hankel view over one shared buffer of N(0, 0.02²)
// numbers (element (i, j) = buffer[i + j]), vectors of ones and zeros follow it; the writer makes contiguous copies.
class RandomTensors {
public:
    explicit RandomTensors(int64_t longest, unsigned seed)
        : m_longest(longest), m_buffer(std::make_shared<std::vector<float>>(static_cast<std::size_t>(3 * longest)))
    {
        std::mt19937 generator(seed);
        std::normal_distribution<float> normal(0.0f, 0.02f);
        for (int64_t i = 0; i < longest; ++i)
            (*m_buffer)[static_cast<std::size_t>(i)] = normal(generator);
        std::fill(m_buffer->begin() + longest, m_buffer->begin() + 2 * longest, 1.0f);
        std::fill(m_buffer->begin() + 2 * longest, m_buffer->end(), 0.0f);
    }
    void matrix(const std::string &name, int64_t rows, int64_t columns)
    {
        if (rows + columns > m_longest)
            throw Error("random weights: " + name + " is larger than the buffer");
        m_writer.add(name, io::HostTensor(io::DType::F32, {rows, columns}, {1, 1}, 0, storage(), m_buffer));
    }
    void ones(const std::string &name, int64_t size) { vector(name, size, m_longest); }
    void zeros(const std::string &name, int64_t size) { vector(name, size, 2 * m_longest); }
    void write(const fs::path &path) const { m_writer.write(path.string()); }

private:
    void vector(const std::string &name, int64_t size, int64_t offset)
    {
        m_writer.add(name, io::HostTensor(io::DType::F32, {size}, {1}, offset, storage(), m_buffer));
    }
    const std::byte *storage() const { return reinterpret_cast<const std::byte *>(m_buffer->data()); }

    int64_t m_longest;
    std::shared_ptr<std::vector<float>> m_buffer;
    io::SafetensorsWriter m_writer;
};

void writeJson(const fs::path &path, const nlohmann::ordered_json &json)
{
    std::ofstream out(path);
    out << json.dump(2) << "\n";
    if (!out)
        throw Error(path.string() + ": cannot write");
}

// lizhuang144/flan-t5-base-VG-factual-sg's architecture (google/flan-t5-base) with random weights.
void writeRandomT5(const fs::path &folder, const std::string &spiece, unsigned seed)
{
    constexpr int64_t D = 768, inner = 768, F = 2048, layers = 12, heads = 12, vocab = 32128, buckets = 32;
    fs::create_directories(folder);
    writeJson(folder / "config.json", {{"architectures", {"T5ForConditionalGeneration"}},
                                       {"model_type", "t5"},
                                       {"d_model", D},
                                       {"d_kv", inner / heads},
                                       {"d_ff", F},
                                       {"num_layers", layers},
                                       {"num_decoder_layers", layers},
                                       {"num_heads", heads},
                                       {"relative_attention_num_buckets", buckets},
                                       {"relative_attention_max_distance", 128},
                                       {"feed_forward_proj", "gated-gelu"},
                                       {"layer_norm_epsilon", 1e-6},
                                       {"tie_word_embeddings", false},
                                       {"vocab_size", vocab},
                                       {"pad_token_id", 0},
                                       {"eos_token_id", 1},
                                       {"decoder_start_token_id", 0},
                                       {"is_encoder_decoder", true}});
    writeJson(folder / "generation_config.json",
              {{"decoder_start_token_id", 0}, {"eos_token_id", 1}, {"pad_token_id", 0}});
    std::error_code error;
    fs::copy_file(spiece, folder / "spiece.model", fs::copy_options::overwrite_existing, error);
    if (error)
        throw Error(spiece + ": cannot copy the sentencepiece model (" + error.message() + ")");
    RandomTensors t(vocab + D + 1, seed);
    t.matrix("shared.weight", vocab, D);
    t.matrix("lm_head.weight", vocab, D);
    const auto attention = [&](const std::string &p) {
        t.matrix(p + "q.weight", inner, D);
        t.matrix(p + "k.weight", inner, D);
        t.matrix(p + "v.weight", inner, D);
        t.matrix(p + "o.weight", D, inner);
    };
    const auto ffn = [&](const std::string &p) {
        t.matrix(p + "wi_0.weight", F, D);
        t.matrix(p + "wi_1.weight", F, D);
        t.matrix(p + "wo.weight", D, F);
    };
    for (int64_t i = 0; i < layers; ++i) {
        const std::string e = "encoder.block." + std::to_string(i) + ".layer.";
        t.ones(e + "0.layer_norm.weight", D);
        attention(e + "0.SelfAttention.");
        t.ones(e + "1.layer_norm.weight", D);
        ffn(e + "1.DenseReluDense.");
        const std::string d = "decoder.block." + std::to_string(i) + ".layer.";
        t.ones(d + "0.layer_norm.weight", D);
        attention(d + "0.SelfAttention.");
        t.ones(d + "1.layer_norm.weight", D);
        attention(d + "1.EncDecAttention.");
        t.ones(d + "2.layer_norm.weight", D);
        ffn(d + "2.DenseReluDense.");
    }
    t.matrix("encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight", buckets, heads);
    t.matrix("decoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight", buckets, heads);
    t.ones("encoder.final_layer_norm.weight", D);
    t.ones("decoder.final_layer_norm.weight", D);
    t.write(folder / "model.safetensors");
}

// sentence-transformers/all-mpnet-base-v2's architecture with random weights; its WordPiece vocabulary holds MPNet's
// special tokens and the given words (padded to the real vocabulary's size).
void writeRandomMpnet(const fs::path &folder, const std::set<std::string> &words, unsigned seed)
{
    constexpr int64_t C = 768, layers = 12, heads = 12, intermediate = 3072, vocab = 30527, positions = 514;
    fs::create_directories(folder / "1_Pooling");
    writeJson(folder / "config.json", {{"architectures", {"MPNetModel"}},
                                       {"model_type", "mpnet"},
                                       {"hidden_size", C},
                                       {"num_hidden_layers", layers},
                                       {"num_attention_heads", heads},
                                       {"intermediate_size", intermediate},
                                       {"hidden_act", "gelu"},
                                       {"max_position_embeddings", positions},
                                       {"relative_attention_num_buckets", 32},
                                       {"layer_norm_eps", 1e-5},
                                       {"vocab_size", vocab},
                                       {"pad_token_id", 1},
                                       {"bos_token_id", 0},
                                       {"eos_token_id", 2}});
    writeJson(folder / "tokenizer_config.json", {{"tokenizer_class", "MPNetTokenizer"},
                                                 {"do_lower_case", true},
                                                 {"bos_token", "<s>"},
                                                 {"eos_token", "</s>"},
                                                 {"unk_token", "[UNK]"},
                                                 {"sep_token", "</s>"},
                                                 {"pad_token", "<pad>"},
                                                 {"cls_token", "<s>"},
                                                 {"mask_token", "<mask>"},
                                                 {"model_max_length", 512}});
    writeJson(folder / "sentence_bert_config.json", {{"max_seq_length", 384}, {"do_lower_case", false}});
    writeJson(folder / "modules.json",
              nlohmann::ordered_json::array(
                  {{{"idx", 0}, {"name", "0"}, {"path", ""}, {"type", "sentence_transformers.models.Transformer"}},
                   {{"idx", 1}, {"name", "1"}, {"path", "1_Pooling"}, {"type", "sentence_transformers.models.Pooling"}},
                   {{"idx", 2},
                    {"name", "2"},
                    {"path", "2_Normalize"},
                    {"type", "sentence_transformers.models.Normalize"}}}));
    writeJson(folder / "1_Pooling" / "config.json", {{"word_embedding_dimension", C},
                                                     {"pooling_mode_cls_token", false},
                                                     {"pooling_mode_mean_tokens", true},
                                                     {"pooling_mode_max_tokens", false},
                                                     {"pooling_mode_mean_sqrt_len_tokens", false}});
    {
        std::ofstream out(folder / "vocab.txt");
        int64_t written = 0;
        for (const char *special : {"<s>", "<pad>", "</s>", "<unk>", "[PAD]", "[UNK]"}) {
            out << special << "\n";
            ++written;
        }
        for (const auto &word : words) {
            out << word << "\n";
            ++written;
        }
        for (; written < vocab - 1; ++written)
            out << "[unused" << written << "]\n";
        out << "<mask>\n";
        if (!out)
            throw Error((folder / "vocab.txt").string() + ": cannot write");
    }
    RandomTensors t(vocab + C + 1, seed);
    t.matrix("embeddings.word_embeddings.weight", vocab, C);
    t.matrix("embeddings.position_embeddings.weight", positions, C);
    t.ones("embeddings.LayerNorm.weight", C);
    t.zeros("embeddings.LayerNorm.bias", C);
    t.matrix("encoder.relative_attention_bias.weight", 32, heads);
    for (int64_t i = 0; i < layers; ++i) {
        const std::string p = "encoder.layer." + std::to_string(i) + ".";
        for (const char *name : {"attention.attn.q", "attention.attn.k", "attention.attn.v", "attention.attn.o"}) {
            t.matrix(p + name + ".weight", C, C);
            t.zeros(p + name + ".bias", C);
        }
        t.ones(p + "attention.LayerNorm.weight", C);
        t.zeros(p + "attention.LayerNorm.bias", C);
        t.matrix(p + "intermediate.dense.weight", intermediate, C);
        t.zeros(p + "intermediate.dense.bias", intermediate);
        t.matrix(p + "output.dense.weight", C, intermediate);
        t.zeros(p + "output.dense.bias", C);
        t.ones(p + "output.LayerNorm.weight", C);
        t.zeros(p + "output.LayerNorm.bias", C);
    }
    t.write(folder / "model.safetensors");
}

// Made-up detailed descriptions: a scene is a list of facts (attribute object, relation, attribute object); the
// candidate and its reference tell the same scene in different words, with some attributes changed.
struct Fact {
    std::string adjective, object, relation, otherAdjective, other;
};

class SceneWriter {
public:
    explicit SceneWriter(unsigned seed) : m_random(seed) {}

    std::vector<Fact> scene(int64_t facts)
    {
        std::vector<Fact> scene;
        for (int64_t i = 0; i < facts; ++i)
            scene.push_back({pick(kAdjectives), pick(kObjects), pick(kRelations), pick(kAdjectives), pick(kObjects)});
        return scene;
    }
    // One sentence per fact; `retell` varies the wording and changes some of the facts (in `scene` too).
    std::string describe(std::vector<Fact> &scene, bool retell)
    {
        std::string text;
        for (std::size_t i = 0; i < scene.size(); ++i) {
            Fact &f = scene[i];
            if (retell) { // some attributes, relations and objects told otherwise, so every matching stage works
                if (m_random() % 2 == 0)
                    f.adjective = pick(kAdjectives);
                if (m_random() % 3 == 0)
                    f.relation = pick(kRelations);
                if (m_random() % 4 == 0)
                    f.other = pick(kObjects);
            }
            const std::size_t form = (i + (retell ? 2 : 0)) % 4;
            std::string sentence;
            if (form == 0)
                sentence = "A " + f.adjective + " " + f.object + " is " + f.relation + " a " + f.otherAdjective + " " +
                           f.other + ".";
            else if (form == 1)
                sentence = "There is a " + f.adjective + " " + f.object + " " + f.relation + " the " + f.other +
                           ", which looks " + f.otherAdjective + ".";
            else if (form == 2)
                sentence = "The image also shows a " + f.adjective + " " + f.object + " " + f.relation + " a " +
                           f.otherAdjective + " " + f.other + " in the background.";
            else
                sentence = "Near the center, a " + f.otherAdjective + " " + f.other + " can be seen with a " +
                           f.adjective + " " + f.object + " " + f.relation + " it.";
            text += (text.empty() ? "" : " ") + sentence;
        }
        return text;
    }

    // The scene graph of each sentence as FACTUAL writes it, for matching elements independent of the parser.
    static std::vector<std::string> graphs(const std::vector<Fact> &scene)
    {
        std::vector<std::string> graphs;
        for (const Fact &f : scene)
            graphs.push_back("( " + f.object + " , is , " + f.adjective + " ) , ( " + f.other + " , is , " +
                             f.otherAdjective + " ) , ( " + f.object + " , " + f.relation + " , " + f.other + " )");
        return graphs;
    }

    static std::set<std::string> words()
    {
        std::set<std::string> all{"a",    "is",    "there", "the",        "which", "looks",  "image",
                                  "also", "shows", "in",    "background", "near",  "center", "can",
                                  "be",   "seen",  "with",  "it",         ".",     ","};
        for (const auto *list : {&kAdjectives, &kObjects, &kRelations})
            for (const auto &phrase : *list) {
                std::size_t start = 0;
                while (start <= phrase.size()) {
                    const std::size_t end = std::min(phrase.find(' ', start), phrase.size());
                    all.insert(phrase.substr(start, end - start));
                    start = end + 1;
                }
            }
        return all;
    }

private:
    const std::string &pick(const std::vector<std::string> &list) { return list[m_random() % list.size()]; }

    static inline const std::vector<std::string> kAdjectives{"red",   "white", "tall",    "small", "wooden", "old",
                                                             "young", "green", "blue",    "large", "black",  "shiny",
                                                             "brown", "empty", "striped", "metal", "bright", "dark"};
    static inline const std::vector<std::string> kObjects{
        "man",     "woman", "dog",      "cat",   "car",  "truck",  "table", "chair", "tree", "building", "horse",
        "bicycle", "boat",  "umbrella", "bench", "lamp", "window", "door",  "plate", "cup",  "sign",     "fence"};
    static inline const std::vector<std::string> kRelations{"next to", "in front of", "behind", "on",         "under",
                                                            "near",    "holding",     "riding", "sitting on", "beside"};

    std::mt19937 m_random;
};

// Counts the parser's work: its batches, their input and output tokens.
class CountingParser : public eval::SceneGraphParser {
public:
    explicit CountingParser(std::shared_ptr<const FactualSceneGraphParser> parser) : m_parser(std::move(parser)) {}

    std::vector<std::string> parse(const std::vector<std::string> &sentences) const override
    {
        return parseDescriptions({sentences}).front();
    }
    std::vector<std::vector<std::string>>
    parseDescriptions(const std::vector<std::vector<std::string>> &descriptions) const override
    {
        const auto eos = m_parser->model().config().eosTokenId;
        return m_parser->parseDescriptions(descriptions, [&](const auto &prompts, const auto &generated) {
            ++batches;
            for (const auto &prompt : prompts)
                inputTokens += static_cast<int64_t>(prompt.size());
            int64_t longest = 0;
            for (const auto &ids : generated) {
                // After the start token: tokens up to and including the end token; padding after it.
                int64_t tokens = 0;
                bool ended = false;
                for (std::size_t i = 1; i < ids.size() && !ended; ++i) {
                    ++tokens;
                    ended = ids[i] == eos;
                }
                generatedTokens += tokens;
                sentencesAtLimit += ended ? 0 : 1;
                longest = std::max(longest, tokens);
            }
            decoderSteps += longest;
        });
    }
    std::string source() const override { return m_parser->source(); }

    mutable int64_t batches = 0, inputTokens = 0, generatedTokens = 0, sentencesAtLimit = 0, decoderSteps = 0;

private:
    std::shared_ptr<const FactualSceneGraphParser> m_parser;
};

class TimedEmbedder : public eval::SentenceEmbedder {
public:
    explicit TimedEmbedder(std::shared_ptr<const eval::SentenceEmbedder> embedder) : m_embedder(std::move(embedder)) {}
    Embeddings embed(const std::vector<std::string> &texts) const override
    {
        const auto start = std::chrono::steady_clock::now();
        auto rows = m_embedder->embed(texts);
        seconds += secondsSince(start);
        phrases += static_cast<int64_t>(texts.size());
        return rows;
    }
    int64_t embeddingSize() const override { return m_embedder->embeddingSize(); }
    std::string source() const override { return m_embedder->source(); }

    mutable double seconds = 0;
    mutable int64_t phrases = 0;

private:
    std::shared_ptr<const eval::SentenceEmbedder> m_embedder;
};

} // namespace

double CaptureBenchmarkReport::parseSecondsPerDescription() const
{
    return descriptions > 0 ? parseSeconds / static_cast<double>(descriptions) : 0.0;
}

double CaptureBenchmarkReport::matchSecondsPerPair() const
{
    return pairs > 0 ? matchSeconds / static_cast<double>(pairs) : 0.0;
}

double CaptureBenchmarkReport::secondsPerDecoderStep() const
{
    return decoderSteps > 0 ? parseSeconds / static_cast<double>(decoderSteps) : 0.0;
}

CaptureBenchmarkReport benchmarkCapture(const CaptureBenchmarkRequest &request)
{
    if (request.pairs < 1 || request.sentences < 1)
        throw Error("capture benchmark: pairs and sentences must be at least 1");
    if (request.parserFolder.empty() && request.parserSpiece.empty())
        throw Error("capture benchmark: the random parser needs a sentencepiece unigram model (spiece.model, e.g. "
                    "tests/fixtures/t5-tiny/spiece.model or a Flan-T5 folder's), or give a parser folder");
    at::NoGradGuard noGrad;
    const Compute compute = Compute::parse(request.device, "f32");
    CaptureBenchmarkReport report;
    report.compute = compute.describe();
    report.threads = at::get_num_threads();

    // Random folders, written only when needed and removed afterwards.
    const bool random = request.parserFolder.empty() || request.encoderFolder.empty();
    const fs::path scratch = !request.scratchFolder.empty()
                                 ? fs::path(request.scratchFolder)
                                 : fs::temp_directory_path() / ("vindex-bench-capture-" + std::to_string(::getpid()));
    struct Cleanup {
        fs::path path;
        bool active;
        ~Cleanup()
        {
            std::error_code ignored;
            if (active)
                fs::remove_all(path, ignored);
        }
    } cleanup{scratch, random && request.scratchFolder.empty()};
    auto start = std::chrono::steady_clock::now();
    std::string parserFolder = request.parserFolder, encoderFolder = request.encoderFolder;
    if (parserFolder.empty()) {
        parserFolder = (scratch / "flan-t5-base-random").string();
        writeRandomT5(parserFolder, request.parserSpiece, request.seed);
        report.parser = "random flan-t5-base (spiece " + request.parserSpiece + ")";
    } else {
        report.parser = parserFolder;
    }
    if (encoderFolder.empty()) {
        encoderFolder = (scratch / "mpnet-base-random").string();
        writeRandomMpnet(encoderFolder, SceneWriter::words(), request.seed + 1);
        report.encoder = "random mpnet-base";
    } else {
        report.encoder = encoderFolder;
    }
    report.writeSeconds = random ? secondsSince(start) : 0.0;

    start = std::chrono::steady_clock::now();
    auto factual = std::make_shared<const FactualSceneGraphParser>(parserFolder, compute);
    auto parser = std::make_shared<CountingParser>(factual);
    auto embedder = std::make_shared<TimedEmbedder>(loadSentenceEmbedder(encoderFolder, request.device));
    report.loadSeconds = secondsSince(start);
    start = std::chrono::steady_clock::now();
    auto wordNet = std::make_shared<const eval::NltkWordNet>(eval::WordNet::shared(request.wordNetDirectory));
    report.wordNetSeconds = secondsSince(start);
    const eval::CaptureScore capture(parser, embedder, wordNet);

    SceneWriter writer(request.seed);
    struct Pair {
        std::string candidate, reference;
        std::vector<std::string> candidateGraphs, referenceGraphs;
    };
    std::vector<Pair> pairs;
    for (int64_t p = 0; p < request.pairs; ++p) {
        auto scene = writer.scene(request.sentences);
        Pair pair;
        pair.candidate = writer.describe(scene, false);
        pair.candidateGraphs = SceneWriter::graphs(scene);
        pair.reference = writer.describe(scene, true); // changes some attributes of the scene
        pair.referenceGraphs = SceneWriter::graphs(scene);
        pairs.push_back(std::move(pair));
    }
    report.pairs = request.pairs;
    report.descriptions = 2 * request.pairs;
    report.sentences = request.sentences;
    report.maxOutputTokens = 127; // max_length 128 counts the start token

    // Parsing is timed as eval captions parses a corpus: every description in one call, the parser's batches mixing
    // descriptions. The elements matched are those of the scenes' own graphs, so that matching has real work
    // whatever a random parser writes.
    std::vector<std::vector<std::string>> sentences;
    for (const Pair &pair : pairs)
        for (const std::string *description : {&pair.candidate, &pair.reference})
            sentences.push_back(eval::CaptureScore::splitSentences(*description));
    start = std::chrono::steady_clock::now();
    const auto graphs = parser->parseDescriptions(sentences);
    for (std::size_t d = 0; d < sentences.size(); ++d)
        capture.extract(d % 2 ? pairs[d / 2].reference : pairs[d / 2].candidate, graphs[d]);
    report.parseSeconds = secondsSince(start);
    std::vector<std::pair<eval::CaptureElements, eval::CaptureElements>> elements;
    for (const Pair &pair : pairs)
        elements.emplace_back(capture.extract(pair.candidate, pair.candidateGraphs),
                              capture.extract(pair.reference, pair.referenceGraphs));
    report.batches = parser->batches;
    report.inputTokens = parser->inputTokens;
    report.generatedTokens = parser->generatedTokens;
    report.sentencesAtLimit = parser->sentencesAtLimit;
    report.decoderSteps = parser->decoderSteps;

    start = std::chrono::steady_clock::now();
    for (const auto &[candidate, reference] : elements)
        report.meanCapture += capture.compare(candidate, reference).capture;
    report.matchSeconds = secondsSince(start);
    report.meanCapture /= static_cast<double>(elements.size());
    report.embedSeconds = embedder->seconds;
    report.embeddedPhrases = embedder->phrases;
    return report;
}

} // namespace vindex::models
