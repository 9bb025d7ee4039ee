//! The cluster diagram: the scene (nodes and namespaces, built from the
//! engine's event stream) drawn as SVG.

use crate::scene::{NamespaceView, NodeView, Scene};
use leptos::prelude::*;

const WIDTH: f64 = 470.0;
const NODE_W: f64 = 227.0;
const NODE_H: f64 = 92.0;
const GAP: f64 = 16.0;
const PILL_H: f64 = 30.0;

/// The diagram pane.
#[component]
pub fn Diagram(#[prop(into)] scene: Signal<Scene>) -> impl IntoView {
    view! {
        <div class="diagram" data-testid="diagram">
            <h2 class="pane-title">"Cluster"</h2>
            {move || scene.with(draw)}
        </div>
    }
}

fn draw(scene: &Scene) -> impl IntoView {
    let node_rows = scene.nodes.len().div_ceil(2).max(1) as f64;
    let ns_top = 40.0 + node_rows * (NODE_H + GAP) + 28.0;
    let pills = pill_layout(scene.namespaces.values(), ns_top + 14.0);
    let height = pills.last().map_or(ns_top + 60.0, |p| p.y + PILL_H + GAP);
    let nodes = scene
        .nodes
        .values()
        .enumerate()
        .map(|(i, n)| {
            let x = (i % 2) as f64 * (NODE_W + GAP);
            let y = 40.0 + (i / 2) as f64 * (NODE_H + GAP);
            node_card(n, x, y)
        })
        .collect_view();
    let empty = scene.nodes.is_empty().then(|| {
        view! { <text x="0" y="70" class="muted">"waiting for nodes…"</text> }
    });
    let pills = pills.into_iter().map(pill).collect_view();
    view! {
        <svg
            class="diagram-svg"
            viewBox=format!("-2 0 {} {height}", WIDTH + 4.0)
            role="img"
            aria-label="cluster diagram"
        >
            <text x="0" y="24" class="section">"NODES"</text>
            {nodes}
            {empty}
            <text x="0" y=ns_top class="section">"NAMESPACES"</text>
            {pills}
        </svg>
    }
}

fn node_card(node: &NodeView, x: f64, y: f64) -> impl IntoView {
    let status = if node.ready { "Ready" } else { "NotReady" };
    let roles = if node.roles.is_empty() {
        "<none>".to_string()
    } else {
        node.roles.join(",")
    };
    view! {
        <g class="node" data-testid=format!("node-{}", node.name) transform=format!("translate({x},{y})")>
            <rect class="node-box" width=NODE_W height=NODE_H rx="10" />
            <text x="16" y="30" class="node-name">{node.name.clone()}</text>
            <circle cx="22" cy="54" r="5" class=if node.ready { "dot ready" } else { "dot not-ready" } />
            <text x="34" y="58" class="node-status">{status}</text>
            <text x="16" y="78" class="muted">{format!("{roles}  {}", node.version)}</text>
        </g>
    }
}

struct Pill {
    name: String,
    terminating: bool,
    x: f64,
    y: f64,
    w: f64,
}

/// Places namespace pills left to right, wrapping at the diagram's width.
fn pill_layout<'a>(namespaces: impl Iterator<Item = &'a NamespaceView>, top: f64) -> Vec<Pill> {
    let (mut x, mut y) = (0.0, top);
    let mut pills = Vec::new();
    for ns in namespaces {
        let w = 26.0 + 7.8 * ns.name.chars().count() as f64;
        if x > 0.0 && x + w > WIDTH {
            x = 0.0;
            y += PILL_H + 10.0;
        }
        pills.push(Pill {
            name: ns.name.clone(),
            terminating: ns.terminating,
            x,
            y,
            w,
        });
        x += w + 10.0;
    }
    pills
}

fn pill(p: Pill) -> impl IntoView {
    let class = if p.terminating {
        "namespace terminating"
    } else {
        "namespace"
    };
    let testid = format!("namespace-{}", p.name);
    view! {
        <g class=class data-testid=testid transform=format!("translate({},{})", p.x, p.y)>
            <rect class="namespace-box" width=p.w height=PILL_H rx="15" />
            <text x=p.w / 2.0 y="20" text-anchor="middle">{p.name}</text>
        </g>
    }
}
