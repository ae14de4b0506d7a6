//! Entities of a contract looked up by id: one map, built once per render by the components
//! that name or classify the ends of relations.

use gloss_core::protocol::{Contract, EntityDto};
use std::collections::HashMap;

pub type ById<'a> = HashMap<&'a str, &'a EntityDto>;

/// Every entity of `contract` by its id.
pub fn by_id(contract: &Contract) -> ById<'_> {
    contract
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e))
        .collect()
}

/// The display name of entity `id`, or the id itself when the contract does not know it.
pub fn name(by_id: &ById, id: &str) -> String {
    by_id
        .get(id)
        .map(|e| e.name.clone())
        .unwrap_or_else(|| id.to_string())
}
