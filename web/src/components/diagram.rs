//! The cluster diagram: the scene (nodes with their pods, pods waiting for
//! a node, and namespaces, built from the engine's event stream) drawn as
//! SVG. Elements are keyed by name, so a change redraws only what changed;
//! new ones fade in, moved ones glide. A node card reads only its own pods
//! (the scene files them by node), and a pod finds itself in its node's
//! sorted list by binary search: nothing walks every pod for each pod.

use crate::scene::{NamespaceView, NodeView, PodKey, PodView, Scene};
use leptos::prelude::*;

const WIDTH: f64 = 470.0;
const NODE_W: f64 = 227.0;
const NODE_H: f64 = 92.0;
const GAP: f64 = 16.0;
const PILL_H: f64 = 30.0;
/// A pod's square, and the distance from one to the next.
const POD: f64 = 15.0;
const POD_PITCH: f64 = 19.0;
/// Where the pods start in a card (left, and below the node's own lines).
const POD_LEFT: f64 = 16.0;
const POD_TOP: f64 = 90.0;
/// The lane of pods no node was found for yet: its pods start below its title.
const LANE_TOP: f64 = 36.0;
/// The node card's key for pods not bound to a node (see `Scene::pods`).
const UNSCHEDULED: &str = "";

/// The diagram pane.
#[component]
pub fn Diagram(
    #[prop(into)] scene: Signal<Scene>,
    /// The terminal's current context, named in the title when given.
    #[prop(optional)]
    context: Option<RwSignal<String>>,
) -> impl IntoView {
    let title = move || match context.map(|c| c.get()).filter(|c| !c.is_empty()) {
        Some(c) => format!("Cluster · {c}"),
        None => "Cluster".into(),
    };
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
    let lane = move || layout.with(|l| l.lane);
    view! {
        <div class="diagram" data-testid="diagram">
            <h2 class="pane-title" data-testid="diagram-title">{title}</h2>
            <svg class="diagram-svg" viewBox=view_box role="img" aria-label="cluster diagram">
                <text x="0" y="24" class="section">"NODES"</text>
                <Show when=move || layout.with(|l| l.nodes.is_empty())>
                    <text x="0" y="70" class="muted">"waiting for nodes…"</text>
                </Show>
                <For each=node_names key=|name: &String| name.clone() let:name>
                    <NodeCard layout scene name />
                </For>
                <Show when=move || lane().is_some()>
                    <g
                        class="lane"
                        data-testid="unscheduled"
                        style=move || lane().map(|(y, _)| translate(0.0, y)).unwrap_or_default()
                    >
                        <rect
                            class="lane-box"
                            width=WIDTH
                            height=move || lane().map_or(0.0, |(_, h)| h)
                            rx="10"
                        />
                        <text x="16" y="24" class="muted">"not scheduled yet"</text>
                        <Pods scene node=UNSCHEDULED.to_string() left=POD_LEFT top=LANE_TOP per_row=per_row(WIDTH) />
                    </g>
                </Show>
                <text x="0" y=ns_top class="section">"NAMESPACES"</text>
                <For each=ns_names key=|name: &String| name.clone() let:name>
                    <NamespacePill layout name />
                </For>
            </svg>
        </div>
    }
}

