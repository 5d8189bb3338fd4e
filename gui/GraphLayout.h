#pragma once

#include <QList>
#include <QMap>
#include <QPair>
#include <QPointF>
#include <QStringList>

namespace librarian {

// Places a directed graph top-down like a waterfall: each librarian one row below the lowest
// librarian that pushes to it; long rows wrap, so 1-50 nodes stay readable and never overlap.
// Cycles (two librarians pushing to each other) are broken at the edge that closes them.
class GraphLayout
{
public:
    static constexpr qreal kNodeWidth = 180;
    static constexpr qreal kNodeHeight = 64;
    static constexpr qreal kColumnGap = 50;
    static constexpr qreal kRowGap = 90;
    static constexpr qreal kStackGap = 26; // between the rows of a wrapped layer
    static constexpr int kMaxPerRow = 7;

    // Centres of the nodes.
    static QMap<QString, QPointF> place(const QStringList &nodes, const QList<QPair<QString, QString>> &edges);
};

} // namespace librarian
