//! Deterministic layout of the relationship graph (pure geometry: no web-sys, no randomness).
//!
//! Owns: node positions inside a viewBox of fixed width ([`VIEW_W`]) and a height that follows
//! the content, the shape outline of each entity type, the geometry of each edge (a straight
//! or gently bent quadratic curve, trimmed to the node outlines so arrowheads touch them) and
//! where labels go.
//!
//! Method: each connected component is drawn by stress majorization (distances on screen
//! follow shortest-path distances: chains come out as lines, stars as wheels), turned so it
//! fits the sidebar's width, and the components are packed in rows, biggest first.
//!
//! Invariants:
//! - Same input → same output: sunflower start in caller order (most connected first), a
//!   fixed number of sweeps; coincident nodes are split along a direction derived from their
//!   indices.
//! - Every node centre lies inside the drawing, at least [`MARGIN_X`] / [`MARGIN_Y`] from its
//!   edges, and no two centres are inside each other's gap ellipse ([`GAP_X`] × [`GAP_Y`])
//!   whenever the box has room for that (the height is capped at [`MAX_H`]).
//! - All outputs are finite numbers, whatever the input (empty graphs, self-loops, edges to
//!   missing nodes are ignored).

/// The SVG viewBox width: the graph is drawn in this coordinate system and scales to the
/// sidebar's width.
pub const VIEW_W: f64 = 320.0;
/// Bounds of the drawing's height (a pair of names should not float in a large box; a long
/// chain should not run forever).
pub const MIN_H: f64 = 110.0;
pub const MAX_H: f64 = 640.0;
/// Nominal radius of a node's shape.
pub const NODE_R: f64 = 10.0;
/// Room for a node's label (below it) and shape at the sides and top/bottom of the box.
pub const MARGIN_X: f64 = 30.0;
pub const MARGIN_Y: f64 = 20.0;
/// Below the lowest node: its label line.
pub const MARGIN_BOTTOM: f64 = 34.0;
/// Where a node's label baseline sits below its centre.
pub const LABEL_DROP: f64 = NODE_R + 12.0;
/// Two node centres must lie outside an ellipse of these full axes around each other: a
/// label line is much wider than it is tall, so neighbours side by side need more room than
/// neighbours above and below.
pub const GAP_X: f64 = 66.0;
pub const GAP_Y: f64 = 38.0;
/// One graph step (an edge) on screen, across (room for a label between nodes) and up and
/// down (room for a label line under a node and the edge's own label).
pub const STEP_X: f64 = 104.0;
pub const STEP_Y: f64 = 64.0;
/// Stress-majorization sweeps; fixed so the result never depends on timing.
pub const ITERATIONS: usize = 200;
/// Estimated width of one label character at the graph's font size (for keeping labels inside).
pub const CHAR_W: f64 = 6.8;

/// How far apart `a` and `b` are in units of the gap ellipse (≥ 1: no overlap).
pub fn gap_distance(a: Point, b: Point) -> f64 {
    (((a.x - b.x) / GAP_X).powi(2) + ((a.y - b.y) / GAP_Y).powi(2)).sqrt()
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    fn new(x: f64, y: f64) -> Self {
        Point { x, y }
    }
}

/// Node positions and the height of the viewBox (`0 0 VIEW_W height`) that holds them.
#[derive(Clone, Debug, PartialEq)]
pub struct Drawing {
    pub points: Vec<Point>,
    pub height: f64,
}

