//! The officers' queue: the view the address asks for (filters, search, sorting,
//! pages, counts), triage of one case (handläggare, klar senast, notes), the bulk change
//! of every matching case (all or nothing), the export, and what the applicant sees.
use app::backend::entities::{application, domain_event, outbox};
use app::features::applications::Status;
use app::features::queue::{
    commands::{self, Change},
    queries::{self, Viewer},
    search_text, Filter,
};
use chrono::{Duration, NaiveDate, Utc};
use portal_tests::{create_user, fixtures, spawn_app, TestApp};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
};
use uuid::Uuid;

use crate::applications::TIME_LIMITED;

const PASSWORD: &str = "ett långt lösenord";

/// A submitted case, written straight to the table (the application flow itself is
/// tested in `applications`): `days` ago, for `kr` kronor.
async fn case(
    app: &TestApp,
    association: (Uuid, &str, &str),
    seq: u32,
    activity: &str,
    kr: i64,
    days: i64,
    unbalanced: bool,
) -> Uuid {
    let (association_id, org, name) = association;

    let id = Uuid::now_v7();
    let dnr = format!("SOF 2026/{seq}");
    let at = Utc::now() - Duration::days(days);
    application::Entity::insert(application::ActiveModel {
        id: Set(id),
        association_id: Set(association_id),
        programme_id: Set(TIME_LIMITED),
        status: Set(Status::Submitted),
        revision: Set(1),
        content: Set(format!(
            r#"{{"activity_name":"{activity}","requested_ore":{}}}"#,
            kr * 100
        )),
        activity_name: Set(activity.to_owned()),
        requested_ore: Set(kr * 100),
        period_from: Set(None),
        period_to: Set(None),
        search_text: Set(search_text(&dnr, org, name, activity)),
        dnr: Set(Some(dnr)),
        submitted_at: Set(Some(at)),
        submitted_by: Set(None),
        submit_key: Set(None),
        copy_key: Set(None),
        copied_from: Set(None),
        unbalanced: Set(unbalanced),
        created_by: Set(Uuid::nil()),
        created_at: Set(at),
        updated_at: Set(at),
        withdrawn_at: Set(None),
        assigned_to: Set(None),
        due_on: Set(None),
        completion_due: Set(None),
        missing_attachment: Set(false),
    })
    .exec_without_returning(&app.db)
    .await
    .expect("a case");
    id
}

/// Two associations with their owners, and an officer signed in.
struct Desk {
    app: TestApp,
    kindness: Uuid,
    kindness_owner: Uuid,
    helsam: Uuid,
    officer: Uuid,
    cookie: String,
}

async fn desk() -> Desk {
    let app = spawn_app().await;
    let kindness_owner = create_user(&app.db, "applicant", "sara@example.se", PASSWORD).await;
    let kindness = fixtures::association_with_owner(&app.db, "802534-3750", kindness_owner).await;
    let helsam_owner = create_user(&app.db, "applicant", "kim@example.se", PASSWORD).await;
    let helsam = fixtures::association_with_owner(&app.db, "802480-1524", helsam_owner).await;
    let officer = create_user(&app.db, "officer", "emelie@stad.se", PASSWORD).await;
    let cookie = app.sign_in("emelie@stad.se", PASSWORD).await;
    Desk {
        app,
        kindness,
        kindness_owner,
        helsam,
        officer,
        cookie,
    }
}

fn read(query: &[(&str, &str)]) -> Filter {
    let (filter, problems) = Filter::from_query(|name| {
        query
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| (*v).to_owned())
    });
    assert!(problems.is_empty(), "{problems:?}");
    filter
}

async fn dnrs(desk: &Desk, query: &[(&str, &str)]) -> Vec<String> {
    let viewer = Viewer {
        me: desk.officer,
        today: app::backend::time::today(),
    };
    queries::view(&desk.app.db, read(query), vec![], viewer)
        .await
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.dnr)
        .collect()
}

