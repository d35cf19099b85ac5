// The caption report model and its writers on small hand-made files: scores, partial results, labels, trial
// selection, thumbnails from an images folder, manifests, escaping in HTML, quoting in CSV, and the PDF's structure.
#include "TestSupport.h"

#include "vindex/core/Error.h"
#include "vindex/io/ImageFile.h"
#include "vindex/report/CaptionReport.h"
#include "vindex/report/CsvReportWriter.h"
#include "vindex/report/HtmlReportWriter.h"
#include "vindex/report/JsonReportWriter.h"
#include "vindex/report/PdfReportWriter.h"
#include "vindex/report/ReportExport.h"
#include "vindex/report/RunManifest.h"
#include "vindex/report/Thumbnail.h"
#include "vindex/report/TrialSelection.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace vindex::report;
using testsupport::TempDir;
using testsupport::writeBytes;

namespace {

struct SmallStudy {
    TempDir dir;
    std::string references = dir.file("refs.json");
    std::string full = dir.file("full.json");
    std::string partial = dir.file("partial.json");

    SmallStudy()
    {
        writeBytes(references, R"({"0": ["a dog runs on the grass", "a brown dog running"],
                                    "1": ["a plate of food on a table", "food on a white plate"],
                                    "2": ["a man riding a wave on a surfboard", "a surfer on a wave"]})");
        writeBytes(full, R"({"0": "a dog running on grass", "1": "a <b>plate</b> & \"food\", 'served'",
                             "2": "a man surfing a wave"})");
        writeBytes(partial, R"({"0": "a cat on a sofa", "1": "a plate of food"})");
    }

    CaptionReportOptions options() const
    {
        CaptionReportOptions o;
        o.results = {full, partial};
        o.references = references;
        return o;
    }
};

std::size_t occurrences(const std::string &text, const std::string &what)
{
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

} // namespace

TEST(TrialSelection, ParsesRangesAndRefusesNonsense)
{
    const auto s = TrialSelection::parse("0:3, 10, 20:");
    EXPECT_FALSE(s.all());
    for (int i : {0, 1, 2, 10, 20, 500})
        EXPECT_TRUE(s.contains(i)) << i;
    for (int i : {3, 9, 11, 19})
        EXPECT_FALSE(s.contains(i)) << i;
    EXPECT_EQ(s.lastExplicit(), 20);
    EXPECT_TRUE(TrialSelection::parse("").all());
    EXPECT_EQ(TrialSelection::parse(":5").lastExplicit(), 4);
    for (const char *bad : {"5:2", "a:b", "-1", "3:3", ","})
        EXPECT_THROW(TrialSelection::parse(bad), vindex::Error) << bad;
}

