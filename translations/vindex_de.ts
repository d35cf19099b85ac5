<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>StudioCommandLine</name>
    <message>
        <source>VINDEX Studio: decode what a person saw from fMRI.</source>
        <translation>VINDEX Studio: aus fMRT-Daten entschlüsseln, was eine Person gesehen hat.</translation>
    </message>
    <message>
        <source>A NIfTI volume (.nii, .nii.gz) to open.</source>
        <translation>Ein zu öffnendes NIfTI-Volumen (.nii, .nii.gz).</translation>
    </message>
    <message>
        <source>Render the window with the volume, save it as a PNG image and exit (needs a display, e.g. under xvfb-run).</source>
        <translation>Das Fenster mit dem Volumen zeichnen, als PNG-Bild speichern und beenden (braucht eine Anzeige, z. B. unter xvfb-run).</translation>
    </message>
    <message>
        <source>png</source>
        <translation>png</translation>
    </message>
    <message>
        <source>Window size for --screenshot, e.g. 1280x800.</source>
        <translation>Fenstergröße für --screenshot, z. B. 1280x800.</translation>
    </message>
    <message>
        <source>WxH</source>
        <translation>BxH</translation>
    </message>
    <message>
        <source>Keep settings in this INI file instead of the user&apos;s settings (also: $VINDEX_STUDIO_SETTINGS).</source>
        <translation>Einstellungen in dieser INI-Datei statt in denen des Benutzers halten (auch: $VINDEX_STUDIO_SETTINGS).</translation>
    </message>
    <message>
        <source>path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <source>expected at most one file to open, got %1</source>
        <translation>höchstens eine zu öffnende Datei erwartet, erhalten: %1</translation>
    </message>
    <message>
        <source>--size expects WIDTHxHEIGHT such as 1280x800, got &quot;%1&quot;</source>
        <translation>--size erwartet BREITExHÖHE wie 1280x800, erhalten: „%1“</translation>
    </message>
    <message>
        <source>--size must be between 200x150 and 16384x16384, got %1</source>
        <translation>--size muss zwischen 200x150 und 16384x16384 liegen, erhalten: %1</translation>
    </message>
    <message>
        <source>--size applies only together with --screenshot</source>
        <translation>--size gilt nur zusammen mit --screenshot</translation>
    </message>
    <message>
        <source>Open an NSD dataset folder (webdataset, MindEye2 or native layout) with its first subject&apos;s test split.</source>
        <translation>Einen NSD-Datensatzordner (Webdataset-, MindEye2- oder natives Layout) mit der Testaufteilung seiner ersten Versuchsperson öffnen.</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>--dataset expects a folder</source>
        <translation>--dataset erwartet einen Ordner</translation>
    </message>
    <message>
        <source>give either a volume file or --dataset, not both</source>
        <translation>entweder eine Volumendatei oder --dataset angeben, nicht beides</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>VINDEX Studio needs OpenGL 3.2 or newer for its 3D views, and this display does not provide it. Under a remote or headless session, run it through xvfb-run.</source>
        <translation>VINDEX Studio braucht für seine 3D-Ansichten OpenGL 3.2 oder neuer, und diese Anzeige bietet das nicht. In einer entfernten Sitzung oder ohne Bildschirm starten Sie es über xvfb-run.</translation>
    </message>
    <message>
        <source>VINDEX Studio</source>
        <translation>VINDEX Studio</translation>
    </message>
</context>
<context>
    <name>vindex::studio::AboutDialog</name>
    <message>
        <source>VINDEX Studio</source>
        <translation>VINDEX Studio</translation>
    </message>
    <message>
        <source>(built with %1)</source>
        <translation>(erstellt mit %1)</translation>
    </message>
    <message>
        <source>About VINDEX Studio</source>
        <translation>Über VINDEX Studio</translation>
    </message>
    <message>
        <source>VINDEX Studio %1</source>
        <translation>VINDEX Studio %1</translation>
    </message>
    <message>
        <source>Decode what a person saw from fMRI with multimodal large language models: browse NSD trials, view voxel activations in 3D, caption and ground what was seen, train brain encoders and compare feature spaces.</source>
        <translation>Mit multimodalen großen Sprachmodellen aus fMRT-Daten entschlüsseln, was eine Person gesehen hat: NSD-Durchgänge durchsehen, Voxel-Aktivierungen in 3D betrachten, das Gesehene beschreiben und verorten, Hirn-Encoder trainieren und Merkmalsräume vergleichen.</translation>
    </message>
    <message>
        <source>Built with these libraries:</source>
        <translation>Erstellt mit diesen Bibliotheken:</translation>
    </message>
    <message>
        <source>Copy Versions</source>
        <translation>Versionen kopieren</translation>
    </message>
