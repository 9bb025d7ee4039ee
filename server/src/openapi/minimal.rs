//! The minimal OpenAPI v2 document in gnostic protobuf (the v3 minimal
//! documents are the engine's `api::openapi_minimal`).

use kubeplay_engine::api::openapi_minimal::{TITLE, VERSION};

/// gnostic's `openapi_v2.Document{swagger: "2.0", info: {title, version}}` in protobuf.
pub fn v2_protobuf() -> Vec<u8> {
    fn field(out: &mut Vec<u8>, tag: u8, bytes: &[u8]) {
        out.push(tag << 3 | 2);
        out.push(bytes.len() as u8);
        out.extend_from_slice(bytes);
    }
    let mut info = vec![];
    field(&mut info, 1, TITLE.as_bytes());
    field(&mut info, 2, VERSION.as_bytes());
    let mut doc = vec![];
    field(&mut doc, 1, b"2.0");
    field(&mut doc, 2, &info);
    doc
}

#[cfg(test)]
mod tests {
    #[test]
    fn v2_protobuf_is_a_document_with_swagger_and_info() {
        let pb = super::v2_protobuf();
        assert_eq!(&pb[..5], &[0x0a, 3, b'2', b'.', b'0']);
        assert_eq!(pb[5], 0x12);
        assert_eq!(pb[6] as usize, pb.len() - 7);
    }
}
