#include "formats/protocol.h"

#include <bit>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace clab::wire {

namespace {

void putLittle(std::vector<unsigned char> &out, std::uint64_t value, std::size_t size)
{
    for (std::size_t i = 0; i < size; ++i)
        out.push_back(static_cast<unsigned char>(value >> (8 * i)));
}

std::uint64_t getLittle(const unsigned char *data, std::size_t size)
{
    std::uint64_t value = 0;
    for (std::size_t i = 0; i < size; ++i)
        value |= static_cast<std::uint64_t>(data[i]) << (8 * i);
    return value;
}

bool knownType(std::uint16_t type)
{
    return (type >= 1 && type <= 3) || (type >= 10 && type <= 17);
}

} // namespace

std::vector<unsigned char> encode(FrameType type, const std::vector<unsigned char> &payload)
{
    // The length field has 32 bits and the decoder refuses more than kMaxPayload: a frame the peer
    // would refuse (or whose length would wrap) is never written.
    static_assert(kMaxPayload <= std::numeric_limits<std::uint32_t>::max());
    if (payload.size() > kMaxPayload)
        throw std::length_error("protocol: a frame of type " + std::to_string(static_cast<int>(type)) + " with "
            + std::to_string(payload.size()) + " bytes of payload, at most " + std::to_string(kMaxPayload)
            + " allowed");
    std::vector<unsigned char> out;
    out.reserve(kHeaderSize + payload.size());
    putLittle(out, kMagic, 4);
    putLittle(out, kVersion, 2);
    putLittle(out, static_cast<std::uint16_t>(type), 2);
    putLittle(out, payload.size(), 4);
    out.insert(out.end(), payload.begin(), payload.end());
    return out;
}

void FrameDecoder::feed(const unsigned char *data, std::size_t size)
{
    if (!m_error.empty())
        return;
    m_buffer.insert(m_buffer.end(), data, data + size);
    // Check the header as soon as it is here, before buffering any of its payload.
    checkHeader();
}

bool FrameDecoder::checkHeader()
{
    if (!m_error.empty())
        return false;
    if (m_buffer.size() < kHeaderSize)
        return true;
    const unsigned char *h = m_buffer.data();
    if (getLittle(h, 4) != kMagic) {
        m_error = "garbled frame: bad magic number";
    } else if (getLittle(h + 4, 2) != kVersion) {
        m_error = "protocol version " + std::to_string(getLittle(h + 4, 2)) + ", expected " + std::to_string(kVersion);
    } else if (!knownType(static_cast<std::uint16_t>(getLittle(h + 6, 2)))) {
        m_error = "garbled frame: unknown type " + std::to_string(getLittle(h + 6, 2));
    } else if (getLittle(h + 8, 4) > kMaxPayload) {
        m_error = "oversized frame: " + std::to_string(getLittle(h + 8, 4)) + " bytes, at most "
            + std::to_string(kMaxPayload);
    }
    if (!m_error.empty()) {
        m_buffer.clear();
        m_buffer.shrink_to_fit();
        return false;
    }
    return true;
}

std::optional<Frame> FrameDecoder::next()
{
    if (!checkHeader() || m_buffer.size() < kHeaderSize)
        return std::nullopt;
    const std::size_t length = getLittle(m_buffer.data() + 8, 4);
    if (m_buffer.size() < kHeaderSize + length)
        return std::nullopt;
    Frame frame;
    frame.type = static_cast<FrameType>(getLittle(m_buffer.data() + 6, 2));
    const auto begin = m_buffer.begin() + static_cast<std::ptrdiff_t>(kHeaderSize);
    const auto end = begin + static_cast<std::ptrdiff_t>(length);
    frame.payload.assign(begin, end);
    m_buffer.erase(m_buffer.begin(), end);
    return frame;
}

PayloadWriter &PayloadWriter::bytes(const void *data, std::size_t size)
{
    const auto *p = static_cast<const unsigned char *>(data);
    m_data.insert(m_data.end(), p, p + size);
    return *this;
}

