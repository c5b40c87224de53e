//! What the assessment page reads.
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::{AssessmentView, Attestation, Content, Declaration, Proposal, Stage};
use crate::backend::entities::{
    app_user, application, association, case_assessment, case_attestation, case_conflict,
    grant_programme,
};
use crate::backend::time;
use crate::domain::role::Role;

/// The stage a person with `role` acts in.
pub fn stage_of(role: Role) -> Stage {
    if role == Role::Approver {
        Stage::Attestation
    } else {
        Stage::Assessment
    }
}

/// The case's assessment as `viewer` (staff, with `role`) sees it; `None` for a draft
/// or no such case.
pub async fn view(
    db: &impl ConnectionTrait,
    id: Uuid,
    viewer: Uuid,
    role: Role,
) -> Result<Option<AssessmentView>, DbErr> {
    let Some(case) = application::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let Some(dnr) = case.dnr.clone() else {
        return Ok(None);
    };
    let programme = grant_programme::Entity::find_by_id(case.programme_id)
        .one(db)
        .await?;
    let keys: Vec<String> = programme
        .map(|p| serde_json::from_str(&p.criteria).unwrap_or_default())
        .unwrap_or_default();
    let criteria = super::assessed_criteria(&keys);
    let association = association::Entity::find_by_id(case.association_id)
        .one(db)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    let assessment = case_assessment::Entity::find_by_id(id).one(db).await?;
    let content: Content = assessment
        .as_ref()
        .and_then(|a| serde_json::from_str(&a.content).ok())
        .unwrap_or_default();
    let author = match &assessment {
        Some(a) => app_user::Entity::find_by_id(a.author_id)
            .one(db)
            .await?
            .map(|u| u.display_name),
        None => None,
    };
    let attested = case_attestation::Entity::find()
        .filter(case_attestation::Column::ApplicationId.eq(id))
        .order_by_asc(case_attestation::Column::AttestedAt)
        .all(db)
        .await?;
    let approvers = app_user::Entity::find()
        .filter(app_user::Column::Role.eq(Role::Approver))
        .filter(app_user::Column::Active.eq(true))
        .order_by_asc(app_user::Column::DisplayName)
        .all(db)
        .await?;
    let still_to_attest = if attested.len() >= super::ATTESTATIONS_NEEDED {
        vec![]
    } else {
        approvers
            .iter()
            .filter(|a| !attested.iter().any(|t| t.approver_id == a.id))
            .filter(|a| assessment.as_ref().is_none_or(|s| s.author_id != a.id))
            .map(|a| format!("{}, {}", a.display_name, a.title.to_lowercase()))
            .collect()
    };
    let conflicts = case_conflict::Entity::find()
        .filter(case_conflict::Column::ApplicationId.eq(id))
        .order_by_asc(case_conflict::Column::DeclaredAt)
        .all(db)
        .await?;
    let names =
        crate::features::queue::queries::names(db, conflicts.iter().map(|c| c.user_id)).await?;
    let my_stage = stage_of(role);
    let my_declaration = conflicts
        .iter()
        .find(|c| c.user_id == viewer && c.stage == my_stage.as_str())
        .map(|c| c.recused);
    let declarations = conflicts
        .into_iter()
        .filter_map(|c| {
            Some(Declaration {
                name: names.get(&c.user_id).cloned().unwrap_or_default(),
                stage: Stage::parse(&c.stage)?,
                recused: c.recused,
                reason: c.reason,
                date: time::date(c.declared_at),
            })
        })
        .collect();
    Ok(Some(AssessmentView {
        case_id: id,
        dnr,
        association,
        activity: case.activity_name,
        requested: crate::domain::money::format_kr(case.requested_ore),
        status: case.status,
        criteria,
        content,
        proposal: assessment
            .as_ref()
            .and_then(|a| Proposal::parse(&a.proposal)),
        amount: assessment
            .as_ref()
            .and_then(|a| a.amount_ore)
            .map(crate::domain::money::format_kr),
        immediate: assessment.as_ref().is_some_and(|a| a.immediate),
        mine: assessment.as_ref().is_some_and(|a| a.author_id == viewer),
        finished: assessment.as_ref().is_some_and(|a| a.finished_at.is_some()),
        author,
        attested_by_me: attested.iter().any(|t| t.approver_id == viewer),
        attestations: attested
            .into_iter()
            .map(|t| Attestation {
                name: t.name,
                title: t.title,
                date: time::date(t.attested_at),
            })
            .collect(),
        still_to_attest,
        declarations,
        my_declaration,
        my_stage,
    }))
}

/// Whether `who` has recused themselves from case `id` (at any stage): they may not
/// act on it.
pub async fn recused(db: &impl ConnectionTrait, id: Uuid, who: Uuid) -> Result<bool, DbErr> {
    Ok(case_conflict::Entity::find()
        .filter(case_conflict::Column::ApplicationId.eq(id))
        .filter(case_conflict::Column::UserId.eq(who))
        .filter(case_conflict::Column::Recused.eq(true))
        .one(db)
        .await?
        .is_some())
}
