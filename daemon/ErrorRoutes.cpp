#include "LibrarianServer.h"
#include "db/ErrorLog.h"
#include "db/IncomingTransfers.h"
#include "db/OutgoingTransfers.h"
#include "model/Routes.h"
#include "model/messages/ErrorMessages.h"

namespace librarian {

// What went wrong and what is moving: the error log and the transfer lists.
void addErrorRoutes(ApiRouter &router, LibrarianServer &server)
{
    LibrarianServer *self = &server;

    // Both searches read tables that grow with the catalogue's history: on a worker, off the event loop.
    router.postAsync(routes::kSearchError, AuthLevel::ReadOnly,
                     [self](const QJsonObject &body, const User &, ApiRouter::Reply reply) {
                         auto request = ErrorSearchRequest::fromJson(body);
                         if (!request)
                             return reply(HttpReply::error(request.error()));
                         const Database *database = &self->database();
                         const int cap = self->config().maxSearchResults;
                         ApiRouter::replyFromWorker(self, reply, [database, cap, search = *request] {
                             auto db = database->connection();
                             if (!db)
                                 return HttpReply::error(db.error());
                             auto errors = ErrorLog(*db).search(search, cap);
                             if (!errors)
                                 return HttpReply::error(errors.error());
                             return HttpReply{200, errorsToJson(*errors)};
                         });
                     });

    router.post(routes::kErrorClear, AuthLevel::Admin, [self](const QJsonObject &body, const User &) {
        auto request = ErrorClearRequest::fromJson(body);
        if (!request)
            return HttpReply::error(request.error());
        auto db = self->database().connection();
        if (!db)
            return HttpReply::error(db.error());
        return HttpReply::from(ErrorLog(*db).clear(request->id));
    });

    router.postAsync(routes::kSearchTransfers, AuthLevel::ReadOnly,
                     [self](const QJsonObject &body, const User &, ApiRouter::Reply reply) {
                         auto request = TransferSearchRequest::fromJson(body);
                         if (!request)
                             return reply(HttpReply::error(request.error()));
                         const Database *database = &self->database();
                         const int limit = std::clamp(request->maxResults, 0, self->config().maxSearchResults);
                         ApiRouter::replyFromWorker(self, reply, [database, limit, search = *request] {
                             auto db = database->connection();
                             if (!db)
                                 return HttpReply::error(db.error());
                             auto outgoing = OutgoingTransfers(*db).search(search.peer, search.status, limit);
                             auto incoming = IncomingTransfers(*db).search(search.peer, search.status, limit);
                             if (!outgoing)
                                 return HttpReply::error(outgoing.error());
                             if (!incoming)
                                 return HttpReply::error(incoming.error());
                             return HttpReply{200, TransferList{*outgoing, *incoming}.toJson()};
                         });
                     });
}

} // namespace librarian
