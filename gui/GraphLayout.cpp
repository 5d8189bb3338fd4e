#include "GraphLayout.h"

#include <QHash>
#include <QSet>
#include <algorithm>
#include <functional>

namespace librarian {

namespace {
// Longest-path ranks over the graph without its back edges (found by a depth-first search).
QHash<QString, int> ranks(const QStringList &nodes, const QList<QPair<QString, QString>> &edges)
{
    QHash<QString, QStringList> children;
    for (const auto &e : edges)
        if (e.first != e.second)
            children[e.first].append(e.second);
    QHash<QString, int> state; // 0 new, 1 on the stack, 2 done
    QList<QPair<QString, QString>> forward;
    std::function<void(const QString &)> visit = [&](const QString &n) {
        state[n] = 1;
        for (const QString &c : children.value(n)) {
            if (state.value(c) == 1)
                continue; // a back edge: leave it out of the ranking
            forward.append({n, c});
            if (state.value(c) == 0)
                visit(c);
        }
        state[n] = 2;
    };
    QStringList sorted = nodes;
    sorted.sort();
    // Start from the nodes nobody pushes to, so the sources end up at the top.
    QSet<QString> hasParent;
    for (const auto &e : edges)
        hasParent.insert(e.second);
    for (const QString &n : sorted)
        if (!hasParent.contains(n) && state.value(n) == 0)
            visit(n);
    for (const QString &n : sorted)
        if (state.value(n) == 0)
            visit(n);

    QHash<QString, int> rank;
    for (const QString &n : nodes)
        rank[n] = 0;
    // Relax |V| times at most: the forward edges form a DAG.
    for (int pass = 0; pass < nodes.size(); ++pass) {
        bool changed = false;
        for (const auto &e : forward)
            if (rank.value(e.second) < rank.value(e.first) + 1) {
                rank[e.second] = rank.value(e.first) + 1;
                changed = true;
            }
        if (!changed)
            break;
    }
    return rank;
}
} // namespace

QMap<QString, QPointF> GraphLayout::place(const QStringList &nodes, const QList<QPair<QString, QString>> &edges)
{
    const QHash<QString, int> rank = ranks(nodes, edges);
    int maxRank = 0;
    for (int r : rank)
        maxRank = std::max(maxRank, r);
    QList<QStringList> layers(maxRank + 1);
    for (const QString &n : nodes)
        layers[rank.value(n)].append(n);

    QMap<QString, QPointF> positions;
    qreal y = 0;
    for (QStringList &layer : layers) {
        // Under their parents, left to right, so edges cross as little as a simple rule allows.
        QHash<QString, QPair<qreal, int>> parents; // sum of the placed parents' x, how many
        for (const auto &e : edges)
            if (positions.contains(e.first)) {
                auto &p = parents[e.second];
                p.first += positions.value(e.first).x();
                ++p.second;
            }
        auto parentX = [&](const QString &n) {
            const auto p = parents.value(n);
            return p.second ? p.first / p.second : 0.0;
        };
        std::sort(layer.begin(), layer.end(), [&](const QString &a, const QString &b) {
            const qreal pa = parentX(a), pb = parentX(b);
            return pa != pb ? pa < pb : a < b;
        });
        if (layer.size() <= kMaxPerRow) {
            const int count = int(layer.size());
            const qreal width = count * kNodeWidth + (count - 1) * kColumnGap;
            for (int i = 0; i < count; ++i)
                positions.insert(layer[i], QPointF(-width / 2 + kNodeWidth / 2 + i * (kNodeWidth + kColumnGap), y));
            y += kNodeHeight + kRowGap;
            continue;
        }
        // A wide layer wraps column by column, so the librarians a parent pushes to stack in one
        // column under it and their links run down the gap beside the column (EdgeItem routes them).
        const int rows = int((layer.size() + kMaxPerRow - 1) / kMaxPerRow);
        const qreal width = kMaxPerRow * kNodeWidth + (kMaxPerRow - 1) * kColumnGap;
        for (int i = 0; i < layer.size(); ++i)
            positions.insert(layer[i], QPointF(-width / 2 + kNodeWidth / 2 + (i / rows) * (kNodeWidth + kColumnGap),
                                               y + (i % rows) * (kNodeHeight + kStackGap)));
        y += rows * (kNodeHeight + kStackGap) - kStackGap + kRowGap;
    }
    return positions;
}

} // namespace librarian
