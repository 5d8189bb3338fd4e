#pragma once

#include "Session.h"

#include <QColor>
#include <QIcon>

namespace librarian {

// One palette for health everywhere (sidebar, graph, legend), so a colour means one thing.
namespace StatusColors {
enum class Health { Good, Warning, Bad, Unknown };

QColor color(Health health);
QIcon dot(Health health);
Health forSession(Session::State state);
QString describe(Health health); // for the legend and tooltips
} // namespace StatusColors

} // namespace librarian
