#pragma once
// The main window of VINDEX Studio: the 3D volume view in the centre, dockable panels (volume controls, log)
// around it, menus, recent files, settings and About. The window's size and dock layout are kept in the
// settings and restored at the next start.
#include <QFutureWatcher>
#include <QMainWindow>

#include <memory>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;

namespace vindex::widgets {
class LogPanel;
class VolumeData;
class VolumePanel;
class VolumeView;
} // namespace vindex::widgets

namespace vindex::studio {

class RecentFiles;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Reads the volume on a worker thread and shows it; volumeOpened or volumeOpenFailed follows.
    void openVolume(const QString &path);
    bool isLoading() const;

    // Scripted runs (--screenshot): no dialogs, nothing written to the settings (layout, recent files).
    void setScripted(bool scripted);
    bool isScripted() const { return m_scripted; }

    // The window as it looks, OpenGL views included.
    QImage capture();

    // Docks back to their default places and sizes, all visible.
    void resetLayout();
    // Writes the window geometry and dock layout to the settings (also done when the window closes).
    void saveLayout();

    widgets::VolumeView *volumeView() const { return m_view; }
    widgets::LogPanel *logPanel() const { return m_logPanel; }
    widgets::VolumePanel *volumePanel() const { return m_volumePanel; }
    QDockWidget *logDock() const { return m_logDock; }
    QDockWidget *volumeDock() const { return m_volumeDock; }
    RecentFiles *recentFiles() const { return m_recentFiles; }
    QMenu *recentMenu() const { return m_recentMenu; }

public slots:
    void showOpenDialog();
    void showSettings();
    void showAbout();
    void saveScreenshotDialog();

signals:
    void volumeOpened(const QString &path);
    void volumeOpenFailed(const QString &path, const QString &message);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    struct LoadResult {
        std::shared_ptr<const widgets::VolumeData> volume;
        QString error;
    };

    void createDocks();
    void createMenus();
    void restoreLayout();
    void updateRecentMenu();
    void onLoadFinished();
    void updateVolumeStatus();

    widgets::VolumeView *m_view = nullptr;
    widgets::VolumePanel *m_volumePanel = nullptr;
    widgets::LogPanel *m_logPanel = nullptr;
    QDockWidget *m_volumeDock = nullptr;
    QDockWidget *m_logDock = nullptr;
    QMenu *m_recentMenu = nullptr;
    QLabel *m_statusVolume = nullptr;
    RecentFiles *m_recentFiles = nullptr;
    QFutureWatcher<LoadResult> m_loadWatcher;
    QString m_loadingPath;
    bool m_scripted = false;
};

} // namespace vindex::studio
