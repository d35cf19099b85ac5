#pragma once
// The colour maps of the brain overlay: the diverging cool–warm map for signed values, two one-sided maps (hot,
// viridis) and grey. One definition for the 3D view, the slice views and the colour bar, so that they agree.
#include <QColor>
#include <QString>
#include <QStringList>

#include <array>

namespace vindex::widgets {

class ColorMap {
public:
    enum Kind { Diverging = 0, Hot, Viridis, Grey };
    static constexpr int kindCount = 4;

    // Whether the map is one-sided (dark to bright) rather than centred on zero.
    static bool isOneSided(Kind kind) { return kind != Diverging; }
    // position in [0, 1] (clamped): the map's first to last colour. Components in [0, 1].
    static std::array<double, 3> rgb(Kind kind, double position);
    static QColor color(Kind kind, double position);

    // Stable names for settings and session files ("diverging", "hot", "viridis", "grey"); unknown names give
    // Diverging.
    static QString name(Kind kind);
    static Kind fromName(const QString &name);
};

} // namespace vindex::widgets
