// A session file (.clab, results/session.h, docs/session-format.md). Checked: it never throws; a
// file is either read or refused with a message; a session it reads holds at most
// kMaxSessionRuns runs and a Lab run among them, and written out and read again it is the same.
#include "fuzzcheck.h"

#include "results/session.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    const clab::SessionReadResult read = clab::parseSession(text);
    CLAB_FUZZ_CHECK(read.session.has_value() == read.error.empty());
    if (!read.session)
        return 0;
    CLAB_FUZZ_CHECK(read.session->runs.size() <= clab::kMaxSessionRuns);
    CLAB_FUZZ_CHECK(!read.session->labRun || *read.session->labRun < read.session->runs.size());
    const std::string written = clab::sessionToJson(*read.session);
    const clab::SessionReadResult again = clab::parseSession(written);
    CLAB_FUZZ_CHECK(again.session.has_value());
    CLAB_FUZZ_CHECK(clab::sessionToJson(*again.session) == written);
    return 0;
}
