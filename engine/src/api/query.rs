//! URL query strings as Go's `url.ParseQuery` reads them (the HTTP server's
//! requests and `kubectl get --raw` paths).

/// `a=1&b=x%2Cy` as pairs, percent- and plus-decoded.
pub fn parse_query(q: &str) -> Vec<(String, String)> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(p), String::new()),
        })
        .collect()
}

/// Percent-decoding (and `+` as space, as Go's url.ParseQuery does).
pub fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(v) => {
                        out.push(v);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_queries() {
        let q = parse_query("fieldSelector=metadata.name%3Ddemo&limit=500&x&a=b+c");
        assert_eq!(q[0], ("fieldSelector".into(), "metadata.name=demo".into()));
        assert_eq!(q[2], ("x".into(), "".into()));
        assert_eq!(q[3].1, "b c");
        assert_eq!(decode("%zz%4"), "%zz%4");
    }
}
