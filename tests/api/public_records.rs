//! Public records: the decisions and the anslagstavla from the demo's decided cases, and
//! the secrecy marks, which never reach a public page.
use app::backend::command::CommandError;
use app::backend::entities::{application, public_decision};
use app::features::applications::Status;
use app::features::decisions::commands;
use portal_tests::{spawn_app_with, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const EMELIE: (&str, &str) = (
    "emelie.steen@socialforvaltningen.example",
    "Handlaggare-demo-2026",
);

async fn page(app: &TestApp, path: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

async fn seed_case(app: &TestApp) -> application::Model {
    application::Entity::find()
        .filter(application::Column::Status.eq(Status::Rejected))
        .filter(application::Column::ActivityName.eq("Etablering av ett självhjälpscenter"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the demo's OFU seed case")
}

#[tokio::test]
async fn the_public_reads_decisions_and_the_anslagstavla_with_their_dates() {
    let app = spawn_app_with(|settings| settings.demo = true).await;
    let seed = seed_case(&app).await;
    let slug = app::features::decisions::slug(seed.dnr.as_deref().unwrap());

    // Every decided and justerad case, anonymously.
    let list = page(&app, "/beslut").await;
    for part in [
        "Etablering av ett självhjälpscenter",
        "Kindness &amp; Compassion",
        "Avslagen",
        "Stödsamtal för anhöriga",
        "Beviljad",
        "Samtalsgrupper för vuxna i ensamhet",
        "3 beslut.",
    ] {
        assert!(list.contains(part), "{part} in {list}");
    }
    assert!(
        !list.contains("Sommarläger för barn"),
        "a case on an agenda is not decided yet"
    );
    // Filters: year, outcome, programme.
    let in_2023 = page(&app, "/beslut?ar=2023").await;
    assert!(in_2023.contains("självhjälpscenter") && !in_2023.contains("Stödsamtal"));
    let granted = page(&app, "/beslut?beslut=beviljad").await;
    assert!(granted.contains("Stödsamtal") && !granted.contains("självhjälpscenter"));
    let iop = page(&app, "/beslut?bidragsform=iop").await;
    assert!(iop.contains("Inga beslut matchar urvalet."));
    let odd = page(&app, "/beslut?ar=%3Cscript%3E&beslut=x&sida=-4").await;
    assert!(odd.contains("3 beslut."), "unreadable values are left out");

    // The decision at its stable address, with its legal clock.
    let one = page(&app, &format!("/beslut/{slug}")).await;
    for part in [
        "Organisations- och föreningsutskottet avslår ansökan om tidsbegränsat bidrag från Kindness &amp; Compassion för verksamheten ”Etablering av ett självhjälpscenter”.",
        "12 december 2023, § 1",
        "Protokollet justerat",
        "3 januari 2024",
        "senast den 2 januari 2024",
        "Efter en samlad bedömning",
    ] {
        assert!(one.contains(part), "{part} in {one}");
    }
    assert_eq!(app.get("/beslut/sof-1999-1").await.status(), 404);

    // The anslagstavla: the 2023 notice archived, last month's still up.
    let board = page(&app, "/anslagstavla").await;
    let (current, archive) = board.split_once("rubrik-arkiv").unwrap();
    assert!(
        archive.contains("sammanträde 12 december 2023")
            && archive.contains("Togs ned efter")
            && archive.contains("2 januari 2024"),
        "{archive}"
    );
    assert!(current.contains("Tas ned efter"), "{current}");
    assert!(board.contains("laglighetsprövning"));
    assert!(board.contains("/beslut?mote="));
}

#[tokio::test]
async fn fields_marked_secret_never_reach_a_public_page() {
    let app = spawn_app_with(|settings| settings.demo = true).await;
    let seed = seed_case(&app).await;
    let slug = app::features::decisions::slug(seed.dnr.as_deref().unwrap());
    let cookie = app.sign_in(EMELIE.0, EMELIE.1).await;
    let form = format!("/handlaggning/arenden/{}/sekretess", seed.id);

    // A mark needs its ground; the typed choice comes back.
    let bare = app
        .post_form_as(Some(&cookie), &form, "sekretess=activity&sekretess_grund=")
        .await;
    assert_eq!(bare.status(), 422);
    assert!(bare
        .text()
        .await
        .unwrap()
        .contains("Ange grunden för sekretessen"));
    let odd = app
        .post_form_as(
            Some(&cookie),
            &form,
            "sekretess=org_number&sekretess_grund=OSL",
        )
        .await;
    assert_eq!(odd.status(), 422);

    let marked = app
        .post_form_as(
            Some(&cookie),
            &form,
            "sekretess=association&sekretess=activity&sekretess=motivation&sekretess_grund=OSL+26+kap.+1+%C2%A7",
        )
        .await;
    assert_eq!(marked.status(), 303);
    // The association's other decision (last year's grant) has its name marked too.
    let others = public_decision::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter(|d| d.association.contains("Kindness") && d.application_id != seed.id);
    for other in others {
        let marked = app
            .post_form_as(
                Some(&cookie),
                &format!("/handlaggning/arenden/{}/sekretess", other.application_id),
                "sekretess=association&sekretess_grund=OSL+26+kap.+1+%C2%A7",
            )
            .await;
        assert_eq!(marked.status(), 303);
    }
    let public = public_decision::Entity::find_by_id(seed.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(!public.activity.contains("självhjälpscenter"));

    // Every public page, and the public server functions.
    let mut pages = vec![
        "/".to_owned(),
        "/beslut".to_owned(),
        "/beslut?ar=2023".to_owned(),
        format!("/beslut/{slug}"),
        "/anslagstavla".to_owned(),
        "/soka-bidrag".to_owned(),
        "/gemensam-utvecklingsgrupp".to_owned(),
        "/medlemskap".to_owned(),
    ];
    pages.sort();
    for path in &pages {
        let html = page(&app, path).await;
        for secret in ["självhjälpscenter", "Kindness", "Efter en samlad bedömning"] {
            assert!(!html.contains(secret), "{secret} on {path}");
        }
    }
    for (endpoint, body) in [
        ("/api/public/decisions", String::new()),
        ("/api/public/decision", format!("slug={slug}")),
        ("/api/public/notices", String::new()),
    ] {
        let response = app
            .client
            .post(format!("{}{endpoint}", app.address))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("accept", "application/json")
            .body(body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{endpoint}");
        let json = response.text().await.unwrap();
        for secret in ["självhjälpscenter", "Kindness", "Efter en samlad bedömning"] {
            assert!(!json.contains(secret), "{secret} in {endpoint}: {json}");
        }
    }
    let one = page(&app, &format!("/beslut/{slug}")).await;
    assert!(one.contains(app::features::decisions::SECRET));

    // Unmarking publishes the names again.
    let cleared = app
        .post_form_as(Some(&cookie), &form, "sekretess_grund=")
        .await;
    assert_eq!(cleared.status(), 303);
    assert!(page(&app, &format!("/beslut/{slug}"))
        .await
        .contains("självhjälpscenter"));

    // Only officers mark.
    let approver = app::backend::entities::app_user::Entity::find()
        .filter(
            app::backend::entities::app_user::Column::Email
                .eq("lina.blombergsson@socialforvaltningen.example"),
        )
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let refused = commands::mark_secret(&app.ctx(), approver.id, seed.id, &[], "").await;
    assert!(
        matches!(refused, Err(CommandError::Forbidden(_))),
        "{refused:?}"
    );
}
