<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
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
        <source>&amp;File</source>
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
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Volume Panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Log Panel</source>
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
        <source>&amp;About VINDEX Studio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear Menu</source>
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
        <source>Open a NIfTI volume with File ▸ Open Volume… (%1),
or drop a .nii or .nii.gz file here.</source>
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
</context>
</TS>
