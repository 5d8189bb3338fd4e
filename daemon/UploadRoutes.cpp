#include "LibrarianServer.h"
#include "model/Routes.h"
#include "model/messages/UploadMessages.h"


namespace librarian {

void addUploadRoutes(ApiRouter &router, LibrarianServer &server)
{
    LibrarianServer *self = &server;

    // Staging writes rows and asks the disk for room: off the event loop, which carries the data plane.
    router.postAsync(routes::kUploadStage, AuthLevel::ReadAppend,
                     [self](const QJsonObject &body, const User &caller, ApiRouter::Reply reply) {
                         auto request = UploadStageRequest::fromJson(body);
                         if (!request)
                             return reply(HttpReply::error(request.error()));
                         Ingest *ingest = &self->ingest();
                         ApiRouter::replyFromWorker(self, reply, [self, ingest, stage = *request, user = caller.username] {
                             auto staged = ingest->stage(stage, user);
                             if (!staged)
                                 return HttpReply::error(staged.error());
                             staged->http.dataPort = self->dataPort();
                             staged->http.path = QString::fromLatin1(routes::kData) + QString::number(staged->transferId);
                             staged->http.maxChunkBytes = self->config().maxChunkBytes;
                             return HttpReply{201, staged->toJson()};
                         });
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

    // Ours: many small files with one request each way. Staging a thousand entries and verifying
    // and flushing their bytes is no short work: both on a worker thread.
    router.postAsync(routes::kUploadBatchStage, AuthLevel::ReadAppend,
                     [self](const QJsonObject &body, const User &caller, ApiRouter::Reply reply) {
                         auto request = UploadBatchStageRequest::fromJson(body);
                         if (!request)
                             return reply(HttpReply::error(request.error()));
                         HttpDataTarget target;
                         target.dataPort = self->dataPort();
                         target.maxChunkBytes = self->config().maxChunkBytes;
                         Ingest *ingest = &self->ingest();
                         ApiRouter::replyFromWorker(self, reply, [ingest, target, batch = *request, user = caller.username] {
                             auto staged = ingest->stageBatch(batch, user);
                             if (!staged)
                                 return HttpReply::error(staged.error());
                             for (UploadStageResponse &upload : staged->uploads) {
                                 upload.http = target;
                                 upload.http.path = QString::fromLatin1(routes::kData) + QString::number(upload.transferId);
                             }
                             return HttpReply{201, staged->toJson()};
                         });
                     });

    router.postAsync(routes::kUploadBatchCommit, AuthLevel::ReadAppend,
                     [self](const QJsonObject &body, const User &caller, ApiRouter::Reply reply) {
                         auto request = UploadBatchCommitRequest::fromJson(body);
                         if (!request)
                             return reply(HttpReply::error(request.error()));
                         const bool admin = caller.level == AuthLevel::Admin;
                         Ingest *ingest = &self->ingest();
                         ApiRouter::replyFromWorker(self, reply, [self, ingest, batch = *request, user = caller.username, admin] {
                             auto committed = ingest->commitBatch(batch, user, admin);
                             if (committed && !committed->files.isEmpty())
                                 self->wakeTasks(QStringLiteral("send_clone")); // new files to pass on
                             return HttpReply::from(committed);
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
