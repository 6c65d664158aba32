# clab_add_test(<name> SOURCES ... LABEL <engine|app|cli|slow> [TIMEOUT s] [LIBS ...] [SPEED fn ...])
# One QTest executable per class, registered with CTest under a label and a timeout. The functions
# listed after SPEED (each starts with CLAB_SPEED_TEST(), tests/common/speedtest.h) run in a second
# entry, <name>_speed, labelled `speed`, and skip in the first.
function(clab_add_test name)
    cmake_parse_arguments(arg "" "LABEL;TIMEOUT" "SOURCES;LIBS;LABELS;SPEED" ${ARGN})
    if(NOT arg_TIMEOUT)
        set(arg_TIMEOUT 120)
    endif()
    add_executable(${name} ${arg_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test clab::warnings ${arg_LIBS})
    target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests/common)
    # Runs of the processes model start the worker program: build it with every test.
    add_dependencies(${name} clab-worker)
    add_test(NAME ${name} COMMAND ${name})
    set(environment "QT_QPA_PLATFORM=offscreen")
    if(arg_SPEED)
        add_test(NAME ${name}_speed COMMAND ${name} ${arg_SPEED})
        set_tests_properties(${name}_speed PROPERTIES
            TIMEOUT ${arg_TIMEOUT}
            LABELS "${arg_LABEL};${arg_LABELS};speed"
            ENVIRONMENT "${environment}")
        list(APPEND environment "CLAB_SPEED_TESTS=elsewhere")
    endif()
    set_tests_properties(${name} PROPERTIES
        TIMEOUT ${arg_TIMEOUT}
        LABELS "${arg_LABEL};${arg_LABELS}"
        ENVIRONMENT "${environment}")
endfunction()
