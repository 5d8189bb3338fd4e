#include "LibrarianServer.h"
#include "db/FileCatalog.h"
#include "model/Routes.h"
#include "model/messages/AdminMessages.h"

namespace librarian {

void addInstanceRoutes(ApiRouter &router, LibrarianServer &server)
{
    LibrarianServer *self = &server;
    router.post(routes::kAdminInstanceDeleteLocal, AuthLevel::Admin, [self](const QJsonObject &body, const User &) {
        auto request = InstanceDeleteRequest::fromJson(body);
        if (!request)
            return HttpReply::error(request.error());
        if (auto s = self->ingest().deleteLocalInstance(request->instanceId); !s)
            return HttpReply::error(s.error());
        return HttpReply{200, InstanceDeleteResponse{true, request->instanceId}.toJson()};
    });

    router.post(routes::kAdminInstanceDeleteRemote, AuthLevel::Admin, [self](const QJsonObject &body, const User &) {
        auto request = InstanceDeleteRequest::fromJson(body);
        if (!request)
            return HttpReply::error(request.error());
        auto db = self->database().connection();
        if (!db)
            return HttpReply::error(db.error());
        if (auto s = FileCatalog(*db).removeRemoteInstance(request->instanceId); !s)
            return HttpReply::error(s.error());
        return HttpReply{200, InstanceDeleteResponse{true, request->instanceId}.toJson()};
    });
}

} // namespace librarian
