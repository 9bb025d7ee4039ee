//! The saved playground as bytes: a versioned header, then the cluster
//! (`Cluster::save_to`'s JSON) deflated. A record from another format or
//! another build is refused, and the page starts a new cluster.

use crate::time::TimeControl;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::Compression;
use kubeplay_engine::Cluster;
use serde::{Deserialize, Serialize};

/// What a record starts with.
const MAGIC: &[u8] = b"KUBEPLAY-SAVE\n";
/// The record's layout. Bump it when the framing or the header changes.
pub const FORMAT: u32 = 1;
/// The build that wrote a record: a cluster from another release may
/// not have the same shape, so it is not restored.
pub const BUILD: &str = env!("CARGO_PKG_VERSION");
/// Deflate's fastest level: the JSON shrinks about tenfold at a third of
/// the cost of serializing it.
const LEVEL: u32 = 1;

/// What is kept beside the cluster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Header {
    pub format: u32,
    pub build: String,
    /// When it was saved, in wall-clock milliseconds since the Unix epoch.
    pub saved_at: f64,
    pub time: TimeControl,
}

/// Why a record was not restored.
#[derive(Clone, Debug, PartialEq)]
pub enum Refused {
    /// Not a Kubeplay record at all.
    Unknown,
    /// Written by another format or build.
    Version { format: u32, build: String },
    /// The header is fine but the cluster does not load.
    Damaged,
}

/// The record for `cluster` (written with `&mut` only to lend out its
/// replay buffers while it is serialized).
pub fn encode(cluster: &mut Cluster, saved_at: f64, time: TimeControl) -> Vec<u8> {
    let header = Header {
        format: FORMAT,
        build: BUILD.into(),
        saved_at,
        time,
    };
    let mut out = MAGIC.to_vec();
    out.extend(serde_json::to_vec(&header).unwrap_or_default());
    out.push(b'\n');
    let mut z = DeflateEncoder::new(out, Compression::new(LEVEL));
    // Writing to memory fails only if the cluster cannot be serialized; the
    // record is then cut short and refused as damaged when read.
    let _ = cluster.save_to(&mut z);
    z.finish().unwrap_or_default()
}

/// The header of a record, without loading its cluster.
pub fn header(bytes: &[u8]) -> Result<Header, Refused> {
    split(bytes).map(|(h, _)| h)
}

/// The cluster and header a record holds.
pub fn decode(bytes: &[u8]) -> Result<(Cluster, Header), Refused> {
    let (header, body) = split(bytes)?;
    let cluster = Cluster::load_from(DeflateDecoder::new(body)).ok_or(Refused::Damaged)?;
    Ok((cluster, header))
}

fn split(bytes: &[u8]) -> Result<(Header, &[u8]), Refused> {
    let rest = bytes.strip_prefix(MAGIC).ok_or(Refused::Unknown)?;
    let end = rest
        .iter()
        .position(|&b| b == b'\n')
        .ok_or(Refused::Unknown)?;
    let (line, body) = (&rest[..end], &rest[end + 1..]);
    // Read the version first: a later format's header may not parse.
    #[derive(Deserialize)]
    struct Version {
        format: u32,
        build: String,
    }
    let v: Version = serde_json::from_slice(line).map_err(|_| Refused::Unknown)?;
    if v.format != FORMAT || v.build != BUILD {
        return Err(Refused::Version {
            format: v.format,
            build: v.build,
        });
    }
    let header = serde_json::from_slice(line).map_err(|_| Refused::Damaged)?;
    Ok((header, body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::Speed;
    use kubeplay_engine::Preset;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn cluster() -> Cluster {
        let mut c = Cluster::new(Preset::Minikube, 5);
        c.run("kubectl create namespace kept; echo hi > /root/a.txt");
        c
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn a_record_brings_back_the_cluster_and_the_time_controls() {
        let mut c = cluster();
        let time = TimeControl {
            speed: Speed::X10,
            paused: true,
        };
        let bytes = encode(&mut c, 1.5e12, time);
        let (mut back, header) = decode(&bytes).expect("decodes");
        assert_eq!(header.time, time);
        assert_eq!(header.saved_at, 1.5e12);
        assert_eq!(back.now(), c.now());
        assert_eq!(back.run("cat a.txt").stdout(), "hi\n");
        assert!(back.run("kubectl get ns kept").stdout().contains("Active"));
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn other_versions_and_damage_are_refused() {
        let bytes = encode(&mut cluster(), 0.0, TimeControl::default());
        let end = MAGIC.len()
            + bytes[MAGIC.len()..]
                .iter()
                .position(|&b| b == b'\n')
                .unwrap();
        let line = String::from_utf8(bytes[MAGIC.len()..end].to_vec())
            .unwrap()
            .replace(&format!("\"build\":\"{BUILD}\""), "\"build\":\"0.0.1\"");
        let other = [MAGIC, line.as_bytes(), &bytes[end..]].concat();
        assert_eq!(
            decode(&other).err(),
            Some(Refused::Version {
                format: FORMAT,
                build: "0.0.1".into()
            })
        );
        let next = [MAGIC, b"{\"format\":2,\"build\":\"x\",\"new\":[]}\n"].concat();
        assert!(matches!(
            decode(&next),
            Err(Refused::Version { format: 2, .. })
        ));
        assert_eq!(decode(b"").err(), Some(Refused::Unknown));
        assert_eq!(decode(b"{\"preset\":1}").err(), Some(Refused::Unknown));
        assert_eq!(
            decode(&bytes[..bytes.len() - 40]).err(),
            Some(Refused::Damaged)
        );
        assert!(header(&bytes).is_ok());
    }
}
