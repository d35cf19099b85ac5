<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>DecodeInputCheck</name>
    <message>
        <source>No such folder</source>
        <translation>Ordner existiert nicht</translation>
    </message>
    <message>
        <source>A file, not a model folder</source>
        <translation>Eine Datei, kein Modellordner</translation>
    </message>
    <message>
        <source>Not a model folder: it has no config.json</source>
        <translation>Kein Modellordner: er hat keine config.json</translation>
    </message>
    <message>
        <source>Its config.json cannot be read: %1</source>
        <translation>Seine config.json ist nicht lesbar: %1</translation>
    </message>
    <message>
        <source>Shikra</source>
        <translation>Shikra</translation>
    </message>
    <message>
        <source>Not a multimodal LLM: its config.json says model_type “%1”</source>
        <translation>Kein multimodales LLM: seine config.json nennt model_type „%1“</translation>
    </message>
    <message>
        <source>Dense Connector (LLaVA)</source>
        <translation>Dense Connector (LLaVA)</translation>
    </message>
    <message>
        <source>M3 (LLaVA)</source>
        <translation>M3 (LLaVA)</translation>
    </message>
    <message>
        <source>MMVP (LLaVA + DINOv2)</source>
        <translation>MMVP (LLaVA + DINOv2)</translation>
    </message>
    <message>
        <source>LLaVA-NeXT</source>
        <translation>LLaVA-NeXT</translation>
    </message>
    <message>
        <source>LLaVA</source>
        <translation>LLaVA</translation>
    </message>
    <message>
        <source>No such file or folder</source>
        <translation>Datei oder Ordner existiert nicht</translation>
    </message>
    <message>
        <source>Not a folder of encoders: it has no clip_224/last.pth or dino_224/last.pth</source>
        <translation>Kein Encoder-Ordner: er hat weder clip_224/last.pth noch dino_224/last.pth</translation>
    </message>
    <message>
        <source>ME folder (clip + dino)</source>
        <translation>ME-Ordner (clip + dino)</translation>
    </message>
    <message>
        <source>Not a brain encoder: it has no lin2 (voxels → tokens) weights</source>
        <translation>Kein Gehirn-Encoder: er hat keine lin2-Gewichte (Voxel → Tokens)</translation>
    </message>
</context>
<context>
    <name>ElementHighlighter</name>
    <message>
        <source>Objects</source>
        <translation>Objekte</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>Attribute</translation>
    </message>
    <message>
        <source>Relations</source>
        <translation>Relationen</translation>
    </message>
</context>
<context>
    <name>FigureExporter</name>
    <message>
        <source>Figure exported by VINDEX Studio</source>
        <translation>Mit VINDEX Studio exportierte Abbildung</translation>
    </message>
    <message>
        <source>Cannot export %1: choose a .png or .svg file</source>
        <translation>%1 kann nicht exportiert werden: wählen Sie eine .png- oder .svg-Datei</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>nothing was drawn</source>
        <translation>es wurde nichts gezeichnet</translation>
    </message>
</context>
<context>
    <name>ResultLoader</name>
    <message>
        <source>%1 captions scored against %2</source>
        <translation>%1 Beschreibungen bewertet gegen %2</translation>
    </message>
    <message>
        <source>Manifest: %1</source>
        <translation>Manifest: %1</translation>
    </message>
    <message>
        <source>%1 (boxes)</source>
        <translation>%1 (Boxen)</translation>
    </message>
    <message>
        <source>%1: %2 %3, IoU %4 (%5 targets, %6 without a decoded box)</source>
        <translation>%1: %2 %3, IoU %4 (%5 Ziele, %6 ohne decodierten Rahmen)</translation>
    </message>
    <message>
        <source>Elements and CAPTURE: scene graphs from %1, sentence encoder %2</source>
        <translation>Elemente und CAPTURE: Szenengraphen aus %1, Satz-Encoder %2</translation>
    </message>
    <message>
        <source>SentenceS: sentence encoder %1</source>
        <translation>SentenceS: Satz-Encoder %1</translation>
    </message>
    <message>
        <source>%1: %2 of its %3 captions have no reference in %4 (%5 trials), which holds only %6 of its ids: it was decoded for another dataset, and scores against these references would mean nothing. Open its dataset (or set its BrainHub folder) to score it.</source>
        <translation>%1: %2 seiner %3 Beschreibungen haben keine Referenz in %4 (%5 Trials), das nur %6 seiner IDs enthält: Es wurde für einen anderen Datensatz dekodiert, und Bewertungen gegen diese Referenzen wären bedeutungslos. Öffnen Sie seinen Datensatz (oder setzen Sie seinen BrainHub-Ordner), um es zu bewerten.</translation>
    </message>
    <message>
        <source>%1 of its %2 captions have no reference in the open dataset and are not scored</source>
        <translation>%1 seiner %2 Beschreibungen haben keine Referenz im geöffneten Datensatz und werden nicht bewertet</translation>
    </message>
</context>
<context>
    <name>SessionDocument</name>
    <message>
        <source>not a VINDEX Studio session (expected &quot;format&quot;: &quot;%1&quot;)</source>
        <translation>keine VINDEX-Studio-Sitzung (erwartet: &quot;format&quot;: &quot;%1&quot;)</translation>
    </message>
    <message>
        <source>&quot;version&quot; must be a positive whole number</source>
        <translation>&quot;version&quot; muss eine positive ganze Zahl sein</translation>
    </message>
    <message>
        <source>session version %1 is newer than this VINDEX Studio reads (%2); update VINDEX Studio</source>
        <translation>Sitzungsversion %1 ist neuer, als dieses VINDEX Studio lesen kann (%2); aktualisieren Sie VINDEX Studio</translation>
    </message>
    <message>
        <source>&quot;dataset&quot; must be an object</source>
        <translation>&quot;dataset&quot; muss ein Objekt sein</translation>
    </message>
    <message>
        <source>&quot;dataset&quot; needs a &quot;root&quot; folder</source>
        <translation>&quot;dataset&quot; braucht einen Ordner &quot;root&quot;</translation>
    </message>
    <message>
        <source>&quot;split&quot; must be &quot;train&quot;, &quot;val&quot; or &quot;test&quot;, not &quot;%1&quot;</source>
        <translation>&quot;split&quot; muss &quot;train&quot;, &quot;val&quot; oder &quot;test&quot; sein, nicht &quot;%1&quot;</translation>
    </message>
    <message>
        <source>&quot;results&quot; must be a list of files</source>
        <translation>&quot;results&quot; muss eine Liste von Dateien sein</translation>
    </message>
    <message>
        <source>Cannot open session %1: %2</source>
        <translation>Sitzung %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>the file does not exist</source>
        <translation>die Datei existiert nicht</translation>
    </message>
    <message>
        <source>%1 bytes is too large for a session file</source>
        <translation>%1 Bytes sind zu groß für eine Sitzungsdatei</translation>
    </message>
    <message>
        <source>invalid JSON at byte %1: %2</source>
        <translation>ungültiges JSON bei Byte %1: %2</translation>
    </message>
    <message>
        <source>not a VINDEX Studio session (expected a JSON object)</source>
        <translation>keine VINDEX-Studio-Sitzung (JSON-Objekt erwartet)</translation>
    </message>
    <message>
        <source>Cannot save session %1: %2</source>
        <translation>Sitzung %1 kann nicht gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>SpaceOptions</name>
    <message>
        <source>SE — single vision encoder (LLaVA)</source>
        <translation>SE — ein Bild-Encoder (LLaVA)</translation>
    </message>
    <message>
        <source>ME — multiple encoders (MMVP: CLIP + DINOv2)</source>
        <translation>ME — mehrere Encoder (MMVP: CLIP + DINOv2)</translation>
    </message>
    <message>
        <source>AF — aggregated features (Dense Connector)</source>
        <translation>AF — aggregierte Merkmale (Dense Connector)</translation>
    </message>
    <message>
        <source>NF — nested features (M3)</source>
        <translation>NF — verschachtelte Merkmale (M3)</translation>
    </message>
    <message>
        <source>Shikra</source>
        <translation>Shikra</translation>
    </message>
    <message>
        <source>Model default</source>
        <translation>Standard des Modells</translation>
    </message>
    <message numerus="yes">
        <source>%n token(s)</source>
        <translation>
            <numerusform>%n Token</numerusform>
            <numerusform>%n Token</numerusform>
        </translation>
    </message>
