#include "apptestsupport.h"
#include "charts/chartstyle.h"
#include "charts/statepatterns.h"
#include "charts/throughputchart.h"
#include "shell/themechooser.h"

#include <QApplication>
#include <QLineSeries>
#include <QSet>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QValueAxis>

#include <array>
#include <cmath>

using namespace clab;

Q_DECLARE_METATYPE(clab::Appearance)

namespace {

// Colour-vision simulation and colour difference, to check the state colours.
using Rgb = std::array<double, 3>; // linear sRGB, 0..1
using Lab = std::array<double, 3>; // CIE L*a*b*, D65
using Matrix = std::array<Rgb, 3>;

// Machado, Oliveira & Fernandes (2009), "A Physiologically-based Model for Simulation of Color
// Vision Deficiency", IEEE TVCG 15(6): the severity 1.0 matrices, applied to linear RGB.
constexpr Matrix kNormal{{{1.0, 0.0, 0.0}, {0.0, 1.0, 0.0}, {0.0, 0.0, 1.0}}};
constexpr Matrix kDeuteranopia{
    {{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}}};
constexpr Matrix kProtanopia{
    {{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}}};

double toLinear(double c)
{
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

Lab toLab(const Rgb &rgb)
{
    // sRGB (IEC 61966-2-1) to XYZ, then CIE L*a*b* with the D65 white.
    const double x = 0.4124564 * rgb[0] + 0.3575761 * rgb[1] + 0.1804375 * rgb[2];
    const double y = 0.2126729 * rgb[0] + 0.7151522 * rgb[1] + 0.0721750 * rgb[2];
    const double z = 0.0193339 * rgb[0] + 0.1191920 * rgb[1] + 0.9503041 * rgb[2];
    const auto f = [](double t) { return t > 216.0 / 24389.0 ? std::cbrt(t) : (24389.0 / 27.0 * t + 16.0) / 116.0; };
    const double fx = f(x / 0.95047), fy = f(y), fz = f(z / 1.08883);
    return {116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)};
}

Lab simulated(const QColor &colour, const Matrix &m)
{
    const Rgb in{toLinear(colour.redF()), toLinear(colour.greenF()), toLinear(colour.blueF())};
    Rgb out{};
    for (std::size_t i = 0; i < 3; ++i)
        out[i] = std::clamp(m[i][0] * in[0] + m[i][1] * in[1] + m[i][2] * in[2], 0.0, 1.0);
    return toLab(out);
}

// CIEDE2000 (CIE 142-2001), as written out by Sharma, Wu & Dalal (2005), "The CIEDE2000
// Color-Difference Formula: Implementation Notes".
double deltaE2000(const Lab &p, const Lab &q)
{
    constexpr double pi = 3.14159265358979323846;
    const auto rad = [&](double deg) { return deg * pi / 180.0; };
    const auto deg = [&](double r) { return r * 180.0 / pi; };
    const double c1 = std::hypot(p[1], p[2]), c2 = std::hypot(q[1], q[2]);
    const double cMean7 = std::pow((c1 + c2) / 2.0, 7.0);
    const double g = 0.5 * (1.0 - std::sqrt(cMean7 / (cMean7 + std::pow(25.0, 7.0))));
    const double a1 = (1.0 + g) * p[1], a2 = (1.0 + g) * q[1];
    const double cp1 = std::hypot(a1, p[2]), cp2 = std::hypot(a2, q[2]);
    const auto hue = [&](double b, double a) {
        const double h = deg(std::atan2(b, a));
        return (b == 0.0 && a == 0.0) ? 0.0 : (h < 0.0 ? h + 360.0 : h);
    };
    const double h1 = hue(p[2], a1), h2 = hue(q[2], a2);
    double dh = 0.0;
    if (cp1 * cp2 != 0.0) {
        dh = h2 - h1;
        if (dh > 180.0)
            dh -= 360.0;
        else if (dh < -180.0)
            dh += 360.0;
    }
    const double dL = q[0] - p[0], dC = cp2 - cp1;
    const double dH = 2.0 * std::sqrt(cp1 * cp2) * std::sin(rad(dh / 2.0));
    const double lMean = (p[0] + q[0]) / 2.0, cpMean = (cp1 + cp2) / 2.0;
    double hMean = h1 + h2;
    if (cp1 * cp2 != 0.0) {
        if (std::abs(h1 - h2) <= 180.0)
            hMean = (h1 + h2) / 2.0;
        else
            hMean = h1 + h2 < 360.0 ? (h1 + h2 + 360.0) / 2.0 : (h1 + h2 - 360.0) / 2.0;
    }
    const double t = 1.0 - 0.17 * std::cos(rad(hMean - 30.0)) + 0.24 * std::cos(rad(2.0 * hMean))
        + 0.32 * std::cos(rad(3.0 * hMean + 6.0)) - 0.20 * std::cos(rad(4.0 * hMean - 63.0));
    const double dTheta = 30.0 * std::exp(-std::pow((hMean - 275.0) / 25.0, 2.0));
    const double cpMean7 = std::pow(cpMean, 7.0);
    const double rc = 2.0 * std::sqrt(cpMean7 / (cpMean7 + std::pow(25.0, 7.0)));
    const double sl = 1.0 + 0.015 * std::pow(lMean - 50.0, 2.0) / std::sqrt(20.0 + std::pow(lMean - 50.0, 2.0));
    const double sc = 1.0 + 0.045 * cpMean, sh = 1.0 + 0.015 * cpMean * t;
    const double rt = -std::sin(rad(2.0 * dTheta)) * rc;
    return std::sqrt(
        std::pow(dL / sl, 2.0) + std::pow(dC / sc, 2.0) + std::pow(dH / sh, 2.0) + rt * (dC / sc) * (dH / sh));
}

// The least CIEDE2000 difference every pair of state colours keeps, and the least a pair with the
// same pattern (running and idle, both plain) keeps: there colour is the only signal.
constexpr double kMinDeltaE = 12.0;
constexpr double kMinDeltaESamePattern = 20.0;

const std::array<std::pair<const char *, Appearance>, 3> kThemes{
    {{"light", Appearance{}}, {"dark", Appearance{.dark = true, .presentation = false}},
        {"high contrast", Appearance{.dark = false, .presentation = false, .highContrast = true}}}};

std::vector<WorkerState> allStates()
{
    std::vector<WorkerState> states;
    for (int s = 0; s <= static_cast<int>(kLastWorkerState); ++s)
        states.push_back(static_cast<WorkerState>(s));
    return states;
}

QPalette paletteOf(const QColor &window, const QColor &text)
{
    QPalette palette;
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, window);
    palette.setColor(QPalette::Text, text);
    return palette;
}

} // namespace

