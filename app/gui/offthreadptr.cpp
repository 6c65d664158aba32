#include "offthreadptr.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>

namespace clab {

namespace {

// Its own pool rather than the global one: a Run that takes a while to stop must not hold up
// what Qt itself runs on the global pool.
QThreadPool *disposalPool()
{
    static QPointer<QThreadPool> pool;
    if (!pool && QCoreApplication::instance()) {
        // A child of the application: deleted with it, and ~QThreadPool waits for its tasks.
        pool = new QThreadPool(QCoreApplication::instance());
        pool->setObjectName(QStringLiteral("clab-disposal"));
    }
    return pool.data();
}

} // namespace

void destroyOffThread(std::function<void()> destroy)
{
    if (QThreadPool *pool = disposalPool()) {
        pool->start(std::move(destroy));
        return;
    }
    destroy();
}

} // namespace clab
