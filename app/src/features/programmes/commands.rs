//! An officer opens a closed programme for one association: a late window, with the
//! last day and the reason, recorded as an event; the association's owners are told.
use chrono::{Duration, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use uuid::Uuid;

use crate::backend::{
    command::{CommandError, Ctx, FieldProblem},
    entities::{app_user, association, association_member, grant_programme, late_window},
    events::{self, NewEvent},
    mail,
};
use crate::domain::{
    programme_window::{long_date, Window},
    representation::parse_date,
    role::{MemberRole, Role},
    text,
};
use crate::notifications::MailKind;

/// The form's fields.
pub mod field {
    pub const ASSOCIATION: &str = "association";
    pub const PROGRAMME: &str = "programme";
    pub const OPEN_UNTIL: &str = "open_until";
    pub const REASON: &str = "reason";
}

/// A late window stays open at most this many days from today.
pub const MAX_DAYS: i64 = 90;

/// What the officer asks for.
#[derive(Clone, Debug, Default)]
pub struct OpenLate {
    pub officer: Uuid,
    pub association: String,
    pub programme: String,
    pub open_until: String,
    pub reason: String,
}

/// Opens the programme for the association until the given day. Officers and admins
/// only; the programme must have a window (one open all year needs none).
#[tracing::instrument(skip_all)]
pub async fn open_late_window(ctx: &Ctx, input: OpenLate) -> Result<Uuid, CommandError> {
    let officer = crate::backend::users::officer(
        &ctx.db,
        input.officer,
        "Bara handläggare kan öppna en ansökan efter sista dag.",
    )
    .await?;
    let mut problems: Vec<FieldProblem> = Vec::new();
    let association = match Uuid::parse_str(input.association.trim()) {
        Ok(id) => association::Entity::find_by_id(id).one(&ctx.db).await?,
        Err(_) => None,
    };
    if association.is_none() {
        problems.push((field::ASSOCIATION, "Välj föreningen.".into()));
    }
    let programme = match Uuid::parse_str(input.programme.trim()) {
        Ok(id) => grant_programme::Entity::find_by_id(id)
            .one(&ctx.db)
            .await?
            .filter(|p| p.active),
        Err(_) => None,
    };
    match &programme {
        None => problems.push((field::PROGRAMME, "Välj bidragsformen.".into())),
        Some(p) if matches!(super::window(p), Window::Always) => problems.push((
            field::PROGRAMME,
            format!(
                "{} går att söka året runt och behöver ingen sen ansökan.",
                p.name
            ),
        )),
        Some(_) => {}
    }
    let last = ctx.today + Duration::days(MAX_DAYS);
    match parse_date(input.open_until.trim()) {
        None => problems.push((
            field::OPEN_UNTIL,
            "Ange sista dag som ett datum, till exempel 2027-06-15.".into(),
        )),
        Some(day) if day < ctx.today => problems.push((
            field::OPEN_UNTIL,
            "Sista dag kan inte vara före i dag.".into(),
        )),
        Some(day) if day > last => problems.push((
            field::OPEN_UNTIL,
            format!(
                "Sista dag kan vara högst {MAX_DAYS} dagar fram, senast {}.",
                long_date(last)
            ),
        )),
        Some(_) => {}
    }
    let reason = text::free_text(
        &input.reason,
        Some("Skriv varför föreningen får söka efter sista dag."),
        2000,
    )
    .map_err(|message| problems.push((field::REASON, message)))
    .unwrap_or_default();
    let (Some(association), Some(programme), Some(open_until), true) = (
        association,
        programme,
        parse_date(input.open_until.trim()),
        problems.is_empty(),
    ) else {
        return Err(CommandError::Invalid(problems));
    };

    // Opening again is for a later day; the same or an earlier one would change nothing.
    if let Some(until) = super::late_until(&ctx.db, programme.id, association.id, ctx.today).await?
    {
        if until >= open_until {
            return Err(CommandError::Invalid(vec![(
                field::OPEN_UNTIL,
                format!(
                    "{} kan redan söka {} till och med {}. Välj en senare dag för att förlänga.",
                    association.name,
                    programme.name,
                    long_date(until)
                ),
            )]));
        }
    }
    let owners = association_member::Entity::find()
        .filter(association_member::Column::AssociationId.eq(association.id))
        .filter(association_member::Column::Role.eq(MemberRole::Owner))
        .find_also_related(app_user::Entity)
        .all(&ctx.db)
        .await?;
    let link = ctx.link(&format!("/foreningar/{}/ansokningar", association.id))?;
    let owners = owners.into_iter().filter_map(|(_, person)| person);
    let mails = mail::to_each(MailKind::LateWindowOpened, owners, |person| {
        json!({
            "name": person.display_name,
            "association": association.name,
            "programme": programme.name,
            "until": long_date(open_until),
            "link": link,
        })
    });
    let id = Uuid::now_v7();
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    late_window::Entity::insert(late_window::ActiveModel {
        id: Set(id),
        programme_id: Set(programme.id),
        association_id: Set(association.id),
        open_until: Set(open_until),
        reason: Set(reason.clone()),
        granted_by: Set(officer.id),
        created_at: Set(Utc::now()),
    })
    .exec_without_returning(&txn)
    .await?;
    events::record(
        &txn,
        NewEvent::about(
            "association",
            association.id,
            "programme.late_window_opened",
            Some(officer.id),
            json!({
                "programme": programme.slug,
                "open_until": open_until,
                "reason": reason,
            }),
        ),
        mails,
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(id)
}

pub use super::programme_field;

/// What an admin typed for a programme, as text (checkboxes as lists).
#[derive(Clone, Debug, Default)]
pub struct ProgrammeInput {
    pub name: String,
    pub description: String,
    pub window_from: String,
    pub window_to: String,
    pub min_months: String,
    pub max_months: String,
    pub required_attachments: Vec<String>,
    pub criteria: Vec<String>,
    pub text_limit: String,
    pub dnr_prefix: String,
    pub handling_weeks: String,
    pub active: bool,
    pub reclaim_by_committee: bool,
}

/// A programme's rules, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgrammeRules {
    pub name: String,
    pub description: String,
    pub window: Option<(String, String)>,
    pub min_months: i32,
    pub max_months: i32,
    pub required_attachments: Vec<String>,
    pub criteria: Vec<String>,
    pub text_limit: i32,
    pub dnr_prefix: String,
    pub handling_weeks: i32,
    pub active: bool,
    pub reclaim_by_committee: bool,
}

fn whole(text: &str, range: std::ops::RangeInclusive<i32>, message: &str) -> Result<i32, String> {
    text.trim()
        .parse::<i32>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| message.to_owned())
}

