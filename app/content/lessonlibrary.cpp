#include "lessonlibrary.h"

#include <algorithm>
#include <cctype>
#include <dirent.h>
#include <fstream>
#include <set>
#include <sstream>

namespace clab {

namespace {

std::string trim(const std::string &text)
{
    const auto begin = text.find_first_not_of(" \t\r");
    if (begin == std::string::npos)
        return {};
    const auto end = text.find_last_not_of(" \t\r");
    return text.substr(begin, end - begin + 1);
}

bool startsWith(const std::string &text, const std::string &prefix)
{
    return text.rfind(prefix, 0) == 0;
}

bool isIdentifier(const std::string &text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
    });
}

// Targets of Markdown links "[text](target)" (or images, with open "![") whose target starts
// with `scheme`, without the scheme.
std::vector<std::string> linkTargets(const std::string &line, const std::string &open, const std::string &scheme)
{
    std::vector<std::string> out;
    for (std::size_t at = line.find(open); at != std::string::npos; at = line.find(open, at + 1)) {
        if (open == "[" && at > 0 && line[at - 1] == '!')
            continue; // an image, not a link
        const auto middle = line.find("](", at + open.size());
        if (middle == std::string::npos)
            break;
        const auto end = line.find(')', middle + 2);
        if (end == std::string::npos)
            break;
        const std::string target = line.substr(middle + 2, end - middle - 2);
        if (startsWith(target, scheme) && target.find(' ') == std::string::npos)
            out.push_back(target.substr(scheme.size()));
    }
    return out;
}

} // namespace

const Lesson *LessonLibrary::find(const std::string &id) const
{
    for (const Lesson &lesson : lessons) {
        if (lesson.id == id)
            return &lesson;
    }
    return nullptr;
}

Lesson LessonLibrary::parse(const std::string &text, const std::string &fileName, std::vector<std::string> &errors)
{
    Lesson lesson;
    lesson.path = fileName;
    std::vector<std::string> lines;
    {
        std::istringstream in(text);
        for (std::string line; std::getline(in, line);)
            lines.push_back(line);
    }
    auto problem = [&](std::size_t index, const std::string &message) {
        errors.push_back(fileName + ":" + std::to_string(index + 1) + ": " + message);
    };

    std::size_t i = 0;
    if (lines.empty() || trim(lines[0]) != "---") {
        problem(0, "a lesson starts with front matter between '---' lines");
        return lesson;
    }
    for (i = 1; i < lines.size() && trim(lines[i]) != "---"; ++i) {
        const auto colon = lines[i].find(':');
        if (colon == std::string::npos) {
            problem(i, "front matter lines are 'key: value'");
            continue;
        }
        const std::string key = trim(lines[i].substr(0, colon));
        std::string value = trim(lines[i].substr(colon + 1));
        // YAML-style quoting ("a: b" needs it): the quotes are not part of the value.
        if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
            value = value.substr(1, value.size() - 2);
        if (key == "id")
            lesson.id = value;
        else if (key == "title")
            lesson.title = value;
        else if (key == "order")
            lesson.order = std::atoi(value.c_str());
    }
    if (i >= lines.size()) {
        problem(0, "the front matter is not closed with '---'");
        return lesson;
    }
    if (lesson.id.empty() || lesson.title.empty() || lesson.order <= 0)
        problem(0, "the front matter needs id, title and a positive order");
    ++i;

    enum class Part
    {
        Body,
        TryIt,
        Quiz,
        Sources
    } part
        = Part::Body;
    std::ostringstream body;
    for (; i < lines.size(); ++i) {
        const std::string &line = lines[i];
        if (startsWith(line, "## ")) {
            const std::string heading = trim(line.substr(3));
            part = heading == "Try it" ? Part::TryIt
                : heading == "Quiz"    ? Part::Quiz
                : heading == "Sources" ? Part::Sources
                                       : Part::Body;
            lesson.sections.push_back(heading);
            if (part != Part::Body)
                continue;
        }
        for (std::string &target : linkTargets(line, "![", ""))
            lesson.images.push_back(std::move(target));
        for (std::string &target : linkTargets(line, "[", "lesson:"))
            lesson.lessonLinks.push_back(std::move(target));

        switch (part) {
        case Part::Body:
            body << line << '\n';
            break;
        case Part::TryIt: {
            const std::string trimmed = trim(line);
            const auto close = trimmed.find("](preset:");
            if (startsWith(trimmed, "[Try it: ") && close != std::string::npos && trimmed.back() == ')'
                && isIdentifier(trimmed.substr(close + 9, trimmed.size() - close - 10))) {
                lesson.tryIts.push_back(
                    {trimmed.substr(9, close - 9), trimmed.substr(close + 9, trimmed.size() - close - 10), {}, {}});
            } else if (startsWith(line, "Predict:") && !lesson.tryIts.empty()) {
                lesson.tryIts.back().predict = trim(line.substr(8));
            } else if (startsWith(line, "Look for:") && !lesson.tryIts.empty()) {
                lesson.tryIts.back().lookFor = trim(line.substr(9));
            } else if (!trim(line).empty()) {
                problem(i, "in 'Try it', expected '[Try it: TITLE](preset:ID)', 'Predict:' or 'Look for:'");
            }
            break;
        }
        case Part::Quiz: {
            if (startsWith(line, "### ")) {
                lesson.quiz.push_back({trim(line.substr(4)), {}});
            } else if ((startsWith(line, "- [x] ") || startsWith(line, "- [ ] ")) && !lesson.quiz.empty()) {
                lesson.quiz.back().answers.push_back({trim(line.substr(6)), line[3] == 'x', {}});
                if (i + 1 < lines.size() && startsWith(lines[i + 1], "  > ")) {
                    lesson.quiz.back().answers.back().feedback = trim(lines[i + 1].substr(4));
                    ++i;
                } else {
                    problem(i, "a quiz answer needs feedback on the next line ('  > ...')");
                }
            } else if (!trim(line).empty()) {
                problem(i, "in 'Quiz', expected '### question', '- [x] answer' or '- [ ] answer'");
            }
            break;
        }
        case Part::Sources:
            if (startsWith(line, "- "))
                lesson.sources.push_back(trim(line.substr(2)));
            break;
        }
    }
    lesson.markdown = body.str();

    if (lesson.tryIts.empty())
        problem(0, "a lesson needs at least one Try it");
    for (const TryIt &tryIt : lesson.tryIts) {
        if (tryIt.predict.empty() || tryIt.lookFor.empty())
            errors.push_back(fileName + ": Try it '" + tryIt.title + "' needs 'Predict:' and 'Look for:' lines");
    }
    for (const QuizQuestion &question : lesson.quiz) {
        const bool anyCorrect = std::any_of(
            question.answers.begin(), question.answers.end(), [](const QuizAnswer &a) { return a.correct; });
        if (question.answers.size() < 2 || !anyCorrect)
            errors.push_back(
                fileName + ": quiz question '" + question.text + "' needs two or more answers, one of them marked [x]");
    }
    if (lesson.sources.empty())
        problem(0, "a lesson needs a Sources section");
    return lesson;
}

