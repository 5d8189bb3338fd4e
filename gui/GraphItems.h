#pragma once

#include "NetworkGraph.h"

#include <QGraphicsItem>
#include <QPolygonF>

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
    QRectF box() const; // in scene coordinates

private:
    NetworkGraph::Node m_node;
};

// A push link: an arrow from sender to receiver, coloured by health, dashed when transfers are
// disabled, labelled with the backlog and failures. A straight line that would cross another
// librarian's box is routed around it instead: down, along the gap beside the receiver's column,
// into the receiver's side.
class EdgeItem : public QGraphicsItem
{
public:
    EdgeItem(const NetworkGraph::Edge &edge, const NodeItem *from, const NodeItem *to, qreal offset,
             const QList<QRectF> &obstacles);
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;
    QString label() const;

private:
    NetworkGraph::Edge m_edge;
    QPolygonF m_points;
    QPointF m_labelAt;
};

} // namespace librarian
