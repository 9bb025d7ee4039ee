//! Associative arrays (`declare -A`), listed in bash's own order: bash
//! keeps them in a hash table (FNV-1 of the key, 1024 buckets growing
//! fourfold past two entries a bucket) and walks it bucket by bucket,
//! newest entry first, so `${!m[@]}` is neither sorted nor as inserted.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assoc {
    /// key → (when it was first inserted, value).
    items: BTreeMap<String, (u64, String)>,
    next: u64,
}

impl Assoc {
    pub fn get(&self, key: &str) -> Option<&String> {
        self.items.get(key).map(|(_, v)| v)
    }

    /// Sets `key`; a key already there keeps its place.
    pub fn insert(&mut self, key: String, value: String) {
        match self.items.get_mut(&key) {
            Some((_, v)) => *v = value,
            None => {
                self.items.insert(key, (self.next, value));
                self.next += 1;
            }
        }
    }

    pub fn remove(&mut self, key: &str) {
        self.items.remove(key);
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// (key, value) in the order bash lists them.
    pub fn entries(&self) -> Vec<(&String, &String)> {
        self.entries_from(1024)
    }

    /// The same for a bash hash table that starts with `buckets` buckets
    /// (programmable completions: 512).
    pub fn entries_from(&self, buckets: usize) -> Vec<(&String, &String)> {
        let mut by_age: Vec<(&String, &(u64, String))> = self.items.iter().collect();
        by_age.sort_by_key(|(_, (n, _))| *n);
        let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); buckets];
        for (i, (key, _)) in by_age.iter().enumerate() {
            if i >= buckets.len() * 2 {
                buckets = grow(&buckets, &by_age);
            }
            let b = (hash(key) as usize) & (buckets.len() - 1);
            buckets[b].insert(0, i);
        }
        buckets
            .iter()
            .flatten()
            .map(|&i| (by_age[i].0, &by_age[i].1 .1))
            .collect()
    }
}

/// bash's rehash: each old bucket in turn, each entry pushed on the front
/// of its new bucket.
fn grow(old: &[Vec<usize>], by_age: &[(&String, &(u64, String))]) -> Vec<Vec<usize>> {
    let mut new: Vec<Vec<usize>> = vec![Vec::new(); old.len() * 4];
    let mask = new.len() - 1;
    for &i in old.iter().flatten() {
        new[(hash(by_age[i].0) as usize) & mask].insert(0, i);
    }
    new
}

/// bash's hash_string: 32-bit FNV-1.
fn hash(s: &str) -> u32 {
    s.bytes().fold(2_166_136_261u32, |h, b| {
        h.wrapping_mul(16_777_619) ^ u32::from(b)
    })
}

/// A key as `declare -p` writes it: bare, or double-quoted when it holds
/// a character the shell would read specially.
pub fn shown_key(key: &str) -> String {
    if !key.is_empty() && !key.contains(|c: char| " \t\n'\"\\|&;()<>!{}*[]?`$^~#".contains(c)) {
        return key.to_string();
    }
    let mut s = String::from("\"");
    for c in key.chars() {
        if matches!(c, '"' | '\\' | '$' | '`') {
            s.push('\\');
        }
        s.push(c);
    }
    s.push('"');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bash_lists_keys_by_bucket_newest_first() {
        let mut m = Assoc::default();
        for k in ["m", "zgdp", "zycid", "yopu"] {
            m.insert(k.into(), "1".into());
        }
        let keys: Vec<&String> = m.entries().into_iter().map(|(k, _)| k).collect();
        // What bash 5.2 printed for `${!m[@]}` after these inserts.
        assert_eq!(keys, ["m", "zgdp", "zycid", "yopu"]);
        let mut m = Assoc::default();
        m.insert("b".into(), "2".into());
        m.insert("a".into(), "1".into());
        let keys: Vec<&String> = m.entries().into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, ["b", "a"]);
    }
}