</context>
<context>
    <name>vindex::studio::DatasetController</name>
    <message>
        <source>The T1 image (%1 × %2 × %3) is not on the ROI&apos;s grid (%4 × %5 × %6); the ROI is shown instead.</source>
        <translation>Das T1-Bild (%1 × %2 × %3) liegt nicht im Gitter der ROI (%4 × %5 × %6); stattdessen wird die ROI gezeigt.</translation>
    </message>
    <message>
        <source>The T1 image cannot be read (%1); the ROI is shown instead.</source>
        <translation>Das T1-Bild kann nicht gelesen werden (%1); stattdessen wird die ROI gezeigt.</translation>
    </message>
    <message>
        <source>No T1 image on the functional grid (%1); the ROI is shown instead.</source>
        <translation>Kein T1-Bild im funktionellen Gitter (%1); stattdessen wird die ROI gezeigt.</translation>
    </message>
    <message>
        <source>The BrainHub folder %1 in the settings does not exist.</source>
        <translation>Der BrainHub-Ordner %1 aus den Einstellungen existiert nicht.</translation>
    </message>
    <message>
        <source>BrainHub annotations not used: %1</source>
        <translation>BrainHub-Annotationen nicht verwendet: %1</translation>
    </message>
    <message>
        <source>Subject %1 has no native NSD layout here, so its voxels have no position in the brain: the 3D view needs nsddata/ppdata/subj%2/func1pt8mm/roi/nsdgeneral.nii.gz.</source>
        <translation>Versuchsperson %1 hat hier kein natives NSD-Layout, ihre Voxel haben also keine Position im Gehirn: die 3D-Ansicht braucht nsddata/ppdata/subj%2/func1pt8mm/roi/nsdgeneral.nii.gz.</translation>
    </message>
    <message>
        <source>Ground-truth boxes are known for the test split only (BrainHub).</source>
        <translation>Referenz-Boxen gibt es nur für die Testaufteilung (BrainHub).</translation>
    </message>
    <message>
        <source>No BrainHub boxes: choose BrainHub&apos;s folder in the settings, or keep it as brainhub/ inside the dataset.</source>
        <translation>Keine BrainHub-Boxen: wählen Sie den BrainHub-Ordner in den Einstellungen oder legen Sie ihn als brainhub/ in den Datensatz.</translation>
    </message>
    <message>
        <source>BrainHub&apos;s boxes end at test index %1.</source>
        <translation>BrainHubs Boxen enden bei Testindex %1.</translation>
    </message>
    <message>
        <source>COCO boxes from BrainHub (%1)</source>
        <translation>COCO-Boxen von BrainHub (%1)</translation>
    </message>
    <message>
        <source>β (% signal)</source>
        <translation>β (% Signal)</translation>
    </message>
    <message>
        <source>Mean β (% signal)</source>
        <translation>Mittleres β (% Signal)</translation>
    </message>
</context>
<context>
    <name>vindex::studio::DatasetToolBar</name>
    <message>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>&amp;Versuchsperson:</translation>
    </message>
    <message>
        <source>The NSD subject whose trials are shown</source>
        <translation>Die NSD-Versuchsperson, deren Durchgänge angezeigt werden</translation>
    </message>
    <message>
        <source>S&amp;plit:</source>
        <translation>&amp;Aufteilung:</translation>
    </message>
    <message>
        <source>Training, validation or test trials (the test split is the one BrainHub evaluates)</source>
        <translation>Trainings-, Validierungs- oder Testdurchgänge (BrainHub wertet die Testaufteilung aus)</translation>
    </message>
    <message>
        <source>Subject %1</source>
        <translation>Versuchsperson %1</translation>
    </message>
    <message>
        <source>%1 (%2 trials)</source>
        <translation>%1 (%2 Durchgänge)</translation>
    </message>