#[tokio::test]
async fn the_queue_shows_what_the_address_asks_for_on_every_page() {
    let desk = desk().await;
    let k = (desk.kindness, "802534-3750", "Förening 802534-3750");
    let h = (desk.helsam, "802480-1524", "Förening 802480-1524");
    case(&desk.app, k, 1, "Självhjälpsgrupper", 500_000, 30, false).await;
    case(&desk.app, h, 2, "Läxhjälp för unga", 40_000, 20, true).await;
    let third = case(&desk.app, k, 3, "Öppen mötesplats", 120_000, 10, false).await;
    // A draft and a withdrawn case are not in the queue.
    let withdrawn = case(&desk.app, h, 4, "Avslutad", 1_000, 5, false).await;
    application::Entity::update_many()
        .col_expr(
            application::Column::Status,
            sea_orm::sea_query::Expr::value(Status::Withdrawn),
        )
        .filter(application::Column::Id.eq(withdrawn))
        .exec(&desk.app.db)
        .await
        .unwrap();

    assert_eq!(
        dnrs(&desk, &[]).await,
        ["SOF 2026/1", "SOF 2026/2", "SOF 2026/3"],
        "oldest first"
    );
    assert_eq!(
        dnrs(&desk, &[("ordning", "fallande")]).await,
        ["SOF 2026/3", "SOF 2026/2", "SOF 2026/1"]
    );
    assert_eq!(
        dnrs(&desk, &[("sortera", "belopp")]).await,
        ["SOF 2026/2", "SOF 2026/3", "SOF 2026/1"]
    );
    assert_eq!(
        dnrs(&desk, &[("sok", "802480")]).await,
        ["SOF 2026/2"],
        "by org number"
    );
    assert_eq!(
        dnrs(&desk, &[("sok", "ÖPPEN möte")]).await,
        ["SOF 2026/3"],
        "every word, any case, å ä ö"
    );
    assert_eq!(
        dnrs(&desk, &[("sok", "sof 2026/1")]).await,
        ["SOF 2026/1"],
        "by Dnr"
    );
    assert_eq!(
        dnrs(&desk, &[("minst", "100 000"), ("hogst", "200000")]).await,
        ["SOF 2026/3"]
    );
    assert_eq!(
        dnrs(&desk, &[("flaggade", "1")]).await,
        ["SOF 2026/2"],
        "the unbalanced budget"
    );
    let from = (app::backend::time::today() - Duration::days(15)).to_string();
    assert_eq!(dnrs(&desk, &[("fran", &from)]).await, ["SOF 2026/3"]);
    assert_eq!(
        dnrs(
            &desk,
            &[
                ("bidragsform", "tidsbegransat-bidrag"),
                ("handlaggare", "ingen")
            ]
        )
        .await
        .len(),
        3
    );

    // Mine: after taking one.
    commands::assign(
        &desk.app.ctx(),
        desk.officer,
        third,
        &desk.officer.to_string(),
    )
    .await
    .unwrap();
    assert_eq!(dnrs(&desk, &[("handlaggare", "mig")]).await, ["SOF 2026/3"]);
    assert_eq!(
        dnrs(&desk, &[("handlaggare", "ingen")]).await,
        ["SOF 2026/1", "SOF 2026/2"]
    );

    // The page, without JavaScript: rows, counts, sort links that keep the view, and a
    // message by the field for what could not be read.
    let page = desk
        .app
        .get_as(
            &desk.cookie,
            "/handlaggning?sok=f%C3%B6rening&fran=ig%C3%A5r",
        )
        .await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("SOF 2026/1") && html.contains("SOF 2026/3"),
        "{html}"
    );
    assert!(
        !html.contains("SOF 2026/4"),
        "withdrawn cases are not in the queue"
    );
    assert!(
        html.contains("Skriv datumet som ÅÅÅÅ-MM-DD"),
        "the unreadable date is said"
    );
    assert!(html.contains("3 ärenden matchar filtren."));
    assert!(html.contains("sortera=belopp"), "the headers sort");
    assert!(html.contains("sok=f%C3%B6rening"), "and keep the search");
}

