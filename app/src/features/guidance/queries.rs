//! What the guidance pages and the admins' text pages read.
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};

use super::{TextDef, TextDraft, TextRow, TEXTS};
use crate::backend::entities::{app_user, guidance_text};

/// The text at `def` as HTML: the saved one, or the shipped wording.
pub async fn html(db: &impl ConnectionTrait, def: &TextDef) -> Result<String, DbErr> {
    Ok(
        match guidance_text::Entity::find_by_id(def.slug).one(db).await? {
            Some(saved) => saved.html,
            None => crate::backend::markdown::to_html(def.shipped),
        },
    )
}

async fn changed(
    db: &impl ConnectionTrait,
    saved: Option<&guidance_text::Model>,
) -> Result<String, DbErr> {
    Ok(match saved {
        None => "Ursprunglig text".to_owned(),
        Some(saved) => {
            let by = match saved.updated_by {
                Some(id) => app_user::Entity::find_by_id(id)
                    .one(db)
                    .await?
                    .map(|u| u.display_name)
                    .unwrap_or_default(),
                None => String::new(),
            };
            let when = crate::backend::time::date_time(saved.updated_at);
            if by.is_empty() {
                format!("Ändrad {when}")
            } else {
                format!("Ändrad {when} av {by}")
            }
        }
    })
}

/// Every editable text, with when it was last changed.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<TextRow>, DbErr> {
    let saved = guidance_text::Entity::find().all(db).await?;
    let mut rows = Vec::new();
    for def in &TEXTS {
        let mine = saved.iter().find(|s| s.slug == def.slug);
        rows.push(TextRow {
            slug: def.slug.to_owned(),
            name: def.name.to_owned(),
            page: def.page.to_owned(),
            changed: changed(db, mine).await?,
        });
    }
    Ok(rows)
}

/// The admin's form for `def`: the saved Markdown, or the shipped wording.
pub async fn draft(db: &impl ConnectionTrait, def: &TextDef) -> Result<TextDraft, DbErr> {
    let saved = guidance_text::Entity::find_by_id(def.slug).one(db).await?;
    Ok(TextDraft {
        slug: def.slug.to_owned(),
        lang: def.lang,
        name: def.name.to_owned(),
        page: def.page.to_owned(),
        markdown: saved
            .as_ref()
            .map(|s| s.markdown.clone())
            .unwrap_or_else(|| def.shipped.to_owned()),
        changed: changed(db, saved.as_ref()).await?,
    })
}
