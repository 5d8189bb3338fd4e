#include "LibrarianServer.h"
#include "model/Routes.h"
#include "model/messages/PingMessages.h"

namespace librarian {

void addPingRoutes(ApiRouter &router, LibrarianServer &server)
{
    const ServerConfig &config = server.config();
    PingResponse ping{config.displayedSiteName, config.displayedSiteDescription, config.name};
    auto answer = [ping](const QJsonObject &, const User &) { return HttpReply{200, ping.toJson()}; };
    router.post(routes::kPing, AuthLevel::None, answer);
    router.post(routes::kPingLogged, AuthLevel::ReadOnly, answer);
    router.post(routes::kPingAdmin, AuthLevel::Admin, answer);
}

} // namespace librarian
