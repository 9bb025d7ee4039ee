//! The cluster diagram: the scene (nodes and namespaces, built from the
//! engine's event stream) drawn as SVG. Elements are keyed by name, so a
//! change redraws only what changed; new ones fade in, moved ones glide.

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
    let layout = Memo::new(move |_| scene.with(Layout::of));
    let view_box = move || layout.with(|l| format!("-2 0 {} {}", WIDTH + 4.0, l.height));
    let ns_top = move || layout.with(|l| l.ns_top);
    let node_names =
        move || layout.with(|l| l.nodes.iter().map(|n| n.0.name.clone()).collect::<Vec<_>>());
    let ns_names = move || {
        layout.with(|l| {
            l.pills
                .iter()
                .map(|p| p.ns.name.clone())
                .collect::<Vec<_>>()
        })
    };
    view! {
        <div class="diagram" data-testid="diagram">
            <h2 class="pane-title">"Cluster"</h2>
            <svg class="diagram-svg" viewBox=view_box role="img" aria-label="cluster diagram">
                <text x="0" y="24" class="section">"NODES"</text>
                <Show when=move || layout.with(|l| l.nodes.is_empty())>
                    <text x="0" y="70" class="muted">"waiting for nodes…"</text>
                </Show>
                <For each=node_names key=|name: &String| name.clone() let:name>
                    <NodeCard layout name />
                </For>
                <text x="0" y=ns_top class="section">"NAMESPACES"</text>
                <For each=ns_names key=|name: &String| name.clone() let:name>
                    <NamespacePill layout name />
                </For>
            </svg>
        </div>
    }
}

/// Where everything goes: nodes in a two-column grid, then namespaces as
/// pills wrapping at the diagram's width.
#[derive(Clone, Debug, PartialEq)]
struct Layout {
    nodes: Vec<(NodeView, f64, f64)>,
    pills: Vec<Pill>,
    ns_top: f64,
    height: f64,
}

#[derive(Clone, Debug, PartialEq)]
struct Pill {
    ns: NamespaceView,
    x: f64,
    y: f64,
    w: f64,
}

impl Layout {
    fn of(scene: &Scene) -> Layout {
        let nodes: Vec<_> = scene
            .nodes
            .values()
            .enumerate()
            .map(|(i, n)| {
                let x = (i % 2) as f64 * (NODE_W + GAP);
                let y = 40.0 + (i / 2) as f64 * (NODE_H + GAP);
                (n.clone(), x, y)
            })
            .collect();
        let rows = scene.nodes.len().div_ceil(2).max(1) as f64;
        let ns_top = 40.0 + rows * (NODE_H + GAP) + 28.0;
        let (mut x, mut y) = (0.0, ns_top + 14.0);
        let mut pills = Vec::new();
        for ns in scene.namespaces.values() {
            let w = 26.0 + 7.8 * ns.name.chars().count() as f64;
            if x > 0.0 && x + w > WIDTH {
                x = 0.0;
                y += PILL_H + 10.0;
            }
            pills.push(Pill {
                ns: ns.clone(),
                x,
                y,
                w,
            });
            x += w + 10.0;
        }
        let height = pills.last().map_or(ns_top + 60.0, |p| p.y + PILL_H + GAP);
        Layout {
            nodes,
            pills,
            ns_top,
            height,
        }
    }
}

fn translate(x: f64, y: f64) -> String {
    format!("transform: translate({x}px, {y}px)")
}

#[component]
fn NodeCard(layout: Memo<Layout>, name: String) -> impl IntoView {
    let node = {
        let name = name.clone();
        Memo::new(move |_| layout.with(|l| l.nodes.iter().find(|n| n.0.name == name).cloned()))
    };
    let get = move |f: fn(&NodeView, f64, f64) -> String| {
        move || node.with(|n| n.as_ref().map(|(v, x, y)| f(v, *x, *y)).unwrap_or_default())
    };
    view! {
        <g class="node" data-testid=format!("node-{name}") style=get(|_, x, y| translate(x, y))>
            <rect class="node-box" width=NODE_W height=NODE_H rx="10" />
            <text x="16" y="30" class="node-name">{name.clone()}</text>
            <circle cx="22" cy="54" r="5" class=get(|n, _, _| if n.ready { "dot ready" } else { "dot not-ready" }.into()) />
            <text x="34" y="58" class="node-status">{get(|n, _, _| if n.ready { "Ready" } else { "NotReady" }.into())}</text>
            <text x="16" y="78" class="muted">{get(|n, _, _| format!("{}  {}", roles(n), n.version))}</text>
        </g>
    }
}

fn roles(node: &NodeView) -> String {
    if node.roles.is_empty() {
        "<none>".into()
    } else {
        node.roles.join(",")
    }
}

#[component]
fn NamespacePill(layout: Memo<Layout>, name: String) -> impl IntoView {
    let pill = {
        let name = name.clone();
        Memo::new(move |_| layout.with(|l| l.pills.iter().find(|p| p.ns.name == name).cloned()))
    };
    let get =
        move |f: fn(&Pill) -> String| move || pill.with(|p| p.as_ref().map(f).unwrap_or_default());
    view! {
        <g
            class=get(|p| if p.ns.terminating { "namespace terminating" } else { "namespace" }.into())
            data-testid=format!("namespace-{name}")
            style=get(|p| translate(p.x, p.y))
        >
            <rect class="namespace-box" width=get(|p| p.w.to_string()) height=PILL_H rx="15" />
            <text x=get(|p| (p.w / 2.0).to_string()) y="20" text-anchor="middle">{name.clone()}</text>
        </g>
    }
}
