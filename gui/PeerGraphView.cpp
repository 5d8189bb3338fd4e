#include "PeerGraphView.h"

#include "GraphItems.h"
#include "GraphLayout.h"

#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QWheelEvent>

namespace librarian {

PeerGraphView::PeerGraphView(QWidget *parent) : QGraphicsView(parent)
{
    setScene(new QGraphicsScene(this));
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setBackgroundBrush(QColor(0xf6, 0xf7, 0xf9));
    setMinimumSize(320, 240);
    connect(scene(), &QGraphicsScene::selectionChanged, this, [this] {
        const auto selected = scene()->selectedItems();
        const auto *node = selected.isEmpty() ? nullptr : dynamic_cast<NodeItem *>(selected.first());
        emit nodeSelected(node ? node->name() : QString());
    });
}

PeerGraphView::~PeerGraphView()
{
    // Deleting a selected item would report a selection change to pages already gone.
    scene()->blockSignals(true);
}

void PeerGraphView::setGraph(const NetworkGraph &graph)
{
    const auto previous = scene()->selectedItems();
    const QString selected = previous.isEmpty() ? QString() : dynamic_cast<NodeItem *>(previous.first())->name();
    const QSignalBlocker block(scene());
    scene()->clear();
    m_nodes.clear();

    QStringList names;
    QList<QPair<QString, QString>> links;
    for (const auto &n : graph.nodes())
        names.append(n.name);
    for (const auto &e : graph.edges())
        links.append({e.from, e.to});
    const QMap<QString, QPointF> positions = GraphLayout::place(names, links);

    for (const auto &n : graph.nodes()) {
        auto *item = new NodeItem(n);
        item->setPos(positions.value(n.name));
        scene()->addItem(item);
        m_nodes.insert(n.name, item);
    }
    m_edgeCount = 0;
    for (const auto &e : graph.edges()) {
        const bool twoWay = links.contains({e.to, e.from});
        QList<QRectF> others;
        for (const NodeItem *n : std::as_const(m_nodes))
            if (n->name() != e.from && n->name() != e.to)
                others.append(n->box());
        scene()->addItem(new EdgeItem(e, m_nodes.value(e.from), m_nodes.value(e.to), twoWay ? 7 : 0, others));
        ++m_edgeCount;
    }
    if (m_nodes.isEmpty()) {
        auto *hint = scene()->addSimpleText(tr("No librarian to show yet: add a connection on the left and connect it."));
        hint->setBrush(QColor(0x55, 0x5b, 0x66));
        hint->setPos(-hint->boundingRect().width() / 2, 0);
    }
    // On the view, not the scene: the view then recomputes where the (smaller) scene sits at once.
    setSceneRect(scene()->itemsBoundingRect().adjusted(-40, -40, 40, 40));
    if (NodeItem *again = m_nodes.value(selected))
        again->setSelected(true);
    if (!m_userZoomed)
        fitAll();
}

QPointF PeerGraphView::nodePosition(const QString &name) const
{
    const NodeItem *item = m_nodes.value(name);
    return item ? item->pos() : QPointF();
}

void PeerGraphView::selectNode(const QString &name)
{
    scene()->clearSelection();
    if (NodeItem *item = m_nodes.value(name))
        item->setSelected(true);
}

void PeerGraphView::zoomBy(qreal factor)
{
    const qreal scale = transform().m11() * factor;
    if (scale < 0.1 || scale > 4)
        return;
    m_userZoomed = true;
    this->scale(factor, factor);
}

void PeerGraphView::zoomIn()
{
    zoomBy(1.25);
}

void PeerGraphView::zoomOut()
{
    zoomBy(0.8);
}

void PeerGraphView::fitAll()
{
    m_userZoomed = false;
    resetTransform();
    const QRectF rect = sceneRect();
    // Small networks stay at natural size; larger ones shrink to fit, never below readable.
    const qreal fit = std::min(viewport()->width() / std::max(rect.width(), 1.0),
                               viewport()->height() / std::max(rect.height(), 1.0));
    const qreal scale = std::clamp(fit, 0.35, 1.0);
    this->scale(scale, scale);
    centerOn(rect.center());
}

void PeerGraphView::wheelEvent(QWheelEvent *event)
{
    zoomBy(event->angleDelta().y() > 0 ? 1.15 : 1 / 1.15);
    event->accept();
}

void PeerGraphView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (!m_userZoomed)
        fitAll();
}

} // namespace librarian