// Axes read well at any scale, and a run too short for a line still shows its readings.
class TestChartStyle : public QObject
{
    Q_OBJECT

private slots:
    void tickLabelsDiffer_data();
    void tickLabelsDiffer();
    void fewPointsShowAsDots();
    void firstHoldersStandApartFromStates();
    void deltaE2000MatchesPublishedValues();
    void everyStateHasItsOwnColourAndPattern();
    void stateColoursStayApartWithColourBlindness_data();
    void stateColoursStayApartWithColourBlindness();
    void seriesDiffer();
    void themeChoicePersists();
    void followsTheSystemPalette();

private:
    QTemporaryDir m_settings;
};

void TestChartStyle::tickLabelsDiffer_data()
{
    QTest::addColumn<double>("value");
    for (const double value : {0.021, 0.3, 2.4, 17.0, 0.0042, 1200.0})
        QTest::newRow(qPrintable(QString::number(value))) << value;
}

void TestChartStyle::tickLabelsDiffer()
{
    QFETCH(double, value);
    QValueAxis axis;
    const double max = setNiceRange(&axis, value, 5);
    QVERIFY(max >= value);
    QSet<QString> labels;
    int ticks = 0;
    for (double tick = 0.0; tick <= max + axis.tickInterval() / 2; tick += axis.tickInterval()) {
        // The axis prints with "%.Nf": N decimals.
        const QString format = axis.labelFormat();
        QVERIFY2(format.startsWith(QStringLiteral("%.")) && format.endsWith(QLatin1Char('f')), qPrintable(format));
        const int decimals = format.mid(2, format.size() - 3).toInt();
        labels.insert(QString::number(tick, 'f', decimals));
        ++ticks;
    }
    QVERIFY(ticks >= 2);
    QCOMPARE(labels.size(), ticks);
}

void TestChartStyle::fewPointsShowAsDots()
{
    ThroughputChart chart;
    Sample sample;
    sample.tSeconds = 0.02;
    sample.throughputTps = 190.0;
    chart.appendSamples({sample});
    QVERIFY(chart.series()->pointsVisible());
    std::vector<Sample> more;
    for (int i = 1; i <= 5; ++i) {
        sample.tSeconds = 0.02 + 0.1 * i;
        more.push_back(sample);
    }
    chart.appendSamples(more);
    QVERIFY(!chart.series()->pointsVisible());
}