</context>
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
        <source>Restore a saved session (.vindex.json): dataset, selection, layout, brain view, results.</source>
        <translation>Eine gespeicherte Sitzung (.vindex.json) wiederherstellen: Datensatz, Auswahl, Anordnung, Gehirnansicht, Ergebnisse.</translation>
    </message>
    <message>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>--session expects a session file</source>
        <translation>--session erwartet eine Sitzungsdatei</translation>
    </message>
    <message>
        <source>give one of a volume file, --dataset or --session</source>
        <translation>geben Sie nur eines an: eine Volumendatei, --dataset oder --session</translation>
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
    <name>vindex::studio::BrainController</name>
    <message>
        <source>Change Threshold</source>
        <translation>Schwelle ändern</translation>
    </message>
    <message>
        <source>Change Colour Map</source>
        <translation>Farbskala ändern</translation>
    </message>
    <message>
        <source>Change Threshold Mode</source>
        <translation>Schwellenmodus ändern</translation>
    </message>
    <message>
        <source>Change Range</source>
        <translation>Bereich ändern</translation>
    </message>
    <message>
        <source>Change Fading</source>
        <translation>Ausblendung ändern</translation>
    </message>
    <message>
        <source>Show Mean Betas</source>
        <translation>Mittlere Betas zeigen</translation>
    </message>
    <message>
        <source>Show Repeat %1</source>
        <translation>Wiederholung %1 zeigen</translation>
    </message>
    <message>
        <source>Move Cursor</source>
        <translation>Cursor bewegen</translation>
    </message>
    <message>
        <source>voxel (%1, %2, %3) · (%4, %5, %6) mm</source>
        <translation>Voxel (%1, %2, %3) · (%4, %5, %6) mm</translation>
    </message>
    <message>
        <source>%1 · outside the ROI</source>
        <translation>%1 · außerhalb der ROI</translation>
    </message>
    <message>
        <source>ROI voxel %1 · %2 · β = %3</source>
        <translation>ROI-Voxel %1 · %2 · β = %3</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
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
        <source>β (z, per session)</source>
        <translation>β (z, je Sitzung)</translation>
    </message>
    <message>
        <source>Mean β (z, per session)</source>
        <translation>Mittleres β (z, je Sitzung)</translation>
    </message>
    <message>
        <source>β, repeat %1 of %2 (z, per session)</source>
        <translation>β, Wiederholung %1 von %2 (z, je Sitzung)</translation>
    </message>
    <message>
        <source>the repeats cannot be read: %1</source>
        <translation>die Wiederholungen können nicht gelesen werden: %1</translation>
    </message>
</context>
<context>
    <name>vindex::studio::DatasetPresenter</name>
    <message>
        <source>Reading…</source>
        <translation>Lese…</translation>
    </message>
    <message>
        <source>Opening dataset…</source>
        <translation>Öffne Datensatz…</translation>
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
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
    <message>
        <source>Opened %1 with %2 problems (see the log)</source>
        <translation>%1 mit %2 Problemen geöffnet (siehe Protokoll)</translation>
    </message>
    <message>
        <source>%1 — VINDEX Studio</source>
        <translation>%1 — VINDEX Studio</translation>
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
    <message>
        <source>Select Trial %1</source>
        <translation>Durchgang %1 auswählen</translation>
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
    <name>vindex::studio::DecodeJob</name>
    <message>
        <source>Model %1, space %2, device %3</source>
        <translation>Modell %1, Merkmalsraum %2, Gerät %3</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Results %1</source>
        <translation>Ergebnisse %1</translation>
    </message>
    <message>
        <source>%1 of %2 captions</source>
        <translation>%1 von %2 Beschreibungen</translation>
    </message>
    <message>
        <source>Decoding…</source>
        <translation>Dekodiere…</translation>
    </message>
    <message numerus="yes">
        <source>%n caption(s)</source>
        <translation>
            <numerusform>%n Beschreibung</numerusform>
            <numerusform>%n Beschreibungen</numerusform>
        </translation>
    </message>
    <message>
        <source>, %1 from an earlier run</source>
        <translation>, %1 aus einem früheren Lauf</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>%1 geschrieben</translation>
    </message>
