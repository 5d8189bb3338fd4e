#pragma once

#include "NetworkGraph.h"

#include <QGraphicsItem>

namespace librarian {

// A librarian in the graph: a rounded box with its name, its site name (or how it is known) and
// a health dot; selectable, so a click shows its details.
class NodeItem : public QGraphicsItem
{
public:
    explicit NodeItem(const NetworkGraph::Node &node);
    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;
    QString name() const { return m_node.name; }
    // Where the line towards `target` leaves the box.
    QPointF borderPoint(const QPointF &target) const;

private:
    NetworkGraph::Node m_node;
};

// A push link: an arrow from sender to receiver, coloured by health, dashed when transfers are
// disabled, labelled with the backlog and failures.
class EdgeItem : public QGraphicsItem
{
public:
    EdgeItem(const NetworkGraph::Edge &edge, const NodeItem *from, const NodeItem *to, qreal offset);
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;
    QString label() const;

private:
    NetworkGraph::Edge m_edge;
    QPointF m_start;
    QPointF m_end;
};

} // namespace librarian
