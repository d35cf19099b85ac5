// `vindex report` on BrainHub's published captions, as a user runs it: the corpus numbers in the report are the
// README's, the HTML opens in Chromium (headless screenshot), the PDF converts to pages with pdftoppm and passes
// qpdf --check, and what they render is not blank. Set VINDEX_REPORT_ARTIFACTS=DIR to keep the rendered PNGs.
#include "CliRunner.h"
#include "PngProbe.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

const std::string kReferences = fixture("../brainhub/caption/fmri_cococap.json");
const std::string kBrainCap = fixture("../brainhub/caption/comparison/braincap/sub01_decoded_caption.json");
const std::string kSdRecon = fixture("../brainhub/caption/comparison/sdrecon/sub01_decoded_caption.json");
const std::string kMiniNsd = fixture("mini-nsd");

struct TempFolder {
    fs::path path;
    explicit TempFolder(const std::string &name)
        : path(fs::temp_directory_path() / ("vindex-report-" + std::to_string(::getpid()) + "-" + name))
    {
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempFolder() { fs::remove_all(path); }
    std::string file(const std::string &name) const { return (path / name).string(); }
};

std::size_t occurrences(const std::string &text, const std::string &what)
{
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

std::string findProgram(std::initializer_list<const char *> names)
{
    const char *path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "/usr/bin:/bin");
    std::string dir;
    while (std::getline(dirs, dir, ':'))
        for (const char *name : names)
            if (::access((fs::path(dir) / name).c_str(), X_OK) == 0)
                return (fs::path(dir) / name).string();
    return {};
}

std::string quote(const std::string &s)
{
    std::string q = "'";
    for (char c : s)
        q += (c == '\'') ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

int shell(const std::string &command, const std::string &log)
{
    return std::system(("timeout 180 " + command + " >" + quote(log) + " 2>&1 </dev/null").c_str());
}

void keepArtifact(const std::string &path, const std::string &name)
{
    if (const char *dir = std::getenv("VINDEX_REPORT_ARTIFACTS")) {
        fs::create_directories(dir);
        fs::copy_file(path, fs::path(dir) / name, fs::copy_options::overwrite_existing);
    }
}

// The closed-form synthetic NSD of `vindex demo --world closed-form` (10 test images per subject): thumbnails for
// BrainHub's trials 0..7.
class ReportCommand : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        s_demo = new TempFolder("demo");
        const auto r = runCli({"demo", "--out", (s_demo->path / "nsd").string(), "--world", "closed-form"});
        ASSERT_EQ(r.exitCode, 0) << r.err;
    }
    static void TearDownTestSuite()
    {
        delete s_demo;
        s_demo = nullptr;
    }
    static std::string demoRoot() { return (s_demo->path / "nsd").string(); }

    static CliResult report(const std::string &out, std::vector<std::string> extra = {})
    {
        std::vector<std::string> args = {"report",       "--results", kBrainCap, kSdRecon,
                                         "--references", kReferences, "--out",   out};
        args.insert(args.end(), extra.begin(), extra.end());
        return runCli(args);
    }
    static std::vector<std::string> withStimuli()
    {
        return {"--root", demoRoot(), "--subject", "1", "--trials", "0:8", "--title", "BrainHub captions, subject 1"};
    }

    static TempFolder *s_demo;
};

TempFolder *ReportCommand::s_demo = nullptr;

} // namespace

TEST_F(ReportCommand, HtmlShowsTheReadmeNumbersReferencesCaptionsAndThumbnails)
{
    TempFolder out("html");
    const auto r = report(out.file("report.html"), withStimuli());
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("wrote " + out.file("report.html") + " (html): 2 results, 8 trials listed with stimuli"),
              std::string::npos)
        << r.out;
    const std::string html = readFileBytes(out.file("report.html"));
    // ../shared/brainhub/README.md: BrainCap and SDRecon, subject 1 (exact fractions and leaderboard ×100).
    for (const char *value : {"0.5595757954", "0.1451224911", "0.4069207701", "0.4130323402", "0.3620544216",
                              "0.0342547181", "0.1383184611", ">55.96<", ">41.30<", ">13.83<"})
        EXPECT_NE(html.find(value), std::string::npos) << value;
    EXPECT_NE(html.find("<title>BrainHub captions, subject 1</title>"), std::string::npos);
    EXPECT_EQ(occurrences(html, "src=\"data:image/jpeg;base64,"), 8u);
    EXPECT_EQ(occurrences(html, "<tbody><tr><td class=\"trial\">"), 8u);
    EXPECT_NE(html.find("<li>People shopping in an open market for vegetables.</li>"), std::string::npos);
    EXPECT_NE(html.find("a group of people eating food at a table."), std::string::npos); // BrainCap, trial 0
    EXPECT_NE(html.find("a man with several women at his lunch"), std::string::npos);     // SDRecon, trial 0
    EXPECT_NE(html.find("no manifest"), std::string::npos);
    EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg")); // only the SVG namespace
}