TEST(RunManifest, IsFoundBesideResultsAndReadTolerantly)
{
    TempDir dir;
    writeBytes(dir.file("a.json"), "{}");
    EXPECT_EQ(RunManifest::locate(dir.file("a.json")), "");
    writeBytes(dir.file("a.manifest.json"), "{}");
    EXPECT_EQ(RunManifest::locate(dir.file("a.json")), dir.file("a.manifest.json"));
    writeBytes(dir.file("a.json.manifest.json"), "{}");
    EXPECT_EQ(RunManifest::locate(dir.file("a.json")), dir.file("a.json.manifest.json"));
    EXPECT_EQ(RunManifest::locate(dir.path().string()), "");
    writeBytes(dir.file("manifest.json"), "{}");
    EXPECT_EQ(RunManifest::locate(dir.path().string()), dir.file("manifest.json"));

    // The layout decode::CaptionRun writes.
    const auto run = RunManifest::parse(R"({"vindex": "0.1.0", "libraries": {"LibTorch": "1.13.0"},
        "written": "2026-11-20T09:14:03Z",
        "fingerprint": {"model": "/m/llava", "space": "se", "visual_tokens": 576, "prompt": "Describe <image>.",
                        "decoding": {"max_new_tokens": 32}, "inputs": {"kind": "nsd", "subject": 1,
                        "brain": {"checkpoint": "/c/brainx.pth", "kind": "BrainX"}}, "device": "cuda:0", "dtype": "bf16"},
        "model": "llava-v1.5-7b", "space": "se", "prompt_text": "USER: <image>\nDescribe <image>. ASSISTANT:",
        "models": [{"role": "mllm", "path": "/m/llava", "files": [{"name": "model.safetensors", "bytes": 1234,
                    "sha256": "ab12"}, {"name": "tokenizer.model", "bytes": 99, "sha256": "cd34"}]}],
        "decoding": {"max_new_tokens": 32, "batch": 8}, "captions": 982,
        "timings": {"seconds": 81.5, "generated_tokens": 9000}})",
                                        "r.json.manifest.json");
    EXPECT_EQ(run.problem, "");
    EXPECT_EQ(run.created, "2026-11-20T09:14:03Z");
    EXPECT_EQ(run.prompt, "Describe <image>.");
    EXPECT_EQ(run.promptText, "USER: <image>\nDescribe <image>. ASSISTANT:");
    EXPECT_EQ(run.device, "cuda:0");
    EXPECT_EQ(run.dtype, "bf16");
    EXPECT_EQ(run.versions, (std::vector<ManifestField>{{"vindex", "0.1.0"}, {"LibTorch", "1.13.0"}}));
    EXPECT_EQ(run.decoding, (std::vector<ManifestField>{{"max_new_tokens", "32"}, {"batch", "8"}}));
    ASSERT_EQ(run.models.size(), 1u);
    ASSERT_EQ(run.models[0].files.size(), 2u);
    EXPECT_EQ(run.models[0].files[0].name, "model.safetensors");
    EXPECT_EQ(run.models[0].files[0].bytes, 1234);
    EXPECT_EQ(run.models[0].files[1].sha256, "cd34");
    const auto has = [&](const std::string &name, const std::string &value) {
        return std::find(run.run.begin(), run.run.end(), ManifestField{name, value}) != run.run.end();
    };
    EXPECT_TRUE(has("model", "llava-v1.5-7b"));
    EXPECT_TRUE(has("captions", "982"));
    EXPECT_TRUE(has("seconds", "81.5"));
    EXPECT_TRUE(has("visual tokens", "576"));
    EXPECT_TRUE(has("input kind", "nsd"));
    EXPECT_TRUE(has("input brain kind", "BrainX"));

    // Unexpected types are shown, not fatal; unknown fields are kept.
    const auto m = RunManifest::parse(R"({"label": "BrainX", "subject": 1,
        "models": [{"role": "mllm", "name": "llava", "sha256": "ab"}, 7], "decoding": {"max_new_tokens": 64},
        "versions": "1.0", "seed_file": [1, 2]})",
                                      "m.json");
    EXPECT_EQ(m.label, "BrainX");
    ASSERT_EQ(m.run.size(), 1u);
    EXPECT_EQ(m.run[0], (ManifestField{"subject", "1"}));
    ASSERT_EQ(m.models.size(), 2u);
    EXPECT_EQ(m.models[0].sha256, "ab");
    EXPECT_EQ(m.models[1].name, "7");
    EXPECT_EQ(m.decoding[0], (ManifestField{"max_new_tokens", "64"}));
    EXPECT_EQ(m.other[0], (ManifestField{"seed_file", "[1,2]"}));
    EXPECT_NE(m.problem.find("m.json: a \"models\" entry is not an object; \"versions\" is not an object"),
              std::string::npos)
        << m.problem;

    const auto broken = RunManifest::parse("{\"label\": ", "broken.json");
    EXPECT_TRUE(broken.found());
    EXPECT_EQ(broken.problem.rfind("broken.json: is not valid JSON", 0), 0u) << broken.problem;
}

TEST(CaptionReport, LabelsTellPathsApart)
{
    EXPECT_EQ(
        CaptionReport::labelsFor({"x/braincap/sub01_decoded_caption.json", "x/sdrecon/sub01_decoded_caption.json"}),
        (std::vector<std::string>{"braincap", "sdrecon"}));
    EXPECT_EQ(CaptionReport::labelsFor({"x/braincap/sub01.json", "x/braincap/sub02.json"}),
              (std::vector<std::string>{"sub01", "sub02"}));
    EXPECT_EQ(CaptionReport::labelsFor({"a/m1/sub01.json", "a/m2/sub02.json"}),
              (std::vector<std::string>{"m1/sub01", "m2/sub02"}));
    EXPECT_EQ(CaptionReport::labelsFor({"runs/se"}), (std::vector<std::string>{"runs/se"}));
    EXPECT_EQ(CaptionReport::labelsFor({"r.json", "r.json"}), (std::vector<std::string>{"r", "r (2)"}));
}

