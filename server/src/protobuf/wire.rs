//! Protobuf's wire format: varints, keys and length-delimited fields.

pub struct Reader<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Reader<'a> {
    pub fn new(b: &'a [u8]) -> Reader<'a> {
        Reader { b, i: 0 }
    }

    pub fn varint(&mut self) -> Result<u64, String> {
        let mut v: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = *self.b.get(self.i).ok_or("truncated varint")?;
            self.i += 1;
            v |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("varint too long".into())
    }

    pub fn bytes(&mut self) -> Result<&'a [u8], String> {
        let n = usize::try_from(self.varint()?).map_err(|_| "length overflow")?;
        let end = self
            .i
            .checked_add(n)
            .filter(|e| *e <= self.b.len())
            .ok_or("truncated field")?;
        let s = &self.b[self.i..end];
        self.i = end;
        Ok(s)
    }

    pub fn fixed(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self
            .i
            .checked_add(n)
            .filter(|e| *e <= self.b.len())
            .ok_or("truncated field")?;
        let s = &self.b[self.i..end];
        self.i = end;
        Ok(s)
    }

    /// The next `(field number, wire type)`, or None at the end.
    pub fn key(&mut self) -> Result<Option<(u64, u64)>, String> {
        if self.i >= self.b.len() {
            return Ok(None);
        }
        let k = self.varint()?;
        Ok(Some((k >> 3, k & 7)))
    }

    pub fn skip(&mut self, wire: u64) -> Result<(), String> {
        match wire {
            0 => self.varint().map(|_| ()),
            1 => self.fixed(8).map(|_| ()),
            2 => self.bytes().map(|_| ()),
            5 => self.fixed(4).map(|_| ()),
            w => Err(format!("unsupported wire type {w}")),
        }
    }
}

impl Reader<'_> {
    /// Whether bytes remain (packed repeated fields have no keys).
    pub fn key_free_remaining(&self) -> bool {
        self.i < self.b.len()
    }
}

/// Builds a message field by field.
#[derive(Default)]
pub struct Writer {
    pub buf: Vec<u8>,
}

impl Writer {
    pub fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.buf.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.buf.push(v as u8);
    }

    fn key(&mut self, num: u64, wire: u64) {
        self.varint(num << 3 | wire);
    }

    pub fn uint(&mut self, num: u64, v: u64) {
        self.key(num, 0);
        self.varint(v);
    }

    /// int32/int64: negative numbers as 10-byte two's complement, as Go writes them.
    pub fn int(&mut self, num: u64, v: i64) {
        self.uint(num, v as u64);
    }

    pub fn bytes(&mut self, num: u64, b: &[u8]) {
        self.key(num, 2);
        self.varint(b.len() as u64);
        self.buf.extend_from_slice(b);
    }

    pub fn fixed64(&mut self, num: u64, v: u64) {
        self.key(num, 1);
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    pub fn fixed32(&mut self, num: u64, v: u32) {
        self.key(num, 5);
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip() {
        for v in [0u64, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            let mut w = Writer::default();
            w.varint(v);
            assert_eq!(Reader::new(&w.buf).varint().unwrap(), v);
        }
        let mut w = Writer::default();
        w.int(1, -1);
        assert_eq!(w.buf.len(), 11);
        assert!(Reader::new(&[0x80]).varint().is_err());
    }
}
