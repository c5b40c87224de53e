//! What the public decision pages read: only the published records (`public_decision`),
//! which hold no secret value.
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Statement,
};
use uuid::Uuid;

use super::{
    DecisionFilter, DecisionList, DecisionRow, DecisionView, SecrecyView, PAGE_SIZE, SECRET_FIELDS,
};
use crate::backend::entities::{case_secrecy, grant_programme, public_decision};
use crate::domain::legal_clock;
use crate::features::committee::Outcome;
use crate::i18n::Lang;

/// A published decision as the lists show it, in `lang`.
pub fn row(d: &public_decision::Model, lang: Lang) -> DecisionRow {
    DecisionRow {
        slug: d.slug.clone(),
        dnr: d.dnr.clone(),
        association: d.association.clone(),
        programme: d.programme.clone(),
        activity: d.activity.clone(),
        requested: lang.kronor(d.requested_ore),
        outcome: Outcome::parse(&d.outcome)
            .map(|o| o.label_in(lang))
            .unwrap_or_default()
            .to_owned(),
        amount: d.amount_ore.map(|ore| lang.kronor(ore)).unwrap_or_default(),
        meeting: format!("{}, {}", d.body, lang.long_date(d.meeting_on)),
        paragraph: d.paragraph,
    }
}

/// One page of the decisions `filter` matches, newest meeting first, with amounts, dates
/// and outcomes written in `lang`.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: DecisionFilter,
    lang: Lang,
) -> Result<DecisionList, DbErr> {
    let mut select = public_decision::Entity::find();
    if let Some(year) = filter.year {
        select = select.filter(public_decision::Column::Year.eq(year));
    }
    if let Some(programme) = &filter.programme {
        select = select.filter(public_decision::Column::ProgrammeSlug.eq(programme.as_str()));
    }
    if let Some(outcome) = &filter.outcome {
        select = select.filter(public_decision::Column::Outcome.eq(outcome.as_str()));
    }
    if let Some(meeting) = filter.meeting {
        select = select.filter(public_decision::Column::MeetingId.eq(meeting));
    }
    let total = select.clone().count(db).await?;
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = filter.page.min(pages);
    let decisions = select
        .order_by_desc(public_decision::Column::MeetingOn)
        .order_by_asc(public_decision::Column::Paragraph)
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .all(db)
        .await?;
    let years = years(db).await?;
    let programmes = grant_programme::Entity::find()
        .order_by_asc(grant_programme::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.slug, p.name))
        .collect();
    Ok(DecisionList {
        filter: DecisionFilter { page, ..filter },
        rows: decisions.iter().map(|d| row(d, lang)).collect(),
        total,
        pages,
        years,
        programmes,
    })
}

/// The years that have published decisions, newest first: one step down the year index
/// per year (a loose index scan), not a pass over every decision.
async fn years(db: &impl ConnectionTrait) -> Result<Vec<i32>, DbErr> {
    const SQL: &str = "WITH RECURSIVE y(year) AS ( \
           SELECT max(year) FROM public_decision \
           UNION ALL \
           SELECT (SELECT max(year) FROM public_decision WHERE year < y.year) FROM y WHERE y.year IS NOT NULL \
         ) SELECT year FROM y WHERE year IS NOT NULL";
    let backend = db.get_database_backend();
    db.query_all_raw(Statement::from_string(backend, SQL))
        .await?
        .iter()
        .map(|row| row.try_get::<i32>("", "year"))
        .collect()
}

/// The decision at `slug`, with its legal clock.
pub async fn one(
    db: &impl ConnectionTrait,
    slug: &str,
    lang: Lang,
) -> Result<Option<DecisionView>, DbErr> {
    let Some(d) = public_decision::Entity::find()
        .filter(public_decision::Column::Slug.eq(slug))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let clock = legal_clock::clock(d.justered_on);
    Ok(Some(DecisionView {
        row: row(&d, lang),
        decision_text: d.decision_text,
        motivation: d.motivation,
        justered: lang.long_date(clock.notice_up),
        appeal_until: lang.long_date(clock.appeal_until),
        legal_force: lang.long_date(clock.legal_force),
    }))
}

/// The secrecy marks of case `id`, for the officers.
pub async fn secrecy(db: &impl ConnectionTrait, id: Uuid) -> Result<SecrecyView, DbErr> {
    let marks = case_secrecy::Entity::find()
        .filter(case_secrecy::Column::ApplicationId.eq(id))
        .all(db)
        .await?;
    let published = public_decision::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|d| format!("/beslut/{}", d.slug));
    Ok(SecrecyView {
        fields: SECRET_FIELDS
            .iter()
            .map(|(key, label)| {
                (
                    (*key).to_owned(),
                    (*label).to_owned(),
                    marks.iter().any(|m| m.field == *key),
                )
            })
            .collect(),
        reason: marks.first().map(|m| m.reason.clone()).unwrap_or_default(),
        published,
    })
}
