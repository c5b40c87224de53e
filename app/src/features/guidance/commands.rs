//! Saving a guidance text: admins only; the Markdown rendered and sanitised once, with
//! the event, in one transaction.
use sea_orm::{sea_query::OnConflict, ActiveValue::Set, EntityTrait};
use serde_json::json;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{field, text};
use crate::backend::{
    command::{CommandError, Ctx},
    entities::{app_user, guidance_text},
    events::{self, NewEvent},
    markdown,
};
use crate::domain::role::Role;

/// The longest text.
pub const MAX_TEXT: usize = 50_000;

/// The events' aggregate id of the text at `slug` (stable: derived from the slug).
pub fn aggregate_id(slug: &str) -> Uuid {
    let digest = Sha256::digest(format!("guidance:{slug}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_custom_bytes(bytes).into_uuid()
}

/// Saves the text at `slug`; the public pages show it from now on.
pub async fn save(ctx: &Ctx, actor: Uuid, slug: &str, typed: &str) -> Result<(), CommandError> {
    let user = app_user::Entity::find_by_id(actor)
        .one(&ctx.db)
        .await?
        .filter(|u| u.active && u.role == Role::Admin)
        .ok_or_else(|| {
            CommandError::Forbidden("Bara administratörer kan ändra texterna.".into())
        })?;
    let def = text(slug).ok_or(CommandError::NotFound)?;
    let markdown = crate::domain::text::free_text(
        typed,
        Some("Skriv texten. Vill du visa den ursprungliga texten igen, använd knappen för det."),
        MAX_TEXT,
    )
    .map_err(|m| CommandError::Invalid(vec![(field::TEXT, m)]))?;
    let now = events::recorded_at();
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    guidance_text::Entity::insert(guidance_text::ActiveModel {
        slug: Set(def.slug.to_owned()),
        html: Set(markdown::to_html(&markdown)),
        markdown: Set(markdown),
        updated_by: Set(Some(user.id)),
        updated_at: Set(now),
    })
    .on_conflict(
        OnConflict::column(guidance_text::Column::Slug)
            .update_columns([
                guidance_text::Column::Markdown,
                guidance_text::Column::Html,
                guidance_text::Column::UpdatedBy,
                guidance_text::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec(&txn)
    .await?;
    events::record(
        &txn,
        NewEvent::about(
            "guidance",
            aggregate_id(def.slug),
            "guidance.text_saved",
            Some(user.id),
            json!({ "slug": def.slug }),
        ),
        vec![],
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Shows the shipped wording again (the saved text is removed, the event kept).
pub async fn restore(ctx: &Ctx, actor: Uuid, slug: &str) -> Result<(), CommandError> {
    let user = app_user::Entity::find_by_id(actor)
        .one(&ctx.db)
        .await?
        .filter(|u| u.active && u.role == Role::Admin)
        .ok_or_else(|| {
            CommandError::Forbidden("Bara administratörer kan ändra texterna.".into())
        })?;
    let def = text(slug).ok_or(CommandError::NotFound)?;
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    guidance_text::Entity::delete_by_id(def.slug)
        .exec(&txn)
        .await?;
    events::record(
        &txn,
        NewEvent::about(
            "guidance",
            aggregate_id(def.slug),
            "guidance.text_restored",
            Some(user.id),
            json!({ "slug": def.slug }),
        ),
        vec![],
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_text_has_its_own_stable_aggregate() {
        assert_eq!(aggregate_id("kontakt"), aggregate_id("kontakt"));
        assert_ne!(aggregate_id("kontakt"), aggregate_id("startsida"));
    }

    #[test]
    fn every_shipped_text_renders_without_a_top_heading() {
        for def in &super::super::TEXTS {
            let html = markdown::to_html(def.shipped);
            assert!(!html.contains("<h1"), "{}", def.slug);
            assert!(!html.trim().is_empty(), "{}", def.slug);
        }
    }
}