/// Lay out `n` nodes joined by `edges` (pairs of node indices, direction ignored). Put the
/// most connected nodes first: they start near the centre of their component.
pub fn layout(n: usize, edges: &[(usize, usize)]) -> Drawing {
    let edges: Vec<(usize, usize)> = edges
        .iter()
        .copied()
        .filter(|&(a, b)| a != b && a < n && b < n)
        .collect();
    let inner_w = VIEW_W - 2.0 * MARGIN_X;
    let mut points = vec![Point::new(VIEW_W / 2.0, MIN_H / 2.0); n];

    // Each component in screen units, its top-left corner at (0, 0), with its size.
    let mut parts: Vec<(Vec<usize>, Vec<Point>, f64, f64)> = components(n, &edges)
        .into_iter()
        .map(|members| {
            let local: Vec<(usize, usize)> = edges
                .iter()
                .filter_map(|&(a, b)| {
                    let ia = members.iter().position(|&m| m == a)?;
                    let ib = members.iter().position(|&m| m == b)?;
                    Some((ia, ib))
                })
                .collect();
            let mut pos = stress(members.len(), &local);
            orient(&mut pos, inner_w);
            let (w, h) = normalise(&mut pos, inner_w);
            (members, pos, w, h)
        })
        .collect();
    // Biggest first (ties: earliest node), so the main story sits on top.
    parts.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));

    // Shelf packing: components side by side while they fit the width, then a new row.
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut row_w = f64::MAX;
    for (k, part) in parts.iter().enumerate() {
        let w = part.2 + GAP_X;
        match rows.last_mut() {
            Some(row) if row_w + w <= inner_w + GAP_X => {
                row.push(k);
                row_w += w;
            }
            _ => {
                rows.push(vec![k]);
                row_w = w;
            }
        }
    }
    let mut y = 0.0;
    for row in &rows {
        let widths: f64 = row.iter().map(|&k| parts[k].2).sum::<f64>()
            + GAP_X * (row.len().saturating_sub(1)) as f64;
        let height = row.iter().map(|&k| parts[k].3).fold(0.0, f64::max);
        let mut x = (inner_w - widths).max(0.0) / 2.0;
        for &k in row {
            let (members, pos, w, h) = &parts[k];
            let dy = (height - h) / 2.0;
            for (&m, p) in members.iter().zip(pos) {
                if let Some(slot) = points.get_mut(m) {
                    *slot = Point::new(MARGIN_X + x + p.x, MARGIN_Y + y + dy + p.y);
                }
            }
            x += w + GAP_X;
        }
        // Rows are a label line further apart than neighbours within a component.
        y += height + GAP_Y + 14.0;
    }
    let content = (y - GAP_Y - 14.0).max(0.0);
    let mut height = content + MARGIN_Y + MARGIN_BOTTOM;
    if height > MAX_H {
        // Too tall: squeeze vertically (separation below keeps what room it can).
        let squeeze = (MAX_H - MARGIN_Y - MARGIN_BOTTOM) / content.max(1e-6);
        for p in points.iter_mut() {
            p.y = MARGIN_Y + (p.y - MARGIN_Y) * squeeze;
        }
        height = MAX_H;
    }
    if height < MIN_H {
        let shift = (MIN_H - height) / 2.0;
        for p in points.iter_mut() {
            p.y += shift;
        }
        height = MIN_H;
    }
    separate(&mut points, height);
    Drawing { points, height }
}

/// Connected components, each listed in node order, in order of their first node.
fn components(n: usize, edges: &[(usize, usize)]) -> Vec<Vec<usize>> {
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in edges {
        adj[a].push(b);
        adj[b].push(a);
    }
    let mut seen = vec![false; n];
    let mut out = Vec::new();
    for s in 0..n {
        if seen[s] {
            continue;
        }
        seen[s] = true;
        let mut members = vec![s];
        let mut i = 0;
        while let Some(&u) = members.get(i) {
            i += 1;
            for &v in &adj[u] {
                if !seen[v] {
                    seen[v] = true;
                    members.push(v);
                }
            }
        }
        members.sort_unstable();
        out.push(members);
    }
    out
}

/// Stress majorization of one connected component, in graph-step units.
fn stress(n: usize, edges: &[(usize, usize)]) -> Vec<Point> {
    let dist = path_lengths(n, edges);
    let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
    let mut pos: Vec<Point> = (0..n)
        .map(|i| {
            let r = 0.8 * ((i as f64) + 0.5).sqrt();
            let t = i as f64 * golden;
            Point::new(r * t.cos(), r * t.sin())
        })
        .collect();
    if n < 2 {
        return vec![Point::new(0.0, 0.0); n];
    }
    for _ in 0..ITERATIONS {
        for i in 0..n {
            let (mut sx, mut sy, mut sw) = (0.0, 0.0, 0.0);
            for j in 0..n {
                if i == j {
                    continue;
                }
                let d = dist[i * n + j];
                let w = 1.0 / (d * d);
                let (dx, dy, len) = delta(pos[i], pos[j], i, j);
                sx += w * (pos[j].x + d * dx / len);
                sy += w * (pos[j].y + d * dy / len);
                sw += w;
            }
            if sw > 0.0 {
                pos[i] = Point::new(sx / sw, sy / sw);
            }
        }
    }
    pos
}

