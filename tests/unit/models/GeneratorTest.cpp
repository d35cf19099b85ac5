#include "ParitySupport.h"

#include "vindex/core/Error.h"
#include "vindex/models/DecodeBenchmark.h"
#include "vindex/models/Generator.h"
#include "vindex/models/LlamaConfig.h"
#include "vindex/models/LlamaModel.h"
#include "vindex/models/Projector.h"
#include "vindex/models/Tokenizer.h"
#include "vindex/models/WeightLoader.h"

#include <gtest/gtest.h>

#include <atomic>

using namespace vindex::models;
using testsupport::expectedTensor;
using testsupport::fixture;

namespace {

using testsupport::idsOf;

struct Fixture {
    WeightLoader weights{fixture("llava-tiny"), Compute{}};
    LlamaModel model{LlamaConfig::load(fixture("llava-tiny")), weights, {"model.", "lm_head.weight"}};
    Tokenizer tokenizer = Tokenizer::load(fixture("llava-tiny"));
    Generator generator{model, &tokenizer};
};

Fixture &tiny()
{
    static Fixture f;
    return f;
}

GenerationOptions greedy(int64_t maxNewTokens)
{
    GenerationOptions o;
    o.maxNewTokens = maxNewTokens;
    return o;
}

} // namespace

TEST(Generator, GreedyFromSplicedEmbeddingsMatchesTheReference)
{
    auto &f = tiny();
    const auto embeds = expectedTensor("llava-tiny", "inputs_embeds")[0];
    const auto expected = idsOf(expectedTensor("llava-tiny", "generated"));
    const auto result = f.generator.generate({embeds}, greedy(24));
    EXPECT_EQ(result.tokens[0], expected);
    EXPECT_EQ(result.finish[0], GenerationResult::Finish::Length);
    const auto json = testsupport::readJson(fixture("llava-tiny/expected.json"));
    EXPECT_EQ(result.texts[0], json["generated_text"].get<std::string>());
    EXPECT_EQ(result.promptTokens, 67);
    EXPECT_EQ(result.generatedTokens, 24);
    EXPECT_GT(result.prefillSeconds, 0);
    EXPECT_GT(result.decodeTokensPerSecond(), 0);
    std::cout << "[ timing ] llava-tiny prefill " << result.prefillTokensPerSecond() << " tok/s, decode "
              << result.decodeTokensPerSecond() << " tok/s\n";
}

TEST(Generator, GreedyFromBrainFeaturesMatchesTheReference)
{
    // The brain path: the 16 image tokens (after BOS + 32 prompt ids) replaced by the projected brain features.
    auto &f = tiny();
    const auto config = testsupport::readJson(fixture("llava-tiny/config.json"));
    const auto projector = Projector::load(f.weights.scoped("model.mm_projector."), Projector::Type::Mlp2xGelu,
                                           config["mm_hidden_size"], config["hidden_size"]);
    auto embeds = expectedTensor("llava-tiny", "inputs_embeds")[0].clone();
    embeds.narrow(0, 33, 16).copy_(projector.forward(expectedTensor("llava-tiny", "brain_features")[0]));
    const auto result = f.generator.generate({embeds}, greedy(24));
    EXPECT_EQ(result.tokens[0], idsOf(expectedTensor("llava-tiny", "brain_generated")));
    const auto json = testsupport::readJson(fixture("llava-tiny/expected.json"));
    EXPECT_EQ(result.texts[0], json["brain_generated_text"].get<std::string>());
}

TEST(Generator, BatchedEqualsAlone)
{
    auto &f = tiny();
    const auto textIds = expectedTensor("llava-tiny", "text_ids");
    const auto row0 = idsOf(textIds[0]), row1 = idsOf(textIds[1]);
    const std::vector<int64_t> shortRow0(row0.begin(), row0.begin() + 7);
    for (const auto &prompts :
         {std::vector<std::vector<int64_t>>{row0, row1}, std::vector<std::vector<int64_t>>{shortRow0, row1},
          std::vector<std::vector<int64_t>>{row1, shortRow0, row0}}) {
        const auto batched = f.generator.generateFromIds(prompts, greedy(16));
        ASSERT_EQ(batched.tokens.size(), prompts.size());
        for (std::size_t i = 0; i < prompts.size(); ++i) {
            const auto alone = f.generator.generateFromIds({prompts[i]}, greedy(16));
            EXPECT_EQ(batched.tokens[i], alone.tokens[0]) << "prompt " << i << " of " << prompts.size();
            EXPECT_EQ(batched.tokens[i].size(), 16u);
        }
    }
}