</context>
<context>
    <name>vindex::studio::MainWindow</name>
    <message>
        <source>VINDEX Studio</source>
        <translation>VINDEX Studio</translation>
    </message>
    <message>
        <source>Left button: rotate · Middle button or Shift+left: pan · Right button or wheel: zoom</source>
        <translation>Linke Taste: drehen · Mittlere Taste oder Umschalt+links: verschieben · Rechte Taste oder Mausrad: zoomen</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>VINDEX Studio %1 ready (Qt %2, VTK %3)</source>
        <translation>VINDEX Studio %1 bereit (Qt %2, VTK %3)</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>Volumen</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Open Volume…</source>
        <translation>Volumen ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>Save &amp;Screenshot…</source>
        <translation>&amp;Bildschirmfoto speichern…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>B&amp;eenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Volume Panel</source>
        <translation>&amp;Volumen-Bereich</translation>
    </message>
    <message>
        <source>&amp;Log Panel</source>
        <translation>&amp;Protokoll-Bereich</translation>
    </message>
    <message>
        <source>Reset &amp;Camera</source>
        <translation>&amp;Kamera zurücksetzen</translation>
    </message>
    <message>
        <source>Reset &amp;Layout</source>
        <translation>&amp;Anordnung zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About VINDEX Studio</source>
        <translation>&amp;Über VINDEX Studio</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>&amp;Clear Menu</source>
        <translation>Menü &amp;leeren</translation>
    </message>
    <message>
        <source>Open Volume</source>
        <translation>Volumen öffnen</translation>
    </message>
    <message>
        <source>NIfTI images (*.nii *.nii.gz);;All files (*)</source>
        <translation>NIfTI-Bilder (*.nii *.nii.gz);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 wird geladen…</translation>
    </message>
    <message>
        <source>Opening %1</source>
        <translation>Öffne %1</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Cannot Open Volume</source>
        <translation>Volumen kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>%1 — VINDEX Studio</source>
        <translation>%1 — VINDEX Studio</translation>
    </message>
    <message>
        <source>Opened %1: %2 × %3 × %4 voxels of %5 × %6 × %7 mm, values %8 to %9</source>
        <translation>%1 geöffnet: %2 × %3 × %4 Voxel zu %5 × %6 × %7 mm, Werte von %8 bis %9</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>No volume open</source>
        <translation>Kein Volumen geöffnet</translation>
    </message>
    <message>
        <source>Save Screenshot</source>
        <translation>Bildschirmfoto speichern</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Saved screenshot %1</source>
        <translation>Bildschirmfoto %1 gespeichert</translation>
    </message>
    <message>
        <source>Open an NSD dataset with File ▸ Open Dataset… (%1)
or a NIfTI volume with File ▸ Open Volume… (%2),
or drop a folder, .nii or .nii.gz file here.</source>
        <translation>Öffnen Sie einen NSD-Datensatz mit Datei ▸ Datensatz öffnen… (%1)
