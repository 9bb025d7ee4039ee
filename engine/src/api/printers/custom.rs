//! Custom resources whose CRD version lists no additionalPrinterColumns: the
//! apiextensions server serves the default `Age` column (type `date` on
//! `.metadata.creationTimestamp`), so the table is `NAME AGE`.

use super::common::{age, col, s, CREATION_TIMESTAMP_DOC, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[NAME, col("Age", "date", 0, CREATION_TIMESTAMP_DOC)],
    row,
};

fn row(obj: &Value, now: Time) -> Vec<Value> {
    vec![s(obj, &["metadata", "name"]).into(), age(obj, now)]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn name_and_age() {
        let cr = json!({"apiVersion": "stable.example.com/v1", "kind": "CronTab",
            "metadata": {"name": "my-new-cron-object", "namespace": "default", "creationTimestamp": ago(7)},
            "spec": {"cronSpec": "* * * * */5", "image": "my-awesome-cron-image"}});
        assert_eq!(
            cells(&PRINTER, &cr),
            vec![json!("my-new-cron-object"), json!("7s")]
        );
        assert_eq!(PRINTER.columns[1].kind, "date");
    }
}
