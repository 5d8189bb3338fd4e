#include "LibrarianServer.h"
#include "model/Routes.h"
#include "model/messages/UploadMessages.h"


namespace librarian {

void addUploadRoutes(ApiRouter &router, LibrarianServer &server)
{
    LibrarianServer *self = &server;

    router.post(routes::kUploadStage, AuthLevel::ReadAppend, [self](const QJsonObject &body, const User &caller) {
        auto request = UploadStageRequest::fromJson(body);
        if (!request)
            return HttpReply::error(request.error());
        auto staged = self->ingest().stage(*request, caller.username);
        if (!staged)
            return HttpReply::error(staged.error());
        staged->http.dataPort = self->dataPort();
        staged->http.path = QString::fromLatin1(routes::kData) + QString::number(staged->transferId);
        staged->http.maxChunkBytes = self->config().maxChunkBytes;
        return HttpReply{201, staged->toJson()};
    });

    // Verifying the checksum may read the whole file (when it did not stream through one hash on
    // arrival) and publishing flushes it to disk: done on a worker thread, answered when ready.
    router.postAsync(routes::kUploadCommit, AuthLevel::ReadAppend,
                     [self](const QJsonObject &body, const User &caller, ApiRouter::Reply reply) {
                         auto request = UploadCommitRequest::fromJson(body);
                         if (!request)
                             return reply(HttpReply::error(request.error()));
                         const bool admin = caller.level == AuthLevel::Admin;
                         Ingest *ingest = &self->ingest();
                         ApiRouter::replyFromWorker(self, reply, [self, ingest, commit = *request, user = caller.username, admin] {
                             auto file = ingest->commit(commit, user, admin);
                             if (file)
                                 self->wakeTasks(QStringLiteral("send_clone")); // a new file to pass on
                             return HttpReply::from(file);
                         });
                     });

    router.post(routes::kUploadCancel, AuthLevel::ReadAppend, [self](const QJsonObject &body, const User &caller) {
        auto request = TransferIdRequest::fromJson(body);
        if (!request)
            return HttpReply::error(request.error());
        auto s = self->ingest().cancel(request->transferId, caller.username, caller.level == AuthLevel::Admin);
        if (!s)
            return HttpReply::error(s.error());
        return HttpReply{200, request->toJson()};
    });
}

} // namespace librarian