TEST(CaptionReport, ScoresEveryResultAndSaysWhenOneIsPartial)
{
    SmallStudy study;
    auto options = study.options();
    options.labels = {"Full", "Partial"};
    const auto report = CaptionReport::build(options);
    ASSERT_EQ(report.results.size(), 2u);
    EXPECT_EQ(report.referenceTrials, 3u);
    EXPECT_EQ(report.referenceCaptions, 6u);
    EXPECT_EQ(report.scoreNames,
              (std::vector<std::string>{"BLEU-1", "BLEU-2", "BLEU-3", "BLEU-4", "ROUGE-L", "CIDEr"}));
    EXPECT_EQ(report.results[0].evaluation.ids.size(), 3u);
    EXPECT_EQ(report.results[1].evaluation.ids.size(), 2u);
    EXPECT_EQ(report.results[1].row("2"), -1);
    ASSERT_EQ(report.notes.size(), 1u);
    EXPECT_NE(report.notes[0].find("Partial: scored on 2 of the 3 reference trials"), std::string::npos);
    EXPECT_EQ(report.trials.size(), 3u);
    EXPECT_FALSE(report.results[0].manifest.found());
    EXPECT_EQ(report.perTrialScores(), (std::vector<std::size_t>{3, 4, 5}));

    options.trials = "1:3";
    EXPECT_EQ(CaptionReport::build(options).trials.size(), 2u);
    options.trials = "0:4";
    EXPECT_THROW(CaptionReport::build(options), vindex::DataError);
    options.trials = "";
    options.labels = {"one"};
    EXPECT_THROW(CaptionReport::build(options), vindex::Error);
    options.labels = {};
    options.results = {study.dir.file("absent.json")};
    try {
        CaptionReport::build(options);
        FAIL() << "no error for a missing results file";
    } catch (const vindex::DataError &e) {
        EXPECT_NE(std::string(e.what()).find("absent.json: no such results file or run folder"), std::string::npos);
    }
}

TEST(CaptionReport, ReadsRunFoldersWithManifests)
{
    SmallStudy study;
    const auto run = study.dir.path() / "run";
    std::filesystem::create_directories(run);
    std::filesystem::copy_file(study.full, run / "results.json");
    writeBytes((run / "manifest.json").string(), R"({"label": "SE run", "prompt": "Describe <image>."})");
    auto options = study.options();
    options.results = {run.string()};
    const auto report = CaptionReport::build(options);
    EXPECT_EQ(report.results[0].label, "SE run");
    EXPECT_EQ(report.results[0].resultsPath, (run / "results.json").string());
    EXPECT_EQ(report.results[0].manifest.prompt, "Describe <image>.");
    EXPECT_NE(HtmlReportWriter::toHtml(report).find("&ldquo;Describe &lt;image&gt;.&rdquo;"), std::string::npos);

    // The manifest may name the references (relative to its folder); then no --references is needed.
    writeBytes((run / "manifest.json").string(), R"({"references": "../refs.json"})");
    options.references.clear();
    const auto fromManifest = CaptionReport::build(options);
    EXPECT_EQ(fromManifest.referencesPath, study.references);
    EXPECT_EQ(fromManifest.referenceTrials, 3u);
    writeBytes((run / "manifest.json").string(), "{}");
    try {
        CaptionReport::build(options);
        FAIL() << "no error without references";
    } catch (const vindex::Error &e) {
        EXPECT_NE(std::string(e.what()).find("give --references R.json"), std::string::npos) << e.what();
    }

    std::filesystem::remove(run / "results.json");
    EXPECT_THROW(CaptionReport::build(options), vindex::DataError);
}

