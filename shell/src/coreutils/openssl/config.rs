//! openssl's config files as `-extfile` reads them: `[section]`s of
//! `name = value` lines (`#` comments), and the extension lines of one
//! section (subjectAltName, with `@section` lists of `DNS.n`/`IP.n`;
//! keyUsage; extendedKeyUsage; basicConstraints).

use kubeplay_pki::Listed;
use std::collections::BTreeMap;

/// Sections by name ("" is the lines before the first header), each its
/// lines in order.
pub fn sections(text: &str) -> BTreeMap<String, Vec<(String, String)>> {
    let mut out: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut current = String::new();
    out.insert(String::new(), vec![]);
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = name.trim().to_string();
            out.entry(current.clone()).or_default();
        } else if let Some((k, v)) = line.split_once('=') {
            out.entry(current.clone())
                .or_default()
                .push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    out
}

/// `critical, a, b` → (true, [a, b]).
fn flagged(value: &str) -> (bool, Vec<String>) {
    let parts: Vec<String> = value
        .split(',')
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    let critical = parts.first().is_some_and(|p| p == "critical");
    (
        critical,
        parts.into_iter().filter(|p| p != "critical").collect(),
    )
}

/// The extensions of `section` (the lines it holds, in order); `Err` names
/// what openssl would refuse.
pub fn extensions(
    all: &BTreeMap<String, Vec<(String, String)>>,
    section: &str,
) -> Result<Vec<Listed>, String> {
    let lines = all.get(section).ok_or_else(|| section.to_string())?;
    let mut out = vec![];
    for (name, value) in lines {
        let (critical, items) = flagged(value);
        out.push(match name.as_str() {
            "basicConstraints" => Listed::Basic {
                critical,
                ca: items.iter().any(|i| i.eq_ignore_ascii_case("CA:TRUE")),
            },
            "keyUsage" => Listed::KeyUsage {
                critical,
                names: items,
            },
            "extendedKeyUsage" => Listed::ExtKeyUsage {
                critical,
                names: items,
            },
            "subjectAltName" => Listed::AltNames(alt_names(all, &items)),
            _ => continue,
        });
    }
    Ok(out)
}

/// `DNS:x, IP:y`, or `@alt_names` pointing at `DNS.1 = x` lines.
fn alt_names(all: &BTreeMap<String, Vec<(String, String)>>, items: &[String]) -> Vec<String> {
    let mut out = vec![];
    for item in items {
        match item.strip_prefix('@') {
            Some(section) => {
                for (k, v) in all.get(section).into_iter().flatten() {
                    let kind = k.split('.').next().unwrap_or(k);
                    out.push(format!("{kind}:{v}"));
                }
            }
            None => out.push(item.clone()),
        }
    }
    out
}
