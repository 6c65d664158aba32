#pragma once

#include <QCoreApplication>
#include <QPointer>

#include <functional>
#include <memory>
#include <utility>

namespace clab {

// Runs `destroy` on a thread of the application's disposal pool, not on the calling (GUI) thread.
// The pool is a child of the QCoreApplication: its destruction waits for every task, so nothing
// handed over here is still being destroyed once the application object is gone, and nothing
// leaks. With no application object, `destroy` runs right here, on the calling thread.
void destroyOffThread(std::function<void()> destroy);
// The same pool for other work the GUI thread must not wait for (writing and fsyncing exports):
// runs `work` on a pool thread; at exit the application waits for it.
void runOffThread(std::function<void()> work);

// From work handed to runOffThread(): runs `deliver(*receiver)` on the GUI thread, if `receiver`
// still exists by then. Safe from a pool thread: the application object outlives the pool's tasks
// (see above), and `receiver` is only read on the GUI thread.
template<typename Receiver, typename Deliver> void deliverToGuiThread(QPointer<Receiver> receiver, Deliver deliver)
{
    QMetaObject::invokeMethod(
        QCoreApplication::instance(),
        [receiver, deliver = std::move(deliver)]() mutable {
            if (Receiver *object = receiver.data())
                deliver(*object);
        },
        Qt::QueuedConnection);
}

// Owns an engine object whose destructor waits for engine threads (a Run joins its supervisor, an
// Experiment its current Run): like std::unique_ptr, but the object is never destroyed on the
// owner's thread. reset() and the destructor ask it to stop (T::requestStop(), which returns at
// once) and hand it to destroyOffThread(). Used by one owner on one thread (the GUI thread).
template<typename T> class OffThreadPtr
{
public:
    OffThreadPtr() = default;
    explicit OffThreadPtr(std::unique_ptr<T> object)
        : m_object(std::move(object))
    {}
    ~OffThreadPtr() { reset(); }
    OffThreadPtr(const OffThreadPtr &) = delete;
    OffThreadPtr &operator=(const OffThreadPtr &) = delete;

    // Disposes of the object held so far (if any) and takes `object`.
    void reset(std::unique_ptr<T> object = nullptr)
    {
        std::unique_ptr<T> old = std::exchange(m_object, std::move(object));
        if (!old)
            return;
        old->requestStop();
        T *doomed = old.release();
        destroyOffThread([doomed] { delete doomed; });
    }

    T *get() const { return m_object.get(); }
    T *operator->() const { return m_object.get(); }
    T &operator*() const { return *m_object; }
    explicit operator bool() const { return m_object != nullptr; }

private:
    std::unique_ptr<T> m_object;
};

} // namespace clab