// The GIL lane colours its first holders; they must not be mistaken for a state of a worker lane
// ("waiting for a core" is yellow, so no early holder may be).
void TestChartStyle::firstHoldersStandApartFromStates()
{
    for (int unit = 0; unit < 3; ++unit) {
        for (int state = 0; state <= static_cast<int>(clab::kLastWorkerState); ++state) {
            const QColor a = clab::unitColor(unit);
            const QColor b = clab::stateColor(static_cast<clab::WorkerState>(state));
            const double distance = std::hypot(a.red() - b.red(), a.green() - b.green(), a.blue() - b.blue());
            QVERIFY2(distance > 60.0,
                qPrintable(QStringLiteral("unit %1 against state %2: %3").arg(unit).arg(state).arg(distance)));
        }
    }
}

// The difference the next test relies on, against pairs of Sharma, Wu & Dalal's (2005) test data.
void TestChartStyle::deltaE2000MatchesPublishedValues()
{
    QCOMPARE(std::round(deltaE2000({50.0, 2.6772, -79.7751}, {50.0, 0.0, -82.7485}) * 1e4) / 1e4, 2.0425);
    QCOMPARE(std::round(deltaE2000({50.0, 2.5, 0.0}, {73.0, 25.0, -18.0}) * 1e4) / 1e4, 27.1492);
    QCOMPARE(std::round(deltaE2000({2.0776, 0.0795, -1.1350}, {0.9033, -0.0636, -0.5514}) * 1e4) / 1e4, 0.9082);
    // And the simulation does what it is for: deuteranopia brings a red and a green together.
    const QColor red(0xD0, 0x30, 0x30), green(0x6A, 0x8A, 0x00);
    QVERIFY(deltaE2000(simulated(red, kNormal), simulated(green, kNormal)) > 40.0);
    QVERIFY(deltaE2000(simulated(red, kDeuteranopia), simulated(green, kDeuteranopia)) < 15.0);
}

// Colour is never the only signal: no two states share both colour and pattern, in any theme.
void TestChartStyle::everyStateHasItsOwnColourAndPattern()
{
    for (const auto &[name, appearance] : kThemes) {
        QSet<QPair<QRgb, int>> seen;
        QSet<QRgb> colours;
        for (const WorkerState state : allStates()) {
            const QRgb colour = stateColor(state, appearance).rgb();
            seen.insert({colour, static_cast<int>(statePattern(state))});
            colours.insert(colour);
        }
        QVERIFY2(seen.size() == static_cast<qsizetype>(allStates().size()), name);
        QVERIFY2(colours.size() == static_cast<qsizetype>(allStates().size()), name);
    }
    // A pattern of its own for every state but one: only running and idle share one, plain.
    QSet<int> patterns;
    for (const WorkerState state : allStates())
        patterns.insert(static_cast<int>(statePattern(state)));
    QCOMPARE(patterns.size(), static_cast<qsizetype>(allStates().size()) - 1);
    QCOMPARE(statePattern(WorkerState::Running), StatePattern::Plain);
    QCOMPARE(statePattern(WorkerState::Idle), StatePattern::Plain);
}

void TestChartStyle::stateColoursStayApartWithColourBlindness_data()
{
    QTest::addColumn<Appearance>("appearance");
    QTest::addColumn<int>("vision");
    const char *visions[] = {"normal", "deuteranopia", "protanopia"};
    for (const auto &[name, appearance] : kThemes) {
        for (int vision = 0; vision < 3; ++vision)
            QTest::newRow(qPrintable(QStringLiteral("%1, %2").arg(QLatin1String(name), QLatin1String(visions[vision]))))
                << appearance << vision;
    }
}

// Every pair of state colours stays at least kMinDeltaE apart (CIEDE2000) as seen with normal
// vision, deuteranopia and protanopia, in every theme; a pair that shares its pattern, further.
void TestChartStyle::stateColoursStayApartWithColourBlindness()
{
    QFETCH(Appearance, appearance);
    QFETCH(int, vision);
    const Matrix &m = vision == 0 ? kNormal : vision == 1 ? kDeuteranopia : kProtanopia;
    const std::vector<WorkerState> states = allStates();
    double least = 1e9;
    for (std::size_t i = 0; i < states.size(); ++i) {
        for (std::size_t j = i + 1; j < states.size(); ++j) {
            const double d = deltaE2000(
                simulated(stateColor(states[i], appearance), m), simulated(stateColor(states[j], appearance), m));
            const bool samePattern = statePattern(states[i]) == statePattern(states[j]);
            const double needed = samePattern ? kMinDeltaESamePattern : kMinDeltaE;
            QVERIFY2(d >= needed,
                qPrintable(QStringLiteral("%1 and %2: %3 < %4")
                               .arg(stateName(states[i]), stateName(states[j]))
                               .arg(d, 0, 'f', 1)
                               .arg(needed)));
            least = std::min(least, d);
        }
    }
    qInfo("least difference: %.1f", least);
}

