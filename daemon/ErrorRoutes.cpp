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

    router.post(routes::kSearchError, AuthLevel::ReadOnly, [self](const QJsonObject &body, const User &) {
        auto request = ErrorSearchRequest::fromJson(body);
        if (!request)
            return HttpReply::error(request.error());
        auto db = self->database().connection();
        if (!db)
            return HttpReply::error(db.error());
        auto errors = ErrorLog(*db).search(*request, self->config().maxSearchResults);
        if (!errors)
            return HttpReply::error(errors.error());
        return HttpReply{200, errorsToJson(*errors)};
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

    router.post(routes::kSearchTransfers, AuthLevel::ReadOnly, [self](const QJsonObject &body, const User &) {
        auto request = TransferSearchRequest::fromJson(body);
        if (!request)
            return HttpReply::error(request.error());
        auto db = self->database().connection();
        if (!db)
            return HttpReply::error(db.error());
        const int limit = std::clamp(request->maxResults, 0, self->config().maxSearchResults);
        auto outgoing = OutgoingTransfers(*db).search(request->peer, request->status, limit);
        auto incoming = IncomingTransfers(*db).search(request->peer, request->status, limit);
        if (!outgoing)
            return HttpReply::error(outgoing.error());
        if (!incoming)
            return HttpReply::error(incoming.error());
        return HttpReply{200, TransferList{*outgoing, *incoming}.toJson()};
    });
}

} // namespace librarian
