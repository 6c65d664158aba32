#include "formats/protocol.h"
#include "measurement/timeline.h"

#include <QTest>

#include <cstring>
#include <stdexcept>

using namespace clab;
using namespace clab::wire;

class TestProtocol : public QObject
{
    Q_OBJECT

private slots:
    void framesSurviveAnySplit();
    void refusesBadHeaders_data();
    void refusesBadHeaders();
    void oversizedFrameIsNotBuffered();
    void oversizedPayloadIsNotEncoded();
    void shortPayloadIsNotOk();
    void statsRoundTrip();
    void statsFlagsAreZeroOrOne();
};

void TestProtocol::framesSurviveAnySplit()
{
    std::vector<unsigned char> stream;
    for (int i = 0; i < 50; ++i) {
        const auto frame = encode(FrameType::Done, PayloadWriter().i32(i).take());
        stream.insert(stream.end(), frame.begin(), frame.end());
    }
    const auto text = encode(FrameType::Error, PayloadWriter().text("no space left").take());
    stream.insert(stream.end(), text.begin(), text.end());

    // Fed one byte at a time, as a pipe may deliver it, then in one piece.
    for (const std::size_t step : {std::size_t{1}, std::size_t{7}, stream.size()}) {
        FrameDecoder decoder;
        std::vector<Frame> frames;
        for (std::size_t at = 0; at < stream.size(); at += step) {
            decoder.feed(stream.data() + at, std::min(step, stream.size() - at));
            while (auto frame = decoder.next())
                frames.push_back(*frame);
        }
        QVERIFY(decoder.error().empty());
        QCOMPARE(frames.size(), std::size_t(51));
        for (int i = 0; i < 50; ++i) {
            QCOMPARE(int(frames[std::size_t(i)].type), int(FrameType::Done));
            PayloadReader reader(frames[std::size_t(i)].payload);
            QCOMPARE(reader.i32(), i);
            QVERIFY(reader.ok() && reader.atEnd());
        }
        PayloadReader reader(frames.back().payload);
        QCOMPARE(reader.text(), std::string("no space left"));
        QCOMPARE(decoder.buffered(), std::size_t(0));
    }
}

void TestProtocol::refusesBadHeaders_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("error");
    auto header = [](const char *magic, unsigned char version, unsigned char type, unsigned char lengthHigh) {
        QByteArray out(magic, 4);
        out.append(char(version)).append('\0').append(char(type)).append('\0');
        out.append('\0').append('\0').append('\0').append(char(lengthHigh));
        return out;
    };
    const unsigned char ours = static_cast<unsigned char>(kVersion);
    QTest::newRow("bad magic") << header("PNG!", ours, 10, 0) << "bad magic";
    QTest::newRow("text") << QByteArray("hello, this is not a frame") << "bad magic";
    // A worker program from another build speaks another version: refused, named.
    QTest::newRow("older version") << header("CLAB", ours - 1, 10, 0)
                                   << QStringLiteral("protocol version %1").arg(ours - 1);
    QTest::newRow("newer version") << header("CLAB", ours + 1, 10, 0)
                                   << QStringLiteral("protocol version %1").arg(ours + 1);
    QTest::newRow("unknown type") << header("CLAB", ours, 99, 0) << "unknown type 99";
    QTest::newRow("16 MiB") << header("CLAB", ours, 13, 1) << "oversized frame";
}

void TestProtocol::refusesBadHeaders()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, error);
    FrameDecoder decoder;
    decoder.feed(reinterpret_cast<const unsigned char *>(bytes.constData()), std::size_t(bytes.size()));
    QVERIFY(!decoder.next());
    QVERIFY2(QString::fromStdString(decoder.error()).contains(error), decoder.error().c_str());
    // A refused stream stays refused: a good frame afterwards is not taken.
    const auto good = encode(FrameType::Claim, {});
    decoder.feed(good.data(), good.size());
    QVERIFY(!decoder.next());
}

void TestProtocol::oversizedFrameIsNotBuffered()
{
    // A header that announces 4 GiB, followed by a megabyte of payload: refused at the header,
    // before any of the payload is kept.
    std::vector<unsigned char> bytes = encode(FrameType::Intervals, {});
    std::memset(bytes.data() + 8, 0xFF, 4);
    FrameDecoder decoder;
    decoder.feed(bytes.data(), bytes.size());
    const std::vector<unsigned char> junk(1 << 20, 0xAB);
    decoder.feed(junk.data(), junk.size());
    QVERIFY(!decoder.next());
    QVERIFY(!decoder.error().empty());
    QCOMPARE(decoder.buffered(), std::size_t(0));

    // The largest allowed frame passes.
    const std::vector<unsigned char> payload(kMaxPayload, 0x5A);
    const auto largest = encode(FrameType::Latencies, payload);
    FrameDecoder ok;
    ok.feed(largest.data(), largest.size());
    const auto frame = ok.next();
    QVERIFY(frame.has_value());
    QCOMPARE(frame->payload.size(), kMaxPayload);
}