/// Turn a component so its longest extent (principal axis) runs across when it fits the
/// width at full step length, and up and down otherwise (the sidebar scrolls, it does not
/// widen).
fn orient(pos: &mut [Point], inner_w: f64) {
    if pos.len() < 2 {
        return;
    }
    let n = pos.len() as f64;
    let (mx, my) = (
        pos.iter().map(|p| p.x).sum::<f64>() / n,
        pos.iter().map(|p| p.y).sum::<f64>() / n,
    );
    let (mut cxx, mut cyy, mut cxy) = (0.0, 0.0, 0.0);
    for p in pos.iter() {
        let (dx, dy) = (p.x - mx, p.y - my);
        cxx += dx * dx;
        cyy += dy * dy;
        cxy += dx * dy;
    }
    let axis = 0.5 * (2.0 * cxy).atan2(cxx - cyy);
    let centred: Vec<Point> = pos.iter().map(|p| Point::new(p.x - mx, p.y - my)).collect();
    let turn = |pos: &mut [Point], by: f64| {
        let (sin, cos) = by.sin_cos();
        for (p, c) in pos.iter_mut().zip(&centred) {
            *p = Point::new(c.x * cos - c.y * sin, c.x * sin + c.y * cos);
        }
    };
    turn(pos, -axis);
    let span = pos.iter().map(|p| p.x).fold(f64::MIN, f64::max)
        - pos.iter().map(|p| p.x).fold(f64::MAX, f64::min);
    if span * STEP_X > inner_w {
        turn(pos, std::f64::consts::FRAC_PI_2 - axis);
    }
}

/// Scale a component to screen units (one step = [`STEP_X`] × [`STEP_Y`], narrowed across to fit the
/// width), move its top-left corner to (0, 0), and return its width and height.
fn normalise(pos: &mut [Point], inner_w: f64) -> (f64, f64) {
    if pos.is_empty() {
        return (0.0, 0.0);
    }
    let x0 = pos.iter().map(|p| p.x).fold(f64::MAX, f64::min);
    let x1 = pos.iter().map(|p| p.x).fold(f64::MIN, f64::max);
    let y0 = pos.iter().map(|p| p.y).fold(f64::MAX, f64::min);
    let y1 = pos.iter().map(|p| p.y).fold(f64::MIN, f64::max);
    let sx = STEP_X.min(inner_w / (x1 - x0).max(1e-6));
    for p in pos.iter_mut() {
        *p = Point::new((p.x - x0) * sx, (p.y - y0) * STEP_Y);
    }
    ((x1 - x0) * sx, (y1 - y0) * STEP_Y)
}

/// All-pairs shortest path lengths within one component (breadth-first, `n` × `n`,
/// row-major); unreachable pairs (never, for a component) count as one step past the longest.
fn path_lengths(n: usize, edges: &[(usize, usize)]) -> Vec<f64> {
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in edges {
        if a != b && a < n && b < n {
            adj[a].push(b);
            adj[b].push(a);
        }
    }
    let mut dist = vec![f64::INFINITY; n * n];
    let mut queue = std::collections::VecDeque::new();
    for s in 0..n {
        dist[s * n + s] = 0.0;
        queue.push_back(s);
        while let Some(u) = queue.pop_front() {
            let du = dist[s * n + u];
            for &v in &adj[u] {
                if dist[s * n + v].is_infinite() {
                    dist[s * n + v] = du + 1.0;
                    queue.push_back(v);
                }
            }
        }
    }
    let longest = dist
        .iter()
        .copied()
        .filter(|d| d.is_finite())
        .fold(1.0, f64::max);
    for d in dist.iter_mut() {
        if d.is_infinite() {
            *d = longest + 1.0;
        }
    }
    dist
}

/// Vector from `b` to `a` and its length; coincident points get a fixed index-based split.
fn delta(a: Point, b: Point, i: usize, j: usize) -> (f64, f64, f64) {
    let (mut dx, mut dy) = (a.x - b.x, a.y - b.y);
    let mut dist = (dx * dx + dy * dy).sqrt();
    if dist < 1e-6 {
        let t = (i * 31 + j * 17) as f64;
        dx = t.cos() * 0.01;
        dy = t.sin() * 0.01;
        dist = 0.01;
    }
    (dx, dy, dist)
}

fn clamp(p: &mut Point, h: f64) {
    p.x = p.x.clamp(MARGIN_X, VIEW_W - MARGIN_X);
    p.y = p.y.clamp(MARGIN_Y, h - MARGIN_BOTTOM);
}

