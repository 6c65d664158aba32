#include "offthreadptr.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>

namespace clab {

namespace {

// Used from the GUI thread only.
QPointer<QThreadPool> g_pool;

// Called early in ~QCoreApplication (qAddPostRoutine), while the application is still whole.
void waitForDisposals()
{
    if (g_pool)
        g_pool->waitForDone();
}

// Its own pool rather than the global one: a Run that takes a while to stop must not hold up
// what Qt itself runs on the global pool.
QThreadPool *disposalPool()
{
    if (!g_pool && QCoreApplication::instance()) {
        // A child of the application: deleted with it (and ~QThreadPool waits for its tasks too).
        g_pool = new QThreadPool(QCoreApplication::instance());
        g_pool->setObjectName(QStringLiteral("clab-disposal"));
        qAddPostRoutine(waitForDisposals);
    }
    return g_pool.data();
}

} // namespace

void runOffThread(std::function<void()> work)
{
    destroyOffThread(std::move(work));
}

void destroyOffThread(std::function<void()> destroy)
{
    if (QThreadPool *pool = disposalPool()) {
        pool->start(std::move(destroy));
        return;
    }
    destroy();
}

} // namespace clab