PayloadWriter &PayloadWriter::u16(std::uint16_t v)
{
    putLittle(m_data, v, 2);
    return *this;
}

PayloadWriter &PayloadWriter::u32(std::uint32_t v)
{
    putLittle(m_data, v, 4);
    return *this;
}

PayloadWriter &PayloadWriter::u64(std::uint64_t v)
{
    putLittle(m_data, v, 8);
    return *this;
}

PayloadWriter &PayloadWriter::f64(double v)
{
    return u64(std::bit_cast<std::uint64_t>(v));
}

PayloadWriter &PayloadWriter::text(std::string_view v)
{
    u32(static_cast<std::uint32_t>(v.size()));
    return bytes(v.data(), v.size());
}

std::uint64_t PayloadReader::little(std::size_t size)
{
    if (!m_ok || m_data.size() - m_pos < size) {
        m_ok = false;
        return 0;
    }
    const std::uint64_t value = getLittle(m_data.data() + m_pos, size);
    m_pos += size;
    return value;
}

std::uint8_t PayloadReader::u8()
{
    return static_cast<std::uint8_t>(little(1));
}

std::uint16_t PayloadReader::u16()
{
    return static_cast<std::uint16_t>(little(2));
}

std::uint32_t PayloadReader::u32()
{
    return static_cast<std::uint32_t>(little(4));
}

std::uint64_t PayloadReader::u64()
{
    return little(8);
}

double PayloadReader::f64()
{
    return std::bit_cast<double>(little(8));
}

std::string PayloadReader::text()
{
    const std::uint32_t size = u32();
    if (!m_ok || remaining() < size) {
        m_ok = false;
        return {};
    }
    std::string out(reinterpret_cast<const char *>(m_data.data() + m_pos), size);
    m_pos += size;
    return out;
}

std::vector<unsigned char> encodeStats(const WorkerStats &s)
{
    PayloadWriter w;
    w.u16(s.unit).i32(s.tid).i32(s.lastCore).i32(s.running).u64(s.tasks).f64(s.cpuSeconds);
    w.i64(s.gilHoldNs).i64(s.gilWaitNs).u64(s.gilTakes).u64(s.gilContendedTakes).u64(s.gilHolds);
    w.u64(s.dropRequestsSet).u64(s.gilSwitchesIn).u64(s.gilFailedAcquisitions).u8(s.finished ? 1 : 0);
    w.i64(s.onCpuNs).i64(s.cpuWaitNs).u64(s.timeslices);
    w.u8(s.hasOpen ? 1 : 0).u8(s.openState).i64(s.openSinceNs).i16(s.openCore);
    return w.take();
}

std::optional<WorkerStats> decodeStats(const std::vector<unsigned char> &payload)
{
    PayloadReader r(payload);
    WorkerStats s;
    s.unit = r.u16();
    s.tid = r.i32();
    s.lastCore = r.i32();
    s.running = r.i32();
    s.tasks = r.u64();
    s.cpuSeconds = r.f64();
    s.gilHoldNs = r.i64();
    s.gilWaitNs = r.i64();
    s.gilTakes = r.u64();
    s.gilContendedTakes = r.u64();
    s.gilHolds = r.u64();
    s.dropRequestsSet = r.u64();
    s.gilSwitchesIn = r.u64();
    s.gilFailedAcquisitions = r.u64();
    const std::uint8_t finished = r.u8();
    s.onCpuNs = r.i64();
    s.cpuWaitNs = r.i64();
    s.timeslices = r.u64();
    const std::uint8_t hasOpen = r.u8();
    s.openState = r.u8();
    s.openSinceNs = r.i64();
    s.openCore = r.i16();
    // A flag is 0 or 1, as encodeStats() writes it; any other byte is a garbled frame.
    if (!r.ok() || !r.atEnd() || finished > 1 || hasOpen > 1)
        return std::nullopt;
    s.finished = finished == 1;
    s.hasOpen = hasOpen == 1;
    return s;
}

} // namespace clab::wire
