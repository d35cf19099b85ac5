<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>DecodeInputCheck</name>
    <message>
        <source>No such folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A file, not a model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a model folder: it has no config.json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its config.json cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shikra</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a multimodal LLM: its config.json says model_type “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dense Connector (LLaVA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>M3 (LLaVA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MMVP (LLaVA + DINOv2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LLaVA-NeXT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LLaVA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No such file or folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a folder of encoders: it has no clip_224/last.pth or dino_224/last.pth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ME folder (clip + dino)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a brain encoder: it has no lin2 (voxels → tokens) weights</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ElementHighlighter</name>
    <message>
        <source>Objects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Relations</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FigureExporter</name>
    <message>
        <source>Figure exported by VINDEX Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export %1: choose a .png or .svg file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing was drawn</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultLoader</name>
    <message>
        <source>%1 captions scored against %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Manifest: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (boxes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 %3, IoU %4 (%5 targets, %6 without a decoded box)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Elements and CAPTURE: scene graphs from %1, sentence encoder %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SentenceS: sentence encoder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 of its %3 captions have no reference in %4 (%5 trials), which holds only %6 of its ids: it was decoded for another dataset, and scores against these references would mean nothing. Open its dataset (or set its BrainHub folder) to score it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of its %2 captions have no reference in the open dataset and are not scored</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionDocument</name>
    <message>
        <source>not a VINDEX Studio session (expected &quot;format&quot;: &quot;%1&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;version&quot; must be a positive whole number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>session version %1 is newer than this VINDEX Studio reads (%2); update VINDEX Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;dataset&quot; must be an object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;dataset&quot; needs a &quot;root&quot; folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;split&quot; must be &quot;train&quot;, &quot;val&quot; or &quot;test&quot;, not &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;results&quot; must be a list of files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open session %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes is too large for a session file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid JSON at byte %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a VINDEX Studio session (expected a JSON object)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save session %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SpaceOptions</name>
    <message>
        <source>SE — single vision encoder (LLaVA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ME — multiple encoders (MMVP: CLIP + DINOv2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AF — aggregated features (Dense Connector)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NF — nested features (M3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shikra</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model default</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StudioCommandLine</name>
    <message>
        <source>VINDEX Studio: decode what a person saw from fMRI.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A NIfTI volume (.nii, .nii.gz) to open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Render the window with the volume, save it as a PNG image and exit (needs a display, e.g. under xvfb-run).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>png</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Window size for --screenshot, e.g. 1280x800.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WxH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep settings in this INI file instead of the user&apos;s settings (also: $VINDEX_STUDIO_SETTINGS).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected at most one file to open, got %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--size expects WIDTHxHEIGHT such as 1280x800, got &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--size must be between 200x150 and 16384x16384, got %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--size applies only together with --screenshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an NSD dataset folder (webdataset, MindEye2 or native layout) with its first subject&apos;s test split.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--dataset expects a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore a saved session (.vindex.json): dataset, selection, layout, brain view, results.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--session expects a session file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give one of a volume file, --dataset or --session</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>VINDEX Studio needs OpenGL 3.2 or newer for its 3D views, and this display does not provide it. Under a remote or headless session, run it through xvfb-run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VINDEX Studio</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::studio::AboutDialog</name>
    <message>
        <source>VINDEX Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(built with %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About VINDEX Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VINDEX Studio %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decode what a person saw from fMRI with multimodal large language models: browse NSD trials, view voxel activations in 3D, caption and ground what was seen, train brain encoders and compare feature spaces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built with these libraries:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Versions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::studio::BrainController</name>
    <message>
        <source>Change Threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change Colour Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change Threshold Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change Range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change Fading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Mean Betas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Repeat %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move Cursor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>voxel (%1, %2, %3) · (%4, %5, %6) mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · outside the ROI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ROI voxel %1 · %2 · β = %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::studio::DatasetController</name>
    <message>
        <source>The T1 image (%1 × %2 × %3) is not on the ROI&apos;s grid (%4 × %5 × %6); the ROI is shown instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The T1 image cannot be read (%1); the ROI is shown instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No T1 image on the functional grid (%1); the ROI is shown instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject %1 has no native NSD layout here, so its voxels have no position in the brain: the 3D view needs nsddata/ppdata/subj%2/func1pt8mm/roi/nsdgeneral.nii.gz.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ground-truth boxes are known for the test split only (BrainHub).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No BrainHub boxes: choose BrainHub&apos;s folder in the settings, or keep it as brainhub/ inside the dataset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BrainHub&apos;s boxes end at test index %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>COCO boxes from BrainHub (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>β (z, per session)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean β (z, per session)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>β, repeat %1 of %2 (z, per session)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the repeats cannot be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::studio::DatasetPresenter</name>
    <message>
        <source>Reading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening dataset…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening dataset %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening dataset %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened dataset %1: subjects %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test split boxes and captions from BrainHub: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1 with %2 problems (see the log)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — VINDEX Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open dataset %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Open Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read the %1 trials of subject %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject %1, %2 split: %3 trials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject %1 has no %2 trials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No trial matches the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No trial selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot read trial %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trial %1 · image %2 · %3 · %4 repeats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot show the stimulus of image %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The betas of trial %1 are not on the grid of the volume shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot show the betas of trial %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select Trial %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::studio::DatasetToolBar</name>
    <message>
        <source>Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The NSD subject whose trials are shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;plit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training, validation or test trials (the test split is the one BrainHub evaluates)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 trials)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::studio::DecodeJob</name>
    <message>
        <source>Model %1, space %2, device %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 captions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoding…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n caption(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>, %1 from an earlier run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::studio::DecodePanel</name>
    <message>
        <source>Multimodal LLM Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shikra — grounding (boxes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An image file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brain Encoder Checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brain encoders (*.safetensors *.pth);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No dataset open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. a dog; the red car</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Expressions to locate, separated by semicolons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every COCO category BrainHub lists for the trial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompts generated together (speed only: greedy text does not depend on it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Input:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Encoder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heads × width:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ima&amp;ge:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trials:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;xpressions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoding:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Results:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current Trial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decode the trial shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decode the trials selected in the trial table (Shift/Ctrl+click)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole Split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decode every trial of the split (resumes an earlier run of the same settings)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load as Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the results file just written beside the other results (compare view, scores)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load %1 as a result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not used: an image file is decoded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a dataset to decode its trials</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Subject %1, %2 split · current trial %3 · %n selected</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the multimodal LLM folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The model folder %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a folder for the results.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an image file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the brain encoder checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The brain encoder %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a dataset and choose a subject: its trials are decoded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give expressions to locate, or ground every category BrainHub lists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No trial is selected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select trials in the trial table first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the results folder %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>subject %1 %2 split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>subject %1 trial %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>subject %1, %n trials</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>brain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stimulus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shikra boxes · %1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 captions · %2 · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled; finished captions are kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>auto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Perceiver heads of the encoder; auto: as its checkpoint records it, else 16</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Width per head of the encoder; auto: as its checkpoint records it, else 96</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LLaVA-1.5, LLaVA-NeXT (either layout), MMVP, Dense Connector, M3 or Shikra</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NF (M3): about this many visual tokens after pooling. M3 pools a side × side grid with a kernel of int(√(side² / S)) and keeps ⌊side / kernel⌋² tokens, so the count depends on the encoder&apos;s grid: 24 × 24 (CLIP-336) gives 1, 9, 36, 144, 576 tokens; 16 × 16 (a clip_224 brain encoder) gives 1, 9, 64, 256, and 576 is refused, as M3 itself refuses it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DINOv2 Weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DINOv2 Folder (Hugging Face layout)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DINOv2 weights (*.pth *.safetensors);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ME: DINOv2 as torch.hub weights (dinov2_vitl14_pretrain.pth) or a Hugging Face DINOv2 folder; empty: the model&apos;s mm_dino_tower, else torch.hub&apos;s cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brain Encoder Folder (clip_224 and dino_224)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A BrainXS / BrainX checkpoint (.safetensors or UMBRAE .pth), or the method&apos;s folder of encoders (clip_224/last.pth and dino_224/last.pth): ME takes both, the other spaces its CLIP encoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The method&apos;s prompts; Shikra models take “simple”, the LLaVA family “detail”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: the method&apos;s prompt for the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;DINOv2:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The DINOv2 weights %1 do not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LLaVA, MMVP, Dense Connector, M3 or Shikra</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default: the model&apos;s or torch.hub&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brain (encoder on voxels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The trials&apos; voxels through a brain encoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stimulus images (upper bound)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The stimulus images of the trials: the upper bound of brain decoding</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BrainXS / BrainX checkpoint or ME folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All BrainHub categories</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;vice:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · made for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This encoder has no tokenizer for subject %1 (it has subjects %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This encoder takes %1 voxels; subject %2 of the open dataset has %3: choose an encoder trained on this subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heads × width is %1 × %2 = %3, but this encoder&apos;s attention is %4 wide: set Heads × width to the split it was trained with (the checkpoint does not record it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 voxels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>subjects %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 heads (recorded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set Heads × width to the split the encoder was trained with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoder: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::studio::EvaluateJob</name>
    <message>
        <source>Score %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n trial(s) scored</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vindex::studio::FigureExportDialog</name>
    <message>
        <source>Export Figure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> px</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File (.png or .svg):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported figure %1 (%2×%3)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::studio::GroundJob</name>
    <message>
        <source>Model %1, device %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 questions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no box</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::studio::Job</name>
    <message>
        <source>Decode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ground</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled after %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resumed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ran %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::studio::JobOutputTable</name>
    <message>
        <source>Input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(from an earlier run of the same settings)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::studio::JobsPanel</name>
    <message>
        <source>Job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause a training job at its next step, or let it go on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the job; finished captions and the training checkpoint are kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the jobs that have ended from the list (their files stay)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decode with Tools ▸ Decode… or train with Tools ▸ Train Brain Encoder…; the jobs run in the background. Select a job to see its loss curve or captions and its log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected job&apos;s log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left while a job runs; how long it ran once it has ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting to start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left, estimated from the pace so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time left: not known yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused: no time left is estimated until it goes on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long it ran</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long it ran before it was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How long it ran before it failed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::studio::MainWindow</name>
    <message>
        <source>VINDEX Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left button: rotate · Middle button or Shift+left: pan · Right button or wheel: zoom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VINDEX Studio %1 ready (Qt %2, VTK %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NIfTI images (*.nii *.nii.gz);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Open Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — VINDEX Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1: %2 × %3 × %4 voxels of %5 × %6 × %7 mm, values %8 to %9</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No volume open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Screenshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved screenshot %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an NSD dataset with File ▸ Open Dataset… (%1)
or a NIfTI volume with File ▸ Open Volume… (%2),
or drop a folder, .nii or .nii.gz file here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a dataset with File ▸ Open Dataset…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stimulus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Brain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click or drag: move the cursor · Up/Down, Page Up/Page Down: step the slice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started job: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job finished: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job cancelled: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Job Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jobs Are Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) still running. Cancel and quit?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Finished captions stay in their results files, and a training run saves its checkpoint; it can be continued later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel Jobs and Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping jobs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some jobs did not stop in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::studio::MainWindowActions</name>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Dataset…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open an NSD dataset folder (webdataset, MindEye2 or native layout)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Volume…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;Screenshot…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Trials Panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Stimulus Panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Volume Panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Brain Panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Log Panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;ecode Panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Jobs Panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dataset Tool Bar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset &amp;Camera</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset &amp;Layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;rials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find Trials…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next Trial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous Trial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show Ground-Truth &amp;Boxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Decode…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caption or ground trials with a brain encoder or their images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Train Brain Encoder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train a brain encoder on the open dataset as a background job</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About VINDEX Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::studio::OpenDatasetJob</name>
    <message>
        <source>Open %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The BrainHub folder %1 in the settings does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BrainHub annotations not used: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::studio::RecentFiles</name>
    <message>
        <source>&amp;Clear Menu</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::studio::ReportExporter</name>
    <message>
        <source>Load caption results first (File ▸ Load Results…); the report compares their captions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caption decoding report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTML report (*.html);;PDF report (*.pdf);;CSV table (*.csv);;JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export %1: another report is being written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing report %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported report %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report %1 cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::studio::ReportJob</name>
    <message>
        <source>Report %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::studio::ResultsController</name>
    <message>
        <source>Loading and scoring %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scoring %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load results %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded %1: %2 trials; %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of each trial&apos;s decoded %2 (×100), from %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>caption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>boxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load decoding results with File ▸ Load Results… and select a test trial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results are scored on the test split: choose it and a trial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Load Results…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoded captions or boxes (BrainHub&apos;s layout, vindex caption and ground outputs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove All Res&amp;ults</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trial Table &amp;Score</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;Report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;Figure…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3D brain view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stimulus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare view: corpus chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare view: stimulus with decoded boxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whole window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoding results (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loaded %1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (boxes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported figure %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::studio::ScreenshotTask</name>
    <message>
        <source>Screenshot timed out after %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot render the window for the screenshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The window is %1x%2 instead of %3x%4; the screenshot is scaled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved screenshot %1 (%2x%3)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::studio::SessionAutosave</name>
    <message>
        <source>Another VINDEX Studio window autosaves its session; this one does not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write %1: %2; the session is not autosaved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::studio::SessionController</name>
    <message>
        <source>Cannot Save Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved session %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot Open Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening session %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open session %1: its dataset %2 cannot be opened: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened session %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open S&amp;ession…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Recent Sess&amp;ion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Sessio&amp;n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Session &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VINDEX Studio sessions (*.vindex.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Session As</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VINDEX Studio sessions (*.vindex.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore Session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VINDEX Studio did not exit cleanly last time. Restore the session autosaved at %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring the session autosaved at %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::studio::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder with LLaVA, vision towers and brain encoders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder with the NSD data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUDA GPU (not available on this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new language applies when VINDEX Studio is started again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the Model Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Data folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the Data Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compute &amp;device:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default: brainhub/ inside the dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BrainHub&apos;s folder with caption/fmri_cococap.json and bbox/coco_bbox_categorized.json: reference captions and ground-truth boxes of the test split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;BrainHub folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the BrainHub Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How often the current session is saved for recovery after a crash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Autosave session every:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not set: not computed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose METEOR&apos;s Data Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>METEOR 1.5&apos;s data folder, holding its paraphrase table paraphrase-en.gz (the Python package pycocoevalcap ships it as pycocoevalcap/meteor/data). Set: METEOR is the jar&apos;s, with paraphrases, as BrainHub reports it. Empty: METEOR without its paraphrase stage (&quot;METEOR (no paraphrase)&quot;, when WordNet is installed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the PAC-S Checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PAC-S and RefPAC-S: the PAC-finetuned CLIP checkpoint in OpenAI&apos;s layout (clip_ViT-B-32.pth from aimagelab/pacscore). PAC-S compares each caption with its stimulus image, which the studio does not give the scoring yet: the setting is kept, but PAC-S is not computed when results are loaded (use vindex eval captions --pacs).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PyTorch checkpoints (*.pth *.pt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose CLIP&apos;s BPE Vocabulary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI CLIP&apos;s bpe_simple_vocab_16e6.txt.gz for the PAC-S checkpoint. Empty: the file beside the checkpoint.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default: beside the checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BPE vocabulary (*.txt.gz *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the Scene-Graph Parser Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Object, attribute and relation precision/recall/F1 and CAPTURE: the FACTUAL scene-graph parser&apos;s folder (lizhuang144/flan-t5-base-VG-factual-sg: config.json, model.safetensors, spiece.model). Needed unless the stored scene graphs hold every sentence; needs the CAPTURE sentence encoder too.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a Stored Scene Graphs File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scene graphs parsed before, a JSON file {&quot;sentence&quot;: &quot;( man , is , young ) , ...&quot;}: asked before the parser, which parses the sentences it lacks. Without a parser, every sentence must be in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose CAPTURE&apos;s Sentence Encoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sentence encoder of CAPTURE&apos;s soft matching, a sentence-transformers folder (CAPTURE uses all-mpnet-base-v2; all-MiniLM-L6-v2 works too). Element scores and CAPTURE are computed when it and scene graphs (parser or stored file) are set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose SentenceS&apos;s Sentence Encoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SentenceS: the cosine between the caption&apos;s and its references&apos; sentence embeddings, with all-MiniLM-L6-v2 as sentence-transformers saves it (BrainHub&apos;s choice). Empty: SentenceS is not computed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caption metrics (empty: not computed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models and data the caption metrics need; results loaded afterwards are scored with them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>METEOR pa&amp;raphrases:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PAC-S chec&amp;kpoint:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PAC-S &amp;vocabulary:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scene-graph &amp;parser:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;tored scene graphs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CAPTURE &amp;encoder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;SentenceS encoder:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::studio::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trial table ▸ Previous / next trial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up / Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trial table ▸ Page through the trials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page Up / Page Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trial filter ▸ Previous / next trial while typing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trial filter ▸ Go to the table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trial filter ▸ Clear the filter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3D view ▸ Rotate / pan / zoom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left drag / middle drag / wheel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slice views ▸ Move the cursor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click / left drag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slice views ▸ Step the slice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slice views ▸ Step the slice by 5</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::studio::TrainDialog</name>
    <message>
        <source>Train Brain Encoder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NSD Dataset Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NF scale:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Multimodal LLM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vision tower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LLaVA-family or Shikra folder whose vision side gives the targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checkpoints, target cache and train_log.jsonl go here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoint to Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoints (*.safetensors *.pth);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>empty: a new run; or a run folder, last.safetensors or a UMBRAE .pth</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data and targets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Dataset:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feature space:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Targets from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Model folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>β of VINDEX&apos;s objective L_R + β·L_D; 0 trains with UMBRAE&apos;s regression loss alone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipe (UMBRAE&apos;s defaults)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clean: fit train, best on val</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UMBRAE: fit train + val, best on test, augmented</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UMBRAE&apos;s train.py fits the train and val splits and keeps the checkpoint that is best on the test split, with image augmentation; the clean recipe leaves the test split unseen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Spl&amp;its:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Batch:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max &amp;learning rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;noiser weight β:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU &amp;threads:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Encoder (BrainXS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Width:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;pth:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heads × width:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Continue from:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipe and encoder size come from the checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the NSD dataset folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the multimodal LLM folder whose vision side gives the targets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the vision tower folder that gives the targets.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a run folder for the checkpoints and the log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue That Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue the run in this folder from its last checkpoint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The checkpoint to continue from does not exist: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run folder is a file: %1. Choose a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This run folder holds a training run already (last.safetensors). Choose another run folder, or continue that run (Continue from).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::studio::TrainJob</name>
    <message>
        <source>Train %1 encoder · subject %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continuing from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pausing at the next step…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1: validation loss %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing training targets (%1%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1/%2: validating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused at step %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epoch %1/%2 · step %3/%4 · loss %5 · %6 samples/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 steps in %2 epochs; last training loss %3, best validation loss %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checkpoint %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No checkpoint was written: the run was cancelled before its first training step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled; checkpoint %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelled at step %1; checkpoint %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To go on from there: Tools ▸ Train Brain Encoder…, Continue from: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::widgets::BrainPanel</name>
    <message>
        <source>Betas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the mean of the trial&apos;s repeats or the betas of one repeat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diverging (cool–warm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Viridis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grey</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour map:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Range:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (98th percentile of |β|)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fit the range to each trial&apos;s values, ignoring the strongest 2 % of voxels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>|β| ≥ t (both signs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>β ≥ t (positive only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>t:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opacity of the voxels below the threshold: 0 % hides them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Below t:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cursor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>—</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean of %1 repeats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean of the repeats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::widgets::CompareView</name>
    <message>
        <source>Boxes drawn on the stimulus: the ground truth and each grounding result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load decoding results with File ▸ Load Results… and select a test trial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ground truth (colour per category)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (dashed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no caption for this trial)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no decoded boxes for this trial)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Boxes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · acc@0.5 %1 · IoU %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result (×100)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corpus scores (×100)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load caption results to compare them</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::widgets::LogPanel</name>
    <message>
        <source>Messages from loading, decoding and training appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear Log</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::widgets::LossChart</name>
    <message>
        <source>Training loss (per step)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Validation loss (per epoch)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::widgets::PathEdit</name>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::widgets::SliceView</name>
    <message>
        <source>Sagittal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coronal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Axial</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::widgets::StimulusPanel</name>
    <message>
        <source>Select a trial to see its stimulus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ground-truth &amp;boxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reference captions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No reference captions for this image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No trial selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ground-truth &amp;boxes (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::widgets::StimulusView</name>
    <message>
        <source>No trial selected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::widgets::TrialBrowser</name>
    <message>
        <source>Filter by caption words or category</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keeps the trials whose captions or box categories contain words starting with every word typed here (case is ignored). Up/Down move through the trials, Enter goes to the table, Escape clears the filter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This split has no trials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No dataset open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 trials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 trials</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No trial matches &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::widgets::TrialTableModel</name>
    <message>
        <source>train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>val</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Index</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First caption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position of the trial within its split (BrainHub&apos;s index for the test split)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0-based image id in NSD&apos;s 73k image space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training, validation or test split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How often the subject saw the image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The first reference caption of the image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::widgets::VolumePanel</name>
    <message>
        <source>File:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dimensions:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Voxel size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sagittal (x):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Coronal (y):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Axial (z):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Grey window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Black at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>White at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(volume %1 of %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 × %3 mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No volume open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Information</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>vindex::widgets::VolumeView</name>
    <message>
        <source>No volume open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, magnitude</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
