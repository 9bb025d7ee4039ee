//! `describe limitrange`: the limits table without a namespace-wide header.
//! No labels, annotations or Events section (kubectl prints none).

use super::{s, Ctx, Writer};
use crate::api::Status;

pub fn describe(ctx: &Ctx, ns: &str, name: &str) -> Result<String, Status> {
    let lr = ctx.get("limitranges", ns, name)?;
    let mut w = Writer::default();
    w.write(0, &format!("Name:\t{}\n", s(&lr, &["metadata", "name"])));
    w.write(0, &format!("Namespace:\t{ns}\n"));
    w.write(
        0,
        "Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n",
    );
    w.write(
        0,
        "----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n",
    );
    super::namespace::limit_range_rows(&mut w, &lr, "");
    Ok(w.finish())
}
