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
        <source>Open a NIfTI volume with File ▸ Open Volume… (%1),
or drop a .nii or .nii.gz file here.</source>
        <translation>Öffnen Sie ein NIfTI-Volumen mit Datei ▸ Volumen öffnen… (%1)
oder ziehen Sie eine .nii- oder .nii.gz-Datei hierher.</translation>
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