oder ein NIfTI-Volumen mit Datei ▸ Volumen öffnen… (%2),
oder ziehen Sie einen Ordner, eine .nii- oder .nii.gz-Datei hierher.</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Lese…</translation>
    </message>
    <message>
        <source>Opening dataset…</source>
        <translation>Öffne Datensatz…</translation>
    </message>
    <message>
        <source>Open a dataset with File ▸ Open Dataset…</source>
        <translation>Öffnen Sie einen Datensatz mit Datei ▸ Datensatz öffnen…</translation>
    </message>
    <message>
        <source>Trials</source>
        <translation>Durchgänge</translation>
    </message>
    <message>
        <source>Stimulus</source>
        <translation>Stimulus</translation>
    </message>
    <message>
        <source>Open &amp;Dataset…</source>
        <translation>&amp;Datensatz öffnen…</translation>
    </message>
    <message>
        <source>Open an NSD dataset folder (webdataset, MindEye2 or native layout)</source>
        <translation>Einen NSD-Datensatzordner öffnen (Webdataset-, MindEye2- oder natives Layout)</translation>
    </message>
    <message>
        <source>&amp;Trials Panel</source>
        <translation>&amp;Durchgänge</translation>
    </message>
    <message>
        <source>&amp;Stimulus Panel</source>
        <translation>&amp;Stimulus</translation>
    </message>
    <message>
        <source>&amp;Dataset Tool Bar</source>
        <translation>Datensatz-&amp;Werkzeugleiste</translation>
    </message>
    <message>
        <source>T&amp;rials</source>
        <translation>Durch&amp;gänge</translation>
    </message>
    <message>
        <source>&amp;Find Trials…</source>
        <translation>Durchgänge &amp;suchen…</translation>
    </message>
    <message>
        <source>&amp;Next Trial</source>
        <translation>&amp;Nächster Durchgang</translation>
    </message>
    <message>
        <source>&amp;Previous Trial</source>
        <translation>&amp;Vorheriger Durchgang</translation>
    </message>
    <message>
        <source>Show Ground-Truth &amp;Boxes</source>
        <translation>Referenz-&amp;Boxen zeigen</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Open Dataset</source>
        <translation>Datensatz öffnen</translation>
    </message>
    <message>
        <source>Opening dataset %1</source>
        <translation>Öffne Datensatz %1</translation>
    </message>
    <message>
        <source>Opening dataset %1…</source>
        <translation>Öffne Datensatz %1…</translation>
    </message>
    <message>
        <source>Opened dataset %1: subjects %2</source>
        <translation>Datensatz %1 geöffnet: Versuchspersonen %2</translation>
    </message>
    <message>
        <source>Test split boxes and captions from BrainHub: %1</source>
        <translation>Boxen und Beschreibungen der Testaufteilung von BrainHub: %1</translation>
    </message>
    <message>
        <source>Opened %1 with %2 problems (see the log)</source>
        <translation>%1 mit %2 Problemen geöffnet (siehe Protokoll)</translation>
    </message>
    <message>
        <source>Cannot open dataset %1: %2</source>
        <translation>Datensatz %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Cannot Open Dataset</source>
        <translation>Datensatz kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Cannot read the %1 trials of subject %2: %3</source>
        <translation>Die %1-Durchgänge von Versuchsperson %2 können nicht gelesen werden: %3</translation>
    </message>
    <message>
        <source>Subject %1, %2 split: %3 trials</source>
        <translation>Versuchsperson %1, Aufteilung %2: %3 Durchgänge</translation>
    </message>
    <message>
        <source>Subject %1 has no %2 trials</source>
        <translation>Versuchsperson %1 hat keine %2-Durchgänge</translation>
    </message>
    <message>
        <source>No trial matches the filter</source>
        <translation>Kein Durchgang passt zum Filter</translation>
    </message>
    <message>
        <source>No trial selected</source>
        <translation>Kein Durchgang ausgewählt</translation>
    </message>
    <message>
        <source>Cannot read trial %1: %2</source>
        <translation>Durchgang %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Trial %1 · image %2 · %3 · %4 repeats</source>
        <translation>Durchgang %1 · Bild %2 · %3 · %4 Wiederholungen</translation>
    </message>
    <message>
        <source>Cannot show the stimulus of image %1: %2</source>
        <translation>Der Stimulus von Bild %1 kann nicht gezeigt werden: %2</translation>
    </message>
    <message>
        <source>The betas of trial %1 are not on the grid of the volume shown</source>
        <translation>Die Betas von Durchgang %1 liegen nicht im Gitter des gezeigten Volumens</translation>
    </message>
    <message>
        <source>Cannot show the betas of trial %1: %2</source>
        <translation>Die Betas von Durchgang %1 können nicht gezeigt werden: %2</translation>
    </message>
</context>
<context>
    <name>vindex::studio::ScreenshotTask</name>
    <message>
        <source>Screenshot timed out after %1 s</source>
        <translation>Bildschirmfoto nach %1 s abgebrochen (Zeitüberschreitung)</translation>
    </message>
    <message>
        <source>Cannot render the window for the screenshot</source>
        <translation>Das Fenster kann für das Bildschirmfoto nicht gezeichnet werden</translation>
    </message>
    <message>
        <source>The window is %1x%2 instead of %3x%4; the screenshot is scaled</source>
        <translation>Das Fenster ist %1x%2 statt %3x%4 groß; das Bildschirmfoto wird skaliert</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Saved screenshot %1 (%2x%3)</source>
        <translation>Bildschirmfoto %1 gespeichert (%2x%3)</translation>
    </message>
