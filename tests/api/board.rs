//! The association's board: members add and remove board members with their roles.
use app::backend::entities::{board_member, domain_event};
use portal_tests::{create_user, fixtures::association_with_owner, spawn_app};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const PASSWORD: &str = "en lång och ovanlig fras";

#[tokio::test]
async fn members_keep_the_board_with_one_chair_and_many_members() {
    let app = spawn_app().await;
    let owner = create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    let id = association_with_owner(&app.db, "802534-3750", owner).await;
    let cookie = app.sign_in("sara@example.se", PASSWORD).await;
    let path = format!("/foreningar/{id}/styrelse");

    for body in [
        "board_name=Sara+Lind&board_role=ordforande",
        "board_name=Nils+Ek&board_role=kassor",
        "board_name=Ali+Demir&board_role=ledamot",
        "board_name=Eva+Berg&board_role=ledamot",
    ] {
        let added = app.post_form_as(Some(&cookie), &path, body).await;
        assert_eq!(added.status(), 303, "{body}");
    }
    let second_chair = app
        .post_form_as(
            Some(&cookie),
            &path,
            "board_name=Per+Holm&board_role=ordforande",
        )
        .await;
    assert_eq!(second_chair.status(), 422);
    let page = second_chair.text().await.unwrap();
    assert!(page.contains("Styrelsen har redan en ordförande"), "{page}");
    assert!(page.contains(r#"value="Per Holm""#), "what was typed stays");
    assert!(
        !page.contains("<template") && !page.contains("Hämtar …"),
        "the page comes back whole, readable without JavaScript"
    );

    let page = app
        .get_as(&cookie, &format!("/foreningar/{id}"))
        .await
        .text()
        .await
        .unwrap();
    let chair = page.find("Sara Lind").unwrap();
    let treasurer = page.find("Nils Ek").unwrap();
    assert!(chair < treasurer, "the chair is listed first");
    assert!(page.contains("kassör"));
    assert_eq!(
        board_member::Entity::find()
            .filter(board_member::Column::AssociationId.eq(id))
            .count(&app.db)
            .await
            .unwrap(),
        4
    );

    let nils = board_member::Entity::find()
        .filter(board_member::Column::Name.eq("Nils Ek"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    // "Ta bort" asks first, on a page of its own that works without JavaScript.
    let asked = app
        .get_as(&cookie, &format!("/foreningar/{id}/styrelse/{}", nils.id))
        .await;
    assert_eq!(asked.status(), 200);
    let question = asked.text().await.unwrap();
    assert!(
        question.contains("Vill du ta bort Nils Ek ur styrelsen?"),
        "{question}"
    );
    assert!(question.contains(&format!(
        r#"action="/foreningar/{id}/styrelse/{}/ta-bort""#,
        nils.id
    )));
    let removed = app
        .post_form_as(
            Some(&cookie),
            &format!("/foreningar/{id}/styrelse/{}/ta-bort", nils.id),
            "",
        )
        .await;
    assert_eq!(removed.status(), 303);
    let back = removed.headers()["location"].to_str().unwrap().to_owned();
    let told = app.get_as(&cookie, &back).await.text().await.unwrap();
    assert!(
        told.contains("Personen är borttagen ur styrelsen."),
        "says what was done"
    );
    assert!(board_member::Entity::find_by_id(nils.id)
        .one(&app.db)
        .await
        .unwrap()
        .is_none());
    assert_eq!(
        domain_event::Entity::find()
            .filter(domain_event::Column::AggregateId.eq(id))
            .filter(domain_event::Column::EventType.starts_with("association.board_member"))
            .count(&app.db)
            .await
            .unwrap(),
        5,
        "four additions and one removal are events"
    );
}

#[tokio::test]
async fn another_associations_applicant_cannot_touch_the_board() {
    let app = spawn_app().await;
    let owner = create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    let id = association_with_owner(&app.db, "802534-3750", owner).await;
    let stranger = create_user(&app.db, "applicant", "kim@example.se", PASSWORD).await;
    association_with_owner(&app.db, "556036-0793", stranger).await;
    let cookie = app.sign_in("kim@example.se", PASSWORD).await;
    let added = app
        .post_form_as(
            Some(&cookie),
            &format!("/foreningar/{id}/styrelse"),
            "board_name=Kim&board_role=ledamot",
        )
        .await;
    assert_eq!(added.status(), 404);
    assert_eq!(
        board_member::Entity::find().count(&app.db).await.unwrap(),
        0
    );
}

/// The board's commands, without HTTP: their rules hold whoever calls them.
mod commands_without_http {
    use super::*;
    use app::backend::command::CommandError;
    use app::features::board::{commands, field, REFUSED};

    #[tokio::test]
    async fn only_owners_and_representatives_change_the_board_and_one_chair_it_has() {
        let app = spawn_app().await;
        let owner = create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
        let member = create_user(&app.db, "applicant", "kim@example.se", PASSWORD).await;
        let stranger = create_user(&app.db, "applicant", "x@example.se", PASSWORD).await;
        let id = association_with_owner(&app.db, "802534-3750", owner).await;
        portal_tests::fixtures::add_member(&app.db, id, member, "member").await;
        let ctx = app.ctx();

        let chair = commands::add_member(&ctx, id, owner, "Sara Lind", "ordforande")
            .await
            .unwrap();
        let second = commands::add_member(&ctx, id, owner, "Per Holm", "ordforande").await;
        assert!(
            matches!(&second, Err(CommandError::Invalid(problems)) if problems[0].0 == field::ROLE),
            "{second:?}"
        );
        let by_member = commands::add_member(&ctx, id, member, "Kim Ek", "ledamot").await;
        assert!(
            matches!(&by_member, Err(CommandError::Forbidden(message)) if message == REFUSED),
            "{by_member:?}"
        );
        let by_stranger = commands::remove_member(&ctx, id, stranger, chair).await;
        assert!(
            matches!(by_stranger, Err(CommandError::NotFound)),
            "{by_stranger:?}"
        );
        commands::remove_member(&ctx, id, owner, chair)
            .await
            .unwrap();
        assert_eq!(
            board_member::Entity::find().count(&app.db).await.unwrap(),
            0
        );
        let again = commands::remove_member(&ctx, id, owner, chair).await;
        assert!(matches!(again, Err(CommandError::NotFound)));
    }
}