#[tokio::test]
async fn many_cases_are_paged_and_counted_over_every_page() {
    let desk = desk().await;
    let k = (desk.kindness, "802534-3750", "Förening 802534-3750");
    for seq in 1..=30 {
        case(
            &desk.app,
            k,
            seq,
            "Verksamhet",
            1_000 * i64::from(seq),
            60 - i64::from(seq),
            false,
        )
        .await;
    }
    let viewer = Viewer {
        me: desk.officer,
        today: app::backend::time::today(),
    };
    let first = queries::view(&desk.app.db, read(&[]), vec![], viewer)
        .await
        .unwrap();
    assert_eq!((first.total, first.pages, first.rows.len()), (30, 2, 25));
    assert_eq!(first.counts[0], (Status::Submitted, 30));
    assert_eq!(
        first.counts.iter().map(|(_, n)| n).sum::<u64>(),
        30,
        "every open stage is counted"
    );
    let second = queries::view(&desk.app.db, read(&[("sida", "2")]), vec![], viewer)
        .await
        .unwrap();
    assert_eq!(second.rows.len(), 5);
    assert_eq!(second.rows[0].dnr, "SOF 2026/26");
    let beyond = queries::view(&desk.app.db, read(&[("sida", "99")]), vec![], viewer)
        .await
        .unwrap();
    assert_eq!(beyond.filter.page, 2, "a page past the end shows the last");

    let html = desk
        .app
        .get_as(&desk.cookie, "/handlaggning")
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Sida 1 av 2") && html.contains("sida=2"),
        "{html}"
    );
    assert!(
        html.contains("Alla 30 ärenden i urvalet"),
        "bulk changes say they cover every page"
    );
}

