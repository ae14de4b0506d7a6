//! Deterministic layout of the relationship graph (pure geometry: no web-sys, no randomness).
//!
//! Owns: node positions inside a fixed viewBox, the shape outline of each entity type, the
//! geometry of each edge (a straight or gently bent quadratic curve, trimmed to the node
//! outlines so arrowheads touch them) and where labels go.
//!
//! Invariants:
//! - Same input → same output: the start is a sunflower spiral in caller order (most
//!   connected first), followed by a fixed number of stress-majorization sweeps; coincident
//!   nodes are split along a direction derived from their indices.
//! - Every node centre lies inside the viewBox, at least [`MARGIN_X`] / [`MARGIN_Y`] from its
//!   edges, and no two centres are inside each other's gap ellipse ([`GAP_X`] × [`GAP_Y`])
//!   whenever the box has room for that.
//! - All outputs are finite numbers, whatever the input (empty graphs, self-loops, edges to
//!   missing nodes are ignored).

/// The SVG viewBox width: the graph is drawn in this coordinate system and scales to the
/// sidebar. Its height grows with the node count ([`view_height`]) so a pair of names does not
/// float in a large empty box.
pub const VIEW_W: f64 = 320.0;
/// Nominal radius of a node's shape.
pub const NODE_R: f64 = 10.0;
/// Room for a node's label (below it) and shape at the sides and top/bottom of the box.
pub const MARGIN_X: f64 = 30.0;
pub const MARGIN_Y: f64 = 18.0;
/// Two node centres must lie outside an ellipse of these full axes around each other: a
/// label line is much wider than it is tall, so neighbours side by side need more room than
/// neighbours above and below.
pub const GAP_X: f64 = 66.0;
pub const GAP_Y: f64 = 38.0;
/// Stress-majorization sweeps; fixed so the result never depends on timing.
pub const ITERATIONS: usize = 200;
/// The longest one graph step (an edge) may be drawn, in viewBox units.
pub const MAX_EDGE: f64 = 130.0;
/// Estimated width of one label character at the graph's font size (for keeping labels inside).
pub const CHAR_W: f64 = 6.2;

/// The viewBox height for `n` nodes (a fixed step function: same count, same box).
pub fn view_height(n: usize) -> f64 {
    match n {
        0..=2 => 130.0,
        3..=4 => 190.0,
        5..=8 => 250.0,
        9..=14 => 400.0,
        _ => 480.0,
    }
}

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

/// Positions for `n` nodes joined by `edges` (pairs of node indices, direction ignored),
/// inside `VIEW_W` × [`view_height`]`(n)`. Put the most connected nodes first: they start
/// near the centre.
///
/// Stress majorization: nodes move so that their distances match the graph's shortest-path
/// distances (chains come out as lines, stars as wheels, clusters stay together), from a
/// sunflower start and for a fixed number of sweeps; then the drawing is fitted to the box
/// and overlapping neighbours are pushed apart.
pub fn layout(n: usize, edges: &[(usize, usize)]) -> Vec<Point> {
    let h = view_height(n);
    if n == 0 {
        return Vec::new();
    }
    if n == 1 {
        return vec![Point::new(VIEW_W / 2.0, h / 2.0)];
    }
    let dist = path_lengths(n, edges);

    // Sunflower start: evenly spread, most connected (first) in the middle.
    let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
    let mut pos: Vec<Point> = (0..n)
        .map(|i| {
            let r = 0.8 * ((i as f64) + 0.5).sqrt();
            let t = i as f64 * golden;
            Point::new(r * t.cos(), r * t.sin())
        })
        .collect();

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
    turn_to_diagonal(&mut pos, h);
    fit(&mut pos, h);
    separate(&mut pos, h);
    pos
}

/// Rotate the drawing so its longest extent (principal axis) runs along the box's diagonal:
/// a long chain then gets the most room, whichever way the sweeps happened to leave it.
fn turn_to_diagonal(pos: &mut [Point], h: f64) {
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
    let target = (h - 2.0 * MARGIN_Y).atan2(VIEW_W - 2.0 * MARGIN_X);
    let (sin, cos) = (target - axis).sin_cos();
    for p in pos.iter_mut() {
        let (dx, dy) = (p.x - mx, p.y - my);
        *p = Point::new(dx * cos - dy * sin, dx * sin + dy * cos);
    }
}

/// All-pairs shortest path lengths (breadth-first, `n` × `n`, row-major). Nodes in different
/// components are put one step further apart than the longest path, so components sit side
/// by side instead of on top of each other.
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
            *d = (longest * 0.35).max(1.0) + 1.0;
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

/// Scale and centre the drawing into the inner box: uniformly first, then the other axis
/// may stretch further (up to 2.5×) to use the space; one graph step never exceeds [`MAX_EDGE`].
fn fit(pos: &mut [Point], h: f64) {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for p in pos.iter() {
        x0 = x0.min(p.x);
        y0 = y0.min(p.y);
        x1 = x1.max(p.x);
        y1 = y1.max(p.y);
    }
    let inner_w = VIEW_W - 2.0 * MARGIN_X;
    let inner_h = h - 2.0 * MARGIN_Y;
    let (bw, bh) = ((x1 - x0).max(1e-6), (y1 - y0).max(1e-6));
    let (fx, fy) = (inner_w / bw, inner_h / bh);
    let uniform = fx.min(fy).min(MAX_EDGE);
    let sx = fx.min(uniform * 2.5).min(MAX_EDGE);
    let sy = fy.min(uniform * 2.5).min(MAX_EDGE);
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    for p in pos.iter_mut() {
        p.x = VIEW_W / 2.0 + (p.x - cx) * sx;
        p.y = h / 2.0 + (p.y - cy) * sy;
        clamp(p, h);
    }
}

fn clamp(p: &mut Point, h: f64) {
    p.x = p.x.clamp(MARGIN_X, VIEW_W - MARGIN_X);
    p.y = p.y.clamp(MARGIN_Y, h - MARGIN_Y);
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
            let pos = layout(n, &edges);
            assert_eq!(pos.len(), n);
            for p in &pos {
                assert!(p.x.is_finite() && p.y.is_finite());
                assert!((MARGIN_X..=VIEW_W - MARGIN_X).contains(&p.x), "n={n} {p:?}");
                let h = view_height(n);
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
        let pos = layout(6, &edges);
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
        let pos = layout(7, &star(7));
        let centre = Point::new(VIEW_W / 2.0, view_height(7) / 2.0);
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
            .split(|c: char| c == ' ' || c == 'M' || c == 'Q')
            .all(|t| t.is_empty() || t.parse::<f64>().is_ok()));
    }

    #[test]
    fn labels_stay_inside_and_are_shortened() {
        let table = [
            (10.0, 10, 2.0 + 31.0),
            (VIEW_W / 2.0, 10, VIEW_W / 2.0),
            (VIEW_W - 5.0, 10, VIEW_W - 2.0 - 31.0),
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