/// Where everything goes: nodes in a two-column grid (a card as tall as
/// its pods need), the lane of unscheduled pods, then namespaces as pills
/// wrapping at the diagram's width.
#[derive(Clone, Debug, PartialEq)]
struct Layout {
    /// Each node with its card's place and height.
    nodes: Vec<(NodeView, f64, f64, f64)>,
    /// The unscheduled lane's top and height, when a pod waits for a node.
    lane: Option<(f64, f64)>,
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

/// How many pod squares fit in a row of a card `width` wide.
fn per_row(width: f64) -> usize {
    ((width - 2.0 * POD_LEFT + POD_PITCH - POD) / POD_PITCH) as usize
}

/// The height `count` pods take, `per_row` in a row.
fn pods_height(count: usize, per_row: usize) -> f64 {
    match count {
        0 => 0.0,
        n => n.div_ceil(per_row) as f64 * POD_PITCH + 8.0,
    }
}

impl Layout {
    fn of(scene: &Scene) -> Layout {
        let on = |node: &str| scene.pods.get(node).map_or(0, |p| p.len());
        let heights: Vec<f64> = scene
            .nodes
            .keys()
            .map(|n| match on(n) {
                0 => NODE_H,
                count => POD_TOP + pods_height(count, per_row(NODE_W)),
            })
            .collect();
        let mut y = 40.0;
        let mut nodes = Vec::with_capacity(heights.len());
        for (row, views) in scene
            .nodes
            .values()
            .collect::<Vec<_>>()
            .chunks(2)
            .enumerate()
        {
            let tallest = heights[row * 2..(row * 2 + views.len())]
                .iter()
                .copied()
                .fold(NODE_H, f64::max);
            for (col, n) in views.iter().enumerate() {
                let x = col as f64 * (NODE_W + GAP);
                nodes.push(((*n).clone(), x, y, heights[row * 2 + col]));
            }
            y += tallest + GAP;
        }
        if nodes.is_empty() {
            y += NODE_H + GAP;
        }
        let lane = match on(UNSCHEDULED) {
            0 => None,
            count => {
                let h = LANE_TOP + pods_height(count, per_row(WIDTH));
                let lane = (y, h);
                y += h + GAP;
                Some(lane)
            }
        };
        let ns_top = y + 28.0;
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
            lane,
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
fn NodeCard(layout: Memo<Layout>, scene: Signal<Scene>, name: String) -> impl IntoView {
    let node = {
        let name = name.clone();
        Memo::new(move |_| layout.with(|l| l.nodes.iter().find(|n| n.0.name == name).cloned()))
    };
    let get = move |f: fn(&NodeView, f64, f64, f64) -> String| {
        move || {
            node.with(|n| {
                n.as_ref()
                    .map(|(v, x, y, h)| f(v, *x, *y, *h))
                    .unwrap_or_default()
            })
        }
    };
    view! {
        <g class="node" data-testid=format!("node-{name}") style=get(|_, x, y, _| translate(x, y))>
            <rect class="node-box" width=NODE_W height=get(|_, _, _, h| h.to_string()) rx="10" />
            <text x="16" y="30" class="node-name">{name.clone()}</text>
            <circle cx="22" cy="54" r="5" class=get(|n, _, _, _| if n.ready { "dot ready" } else { "dot not-ready" }.into()) />
            <text x="34" y="58" class="node-status">{get(|n, _, _, _| if n.ready { "Ready" } else { "NotReady" }.into())}</text>
            <text x="16" y="78" class="muted">{get(|n, _, _, _| format!("{}  {}", roles(n), n.version))}</text>
            <Pods scene node=name.clone() left=POD_LEFT top=POD_TOP per_row=per_row(NODE_W) />
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

/// The pods filed under `node` (a node's name, or `UNSCHEDULED`), as a grid
/// of squares `per_row` wide, in namespace and name order.
#[component]
fn Pods(scene: Signal<Scene>, node: String, left: f64, top: f64, per_row: usize) -> impl IntoView {
    let pods = Memo::new(move |_| {
        scene.with(|s| {
            s.pods
                .get(&node)
                .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                .unwrap_or_default()
        })
    });
    let keys = move || {
        pods.with(|p: &Vec<(PodKey, PodView)>| p.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>())
    };
    view! {
        <For each=keys key=|k: &PodKey| k.clone() let:key>
            <PodSquare pods key left top per_row />
        </For>
    }
}

#[component]
fn PodSquare(
    pods: Memo<Vec<(PodKey, PodView)>>,
    key: PodKey,
    left: f64,
    top: f64,
    per_row: usize,
) -> impl IntoView {
    let spot = {
        let key = key.clone();
        Memo::new(move |_| {
            pods.with(|p| {
                let i = p.binary_search_by(|(k, _)| k.cmp(&key)).ok()?;
                Some((i, p[i].1.clone()))
            })
        })
    };
    let (namespace, name) = key;
    let place = move || {
        spot.with(|s| {
            s.as_ref().map_or_else(String::new, |(i, _)| {
                let x = left + (i % per_row) as f64 * POD_PITCH;
                let y = top + (i / per_row) as f64 * POD_PITCH;
                translate(x, y)
            })
        })
    };
    let status = move || spot.with(|s| s.as_ref().map(|(_, v)| v.status.clone()));
    // The cluster's own pods are drawn dimmer than the learner's.
    let system = if namespace == "kube-system" {
        " system"
    } else {
        ""
    };
    let class = move || {
        spot.with(|s| {
            let kind = s.as_ref().map_or("pending", |(_, v)| pod_class(v));
            format!("pod {kind}{system}")
        })
    };
    let title = {
        let label = format!("{namespace}/{name}");
        move || format!("{label}: {}", status().unwrap_or_default())
    };
    view! {
        <g
            class=class
            data-testid=format!("pod-{namespace}/{name}")
            data-namespace=namespace.clone()
            data-status=status
            style=place
        >
            <title>{title}</title>
            <rect width=POD height=POD rx="3" />
        </g>
    }
}

/// The colour a pod gets from its STATUS column: waiting for a node or an
/// image, being created, running (ready or not yet), finished, failing, or
/// on its way out.
fn pod_class(pod: &PodView) -> &'static str {
    match pod.status.as_str() {
        "Running" if pod.ready => "running",
        "Running" => "unready",
        "Pending" | "SchedulingGated" => "pending",
        "ContainerCreating" | "PodInitializing" => "creating",
        "Terminating" => "terminating",
        "Completed" | "Succeeded" => "completed",
        s if s.starts_with("Init:") && !s.contains("Err") && !s.contains("BackOff") => "creating",
        _ => "failed",
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
