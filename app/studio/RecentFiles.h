#pragma once
// The most recently opened files (or session files), newest first, kept in the settings so that they survive a
// restart.
#include <QObject>
#include <QStringList>

#include <functional>

class QMenu;

namespace vindex::studio {

class RecentFiles : public QObject {
    Q_OBJECT

public:
    static constexpr int maximumCount = 10;

    enum class Kind { Files, Sessions };

    // Loads the list of this kind from StudioSettings.
    explicit RecentFiles(QObject *parent = nullptr, Kind kind = Kind::Files);

    QStringList files() const { return m_files; }
    // Moves (or adds) the file to the front; stores absolute paths; drops the oldest beyond maximumCount.
    void add(const QString &path);
    void remove(const QString &path);
    void clear();
    // Fills a menu with the files ("&1 name", full path as tool tip; open(path) when chosen) and Clear Menu.
    void fillMenu(QMenu *menu, const std::function<void(const QString &)> &open);
    // Whether changes are written to the settings (off for scripted runs such as --screenshot).
    void setPersistent(bool persistent) { m_persistent = persistent; }

signals:
    void changed();

private:
    void store();

    Kind m_kind;
    QStringList m_files;
    bool m_persistent = true;
};

} // namespace vindex::studio
