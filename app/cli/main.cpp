#include "cliapp.h"

#include <exception>
#include <iostream>

int main(int argc, char **argv)
{
    // Whatever escapes (no memory for a result) is a failed run with a message, never an abort.
    try {
        std::vector<std::string> args(argv + 1, argv + argc);
        clab::CliApp app(std::cout, std::cerr);
        return app.exec(args);
    } catch (const std::exception &error) {
        std::cerr << "concurrency-lab-cli: failed: " << error.what() << '\n';
    } catch (...) {
        std::cerr << "concurrency-lab-cli: failed: an unknown exception\n";
    }
    return clab::CliApp::kExitFailed;
}