</context>
<context>
    <name>vindex::studio::DecodePanel</name>
    <message>
        <source>Multimodal LLM Folder</source>
        <translation>Ordner des multimodalen LLM</translation>
    </message>
    <message>
        <source>Shikra — grounding (boxes)</source>
        <translation>Shikra — Verortung (Boxen)</translation>
    </message>
    <message>
        <source>An image file</source>
        <translation>Eine Bilddatei</translation>
    </message>
    <message>
        <source>Brain Encoder Checkpoint</source>
        <translation>Checkpoint des Hirn-Encoders</translation>
    </message>
    <message>
        <source>Brain encoders (*.safetensors *.pth);;All files (*)</source>
        <translation>Hirn-Encoder (*.safetensors *.pth);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg);;All files (*)</source>
        <translation>Bilder (*.png *.jpg *.jpeg);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>No dataset open</source>
        <translation>Kein Datensatz geöffnet</translation>
    </message>
    <message>
        <source>e.g. a dog; the red car</source>
        <translation>z. B. a dog; the red car</translation>
    </message>
    <message>
        <source>Expressions to locate, separated by semicolons</source>
        <translation>Zu verortende Ausdrücke, durch Semikolons getrennt</translation>
    </message>
    <message>
        <source>Every COCO category BrainHub lists for the trial</source>
        <translation>Jede COCO-Kategorie, die BrainHub für den Durchgang nennt</translation>
    </message>
    <message>
        <source>Prompts generated together (speed only: greedy text does not depend on it)</source>
        <translation>Gemeinsam erzeugte Prompts (nur für die Geschwindigkeit: Greedy-Text hängt nicht davon ab)</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>CUDA</source>
        <translation>CUDA</translation>
    </message>
    <message>
        <source>Tokens:</source>
        <translation>Token:</translation>
    </message>
    <message>
        <source>Batch:</source>
        <translation>Batch:</translation>
    </message>
    <message>
        <source>Results Folder</source>
        <translation>Ergebnisordner</translation>
    </message>
    <message>
        <source>&amp;Model:</source>
        <translation>&amp;Modell:</translation>
    </message>
    <message>
        <source>Space:</source>
        <translation>Merkmalsraum:</translation>
    </message>
    <message>
        <source>&amp;Input:</source>
        <translation>Ei&amp;ngabe:</translation>
    </message>
    <message>
        <source>&amp;Encoder:</source>
        <translation>En&amp;coder:</translation>
    </message>
    <message>
        <source>Heads × width:</source>
        <translation>Köpfe × Breite:</translation>
    </message>
    <message>
        <source>Ima&amp;ge:</source>
        <translation>B&amp;ild:</translation>
    </message>
    <message>
        <source>Trials:</source>
        <translation>Durchgänge:</translation>
    </message>
    <message>
        <source>E&amp;xpressions:</source>
        <translation>A&amp;usdrücke:</translation>
    </message>
    <message>
        <source>Decoding:</source>
        <translation>Dekodierung:</translation>
    </message>
    <message>
        <source>&amp;Results:</source>
        <translation>E&amp;rgebnisse:</translation>
    </message>
    <message>
        <source>Current Trial</source>
        <translation>Aktuellen</translation>
    </message>
    <message>
        <source>Decode the trial shown</source>
        <translation>Den gezeigten Durchgang dekodieren</translation>
    </message>
    <message>
        <source>Selected</source>
        <translation>Auswahl</translation>
    </message>
    <message>
        <source>Decode the trials selected in the trial table (Shift/Ctrl+click)</source>
        <translation>Die in der Durchgangstabelle ausgewählten Durchgänge dekodieren (Umschalt-/Strg-Klick)</translation>
    </message>
    <message>
        <source>Whole Split</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Decode every trial of the split (resumes an earlier run of the same settings)</source>
        <translation>Jeden Durchgang der Aufteilung dekodieren (setzt einen früheren Lauf mit denselben Einstellungen fort)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Load as Result</source>
        <translation>Als Ergebnis laden</translation>
    </message>
    <message>
        <source>Load the results file just written beside the other results (compare view, scores)</source>
        <translation>Die eben geschriebene Ergebnisdatei neben den anderen Ergebnissen laden (Vergleichsansicht, Werte)</translation>
    </message>
    <message>
        <source>Load %1 as a result</source>
        <translation>%1 als Ergebnis laden</translation>
    </message>
    <message>
        <source>Decode:</source>
        <translation>Dekodieren:</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Not used: an image file is decoded</source>
        <translation>Nicht verwendet: eine Bilddatei wird dekodiert</translation>
    </message>
    <message>
        <source>Open a dataset to decode its trials</source>
        <translation>Öffnen Sie einen Datensatz, um seine Durchgänge zu dekodieren</translation>
    </message>
    <message numerus="yes">
        <source>Subject %1, %2 split · current trial %3 · %n selected</source>
        <translation>
            <numerusform>Versuchsperson %1, Aufteilung %2 · aktueller Durchgang %3 · %n ausgewählt</numerusform>
            <numerusform>Versuchsperson %1, Aufteilung %2 · aktueller Durchgang %3 · %n ausgewählt</numerusform>
        </translation>
    </message>
    <message>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <source>Choose the multimodal LLM folder.</source>
        <translation>Wählen Sie den Ordner des multimodalen LLM.</translation>
    </message>
    <message>
        <source>The model folder %1 does not exist.</source>
        <translation>Der Modellordner %1 existiert nicht.</translation>
    </message>
    <message>
        <source>Choose a folder for the results.</source>
        <translation>Wählen Sie einen Ordner für die Ergebnisse.</translation>
    </message>
    <message>
        <source>Choose an image file.</source>
        <translation>Wählen Sie eine Bilddatei.</translation>
    </message>
    <message>
        <source>The image %1 does not exist.</source>
        <translation>Das Bild %1 existiert nicht.</translation>
    </message>
    <message>
        <source>Choose the brain encoder checkpoint.</source>
        <translation>Wählen Sie den Checkpoint des Hirn-Encoders.</translation>
    </message>
    <message>
        <source>The brain encoder %1 does not exist.</source>
        <translation>Der Hirn-Encoder %1 existiert nicht.</translation>
    </message>
    <message>
        <source>Open a dataset and choose a subject: its trials are decoded.</source>
        <translation>Öffnen Sie einen Datensatz und wählen Sie eine Versuchsperson: deren Durchgänge werden dekodiert.</translation>
    </message>
    <message>
        <source>Give expressions to locate, or ground every category BrainHub lists.</source>
        <translation>Geben Sie zu verortende Ausdrücke an oder verorten Sie jede Kategorie, die BrainHub nennt.</translation>
    </message>
    <message>
        <source>No trial is selected.</source>
        <translation>Kein Durchgang ist ausgewählt.</translation>
    </message>
    <message>
        <source>Select trials in the trial table first.</source>
        <translation>Wählen Sie zuerst Durchgänge in der Durchgangstabelle aus.</translation>
    </message>
    <message>
        <source>Cannot create the results folder %1.</source>
        <translation>Der Ergebnisordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <source>subject %1 %2 split</source>
        <translation>Versuchsperson %1, Aufteilung %2</translation>
    </message>
    <message>
        <source>subject %1 trial %2</source>
        <translation>Versuchsperson %1, Durchgang %2</translation>
    </message>
    <message numerus="yes">
        <source>subject %1, %n trials</source>
        <translation>
            <numerusform>Versuchsperson %1, %n Durchgang</numerusform>
            <numerusform>Versuchsperson %1, %n Durchgänge</numerusform>
        </translation>
    </message>
    <message>
        <source>brain</source>
        <translation>Gehirn</translation>
    </message>
    <message>
        <source>stimulus</source>
        <translation>Stimulus</translation>
    </message>
    <message>
        <source>image</source>
        <translation>Bild</translation>
    </message>
    <message>
        <source>Shikra boxes · %1 · %2</source>
        <translation>Shikra-Boxen · %1 · %2</translation>
    </message>
    <message>
        <source>%1 captions · %2 · %3</source>
        <translation>%1-Beschreibungen · %2 · %3</translation>
    </message>
    <message>
        <source>Running: %1</source>
        <translation>Läuft: %1</translation>
    </message>
    <message>
        <source>Done: %1</source>
        <translation>Fertig: %1</translation>
    </message>
    <message>
        <source>Cancelled; finished captions are kept.</source>
        <translation>Abgebrochen; fertige Beschreibungen bleiben erhalten.</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>auto</translation>
    </message>
    <message>
        <source>Perceiver heads of the encoder; auto: as its checkpoint records it, else 16</source>
        <translation>Perceiver-Köpfe des Encoders; auto: wie im Checkpoint vermerkt, sonst 16</translation>
    </message>
    <message>
        <source>Width per head of the encoder; auto: as its checkpoint records it, else 96</source>
        <translation>Breite je Kopf des Encoders; auto: wie im Checkpoint vermerkt, sonst 96</translation>
    </message>
    <message>
        <source>LLaVA-1.5, LLaVA-NeXT (either layout), MMVP, Dense Connector, M3 or Shikra</source>
        <translation>LLaVA-1.5, LLaVA-NeXT (beide Layouts), MMVP, Dense Connector, M3 oder Shikra</translation>
    </message>
    <message>
        <source>NF (M3): about this many visual tokens after pooling. M3 pools a side × side grid with a kernel of int(√(side² / S)) and keeps ⌊side / kernel⌋² tokens, so the count depends on the encoder&apos;s grid: 24 × 24 (CLIP-336) gives 1, 9, 36, 144, 576 tokens; 16 × 16 (a clip_224 brain encoder) gives 1, 9, 64, 256, and 576 is refused, as M3 itself refuses it.</source>
        <translation>NF (M3): ungefähr so viele visuelle Token nach dem Pooling. M3 poolt ein Raster von Seite × Seite mit einem Kernel von int(√(Seite² / S)) und behält ⌊Seite / Kernel⌋² Token; die Anzahl hängt also vom Raster des Encoders ab: 24 × 24 (CLIP-336) ergibt 1, 9, 36, 144, 576 Token; 16 × 16 (ein clip_224-Hirn-Encoder) ergibt 1, 9, 64, 256, und 576 wird abgelehnt, wie M3 selbst es ablehnt.</translation>
    </message>
    <message>
        <source>DINOv2 Weights</source>
        <translation>DINOv2-Gewichte</translation>
    </message>
    <message>
        <source>DINOv2 Folder (Hugging Face layout)</source>
        <translation>DINOv2-Ordner (Hugging-Face-Layout)</translation>
    </message>
    <message>
        <source>DINOv2 weights (*.pth *.safetensors);;All files (*)</source>
        <translation>DINOv2-Gewichte (*.pth *.safetensors);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>ME: DINOv2 as torch.hub weights (dinov2_vitl14_pretrain.pth) or a Hugging Face DINOv2 folder; empty: the model&apos;s mm_dino_tower, else torch.hub&apos;s cache</source>
        <translation>ME: DINOv2 als torch.hub-Gewichte (dinov2_vitl14_pretrain.pth) oder als Hugging-Face-DINOv2-Ordner; leer: mm_dino_tower des Modells, sonst der Cache von torch.hub</translation>
    </message>
    <message>
        <source>Brain Encoder Folder (clip_224 and dino_224)</source>
        <translation>Ordner der Hirn-Encoder (clip_224 und dino_224)</translation>
    </message>
    <message>
        <source>A BrainXS / BrainX checkpoint (.safetensors or UMBRAE .pth), or the method&apos;s folder of encoders (clip_224/last.pth and dino_224/last.pth): ME takes both, the other spaces its CLIP encoder</source>
        <translation>Ein BrainXS-/BrainX-Checkpoint (.safetensors oder UMBRAE-.pth) oder der Encoder-Ordner der Methode (clip_224/last.pth und dino_224/last.pth): ME nimmt beide, die anderen Räume dessen CLIP-Encoder</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Eigener</translation>
    </message>
    <message>
        <source>The method&apos;s prompts; Shikra models take “simple”, the LLaVA family “detail”</source>
        <translation>Die Prompts der Methode; Shikra-Modelle nehmen „simple“, die LLaVA-Familie „detail“</translation>
    </message>
    <message>
        <source>Empty: the method&apos;s prompt for the model</source>
        <translation>Leer: der Prompt der Methode für das Modell</translation>
    </message>
    <message>
        <source>&amp;DINOv2:</source>
        <translation>&amp;DINOv2:</translation>
    </message>
    <message>
        <source>Prompt:</source>
        <translation>Prompt:</translation>
    </message>
    <message>
        <source>The DINOv2 weights %1 do not exist.</source>
        <translation>Die DINOv2-Gewichte %1 existieren nicht.</translation>
    </message>
    <message>
        <source>LLaVA, MMVP, Dense Connector, M3 or Shikra</source>
        <translation>LLaVA, MMVP, Dense Connector, M3 oder Shikra</translation>
    </message>
    <message>
        <source>Default: the model&apos;s or torch.hub&apos;s</source>
        <translation>Standard: die des Modells oder von torch.hub</translation>
    </message>
    <message>
        <source>Brain (encoder on voxels)</source>
        <translation>Gehirn (Encoder auf Voxeln)</translation>
    </message>
    <message>
        <source>The trials&apos; voxels through a brain encoder</source>
        <translation>Die Voxel der Trials durch einen Gehirn-Encoder</translation>
    </message>
    <message>
        <source>Stimulus images (upper bound)</source>
        <translation>Stimulusbilder (Obergrenze)</translation>
    </message>
    <message>
        <source>The stimulus images of the trials: the upper bound of brain decoding</source>
        <translation>Die Stimulusbilder der Trials: die Obergrenze der Gehirn-Dekodierung</translation>
    </message>
    <message>
        <source>BrainXS / BrainX checkpoint or ME folder</source>
        <translation>BrainXS-/BrainX-Checkpoint oder ME-Ordner</translation>
    </message>
    <message>
        <source>All BrainHub categories</source>
        <translation>Alle BrainHub-Kategorien</translation>
    </message>
    <message>
        <source>De&amp;vice:</source>
        <translation>&amp;Gerät:</translation>
    </message>
    <message>
        <source>%1 · made for %2</source>
        <translation>%1 · gemacht für %2</translation>
    </message>
    <message>
        <source>This encoder has no tokenizer for subject %1 (it has subjects %2)</source>
        <translation>Dieser Encoder hat keinen Tokenizer für Proband %1 (er hat die Probanden %2)</translation>
    </message>
    <message>
        <source>This encoder takes %1 voxels; subject %2 of the open dataset has %3: choose an encoder trained on this subject</source>
        <translation>Dieser Encoder nimmt %1 Voxel; Proband %2 des geöffneten Datensatzes hat %3: Wählen Sie einen auf diesem Probanden trainierten Encoder</translation>
    </message>
    <message>
        <source>Heads × width is %1 × %2 = %3, but this encoder&apos;s attention is %4 wide: set Heads × width to the split it was trained with (the checkpoint does not record it)</source>
        <translation>Köpfe × Breite ist %1 × %2 = %3, aber die Attention dieses Encoders ist %4 breit: Setzen Sie Köpfe × Breite auf die Aufteilung, mit der er trainiert wurde (der Checkpoint speichert sie nicht)</translation>
    </message>
    <message>
        <source>%1 voxels</source>
        <translation>%1 Voxel</translation>
    </message>
    <message>
        <source>subjects %1</source>
        <translation>Probanden %1</translation>
    </message>
    <message>
        <source>%1 × %2 heads (recorded)</source>
        <translation>%1 × %2 Köpfe (gespeichert)</translation>
    </message>
    <message>
        <source>set Heads × width to the split the encoder was trained with</source>
        <translation>setzen Sie Köpfe × Breite auf die Aufteilung, mit der der Encoder trainiert wurde</translation>
    </message>
    <message>
        <source>Model: %1.</source>
        <translation>Modell: %1.</translation>
    </message>
    <message>
        <source>Encoder: %1.</source>
        <translation>Encoder: %1.</translation>
    </message>
