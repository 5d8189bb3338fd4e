#include "StatusColors.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPixmap>

namespace librarian::StatusColors {

QColor color(Health health)
{
    switch (health) {
    case Health::Good:
        return QColor(0x2e, 0x9d, 0x4f);
    case Health::Warning:
        return QColor(0xe0, 0x9b, 0x16);
    case Health::Bad:
        return QColor(0xd0, 0x3b, 0x3b);
    case Health::Unknown:
        break;
    }
    return QColor(0x8a, 0x8f, 0x98);
}

QIcon dot(Health health)
{
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(color(health).darker(130));
    painter.setBrush(color(health));
    painter.drawEllipse(QRectF(1.5, 1.5, 11, 11));
    return QIcon(pixmap);
}

Health forSession(Session::State state)
{
    switch (state) {
    case Session::State::Connected:
        return Health::Good;
    case Session::State::Connecting:
        return Health::Warning;
    case Session::State::Failed:
        return Health::Bad;
    case Session::State::Disconnected:
        break;
    }
    return Health::Unknown;
}

QString describe(Health health)
{
    switch (health) {
    case Health::Good:
        return QCoreApplication::translate("StatusColors", "healthy");
    case Health::Warning:
        return QCoreApplication::translate("StatusColors", "needs attention");
    case Health::Bad:
        return QCoreApplication::translate("StatusColors", "failing or unreachable");
    case Health::Unknown:
        break;
    }
    return QCoreApplication::translate("StatusColors", "not known yet");
}

} // namespace librarian::StatusColors