/// Push overlapping nodes apart, pairwise, until no pair is closer than the gap ellipse (or
/// the passes run out when the box is too crowded).
fn separate(pos: &mut [Point], h: f64) {
    let n = pos.len();
    for _ in 0..120 {
        let mut moved = false;
        for i in 0..n {
            for j in (i + 1)..n {
                let a = Point::new(pos[i].x / GAP_X, pos[i].y / GAP_Y);
                let b = Point::new(pos[j].x / GAP_X, pos[j].y / GAP_Y);
                let (dx, dy, dist) = delta(a, b, i, j);
                if dist < 1.0 {
                    let push = (1.0 - dist) / 2.0 + 0.001;
                    let (ux, uy) = (dx / dist * push * GAP_X, dy / dist * push * GAP_Y);
                    pos[i].x += ux;
                    pos[i].y += uy;
                    pos[j].x -= ux;
                    pos[j].y -= uy;
                    clamp(&mut pos[i], h);
                    clamp(&mut pos[j], h);
                    moved = true;
                }
            }
        }
        if !moved {
            break;
        }
    }
}

/// The outline of an entity type, centred on (0, 0): `None` for a circle (people).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Circle,
    Square,
    Diamond,
    Hexagon,
}

impl Shape {
    /// PER circle, ORG square, LOC diamond, MISC (and anything unknown) hexagon.
    pub fn for_label(code: &str) -> Shape {
        match code {
            "PER" => Shape::Circle,
            "ORG" => Shape::Square,
            "LOC" => Shape::Diamond,
            _ => Shape::Hexagon,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Shape::Circle => "circle",
            Shape::Square => "square",
            Shape::Diamond => "diamond",
            Shape::Hexagon => "hexagon",
        }
    }

    /// SVG `points` for polygon shapes of nominal radius `r` (a circle has none).
    pub fn points(self, r: f64) -> Option<String> {
        let pts: Vec<(f64, f64)> = match self {
            Shape::Circle => return None,
            Shape::Square => {
                let s = r * 0.88;
                vec![(-s, -s), (s, -s), (s, s), (-s, s)]
            }
            Shape::Diamond => {
                let s = r * 1.25;
                vec![(0.0, -s), (s, 0.0), (0.0, s), (-s, 0.0)]
            }
            Shape::Hexagon => (0..6)
                .map(|i| {
                    let t = std::f64::consts::PI / 3.0 * i as f64;
                    (r * 1.08 * t.cos(), r * 1.08 * t.sin())
                })
                .collect(),
        };
        Some(
            pts.iter()
                .map(|(x, y)| format!("{},{}", round(*x), round(*y)))
                .collect::<Vec<_>>()
                .join(" "),
        )
    }
}

/// One decimal place: short SVG attributes, stable text in tests.
pub fn round(v: f64) -> f64 {
    if v.is_finite() {
        (v * 10.0).round() / 10.0
    } else {
        0.0
    }
}

/// A drawn edge: a quadratic curve from `start` to `end` through control point `ctrl`, with
/// its label at the curve's midpoint.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EdgeGeom {
    pub start: Point,
    pub ctrl: Point,
    pub end: Point,
    pub label: Point,
}

impl EdgeGeom {
    /// The SVG path `d`.
    pub fn path(&self) -> String {
        format!(
            "M{} {} Q{} {} {} {}",
            round(self.start.x),
            round(self.start.y),
            round(self.ctrl.x),
            round(self.ctrl.y),
            round(self.end.x),
            round(self.end.y)
        )
    }
}

/// Geometry of an edge from `a` to `b`. `bend` bows the curve sideways (to the left of the
/// direction of travel) so the two directions of a reciprocal pair do not overlap; the ends
/// stop `trim` short of the centres (the node outline plus room for the arrowhead at `b`).
pub fn edge(a: Point, b: Point, bend: f64, trim_a: f64, trim_b: f64) -> EdgeGeom {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len = (dx * dx + dy * dy).sqrt().max(1e-6);
    let (ux, uy) = (dx / len, dy / len);
    let mid = Point::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0);
    let ctrl = Point::new(mid.x + uy * bend, mid.y - ux * bend);
    let toward = |from: Point, to: Point, by: f64| {
        let (vx, vy) = (to.x - from.x, to.y - from.y);
        let l = (vx * vx + vy * vy).sqrt().max(1e-6);
        let by = by.min(l * 0.45);
        Point::new(from.x + vx / l * by, from.y + vy / l * by)
    };
    let start = toward(a, ctrl, trim_a);
    let end = toward(b, ctrl, trim_b);
    let label = Point::new(
        0.25 * start.x + 0.5 * ctrl.x + 0.25 * end.x,
        0.25 * start.y + 0.5 * ctrl.y + 0.25 * end.y,
    );
    EdgeGeom {
        start,
        ctrl,
        end,
        label,
    }
}