impl ProgrammeInput {
    /// Every problem at once, by field; or the rules to store.
    pub fn check(&self) -> Result<ProgrammeRules, Vec<FieldProblem>> {
        use crate::domain::programme_window::DayOfYear;
        use programme_field as f;
        let mut problems: Vec<FieldProblem> = Vec::new();
        let note = |field: &'static str| move |message: String| (field, message);
        let name = text::free_text(&self.name, Some("Ange bidragsformens namn."), 200)
            .map_err(|m| problems.push(note(f::NAME)(m)))
            .unwrap_or_default();
        let description = text::free_text(
            &self.description,
            Some("Beskriv kort vad bidragsformen är till för."),
            2000,
        )
        .map_err(|m| problems.push(note(f::DESCRIPTION)(m)))
        .unwrap_or_default();
        let (from, to) = (self.window_from.trim(), self.window_to.trim());
        let window = match (from.is_empty(), to.is_empty()) {
            (true, true) => None,
            _ => {
                let parsed = (DayOfYear::parse(from), DayOfYear::parse(to));
                if parsed.0.is_none() {
                    problems.push((f::WINDOW_FROM, "Skriv första dagen som MM-DD, till exempel 04-01, eller lämna båda dagarna tomma för året runt.".into()));
                }
                if parsed.1.is_none() {
                    problems.push((f::WINDOW_TO, "Skriv sista dagen som MM-DD, till exempel 05-31, eller lämna båda dagarna tomma för året runt.".into()));
                }
                match parsed {
                    (Some(a), Some(b)) if a > b => {
                        problems.push((
                            f::WINDOW_TO,
                            "Sista dagen kan inte vara före första dagen.".into(),
                        ));
                        None
                    }
                    (Some(a), Some(b)) => Some((a.as_text(), b.as_text())),
                    _ => None,
                }
            }
        };
        let min = whole(
            &self.min_months,
            1..=60,
            "Ange kortaste period som ett antal månader, 1–60.",
        )
        .map_err(|m| problems.push(note(f::MIN_MONTHS)(m)))
        .ok();
        let max = whole(
            &self.max_months,
            1..=60,
            "Ange längsta period som ett antal månader, 1–60.",
        )
        .map_err(|m| problems.push(note(f::MAX_MONTHS)(m)))
        .ok();
        if let (Some(min), Some(max)) = (min, max) {
            if max < min {
                problems.push((
                    f::MAX_MONTHS,
                    "Längsta perioden kan inte vara kortare än den kortaste.".into(),
                ));
            }
        }
        let documents = crate::features::applications::DOCUMENT_TYPES;
        let required_attachments: Vec<String> = documents
            .iter()
            .filter(|(key, _)| *key != crate::features::applications::OTHER_DOCUMENT)
            .filter(|(key, _)| self.required_attachments.iter().any(|k| k == key))
            .map(|(key, _)| key.to_string())
            .collect();
        let criteria: Vec<String> = super::CRITERIA
            .iter()
            .filter(|(key, _)| self.criteria.iter().any(|k| k == key))
            .map(|(key, _)| key.to_string())
            .collect();
        if criteria.is_empty() {
            problems.push((
                f::CRITERIA,
                "Välj minst ett kriterium som ansökningarna bedöms efter.".into(),
            ));
        }
        let text_limit = whole(
            &self.text_limit,
            200..=20_000,
            "Ange teckengränsen som ett tal, 200–20 000.",
        )
        .map_err(|m| problems.push(note(f::TEXT_LIMIT)(m)))
        .unwrap_or_default();
        let dnr_prefix = self.dnr_prefix.trim().to_uppercase();
        let prefix_ok = (2..=10).contains(&dnr_prefix.chars().count())
            && dnr_prefix
                .chars()
                .all(|c| c.is_ascii_uppercase() || "ÅÄÖ".contains(c));
        if !prefix_ok {
            problems.push((
                f::DNR_PREFIX,
                "Ange prefixet för diarienumret med 2–10 bokstäver, till exempel SOF.".into(),
            ));
        }
        let handling_weeks = whole(
            &self.handling_weeks,
            1..=52,
            "Ange handläggningstiden som ett antal veckor, 1–52.",
        )
        .map_err(|m| problems.push(note(f::HANDLING_WEEKS)(m)))
        .unwrap_or_default();
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(ProgrammeRules {
            name,
            description,
            window,
            min_months: min.unwrap_or_default(),
            max_months: max.unwrap_or_default(),
            required_attachments,
            criteria,
            text_limit,
            dnr_prefix,
            handling_weeks,
            active: self.active,
            reclaim_by_committee: self.reclaim_by_committee,
        })
    }
}

