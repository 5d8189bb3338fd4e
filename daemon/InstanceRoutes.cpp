#include "LibrarianServer.h"
#include "db/FileCatalog.h"
#include "model/Routes.h"
#include "model/messages/AdminMessages.h"

namespace librarian {

void addInstanceRoutes(ApiRouter &router, LibrarianServer &server)
{
    LibrarianServer *self = &server;
    // Removing a folder instance walks its tree: off the event loop.
    router.postAsync(routes::kAdminInstanceDeleteLocal, AuthLevel::Admin,
                     [self](const QJsonObject &body, const User &, ApiRouter::Reply reply) {
                         auto request = InstanceDeleteRequest::fromJson(body);
                         if (!request)
                             return reply(HttpReply::error(request.error()));
                         Ingest *ingest = &self->ingest();
                         ApiRouter::replyFromWorker(self, reply, [ingest, id = request->instanceId] {
                             if (auto s = ingest->deleteLocalInstance(id); !s)
                                 return HttpReply::error(s.error());
                             return HttpReply{200, InstanceDeleteResponse{true, id}.toJson()};
                         });
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