/// A search many cases match reads its page in the view's order instead of from the
/// search index (`queries::DENSE`, 500): the page must be the one the index gives.
#[tokio::test]
async fn a_search_that_matches_many_cases_pages_as_one_that_matches_few() {
    let desk = desk().await;
    let k = (desk.kindness, "802534-3750", "Förening 802534-3750");
    for seq in 1..=620u32 {
        let activity = if seq % 10 == 0 {
            "Idrott"
        } else {
            "Läxhjälp"
        };
        let kr = 1_000 + i64::from(seq * 7919 % 620);
        case(&desk.app, k, seq, activity, kr, i64::from(seq), false).await;
    }
    // The worker's upkeep: on SQLite the planner then knows the table's figures.
    app::backend::db::optimize(&desk.app.db).await.unwrap();
    if desk.app.db.get_database_backend() == sea_orm::DbBackend::Sqlite {
        let analysed = desk
            .app
            .db
            .query_one_raw(sea_orm::Statement::from_string(
                sea_orm::DbBackend::Sqlite,
                "SELECT count(*) AS n FROM sqlite_stat1 WHERE tbl = 'application'",
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get::<i64>("", "n")
            .unwrap();
        assert!(analysed > 0, "PRAGMA optimize analysed the cases");
    }
    let viewer = Viewer {
        me: desk.officer,
        today: app::backend::time::today(),
    };
    for query in [
        &[("sok", "läxhjälp")][..],
        &[
            ("sok", "läxhjälp"),
            ("sortera", "belopp"),
            ("ordning", "fallande"),
        ],
        &[("sok", "läxhjälp"), ("sida", "3")],
        &[("sok", "idrott")],
    ] {
        let filter = read(query);
        let page = queries::view(&desk.app.db, filter.clone(), vec![], viewer)
            .await
            .unwrap();
        // Every matching case in the view's order, found through the search index.
        let (ids, _) = queries::matching_ids(&desk.app.db, &filter, viewer)
            .await
            .unwrap();
        let from = (page.filter.page as usize - 1) * 25;
        let expected: Vec<Uuid> = ids.iter().skip(from).take(25).copied().collect();
        assert_eq!(
            page.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
            expected,
            "{query:?}"
        );
        assert_eq!(page.total, ids.len() as u64, "{query:?}");
    }
    let many = queries::view(&desk.app.db, read(&[("sok", "läxhjälp")]), vec![], viewer)
        .await
        .unwrap();
    assert_eq!(many.total, 558);
    assert_eq!(many.rows[0].dnr, "SOF 2026/619", "the longest waiting first");
}

#[tokio::test]
async fn a_bulk_change_is_confirmed_with_its_count_and_changes_all_or_nothing() {
    let desk = desk().await;
    let k = (desk.kindness, "802534-3750", "Förening 802534-3750");
    let h = (desk.helsam, "802480-1524", "Förening 802480-1524");
    for seq in 1..=3 {
        case(&desk.app, k, seq, "Självhjälp", 10_000, 10, false).await;
    }
    let other = case(&desk.app, h, 4, "Läxhjälp", 10_000, 10, false).await;
    let colleague = create_user(&desk.app.db, "officer", "ali@stad.se", PASSWORD).await;

    let preview = desk
        .app
        .get_as(
            &desk.cookie,
            &format!(
                "/handlaggning/massandring?sok=802534&atgard=tilldela&ny_handlaggare={colleague}"
            ),
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(
        preview.contains("Tilldela 3 ärenden till Test officer?"),
        "{preview}"
    );
    assert!(preview.contains(r#"name="antal" value="3""#));

    // A case came in meanwhile: nothing changes, and the page says the new count.
    case(&desk.app, k, 5, "Självhjälp", 10_000, 1, false).await;
    let body = format!("sok=802534&atgard=tilldela&ny_handlaggare={colleague}&antal=3");
    let refused = desk
        .app
        .post_form_as(Some(&desk.cookie), "/handlaggning/massandring", &body)
        .await;
    assert_eq!(refused.status(), 409);
    let html = refused.text().await.unwrap();
    assert!(html.contains("det omfattar nu 4 ärenden, inte 3"), "{html}");
    let assigned = application::Entity::find()
        .filter(application::Column::AssignedTo.eq(colleague))
        .count(&desk.app.db)
        .await
        .unwrap();
    assert_eq!(assigned, 0, "all or nothing");

    let body = format!("sok=802534&atgard=tilldela&ny_handlaggare={colleague}&antal=4");
    let done = desk
        .app
        .post_form_as(Some(&desk.cookie), "/handlaggning/massandring", &body)
        .await;
    assert_eq!(done.status(), 303);
    assert_eq!(
        done.headers()["location"],
        "/handlaggning?sok=802534&andrade=4"
    );
    let assigned = application::Entity::find()
        .filter(application::Column::AssignedTo.eq(colleague))
        .count(&desk.app.db)
        .await
        .unwrap();
    assert_eq!(assigned, 4);
    let untouched = application::Entity::find_by_id(other)
        .one(&desk.app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        untouched.assigned_to, None,
        "another association's case is outside the view"
    );
    let events = domain_event::Entity::find()
        .filter(domain_event::Column::EventType.eq("case.assigned"))
        .count(&desk.app.db)
        .await
        .unwrap();
    assert_eq!(events, 4, "each case's history says it");

    // Due dates for the view, through the command; a day in the past is refused.
    let viewer_filter = read(&[("sok", "802534")]);
    let yesterday = app::backend::time::today() - Duration::days(1);
    let refused = commands::due_date_typed(&yesterday.to_string(), app::backend::time::today());
    assert!(refused.is_err());
    let day = app::backend::time::today() + Duration::days(14);
    let changed = commands::bulk(
        &desk.app.ctx(),
        desk.officer,
        &viewer_filter,
        4,
        Change::Due(Some(day)),
    )
    .await
    .unwrap();
    assert_eq!(changed, 4);
}

#[tokio::test]
async fn triage_of_one_case_is_recorded_and_the_applicant_sees_who_handles_it() {
    let desk = desk().await;
    let k = (desk.kindness, "802534-3750", "Förening 802534-3750");
    let id = case(&desk.app, k, 1, "Självhjälpsgrupper", 500_000, 3, false).await;
    let page = format!("/handlaggning/arenden/{id}");

    let taken = desk
        .app
        .post_form_as(
            Some(&desk.cookie),
            &format!("{page}/handlaggare"),
            &format!("handlaggare={}", desk.officer),
        )
        .await;
    assert_eq!(taken.status(), 303);
    let live = outbox::Entity::find()
        .filter(outbox::Column::Kind.eq("live"))
        .count(&desk.app.db)
        .await
        .unwrap();
    assert!(live >= 1, "the live queue hears of it");

    let bad = desk
        .app
        .post_form_as(
            Some(&desk.cookie),
            &format!("{page}/klar-senast"),
            "klar_senast=31%2F12",
        )
        .await;
    assert_eq!(bad.status(), 422);
    let html = bad.text().await.unwrap();
    assert!(
        html.contains("Skriv datumet som ÅÅÅÅ-MM-DD") && html.contains(r#"value="31/12""#),
        "{html}"
    );
    let day = (app::backend::time::today() + Duration::days(7)).to_string();
    let set = desk
        .app
        .post_form_as(
            Some(&desk.cookie),
            &format!("{page}/klar-senast"),
            &format!("klar_senast={day}"),
        )
        .await;
    assert_eq!(set.status(), 303);
    let stored = application::Entity::find_by_id(id)
        .one(&desk.app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.due_on,
        Some(NaiveDate::parse_from_str(&day, "%Y-%m-%d").unwrap())
    );
    assert_eq!(stored.assigned_to, Some(desk.officer));

    let empty = desk
        .app
        .post_form_as(
            Some(&desk.cookie),
            &format!("{page}/anteckningar"),
            "anteckning=+",
        )
        .await;
    assert_eq!(empty.status(), 422);
    let noted = desk
        .app
        .post_form_as(
            Some(&desk.cookie),
            &format!("{page}/anteckningar"),
            "anteckning=Ringde+Sara+om+budgeten",
        )
        .await;
    assert_eq!(noted.status(), 303);
    let html = desk
        .app
        .get_as(&desk.cookie, &page)
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Ringde Sara om budgeten"), "{html}");
    assert!(
        html.contains("Ärendet tilldelades Test officer"),
        "the timeline says it"
    );

    // The applicant sees who handles the case, never the note.
    let applicant = desk.app.sign_in("sara@example.se", PASSWORD).await;
    let html = desk
        .app
        .get_as(&applicant, &format!("/ansokningar/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Test officer"), "{html}");
    assert!(!html.contains("Ringde Sara"), "notes are internal");
    let _ = desk.kindness_owner;

    // The applicant cannot reach the officers' pages or actions.
    assert_eq!(desk.app.get_as(&applicant, &page).await.status(), 404);
    let tried = desk
        .app
        .post_form_as(
            Some(&applicant),
            &format!("{page}/anteckningar"),
            "anteckning=x",
        )
        .await;
    assert_eq!(tried.status(), 404);
}

#[tokio::test]
async fn the_export_holds_every_matching_case_and_no_formulas() {
    let desk = desk().await;
    let k = (desk.kindness, "802534-3750", "Förening 802534-3750");
    case(
        &desk.app,
        k,
        1,
        "=HYPERLINK(\"http://x\")",
        500_000,
        3,
        false,
    )
    .await;
    case(&desk.app, k, 2, "Läxhjälp", 20_000, 2, false).await;
    let response = desk
        .app
        .get_as(&desk.cookie, "/handlaggning/export.csv?sortera=belopp")
        .await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert!(response.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("no-store"));
    let bytes = response.bytes().await.unwrap();
    assert!(
        bytes.starts_with(&[0xEF, 0xBB, 0xBF]),
        "a BOM, for spreadsheets"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("Diarienummer;Förening;"));
    assert!(
        lines[1].starts_with("SOF 2026/2;") && lines[1].contains(";20000;"),
        "{text}"
    );
    assert!(
        lines[2].contains("'=HYPERLINK"),
        "a formula is kept as text: {text}"
    );
    assert_eq!(lines.len(), 3);

    let workbook = desk
        .app
        .get_as(&desk.cookie, "/handlaggning/export.xlsx")
        .await;
    assert_eq!(workbook.status(), 200);
    assert!(workbook.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains(".xlsx"));
    let bytes = workbook.bytes().await.unwrap();
    assert!(bytes.starts_with(b"PK"), "an Office Open XML package (zip)");
    // Read back: Swedish column names, amounts as numbers, dates as dates.
    use calamine::{Data, Reader};
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let sheet = book.worksheet_range("Ärenden").unwrap();
    let rows: Vec<&[Data]> = sheet.rows().collect();
    assert_eq!(rows.len(), 3, "the header and two cases");
    assert_eq!(rows[0][0], Data::String("Diarienummer".into()));
    assert_eq!(rows[0][1], Data::String("Förening".into()));
    assert_eq!(rows[0][5], Data::String("Sökt belopp (kr)".into()));
    let amounts: Vec<f64> = rows[1..]
        .iter()
        .map(|row| match &row[5] {
            Data::Float(kr) => *kr,
            Data::Int(kr) => *kr as f64,
            other => panic!("an amount as a number, not {other:?}"),
        })
        .collect();
    assert!(amounts.contains(&20_000.0), "{amounts:?}");
    assert!(
        matches!(rows[1][8], Data::DateTime(_)),
        "the day it came in is a date: {:?}",
        rows[1][8]
    );
}