LessonLibrary LessonLibrary::load(const std::string &directory)
{
    std::vector<std::string> names;
    if (DIR *dir = opendir(directory.c_str())) {
        while (const dirent *entry = readdir(dir)) {
            const std::string name = entry->d_name;
            if (name.size() > 3 && name.compare(name.size() - 3, 3, ".md") == 0)
                names.push_back(name);
        }
        closedir(dir);
    } else {
        LessonLibrary library;
        library.errors.push_back(directory + ": cannot be read");
        return library;
    }
    std::vector<LessonFile> files;
    for (const std::string &name : names) {
        std::ifstream in(directory + "/" + name, std::ios::binary);
        std::ostringstream text;
        text << in.rdbuf();
        files.push_back({directory + "/" + name, text.str()});
    }
    return fromFiles(std::move(files));
}

LessonLibrary LessonLibrary::fromFiles(std::vector<LessonFile> files)
{
    LessonLibrary library;
    std::sort(files.begin(), files.end(), [](const LessonFile &a, const LessonFile &b) { return a.path < b.path; });
    for (const LessonFile &file : files) {
        const std::string name = file.path.substr(file.path.find_last_of('/') + 1);
        Lesson lesson = parse(file.text, name, library.errors);
        lesson.path = file.path;
        if (!lesson.id.empty())
            library.lessons.push_back(std::move(lesson));
    }
    std::stable_sort(library.lessons.begin(), library.lessons.end(),
        [](const Lesson &a, const Lesson &b) { return a.order < b.order; });
    std::set<std::string> ids;
    std::set<int> orders;
    for (const Lesson &lesson : library.lessons) {
        if (!ids.insert(lesson.id).second)
            library.errors.push_back(lesson.path + ": id '" + lesson.id + "' is used by another lesson too");
        if (!orders.insert(lesson.order).second)
            library.errors.push_back(
                lesson.path + ": order " + std::to_string(lesson.order) + " is used by another lesson too");
    }
    return library;
}

} // namespace clab
