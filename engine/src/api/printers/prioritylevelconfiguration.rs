//! PriorityLevelConfiguration: `NAME TYPE NOMINALCONCURRENCYSHARES QUEUES
//! HANDSIZE QUEUELENGTHLIMIT AGE` (`printPriorityLevelConfiguration`), with
//! the flowcontrol v1 defaults for absent fields.

use super::common::{age, at, col, s, AGE, NAME};
use super::Printer;
use crate::clock::Time;
use serde_json::Value;

pub const PRINTER: Printer = Printer {
    columns: &[
        NAME,
        col("Type", "string", 0, "`type` indicates whether this priority level is subject to limitation on request execution.  A value of `\"Exempt\"` means that requests of this priority level are not subject to a limit (and thus are never queued) and do not detract from the capacity made available to other priority levels.  A value of `\"Limited\"` means that (a) requests of this priority level _are_ subject to limits and (b) some of the server's limited capacity is made available exclusively to this priority level. Required."),
        col("NominalConcurrencyShares", "string", 0, "`nominalConcurrencyShares` (NCS) contributes to the computation of the NominalConcurrencyLimit (NominalCL) of this level. This is the number of execution seats available at this priority level. This is used both for requests dispatched from this priority level as well as requests dispatched from other priority levels borrowing seats from this level. The server's concurrency limit (ServerCL) is divided among the Limited priority levels in proportion to their NCS values:\n\nNominalCL(i)  = ceil( ServerCL * NCS(i) / sum_ncs ) sum_ncs = sum[priority level k] NCS(k)\n\nBigger numbers mean a larger nominal concurrency limit, at the expense of every other priority level.\n\nIf not specified, this field defaults to a value of 30.\n\nSetting this field to zero supports the construction of a \"jail\" for this priority level that is used to hold some request(s)"),
        col("Queues", "string", 0, "`queues` is the number of queues for this priority level. The queues exist independently at each apiserver. The value must be positive.  Setting it to 1 effectively precludes shufflesharding and thus makes the distinguisher method of associated flow schemas irrelevant.  This field has a default value of 64."),
        col("HandSize", "string", 0, "`handSize` is a small positive number that configures the shuffle sharding of requests into queues.  When enqueuing a request at this priority level the request's flow identifier (a string pair) is hashed and the hash value is used to shuffle the list of queues and deal a hand of the size specified here.  The request is put into one of the shortest queues in that hand. `handSize` must be no larger than `queues`, and should be significantly smaller (so that a few heavy flows do not saturate most of the queues).  See the user-facing documentation for more extensive guidance on setting this field.  This field has a default value of 8."),
        col("QueueLengthLimit", "string", 0, "`queueLengthLimit` is the maximum number of requests allowed to be waiting in a given queue of this priority level at a time; excess requests are rejected.  This value must be positive.  If not specified, it will be defaulted to 50."),
        AGE,
    ],
    row,
};

fn row(pl: &Value, now: Time) -> Vec<Value> {
    let none = || Value::from("<none>");
    let (mut ncs, mut queues, mut hand, mut limit) = (none(), none(), none(), none());
    if let Some(limited) = at(pl, &["spec", "limited"]).filter(|v| v.is_object()) {
        ncs = limited
            .get("nominalConcurrencyShares")
            .and_then(Value::as_i64)
            .unwrap_or(30)
            .into();
        if let Some(q) = at(limited, &["limitResponse", "queuing"]).filter(|v| v.is_object()) {
            let n = |k: &str, default: i64| -> Value {
                match q.get(k).and_then(Value::as_i64) {
                    None | Some(0) => default,
                    Some(v) => v,
                }
                .into()
            };
            queues = n("queues", 64);
            hand = n("handSize", 8);
            limit = n("queueLengthLimit", 50);
        }
    }
    vec![
        s(pl, &["metadata", "name"]).into(),
        s(pl, &["spec", "type"]).into(),
        ncs,
        queues,
        hand,
        limit,
        age(pl, now),
    ]
}

#[cfg(test)]
mod tests {
    use super::super::common::test_support::{ago, cells};
    use super::*;
    use serde_json::json;

    #[test]
    fn priority_levels() {
        let pl = json!({"apiVersion": "flowcontrol.apiserver.k8s.io/v1", "kind": "PriorityLevelConfiguration",
            "metadata": {"name": "workload-low", "creationTimestamp": ago(85 * 60)},
            "spec": {"type": "Limited", "limited": {"nominalConcurrencyShares": 100, "lendablePercent": 90,
                "limitResponse": {"type": "Queue", "queuing": {"queues": 128, "handSize": 6, "queueLengthLimit": 50}}}}});
        assert_eq!(
            cells(&PRINTER, &pl),
            vec![
                json!("workload-low"),
                json!("Limited"),
                json!(100),
                json!(128),
                json!(6),
                json!(50),
                json!("85m")
            ]
        );
        let pl = json!({"metadata": {"name": "exempt", "creationTimestamp": ago(1)},
            "spec": {"type": "Exempt", "exempt": {"nominalConcurrencyShares": 0, "lendablePercent": 0}}});
        assert_eq!(
            cells(&PRINTER, &pl)[1..6],
            [
                json!("Exempt"),
                json!("<none>"),
                json!("<none>"),
                json!("<none>"),
                json!("<none>")
            ]
        );
        let pl = json!({"metadata": {"name": "catch-all", "creationTimestamp": ago(1)},
            "spec": {"type": "Limited", "limited": {"limitResponse": {"type": "Reject"}}}});
        assert_eq!(
            cells(&PRINTER, &pl)[2..6],
            [json!(30), json!("<none>"), json!("<none>"), json!("<none>")]
        );
    }
}