TEST(Generator, FinishedSequencesLeaveTheBatchWithoutDisturbingOthers)
{
    auto &f = tiny();
    const auto textIds = expectedTensor("llava-tiny", "text_ids");
    const auto row0 = idsOf(textIds[0]), row1 = idsOf(textIds[1]);
    const std::vector<int64_t> shortRow1(row1.begin(), row1.begin() + 5);
    auto options = greedy(12);
    int calls = 0;
    options.onToken = [&](const GeneratedToken &t) {
        ++calls;
        return !(t.sequence == 1 && t.step == 2); // stop the middle prompt after 3 tokens
    };
    const auto batched = f.generator.generateFromIds({row0, shortRow1, row1}, options);
    EXPECT_EQ(batched.tokens[1].size(), 3u);
    EXPECT_EQ(batched.finish[1], GenerationResult::Finish::Callback);
    EXPECT_EQ(calls, 12 + 3 + 12);
    EXPECT_EQ(batched.tokens[0], f.generator.generateFromIds({row0}, greedy(12)).tokens[0]);
    EXPECT_EQ(batched.tokens[2], f.generator.generateFromIds({row1}, greedy(12)).tokens[0]);
    const auto aloneShort = f.generator.generateFromIds({shortRow1}, greedy(3)).tokens[0];
    EXPECT_EQ(batched.tokens[1], aloneShort);
}

TEST(Generator, SamplingIsReproducibleAndColdSamplingIsGreedy)
{
    auto &f = tiny();
    const auto embeds = expectedTensor("llava-tiny", "inputs_embeds")[0];
    GenerationOptions sample = greedy(24);
    sample.doSample = true;
    sample.temperature = 1.0;
    sample.topP = 0.9;
    sample.seed = 42;
    const auto a = f.generator.generate({embeds}, sample);
    const auto b = f.generator.generate({embeds}, sample);
    EXPECT_EQ(a.tokens[0], b.tokens[0]);
    sample.seed = 43;
    sample.topP = 1.0;
    const auto c = f.generator.generate({embeds}, sample);
    EXPECT_NE(a.tokens[0], c.tokens[0]); // 24 draws from an untrained model: equal only by a freak chance

    const auto expected = idsOf(expectedTensor("llava-tiny", "generated"));
    sample.temperature = 1e-3;
    EXPECT_EQ(f.generator.generate({embeds}, sample).tokens[0], expected);
    sample.temperature = 0; // greedy by definition
    EXPECT_EQ(f.generator.generate({embeds}, sample).tokens[0], expected);
    sample.temperature = 1.0;
    sample.topP = 1e-6; // only the best token survives top-p
    EXPECT_EQ(f.generator.generate({embeds}, sample).tokens[0], expected);
}

TEST(Generator, StopsAtEosStopStringsAndMaxNewTokens)
{
    auto &f = tiny();
    const auto embeds = expectedTensor("llava-tiny", "inputs_embeds")[0];
    const auto expected = idsOf(expectedTensor("llava-tiny", "generated"));

    auto options = greedy(24);
    options.eosTokenIds = {expected[5]}; // 484 first appears at step 5
    auto result = f.generator.generate({embeds}, options);
    EXPECT_EQ(result.tokens[0], std::vector<int64_t>(expected.begin(), expected.begin() + 5));
    EXPECT_EQ(result.finish[0], GenerationResult::Finish::Eos);

    options = greedy(24);
    options.stopStrings = {"tetan"};
    result = f.generator.generate({embeds}, options);
    EXPECT_EQ(result.finish[0], GenerationResult::Finish::StopString);
    const std::string full = testsupport::readJson(fixture("llava-tiny/expected.json"))["generated_text"];
    EXPECT_EQ(result.texts[0], full.substr(0, full.find("tetan")));
    ASSERT_LT(result.tokens[0].size(), expected.size());
    EXPECT_EQ(result.tokens[0], std::vector<int64_t>(expected.begin(), expected.begin() + result.tokens[0].size()));
    EXPECT_NE(f.tokenizer.decode(result.tokens[0]).find("tetan"), std::string::npos);

    result = f.generator.generate({embeds}, greedy(5));
    EXPECT_EQ(result.tokens[0], std::vector<int64_t>(expected.begin(), expected.begin() + 5));
    EXPECT_EQ(result.finish[0], GenerationResult::Finish::Length);

    const Generator noTokenizer(f.model);
    EXPECT_THROW(noTokenizer.generate({embeds}, options), vindex::ModelError);
    EXPECT_THROW(f.generator.generate({}, greedy(4)), vindex::ModelError);
    EXPECT_THROW(f.generator.generate({embeds.narrow(1, 0, 10)}, greedy(4)), vindex::ModelError);
    EXPECT_THROW(f.generator.generateFromIds({{1, -200, 5}}, greedy(4)), vindex::ModelError);
}