void TestProtocol::oversizedPayloadIsNotEncoded()
{
    // One byte over the decoder's maximum is refused, with a message naming the size and the
    // limit; nothing is truncated. (Over 4 GiB, where the 32-bit length would wrap, is refused by
    // the same check: kMaxPayload is far below it.)
    const std::vector<unsigned char> payload(kMaxPayload + 1, 0x5A);
    try {
        encode(FrameType::Latencies, payload);
        QFAIL("an oversized payload was encoded");
    } catch (const std::length_error &error) {
        const QString message = QString::fromUtf8(error.what());
        QVERIFY2(message.contains(QString::number(kMaxPayload + 1)), error.what());
        QVERIFY2(message.contains(QString::number(kMaxPayload)), error.what());
    }
}

void TestProtocol::shortPayloadIsNotOk()
{
    const std::vector<unsigned char> three{1, 2, 3};
    PayloadReader reader(three);
    QCOMPARE(reader.u16(), std::uint16_t(0x0201));
    QVERIFY(reader.ok());
    QCOMPARE(reader.u32(), std::uint32_t(0)); // only one byte left
    QVERIFY(!reader.ok());
    QCOMPARE(reader.u8(), std::uint8_t(0)); // stays failed

    const auto lying = PayloadWriter().u32(1000).take(); // a text that claims 1000 bytes
    PayloadReader text(lying);
    QVERIFY(text.text().empty());
    QVERIFY(!text.ok());
}

void TestProtocol::statsRoundTrip()
{
    WorkerStats stats;
    stats.unit = 3;
    stats.tid = 4242;
    stats.lastCore = 1;
    stats.running = 1;
    stats.tasks = 77;
    stats.cpuSeconds = 1.25;
    stats.gilHoldNs = 123456789;
    stats.gilWaitNs = 987654321;
    stats.gilTakes = 10;
    stats.gilContendedTakes = 4;
    stats.gilHolds = 9;
    stats.dropRequestsSet = 3;
    stats.gilSwitchesIn = 5;
    stats.gilFailedAcquisitions = 6;
    stats.finished = true;
    stats.onCpuNs = 2'000'000'123;
    stats.cpuWaitNs = 1'500'000'456;
    stats.timeslices = 812;
    stats.hasOpen = true;
    stats.openState = static_cast<std::uint8_t>(WorkerState::WaitingCpu);
    stats.openSinceNs = 9'876'543'210;
    stats.openCore = 1;
    const auto decoded = decodeStats(encodeStats(stats));
    QVERIFY(decoded.has_value());
    QCOMPARE(decoded->unit, stats.unit);
    QCOMPARE(decoded->tid, stats.tid);
    QCOMPARE(decoded->tasks, stats.tasks);
    QCOMPARE(decoded->cpuSeconds, stats.cpuSeconds);
    QCOMPARE(decoded->gilWaitNs, stats.gilWaitNs);
    QCOMPARE(decoded->gilSwitchesIn, stats.gilSwitchesIn);
    QCOMPARE(decoded->gilFailedAcquisitions, stats.gilFailedAcquisitions);
    QVERIFY(decoded->finished);
    // The kernel's schedstat, and the interval still open, for live process lanes.
    QCOMPARE(decoded->onCpuNs, stats.onCpuNs);
    QCOMPARE(decoded->cpuWaitNs, stats.cpuWaitNs);
    QCOMPARE(decoded->timeslices, stats.timeslices);
    QVERIFY(decoded->hasOpen);
    QCOMPARE(decoded->openState, stats.openState);
    QCOMPARE(decoded->openSinceNs, stats.openSinceNs);
    QCOMPARE(decoded->openCore, stats.openCore);

    auto truncated = encodeStats(stats);
    truncated.pop_back();
    QVERIFY(!decodeStats(truncated).has_value());
    auto longer = encodeStats(stats);
    longer.push_back(0);
    QVERIFY(!decodeStats(longer).has_value());
}

// Found by fuzz_frame_decoder (fuzz/corpus/fuzz_frame_decoder/stats-flag-2): a flag byte other than
// 0 or 1 read as true, so a garbled stats frame passed. Both flags now refuse it.
void TestProtocol::statsFlagsAreZeroOrOne()
{
    WorkerStats stats;
    stats.finished = true;
    stats.hasOpen = true;
    const std::vector<unsigned char> good = encodeStats(stats);
    // unit (2 bytes), tid, lastCore, running (4 each), ten 8-byte counters, then `finished`; three
    // 8-byte counters later, `hasOpen`.
    const std::size_t finishedAt = 2 + 3 * 4 + 10 * 8;
    const std::size_t hasOpenAt = finishedAt + 1 + 3 * 8;
    QCOMPARE(static_cast<int>(good[finishedAt]), 1);
    QCOMPARE(static_cast<int>(good[hasOpenAt]), 1);
    QVERIFY(decodeStats(good).has_value());
    for (const std::size_t at : {finishedAt, hasOpenAt}) {
        auto garbled = good;
        garbled[at] = 2;
        QVERIFY2(!decodeStats(garbled).has_value(), std::to_string(at).c_str());
    }
}

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