</context>
<context>
    <name>vindex::studio::EvaluateJob</name>
    <message>
        <source>Score %1</source>
        <translation>%1 bewerten</translation>
    </message>
    <message>
        <source>Results %1</source>
        <translation>Ergebnisse %1</translation>
    </message>
    <message numerus="yes">
        <source>%n trial(s) scored</source>
        <translation>
            <numerusform>%n Durchgang bewertet</numerusform>
            <numerusform>%n Durchgänge bewertet</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vindex::studio::FigureExportDialog</name>
    <message>
        <source>Export Figure</source>
        <translation>Abbildung exportieren</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg)</translation>
    </message>
    <message>
        <source>&amp;View:</source>
        <translation>&amp;Ansicht:</translation>
    </message>
    <message>
        <source>&amp;Size:</source>
        <translation>&amp;Größe:</translation>
    </message>
    <message>
        <source>&amp;File (.png or .svg):</source>
        <translation>&amp;Datei (.png oder .svg):</translation>
    </message>
    <message>
        <source>Choose a view</source>
        <translation>Wählen Sie eine Ansicht</translation>
    </message>
    <message>
        <source>Exported figure %1 (%2×%3)</source>
        <translation>Abbildung %1 exportiert (%2×%3)</translation>
    </message>
</context>
<context>
    <name>vindex::studio::GroundJob</name>
    <message>
        <source>Model %1, device %2</source>
        <translation>Modell %1, Gerät %2</translation>
    </message>
    <message>
        <source>Results %1</source>
        <translation>Ergebnisse %1</translation>
    </message>
    <message>
        <source>%1 of %2 questions</source>
        <translation>%1 von %2 Fragen</translation>
    </message>
    <message>
        <source>no box</source>
        <translation>keine Box</translation>
    </message>
    <message numerus="yes">
        <source>%n answer(s)</source>
        <translation>
            <numerusform>%n Antwort</numerusform>
            <numerusform>%n Antworten</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>%1 geschrieben</translation>
    </message>
</context>
<context>
    <name>vindex::studio::Job</name>
    <message>
        <source>Decode</source>
        <translation>Dekodieren</translation>
    </message>
    <message>
        <source>Ground</source>
        <translation>Verorten</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Trainieren</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>Auswerten</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Started %1</source>
        <translation>Gestartet am %1</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Breche ab…</translation>
    </message>
    <message>
        <source>Finished in %1</source>
        <translation>Fertig nach %1</translation>
    </message>
    <message>
        <source>Cancelled after %1</source>
        <translation>Abgebrochen nach %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Bericht</translation>
    </message>
    <message>
        <source>Resumed</source>
        <translation>Fortgesetzt</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1: %2 von %3</translation>
    </message>
    <message>
        <source>stopping…</source>
        <translation>hält an…</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>wartet</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>noch %1</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>ran %1</source>
        <translation>lief %1</translation>
    </message>
</context>
<context>
    <name>vindex::studio::JobOutputTable</name>
    <message>
        <source>Input</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>(from an earlier run of the same settings)</source>
        <translation>(aus einem früheren Lauf mit denselben Einstellungen)</translation>
    </message>
</context>
<context>
    <name>vindex::studio::JobsPanel</name>
    <message>
        <source>Job</source>
        <translation>Job</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Pause a training job at its next step, or let it go on</source>
        <translation>Einen Trainingsjob beim nächsten Schritt anhalten oder weiterlaufen lassen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop the job; finished captions and the training checkpoint are kept</source>
        <translation>Den Job beenden; fertige Beschreibungen und der Trainings-Checkpoint bleiben erhalten</translation>
    </message>
    <message>
        <source>Remove Finished</source>
        <translation>Beendete entfernen</translation>
    </message>
    <message>
        <source>Remove the jobs that have ended from the list (their files stay)</source>
        <translation>Beendete Jobs aus der Liste entfernen (ihre Dateien bleiben)</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Decode with Tools ▸ Decode… or train with Tools ▸ Train Brain Encoder…; the jobs run in the background. Select a job to see its loss curve or captions and its log.</source>
        <translation>Dekodieren Sie mit Extras ▸ Dekodieren… oder trainieren Sie mit Extras ▸ Hirn-Encoder trainieren…; die Jobs laufen im Hintergrund. Wählen Sie einen Job, um seine Verlustkurve oder Beschreibungen und sein Protokoll zu sehen.</translation>
    </message>
    <message>
        <source>The selected job&apos;s log</source>
        <translation>Protokoll des ausgewählten Jobs</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>startet…</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Time left while a job runs; how long it ran once it has ended</source>
        <translation>Restzeit, solange ein Job läuft; wie lange er lief, sobald er beendet ist</translation>
    </message>
    <message>
        <source>Waiting to start</source>
        <translation>Wartet auf den Start</translation>
    </message>
    <message>
        <source>Time left, estimated from the pace so far</source>
        <translation>Restzeit, geschätzt aus dem bisherigen Tempo</translation>
    </message>
    <message>
        <source>Time left: not known yet</source>
        <translation>Restzeit: noch unbekannt</translation>
    </message>
    <message>
        <source>Paused: no time left is estimated until it goes on</source>
        <translation>Pausiert: bis er weiterläuft, wird keine Restzeit geschätzt</translation>
    </message>
    <message>
        <source>How long it ran</source>
        <translation>Wie lange er lief</translation>
    </message>
    <message>
        <source>How long it ran before it was cancelled</source>
        <translation>Wie lange er lief, bevor er abgebrochen wurde</translation>
    </message>
    <message>
        <source>How long it ran before it failed</source>
        <translation>Wie lange er lief, bevor er fehlschlug</translation>
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
        <source>Open Dataset</source>
        <translation>Datensatz öffnen</translation>
    </message>
    <message>
        <source>&amp;Brain</source>
        <translation>Geh&amp;irn</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>&amp;Vergleich</translation>
    </message>
    <message>
        <source>Click or drag: move the cursor · Up/Down, Page Up/Page Down: step the slice</source>
        <translation>Klicken oder ziehen: Cursor bewegen · Auf/Ab, Bild auf/Bild ab: Schnitt wechseln</translation>
    </message>
    <message>
        <source>Brain</source>
        <translation>Gehirn</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Jobs</translation>
    </message>
    <message>
        <source>Results written: %1</source>
        <translation>Ergebnisse geschrieben: %1</translation>
    </message>
    <message>
        <source>Decode</source>
        <translation>Dekodieren</translation>
    </message>
    <message>
        <source>Started job: %1</source>
        <translation>Job gestartet: %1</translation>
    </message>
    <message>
        <source>Job finished: %1</source>
        <translation>Job fertig: %1</translation>
    </message>
    <message>
        <source>Finished: %1</source>
        <translation>Fertig: %1</translation>
    </message>
    <message>
        <source>Job cancelled: %1</source>
        <translation>Job abgebrochen: %1</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Job Failed</source>
        <translation>Job fehlgeschlagen</translation>
    </message>
    <message>
        <source>Jobs Are Running</source>
        <translation>Jobs laufen noch</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) still running. Cancel and quit?</source>
        <translation>
            <numerusform>%n Job läuft noch. Abbrechen und beenden?</numerusform>
            <numerusform>%n Jobs laufen noch. Abbrechen und beenden?</numerusform>
        </translation>
    </message>
    <message>
        <source>Finished captions stay in their results files, and a training run saves its checkpoint; it can be continued later.</source>
        <translation>Fertige Beschreibungen bleiben in ihren Ergebnisdateien, und ein Trainingslauf speichert seinen Checkpoint; er kann später fortgesetzt werden.</translation>
    </message>
    <message>
        <source>Cancel Jobs and Quit</source>
        <translation>Jobs abbrechen und beenden</translation>
    </message>
    <message>
        <source>Keep Running</source>
        <translation>Weiterlaufen lassen</translation>
    </message>
    <message>
        <source>Stopping jobs…</source>
        <translation>Jobs werden angehalten…</translation>
    </message>
    <message>
        <source>Some jobs did not stop in time</source>
        <translation>Einige Jobs haben nicht rechtzeitig angehalten</translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation>Gestartet: %1</translation>
    </message>
