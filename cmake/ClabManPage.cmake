# clab_add_man_page(<target> NAME <one line> INCLUDE <file.h2m>)   (target <target>-man)
# The man page of a program, made at build time by help2man(1) from the program's own --help and
# --version (so it lists exactly the options the program has), with the sections of the INCLUDE
# file (docs/man/) added, then gzipped as Debian installs man pages (gzip -9n: no name or time
# stamp, so the same build gives the same file). Installed to share/man/man1/<target>.1.gz.
# The program runs with no display (DISPLAY, WAYLAND_DISPLAY and QT_QPA_PLATFORM unset): --help
# and --version must answer without one, and the build fails if they do not.
find_program(CLAB_HELP2MAN help2man)
find_program(CLAB_GZIP gzip)

function(clab_add_man_page target)
    cmake_parse_arguments(arg "" "NAME;INCLUDE" "" ${ARGN})
    if(NOT CLAB_BUILD_MAN_PAGES)
        return()
    endif()
    if(NOT CLAB_HELP2MAN OR NOT CLAB_GZIP)
        message(WARNING "help2man or gzip not found: no man page for ${target} (scripts/setup.sh installs them)")
        return()
    endif()
    set(page ${CMAKE_CURRENT_BINARY_DIR}/${target}.1)
    add_custom_command(OUTPUT ${page}.gz
        COMMAND ${CMAKE_COMMAND} -E env --unset=DISPLAY --unset=WAYLAND_DISPLAY --unset=QT_QPA_PLATFORM
                ${CLAB_HELP2MAN} --no-info --section=1 --name=${arg_NAME}
                --include=${arg_INCLUDE} --output=${page} $<TARGET_FILE:${target}>
        COMMAND ${CLAB_GZIP} -9nf ${page}
        DEPENDS ${target} ${arg_INCLUDE}
        COMMENT "help2man: ${target}.1.gz"
        VERBATIM)
    add_custom_target(${target}-man ALL DEPENDS ${page}.gz)
    # Where the page is, for the test that holds it against --help (tests/content).
    set_target_properties(${target}-man PROPERTIES CLAB_MAN_PAGE ${page}.gz)
    install(FILES ${page}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endfunction()
