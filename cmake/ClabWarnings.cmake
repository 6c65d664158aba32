# Warnings live in one INTERFACE target that every project target links.
add_library(clab_warnings INTERFACE)
add_library(clab::warnings ALIAS clab_warnings)
target_compile_options(clab_warnings INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wcast-align -Woverloaded-virtual -Wconversion -Wsign-conversion -Wnull-dereference
    -Wformat=2 -Wimplicit-fallthrough)
if(CLAB_WERROR)
    target_compile_options(clab_warnings INTERFACE -Werror)
endif()
target_compile_definitions(clab_warnings INTERFACE QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII)
