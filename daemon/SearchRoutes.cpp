#include "LibrarianServer.h"
#include "db/FileCatalog.h"
#include "model/Routes.h"
#include "model/messages/SearchMessages.h"

namespace librarian {

void addSearchRoutes(ApiRouter &router, LibrarianServer &server)
{
    LibrarianServer *self = &server;
    const int cap = server.config().maxSearchResults;
    // A search reads a catalogue-sized table: on a worker, so the event loop (and the data plane
    // it serves) never waits for it.
    router.postAsync(routes::kSearchFile, AuthLevel::ReadOnly,
                     [self, cap](const QJsonObject &body, const User &, ApiRouter::Reply reply) {
                         auto request = FileSearchRequest::fromJson(body);
                         if (!request)
                             return reply(HttpReply::error(request.error()));
                         const Database *database = &self->database();
                         ApiRouter::replyFromWorker(self, reply, [database, cap, search = *request] {
                             auto db = database->connection();
                             if (!db)
                                 return HttpReply::error(db.error());
                             auto files = FileCatalog(*db).search(search, cap);
                             if (!files)
                                 return HttpReply::error(files.error());
                             return HttpReply{200, {}, 0, encodeFiles(*files)};
                         });
                     });
}

} // namespace librarian
