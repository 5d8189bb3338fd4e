#include "LibrarianServer.h"
#include "model/Routes.h"
#include "model/messages/PingMessages.h"

namespace librarian {

void addOperationsRoutes(ApiRouter &router, LibrarianServer &server)
{
    LibrarianServer *self = &server;
    router.get(routes::kHealth, [self] {
        HealthReport report{self->database().schemaVersion().ok(), self->config().name,
                            QStringLiteral(LIBRARIAN_VERSION)};
        return HttpReply{report.healthy ? 200 : 503, report.toJson()};
    });
}

} // namespace librarian
