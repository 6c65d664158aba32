#pragma once

#include <QTest>

// A speed test asserts a ratio measured inside one run: a speedup, a latency against the switch
// interval, CPU time against wall time. Sanitizers slow threads unevenly, so such ratios say
// nothing under them. A suite's speed tests are listed in its CMakeLists (clab_add_test SPEED ...):
// they run in the CTest entry "<suite>_speed", labelled `speed`, which the sanitizer presets leave
// out, and skip in the suite's main entry, so each runs once.
#define CLAB_SPEED_TEST()                                                                                              \
    do {                                                                                                               \
        if (qEnvironmentVariable("CLAB_SPEED_TESTS") == QLatin1String("elsewhere"))                                    \
            QSKIP("a speed test: it runs in this suite's _speed entry (label speed)");                                 \
    } while (false)