</context>
<context>
    <name>vindex::studio::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Folder with LLaVA, vision towers and brain encoders</source>
        <translation>Ordner mit LLaVA, Bild-Encodern und Hirn-Encodern</translation>
    </message>
    <message>
        <source>Folder with the NSD data</source>
        <translation>Ordner mit den NSD-Daten</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA GPU</source>
        <translation>CUDA-GPU</translation>
    </message>
    <message>
        <source>CUDA GPU (not available on this computer)</source>
        <translation>CUDA-GPU (auf diesem Computer nicht verfügbar)</translation>
    </message>
    <message>
        <source>System (%1)</source>
        <translation>System (%1)</translation>
    </message>
    <message>
        <source>The new language applies when VINDEX Studio is started again.</source>
        <translation>Die neue Sprache gilt ab dem nächsten Start von VINDEX Studio.</translation>
    </message>
    <message>
        <source>&amp;Model folder:</source>
        <translation>&amp;Modellordner:</translation>
    </message>
    <message>
        <source>Choose the Model Folder</source>
        <translation>Modellordner wählen</translation>
    </message>
    <message>
        <source>&amp;Data folder:</source>
        <translation>&amp;Datenordner:</translation>
    </message>
    <message>
        <source>Choose the Data Folder</source>
        <translation>Datenordner wählen</translation>
    </message>
    <message>
        <source>Compute &amp;device:</source>
        <translation>Re&amp;chengerät:</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Default: brainhub/ inside the dataset</source>
        <translation>Standard: brainhub/ im Datensatz</translation>
    </message>
    <message>
        <source>BrainHub&apos;s folder with caption/fmri_cococap.json and bbox/coco_bbox_categorized.json: reference captions and ground-truth boxes of the test split</source>
        <translation>BrainHub-Ordner mit caption/fmri_cococap.json und bbox/coco_bbox_categorized.json: Referenzbeschreibungen und Referenz-Boxen der Testaufteilung</translation>
    </message>
    <message>
        <source>&amp;BrainHub folder:</source>
        <translation>&amp;BrainHub-Ordner:</translation>
    </message>
    <message>
        <source>Choose the BrainHub Folder</source>
        <translation>BrainHub-Ordner wählen</translation>
    </message>
</context>
<context>
    <name>vindex::studio::ShortcutsDialog</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Trial table ▸ Previous / next trial</source>
        <translation>Durchgangstabelle ▸ Vorheriger / nächster Durchgang</translation>
    </message>
    <message>
        <source>Up / Down</source>
        <translation>Auf / Ab</translation>
    </message>
    <message>
        <source>Trial table ▸ Page through the trials</source>
        <translation>Durchgangstabelle ▸ Seitenweise blättern</translation>
    </message>
    <message>
        <source>Page Up / Page Down</source>
        <translation>Bild auf / Bild ab</translation>
    </message>
    <message>
        <source>Trial filter ▸ Previous / next trial while typing</source>
        <translation>Durchgangsfilter ▸ Vorheriger / nächster Durchgang beim Tippen</translation>
    </message>
    <message>
        <source>Trial filter ▸ Go to the table</source>
        <translation>Durchgangsfilter ▸ Zur Tabelle</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Trial filter ▸ Clear the filter</source>
        <translation>Durchgangsfilter ▸ Filter leeren</translation>
    </message>
    <message>
        <source>Escape</source>
        <translation>Escape</translation>
    </message>
    <message>
        <source>3D view ▸ Rotate / pan / zoom</source>
        <translation>3D-Ansicht ▸ Drehen / Verschieben / Zoomen</translation>
    </message>
    <message>
        <source>Left drag / middle drag / wheel</source>
        <translation>Links ziehen / Mitte ziehen / Mausrad</translation>
    </message>
</context>
<context>
    <name>vindex::widgets::LogPanel</name>
    <message>
        <source>Messages from loading, decoding and training appear here.</source>
        <translation>Meldungen von Laden, Dekodieren und Training erscheinen hier.</translation>
    </message>
    <message>
        <source>Clear Log</source>
        <translation>Protokoll leeren</translation>
    </message>
</context>
<context>
    <name>vindex::widgets::StimulusPanel</name>
    <message>
        <source>Select a trial to see its stimulus</source>
        <translation>Wählen Sie einen Durchgang, um seinen Stimulus zu sehen</translation>
    </message>
    <message>
        <source>Ground-truth &amp;boxes</source>
        <translation>Referenz-&amp;Boxen</translation>
    </message>
    <message>
        <source>Reference captions</source>
        <translation>Referenzbeschreibungen</translation>
    </message>
    <message>
        <source>No reference captions for this image</source>
        <translation>Keine Referenzbeschreibungen für dieses Bild</translation>
    </message>
    <message>
        <source>No trial selected</source>
        <translation>Kein Durchgang ausgewählt</translation>
    </message>
    <message>
        <source>Ground-truth &amp;boxes (%1)</source>
        <translation>Referenz-&amp;Boxen (%1)</translation>
    </message>
</context>
<context>
    <name>vindex::widgets::StimulusView</name>
    <message>
        <source>No trial selected</source>
        <translation>Kein Durchgang ausgewählt</translation>
    </message>
