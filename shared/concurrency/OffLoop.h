#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>
#include <QtConcurrent>
#include <type_traits>
#include <utility>

namespace librarian {

// The one way slow work (hashing, scrypt, copies, tree walks) leaves an event loop: `work` runs on
// `pool` (Qt's global pool unless a bounded one is given), and `done(result)` runs afterwards on
// the thread of `context` — never if `context` was destroyed first. `work` may use the database:
// each pool thread has its own connection.
template <typename Work, typename Done>
void runOffLoop(QObject *context, Work &&work, Done &&done, QThreadPool *pool = QThreadPool::globalInstance())
{
    using Value = std::invoke_result_t<std::decay_t<Work>>;
    auto *watcher = new QFutureWatcher<Value>(context);
    QObject::connect(watcher, &QFutureWatcherBase::finished, context,
                     [watcher, done = std::forward<Done>(done)]() mutable {
                         watcher->deleteLater();
                         if constexpr (std::is_void_v<Value>)
                             done();
                         else
                             done(watcher->result());
                     });
    watcher->setFuture(QtConcurrent::run(pool, std::forward<Work>(work)));
}

} // namespace librarian
