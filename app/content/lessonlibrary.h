#pragma once

#include <string>
#include <vector>

namespace clab {

// One "Try it" experiment of a lesson: a link to a preset, the prediction to make, what to watch.
struct TryIt
{
    std::string title;
    std::string presetId;
    std::string predict;
    std::string lookFor;
};

struct QuizAnswer
{
    std::string text;
    bool correct = false;
    std::string feedback;
};

struct QuizQuestion
{
    std::string text;
    std::vector<QuizAnswer> answers;
};

// A lesson file (lessons/NN-name.md): front matter (id, title, order), Markdown, and the parts the
// app makes interactive, parsed out of it. `markdown` is the body without front matter, Try-it and
// Quiz sections, ready for a Markdown renderer; the Try-its and the quiz are rendered as widgets.
struct Lesson
{
    std::string id;
    std::string title;
    int order = 0;
    std::string path;
    std::string markdown;
    std::vector<std::string> sections; // "## " headings, in order
    std::vector<TryIt> tryIts;
    std::vector<QuizQuestion> quiz;
    std::vector<std::string> sources;
    std::vector<std::string> images; // as written: "../resources/lessons/gil-handoff.svg"
    std::vector<std::string> lessonLinks; // ids from "(lesson:ID)" links
};

// A lesson file's path (or resource path) and its text.
struct LessonFile
{
    std::string path;
    std::string text;
};

// Every lesson of a folder, sorted by order. Problems name the file and line:
// "07-gil.md:42: a quiz answer needs feedback on the next line ('  > ...')". Any thread.
struct LessonLibrary
{
    std::vector<Lesson> lessons;
    std::vector<std::string> errors;

    const Lesson *find(const std::string &id) const;

    static Lesson parse(const std::string &text, const std::string &fileName, std::vector<std::string> &errors);
    static LessonLibrary load(const std::string &directory);
    // The same from texts already read (the GUI's embedded copies): sorted, parsed, checked.
    static LessonLibrary fromFiles(std::vector<LessonFile> files);
};

} // namespace clab