</context>
<context>
    <name>vindex::widgets::TrialBrowser</name>
    <message>
        <source>Filter by caption words or category</source>
        <translation>Nach Wörtern der Beschreibung oder Kategorie filtern</translation>
    </message>
    <message>
        <source>Keeps the trials whose captions or box categories contain words starting with every word typed here (case is ignored). Up/Down move through the trials, Enter goes to the table, Escape clears the filter.</source>
        <translation>Behält die Durchgänge, deren Beschreibungen oder Box-Kategorien Wörter enthalten, die mit jedem hier eingegebenen Wort beginnen (Groß-/Kleinschreibung egal). Auf/Ab wechseln den Durchgang, Eingabe springt in die Tabelle, Escape leert den Filter.</translation>
    </message>
    <message>
        <source>This split has no trials</source>
        <translation>Diese Aufteilung hat keine Durchgänge</translation>
    </message>
    <message>
        <source>No dataset open</source>
        <translation>Kein Datensatz geöffnet</translation>
    </message>
    <message>
        <source>%1 trials</source>
        <translation>%1 Durchgänge</translation>
    </message>
    <message>
        <source>%1 of %2 trials</source>
        <translation>%1 von %2 Durchgängen</translation>
    </message>
    <message>
        <source>No trial matches &quot;%1&quot;</source>
        <translation>Kein Durchgang passt zu „%1“</translation>
    </message>
</context>
<context>
    <name>vindex::widgets::TrialTableModel</name>
    <message>
        <source>train</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>val</source>
        <translation>Validierung</translation>
    </message>
    <message>
        <source>test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>Index</translation>
    </message>
    <message>
        <source>Image ID</source>
        <translation>Bild-ID</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>Aufteilung</translation>
    </message>
    <message>
        <source>Repeats</source>
        <translation>Wiederholungen</translation>
    </message>
    <message>
        <source>First caption</source>
        <translation>Erste Bildbeschreibung</translation>
    </message>
    <message>
        <source>Position of the trial within its split (BrainHub&apos;s index for the test split)</source>
        <translation>Position des Durchgangs in seiner Aufteilung (BrainHubs Index für die Testaufteilung)</translation>
    </message>
    <message>
        <source>0-based image id in NSD&apos;s 73k image space</source>
        <translation>0-basierte Bild-ID im 73k-Bildraum von NSD</translation>
    </message>
    <message>
        <source>Training, validation or test split</source>
        <translation>Trainings-, Validierungs- oder Testaufteilung</translation>
    </message>
    <message>
        <source>How often the subject saw the image</source>
        <translation>Wie oft die Versuchsperson das Bild gesehen hat</translation>
    </message>
    <message>
        <source>The first reference caption of the image</source>
        <translation>Die erste Referenzbeschreibung des Bildes</translation>
    </message>
</context>
<context>
    <name>vindex::widgets::VolumePanel</name>
    <message>
        <source>File:</source>
        <translation>Datei:</translation>
    </message>
    <message>
        <source>Dimensions:</source>
        <translation>Abmessungen:</translation>
    </message>
    <message>
        <source>Voxel size:</source>
        <translation>Voxelgröße:</translation>
    </message>
    <message>
        <source>Values:</source>
        <translation>Werte:</translation>
    </message>
    <message>
        <source>Slices</source>
        <translation>Schnitte</translation>
    </message>
    <message>
        <source>Sagittal (x):</source>
        <translation>Sagittal (x):</translation>
    </message>
    <message>
        <source>Coronal (y):</source>
        <translation>Koronal (y):</translation>
    </message>
    <message>
        <source>Axial (z):</source>
        <translation>Axial (z):</translation>
    </message>
    <message>
        <source>Grey window</source>
        <translation>Graustufenfenster</translation>
    </message>
    <message>
        <source>Black at:</source>
        <translation>Schwarz bei:</translation>
    </message>
    <message>
        <source>White at:</source>
        <translation>Weiß bei:</translation>
    </message>
    <message>
        <source>Automatic Window</source>
        <translation>Automatisches Fenster</translation>
    </message>
    <message>
        <source>Reset View</source>
        <translation>Ansicht zurücksetzen</translation>
    </message>
    <message>
        <source>(volume %1 of %2)</source>
        <translation>(Volumen %1 von %2)</translation>
    </message>
    <message>
        <source>%1 × %2 × %3 mm</source>
        <translation>%1 × %2 × %3 mm</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <source>No volume open</source>
        <translation>Kein Volumen geöffnet</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Informationen</translation>
    </message>
</context>
<context>
    <name>vindex::widgets::VolumeView</name>
    <message>
        <source>No volume open</source>
        <translation>Kein Volumen geöffnet</translation>
    </message>
</context>
</TS>
