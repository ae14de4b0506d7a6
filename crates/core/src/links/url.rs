//! A small URL reader for link previews: scheme, host, path segments and query pairs.
//!
//! Deliberately not a full WHATWG parser (the `url` crate pulls IDNA tables into the wasm
//! build); previews only need the parts below, and every input, however malformed, yields
//! either a [`Parsed`] or `None` — never a panic.

/// The parts of an http(s) URL that a preview reads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Lowercase host without port, user info or a trailing dot.
    pub host: String,
    /// Non-empty path segments, percent-decoded where the bytes are valid UTF-8.
    pub segments: Vec<String>,
    /// Query pairs in order; keys lowercased, values percent-decoded.
    pub query: Vec<(String, String)>,
}

/// Parse an `http://` or `https://` URL (scheme case-insensitive, surrounding space ignored).
/// `None` for any other scheme or an empty host.
pub fn parse(href: &str) -> Option<Parsed> {
    let h = href.trim();
    let rest = strip_prefix_ci(h, "https://").or_else(|| strip_prefix_ci(h, "http://"))?;
    let (authority, after) = match rest.find(['/', '?', '#']) {
        Some(i) => (rest.get(..i)?, rest.get(i..)?),
        None => (rest, ""),
    };
    let host = host_of(authority)?;
    // Fragment never matters for a preview.
    let after = after.split('#').next().unwrap_or("");
    let (path, query) = match after.split_once('?') {
        Some((p, q)) => (p, q),
        None => (after, ""),
    };
    let segments = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| percent_decode(s).trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let query = query
        .split(['&', ';'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (
                percent_decode(k).to_ascii_lowercase(),
                percent_decode(&v.replace('+', " ")),
            )
        })
        .collect();
    Some(Parsed {
        host,
        segments,
        query,
    })
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        s.get(prefix.len()..)
    } else {
        None
    }
}

/// Host from an authority: drop `user:pass@`, the port and a trailing dot; lowercase.
fn host_of(authority: &str) -> Option<String> {
    let after_user = authority.rsplit('@').next().unwrap_or(authority);
    let host = if after_user.starts_with('[') {
        // IPv6 literal: keep the bracketed address as the host.
        after_user
            .split(']')
            .next()
            .map(|h| format!("{h}]"))
            .unwrap_or_default()
    } else {
        after_user.split(':').next().unwrap_or("").to_string()
    };
    let host = host.trim_end_matches('.').to_lowercase();
    if host.is_empty() || host.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    Some(host)
}

/// Decode `%XX` escapes; if the result is not valid UTF-8 the input is returned unchanged.
pub fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hi = bytes.get(i + 1).and_then(|&c| hex_val(c));
            let lo = bytes.get(i + 2).and_then(|&c| hex_val(c));
            if let (Some(hi), Some(lo)) = (hi, lo) {
                out.push(hi * 16 + lo);
                i += 3;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

fn hex_val(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_parts() {
        type Parts<'a> = Option<(&'a str, &'a [&'a str], &'a [(&'a str, &'a str)])>;
        let cases: &[(&str, Parts)] = &[
            (
                "https://www.example.com/a/b/?x=1&y=two#frag",
                Some(("www.example.com", &["a", "b"], &[("x", "1"), ("y", "two")])),
            ),
            (
                "HTTP://User:pw@Example.COM.:8080/p",
                Some(("example.com", &["p"], &[])),
            ),
            ("  https://example.com  ", Some(("example.com", &[], &[]))),
            (
                "https://example.com?Date=2024-12-10",
                Some(("example.com", &[], &[("date", "2024-12-10")])),
            ),
            (
                "https://x.net/%D8%B3%D9%88%D8%B1%D9%8A%D8%A7",
                Some(("x.net", &["سوريا"], &[])),
            ),
            ("https://x.net/bad%ZZ%", Some(("x.net", &["bad%ZZ%"], &[]))),
            ("https://x.net/%FF", Some(("x.net", &["%FF"], &[]))),
            ("https:///nohost", None),
            ("javascript:alert(1)", None),
            ("ftp://example.com/file", None),
            ("https:", None),
            ("", None),
        ];
        for (href, want) in cases {
            let got = parse(href);
            let want = want.map(|(h, s, q)| Parsed {
                host: h.to_string(),
                segments: s.iter().map(|x| x.to_string()).collect(),
                query: q
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            });
            assert_eq!(got, want, "{href}");
        }
    }
}
