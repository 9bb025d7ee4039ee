//! The little of SPDY/3.1 that kubectl's port-forward speaks (the framing
//! `github.com/moby/spdystream` reads and writes): control frames
//! (SYN_STREAM, SYN_REPLY, RST_STREAM, SETTINGS, PING, GOAWAY, HEADERS,
//! WINDOW_UPDATE) and data frames, with header blocks compressed by one
//! zlib stream per direction that starts from SPDY/3's dictionary.

use flate2::{Compress, Compression, FlushCompress};
use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

/// SPDY/3's header compression dictionary (draft-mbelshe-httpbis-spdy-00, 2.6.10.1).
const DICTIONARY: &[u8] = include_bytes!("../../data/spdy3-dictionary.bin");
/// Frames larger than this end the connection (kubectl writes 32 KiB at most).
pub const MAX_FRAME: usize = 1 << 20;
/// How much decompressed header history one connection may keep.
const MAX_HISTORY: usize = 4 << 20;

pub const SYN_STREAM: u16 = 1;
pub const SYN_REPLY: u16 = 2;
pub const RST_STREAM: u16 = 3;
pub const PING: u16 = 6;
pub const GOAWAY: u16 = 7;
pub const FLAG_FIN: u8 = 1;

/// One frame as read.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    Control {
        kind: u16,
        flags: u8,
        data: Vec<u8>,
    },
    Data {
        stream: u32,
        flags: u8,
        data: Vec<u8>,
    },
}

/// Takes one whole frame off the front of `buf`; Ok(None) when more bytes
/// are needed, Err when the frame is too large to accept.
pub fn take_frame(buf: &mut Vec<u8>) -> Result<Option<Frame>, ()> {
    if buf.len() < 8 {
        return Ok(None);
    }
    let len = u32::from_be_bytes([0, buf[5], buf[6], buf[7]]) as usize;
    if len > MAX_FRAME {
        return Err(());
    }
    if buf.len() < 8 + len {
        return Ok(None);
    }
    let head: Vec<u8> = buf.drain(..8).collect();
    let data: Vec<u8> = buf.drain(..len).collect();
    let flags = head[4];
    let frame = if head[0] & 0x80 != 0 {
        Frame::Control {
            kind: u16::from_be_bytes([head[2], head[3]]),
            flags,
            data,
        }
    } else {
        Frame::Data {
            stream: u32::from_be_bytes([head[0] & 0x7f, head[1], head[2], head[3]]),
            flags,
            data,
        }
    };
    Ok(Some(frame))
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4)
        .map(|s| u32::from_be_bytes([s[0], s[1], s[2], s[3]]))
}

/// A stream id from the start of a control frame's data.
pub fn stream_id(data: &[u8]) -> Option<u32> {
    be32(data, 0).map(|v| v & 0x7fff_ffff)
}

pub fn control(kind: u16, flags: u8, data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x80, 3];
    out.extend_from_slice(&kind.to_be_bytes());
    out.push(flags);
    out.extend_from_slice(&(data.len() as u32).to_be_bytes()[1..]);
    out.extend_from_slice(data);
    out
}

pub fn data(stream: u32, flags: u8, payload: &[u8]) -> Vec<u8> {
    let mut out = (stream & 0x7fff_ffff).to_be_bytes().to_vec();
    out.push(flags);
    out.extend_from_slice(&(payload.len() as u32).to_be_bytes()[1..]);
    out.extend_from_slice(payload);
    out
}

/// Header blocks: the client's inflated, the server's deflated, each one
/// zlib stream for the whole connection.
pub struct Headers {
    inflater: Box<DecompressorOxide>,
    /// The dictionary and everything inflated so far (back-references reach into it).
    history: Vec<u8>,
    /// The zlib header (2 bytes, and 4 more with a dictionary id) still to skip.
    header_left: Option<usize>,
    deflater: Compress,
}

impl Default for Headers {
    fn default() -> Self {
        Headers {
            inflater: Box::default(),
            history: DICTIONARY.to_vec(),
            header_left: None,
            deflater: Compress::new(Compression::default(), true),
        }
    }
}