TEST_F(ReportCommand, HtmlOpensInChromium)
{
    const std::string chromium = findProgram({"chromium", "chromium-browser", "google-chrome"});
    if (chromium.empty())
        GTEST_SKIP() << "chromium is not installed (packaging/install-deps.sh installs it)";
    TempFolder out("chromium");
    const auto r = report(out.file("report.html"), withStimuli());
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::string shot = out.file("report.png");
    // --no-sandbox: CI runs as root; a profile of its own keeps parallel runs apart.
    const int status = shell(quote(chromium) + " --headless --no-sandbox --disable-gpu --hide-scrollbars " +
                                 "--user-data-dir=" + quote(out.file("profile")) + " --screenshot=" + quote(shot) +
                                 " --window-size=1280,2000 " + quote("file://" + out.file("report.html")),
                             out.file("chromium.log"));
    ASSERT_EQ(status, 0) << readFileBytes(out.file("chromium.log"));
    const auto png = probePng(shot);
    ASSERT_TRUE(png.read) << png.error << "\n" << readFileBytes(out.file("chromium.log"));
    EXPECT_EQ(png.width, 1280);
    EXPECT_EQ(png.height, 2000);
    EXPECT_GT(png.darkFraction, 0.01) << "no text rendered";
    EXPECT_GT(png.lightFraction, 0.5) << "not a light page";
    EXPECT_GT(png.colouredFraction, 0.005) << "no bars, swatches or thumbnails rendered";
    keepArtifact(shot, "report-html.png");
}

TEST_F(ReportCommand, PdfConvertsToPagesWithPdftoppm)
{
    const std::string pdftoppm = findProgram({"pdftoppm"});
    if (pdftoppm.empty())
        GTEST_SKIP() << "pdftoppm (poppler-utils) is not installed (packaging/install-deps.sh installs it)";
    TempFolder out("pdf");
    const auto r = report(out.file("report.pdf"), withStimuli());
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::string pdf = readFileBytes(out.file("report.pdf"));
    ASSERT_EQ(pdf.rfind("%PDF-1.4", 0), 0u);
    const std::size_t pages = occurrences(pdf, "/Type /Page /Parent");
    EXPECT_GE(pages, 2u);

    ASSERT_EQ(shell(quote(pdftoppm) + " -png -r 60 " + quote(out.file("report.pdf")) + " " + quote(out.file("page")),
                    out.file("pdftoppm.log")),
              0)
        << readFileBytes(out.file("pdftoppm.log"));
    EXPECT_EQ(readFileBytes(out.file("pdftoppm.log")), "") << "poppler complained about the file";
    std::vector<std::string> pngs;
    for (const auto &entry : fs::directory_iterator(out.path))
        if (entry.path().filename().string().rfind("page-", 0) == 0 && entry.path().extension() == ".png")
            pngs.push_back(entry.path().string());
    std::sort(pngs.begin(), pngs.end());
    ASSERT_EQ(pngs.size(), pages);
    for (std::size_t p = 0; p < pngs.size(); ++p) {
        const auto png = probePng(pngs[p]);
        ASSERT_TRUE(png.read) << png.error;
        EXPECT_NEAR(png.width, 496, 2); // A4 at 60 dpi
        EXPECT_GT(png.darkFraction, 0.0005) << pngs[p] << " has no text";
        EXPECT_GT(png.lightFraction, 0.6) << pngs[p];
        keepArtifact(pngs[p], "report-pdf-page-" + std::to_string(p + 1) + ".png");
    }
    EXPECT_GT(probePng(pngs[0]).colouredFraction, 0.005) << "no bars or thumbnails on page 1";

    const std::string qpdf = findProgram({"qpdf"});
    if (!qpdf.empty()) {
        const int status = shell(quote(qpdf) + " --check " + quote(out.file("report.pdf")), out.file("qpdf.log"));
        EXPECT_EQ(status, 0) << readFileBytes(out.file("qpdf.log"));
        EXPECT_NE(readFileBytes(out.file("qpdf.log")).find("No syntax or stream encoding errors"), std::string::npos)
            << readFileBytes(out.file("qpdf.log"));
    }
}

