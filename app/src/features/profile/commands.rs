//! The profile's state change.
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use serde_json::json;
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::backend::{
    command::{CommandError, Ctx},
    entities::association,
    events::{self, Effect, NewEvent},
    mail::EmailJob,
    time::swedish_time,
};
use crate::domain::profile::Profile;
use crate::notifications::MailKind;
use crate::site::contact;

/// A member saves the association's profile form (`form` as posted). Someone not on the
/// account gets `NotFound`; fields missing from the form of a member who may not change
/// the payment details keep their stored values, and a change of them by such a member
/// is `Forbidden`. Every problem of the form comes back by its field.
#[tracing::instrument(skip_all, fields(association = %id))]
pub async fn save(
    ctx: &Ctx,
    id: Uuid,
    user: &CurrentUser,
    mut form: std::collections::HashMap<String, String>,
) -> Result<(), CommandError> {
    use crate::backend::entities::association_member;
    use crate::domain::profile::{self, field};
    use chrono::Datelike;
    association_member::Entity::find_by_id((id, user.id))
        .one(&ctx.db)
        .await?
        .ok_or(CommandError::NotFound)?;
    let current = association::Entity::find_by_id(id)
        .one(&ctx.db)
        .await?
        .ok_or(CommandError::NotFound)?;
    let may_manage =
        crate::features::representatives::queries::may_manage(&ctx.db, id, user.id, ctx.today)
            .await?;
    for (key, stored) in [
        (field::BANKGIRO, &current.bankgiro),
        (field::PLUSGIRO, &current.plusgiro),
    ] {
        form.entry(key.to_owned()).or_insert_with(|| stored.clone());
    }
    let profile =
        profile::validate(&form, chrono::Utc::now().year()).map_err(CommandError::Invalid)?;
    if (profile.bankgiro != current.bankgiro || profile.plusgiro != current.plusgiro) && !may_manage
    {
        return Err(CommandError::Forbidden(
            super::PAYMENT_DETAILS_REFUSED.to_owned(),
        ));
    }
    save_profile(ctx, id, user, &profile, may_manage).await
}

/// Saves the checked `profile` of association `id` for `user` (a member of its account;
/// the caller has checked). The bankgiro and plusgiro are written only when `may_manage`
/// (an owner or a verified representative); a change of them is mailed to the owners and
/// the representatives and recorded for staff to see.
#[tracing::instrument(skip_all, fields(association = %id))]
pub async fn save_profile(
    ctx: &Ctx,
    id: Uuid,
    user: &CurrentUser,
    profile: &Profile,
    may_manage: bool,
) -> Result<(), CommandError> {
    let txn = crate::backend::db::begin_write(&ctx.db).await?;
    let Some(current) = association::Entity::find_by_id(id).one(&txn).await? else {
        return Err(CommandError::NotFound);
    };
    let mut changed = Vec::new();
    let mut row: association::ActiveModel = current.clone().into();
    macro_rules! set {
        ($field:ident, $value:expr, $name:literal) => {
            if current.$field != $value {
                row.$field = Set($value);
                changed.push($name);
            }
        };
    }
    set!(name, profile.name.clone(), "name");
    set!(founded_year, Some(profile.founded_year), "founded_year");
    set!(
        members_in_city,
        Some(profile.members_in_city),
        "members_in_city"
    );
    set!(target_group, profile.target_group.clone(), "target_group");
    set!(
        postal_address,
        profile.postal_address.clone(),
        "postal_address"
    );
    set!(
        contact_person,
        profile.contact_person.clone(),
        "contact_person"
    );
    set!(email, profile.email.clone(), "email");
    set!(phone, profile.phone.clone(), "phone");
    // Read again in this transaction: a member who may not change them never
    // writes them, not even back to what they were when the page was read.
    if may_manage {
        set!(bankgiro, profile.bankgiro.clone(), "bankgiro");
        set!(plusgiro, profile.plusgiro.clone(), "plusgiro");
    }
    let giro_before = giro_text(&current.bankgiro, &current.plusgiro);
    let giro_now = if may_manage {
        giro_text(&profile.bankgiro, &profile.plusgiro)
    } else {
        giro_before.clone()
    };
    if !changed.is_empty() {
        row.update(&txn).await?;
        events::record(
            &txn,
            NewEvent::about_association(
                id,
                "association.profile_updated",
                Some(user.id),
                json!({ "fields": changed }),
            ),
            Vec::new(),
        )
        .await?;
    }
    if giro_before != giro_now {
        // Where the money goes changed: everyone answerable for it hears of it, and
        // staff see it (from this event) before the next payment.
        let watchers =
            crate::features::representatives::queries::payment_watchers(&txn, id, ctx.today)
                .await?;
        let link = ctx.link(&format!("/foreningar/{id}"))?;
        let mails = watchers
            .into_iter()
            .map(|(user_id, email, name)| {
                Effect::Email(EmailJob::to_account(
                    MailKind::PaymentDetailsChanged,
                    user_id,
                    &email,
                    &name,
                    json!({
                        "name": name,
                        "association": profile.name,
                        "changed_by": user.display_name,
                        "time": format!("den {}", swedish_time(chrono::Utc::now())),
                        "now": giro_now,
                        "before": giro_before,
                        "contact_email": contact::EMAIL,
                        "link": link,
                    }),
                ))
            })
            .collect();
        events::record(
            &txn,
            NewEvent::about_association(
                id,
                "association.payment_details_changed",
                Some(user.id),
                json!({ "before": giro_before, "now": giro_now }),
            ),
            mails,
        )
        .await?;
    }
    ctx.commit_and_wake(txn).await
}

/// "bankgiro 5050-1055", "plusgiro 12345-6" or "inget bankgiro eller plusgiro", as
/// mails, events and the staff's warning say it mid-sentence.
fn giro_text(bankgiro: &str, plusgiro: &str) -> String {
    match (bankgiro.is_empty(), plusgiro.is_empty()) {
        (false, false) => format!("bankgiro {bankgiro} och plusgiro {plusgiro}"),
        (false, true) => format!("bankgiro {bankgiro}"),
        (true, false) => format!("plusgiro {plusgiro}"),
        (true, true) => "inget bankgiro eller plusgiro".to_owned(),
    }
}
