#include "GraphItems.h"

#include "GraphLayout.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QtMath>
#include <algorithm>

namespace librarian {

namespace {
constexpr qreal kArrowSize = 11;

} // namespace

NodeItem::NodeItem(const NetworkGraph::Node &node) : m_node(node)
{
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(true);
    setCursor(Qt::PointingHandCursor);
    setZValue(1);
    QString tip = m_node.name;
    if (!m_node.title.isEmpty() && m_node.title != m_node.name)
        tip += QStringLiteral(" — ") + m_node.title;
    tip += QLatin1Char('\n') + StatusColors::describe(m_node.health);
    if (!m_node.problem.isEmpty())
        tip += QLatin1Char('\n') + m_node.problem;
    setToolTip(tip);
}

QRectF NodeItem::box() const
{
    return QRectF(pos().x() - GraphLayout::kNodeWidth / 2, pos().y() - GraphLayout::kNodeHeight / 2, GraphLayout::kNodeWidth,
                  GraphLayout::kNodeHeight);
}

QRectF NodeItem::boundingRect() const
{
    return QRectF(-GraphLayout::kNodeWidth / 2 - 3, -GraphLayout::kNodeHeight / 2 - 3, GraphLayout::kNodeWidth + 6,
                  GraphLayout::kNodeHeight + 6);
}

QPointF NodeItem::borderPoint(const QPointF &target) const
{
    const QPointF centre = pos();
    const QPointF d = target - centre;
    if (d.isNull())
        return centre;
    const qreal hw = GraphLayout::kNodeWidth / 2 + 2, hh = GraphLayout::kNodeHeight / 2 + 2;
    const qreal scale = std::min(d.x() != 0 ? hw / std::abs(d.x()) : 1e9, d.y() != 0 ? hh / std::abs(d.y()) : 1e9);
    return centre + d * scale;
}

void NodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF box(-GraphLayout::kNodeWidth / 2, -GraphLayout::kNodeHeight / 2, GraphLayout::kNodeWidth,
                     GraphLayout::kNodeHeight);
    const QColor health = StatusColors::color(m_node.health);
    const bool selected = option->state & QStyle::State_Selected;
    painter->setPen(QPen(selected ? QColor(0x1f, 0x5f, 0xbf) : health.darker(120), selected ? 3 : 1.5,
                         m_node.direct ? Qt::SolidLine : Qt::DashLine));
    painter->setBrush(m_node.direct ? QColor(0xfb, 0xfc, 0xfe) : QColor(0xf1, 0xf2, 0xf5));
    painter->drawRoundedRect(box, 9, 9);
    // Health stripe on the left edge.
    painter->setPen(Qt::NoPen);
    painter->setBrush(health);
    painter->drawRoundedRect(QRectF(box.left(), box.top(), 8, box.height()), 4, 4);

