//! What the public association page reads, and the links from the minutes.
use std::collections::HashMap;

use chrono::Datelike;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::PublicAssociation;
use crate::backend::entities::{
    application, association, forum_meeting, public_decision, umbrella_application,
};
use crate::domain::org_number::OrgNumber;
use crate::features::umbrella::UmbrellaStatus;
use crate::i18n::Lang;

/// The public page of the association with organisationsnummer `org`, or `None`.
pub async fn by_org(
    db: &impl ConnectionTrait,
    org: &str,
    lang: Lang,
) -> Result<Option<PublicAssociation>, DbErr> {
    let Ok(org) = OrgNumber::parse(org) else {
        return Ok(None);
    };
    let Some(found) = association::Entity::find()
        .filter(association::Column::OrgNumber.eq(org.as_str()))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let helsam_since = umbrella_application::Entity::find()
        .filter(umbrella_application::Column::AssociationId.eq(found.id))
        .order_by_desc(umbrella_application::Column::AppliedAt)
        .one(db)
        .await?
        .filter(|a| a.status == UmbrellaStatus::Approved.as_str())
        .and_then(|a| a.decided_at)
        .map(|at| crate::backend::time::date_of(at).year());
    let cases: Vec<Uuid> = application::Entity::find()
        .select_only()
        .column(application::Column::Id)
        .filter(application::Column::AssociationId.eq(found.id))
        .into_tuple()
        .all(db)
        .await?;
    // A decision whose association is marked secret is published without its name: it
    // must not be tied to the association here either.
    let decisions = public_decision::Entity::find()
        .filter(public_decision::Column::ApplicationId.is_in(cases))
        .filter(public_decision::Column::Association.eq(found.name.as_str()))
        .order_by_desc(public_decision::Column::MeetingOn)
        .order_by_asc(public_decision::Column::Paragraph)
        .all(db)
        .await?
        .iter()
        .map(|d| crate::features::decisions::queries::row(d, lang))
        .collect();
    let name = found.name.to_lowercase();
    let meetings = forum_meeting::Entity::find()
        .order_by_desc(forum_meeting::Column::HeldOn)
        .all(db)
        .await?
        .iter()
        .filter(|meeting| {
            crate::features::minutes::queries::attendees(meeting)
                .iter()
                .any(|a| a.organisations().any(|o| o.to_lowercase() == name))
        })
        .map(crate::features::minutes::queries::row)
        .collect();
    Ok(Some(PublicAssociation {
        name: found.name,
        org_number: found.org_number,
        helsam_since,
        decisions,
        meetings,
    }))
}

/// For each of `organisations` that is the name of a registered association (in any
/// case), the address of its public page, keyed by the name as written.
pub async fn links(
    db: &impl ConnectionTrait,
    organisations: &[String],
) -> Result<HashMap<String, String>, DbErr> {
    if organisations.is_empty() {
        return Ok(HashMap::new());
    }
    let registered: HashMap<String, String> = association::Entity::find()
        .select_only()
        .column(association::Column::Name)
        .column(association::Column::OrgNumber)
        .into_tuple::<(String, String)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(name, org)| (name.to_lowercase(), org))
        .collect();
    Ok(organisations
        .iter()
        .filter_map(|o| {
            registered
                .get(&o.to_lowercase())
                .map(|org| (o.clone(), super::href(org)))
        })
        .collect())
}
