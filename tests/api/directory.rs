//! The public page of an association (`/forening/{org}`): what is public already and
//! nothing more, and the links from the minutes' attendees.
use portal_tests::{create_user, encode, fixtures, spawn_app_with, TestApp};

async fn page(app: &TestApp, path: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

#[tokio::test]
async fn an_association_page_shows_its_public_record_and_no_contact_details() {
    let app = spawn_app_with(|settings| settings.demo = true).await;
    let body = page(&app, "/forening/802534-3750").await;
    for part in [
        "<h1",
        "Kindness &amp; Compassion",
        "802534-3750",
        // The seed's decided case, linked to its public decision.
        "Etablering av ett självhjälpscenter",
        r#"href="/beslut/"#,
        "Avslagen",
        "Medlem i Helsam</dt><dd>Nej",
    ] {
        assert!(body.contains(part), "{part} in {body}");
    }
    // Contact details, address and bank details are the association's own.
    for private in [
        "info@kindness-compassion.example",
        "070-123 45 67",
        "Drottninggatan",
        "5050-1055",
        "Sara Lind",
    ] {
        assert!(!body.contains(private), "{private} leaked into {body}");
    }

    // A Helsam member says since when.
    let member = page(&app, "/forening/802506-6781").await;
    assert!(member.contains("Mötesplats Hägersten"), "{member}");
    assert!(member.contains("Ja, sedan 2018"), "{member}");

    // Unknown, malformed and hostile numbers are a plain 404.
    for path in [
        "/forening/556677-8899",
        "/forening/abc",
        "/forening/%3Cscript%3E",
        "/forening/802534-3750%27%20or%201=1",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        let body = response.text().await.unwrap();
        assert!(body.contains("Sidan finns inte"), "{path}: {body}");
    }
}

#[tokio::test]
async fn an_attendees_organisation_links_to_its_association_page() {
    let app = spawn_app_with(|settings| settings.demo = true).await;
    let meeting = "/gemensam-utvecklingsgrupp/minnesanteckningar/2017-11-27";
    let before = page(&app, meeting).await;
    assert!(
        !before.contains(r#"href="/forening/"#),
        "no association is registered under an attendee's name yet"
    );

    // An association is registered ...
    let owner = create_user(
        &app.db,
        "applicant",
        "hela@example.se",
        "Ett-langt-losenord-1",
    )
    .await;
    let id = fixtures::association_with_owner(&app.db, "802481-1658", owner).await;
    // ... and names itself as that attendee's organisation in its profile.
    let cookie = app.sign_in("hela@example.se", "Ett-langt-losenord-1").await;
    let renamed = app
        .post_form_as(
            Some(&cookie),
            &format!("/foreningar/{id}"),
            &format!(
                "name={}&founded_year=2001&members_in_city=40&target_group=Alla&postal_address=Stockholm&contact_person=Kontakt&email=hela%40example.se&phone=070-1234567",
                encode("Hela Människan")
            ),
        )
        .await;
    assert_eq!(renamed.status(), 303);

    let after = page(&app, meeting).await;
    assert!(
        after.contains(r#"<a href="/forening/802481-1658">Hela människan</a>"#),
        "the organisation as written links to the page, in any case: {after}"
    );
    let association = page(&app, "/forening/802481-1658").await;
    assert!(association.contains("Hela Människan"), "{association}");
    assert!(
        association.contains(r#"href="/gemensam-utvecklingsgrupp/minnesanteckningar/2017-11-27""#),
        "the meeting it attended: {association}"
    );
    assert!(
        association.contains("Inga publicerade beslut om bidrag."),
        "{association}"
    );
}
