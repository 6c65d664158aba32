#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The wire protocol between the engine and its worker processes (clab-worker), over two pipes.
//
// Every message is one frame: a 12-byte header (magic "CLAB", protocol version, frame type,
// payload length, all little-endian) and a payload of at most kMaxPayload bytes. The reader checks
// each header before it buffers the payload, so a garbled or oversized frame is refused at once
// and memory stays bounded whatever the peer sends.
namespace clab::wire {

inline constexpr std::uint32_t kMagic = 0x42414C43; // "CLAB" in little-endian byte order
inline constexpr std::uint16_t kVersion = 2; // 2: stats carry schedstat and the open interval
inline constexpr std::size_t kHeaderSize = 12;
inline constexpr std::size_t kMaxPayload = 64 * 1024;

enum class FrameType : std::uint16_t
{
    // engine -> worker
    Config = 1, // text: the run's settings as "key=value" lines; u32 worker index; u32 echo port
    Task = 2, // int32 task index, -1 when every task has been handed out
    Stop = 3, // stop now: the run was stopped

    // worker -> engine
    Hello = 10, // int32 pid; the worker is ready
    Claim = 11, // asks for a task
    Done = 12, // int32 task: that task is complete
    Intervals = 13, // u16 unit, then intervals {i64 start, i64 end, u8 state, i16 core}
    Stats = 14, // u16 unit and its counters (see WorkerStats)
    Latencies = 15, // u16 unit, then f64 latencies in ms
    Finished = 16, // u64 shared-workload updates, race counter, race lock acquisitions, waits, wait ns; the worker is
                   // about to exit
    Error = 17, // a message: the worker could not run
};

struct Frame
{
    FrameType type = FrameType::Hello;
    std::vector<unsigned char> payload;
};

// One frame as bytes, ready to write to a pipe.
// Throws std::length_error for a payload over kMaxPayload bytes, which the decoder would refuse.
std::vector<unsigned char> encode(FrameType type, const std::vector<unsigned char> &payload);

// Turns a byte stream into frames. feed() appends what a read returned; next() yields each whole
// frame in order. After a bad header, error() says why and the decoder refuses everything else.
class FrameDecoder
{
public:
    void feed(const unsigned char *data, std::size_t size);
    std::optional<Frame> next();
    const std::string &error() const { return m_error; }
    // Bytes held for a frame not yet complete; never more than one frame.
    std::size_t buffered() const { return m_buffer.size(); }

private:
    bool checkHeader();

    std::vector<unsigned char> m_buffer;
    std::string m_error;
};

// Little-endian payload building and parsing. The reader never reads past the end: a short
// payload turns ok() false and every later read yields zero.
class PayloadWriter
{
public:
    PayloadWriter &u8(std::uint8_t v) { return bytes(&v, 1); }
    PayloadWriter &u16(std::uint16_t v);
    PayloadWriter &i16(std::int16_t v) { return u16(static_cast<std::uint16_t>(v)); }
    PayloadWriter &u32(std::uint32_t v);
    PayloadWriter &i32(std::int32_t v) { return u32(static_cast<std::uint32_t>(v)); }
    PayloadWriter &u64(std::uint64_t v);
    PayloadWriter &i64(std::int64_t v) { return u64(static_cast<std::uint64_t>(v)); }
    PayloadWriter &f64(double v);
    PayloadWriter &text(std::string_view v);
    std::size_t size() const { return m_data.size(); }
    std::vector<unsigned char> take() { return std::move(m_data); }

private:
    PayloadWriter &bytes(const void *data, std::size_t size);
    std::vector<unsigned char> m_data;
};

class PayloadReader
{
public:
    explicit PayloadReader(const std::vector<unsigned char> &data)
        : m_data(data)
    {}
    std::uint8_t u8();
    std::uint16_t u16();
    std::int16_t i16() { return static_cast<std::int16_t>(u16()); }
    std::uint32_t u32();
    std::int32_t i32() { return static_cast<std::int32_t>(u32()); }
    std::uint64_t u64();
    std::int64_t i64() { return static_cast<std::int64_t>(u64()); }
    double f64();
    std::string text();
    bool ok() const { return m_ok; }
    bool atEnd() const { return m_pos == m_data.size(); }
    std::size_t remaining() const { return m_data.size() - m_pos; }

private:
    std::uint64_t little(std::size_t size);
    const std::vector<unsigned char> &m_data;
    std::size_t m_pos = 0;
    bool m_ok = true;
};

// The counters a worker process reports for one of its units.
struct WorkerStats
{
    std::uint16_t unit = 0;
    std::int32_t tid = 0;
    std::int32_t lastCore = -1;
    std::int32_t running = 0; // units of this worker running bytecode now
    std::uint64_t tasks = 0;
    double cpuSeconds = 0.0;
    std::int64_t gilHoldNs = 0;
    std::int64_t gilWaitNs = 0;
    std::uint64_t gilTakes = 0;
    std::uint64_t gilContendedTakes = 0;
    std::uint64_t gilHolds = 0;
    std::uint64_t dropRequestsSet = 0;
    std::uint64_t gilSwitchesIn = 0;
    std::uint64_t gilFailedAcquisitions = 0;
    bool finished = false;
    // The unit thread's schedstat (time on a CPU, waiting for one, turns), so far.
    std::int64_t onCpuNs = 0;
    std::int64_t cpuWaitNs = 0;
    std::uint64_t timeslices = 0;
    // The interval the unit is in now, not yet closed, so that its lane draws live.
    bool hasOpen = false;
    std::uint8_t openState = 0;
    std::int64_t openSinceNs = 0;
    std::int16_t openCore = -1;
};

std::vector<unsigned char> encodeStats(const WorkerStats &stats);
// Nothing for a payload of the wrong length or with a flag other than 0 or 1.
std::optional<WorkerStats> decodeStats(const std::vector<unsigned char> &payload);

} // namespace clab::wire
