// Worker protocol frames (formats/protocol.h) from a peer that sends anything. The first byte picks
// how the rest is split into reads, as a pipe would split it; the rest is the byte stream.
// Checked: the decoder never holds more than one frame, yields the same frames however the stream
// is split, refuses everything after an error, and every payload reads as the engine and the
// worker read it (engine/execution/processexecutor.cpp, engine/worker/workerprocess.cpp) without
// reading past its end.
#include "fuzzcheck.h"

#include "formats/protocol.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

using namespace clab::wire;

namespace {

struct Decoded
{
    std::vector<Frame> frames;
    std::string error;
};

// Feeds the stream in reads of the sizes `seed` picks (1 to 64 bytes, or all at once for 0).
Decoded decode(const unsigned char *data, std::size_t size, unsigned seed)
{
    Decoded out;
    FrameDecoder decoder;
    std::size_t at = 0;
    unsigned state = seed;
    while (at < size) {
        std::size_t chunk = size - at;
        if (seed != 0) {
            state = state * 1103515245u + 12345u;
            chunk = std::min<std::size_t>(chunk, 1 + (state >> 16) % 64);
        }
        decoder.feed(data + at, chunk);
        at += chunk;
        CLAB_FUZZ_CHECK(decoder.buffered() <= kHeaderSize + kMaxPayload);
        while (auto frame = decoder.next()) {
            CLAB_FUZZ_CHECK(frame->payload.size() <= kMaxPayload);
            out.frames.push_back(std::move(*frame));
        }
    }
    out.error = decoder.error();
    if (!out.error.empty()) {
        CLAB_FUZZ_CHECK(decoder.buffered() == 0);
        CLAB_FUZZ_CHECK(!decoder.next());
    }
    return out;
}

// Reads a payload the way its receiver does; a short or long payload must turn ok() false or
// leave bytes over, never read past the end.
void readPayload(const Frame &frame)
{
    PayloadReader reader(frame.payload);
    switch (frame.type) {
    case FrameType::Config: {
        const std::string settings = reader.text();
        reader.u32();
        reader.u32();
        CLAB_FUZZ_CHECK(settings.size() <= frame.payload.size());
        break;
    }
    case FrameType::Task:
    case FrameType::Hello:
    case FrameType::Done:
        reader.i32();
        break;
    case FrameType::Intervals:
        reader.u16();
        while (reader.ok() && !reader.atEnd()) {
            reader.i64();
            reader.i64();
            reader.u8();
            reader.i16();
        }
        break;
    case FrameType::Stats:
        // Stats decode only from the bytes encodeStats() writes for them.
        if (const auto stats = decodeStats(frame.payload))
            CLAB_FUZZ_CHECK(encodeStats(*stats) == frame.payload);
        break;
    case FrameType::Latencies:
        reader.u16();
        while (reader.ok() && !reader.atEnd())
            reader.f64();
        break;
    case FrameType::Finished:
        reader.u64();
        break;
    case FrameType::Error:
        reader.text();
        break;
    case FrameType::Claim:
    case FrameType::Stop:
        break;
    }
    CLAB_FUZZ_CHECK(reader.remaining() <= frame.payload.size());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const unsigned seed = data[0];
    const Decoded whole = decode(data + 1, size - 1, 0);
    const Decoded split = decode(data + 1, size - 1, seed);
    CLAB_FUZZ_CHECK(whole.error == split.error);
    CLAB_FUZZ_CHECK(whole.frames.size() == split.frames.size());
    for (std::size_t i = 0; i < whole.frames.size(); ++i) {
        CLAB_FUZZ_CHECK(whole.frames[i].type == split.frames[i].type);
        CLAB_FUZZ_CHECK(whole.frames[i].payload == split.frames[i].payload);
        // Every frame the decoder yields is one the encoder can write.
        CLAB_FUZZ_CHECK(encode(whole.frames[i].type, whole.frames[i].payload).size()
            == kHeaderSize + whole.frames[i].payload.size());
        readPayload(whole.frames[i]);
    }
    return 0;
}
