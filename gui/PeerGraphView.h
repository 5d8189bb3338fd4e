#pragma once

#include "NetworkGraph.h"

#include <QGraphicsView>

namespace librarian {

class NodeItem;

// The network drawn: librarians as boxes, push links as arrows. Wheel zooms, dragging pans, a
// click on a librarian selects it.
class PeerGraphView : public QGraphicsView
{
    Q_OBJECT
public:
    explicit PeerGraphView(QWidget *parent = nullptr);
    ~PeerGraphView() override;

    void setGraph(const NetworkGraph &graph);
    int nodeCount() const { return int(m_nodes.size()); }
    int edgeCount() const { return m_edgeCount; }
    QPointF nodePosition(const QString &name) const; // scene coordinates, for tests
    void selectNode(const QString &name);

    void zoomIn();
    void zoomOut();
    void fitAll();

Q_SIGNALS:
    void nodeSelected(const QString &name); // empty when nothing is selected

protected:
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void zoomBy(qreal factor);

    QMap<QString, NodeItem *> m_nodes;
    int m_edgeCount = 0;
    bool m_userZoomed = false; // keep the operator's zoom across refreshes
};

} // namespace librarian
