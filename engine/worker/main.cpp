// clab-worker: the engine's worker program, started by the `processes` execution model.
// It talks to the engine over fd 3 (frames in) and fd 4 (frames out); see protocol.h.

#include "worker/workerprocess.h"

#include <fcntl.h>

#include <csignal>
#include <cstdio>

int main()
{
    if (fcntl(3, F_GETFD) < 0 || fcntl(4, F_GETFD) < 0) {
        std::fputs("clab-worker: this is Concurrency Lab's worker program; the engine starts it "
                   "with its pipes on fds 3 and 4\n",
            stderr);
        return 2;
    }
    // A write to the engine after it has gone fails with EPIPE instead of killing us.
    std::signal(SIGPIPE, SIG_IGN);
    clab::WorkerProcess worker(3, 4);
    return worker.run();
}