impl Headers {
    /// Inflates one header block and parses its name/value pairs.
    pub fn read(&mut self, block: &[u8]) -> Option<Vec<(String, String)>> {
        let mut input = block;
        if self.header_left.is_none() {
            let flg = *input.get(1)?;
            self.header_left = Some(if flg & 0x20 != 0 { 6 } else { 2 });
        }
        let skip = self.header_left.unwrap_or(0).min(input.len());
        input = &input[skip..];
        self.header_left = self.header_left.map(|n| n - skip);
        let start = self.history.len();
        let flags = inflate_flags::TINFL_FLAG_HAS_MORE_INPUT
            | inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
        loop {
            let pos = self.history.len();
            if pos > MAX_HISTORY {
                return None;
            }
            self.history.resize(pos + 16 * 1024, 0);
            let (status, used, written) =
                decompress(&mut self.inflater, input, &mut self.history, pos, flags);
            self.history.truncate(pos + written);
            input = &input[used..];
            match status {
                TINFLStatus::HasMoreOutput => continue,
                TINFLStatus::NeedsMoreInput | TINFLStatus::Done if input.is_empty() => break,
                _ => return None,
            }
        }
        parse_block(&self.history[start..])
    }

    /// Deflates a header block (a sync flush ends it on a byte boundary).
    pub fn write(&mut self, pairs: &[(&str, &str)]) -> Vec<u8> {
        let mut raw = (pairs.len() as u32).to_be_bytes().to_vec();
        for (k, v) in pairs {
            for s in [k, v] {
                raw.extend_from_slice(&(s.len() as u32).to_be_bytes());
                raw.extend_from_slice(s.as_bytes());
            }
        }
        let mut out = Vec::with_capacity(raw.len() + 128);
        let mut input: &[u8] = &raw;
        loop {
            let before = self.deflater.total_in();
            if self
                .deflater
                .compress_vec(input, &mut out, FlushCompress::Sync)
                .is_err()
            {
                break;
            }
            let used = (self.deflater.total_in() - before) as usize;
            input = &input[used..];
            if input.is_empty() && out.len() < out.capacity() {
                break;
            }
            out.reserve(256);
        }
        out
    }
}

/// `numPairs (4) {len (4) name len (4) value}*`.
fn parse_block(b: &[u8]) -> Option<Vec<(String, String)>> {
    let n = be32(b, 0)? as usize;
    let mut at = 4;
    let mut out = vec![];
    for _ in 0..n.min(1024) {
        let mut pair = vec![];
        for _ in 0..2 {
            let len = be32(b, at)? as usize;
            at += 4;
            let s = b.get(at..at.checked_add(len)?)?;
            pair.push(String::from_utf8_lossy(s).into_owned());
            at += len;
        }
        let v = pair.pop()?;
        out.push((pair.pop()?, v));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_blocks_round_trip_through_one_stream() {
        // The server's deflater speaks zlib without a dictionary id; the
        // inflater accepts that as well as kubectl's dictionary streams.
        let mut server = Headers::default();
        let mut client = Headers::default();
        for i in 0..3 {
            let id = i.to_string();
            let block = server.write(&[("streamtype", "data"), ("port", "80"), ("requestid", &id)]);
            let pairs = client.read(&block).expect("inflates");
            assert_eq!(pairs[2], ("requestid".to_string(), id));
        }
        assert_eq!(DICTIONARY.len(), 1423);
    }

    fn unhex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn inflates_a_stream_that_uses_the_dictionary() {
        // zlib level 9 with SPDY/3's dictionary, sync-flushed per block (as
        // spdystream's writer does): an error stream's headers, then its
        // data stream's, the second referring back into the first.
        let first = unhex("78f9e3c6a7c202253a703a2b294a4dcc851625aca9a0808614cb45a024cc64610024398b209198094adc8c0600000000ffff");
        let second = unhex("c2aa15540a2512d209000000ffff");
        let mut h = Headers::default();
        let pairs = h.read(&first).expect("first block");
        assert_eq!(pairs[0], ("streamtype".to_string(), "error".to_string()));
        assert_eq!(pairs[1], ("port".to_string(), "80".to_string()));
        let pairs = h.read(&second).expect("second block");
        assert_eq!(pairs[0], ("streamtype".to_string(), "data".to_string()));
        assert_eq!(pairs[2], ("requestid".to_string(), "0".to_string()));
    }

    #[test]
    fn frames() {
        let mut buf = control(PING, 0, &7u32.to_be_bytes());
        buf.extend(data(3, FLAG_FIN, b"hi"));
        let Ok(Some(Frame::Control { kind, data: d, .. })) = take_frame(&mut buf) else {
            panic!("control");
        };
        assert_eq!((kind, d), (PING, 7u32.to_be_bytes().to_vec()));
        assert_eq!(
            take_frame(&mut buf),
            Ok(Some(Frame::Data {
                stream: 3,
                flags: FLAG_FIN,
                data: b"hi".to_vec()
            }))
        );
        assert_eq!(take_frame(&mut buf), Ok(None));
    }
}