TEST(Generator, CancelsBetweenSteps)
{
    // Cancelled from the third token's callback: the step that made it is the last one.
    auto &f = tiny();
    const auto embeds = expectedTensor("llava-tiny", "inputs_embeds")[0];
    vindex::JobControl job;
    int tokens = 0;
    auto options = greedy(6);
    options.job = &job;
    options.onToken = [&](const vindex::models::GeneratedToken &) {
        if (++tokens == 3)
            job.cancel();
        return true;
    };
    EXPECT_THROW(f.generator.generate({embeds}, options), vindex::Cancelled);
    EXPECT_EQ(tokens, 3);
}

TEST(DecodeBenchmark, MeasuresPrefillAndDecode)
{
    auto &f = tiny();
    const auto result = DecodeBenchmark::run(f.model, {32, 16, 2, 1});
    EXPECT_EQ(result.batch, 2);
    EXPECT_EQ(result.promptLength, 32);
    EXPECT_EQ(result.newTokens, 16);
    EXPECT_GT(result.prefillTokensPerSecond, 0);
    EXPECT_GT(result.decodeTokensPerSecond, 0);
    std::cout << "[ bench ] llava-tiny CPU batch 2, prompt 32: prefill " << result.prefillTokensPerSecond
              << " tok/s, decode " << result.decodeTokensPerSecond << " tok/s\n";
}

TEST(Generator, ShikraBrainPathMatchesTheReference)
{
    // Shikra layout: vocab 515 with <im_patch>/<im_start>/<im_end>, rms eps 1e-6, a single linear projector whose
    // outputs replace the 16 <im_patch> embeddings after <im_start>.
    const WeightLoader weights(fixture("shikra-tiny"), Compute{});
    const LlamaModel model(LlamaConfig::load(fixture("shikra-tiny")), weights, LlamaModel::detectLayout(weights));
    auto tokenizer = Tokenizer::load(fixture("shikra-tiny"));
    tokenizer.setSpacing(Tokenizer::Spacing::Legacy);
    const auto expectedJson = testsupport::readJson(fixture("shikra-tiny/expected.json"));
    const auto ids = tokenizer.encode(expectedJson["prompt"].get<std::string>());
    ASSERT_EQ(ids, expectedJson["input_ids"].get<std::vector<int64_t>>());
    const auto start = std::find(ids.begin(), ids.end(), tokenizer.idOf("<im_start>")) - ids.begin();
    ASSERT_EQ(ids[start + 17], tokenizer.idOf("<im_end>"));

    const auto projector = Projector::load(weights.scoped("model.mm_projector."), Projector::Type::Linear, 64, 64);
    auto embeds = model.embed(at::tensor(ids, at::TensorOptions().dtype(at::kLong)).view({1, -1}))[0].clone();
    embeds.narrow(0, start + 1, 16).copy_(projector.forward(expectedTensor("shikra-tiny", "brain_features")[0]));

    const auto positions = at::arange(embeds.size(0), at::kLong).unsqueeze(0);
    const auto last = model.forward(embeds.unsqueeze(0), positions, at::ones_like(positions), nullptr,
                                    LlamaModel::Logits::LastOnly)[0];
    const double error = testsupport::maxAbsError(last, expectedTensor("shikra-tiny", "brain_last_logits"));
    std::cout << "[ parity ] shikra-tiny brain_last_logits max abs error " << error << "\n";
    EXPECT_LE(error, 1e-4);
    const Generator generator(model, &tokenizer);
    EXPECT_EQ(generator.generate({embeds}, greedy(16)).tokens[0],
              idsOf(expectedTensor("shikra-tiny", "brain_generated")));
}
