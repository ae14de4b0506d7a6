//! Deterministic layout of the relationship graph (pure geometry: no web-sys, no randomness).
//!
//! Owns: node positions inside a fixed viewBox, the shape outline of each entity type, the
//! geometry of each edge (a straight or gently bent quadratic curve, trimmed to the node
//! outlines so arrowheads touch them) and where labels go.
//!
//! Invariants:
//! - Same input → same output: the start is a sunflower spiral in caller order (most
//!   connected first), followed by a fixed number of Fruchterman–Reingold steps with a
//!   cooling schedule; coincident nodes are split along a direction derived from their indices.
//! - Every node centre lies inside the viewBox, at least [`MARGIN_X`] / [`MARGIN_Y`] from its
//!   edges, and no two centres are closer than [`MIN_GAP`] whenever the box has room for that.
//! - All outputs are finite numbers, whatever the input (empty graphs, self-loops, edges to
//!   missing nodes are ignored).

/// The SVG viewBox: the graph is drawn in this coordinate system and scales to the sidebar.
pub const VIEW_W: f64 = 320.0;
pub const VIEW_H: f64 = 280.0;
/// Nominal radius of a node's shape.
pub const NODE_R: f64 = 10.0;
/// Room for a node's label (below it) and shape at the sides and top/bottom of the box.
pub const MARGIN_X: f64 = 26.0;
pub const MARGIN_Y: f64 = 18.0;
/// Minimum distance between two node centres: two shapes plus room for a label line.
pub const MIN_GAP: f64 = 2.0 * NODE_R + 22.0;
/// Force-directed steps; fixed so the result never depends on timing.
pub const ITERATIONS: usize = 240;
/// Estimated width of one label character at the graph's font size (for keeping labels inside).
pub const CHAR_W: f64 = 5.6;

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

/// Positions for `n` nodes joined by `edges` (pairs of node indices, direction ignored).
/// Put the most connected nodes first: they start near the centre.
pub fn layout(n: usize, edges: &[(usize, usize)]) -> Vec<Point> {
    let centre = Point::new(VIEW_W / 2.0, VIEW_H / 2.0);
    if n == 0 {
        return Vec::new();
    }
    if n == 1 {
        return vec![centre];
    }
    let edges: Vec<(usize, usize)> = edges
        .iter()
        .copied()
        .filter(|&(a, b)| a != b && a < n && b < n)
        .collect();
    let inner_w = VIEW_W - 2.0 * MARGIN_X;
    let inner_h = VIEW_H - 2.0 * MARGIN_Y;
    // Ideal edge length for the available area (Fruchterman–Reingold's k).
    let k = (inner_w * inner_h / n as f64).sqrt() * 0.8;

    // Sunflower start: evenly spread, most connected (first) in the middle.
    let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
    let spread = k * 0.6;
    let mut pos: Vec<Point> = (0..n)
        .map(|i| {
            let r = spread * ((i as f64) + 0.5).sqrt();
            let t = i as f64 * golden;
            Point::new(centre.x + r * t.cos(), centre.y + r * t.sin())
        })
        .collect();

    let mut disp = vec![Point::new(0.0, 0.0); n];
    let start_temp = inner_w / 6.0;
    for step in 0..ITERATIONS {
        for d in disp.iter_mut() {
            *d = Point::new(0.0, 0.0);
        }
        for i in 0..n {
            for j in (i + 1)..n {
                let (dx, dy, dist) = delta(pos[i], pos[j], i, j);
                let f = k * k / dist;
                let (fx, fy) = (dx / dist * f, dy / dist * f);
                disp[i].x += fx;
                disp[i].y += fy;
                disp[j].x -= fx;
                disp[j].y -= fy;
            }
        }
        for &(a, b) in &edges {
            let (dx, dy, dist) = delta(pos[a], pos[b], a, b);
            let f = dist * dist / k;
            let (fx, fy) = (dx / dist * f, dy / dist * f);
            disp[a].x -= fx;
            disp[a].y -= fy;
            disp[b].x += fx;
            disp[b].y += fy;
        }
        // Gravity keeps separate components from drifting apart.
        for (p, d) in pos.iter().zip(disp.iter_mut()) {
            d.x += (centre.x - p.x) * 0.06 * k / 10.0;
            d.y += (centre.y - p.y) * 0.06 * k / 10.0;
        }
        let temp = start_temp * (1.0 - step as f64 / ITERATIONS as f64) + 0.5;
        for (p, d) in pos.iter_mut().zip(disp.iter()) {
            let len = (d.x * d.x + d.y * d.y).sqrt();
            if len > 1e-9 {
                let m = len.min(temp);
                p.x += d.x / len * m;
                p.y += d.y / len * m;
            }
        }
    }
    fit(&mut pos);
    separate(&mut pos);
    pos
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

/// Scale and centre the drawing into the inner box, keeping its aspect ratio.
fn fit(pos: &mut [Point]) {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for p in pos.iter() {
        x0 = x0.min(p.x);
        y0 = y0.min(p.y);
        x1 = x1.max(p.x);
        y1 = y1.max(p.y);
    }
    let inner_w = VIEW_W - 2.0 * MARGIN_X;
    let inner_h = VIEW_H - 2.0 * MARGIN_Y;
    let (w, h) = ((x1 - x0).max(1e-6), (y1 - y0).max(1e-6));
    // Small graphs should not be blown up to the corners.
    let scale = (inner_w / w).min(inner_h / h).min(1.6);
    let (cx, cy) = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    for p in pos.iter_mut() {
        p.x = VIEW_W / 2.0 + (p.x - cx) * scale;
        p.y = VIEW_H / 2.0 + (p.y - cy) * scale;
        clamp(p);
    }
}

fn clamp(p: &mut Point) {
    p.x = p.x.clamp(MARGIN_X, VIEW_W - MARGIN_X);
    p.y = p.y.clamp(MARGIN_Y, VIEW_H - MARGIN_Y);
}

/// Push overlapping nodes apart, pairwise, until no pair is closer than [`MIN_GAP`] (or the
/// passes run out when the box is too crowded).
fn separate(pos: &mut [Point]) {
    let n = pos.len();
    for _ in 0..80 {
        let mut moved = false;
        for i in 0..n {
            for j in (i + 1)..n {
                let (dx, dy, dist) = delta(pos[i], pos[j], i, j);
                if dist < MIN_GAP {
                    let push = (MIN_GAP - dist) / 2.0 + 0.01;
                    let (ux, uy) = (dx / dist, dy / dist);
                    pos[i].x += ux * push;
                    pos[i].y += uy * push;
                    pos[j].x -= ux * push;
                    pos[j].y -= uy * push;
                    clamp(&mut pos[i]);
                    clamp(&mut pos[j]);
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
                assert!((MARGIN_Y..=VIEW_H - MARGIN_Y).contains(&p.y), "n={n} {p:?}");
            }
            for i in 0..n {
                for j in (i + 1)..n {
                    let d = dist(pos[i], pos[j]);
                    assert!(
                        d >= MIN_GAP - 0.5,
                        "n={n}: nodes {i} and {j} are {d:.1} apart"
                    );
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
        let centre = Point::new(VIEW_W / 2.0, VIEW_H / 2.0);
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
            (10.0, 10, 2.0 + 28.0),
            (VIEW_W / 2.0, 10, VIEW_W / 2.0),
            (VIEW_W - 5.0, 10, VIEW_W - 2.0 - 28.0),
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
