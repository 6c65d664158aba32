#pragma once

// Fault injection for the engine's tests. Compiled only into the engine the tests link
// (clab_engine_testhooks, built with CLAB_TEST_HOOKS); in every other build CLAB_TEST_HOOK(site)
// is nothing and its argument is not evaluated.
//
// Sites are named by what happens there: "sampler thread" (the entry of that thread), "start
// sampler thread" (just before it is created), and so on for every thread of a run. A test sets
// throwAt before a run starts and clears it once the run ended; the engine's threads only read it.

#ifdef CLAB_TEST_HOOKS

#include <functional>

namespace clab::testhooks {

inline std::function<void(const char *site)> throwAt;

inline void reach(const char *site)
{
    if (throwAt)
        throwAt(site);
}

} // namespace clab::testhooks

#define CLAB_TEST_HOOK(site) ::clab::testhooks::reach(site)

#else

#define CLAB_TEST_HOOK(site) static_cast<void>(0)

#endif
