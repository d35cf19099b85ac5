#pragma once
// `vindex bench capture`: how long CAPTURE takes per description on this machine once its models are loaded —
// parsing each sentence with the FACTUAL parser (T5, beam search 5, at most 128 output tokens) and matching a
// candidate's elements against a reference's (exact, WordNet synonyms, sentence-embedding soft matching).
//
// Without model folders the models are the real architectures with random weights, written to a scratch folder
// and loaded the way users' folders are: a Flan-T5-base-shaped parser (d_model 768, 12 + 12 layers, 12 heads,
// d_ff 2048 gated-GELU, vocabulary 32128; its sentencepiece model is whichever unigram model is given, the model's
// vocabulary may be larger) and an MPNet-base-shaped encoder as all-mpnet-base-v2 (768 wide, 12 layers, 12 heads,
// MLP 3072, vocabulary 30527; its WordPiece vocabulary holds the benchmark's words). Random weights rarely produce
// the end token, so beams tend to run to the 128-token limit: the report gives the tokens generated, and the time
// per decoder step, to scale to a real parser's (shorter) outputs.
//
// The descriptions are made up from a fixed seed: detailed scenes of `sentences` sentences (objects with
// attributes and relations), each candidate paired with a reference of the same scene told differently; the
// matching stage compares the elements of the scenes' own graphs.
// No LibTorch header here: the CLI includes this.
#include <cstdint>
#include <string>
#include <vector>

namespace vindex::models {

struct CaptureBenchmarkRequest {
    std::string parserFolder;     // a T5 parser folder; empty: random Flan-T5-base weights
    std::string parserSpiece;     // for the random parser: a sentencepiece unigram model (spiece.model)
    std::string encoderFolder;    // a sentence-transformers folder; empty: random MPNet-base weights
    std::string wordNetDirectory; // empty: WordNet::locate()
    std::string scratchFolder;    // where random models are written; empty: a folder under the system's temp
    int64_t pairs = 4;            // candidate–reference pairs (2 × pairs descriptions are parsed)
    int64_t sentences = 5;        // per description
    unsigned seed = 16;
    std::string device = "cpu";
};

struct CaptureBenchmarkReport {
    std::string parser, encoder, compute; // what ran: folders, or "random flan-t5-base" / "random mpnet-base"
    int threads = 0;                      // LibTorch's intra-op threads
    int64_t descriptions = 0, pairs = 0, sentences = 0;
    double writeSeconds = 0;   // making the random folders (0 with real folders)
    double loadSeconds = 0;    // loading parser + encoder
    double wordNetSeconds = 0; // reading WordNet (once per process)
    // Parsing: every description's sentences through the parser as eval captions runs it (all descriptions in one
    // call, batches of 32 sentences mixing descriptions), plus lemmatising and filtering.
    double parseSeconds = 0;
    int64_t batches = 0;          // generate calls
    int64_t inputTokens = 0;      // encoder input tokens, summed over sentences
    int64_t generatedTokens = 0;  // output tokens of the best beam, summed over sentences
    int64_t sentencesAtLimit = 0; // sentences whose best beam ran to the output limit
    int64_t maxOutputTokens = 0;  // the limit (127 new tokens after the start token for max length 128)
    int64_t decoderSteps = 0;     // summed over batches: a batch decodes for as many steps as its longest output
    // Matching: every pair's comparison (three element types, soft matching included) of the elements of the
    // scenes' own graphs (the parser's output is timed, not used: a random parser's graphs are noise).
    double matchSeconds = 0;
    double embedSeconds = 0; // of matchSeconds: the sentence encoder
    int64_t embeddedPhrases = 0;
    double meanCapture = 0; // of the pairs (random models: a sanity number only)

    double parseSecondsPerDescription() const;
    double matchSecondsPerPair() const;
    // Parsing seconds per decoder step (one step advances every beam of a batch's running sentences together).
    double secondsPerDecoderStep() const;
};

CaptureBenchmarkReport benchmarkCapture(const CaptureBenchmarkRequest &request);

} // namespace vindex::models