TEST(CaptionReport, LoadsThumbnailsFromAnImagesFolder)
{
    SmallStudy study;
    const auto images = study.dir.path() / "images";
    std::filesystem::create_directories(images);
    vindex::io::ImageFile::writePng((images / "0.png").string(), vindex::io::RgbImage(300, 200, {10, 200, 10}));
    vindex::io::ImageFile::writeJpeg((images / "1.jpg").string(), vindex::io::RgbImage(64, 64, {200, 10, 10}));
    auto options = study.options();
    options.imagesDir = images.string();
    options.trials = "0:2";
    const auto report = CaptionReport::build(options);
    ASSERT_EQ(report.trials.size(), 2u);
    EXPECT_EQ(report.trials[0].thumbnail.width, 128);
    EXPECT_EQ(report.trials[0].thumbnail.height, 85);
    EXPECT_EQ(report.trials[0].stimulus, "0.png");
    EXPECT_EQ(report.trials[1].thumbnail.width, 64); // never enlarged
    const auto decoded = vindex::io::ImageFile::decode(report.trials[0].thumbnail.jpeg, "thumbnail");
    EXPECT_NEAR(decoded.at(60, 40)[1], 200, 4);

    const std::string html = HtmlReportWriter::toHtml(report);
    EXPECT_EQ(occurrences(html, "src=\"data:image/jpeg;base64,"), 2u);

    options.trials = "0:3";
    try {
        CaptionReport::build(options);
        FAIL() << "no error for a missing image";
    } catch (const vindex::DataError &e) {
        EXPECT_NE(std::string(e.what()).find("no image for trial 2 (looked for 2.png, .jpg and .jpeg)"),
                  std::string::npos)
            << e.what();
    }
}

TEST(Thumbnail, ShrinksByAreaAverage)
{
    vindex::io::RgbImage stripes(4, 2);
    for (int y = 0; y < 2; ++y)
        for (int x = 0; x < 4; ++x)
            stripes.at(x, y)[0] = x % 2 ? 255 : 0;
    const auto half = Thumbnail::shrink(stripes, 2, 1);
    EXPECT_EQ(half.at(0, 0)[0], 128); // (0 + 255) / 2, rounded
    EXPECT_EQ(half.at(1, 0)[0], 128);
}

