#pragma once
// The persistent settings of VINDEX Studio, with their keys and defaults in one place.
// By default they live where Qt keeps an application's settings (~/.config/VINDEX/VINDEX Studio.conf on
// Linux). Tests and scripts point them at a file of their own: --settings-file PATH, the environment
// variable VINDEX_STUDIO_SETTINGS, or setFilePath(), so that they never touch the user's real settings.
#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

#include <memory>

namespace vindex::studio {

class StudioSettings {
public:
    // An INI file used for every StudioSettings of this process; empty restores the default location.
    static void setFilePath(const QString &path);
    // The INI file in use, or empty for Qt's default location.
    static QString filePath();
    static constexpr const char *environmentVariable = "VINDEX_STUDIO_SETTINGS";

    StudioSettings();
    ~StudioSettings();
    StudioSettings(const StudioSettings &) = delete;
    StudioSettings &operator=(const StudioSettings &) = delete;

    // Folder with models (LLaVA, vision towers, brain encoders); defaults to $VINDEX_MODELS.
    QString modelFolder() const;
    void setModelFolder(const QString &folder);
    // Folder with NSD data.
    QString dataFolder() const;
    void setDataFolder(const QString &folder);
    // BrainHub folder (caption/fmri_cococap.json, bbox/coco_bbox_categorized.json) for the test split's boxes and
    // captions; empty: brainhub/ under the dataset root when it exists.
    QString brainHubFolder() const;
    void setBrainHubFolder(const QString &folder);
    // The models and data of the caption metrics that need them; empty: that metric is not computed when results
    // are loaded. METEOR 1.5's data folder (holding its paraphrase table paraphrase-en.gz): METEOR with paraphrases.
    QString meteorDataFolder() const;
    void setMeteorDataFolder(const QString &folder);
    // PAC-S: the PAC-finetuned CLIP checkpoint in OpenAI's layout, and its BPE vocabulary (empty: beside it).
    QString pacCheckpoint() const;
    void setPacCheckpoint(const QString &file);
    QString pacVocabulary() const;
    void setPacVocabulary(const QString &file);
    // Element scores and CAPTURE: the FACTUAL scene-graph parser's folder and/or a file of graphs parsed before,
    // and the sentence encoder of CAPTURE's soft matching.
    QString sceneGraphParserFolder() const;
    void setSceneGraphParserFolder(const QString &folder);
    QString sceneGraphsFile() const;
    void setSceneGraphsFile(const QString &file);
    QString captureEncoderFolder() const;
    void setCaptureEncoderFolder(const QString &folder);
    // SentenceS: its sentence encoder (all-MiniLM-L6-v2).
    QString sentenceEncoderFolder() const;
    void setSentenceEncoderFolder(const QString &folder);

    // "cpu" or "cuda".
    QString device() const;
    void setDevice(const QString &device);
    // "system" (follow the system locale), "en", "de" or "zh_CN".
    QString language() const;
    void setLanguage(const QString &language);

    // The dataset open when the window closed and what was selected in it; restored at the next start.
    QString lastDataset() const;
    void setLastDataset(const QString &root);
    int lastSubject() const; // 0: none
    void setLastSubject(int subject);
    QString lastSplit() const; // "train", "val" or "test" (the default)
    void setLastSplit(const QString &split);
    qint64 lastTrial() const; // index within the split; -1: none
    void setLastTrial(qint64 index);

    // How the brain overlay was last coloured: colour map name (ColorMap::name), threshold mode ("absolute" or
    // "positive") and the opacity of sub-threshold voxels (0 to 1).
    QString brainColorMap() const;
    void setBrainColorMap(const QString &name);
    QString brainThresholdMode() const;
    void setBrainThresholdMode(const QString &mode);
    double brainFadeOpacity() const;
    void setBrainFadeOpacity(double opacity);

    QStringList recentFiles() const;
    void setRecentFiles(const QStringList &files);

    // Session files (.vindex.json) opened or saved, newest first.
    QStringList recentSessions() const;
    void setRecentSessions(const QStringList &files);
    // Seconds between autosaves of the current session; 0 turns autosave off.
    int autosaveSeconds() const;
    void setAutosaveSeconds(int seconds);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);

    // Writes pending changes to disk now.
    void sync();
    QSettings &store() { return *m_settings; }

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace vindex::studio