</context>
<context>
    <name>vindex::studio::MainWindowActions</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
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
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
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
        <source>&amp;Volume Panel</source>
        <translation>&amp;Volumen-Bereich</translation>
    </message>
    <message>
        <source>&amp;Brain Panel</source>
        <translation>&amp;Gehirn-Bereich</translation>
    </message>
    <message>
        <source>&amp;Log Panel</source>
        <translation>&amp;Protokoll-Bereich</translation>
    </message>
    <message>
        <source>D&amp;ecode Panel</source>
        <translation>D&amp;ekodieren-Bereich</translation>
    </message>
    <message>
        <source>&amp;Jobs Panel</source>
        <translation>&amp;Jobs-Bereich</translation>
    </message>
    <message>
        <source>&amp;Dataset Tool Bar</source>
        <translation>Datensatz-&amp;Werkzeugleiste</translation>
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
        <source>&amp;Tools</source>
        <translation>E&amp;xtras</translation>
    </message>
    <message>
        <source>&amp;Decode…</source>
        <translation>&amp;Dekodieren…</translation>
    </message>
    <message>
        <source>Caption or ground trials with a brain encoder or their images</source>
        <translation>Durchgänge mit einem Hirn-Encoder oder ihren Bildern beschreiben oder verorten</translation>
    </message>
    <message>
        <source>&amp;Train Brain Encoder…</source>
        <translation>Hirn-Encoder &amp;trainieren…</translation>
    </message>
    <message>
        <source>Train a brain encoder on the open dataset as a background job</source>
        <translation>Einen Hirn-Encoder auf dem geöffneten Datensatz als Hintergrundjob trainieren</translation>
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
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;About VINDEX Studio</source>
        <translation>&amp;Über VINDEX Studio</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
</context>
<context>
    <name>vindex::studio::OpenDatasetJob</name>
    <message>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <source>Dataset %1</source>
        <translation>Datensatz %1</translation>
    </message>
    <message>
        <source>The BrainHub folder %1 in the settings does not exist.</source>
        <translation>Der BrainHub-Ordner %1 aus den Einstellungen existiert nicht.</translation>
    </message>
    <message>
        <source>BrainHub annotations not used: %1</source>
        <translation>BrainHub-Annotationen nicht verwendet: %1</translation>
    </message>
</context>
<context>
    <name>vindex::studio::RecentFiles</name>
    <message>
        <source>&amp;Clear Menu</source>
        <translation>Menü &amp;leeren</translation>
    </message>
</context>
<context>
    <name>vindex::studio::ReportExporter</name>
    <message>
        <source>Load caption results first (File ▸ Load Results…); the report compares their captions</source>
        <translation>Laden Sie zuerst Beschreibungsergebnisse (Datei ▸ Ergebnisse laden…); der Bericht vergleicht deren Beschreibungen</translation>
    </message>
    <message>
        <source>Caption decoding report</source>
        <translation>Bericht zur Dekodierung von Beschreibungen</translation>
    </message>
    <message>
        <source>Export Report</source>
        <translation>Bericht exportieren</translation>
    </message>
    <message>
        <source>HTML report (*.html);;PDF report (*.pdf);;CSV table (*.csv);;JSON (*.json)</source>
        <translation>HTML-Bericht (*.html);;PDF-Bericht (*.pdf);;CSV-Tabelle (*.csv);;JSON (*.json)</translation>
    </message>
    <message>
        <source>Cannot export %1: another report is being written</source>
        <translation>%1 kann nicht exportiert werden: ein anderer Bericht wird gerade geschrieben</translation>
    </message>
    <message>
        <source>Cannot export %1: %2</source>
        <translation>%1 kann nicht exportiert werden: %2</translation>
    </message>
    <message>
        <source>Writing report %1…</source>
        <translation>Bericht %1 wird geschrieben…</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>Exported report %1</source>
        <translation>Bericht %1 exportiert</translation>
    </message>
    <message>
        <source>Report %1 cancelled</source>
        <translation>Bericht %1 abgebrochen</translation>
    </message>
</context>
<context>
    <name>vindex::studio::ReportJob</name>
    <message>
        <source>Report %1</source>
        <translation>Bericht %1</translation>
    </message>
    <message>
        <source>Writing %1</source>
        <translation>%1 wird geschrieben</translation>
    </message>