TEST(HtmlReportWriter, EscapesEveryTextFromFilesAndIsSelfContained)
{
    EXPECT_EQ(HtmlReportWriter::escape("<a href=\"x\">'&'</a>"),
              "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    SmallStudy study;
    auto options = study.options();
    options.title = "Study <1> & \"2\"";
    options.labels = {"<script>alert(1)</script>", "B&B"};
    const std::string html = HtmlReportWriter::toHtml(CaptionReport::build(options));
    EXPECT_EQ(html.find("<script"), std::string::npos);
    EXPECT_EQ(html.find("<b>plate</b>"), std::string::npos);
    EXPECT_NE(html.find("a &lt;b&gt;plate&lt;/b&gt; &amp; &quot;food&quot;, &#39;served&#39;"), std::string::npos);
    EXPECT_NE(html.find("<title>Study &lt;1&gt; &amp; &quot;2&quot;</title>"), std::string::npos);
    EXPECT_NE(html.find("B&amp;B"), std::string::npos);
    // Nothing fetched from elsewhere.
    EXPECT_EQ(html.find("<link"), std::string::npos);
    EXPECT_EQ(html.find("src=\"http"), std::string::npos);
    EXPECT_EQ(html.find("url("), std::string::npos);
    EXPECT_NE(html.find("<svg class=\"chart\""), std::string::npos);
    EXPECT_NE(html.find("not decoded"), std::string::npos); // partial result, trial 2
}

TEST(CsvReportWriter, OneQuotedRowPerTrialAndResult)
{
    EXPECT_EQ(CsvReportWriter::field("plain"), "plain");
    EXPECT_EQ(CsvReportWriter::field("a, \"b\""), "\"a, \"\"b\"\"\"");
    SmallStudy study;
    auto options = study.options();
    options.labels = {"Full", "Partial"};
    const std::string csv = CsvReportWriter::toCsv(CaptionReport::build(options));
    EXPECT_EQ(csv.substr(0, csv.find('\n')),
              "trial,result,results_file,caption,BLEU-1,BLEU-2,BLEU-3,BLEU-4,ROUGE-L,CIDEr,stimulus,references");
    EXPECT_EQ(occurrences(csv, "\n"), 1u + 3 * 2);
    EXPECT_NE(csv.find(",\"a <b>plate</b> & \"\"food\"\", 'served'\","), std::string::npos);
    EXPECT_NE(
        csv.find("2,Partial," + study.partial + ",,,,,,,,,a man riding a wave on a surfboard | a surfer on a wave\n"),
        std::string::npos)
        << csv;
}

TEST(JsonReportWriter, HoldsCorpusAndPerTrialScores)
{
    SmallStudy study;
    const auto report = CaptionReport::build(study.options());
    const auto json = JsonReportWriter::toJson(report);
    EXPECT_EQ(json["format"], "vindex-caption-report/1");
    EXPECT_DOUBLE_EQ(json["results"][0]["corpus"]["CIDEr"].get<double>(), report.results[0].evaluation.value("CIDEr"));
    EXPECT_EQ(json["results"][1]["scored_trials"], 2);
    EXPECT_TRUE(json["results"][0]["manifest"].is_null());
    ASSERT_EQ(json["trials"].size(), 3u);
    EXPECT_TRUE(json["trials"][2]["decoded"][1]["caption"].is_null());
    EXPECT_EQ(json["trials"][0]["references"][1], "a brown dog running");
}

TEST(PdfReportWriter, PagesAreNumberedAndTheStructureHolds)
{
    SmallStudy study;
    // 60 trials: the per-trial table runs over several pages.
    std::string references = "{", results = "{";
    for (int i = 0; i < 60; ++i) {
        references += (i ? ", \"" : "\"") + std::to_string(i) +
                      "\": [\"a person riding a horse on a beach near the ocean\", \"a horse and rider on sand\", "
                      "\"somebody rides a brown horse along the shore\"]";
        results += (i ? ", \"" : "\"") + std::to_string(i) + "\": \"a man riding a horse on the beach\"";
    }
    writeBytes(study.references, references + "}");
    writeBytes(study.full, results + "}");
    auto options = study.options();
    options.results = {study.full};
    auto document = PdfReportWriter::toPdf(CaptionReport::build(options));
    const std::size_t pages = document.pageCount();
    ASSERT_GE(pages, 3u);
    document.setCompressContent(false);
    const std::string pdf = document.toBytes();
    EXPECT_NE(pdf.find("/Type /Pages /Count " + std::to_string(pages) + " "), std::string::npos);
    for (std::size_t p = 1; p <= pages; ++p)
        EXPECT_NE(pdf.find("(Page " + std::to_string(p) + " of " + std::to_string(pages) + ") Tj"), std::string::npos);
    // The per-trial header repeats on every page the table continues on.
    EXPECT_GE(occurrences(pdf, "(Decoded caption) Tj"), pages - 1);
    EXPECT_NE(pdf.find("(Caption decoding report) Tj"), std::string::npos);
    // Offsets in the xref table point at their objects.
    const std::size_t xref = std::stoul(pdf.substr(pdf.rfind("startxref\n") + 10));
    const std::size_t first = pdf.find('\n', xref + 5) + 1;
    for (std::size_t n = 1; n < 10; ++n) {
        const std::size_t offset = std::stoul(pdf.substr(first + 20 * n, 10));
        EXPECT_EQ(pdf.compare(offset, std::to_string(n).size() + 6, std::to_string(n) + " 0 obj"), 0);
    }
}

TEST(ReportExport, ChoosesTheFormatByNameOrExtension)
{
    EXPECT_EQ(ReportExport::fromPath("a/report.HTML"), ReportFormat::Html);
    EXPECT_EQ(ReportExport::fromPath("r.pdf"), ReportFormat::Pdf);
    EXPECT_EQ(ReportExport::fromPath("r.csv"), ReportFormat::Csv);
    EXPECT_EQ(ReportExport::parse("JSON"), ReportFormat::Json);
    EXPECT_THROW(ReportExport::fromPath("r.docx"), vindex::Error);
    EXPECT_THROW(ReportExport::parse("xml"), vindex::Error);
}