/// Where an edge's label goes and its `text-anchor`: beside a steep edge (so it does not
/// sit on the label of the node above or below), above a flat one.
pub fn edge_label_at(g: &EdgeGeom) -> (Point, &'static str) {
    let (dx, dy) = (g.end.x - g.start.x, g.end.y - g.start.y);
    if dy.abs() > dx.abs() {
        if g.label.x > VIEW_W - 70.0 {
            (Point::new(g.label.x - 5.0, g.label.y + 3.0), "end")
        } else {
            (Point::new(g.label.x + 5.0, g.label.y + 3.0), "start")
        }
    } else {
        (Point::new(g.label.x, g.label.y - 4.0), "middle")
    }
}

/// Where to centre a label of `chars` characters near `x` so it stays inside the viewBox.
pub fn label_x(x: f64, chars: usize) -> f64 {
    let half = (chars as f64 * CHAR_W / 2.0).min(VIEW_W / 2.0 - 2.0);
    x.clamp(2.0 + half, VIEW_W - 2.0 - half)
}

/// A label cut to `max` characters with an ellipsis (on char boundaries).
pub fn short_label(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dist(a: Point, b: Point) -> f64 {
        ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt()
    }

    fn star(n: usize) -> Vec<(usize, usize)> {
        (1..n).map(|i| (0, i)).collect()
    }

    fn chain(n: usize) -> Vec<(usize, usize)> {
        (1..n).map(|i| (i - 1, i)).collect()
    }

    /// (nodes, edges) cases: empty, single, pair, star, chain, two components, dense, crowded.
    fn cases() -> Vec<(usize, Vec<(usize, usize)>)> {
        let mut dense = Vec::new();
        for a in 0..8 {
            for b in (a + 1)..8 {
                dense.push((a, b));
            }
        }
        vec![
            (0, vec![]),
            (1, vec![]),
            (2, vec![(0, 1)]),
            (6, star(6)),
            (9, chain(9)),
            (6, vec![(0, 1), (1, 2), (3, 4), (4, 5)]),
            (8, dense),
            (20, star(20)),
            // Self-loops, duplicates and out-of-range ends are ignored, not fatal.
            (3, vec![(0, 0), (0, 1), (0, 1), (2, 9)]),
        ]
    }

    #[test]
    fn layout_is_deterministic() {
        for (n, edges) in cases() {
            assert_eq!(layout(n, &edges), layout(n, &edges), "n={n}");
        }
    }

    #[test]
    fn nodes_fit_the_box_and_do_not_overlap() {
        for (n, edges) in cases() {
            let drawing = layout(n, &edges);
            let pos = drawing.points;
            assert_eq!(pos.len(), n);
            for p in &pos {
                assert!(p.x.is_finite() && p.y.is_finite());
                assert!((MARGIN_X..=VIEW_W - MARGIN_X).contains(&p.x), "n={n} {p:?}");
                let h = drawing.height;
                assert!((MIN_H..=MAX_H).contains(&h));
                assert!((MARGIN_Y..=h - MARGIN_Y).contains(&p.y), "n={n} {p:?}");
            }
            for i in 0..n {
                for j in (i + 1)..n {
                    let d = gap_distance(pos[i], pos[j]);
                    assert!(d >= 0.98, "n={n}: nodes {i} and {j} overlap ({d:.2})");
                }
            }
        }
    }

    #[test]
    fn connected_nodes_sit_closer_than_unconnected_ones() {
        // Two triangles: the mean distance within a triangle beats the mean across.
        let edges = [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5)];
        let pos = layout(6, &edges).points;
        let within: f64 = edges
            .iter()
            .map(|&(a, b)| dist(pos[a], pos[b]))
            .sum::<f64>()
            / 6.0;
        let mut across = 0.0;
        for a in 0..3 {
            for b in 3..6 {
                across += dist(pos[a], pos[b]);
            }
        }
        across /= 9.0;
        assert!(within < across, "within {within:.1} across {across:.1}");
    }

    #[test]
    fn hub_of_a_star_is_near_the_centre() {
        let drawing = layout(7, &star(7));
        let pos = drawing.points;
        let centre = Point::new(VIEW_W / 2.0, drawing.height / 2.0);
        let hub = dist(pos[0], centre);
        let leaves = (1..7)
            .map(|i| dist(pos[i], centre))
            .fold(f64::MAX, f64::min);
        assert!(hub < leaves, "hub {hub:.1}, nearest leaf {leaves:.1}");
    }

    #[test]
    fn shapes_by_label() {
        let table = [
            ("PER", Shape::Circle, 0),
            ("ORG", Shape::Square, 4),
            ("LOC", Shape::Diamond, 4),
            ("MISC", Shape::Hexagon, 6),
            ("???", Shape::Hexagon, 6),
        ];
        for (code, shape, corners) in table {
            assert_eq!(Shape::for_label(code), shape, "{code}");
            let n = shape
                .points(NODE_R)
                .map(|p| p.split(' ').count())
                .unwrap_or(0);
            assert_eq!(n, corners, "{code}");
        }
    }

    #[test]
    fn edges_stop_at_the_outlines_and_label_between() {
        let a = Point::new(100.0, 100.0);
        let b = Point::new(200.0, 100.0);
        // (bend, trim_a, trim_b, start.x, end.x, label.y)
        let table = [
            (0.0, 10.0, 14.0, 110.0, 186.0, 100.0),
            (0.0, 0.0, 0.0, 100.0, 200.0, 100.0),
        ];
        for (bend, ta, tb, sx, ex, ly) in table {
            let g = edge(a, b, bend, ta, tb);
            assert!(
                (g.start.x - sx).abs() < 1e-9 && (g.end.x - ex).abs() < 1e-9,
                "{g:?}"
            );
            assert!((g.label.y - ly).abs() < 1e-9);
            assert!(g.label.x > sx && g.label.x < ex);
        }
        // A bend bows to the left of travel: a→b (eastwards) bows north (smaller y), b→a south.
        assert!(edge(a, b, 16.0, 10.0, 10.0).label.y < 100.0);
        assert!(edge(b, a, 16.0, 10.0, 10.0).label.y > 100.0);
        // Coincident ends stay finite.
        let g = edge(a, a, 10.0, 10.0, 10.0);
        assert!(g
            .path()
            .split([' ', 'M', 'Q'])
            .all(|t| t.is_empty() || t.parse::<f64>().is_ok()));
    }

    #[test]
    fn edge_labels_sit_beside_steep_edges_and_above_flat_ones() {
        let p = Point::new;
        // (from, to, anchor, label left of the midpoint?, label above the midpoint?)
        let table = [
            (p(100.0, 40.0), p(110.0, 140.0), "start", false, false),
            (p(300.0, 40.0), p(290.0, 140.0), "end", true, false),
            (p(60.0, 100.0), p(200.0, 110.0), "middle", false, true),
        ];
        for (a, b, anchor, left, above) in table {
            let g = edge(a, b, 0.0, 0.0, 0.0);
            let (at, got) = edge_label_at(&g);
            assert_eq!(got, anchor, "{a:?} {b:?}");
            assert_eq!(at.x < g.label.x, left, "{a:?} {b:?}");
            assert_eq!(at.y < g.label.y, above, "{a:?} {b:?}");
        }
    }

    #[test]
    fn labels_stay_inside_and_are_shortened() {
        let table = [
            (10.0, 10, 2.0 + 34.0),
            (VIEW_W / 2.0, 10, VIEW_W / 2.0),
            (VIEW_W - 5.0, 10, VIEW_W - 2.0 - 34.0),
        ];
        for (x, chars, want) in table {
            assert!((label_x(x, chars) - want).abs() < 1e-9, "{x} {chars}");
        }
        let cut = [
            ("Selim Aydemir", 16, "Selim Aydemir"),
            (
                "Organisation of Islamic Cooperation",
                16,
                "Organisation of…",
            ),
            ("  Zürich  ", 3, "Zü…"),
            ("", 5, ""),
        ];
        for (text, max, want) in cut {
            assert_eq!(short_label(text, max), want);
        }
    }
}