/// The message when another programme has the name.
pub const NAME_TAKEN: &str = "Det finns redan en bidragsform med det namnet.";

/// An admin saves a programme: `id` for one that exists, `None` for a new one (last in
/// the order). Admins only. Drafts and cases keep their programme; what changes applies
/// from now on (a closed window stops new drafts and submits).
#[tracing::instrument(skip_all)]
pub async fn save_programme(
    ctx: &Ctx,
    admin: Uuid,
    id: Option<Uuid>,
    input: ProgrammeInput,
) -> Result<Uuid, CommandError> {
    use sea_orm::{sea_query::Expr, PaginatorTrait};
    app_user::Entity::find_by_id(admin)
        .one(&ctx.db)
        .await?
        .filter(|u| u.active && u.role == Role::Admin)
        .ok_or_else(|| {
            CommandError::Forbidden("Bara administratörer kan ändra bidragsformer.".into())
        })?;
    let rules = input.check().map_err(CommandError::Invalid)?;
    let existing = match id {
        Some(id) => Some(
            grant_programme::Entity::find_by_id(id)
                .one(&ctx.db)
                .await?
                .ok_or(CommandError::NotFound)?,
        ),
        None => None,
    };
    let same_name = grant_programme::Entity::find()
        .filter(grant_programme::Column::Name.eq(rules.name.clone()))
        .filter(grant_programme::Column::Id.ne(id.unwrap_or(Uuid::nil())))
        .count(&ctx.db)
        .await?;
    if same_name > 0 {
        return Err(CommandError::Invalid(vec![(
            programme_field::NAME,
            NAME_TAKEN.into(),
        )]));
    }
    let json_list = |items: &[String]| serde_json::to_string(items).unwrap_or_else(|_| "[]".into());
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let (id, event) = match existing {
        Some(programme) => (programme.id, "programme.updated"),
        None => {
            let position = grant_programme::Entity::find().count(&txn).await? as i32;
            let id = Uuid::now_v7();
            grant_programme::Entity::insert(grant_programme::ActiveModel {
                id: Set(id),
                slug: Set(format!("bidragsform-{}", id.simple())),
                name: Set(rules.name.clone()),
                description: Set(String::new()),
                window_from: Set(None),
                window_to: Set(None),
                min_months: Set(1),
                max_months: Set(1),
                required_attachments: Set("[]".into()),
                criteria: Set("[]".into()),
                text_limit: Set(4000),
                dnr_prefix: Set(rules.dnr_prefix.clone()),
                handling_weeks: Set(1),
                active: Set(false),
                reclaim_by_committee: Set(false),
                position: Set(position),
            })
            .exec_without_returning(&txn)
            .await?;
            (id, "programme.created")
        }
    };
    let (from, to) = rules.window.clone().unzip();
    grant_programme::Entity::update_many()
        .col_expr(
            grant_programme::Column::Name,
            Expr::value(rules.name.clone()),
        )
        .col_expr(
            grant_programme::Column::Description,
            Expr::value(rules.description.clone()),
        )
        .col_expr(grant_programme::Column::WindowFrom, Expr::value(from))
        .col_expr(grant_programme::Column::WindowTo, Expr::value(to))
        .col_expr(
            grant_programme::Column::MinMonths,
            Expr::value(rules.min_months),
        )
        .col_expr(
            grant_programme::Column::MaxMonths,
            Expr::value(rules.max_months),
        )
        .col_expr(
            grant_programme::Column::RequiredAttachments,
            Expr::value(json_list(&rules.required_attachments)),
        )
        .col_expr(
            grant_programme::Column::Criteria,
            Expr::value(json_list(&rules.criteria)),
        )
        .col_expr(
            grant_programme::Column::TextLimit,
            Expr::value(rules.text_limit),
        )
        .col_expr(
            grant_programme::Column::DnrPrefix,
            Expr::value(rules.dnr_prefix.clone()),
        )
        .col_expr(
            grant_programme::Column::HandlingWeeks,
            Expr::value(rules.handling_weeks),
        )
        .col_expr(grant_programme::Column::Active, Expr::value(rules.active))
        .col_expr(
            grant_programme::Column::ReclaimByCommittee,
            Expr::value(rules.reclaim_by_committee),
        )
        .filter(grant_programme::Column::Id.eq(id))
        .exec(&txn)
        .await?;
    events::record(
        &txn,
        NewEvent::about(
            "programme",
            id,
            event,
            Some(admin),
            json!({
                "name": rules.name,
                "window": rules.window,
                "months": [rules.min_months, rules.max_months],
                "required_attachments": rules.required_attachments,
                "criteria": rules.criteria,
                "text_limit": rules.text_limit,
                "dnr_prefix": rules.dnr_prefix,
                "handling_weeks": rules.handling_weeks,
                "active": rules.active,
            }),
        ),
        vec![],
    )
    .await?;
    ctx.commit_and_wake(txn).await?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ProgrammeInput {
        ProgrammeInput {
            name: "Verksamhetsbidrag".into(),
            description: "Bidrag till föreningens löpande verksamhet.".into(),
            window_from: "04-01".into(),
            window_to: "05-31".into(),
            min_months: "12".into(),
            max_months: "36".into(),
            required_attachments: vec!["stadgar".into(), "ovrigt".into(), "okänd".into()],
            criteria: vec!["kvalitet".into(), "påhittat".into()],
            text_limit: "4000".into(),
            dnr_prefix: " sof ".into(),
            handling_weeks: "8".into(),
            active: true,
            reclaim_by_committee: false,
        }
    }

    #[test]
    fn a_programme_is_checked_field_by_field_and_unknown_choices_are_dropped() {
        let rules = input().check().unwrap();
        assert_eq!(rules.window, Some(("04-01".into(), "05-31".into())));
        assert_eq!(
            rules.required_attachments,
            vec!["stadgar"],
            "only required kinds we know"
        );
        assert_eq!(rules.criteria, vec!["kvalitet"]);
        assert_eq!(rules.dnr_prefix, "SOF");

        let always = ProgrammeInput {
            window_from: " ".into(),
            window_to: String::new(),
            ..input()
        };
        assert_eq!(always.check().unwrap().window, None);

        let bad = ProgrammeInput {
            name: String::new(),
            window_from: "04-31".into(),
            window_to: "03-01".into(),
            min_months: "12".into(),
            max_months: "6".into(),
            criteria: vec![],
            text_limit: "99".into(),
            dnr_prefix: "S0F".into(),
            handling_weeks: "0".into(),
            ..input()
        };
        let fields: Vec<&str> = bad
            .check()
            .unwrap_err()
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(
            fields,
            [
                "name",
                "window_from",
                "max_months",
                "criteria",
                "text_limit",
                "dnr_prefix",
                "handling_weeks"
            ]
        );
        let backwards = ProgrammeInput {
            window_from: "06-01".into(),
            window_to: "05-01".into(),
            ..input()
        };
        assert_eq!(
            backwards.check().unwrap_err()[0].1,
            "Sista dagen kan inte vara före första dagen."
        );
    }
}
