#include "LibrarianServer.h"
#include "model/Routes.h"
#include "model/messages/PingMessages.h"

namespace librarian {

void addPingRoutes(ApiRouter &router, LibrarianServer &server)
{
    const ServerConfig &config = server.config();
    PingResponse ping{config.displayedSiteName, config.displayedSiteDescription, config.name};
    router.post(routes::kPing, AuthLevel::None,
                [ping](const QJsonObject &, const User &) { return HttpReply{200, ping.toJson()}; });
    auto signedIn = [ping](const QJsonObject &, const User &caller) {
        PingResponse answer = ping;
        answer.user = caller.username;
        answer.userLevel = caller.level;
        return HttpReply{200, answer.toJson()};
    };
    router.post(routes::kPingLogged, AuthLevel::ReadOnly, signedIn);
    router.post(routes::kPingAdmin, AuthLevel::Admin, signedIn);
}

} // namespace librarian
