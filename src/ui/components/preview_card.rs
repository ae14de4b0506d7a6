//! The card that shows what a link leads to, built from the URL alone (no request is made):
//! site, section, date, a title rebuilt from the address, that title's entities as chips,
//! and the anchor text. When the link leads to another article of the workspace (same URL
//! or that page's canonical address), the card shows its real headline and first sentence. Rendered only while open; `id` is what the link's
//! `aria-describedby` points at.

use crate::ui::components::chip::Chip;
use crate::ui::text::{display_address, excerpt, human_date, section_trail};
use gloss_core::protocol::{EntityDto, LinkDto};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PreviewCardProps {
    pub id: AttrValue,
    pub link: LinkDto,
    /// The entities named in the preview title, resolved from the contract.
    pub entities: Vec<EntityDto>,
    #[prop_or_default]
    pub selected: Option<String>,
    #[prop_or_default]
    pub on_enter: Callback<()>,
    #[prop_or_default]
    pub on_leave: Callback<()>,
}

#[component]
pub fn PreviewCard(props: &PreviewCardProps) -> Html {
    let link = &props.link;
    let preview = link.preview.as_ref();
    let is_mail = link.href.trim().to_ascii_lowercase().starts_with("mailto:");
    let site = match preview {
        Some(p) if !p.site.is_empty() => p.site.clone(),
        _ if is_mail => "Email".to_string(),
        _ => display_address(&link.href),
    };
    // The core's readable trail when it has one, else one made from the raw section.
    let section = preview
        .and_then(|p| p.trail.clone().filter(|t| !t.trim().is_empty()))
        .or_else(|| {
            preview
                .and_then(|p| p.section.as_deref())
                .map(section_trail)
        })
        .filter(|s| !s.is_empty());
    let relative = preview
        .and_then(|p| p.relative.clone())
        .filter(|r| !r.trim().is_empty());
    let derived = preview.is_none_or(|p| p.title_derived);
    let date = preview.and_then(|p| p.date.as_deref()).map(human_date);
    let title = preview.and_then(|p| p.title.clone());
    let description = preview.and_then(|p| p.description.clone());
    let from_host = preview.is_some_and(|p| p.from_host);
    // The linked article's first sentence, only when it is in the workspace.
    let lead = preview
        .filter(|p| p.document.is_some())
        .and_then(|p| p.lead.as_deref())
        .map(|l| excerpt(l, 220))
        .filter(|l| !l.is_empty());
    let onmouseenter = {
        let cb = props.on_enter.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let onmouseleave = {
        let cb = props.on_leave.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    html! {
        <span class="preview-card" id={props.id.clone()} role="tooltip" {onmouseenter} {onmouseleave}>
            <span class="preview-card__meta">
                <span class="preview-card__site">{ site }</span>
                if let Some(section) = section {
                    <span class="preview-card__section">{ section }</span>
                }
                if let Some(date) = date {
                    <span class="preview-card__date">
                        { date }
                        if let Some(relative) = relative {
                            <span class="preview-card__relative">{ format!(" · {relative}") }</span>
                        }
                    </span>
                }
            </span>
            if let Some(title) = title {
                <span class="preview-card__title">{ title }</span>
            } else if is_mail {
                <span class="preview-card__title">{ display_address(&link.href) }</span>
            }
            if let Some(description) = description {
                <span class="preview-card__description">{ description }</span>
            } else if let Some(lead) = lead {
                <span class="preview-card__lead">{ lead }</span>
            }
            if !props.entities.is_empty() {
                <span class="preview-card__chips">
                    { for props.entities.iter().map(|e| html! {
                        <Chip entity={e.id.clone()} label={e.label.clone()} name={e.name.clone()} small=true
                            interactive=false active={props.selected.as_deref() == Some(e.id.as_str())}>
                            { &e.name }
                        </Chip>
                    }) }
                </span>
            }
            <span class="preview-card__anchor">
                <span class="preview-card__key">{ "Link text" }</span>
                { format!("“{}”", link.anchor.trim()) }
            </span>
            <span class="preview-card__url">{ display_address(&link.href) }</span>
            <span class="preview-card__note">
                { if from_host { "Details given by this page — nothing was fetched." }
                  else if derived { "Built from the link address — nothing was fetched." }
                  else { "Headline from the linked article in this workspace — nothing was fetched." } }
            </span>
        </span>
    }
}