// Lines differ by style as well as colour: the first six dashes and markers are all different.
void TestChartStyle::seriesDiffer()
{
    QSet<QString> dashes;
    QSet<QByteArray> markers;
    for (int i = 0; i < 6; ++i) {
        QStringList parts;
        for (const qreal part : seriesDash(i))
            parts << QString::number(part);
        dashes.insert(parts.join(QLatin1Char(',')));
        const QImage marker = seriesMarker(i, Qt::black, 12);
        markers.insert(QByteArray(reinterpret_cast<const char *>(marker.constBits()), marker.sizeInBytes()));
    }
    QCOMPARE(dashes.size(), 6);
    QCOMPARE(markers.size(), 6);
    QPen pen;
    setSeriesDash(pen, 1);
    QCOMPARE(pen.style(), Qt::CustomDashLine);
    setSeriesDash(pen, 0);
    QCOMPARE(pen.style(), Qt::SolidLine);
}

void TestChartStyle::themeChoicePersists()
{
    test::isolateSettings(m_settings);
    {
        QSettings settings;
        settings.clear();
        ThemeChooser chooser;
        chooser.load(settings);
        QCOMPARE(chooser.choice(), ThemeChoice::System); // the default
        chooser.setChoice(ThemeChoice::HighContrast);
        chooser.save(settings);
    }
    {
        QSettings settings;
        ThemeChooser chooser;
        chooser.load(settings);
        QCOMPARE(chooser.choice(), ThemeChoice::HighContrast);
        const Appearance look = chooser.resolve({.dark = true, .presentation = true});
        QVERIFY(look.highContrast);
        QVERIFY(!look.dark);
        QVERIFY(look.presentation);
        const Appearance presentation{.dark = false, .presentation = true};
        QVERIFY(look.lineWidth() > presentation.lineWidth());
    }
    {
        // A setting from before the choice: appearance/dark alone.
        QSettings settings;
        settings.clear();
        settings.setValue(QStringLiteral("appearance/dark"), true);
        ThemeChooser chooser;
        chooser.load(settings);
        QCOMPARE(chooser.choice(), ThemeChoice::Dark);
    }
    for (const ThemeChoice choice :
        {ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark, ThemeChoice::HighContrast})
        QCOMPARE(themeChoiceFromKey(themeChoiceKey(choice)), std::optional<ThemeChoice>(choice));
    QVERIFY(!themeChoiceFromKey(QStringLiteral("blue")));
}

// "Follow the system" goes dark when the application's palette turns dark from outside the app,
// and light again; the app's own palette (applyAppearance) is not taken for the system's, and a
// manual choice wins.
void TestChartStyle::followsTheSystemPalette()
{
    const QPalette original = QApplication::palette();
    ThemeChooser chooser;
    QSignalSpy changed(&chooser, &ThemeChooser::changed);
    QApplication::setPalette(paletteOf(QColor(250, 250, 250), Qt::black));
    QVERIFY(!chooser.resolve({}).dark);
    const int before = static_cast<int>(changed.count());

    QApplication::setPalette(paletteOf(QColor(32, 33, 36), Qt::white));
    QVERIFY(chooser.systemDark());
    QVERIFY(chooser.resolve({}).dark);
    QCOMPARE(changed.count(), before + 1);

    // The app applying its own light look is not the system turning light.
    applyAppearance({});
    QVERIFY(chooser.systemDark());
    QCOMPARE(changed.count(), before + 1);

    chooser.setChoice(ThemeChoice::Light); // the manual choice wins
    QVERIFY(!chooser.resolve({}).dark);
    QCOMPARE(changed.count(), before + 2);
    QApplication::setPalette(paletteOf(QColor(250, 250, 250), Qt::black));
    QVERIFY(!chooser.systemDark());
    QCOMPARE(changed.count(), before + 2); // the system changed, the choice did not

    chooser.setChoice(ThemeChoice::System);
    QVERIFY(!chooser.resolve({}).dark);
    QApplication::setPalette(original);
}

QTEST_MAIN(TestChartStyle)
#include "tst_chartstyle.moc"