TEST_F(ReportCommand, CsvAndJsonHoldTheSameNumbers)
{
    TempFolder out("data");
    auto r = report(out.file("trials.csv"), {"--trials", "0:8"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const std::string csv = readFileBytes(out.file("trials.csv"));
    EXPECT_EQ(occurrences(csv, "\n"), 1u + 8 * 2);
    EXPECT_EQ(csv.rfind("trial,result,results_file,caption,BLEU-1,", 0), 0u);
    EXPECT_NE(csv.find("0,braincap," + kBrainCap + ",a group of people eating food at a table.,"), std::string::npos);

    r = report(out.file("report.json"), {"--trials", "0:8", "--labels", "BrainCap,SDRecon"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto json = readJsonFile(out.file("report.json"));
    EXPECT_EQ(json["trials"].size(), 8u);
    EXPECT_EQ(json["results"][0]["label"], "BrainCap");
    EXPECT_NEAR(json["results"][0]["corpus"]["CIDEr"].get<double>(), 0.4130323402, 1e-6);
    EXPECT_NEAR(json["results"][0]["corpus"]["BLEU-4"].get<double>(), 0.1451224911, 1e-6);
    EXPECT_NEAR(json["results"][1]["corpus"]["BLEU-1"].get<double>(), 0.3620544216, 1e-6);
    EXPECT_NEAR(json["results"][1]["corpus"]["ROUGE-L"].get<double>(), 0.2513121607, 1e-6);

    // --json: the command's own summary.
    r = runCli({"--json", "report", "--results", kBrainCap, "--references", kReferences, "--trials", "0:2", "--out",
                out.file("x.html")});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto summary = nlohmann::json::parse(r.out);
    EXPECT_EQ(summary["format"], "html");
    EXPECT_EQ(summary["trials_listed"], 2);
    EXPECT_NEAR(summary["results"][0]["scores"]["CIDEr"].get<double>(), 0.4130323402, 1e-6);
}

TEST_F(ReportCommand, ThumbnailsFromMiniNsd)
{
    TempFolder out("mini");
    auto r = report(out.file("report.html"), {"--root", kMiniNsd, "--subject", "1", "--trials", "0:6"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(occurrences(readFileBytes(out.file("report.html")), "src=\"data:image/jpeg;base64,"), 6u);

    r = report(out.file("more.html"), {"--root", kMiniNsd, "--subject", "1", "--trials", "0:8"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("subject 1 has 6 test images (0..5), the report lists trial 6 (narrow it with --trials 0:6)"),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(fs::exists(out.file("more.html")));
}

TEST_F(ReportCommand, BadInputGetsOneClearMessage)
{
    TempFolder out("errors");
    auto r = report(out.file("report.docx"));
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("report.docx: cannot tell the report format from the extension '.docx'"), std::string::npos)
        << r.err;

    r = runCli(
        {"report", "--results", out.file("absent.json"), "--references", kReferences, "--out", out.file("r.html")});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find(out.file("absent.json") + ": no such results file or run folder"), std::string::npos) << r.err;

    r = report(out.file("r.html"), {"--root", kMiniNsd});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("--root needs --subject"), std::string::npos) << r.err;

    r = report(out.file("r.html"), {"--trials", "0:2000"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("--trials 0:2000: " + kReferences + " has trials 0..981"), std::string::npos) << r.err;

    r = report(out.file("r.html"), {"--trials", "9:3"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("--trials '9:3'"), std::string::npos) << r.err;

    r = runCli({"report", "--help"});
    EXPECT_EQ(r.exitCode, 0);
    for (const char *option : {"--results", "--references", "--out", "--format", "--root", "--subject", "--images",
                               "--trials", "--title", "--labels"})
        EXPECT_NE(r.out.find(option), std::string::npos) << option;
}

TEST_F(ReportCommand, ShowsTheManifestThatVindexCaptionWrites)
{
    TempFolder out("manifest");
    const std::string results = out.file("run.json");
    auto r = runCli({"caption", "--mllm", fixture("llava-tiny"), "--root", demoRoot(), "--subject", "1", "--trials",
                     "0:4", "--max-new-tokens", "6", "--out", results});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    const auto manifest = readJsonFile(results + ".manifest.json");
    std::string weightsDigest;
    for (const auto &file : manifest["models"][0]["files"])
        if (file["name"] == "model.safetensors")
            weightsDigest = file["sha256"];
    ASSERT_EQ(weightsDigest.size(), 64u);

    const std::string references = demoRoot() + "/brainhub/caption/fmri_cococap.json";
    for (const char *extension : {".html", ".pdf"}) {
        r = runCli({"report", "--results", results, "--references", references, "--root", demoRoot(), "--subject", "1",
                    "--trials", "0:4", "--out", out.file(std::string("report") + extension)});
        ASSERT_EQ(r.exitCode, 0) << r.err;
        EXPECT_NE(r.out.find("note: " + out.path.filename().string() + "/run: scored on 4 of the 10 reference trials"),
                  std::string::npos)
            << r.out;
    }
    const std::string html = readFileBytes(out.file("report.html"));
    for (const std::string &expected :
         {results + ".manifest.json", std::string("&ldquo;Describe this image in detail.&rdquo;"),
          std::string("<code>model.safetensors</code>"), weightsDigest, std::string("LibTorch"),
          std::string("input kind = <code>stimuli</code>"), std::string("max_new_tokens = <code>6</code>")})
        EXPECT_NE(html.find(expected), std::string::npos) << expected;
    EXPECT_EQ(occurrences(html, "<tbody><tr><td class=\"trial\">"), 4u);
    EXPECT_EQ(readFileBytes(out.file("report.pdf")).rfind("%PDF-1.4", 0), 0u);
}