</context>
<context>
    <name>vindex::studio::ResultsController</name>
    <message>
        <source>Loading and scoring %1</source>
        <translation>%1 wird geladen und bewertet</translation>
    </message>
    <message>
        <source>Scoring %1…</source>
        <translation>%1 wird bewertet…</translation>
    </message>
    <message>
        <source>Cannot load results %1: %2</source>
        <translation>Ergebnisse %1 können nicht geladen werden: %2</translation>
    </message>
    <message>
        <source>Loaded %1: %2 trials; %3</source>
        <translation>%1 geladen: %2 Durchgänge; %3</translation>
    </message>
    <message>
        <source>Loaded %1</source>
        <translation>%1 geladen</translation>
    </message>
    <message>
        <source>%1 of each trial&apos;s decoded %2 (×100), from %3</source>
        <translation>%1 der dekodierten %2 jedes Durchgangs (×100), aus %3</translation>
    </message>
    <message>
        <source>caption</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>boxes</source>
        <translation>Boxen</translation>
    </message>
    <message>
        <source>Load decoding results with File ▸ Load Results… and select a test trial</source>
        <translation>Laden Sie Dekodierungsergebnisse mit Datei ▸ Ergebnisse laden… und wählen Sie einen Testdurchgang</translation>
    </message>
    <message>
        <source>Results are scored on the test split: choose it and a trial</source>
        <translation>Ergebnisse werden auf der Testaufteilung bewertet: wählen Sie diese und einen Durchgang</translation>
    </message>
    <message>
        <source>&amp;Load Results…</source>
        <translation>Er&amp;gebnisse laden…</translation>
    </message>
    <message>
        <source>Decoded captions or boxes (BrainHub&apos;s layout, vindex caption and ground outputs)</source>
        <translation>Dekodierte Beschreibungen oder Boxen (BrainHub-Layout, Ausgaben von vindex caption und ground)</translation>
    </message>
    <message>
        <source>Remove All Res&amp;ults</source>
        <translation>Alle Ergebnisse en&amp;tfernen</translation>
    </message>
    <message>
        <source>Trial Table &amp;Score</source>
        <translation>&amp;Metrik der Durchgangstabelle</translation>
    </message>
    <message>
        <source>Export &amp;Report…</source>
        <translation>Be&amp;richt exportieren…</translation>
    </message>
    <message>
        <source>Export &amp;Figure…</source>
        <translation>&amp;Abbildung exportieren…</translation>
    </message>
    <message>
        <source>3D brain view</source>
        <translation>3D-Gehirnansicht</translation>
    </message>
    <message>
        <source>Stimulus</source>
        <translation>Stimulus</translation>
    </message>
    <message>
        <source>Compare view</source>
        <translation>Vergleichsansicht</translation>
    </message>
    <message>
        <source>Compare view: corpus chart</source>
        <translation>Vergleichsansicht: Korpus-Diagramm</translation>
    </message>
    <message>
        <source>Compare view: stimulus with decoded boxes</source>
        <translation>Vergleichsansicht: Stimulus mit dekodierten Boxen</translation>
    </message>
    <message>
        <source>Whole window</source>
        <translation>Ganzes Fenster</translation>
    </message>
    <message>
        <source>Load Results</source>
        <translation>Ergebnisse laden</translation>
    </message>
    <message>
        <source>Decoding results (*.json);;All files (*)</source>
        <translation>Dekodierungsergebnisse (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Loaded %1 — %2</source>
        <translation>%1 geladen — %2</translation>
    </message>
    <message>
        <source>%1 (boxes)</source>
        <translation>%1 (Boxen)</translation>
    </message>
    <message>
        <source>Exported figure %1</source>
        <translation>Abbildung %1 exportiert</translation>
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
    <name>vindex::studio::SessionAutosave</name>
    <message>
        <source>Another VINDEX Studio window autosaves its session; this one does not</source>
        <translation>Ein anderes VINDEX-Studio-Fenster speichert seine Sitzung automatisch; dieses nicht</translation>
    </message>
    <message>
        <source>Cannot write %1: %2; the session is not autosaved</source>
        <translation>%1 kann nicht geschrieben werden: %2; die Sitzung wird nicht automatisch gespeichert</translation>
    </message>
</context>
<context>
    <name>vindex::studio::SessionController</name>
    <message>
        <source>Cannot Save Session</source>
        <translation>Sitzung kann nicht gespeichert werden</translation>
    </message>
    <message>
        <source>Saved session %1</source>
        <translation>Sitzung %1 gespeichert</translation>
    </message>
    <message>
        <source>Cannot Open Session</source>
        <translation>Sitzung kann nicht geöffnet werden</translation>
    </message>
    <message>
        <source>Opening session %1</source>
        <translation>Öffne Sitzung %1</translation>
    </message>
    <message>
        <source>Cannot open session %1: its dataset %2 cannot be opened: %3</source>
        <translation>Sitzung %1 kann nicht geöffnet werden: ihr Datensatz %2 lässt sich nicht öffnen: %3</translation>
    </message>
    <message>
        <source>Opened session %1</source>
        <translation>Sitzung %1 geöffnet</translation>
    </message>
    <message>
        <source>Open S&amp;ession…</source>
        <translation>&amp;Sitzung öffnen…</translation>
    </message>
    <message>
        <source>Open Recent Sess&amp;ion</source>
        <translation>Zu&amp;letzt geöffnete Sitzungen</translation>
    </message>
    <message>
        <source>Save Sessio&amp;n</source>
        <translation>Sitzung s&amp;peichern</translation>
    </message>
    <message>
        <source>Save Session &amp;As…</source>
        <translation>Sitzung speichern &amp;unter…</translation>
    </message>
    <message>
        <source>Open Session</source>
        <translation>Sitzung öffnen</translation>
    </message>
    <message>
        <source>VINDEX Studio sessions (*.vindex.json);;All files (*)</source>
        <translation>VINDEX-Studio-Sitzungen (*.vindex.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Save Session As</source>
        <translation>Sitzung speichern unter</translation>
    </message>
    <message>
        <source>VINDEX Studio sessions (*.vindex.json)</source>
        <translation>VINDEX-Studio-Sitzungen (*.vindex.json)</translation>
    </message>
    <message>
        <source>Restore Session</source>
        <translation>Sitzung wiederherstellen</translation>
    </message>
    <message>
        <source>VINDEX Studio did not exit cleanly last time. Restore the session autosaved at %1?</source>
        <translation>VINDEX Studio wurde beim letzten Mal nicht ordnungsgemäß beendet. Die um %1 automatisch gespeicherte Sitzung wiederherstellen?</translation>
    </message>
    <message>
        <source>Restoring the session autosaved at %1</source>
        <translation>Die um %1 automatisch gespeicherte Sitzung wird wiederhergestellt</translation>
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
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>How often the current session is saved for recovery after a crash</source>
        <translation>Wie oft die aktuelle Sitzung für die Wiederherstellung nach einem Absturz gespeichert wird</translation>
    </message>
    <message>
        <source>&amp;Autosave session every:</source>
        <translation>Sitzung &amp;automatisch speichern alle:</translation>
    </message>
    <message>
        <source>Not set: not computed</source>
        <translation>Nicht gesetzt: wird nicht berechnet</translation>
    </message>
    <message>
        <source>Choose METEOR&apos;s Data Folder</source>
        <translation>METEOR-Datenordner wählen</translation>
    </message>
    <message>
        <source>METEOR 1.5&apos;s data folder, holding its paraphrase table paraphrase-en.gz (the Python package pycocoevalcap ships it as pycocoevalcap/meteor/data). Set: METEOR is the jar&apos;s, with paraphrases, as BrainHub reports it. Empty: METEOR without its paraphrase stage (&quot;METEOR (no paraphrase)&quot;, when WordNet is installed).</source>
        <translation>Der Datenordner von METEOR 1.5 mit seiner Paraphrasentabelle paraphrase-en.gz (das Python-Paket pycocoevalcap liefert ihn als pycocoevalcap/meteor/data). Gesetzt: METEOR wie das jar es berechnet, mit Paraphrasen, wie BrainHub es angibt. Leer: METEOR ohne Paraphrasenstufe (&quot;METEOR (no paraphrase)&quot;, wenn WordNet installiert ist).</translation>
    </message>
    <message>
        <source>Choose the PAC-S Checkpoint</source>
        <translation>PAC-S-Checkpoint wählen</translation>
    </message>
    <message>
        <source>PAC-S and RefPAC-S: the PAC-finetuned CLIP checkpoint in OpenAI&apos;s layout (clip_ViT-B-32.pth from aimagelab/pacscore). PAC-S compares each caption with its stimulus image, which the studio does not give the scoring yet: the setting is kept, but PAC-S is not computed when results are loaded (use vindex eval captions --pacs).</source>
        <translation>PAC-S und RefPAC-S: der PAC-feinabgestimmte CLIP-Checkpoint im Layout von OpenAI (clip_ViT-B-32.pth aus aimagelab/pacscore). PAC-S vergleicht jede Beschreibung mit ihrem Stimulusbild, das das Studio der Bewertung noch nicht übergibt: Die Einstellung wird gespeichert, PAC-S beim Laden von Ergebnissen aber nicht berechnet (dafür vindex eval captions --pacs).</translation>
    </message>
    <message>
        <source>PyTorch checkpoints (*.pth *.pt);;All files (*)</source>
        <translation>PyTorch-Checkpoints (*.pth *.pt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Choose CLIP&apos;s BPE Vocabulary</source>
        <translation>BPE-Vokabular von CLIP wählen</translation>
    </message>
    <message>
        <source>OpenAI CLIP&apos;s bpe_simple_vocab_16e6.txt.gz for the PAC-S checkpoint. Empty: the file beside the checkpoint.</source>
        <translation>bpe_simple_vocab_16e6.txt.gz von OpenAI CLIP für den PAC-S-Checkpoint. Leer: die Datei neben dem Checkpoint.</translation>
    </message>
    <message>
        <source>Default: beside the checkpoint</source>
        <translation>Standard: neben dem Checkpoint</translation>
    </message>
    <message>
        <source>BPE vocabulary (*.txt.gz *.txt);;All files (*)</source>
        <translation>BPE-Vokabular (*.txt.gz *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Choose the Scene-Graph Parser Folder</source>
        <translation>Ordner des Szenengraph-Parsers wählen</translation>
    </message>
    <message>
        <source>Object, attribute and relation precision/recall/F1 and CAPTURE: the FACTUAL scene-graph parser&apos;s folder (lizhuang144/flan-t5-base-VG-factual-sg: config.json, model.safetensors, spiece.model). Needed unless the stored scene graphs hold every sentence; needs the CAPTURE sentence encoder too.</source>
        <translation>Precision/Recall/F1 für Objekte, Attribute und Relationen sowie CAPTURE: der Ordner des FACTUAL-Szenengraph-Parsers (lizhuang144/flan-t5-base-VG-factual-sg: config.json, model.safetensors, spiece.model). Nötig, außer die gespeicherten Szenengraphen enthalten jeden Satz; braucht auch den Satz-Encoder für CAPTURE.</translation>
    </message>
    <message>
        <source>Choose a Stored Scene Graphs File</source>
        <translation>Datei mit gespeicherten Szenengraphen wählen</translation>
    </message>
    <message>
        <source>Scene graphs parsed before, a JSON file {&quot;sentence&quot;: &quot;( man , is , young ) , ...&quot;}: asked before the parser, which parses the sentences it lacks. Without a parser, every sentence must be in it.</source>
        <translation>Zuvor geparste Szenengraphen, eine JSON-Datei {&quot;sentence&quot;: &quot;( man , is , young ) , ...&quot;}: wird vor dem Parser gefragt, der die fehlenden Sätze parst. Ohne Parser muss sie jeden Satz enthalten.</translation>
    </message>
    <message>
        <source>JSON files (*.json);;All files (*)</source>
        <translation>JSON-Dateien (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Choose CAPTURE&apos;s Sentence Encoder</source>
        <translation>Satz-Encoder für CAPTURE wählen</translation>
    </message>
    <message>
        <source>The sentence encoder of CAPTURE&apos;s soft matching, a sentence-transformers folder (CAPTURE uses all-mpnet-base-v2; all-MiniLM-L6-v2 works too). Element scores and CAPTURE are computed when it and scene graphs (parser or stored file) are set.</source>
        <translation>Der Satz-Encoder für den weichen Abgleich von CAPTURE, ein sentence-transformers-Ordner (CAPTURE verwendet all-mpnet-base-v2; all-MiniLM-L6-v2 geht auch). Element-Scores und CAPTURE werden berechnet, wenn er und Szenengraphen (Parser oder gespeicherte Datei) gesetzt sind.</translation>
    </message>
    <message>
        <source>Choose SentenceS&apos;s Sentence Encoder</source>
        <translation>Satz-Encoder für SentenceS wählen</translation>
    </message>
    <message>
        <source>SentenceS: the cosine between the caption&apos;s and its references&apos; sentence embeddings, with all-MiniLM-L6-v2 as sentence-transformers saves it (BrainHub&apos;s choice). Empty: SentenceS is not computed.</source>
        <translation>SentenceS: der Kosinus zwischen den Satz-Embeddings der Beschreibung und ihrer Referenzen, mit all-MiniLM-L6-v2, wie sentence-transformers es speichert (BrainHubs Wahl). Leer: SentenceS wird nicht berechnet.</translation>
    </message>
    <message>
        <source>Caption metrics (empty: not computed)</source>
        <translation>Beschreibungsmetriken (leer: nicht berechnet)</translation>
    </message>
    <message>
        <source>Models and data the caption metrics need; results loaded afterwards are scored with them</source>
        <translation>Modelle und Daten, die die Beschreibungsmetriken brauchen; danach geladene Ergebnisse werden damit bewertet</translation>
    </message>
    <message>
        <source>METEOR pa&amp;raphrases:</source>
        <translation>METEOR-Pa&amp;raphrasen:</translation>
    </message>
    <message>
        <source>PAC-S chec&amp;kpoint:</source>
        <translation>PAC-S-Chec&amp;kpoint:</translation>
    </message>
    <message>
        <source>PAC-S &amp;vocabulary:</source>
        <translation>PAC-S-&amp;Vokabular:</translation>
    </message>
    <message>
        <source>Scene-graph &amp;parser:</source>
        <translation>Szenengraph-&amp;Parser:</translation>
    </message>
    <message>
        <source>S&amp;tored scene graphs:</source>
        <translation>Gespeicher&amp;te Szenengraphen:</translation>
    </message>
    <message>
        <source>CAPTURE &amp;encoder:</source>
        <translation>CAPTURE-&amp;Encoder:</translation>
    </message>
    <message>
        <source>&amp;SentenceS encoder:</source>
        <translation>&amp;SentenceS-Encoder:</translation>
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
    <message>
        <source>Slice views ▸ Move the cursor</source>
        <translation>Schnittansichten ▸ Cursor bewegen</translation>
    </message>
    <message>
        <source>Click / left drag</source>
        <translation>Klicken / links ziehen</translation>
    </message>
    <message>
        <source>Slice views ▸ Step the slice</source>
        <translation>Schnittansichten ▸ Schnitt wechseln</translation>
    </message>
    <message>
        <source>Slice views ▸ Step the slice by 5</source>
        <translation>Schnittansichten ▸ Schnitt in 5er-Schritten wechseln</translation>
    </message>
</context>
<context>
    <name>vindex::studio::TrainDialog</name>
    <message>
        <source>Train Brain Encoder</source>
        <translation>Hirn-Encoder trainieren</translation>
    </message>
    <message>
        <source>NSD Dataset Folder</source>
        <translation>NSD-Datensatzordner</translation>
    </message>
    <message>
        <source>NF scale:</source>
        <translation>NF-Skala:</translation>
    </message>
    <message>
        <source>Multimodal LLM</source>
        <translation>Multimodales LLM</translation>
    </message>
    <message>
        <source>Vision tower</source>
        <translation>Bild-Encoder (Vision Tower)</translation>
    </message>
    <message>
        <source>Model Folder</source>
        <translation>Modellordner</translation>
    </message>
    <message>
        <source>LLaVA-family or Shikra folder whose vision side gives the targets</source>
        <translation>Ordner der LLaVA-Familie oder von Shikra, dessen Bildseite die Zielwerte liefert</translation>
    </message>
    <message>
        <source>Run Folder</source>
        <translation>Ordner des Laufs</translation>
    </message>
    <message>
        <source>checkpoints, target cache and train_log.jsonl go here</source>
        <translation>Checkpoints, Zielwert-Cache und train_log.jsonl kommen hierher</translation>
    </message>
    <message>
        <source>Checkpoint to Continue</source>
        <translation>Fortzusetzender Checkpoint</translation>
    </message>
    <message>
        <source>Checkpoints (*.safetensors *.pth);;All files (*)</source>
        <translation>Checkpoints (*.safetensors *.pth);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>empty: a new run; or a run folder, last.safetensors or a UMBRAE .pth</source>
        <translation>leer: ein neuer Lauf; oder ein Lauf-Ordner, last.safetensors oder eine UMBRAE-.pth</translation>
    </message>
    <message>
        <source>Data and targets</source>
        <translation>Daten und Zielwerte</translation>
    </message>
    <message>
        <source>&amp;Dataset:</source>
        <translation>&amp;Datensatz:</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>&amp;Versuchsperson:</translation>
    </message>
    <message>
        <source>Feature space:</source>
        <translation>Merkmalsraum:</translation>
    </message>
    <message>
        <source>Targets from:</source>
        <translation>Zielwerte aus:</translation>
    </message>
    <message>
        <source>&amp;Model folder:</source>
        <translation>&amp;Modellordner:</translation>
    </message>
    <message>
        <source>β of VINDEX&apos;s objective L_R + β·L_D; 0 trains with UMBRAE&apos;s regression loss alone</source>
        <translation>β der VINDEX-Zielfunktion L_R + β·L_D; 0 trainiert nur mit dem Regressionsverlust von UMBRAE</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>Recipe (UMBRAE&apos;s defaults)</source>
        <translation>Rezept (Standardwerte von UMBRAE)</translation>
    </message>
    <message>
        <source>Clean: fit train, best on val</source>
        <translation>Sauber: auf Train anpassen, bestes auf Val</translation>
    </message>
    <message>
        <source>UMBRAE: fit train + val, best on test, augmented</source>
        <translation>UMBRAE: auf Train + Val anpassen, bestes auf Test, mit Augmentierung</translation>
    </message>
    <message>
        <source>UMBRAE&apos;s train.py fits the train and val splits and keeps the checkpoint that is best on the test split, with image augmentation; the clean recipe leaves the test split unseen</source>
        <translation>UMBRAEs train.py passt das Modell an die Splits Train und Val an und behält den Checkpoint, der auf dem Test-Split am besten ist, mit Bildaugmentierung; das saubere Rezept lässt den Test-Split ungesehen</translation>
    </message>
    <message>
        <source>Spl&amp;its:</source>
        <translation>Spl&amp;its:</translation>
    </message>
    <message>
        <source>&amp;Epochs:</source>
        <translation>&amp;Epochen:</translation>
    </message>
    <message>
        <source>&amp;Batch:</source>
        <translation>B&amp;atchgröße:</translation>
    </message>
    <message>
        <source>Max &amp;learning rate:</source>
        <translation>Max. Lern&amp;rate:</translation>
    </message>
    <message>
        <source>De&amp;noiser weight β:</source>
        <translation>De&amp;noiser-Gewicht β:</translation>
    </message>
    <message>
        <source>CPU &amp;threads:</source>
        <translation>CPU-T&amp;hreads:</translation>
    </message>
    <message>
        <source>Encoder (BrainXS)</source>
        <translation>Encoder (BrainXS)</translation>
    </message>
    <message>
        <source>&amp;Width:</source>
        <translation>&amp;Breite:</translation>
    </message>
    <message>
        <source>De&amp;pth:</source>
        <translation>&amp;Tiefe:</translation>
    </message>
    <message>
        <source>Heads × width:</source>
        <translation>Köpfe × Breite:</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>&amp;Run folder:</source>
        <translation>Ordner des &amp;Laufs:</translation>
    </message>
    <message>
        <source>&amp;Continue from:</source>
        <translation>&amp;Fortsetzen von:</translation>
    </message>
    <message>
        <source>Start Training</source>
        <translation>Training starten</translation>
    </message>
    <message>
        <source>Recipe and encoder size come from the checkpoint</source>
        <translation>Rezept und Encoder-Größe kommen aus dem Checkpoint</translation>
    </message>
    <message>
        <source>Choose the NSD dataset folder.</source>
        <translation>Wählen Sie den NSD-Datensatzordner.</translation>
    </message>
    <message>
        <source>Choose the multimodal LLM folder whose vision side gives the targets.</source>
        <translation>Wählen Sie den Ordner des multimodalen LLM, dessen Bildseite die Zielwerte liefert.</translation>
    </message>
    <message>
        <source>Choose the vision tower folder that gives the targets.</source>
        <translation>Wählen Sie den Ordner des Bild-Encoders, der die Zielwerte liefert.</translation>
    </message>
    <message>
        <source>Choose a run folder for the checkpoints and the log.</source>
        <translation>Wählen Sie einen Ordner des Laufs für die Checkpoints und das Protokoll.</translation>
    </message>
    <message>
        <source>Continue That Run</source>
        <translation>Diesen Lauf fortsetzen</translation>
    </message>
    <message>
        <source>Continue the run in this folder from its last checkpoint</source>
        <translation>Den Lauf in diesem Ordner ab seinem letzten Checkpoint fortsetzen</translation>
    </message>
    <message>
        <source>The checkpoint to continue from does not exist: %1</source>
        <translation>Der fortzusetzende Checkpoint existiert nicht: %1</translation>
    </message>
    <message>
        <source>The run folder is a file: %1. Choose a folder.</source>
        <translation>Der Ordner des Laufs ist eine Datei: %1. Wählen Sie einen Ordner.</translation>
    </message>
    <message>
        <source>This run folder holds a training run already (last.safetensors). Choose another run folder, or continue that run (Continue from).</source>
        <translation>Dieser Ordner des Laufs enthält bereits einen Trainingslauf (last.safetensors). Wählen Sie einen anderen Ordner des Laufs, oder setzen Sie diesen Lauf fort (Fortsetzen von).</translation>
    </message>
</context>
<context>
    <name>vindex::studio::TrainJob</name>
    <message>
        <source>Train %1 encoder · subject %2</source>
        <translation>%1-Encoder trainieren · Versuchsperson %2</translation>
    </message>
    <message>
        <source>Run folder %1</source>
        <translation>Ordner des Laufs %1</translation>
    </message>
    <message>
        <source>Continuing from %1</source>
        <translation>Fortgesetzt von %1</translation>
    </message>
    <message>
        <source>Pausing at the next step…</source>
        <translation>Hält beim nächsten Schritt an…</translation>
    </message>
    <message>
        <source>Epoch %1: validation loss %2</source>
        <translation>Epoche %1: Validierungsverlust %2</translation>
    </message>
    <message>
        <source>Computing training targets (%1%)</source>
        <translation>Trainingszielwerte werden berechnet (%1 %)</translation>
    </message>
    <message>
        <source>Epoch %1/%2: validating</source>
        <translation>Epoche %1/%2: Validierung</translation>
    </message>
    <message>
        <source>Paused at step %1 of %2</source>
        <translation>Angehalten bei Schritt %1 von %2</translation>
    </message>
    <message>
        <source>Epoch %1/%2 · step %3/%4 · loss %5 · %6 samples/s</source>
        <translation>Epoche %1/%2 · Schritt %3/%4 · Verlust %5 · %6 Samples/s</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Speichere…</translation>
    </message>
    <message>
        <source>%1 steps in %2 epochs; last training loss %3, best validation loss %4</source>
        <translation>%1 Schritte in %2 Epochen; letzter Trainingsverlust %3, bester Validierungsverlust %4</translation>
    </message>
    <message>
        <source>Checkpoint %1</source>
        <translation>Checkpoint %1</translation>
    </message>
    <message>
        <source>No checkpoint was written: the run was cancelled before its first training step.</source>
        <translation>Es wurde kein Checkpoint geschrieben: der Lauf wurde vor seinem ersten Trainingsschritt abgebrochen.</translation>
    </message>
    <message>
        <source>Cancelled; checkpoint %1</source>
        <translation>Abgebrochen; Checkpoint %1</translation>
    </message>
    <message>
        <source>Cancelled at step %1; checkpoint %2</source>
        <translation>Abgebrochen bei Schritt %1; Checkpoint %2</translation>
    </message>
    <message>
        <source>To go on from there: Tools ▸ Train Brain Encoder…, Continue from: %1</source>
        <translation>Um von dort weiterzumachen: Extras ▸ Hirn-Encoder trainieren…, Fortsetzen von: %1</translation>
    </message>
</context>
<context>
    <name>vindex::widgets::BrainPanel</name>
    <message>
        <source>Betas</source>
        <translation>Betas</translation>
    </message>
    <message>
        <source>Show the mean of the trial&apos;s repeats or the betas of one repeat</source>
        <translation>Den Mittelwert der Wiederholungen des Durchgangs oder die Betas einer Wiederholung zeigen</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Zeigen:</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>Farben</translation>
    </message>
    <message>
        <source>Diverging (cool–warm)</source>
        <translation>Divergierend (kalt–warm)</translation>
    </message>
    <message>
        <source>Hot</source>
        <translation>Hot</translation>
    </message>
    <message>
        <source>Viridis</source>
        <translation>Viridis</translation>
    </message>
    <message>
        <source>Grey</source>
        <translation>Graustufen</translation>
    </message>
    <message>
        <source>Colour map:</source>
        <translation>Farbskala:</translation>
    </message>
    <message>
        <source>Range:</source>
        <translation>Bereich:</translation>
    </message>
    <message>
        <source>Automatic (98th percentile of |β|)</source>
        <translation>Automatisch (98. Perzentil von |β|)</translation>
    </message>
    <message>
        <source>Fit the range to each trial&apos;s values, ignoring the strongest 2 % of voxels</source>
        <translation>Den Bereich an die Werte jedes Durchgangs anpassen, ohne die stärksten 2 % der Voxel</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>Schwelle</translation>
    </message>
    <message>
        <source>|β| ≥ t (both signs)</source>
        <translation>|β| ≥ t (beide Vorzeichen)</translation>
    </message>
    <message>
        <source>β ≥ t (positive only)</source>
        <translation>β ≥ t (nur positiv)</translation>
    </message>
    <message>
        <source>t:</source>
        <translation>t:</translation>
    </message>
    <message>
        <source>Opacity of the voxels below the threshold: 0 % hides them</source>
        <translation>Deckkraft der Voxel unter der Schwelle: 0 % blendet sie aus</translation>
    </message>
    <message>
        <source>Below t:</source>
        <translation>Unter t:</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Cursor</source>
        <translation>Cursor</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Mean of %1 repeats</source>
        <translation>Mittelwert von %1 Wiederholungen</translation>
    </message>
    <message>
        <source>Mean of the repeats</source>
        <translation>Mittelwert der Wiederholungen</translation>
    </message>
    <message>
        <source>Repeat %1</source>
        <translation>Wiederholung %1</translation>
    </message>
</context>
<context>
    <name>vindex::widgets::CompareView</name>
    <message>
        <source>Boxes drawn on the stimulus: the ground truth and each grounding result</source>
        <translation>Auf den Stimulus gezeichnete Boxen: die Referenz und jedes Verortungsergebnis</translation>
    </message>
    <message>
        <source>Load decoding results with File ▸ Load Results… and select a test trial</source>
        <translation>Laden Sie Dekodierungsergebnisse mit Datei ▸ Ergebnisse laden… und wählen Sie einen Testdurchgang</translation>
    </message>
    <message>
        <source>Ground truth (colour per category)</source>
        <translation>Referenz (Farbe je Kategorie)</translation>
    </message>
    <message>
        <source>%1 (dashed)</source>
        <translation>%1 (gestrichelt)</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Reference %1</source>
        <translation>Referenz %1</translation>
    </message>
    <message>
        <source>(no caption for this trial)</source>
        <translation>(keine Beschreibung für diesen Durchgang)</translation>
    </message>
    <message>
        <source>(no decoded boxes for this trial)</source>
        <translation>(keine dekodierten Boxen für diesen Durchgang)</translation>
    </message>
    <message>
        <source>Boxes: %1</source>
        <translation>Boxen: %1</translation>
    </message>
    <message>
        <source> · acc@0.5 %1 · IoU %2</source>
        <translation> · acc@0.5 %1 · IoU %2</translation>
    </message>
    <message>
        <source>Result (×100)</source>
        <translation>Ergebnis (×100)</translation>
    </message>
    <message>
        <source>Trials</source>
        <translation>Durchgänge</translation>
    </message>
    <message>
        <source>Corpus scores (×100)</source>
        <translation>Korpus-Werte (×100)</translation>
    </message>
    <message>
        <source>Load caption results to compare them</source>
        <translation>Laden Sie Beschreibungsergebnisse, um sie zu vergleichen</translation>
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
    <name>vindex::widgets::LossChart</name>
    <message>
        <source>Training loss (per step)</source>
        <translation>Trainingsverlust (je Schritt)</translation>
    </message>
    <message>
        <source>Validation loss (per epoch)</source>
        <translation>Validierungsverlust (je Epoche)</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
</context>
<context>
    <name>vindex::widgets::PathEdit</name>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Ordner…</translation>
    </message>
</context>
<context>
    <name>vindex::widgets::SliceView</name>
    <message>
        <source>Sagittal</source>
        <translation>Sagittal</translation>
    </message>
    <message>
        <source>Coronal</source>
        <translation>Koronal</translation>
    </message>
    <message>
        <source>Axial</source>
        <translation>Axial</translation>
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
    <message>
        <source>%1, magnitude</source>
        <translation>%1, Betrag</translation>
    </message>
</context>
</TS>
