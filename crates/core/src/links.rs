//! Link previews built from the URL alone (no network): site, section, date, title.
//! OWNER: links helper. Interface fixed; implementation to be filled in.

/// What a link leads to, as far as its URL tells.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Preview {
    /// Display name of the site ("The National"), or the readable registrable domain.
    pub site: String,
    /// Section path as in the URL ("news/mena").
    pub section: Option<String>,
    /// ISO date `YYYY-MM-DD` when the URL carries one.
    pub date: Option<String>,
    /// Title rebuilt from the slug, cased.
    pub title: Option<String>,
}

/// Whether a link may be followed: only http, https and mailto.
pub fn is_safe_href(href: &str) -> bool {
    let h = href.trim().to_ascii_lowercase();
    h.starts_with("http://") || h.starts_with("https://") || h.starts_with("mailto:")
}

/// A preview for an http(s) URL; `None` for anything else. `known_names` are entity names of
/// the workspace, used to restore casing in the title.
pub fn preview(href: &str, known_names: &[&str]) -> Option<Preview> {
    let _ = known_names;
    let h = href.trim();
    let rest = h.strip_prefix("https://").or_else(|| h.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    Some(Preview { site: host.trim_start_matches("www.").to_string(), ..Preview::default() })
}
