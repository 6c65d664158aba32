#include "cliapp.h"

#include <iostream>

int main(int argc, char **argv)
{
    std::vector<std::string> args(argv + 1, argv + argc);
    clab::CliApp app(std::cout, std::cerr);
    return app.exec(args);
}
