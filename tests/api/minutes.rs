//! The minutes of Gemensam utvecklingsgrupp: the seed's meeting in the demo, the search
//! with Swedish stemming (both databases), the staff's form with preview and its checks,
//! the sanitising of what staff write, and the Atom feed.
use portal_tests::{encode, spawn_app_with, TestApp};

const EMELIE: (&str, &str) = (
    "emelie.steen@socialforvaltningen.example",
    "Handlaggare-demo-2026",
);
const SARA: (&str, &str) = ("sara.lind@kindness-compassion.example", "Sokande-demo-2026");
const LIST: &str = "/gemensam-utvecklingsgrupp/minnesanteckningar";
const STAFF: &str = "/handlaggning/minnesanteckningar";

async fn page(app: &TestApp, path: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

fn form(date: &str, title: &str, attendees: &str, text: &str, action: &str) -> String {
    format!(
        "datum={}&rubrik={}&narvarande={}&text={}&atgard={action}",
        encode(date),
        encode(title),
        encode(attendees),
        encode(text)
    )
}

#[tokio::test]
async fn the_seed_meeting_is_public_with_all_attendees_and_sections() {
    let app = spawn_app_with(|settings| settings.demo = true).await;
    let list = page(&app, LIST).await;
    assert!(
        list.contains(
            r#"27 november 2017<!> – <span lang="sv">Föreningarnas förutsättningar</span>"#
        ),
        "{list}"
    );
    assert!(list.contains("(31 närvarande)"), "{list}");
    assert!(list.contains(r#"<h2 id="ar-2017">2017</h2>"#), "{list}");

    let meeting = page(&app, &format!("{LIST}/2017-11-27")).await;
    assert!(meeting.contains("Närvarande (31)"), "{meeting}");
    // Every attendee of the seed, with the organisation where one was given.
    let seed = include_str!("../../server/demo/utvecklingsgrupp-2017-11-27-narvarande.txt");
    for line in seed.lines() {
        let name = line.split(',').next().unwrap().trim();
        assert!(meeting.contains(name), "{name} in the minutes");
    }
    assert!(meeting.contains(", Hela människan<"), "{meeting}");
    for section in [
        "<h2>Föreningsbidrag från socialnämnden</h2>",
        "<h2>IOP-avtal</h2>",
        "<h3>Vem ska man kontakta om IOP?</h3>",
        "<h2>Helsam</h2>",
        "<h3>Hur går vi med i Helsam?</h3>",
        "<h2>Går det att samverka om lokaler?</h2>",
        "<h2>Sysselsättning</h2>",
        "<h2>Vad är Gemensam utvecklingsgrupp?</h2>",
        "<h3>Vilka deltar?</h3>",
        "<h2>Öppnasoc</h2>",
        "<li>Föreningservice för ekonomi och organisation.</li>",
        "<em>Jag kan</em>",
        r#"<a href="https://jagkan.helsingborg.se/" rel="noopener noreferrer">"#,
    ] {
        assert!(meeting.contains(section), "{section} in the minutes");
    }
    assert!(
        !meeting.contains("Redigera minnesanteckningarna"),
        "the public cannot edit"
    );
    assert_eq!(app.get(&format!("{LIST}/2017-11-28")).await.status(), 404);
    assert_eq!(
        app.get(&format!("{LIST}/inte-ett-datum")).await.status(),
        404
    );
}

#[tokio::test]
async fn search_finds_other_forms_of_a_word_and_shows_the_hit_in_context() {
    let app = spawn_app_with(|settings| settings.demo = true).await;
    // "lokal" finds the meeting's "lokaler", marked in its context.
    let hits = page(&app, &format!("{LIST}?sok=lokal")).await;
    assert!(hits.contains("1 möte innehåller ”lokal”."), "{hits}");
    assert!(hits.contains("<mark>lokaler</mark>"), "{hits}");
    assert!(
        hits.contains(&format!(r#"href="{LIST}/2017-11-27""#)),
        "{hits}"
    );
    // Every word must be there; endings do not matter.
    let both = page(
        &app,
        &format!("{LIST}?sok={}", encode("Föreningens medlemsavgiften")),
    )
    .await;
    assert!(both.contains("1 möte innehåller"), "{both}");
    let none = page(&app, &format!("{LIST}?sok={}", encode("lokal simhall"))).await;
    assert!(
        none.contains("Inga minnesanteckningar innehåller"),
        "{none}"
    );
    // å, ä and ö are letters of their own: "for" is not "för".
    let other = page(&app, &format!("{LIST}?sok=for")).await;
    assert!(
        other.contains("Inga minnesanteckningar innehåller"),
        "{other}"
    );
    // Operators and quotes are words like any other, never a query error.
    for hostile in [
        "\"",
        "lokal OR",
        "NEAR(a b)",
        "*",
        "'; DROP TABLE x; --",
        "%_\\",
    ] {
        let response = app.get(&format!("{LIST}?sok={}", encode(hostile))).await;
        assert_eq!(response.status(), 200, "{hostile}");
    }
}

/// The preview section of a page (the form below it holds the typed text as it was).
pub(crate) fn preview_of(page: &str) -> &str {
    let start = page.find("rubrik-forhandsgranskning").expect("a preview");
    let end = start + page[start..].find("</section>").unwrap();
    &page[start..end]
}

#[tokio::test]
async fn staff_write_minutes_with_a_preview_and_what_they_write_is_sanitised() {
    let app = spawn_app_with(|settings| settings.demo = true).await;
    let officer = app.sign_in(EMELIE.0, EMELIE.1).await;
    let new = format!("{STAFF}/ny");
    let text = "# Tema\n\nVi pratade om <script>alert(1)</script>lokaler och \
                [en länk](javascript:alert(2)) och <img src=x onerror=alert(3)>.\n\n\
                Läs mer: <https://oppnasoc.helsingborg.se/utveckling/>";

    // The preview shows the sanitised text and saves nothing.
    let response = app
        .post_form_as(
            Some(&officer),
            &new,
            &form(
                "2018-02-19",
                "Sysselsättning",
                "Kalle Pettersson, socialförvaltningen",
                text,
                "forhandsgranska",
            ),
        )
        .await;
    assert_eq!(response.status(), 200);
    let body = response.text().await.unwrap();
    assert!(body.contains("Sysselsättning"), "what was typed is kept");
    let preview = preview_of(&body);
    assert!(preview.contains("<h2>Tema</h2>"), "{preview}");
    // What is left of the hostile parts is text, never markup: no script, no handler,
    // no javascript: link.
    assert!(
        !preview.contains("<script")
            && !preview.contains("onerror=")
            && !preview.contains("=\"javascript:"),
        "{preview}"
    );
    assert_eq!(app.get(&format!("{LIST}/2018-02-19")).await.status(), 404);

    // Each field's problem by the field, what was typed kept, nothing saved.
    let response = app
        .post_form_as(Some(&officer), &new, &form("19/2", "", "Namn", "", "spara"))
        .await;
    assert_eq!(response.status(), 422);
    let body = response.text().await.unwrap();
    for message in [
        "Skriv datumet som ÅÅÅÅ-MM-DD",
        "Skriv en rubrik",
        "Skriv minnesanteckningarna",
    ] {
        assert!(body.contains(message), "{message} in {body}");
    }
    assert!(body.contains("19/2"), "the typed date is kept");
    // A date that already has minutes is refused by the date field.
    let response = app
        .post_form_as(
            Some(&officer),
            &new,
            &form("2017-11-27", "Igen", "", "Text", "spara"),
        )
        .await;
    assert_eq!(response.status(), 409);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("Det finns redan minnesanteckningar från det datumet"));

    // Saved: published at once, sanitised, and searchable.
    let response = app
        .post_form_as(
            Some(&officer),
            &new,
            &form(
                "2018-02-19",
                "Sysselsättning",
                "Kalle Pettersson, socialförvaltningen\nBirgitta Möller",
                text,
                "spara",
            ),
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        format!("{LIST}/2018-02-19?sparat=1")
    );
    let meeting = page(&app, &format!("{LIST}/2018-02-19")).await;
    assert!(meeting.contains("Närvarande (2)"));
    assert!(
        !meeting.contains("<script>alert")
            && !meeting.contains("onerror")
            && !meeting.contains("=\"javascript:")
    );
    assert!(meeting.contains(
        r#"<a href="https://oppnasoc.helsingborg.se/utveckling/" rel="noopener noreferrer">"#
    ));
    let list = page(&app, LIST).await;
    assert!(
        list.find("ar-2018").unwrap() < list.find("ar-2017").unwrap(),
        "newest year first"
    );
    let hits = page(&app, &format!("{LIST}?sok=lokalerna")).await;
    assert!(hits.contains("2 möten innehåller"), "{hits}");

    // Edited: moved to another day, the search follows the new text.
    let edit = format!("{STAFF}/2018-02-19");
    let form_page = app.get_as(&officer, &edit).await.text().await.unwrap();
    assert!(
        form_page.contains("Kalle Pettersson, socialförvaltningen\nBirgitta Möller"),
        "{form_page}"
    );
    let response = app
        .post_form_as(
            Some(&officer),
            &edit,
            &form(
                "2018-02-20",
                "Sysselsättning",
                "",
                "Om gröna jobb.",
                "spara",
            ),
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(app.get(&format!("{LIST}/2018-02-19")).await.status(), 404);
    // The 2017 meeting spoke of "gröna jobb" too: both, newest first.
    let hits = page(&app, &format!("{LIST}?sok={}", encode("gröna jobben"))).await;
    assert!(hits.contains("2 möten innehåller"), "{hits}");
    assert!(
        hits.find("2018-02-20").unwrap() < hits.find("2017-11-27").unwrap(),
        "{hits}"
    );
}

#[tokio::test]
async fn only_staff_may_write_minutes() {
    let app = spawn_app_with(|settings| settings.demo = true).await;
    let body = form("2018-03-01", "Tema", "", "Text", "spara");
    let anonymous = app.post_form_as(None, &format!("{STAFF}/ny"), &body).await;
    assert_eq!(anonymous.status(), 303, "to sign in");
    let applicant = app.sign_in(SARA.0, SARA.1).await;
    let refused = app
        .post_form_as(Some(&applicant), &format!("{STAFF}/ny"), &body)
        .await;
    assert_eq!(refused.status(), 404);
    let refused = app
        .post_form_as(Some(&applicant), &format!("{STAFF}/2017-11-27"), &body)
        .await;
    assert_eq!(refused.status(), 404);
    assert_eq!(
        app.get_as(&applicant, &format!("{STAFF}/ny"))
            .await
            .status(),
        404
    );
    assert_eq!(
        app.get(&format!("{LIST}/2018-03-01")).await.status(),
        404,
        "nothing saved"
    );
}

#[tokio::test]
async fn the_atom_feed_lists_the_minutes() {
    let app = spawn_app_with(|settings| settings.demo = true).await;
    let response = app.get(&format!("{LIST}.atom")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "application/atom+xml; charset=utf-8"
    );
    let feed = response.text().await.unwrap();
    assert!(
        feed.contains(r#"<feed xmlns="http://www.w3.org/2005/Atom""#),
        "{feed}"
    );
    assert!(
        feed.contains("Föreningarnas förutsättningar – 27 november 2017"),
        "{feed}"
    );
    assert!(
        feed.contains("/gemensam-utvecklingsgrupp/minnesanteckningar/2017-11-27"),
        "{feed}"
    );
    assert!(feed.contains("<published>2017-11-29T09:00:00"), "{feed}");
    assert!(!feed.contains("<script"), "{feed}");
}

#[tokio::test]
async fn a_search_with_many_hits_is_paged_newest_first_and_counts_them_all() {
    use app::features::minutes::commands::{save, MinutesInput};
    let app = spawn_app_with(|_| {}).await;
    let staff =
        portal_tests::create_user(&app.db, "officer", "p@stad.se", "ett långt lösenord").await;
    let mut day = chrono::NaiveDate::from_ymd_opt(2020, 1, 7).unwrap();
    for n in 1..=25 {
        save(
            &app.ctx(),
            staff,
            None,
            &MinutesInput {
                date: day.to_string(),
                title: format!("Möte {n}"),
                attendees: "Anna Berg, Förening A\n".into(),
                text: format!("Vi talade om lokaler för möte nummer {n}.\n"),
            },
        )
        .await
        .expect("a meeting");
        day += chrono::Duration::days(7);
    }
    let first = page(&app, &format!("{LIST}?sok=lokal")).await;
    assert!(first.contains("25 möten innehåller ”lokal”."), "{first}");
    assert_eq!(first.matches("<mark>").count(), 20, "20 hits on a page");
    assert!(first.contains(">Möte 25<"), "newest first: {first}");
    assert!(!first.contains(">Möte 5<"), "{first}");
    assert!(first.contains(r#"rel="next" href="/gemensam-utvecklingsgrupp/minnesanteckningar?sok=lokal&amp;sida=2""#), "{first}");
    let second = page(&app, &format!("{LIST}?sok=lokal&sida=2")).await;
    assert!(second.contains("25 möten innehåller"), "{second}");
    assert_eq!(second.matches("<mark>").count(), 5, "{second}");
    assert!(
        second.contains(">Möte 1<") && second.contains(r#"<ol start="21" class="hits">"#),
        "{second}"
    );
    assert!(second.contains(r#"rel="prev""#), "{second}");
    // A page past the end shows the last one; nonsense shows the first.
    let past = page(&app, &format!("{LIST}?sok=lokal&sida=99")).await;
    assert_eq!(past.matches("<mark>").count(), 5, "{past}");
    let nonsense = page(&app, &format!("{LIST}?sok=lokal&sida=x")).await;
    assert_eq!(nonsense.matches("<mark>").count(), 20, "{nonsense}");
}
