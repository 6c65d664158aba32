# clab_add_test(<name> SOURCES ... LABEL <engine|app|cli|slow> [TIMEOUT s] [LIBS ...])
# One QTest executable per class, registered with CTest under a label and a timeout.
function(clab_add_test name)
    cmake_parse_arguments(arg "" "LABEL;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    if(NOT arg_TIMEOUT)
        set(arg_TIMEOUT 120)
    endif()
    add_executable(${name} ${arg_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test clab::warnings ${arg_LIBS})
    # Runs of the processes model start the worker program: build it with every test.
    add_dependencies(${name} clab-worker)
    add_test(NAME ${name} COMMAND ${name})
    set_tests_properties(${name} PROPERTIES
        TIMEOUT ${arg_TIMEOUT}
        LABELS "${arg_LABEL};${arg_LABELS}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen")
endfunction()