    QFont font = painter->font();
    font.setBold(true);
    font.setPointSizeF(10.5);
    painter->setFont(font);
    painter->setPen(QColor(0x20, 0x24, 0x2b));
    const QRectF text = box.adjusted(16, 7, -8, -7);
    painter->drawText(text.adjusted(0, 0, 0, -text.height() / 2), Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(font).elidedText(m_node.name, Qt::ElideMiddle, int(text.width())));
    font.setBold(false);
    font.setPointSizeF(8.5);
    painter->setFont(font);
    painter->setPen(QColor(0x55, 0x5b, 0x66));
    QString subtitle;
    if (!m_node.reachable)
        subtitle = QCoreApplication::translate("PeerGraph", "unreachable");
    else if (!m_node.direct)
        subtitle = QCoreApplication::translate("PeerGraph", "known via %1").arg(m_node.knownBy.join(QStringLiteral(", ")));
    else if (m_node.unresolvedErrors > 0)
        subtitle = QCoreApplication::translate("PeerGraph", "%n unresolved error(s)", nullptr, m_node.unresolvedErrors);
    else
        subtitle = m_node.title.isEmpty() ? m_node.address : m_node.title;
    painter->drawText(text.adjusted(0, text.height() / 2, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                      QFontMetrics(font).elidedText(subtitle, Qt::ElideRight, int(text.width())));
}

EdgeItem::EdgeItem(const NetworkGraph::Edge &edge, const NodeItem *from, const NodeItem *to, qreal offset,
                   const QList<QRectF> &obstacles)
    : m_edge(edge)
{
    // Two librarians pushing to each other get two parallel arrows, not one on top of the other.
    const QLineF centres(from->pos(), to->pos());
    const QPointF normal = QLineF(QPointF(), QPointF(-centres.dy(), centres.dx())).unitVector().p2() * offset;
    const QPointF start = from->borderPoint(to->pos()) + normal;
    const QPointF end = to->borderPoint(from->pos()) + normal;
    QPainterPath straight(start);
    straight.lineTo(end);
    const bool blocked = std::any_of(obstacles.begin(), obstacles.end(),
                                     [&](const QRectF &r) { return straight.intersects(r.adjusted(-4, -4, 4, 4)); });
    if (!blocked || from->pos().y() >= to->pos().y()) {
        m_points = {start, end};
        m_labelAt = QLineF(start, end).pointAt(0.5);
    } else {
        const QRectF s = from->box(), t = to->box();
        const qreal gapX = t.left() - GraphLayout::kColumnGap / 2;
        const qreal midY = s.bottom() + GraphLayout::kRowGap / 2;
        m_points = {QPointF(s.center().x(), s.bottom() + 2), QPointF(s.center().x(), midY), QPointF(gapX, midY),
                    QPointF(gapX, t.center().y()), QPointF(t.left() - 2, t.center().y())};
        m_labelAt = QPointF((s.center().x() + gapX) / 2, midY);
    }
    // Routed links can share a trunk: the worse health is drawn on top so it is never hidden.
    setZValue(edge.health == StatusColors::Health::Bad ? 0.3 : edge.health == StatusColors::Health::Warning ? 0.2 : 0);
    setToolTip(QStringLiteral("%1 → %2\n%3").arg(edge.from, edge.to, label()));
}

QString EdgeItem::label() const
{
    QStringList parts;
    if (!m_edge.transfersEnabled)
        parts << QCoreApplication::translate("PeerGraph", "transfers disabled");
    if (m_edge.backlog > 0)
        parts << QCoreApplication::translate("PeerGraph", "%n queued", nullptr, m_edge.backlog);
    if (m_edge.failed > 0)
        parts << QCoreApplication::translate("PeerGraph", "%n failed today", nullptr, m_edge.failed);
    return parts.join(QStringLiteral(" · "));
}

QRectF EdgeItem::boundingRect() const
{
    return m_points.boundingRect().united(QRectF(m_labelAt, QSizeF(1, 1))).adjusted(-90, -20, 90, 20);
}

QPainterPath EdgeItem::shape() const
{
    QPainterPath path;
    path.addPolygon(m_points);
    QPainterPathStroker stroker;
    stroker.setWidth(10);
    return stroker.createStroke(path);
}

void EdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const QColor colour = StatusColors::color(m_edge.health);
    // Stop the line where the arrow head starts, so the head's tip stays sharp.
    QPolygonF line = m_points;
    const QLineF last(line[line.size() - 2], line.last());
    line.last() = last.pointAt(std::max(0.0, 1 - kArrowSize / std::max(last.length(), 1.0)));
    painter->setPen(QPen(colour, 2.2, m_edge.transfersEnabled ? Qt::SolidLine : Qt::DashLine, Qt::RoundCap, Qt::RoundJoin));
    painter->setBrush(Qt::NoBrush);
    painter->drawPolyline(line);

    const QPointF tip = m_points.last();
    const qreal angle = qDegreesToRadians(last.angle());
    const QPointF back1 = tip + QPointF(-std::cos(angle - M_PI / 7) * kArrowSize * 1.4, std::sin(angle - M_PI / 7) * kArrowSize * 1.4);
    const QPointF back2 = tip + QPointF(-std::cos(angle + M_PI / 7) * kArrowSize * 1.4, std::sin(angle + M_PI / 7) * kArrowSize * 1.4);
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawPolygon(QPolygonF({tip, back1, back2}));

    const QString text = label();
    if (text.isEmpty())
        return;
    QFont font = painter->font();
    font.setPointSizeF(8);
    painter->setFont(font);
    const QFontMetrics metrics(font);
    QRectF box(0, 0, metrics.horizontalAdvance(text) + 10, metrics.height() + 4);
    box.moveCenter(m_labelAt);
    painter->setBrush(QColor(255, 255, 255, 235));
    painter->setPen(QPen(colour, 1));
    painter->drawRoundedRect(box, 4, 4);
    painter->setPen(QColor(0x20, 0x24, 0x2b));
    painter->drawText(box, Qt::AlignCenter, text);
}

} // namespace librarian
