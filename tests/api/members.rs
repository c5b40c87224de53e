//! Members of an association's account: invitations by e-mail, joining, ownership.
use std::time::Duration;

use app::backend::entities::{association_member, user_session};
use portal_tests::{create_user, kept_mails, link_in, spawn_app, wait_until, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use uuid::Uuid;

const PASSWORD: &str = "en lång och ovanlig fras";

async fn association_owned_by(app: &TestApp, owner: Uuid) -> Uuid {
    portal_tests::fixtures::association_with_owner(&app.db, "802534-3750", owner).await
}

async fn invitation_token(app: &TestApp, to: &str) -> String {
    wait_until(Duration::from_secs(10), "the invitation mail", || async {
        kept_mails(&app.data_dir())
            .iter()
            .any(|m| m.contains(to) && m.contains("inbjudan?token="))
    })
    .await;
    let mail = kept_mails(&app.data_dir())
        .into_iter()
        .rev()
        .find(|m| m.contains(to) && m.contains("inbjudan?token="))
        .unwrap();
    link_in(&mail, "inbjudan?token=")
        .unwrap()
        .split("token=")
        .nth(1)
        .unwrap()
        .to_owned()
}

async fn role(app: &TestApp, association: Uuid, email: &str) -> Option<String> {
    use app::backend::entities::app_user;
    let user = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()?;
    association_member::Entity::find_by_id((association, user.id))
        .one(&app.db)
        .await
        .unwrap()
        .map(|m| m.role.as_str().to_owned())
}

#[tokio::test]
async fn an_invited_person_without_an_account_creates_one_from_the_link_and_joins() {
    let app = spawn_app().await;
    let owner = create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    let id = association_owned_by(&app, owner).await;
    let cookie = app.sign_in("sara@example.se", PASSWORD).await;

    let bad = app
        .post_form_as(
            Some(&cookie),
            &format!("/foreningar/{id}/bjud-in"),
            "invite_email=kim",
        )
        .await;
    assert_eq!(bad.status(), 422);
    assert!(bad
        .text()
        .await
        .unwrap()
        .contains("Ange en giltig e-postadress"));
    let sent = app
        .post_form_as(
            Some(&cookie),
            &format!("/foreningar/{id}/bjud-in"),
            "invite_email=Kim%40Example.se",
        )
        .await;
    assert_eq!(sent.status(), 303);
    let token = invitation_token(&app, "kim@example.se").await;

    let page = app.get(&format!("/inbjudan?token={token}")).await;
    assert_eq!(page.status(), 200);
    assert!(page
        .text()
        .await
        .unwrap()
        .contains("Inbjudan till Förening 802534-3750"));

    let weak = app
        .post_form_as(
            None,
            "/inbjudan",
            &format!("token={token}&name=Kim&password=kort"),
        )
        .await;
    assert_eq!(weak.status(), 422);
    let joined = app
        .post_form_as(
            None,
            "/inbjudan",
            &format!("token={token}&name=Kim+Berg&password=kims+egna+l%C3%A5nga+fras"),
        )
        .await;
    assert_eq!(joined.status(), 303);
    assert_eq!(joined.headers()["location"], format!("/foreningar/{id}"));
    let kim = joined.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    assert_eq!(
        role(&app, id, "kim@example.se").await.as_deref(),
        Some("member")
    );
    assert_eq!(
        app.get_as(&kim, &format!("/foreningar/{id}"))
            .await
            .status(),
        200
    );

    let reused = app
        .post_form_as(
            None,
            "/inbjudan",
            &format!("token={token}&name=X&password=en+annan+l%C3%A5ng+fras"),
        )
        .await;
    assert_eq!(reused.status(), 400, "an invitation works once");
}

#[tokio::test]
async fn a_signed_in_person_joins_only_with_the_invited_address() {
    let app = spawn_app().await;
    let owner = create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    create_user(&app.db, "applicant", "kim@example.se", PASSWORD).await;
    create_user(&app.db, "applicant", "eve@example.se", PASSWORD).await;
    let id = association_owned_by(&app, owner).await;
    let sara = app.sign_in("sara@example.se", PASSWORD).await;
    app.post_form_as(
        Some(&sara),
        &format!("/foreningar/{id}/bjud-in"),
        "invite_email=kim%40example.se",
    )
    .await;
    let token = invitation_token(&app, "kim@example.se").await;

    let eve = app.sign_in("eve@example.se", PASSWORD).await;
    let refused = app
        .post_form_as(Some(&eve), "/inbjudan", &format!("token={token}"))
        .await;
    assert_eq!(refused.status(), 403);
    assert_eq!(role(&app, id, "eve@example.se").await, None);

    let kim = app.sign_in("kim@example.se", PASSWORD).await;
    let joined = app
        .post_form_as(Some(&kim), "/inbjudan", &format!("token={token}"))
        .await;
    assert_eq!(joined.status(), 303);
    assert_eq!(
        role(&app, id, "kim@example.se").await.as_deref(),
        Some("member")
    );

    // A member who is not an owner cannot invite.
    let not_owner = app
        .post_form_as(
            Some(&kim),
            &format!("/foreningar/{id}/bjud-in"),
            "invite_email=x%40example.se",
        )
        .await;
    assert_eq!(not_owner.status(), 404);
}

#[tokio::test]
async fn ownership_moves_between_members_and_the_last_owner_cannot_leave() {
    let app = spawn_app().await;
    let owner = create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    let kim_id = create_user(&app.db, "applicant", "kim@example.se", PASSWORD).await;
    let id = association_owned_by(&app, owner).await;
    portal_tests::fixtures::add_member(&app.db, id, kim_id, "member").await;
    let sara = app.sign_in("sara@example.se", PASSWORD).await;
    let kim = app.sign_in("kim@example.se", PASSWORD).await;

    let leave = app
        .post_form_as(
            Some(&sara),
            &format!("/foreningar/{id}/medlemmar/{owner}/ta-bort"),
            "",
        )
        .await;
    assert_eq!(leave.status(), 409, "the last owner cannot leave");
    let demote = app
        .post_form_as(
            Some(&sara),
            &format!("/foreningar/{id}/medlemmar/{owner}/gor-till-medlem"),
            "",
        )
        .await;
    assert_eq!(demote.status(), 409);
    let kim_promotes = app
        .post_form_as(
            Some(&kim),
            &format!("/foreningar/{id}/medlemmar/{kim_id}/gor-till-agare"),
            "",
        )
        .await;
    assert_eq!(
        kim_promotes.status(),
        404,
        "members cannot make themselves owners"
    );

    // Hand over: make Kim owner, then Sara steps down and leaves.
    assert_eq!(
        app.post_form_as(
            Some(&sara),
            &format!("/foreningar/{id}/medlemmar/{kim_id}/gor-till-agare"),
            ""
        )
        .await
        .status(),
        303
    );
    assert_eq!(
        app.post_form_as(
            Some(&sara),
            &format!("/foreningar/{id}/medlemmar/{owner}/gor-till-medlem"),
            ""
        )
        .await
        .status(),
        303
    );
    let left = app
        .post_form_as(
            Some(&sara),
            &format!("/foreningar/{id}/medlemmar/{owner}/ta-bort"),
            "",
        )
        .await;
    assert_eq!(left.status(), 303);
    assert_eq!(left.headers()["location"], "/mina-sidor");
    assert_eq!(
        role(&app, id, "kim@example.se").await.as_deref(),
        Some("owner")
    );
    assert_eq!(role(&app, id, "sara@example.se").await, None);
    assert_eq!(
        app.get_as(&sara, &format!("/foreningar/{id}"))
            .await
            .status(),
        404,
        "Sara no longer sees it"
    );
    let history = app::backend::events::history(&app.db, "association", id)
        .await
        .unwrap();
    let types: Vec<_> = history.iter().map(|e| e.event_type.as_str()).collect();
    assert_eq!(
        types,
        [
            "association.owner_added",
            "association.owner_removed",
            "association.member_removed"
        ]
    );
    assert!(user_session::Entity::find().count(&app.db).await.unwrap() >= 2);
}

/// Owners see the invitations nobody has used yet, and can send one again (a new link;
/// the old one dies) or withdraw it.
#[tokio::test]
async fn owners_see_waiting_invitations_and_resend_or_withdraw_them() {
    use app::backend::entities::association_invitation;
    let app = spawn_app().await;
    let owner = create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    let id = association_owned_by(&app, owner).await;
    let cookie = app.sign_in("sara@example.se", PASSWORD).await;
    app.post_form_as(
        Some(&cookie),
        &format!("/foreningar/{id}/bjud-in"),
        "invite_email=kim%40example.se",
    )
    .await;
    let first = invitation_token(&app, "kim@example.se").await;
    let page = app
        .get_as(&cookie, &format!("/foreningar/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Inbjudningar som inte har använts"), "{page}");
    assert!(page.contains("kim@example.se"));
    let key = association_invitation::Entity::find()
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .token_hash;

    let resent = app
        .post_form_as(
            Some(&cookie),
            &format!("/foreningar/{id}/inbjudningar/{key}/skicka-igen"),
            "",
        )
        .await;
    assert_eq!(resent.status(), 303);
    assert_eq!(
        resent.headers()["location"],
        format!("/foreningar/{id}?klart=inbjudan-igen").as_str()
    );
    wait_until(Duration::from_secs(10), "the second invitation", || async {
        kept_mails(&app.data_dir())
            .iter()
            .filter(|m| m.contains("inbjudan?token="))
            .count()
            == 2
    })
    .await;
    let second = invitation_token(&app, "kim@example.se").await;
    assert_ne!(first, second);
    let dead = app
        .get(&format!("/inbjudan?token={first}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        dead.contains("Inbjudan fungerar inte längre"),
        "the first link no longer works"
    );

    let key = association_invitation::Entity::find()
        .filter(
            association_invitation::Column::ExpiresAtMs.gt(chrono::Utc::now().timestamp_millis()),
        )
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .token_hash;
    let withdrawn = app
        .post_form_as(
            Some(&cookie),
            &format!("/foreningar/{id}/inbjudningar/{key}/aterkalla"),
            "",
        )
        .await;
    assert_eq!(withdrawn.status(), 303);
    let back = withdrawn.headers()["location"].to_str().unwrap().to_owned();
    let page = app.get_as(&cookie, &back).await.text().await.unwrap();
    assert!(!page.contains("Inbjudningar som inte har använts"));
    assert!(page.contains("Inbjudan är återkallad."));
}

/// Membership's commands, without HTTP: their rules hold whoever calls them.
mod commands_without_http {
    use super::*;
    use app::backend::command::CommandError;
    use app::features::membership::commands::{self, MemberChange, KEEP_AN_OWNER};

    #[tokio::test]
    async fn the_account_keeps_an_owner_and_only_owners_change_roles() {
        let app = spawn_app().await;
        let ctx = app.ctx();
        let owner = create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
        let member = create_user(&app.db, "applicant", "kim@example.se", PASSWORD).await;
        let id = association_owned_by(&app, owner).await;
        portal_tests::fixtures::add_member(&app.db, id, member, "member").await;

        let last = commands::change_member(&ctx, id, owner, owner, MemberChange::Remove).await;
        assert!(
            matches!(&last, Err(CommandError::Conflict(m)) if m == KEEP_AN_OWNER),
            "{last:?}"
        );
        let by_member =
            commands::change_member(&ctx, id, member, member, MemberChange::MakeOwner).await;
        assert!(
            matches!(by_member, Err(CommandError::NotFound)),
            "a member cannot promote"
        );
        commands::change_member(&ctx, id, owner, member, MemberChange::MakeOwner)
            .await
            .unwrap();
        commands::change_member(&ctx, id, owner, owner, MemberChange::Remove)
            .await
            .unwrap();
        assert_eq!(
            role(&app, id, "kim@example.se").await.as_deref(),
            Some("owner")
        );
        assert_eq!(role(&app, id, "sara@example.se").await, None, "she left");
    }
}
