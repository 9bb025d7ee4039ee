//! Go's `encoding/json` error texts, which API servers and kubectl print.

/// Go's `encoding/json` syntax error for a body serde_json refused, where
/// the two name the same fault (the offending character at serde's
/// line and column); serde's own text otherwise.
pub fn syntax_error(body: &[u8], e: &serde_json::Error) -> String {
    if e.is_eof() {
        return "unexpected end of JSON input".into();
    }
    let text = String::from_utf8_lossy(body);
    let line = text
        .split('\n')
        .nth(e.line().saturating_sub(1))
        .unwrap_or("");
    let Some(c) = line.chars().nth(e.column().saturating_sub(1)) else {
        return e.to_string();
    };
    let msg = e.to_string();
    let what = if msg.starts_with("key must be a string") {
        "looking for beginning of object key string"
    } else if msg.starts_with("expected value") || msg.starts_with("expected ident") {
        "looking for beginning of value"
    } else if msg.starts_with("expected `,` or `}`") {
        "after object key:value pair"
    } else if msg.starts_with("expected `:`") {
        "after object key"
    } else if msg.starts_with("expected `,` or `]`") {
        "after array element"
    } else if msg.starts_with("trailing characters") {
        "after top-level value"
    } else {
        return msg;
    };
    format!("invalid character '{c}' {what}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn go_json_errors() {
        let go = |b: &[u8]| {
            let e = serde_json::from_slice::<serde_json::Value>(b).unwrap_err();
            super::syntax_error(b, &e)
        };
        assert_eq!(
            go(b"{bad"),
            "invalid character 'b' looking for beginning of object key string"
        );
        assert_eq!(go(b"{\"a\" 1}"), "invalid character '1' after object key");
        assert_eq!(
            go(b"{\"a\":1 x"),
            "invalid character 'x' after object key:value pair"
        );
        assert_eq!(go(b"[1 2]"), "invalid character '2' after array element");
        assert_eq!(go(b"{} x"), "invalid character 'x' after top-level value");
        assert_eq!(go(b"{\"a\":"), "unexpected end of JSON input");
    }
}
