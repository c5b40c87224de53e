//! The access matrix: every protected route and server function, called as anonymous, an
//! applicant of association A, an applicant of B, an officer, an approver and an admin.
//! Someone else's association is 404, never its data.
use app::backend::entities::association;
use portal_tests::{create_user, spawn_app, TestApp};
use sea_orm::EntityTrait;
use uuid::Uuid;

const PASSWORD: &str = "en lång och ovanlig fras";
const ACTORS: [&str; 6] = [
    "anonymous",
    "applicant A",
    "applicant B",
    "officer",
    "approver",
    "admin",
];

async fn association_with_owner(app: &TestApp, org_number: &str, owner: Uuid) -> Uuid {
    portal_tests::fixtures::association_with_owner(&app.db, org_number, owner).await
}

#[derive(Clone, Copy, Debug)]
enum Call {
    Get(&'static str),
    Post(&'static str, &'static str),
    /// A server function: POST with a urlencoded body, JSON back.
    ServerFn(&'static str, &'static str),
}

async fn status(
    app: &TestApp,
    cookie: Option<&str>,
    call: Call,
    a: Uuid,
    p: Uuid,
) -> (u16, String) {
    let expand = |path: &str| {
        path.replace("{A}", &a.to_string())
            .replace("{P}", &p.to_string())
    };
    let request = match call {
        Call::Get(path) => app.client.get(format!("{}{}", app.address, expand(path))),
        Call::Post(path, body) | Call::ServerFn(path, body) => app
            .client
            .post(format!("{}{}", app.address, expand(path)))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "same-origin")
            .body(expand(body)),
    };
    let request = match call {
        Call::ServerFn(..) => request.header("accept", "application/json"),
        _ => request.header("accept", "text/html"),
    };
    let request = match cookie {
        Some(cookie) => request.header("cookie", cookie),
        None => request,
    };
    let response = request.send().await.unwrap();
    let code = response.status().as_u16();
    // Every answer of every route to every role carries the security headers; a
    // signed-in answer is never cached.
    let headers = response.headers();
    let csp = headers
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    for directive in [
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(directive), "{call:?}: {directive} in {csp:?}");
    }
    assert!(!csp.contains("'unsafe-eval'"), "{call:?}: {csp}");
    assert_eq!(headers["x-content-type-options"], "nosniff", "{call:?}");
    assert_eq!(
        headers["referrer-policy"], "strict-origin-when-cross-origin",
        "{call:?}"
    );
    if cookie.is_some() {
        let cache = headers
            .get("cache-control")
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        assert!(cache.contains("no-store"), "{call:?} signed in: {cache:?}");
    }
    // The live stream never ends; its status is all that matters here.
    let body = if matches!(call, Call::Get("/handlaggning/live")) {
        String::new()
    } else {
        response.text().await.unwrap()
    };
    (code, body)
}

#[tokio::test]
async fn every_protected_route_and_server_function_answers_each_role_as_it_should() {
    let app = spawn_app().await;
    let owner_a = create_user(&app.db, "applicant", "a@example.se", PASSWORD).await;
    let owner_b = create_user(&app.db, "applicant", "b@example.se", PASSWORD).await;
    let officer = create_user(&app.db, "officer", "officer@example.se", PASSWORD).await;
    create_user(&app.db, "approver", "approver@example.se", PASSWORD).await;
    create_user(&app.db, "admin", "admin@example.se", PASSWORD).await;
    let a = association_with_owner(&app, "802534-3750", owner_a).await;
    association_with_owner(&app, "556016-0680", owner_b).await;
    // A partnership of A, its first half-year begun.
    let start = chrono::Utc::now().date_naive() - chrono::Days::new(30);
    let p = app::features::partnerships::commands::create(
        &app.ctx(),
        officer,
        &[
            ("forening", a.to_string()),
            ("dnr", "SOF 2026/9".into()),
            ("verksamhet", "Öppen verksamhet".into()),
            ("malgrupp", "Alla".into()),
            ("syfte", "Gemenskap".into()),
            ("stadens_ataganden", "Lokaler".into()),
            ("partnerns_ataganden", "Aktiviteter".into()),
            ("belopp_per_ar", "100 000".into()),
            ("startdatum", start.to_string()),
            (
                "forsta_slutdatum",
                (start + chrono::Days::new(365)).to_string(),
            ),
            ("forlangning_manader", "0".into()),
            ("uppsagning_senast", "12-31".into()),
            ("rapportperiod_manader", "6".into()),
            ("rapport_dagar_efter", "31".into()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect(),
    )
    .await
    .unwrap();

    let mut cookies: Vec<Option<String>> = vec![None];
    for email in [
        "a@example.se",
        "b@example.se",
        "officer@example.se",
        "approver@example.se",
        "admin@example.se",
    ] {
        cookies.push(Some(app.sign_in(email, PASSWORD).await));
    }

    let profile_form = "name=F%C3%B6rening&founded_year=2021&members_in_city=13&target_group=Alla&postal_address=Stockholm&contact_person=Kontakt&email=a%40example.se&phone=070-1234567";
    // Expected status for: anonymous, applicant A, applicant B, officer, approver, admin.
    let matrix: Vec<(Call, [u16; 6])> = vec![
        (Call::Get("/mina-sidor"), [303, 200, 200, 200, 200, 200]),
        (
            Call::Get("/mina-sidor/installningar"),
            [303, 200, 200, 200, 200, 200],
        ),
        (
            Call::Get("/mina-sidor/mina-uppgifter.json"),
            [303, 200, 200, 200, 200, 200],
        ),
        (
            Call::Get("/mina-sidor/radera-konto"),
            [303, 200, 200, 200, 200, 200],
        ),
        (Call::Get("/foreningar/{A}"), [303, 200, 404, 200, 200, 200]),
        (
            Call::Post("/foreningar/{A}", profile_form),
            [303, 303, 404, 404, 404, 404],
        ),
        (
            Call::Post("/foreningar/{A}/bjud-in", "invite_email=x%40example.se"),
            [303, 303, 404, 404, 404, 404],
        ),
        (Call::Get("/admin/utskick"), [303, 404, 404, 404, 404, 200]),
        (
            Call::Get("/admin/skickad-e-post"),
            [303, 404, 404, 404, 404, 200],
        ),
        (
            Call::Get("/admin/anvandare"),
            [303, 404, 404, 404, 404, 200],
        ),
        (
            Call::Post("/admin/utskick/testmejl", ""),
            [303, 404, 404, 404, 404, 303],
        ),
        (
            Call::Post(
                "/admin/anvandare/bjud-in",
                "name=X&email=x%40example.se&role=officer",
            ),
            [303, 404, 404, 404, 404, 303],
        ),
        (
            Call::Get("/handlaggning/live"),
            [401, 403, 403, 200, 200, 200],
        ),
        (
            Call::ServerFn("/api/admin/outbox", ""),
            [401, 404, 404, 404, 404, 200],
        ),
        (
            Call::ServerFn("/api/admin/sent-mail", ""),
            [401, 404, 404, 404, 404, 200],
        ),
        (
            Call::ServerFn("/api/admin/accounts", ""),
            [401, 404, 404, 404, 404, 200],
        ),
        (
            Call::ServerFn("/api/account/notifications", ""),
            [401, 200, 200, 200, 200, 200],
        ),
        (
            Call::ServerFn("/api/associations/mine", ""),
            [401, 200, 200, 200, 200, 200],
        ),
        (
            Call::ServerFn("/api/associations/profile", "id={A}"),
            [401, 200, 404, 200, 200, 200],
        ),
        (
            Call::Get("/mina-sidor/byt-losenord"),
            [303, 200, 200, 200, 200, 200],
        ),
        (
            Call::Post(
                "/mina-sidor/byt-losenord",
                "current_password=&new_password=",
            ),
            [303, 422, 422, 422, 422, 422],
        ),
        (
            Call::Post(
                "/foreningar/{A}/styrelse",
                "board_name=Kim+Ek&board_role=ledamot",
            ),
            [303, 303, 404, 404, 404, 404],
        ),
        // A form that is not multipart is a bad request for a member, 404 for others.
        (
            Call::Post("/foreningar/{A}/foretradare", "named=x"),
            [303, 400, 404, 404, 404, 404],
        ),
        (
            Call::Get("/handlaggning/foretradare"),
            [303, 404, 404, 200, 404, 200],
        ),
        (
            Call::ServerFn("/api/officer/verifications", ""),
            [401, 404, 404, 200, 404, 200],
        ),
        (
            Call::ServerFn("/api/officer/verification", "id={A}"),
            [401, 404, 404, 404, 404, 404],
        ),
        (
            Call::Post("/handlaggning/foretradare/{A}", "decision=godkann"),
            [303, 404, 404, 404, 404, 404],
        ),
        (Call::Get("/dokument/{A}"), [303, 404, 404, 404, 404, 404]),
        (Call::Get("/handlaggning"), [303, 404, 404, 200, 200, 200]),
        (
            Call::ServerFn("/api/officer/queue", ""),
            [401, 404, 404, 200, 200, 200],
        ),
        (
            Call::Get("/handlaggning/arenden/{A}/bedomning"),
            [303, 404, 404, 404, 404, 404],
        ),
        (
            Call::Post("/handlaggning/arenden/{A}/attest", ""),
            [303, 404, 404, 403, 404, 403],
        ),
        (
            Call::Get("/handlaggning/arenden/{A}"),
            [303, 404, 404, 404, 404, 404],
        ),
        (
            Call::Post("/handlaggning/arenden/{A}/anteckningar", "anteckning=x"),
            [303, 404, 404, 404, 404, 404],
        ),
        (
            Call::Post("/handlaggning/massandring", "atgard=tilldela&antal=0"),
            [303, 404, 404, 409, 404, 409],
        ),
        (
            Call::Get("/handlaggning/export.xlsx"),
            [303, 404, 404, 200, 404, 200],
        ),
        (
            Call::Get("/registrera/be-om-atkomst"),
            [200, 200, 200, 200, 200, 200],
        ),
        (
            Call::Get("/handlaggning/arenden/{A}/versioner"),
            [303, 404, 404, 404, 404, 404],
        ),
        (
            Call::ServerFn("/api/officer/versions", "id={A}"),
            [401, 404, 404, 404, 404, 404],
        ),
        (
            Call::Post("/handlaggning/arenden/{A}/komplettering", "meddelande=x"),
            [303, 404, 404, 404, 403, 404],
        ),
        (
            Call::Post(
                "/handlaggning/arenden/{A}/sekretess",
                "sekretess=activity&sekretess_grund=OSL",
            ),
            [303, 404, 404, 404, 403, 404],
        ),
        (
            Call::Get("/handlaggning/arenden/{A}/tjansteutlatande.pdf"),
            [303, 404, 404, 404, 404, 404],
        ),
        (
            Call::Get("/handlaggning/arenden/{A}/akt.pdf"),
            [303, 404, 404, 404, 404, 404],
        ),
        (Call::Get("/beslut"), [200, 200, 200, 200, 200, 200]),
        (Call::Get("/admin/texter"), [303, 404, 404, 404, 404, 200]),
        (Call::Get("/statistik"), [200, 200, 200, 200, 200, 200]),
        (
            Call::Get("/sprak/en?till=%2F"),
            [303, 303, 303, 303, 303, 303],
        ),
        (Call::Get("/sprak/xx"), [404, 404, 404, 404, 404, 404]),
        // An association's public page is public: the same for everyone.
        (
            Call::Get("/forening/802534-3750"),
            [200, 200, 200, 200, 200, 200],
        ),
        (
            Call::Get("/handlaggning/helsam"),
            [303, 404, 404, 200, 404, 200],
        ),
        (
            Call::Get("/foreningar/{A}/helsam"),
            [303, 200, 404, 404, 404, 404],
        ),
        (
            Call::ServerFn("/api/officer/umbrella", ""),
            [401, 404, 404, 200, 404, 200],
        ),
        (
            Call::ServerFn("/api/association/umbrella", "id={A}"),
            [401, 200, 404, 404, 404, 404],
        ),
        (
            Call::Get("/admin/texter/kontakt"),
            [303, 404, 404, 404, 404, 200],
        ),
        (
            Call::Post("/admin/texter/kontakt", "text=Ring+oss.&atgard=spara"),
            [303, 404, 404, 404, 404, 303],
        ),
        (
            Call::Post("/admin/texter/kontakt/aterstall", ""),
            [303, 404, 404, 404, 404, 303],
        ),
        (
            Call::ServerFn("/api/admin/guidance-texts", ""),
            [401, 404, 404, 404, 404, 200],
        ),
        (
            Call::ServerFn("/api/staff/markdown-preview", "markdown=%23+Hej"),
            [401, 404, 404, 200, 200, 200],
        ),
        (
            Call::Get("/gemensam-utvecklingsgrupp/minnesanteckningar"),
            [200, 200, 200, 200, 200, 200],
        ),
        (
            Call::Get("/handlaggning/minnesanteckningar/ny"),
            [303, 404, 404, 200, 200, 200],
        ),
        (
            Call::Post(
                "/handlaggning/minnesanteckningar/ny",
                "datum=2018-01-01&rubrik=X&text=Y&atgard=forhandsgranska",
            ),
            [303, 404, 404, 200, 200, 200],
        ),
        (
            Call::ServerFn("/api/staff/minutes-draft", "date="),
            [401, 404, 404, 200, 200, 200],
        ),
        (Call::Get("/anslagstavla"), [200, 200, 200, 200, 200, 200]),
        // Payments: the plan for officers, the payment orders for finance and admins.
        (
            Call::Get("/ekonomi/utbetalningar"),
            [303, 404, 404, 404, 404, 200],
        ),
        (
            Call::ServerFn("/api/finance/payments", ""),
            [401, 404, 404, 404, 404, 200],
        ),
        (
            Call::ServerFn("/api/finance/batch", "id={A}"),
            [401, 404, 404, 404, 404, 404],
        ),
        (
            Call::Post("/ekonomi/utbetalningar/ny", "utbetalningsdag=2020-01-01"),
            [303, 404, 404, 404, 404, 422],
        ),
        (
            Call::Post("/ekonomi/utbetalningar/{A}/attestera", ""),
            [303, 404, 404, 404, 404, 404],
        ),
        (
            Call::Post("/ekonomi/utbetalningar/{A}/betald", "betaldag=2020-01-01"),
            [303, 404, 404, 404, 404, 404],
        ),
        (
            Call::Get("/ekonomi/utbetalningar/{A}/fil"),
            [303, 404, 404, 404, 404, 404],
        ),
        (
            Call::Get("/handlaggning/arenden/{A}/utbetalning"),
            [303, 404, 404, 404, 404, 404],
        ),
        (
            Call::ServerFn("/api/officer/case-payments", "id={A}"),
            [401, 404, 404, 404, 404, 404],
        ),
        (
            Call::Post(
                "/handlaggning/arenden/{A}/utbetalning/plan",
                "typ_1=rest&datum_1=2026-01-01",
            ),
            [303, 404, 404, 404, 404, 404],
        ),
        (
            Call::Post(
                "/handlaggning/arenden/{A}/utbetalning/stoppa",
                "utbetalning={A}&orsak=x",
            ),
            [303, 404, 404, 404, 404, 404],
        ),
        // Follow-up reports: the association's own, the officers' review, the finance
        // unit's reclaims and overview.
        (
            Call::Get("/ansokningar/{A}/aterrapport/1"),
            [303, 404, 404, 404, 404, 404],
        ),
        (
            Call::ServerFn("/api/follow-up/report", "case={A}&number=1"),
            [401, 404, 404, 404, 404, 404],
        ),
        (
            Call::Post("/ansokningar/{A}/aterrapport/1", "atgard=spara&version=0"),
            [303, 404, 404, 404, 404, 404],
        ),
        (
            Call::Post("/ansokningar/{A}/aterrapport/1/bilagor/{A}/ta-bort", ""),
            [303, 404, 404, 404, 404, 404],
        ),
        (
            Call::ServerFn("/api/follow-up/case", "case={A}"),
            [401, 404, 404, 200, 404, 200],
        ),
        (
            Call::Get("/handlaggning/arenden/{A}/aterrapport/1"),
            [303, 404, 404, 404, 404, 404],
        ),
        (
            Call::ServerFn("/api/officer/follow-up", "case={A}&number=1"),
            [401, 404, 404, 404, 404, 404],
        ),
        (
            Call::Get("/handlaggning/aterrapporter"),
            [303, 404, 404, 200, 404, 200],
        ),
        (
            Call::ServerFn("/api/officer/follow-ups", ""),
            [401, 404, 404, 200, 404, 200],
        ),
        (
            Call::Post("/handlaggning/arenden/{A}/aterrapport/1", "beslut=godkann"),
            [303, 404, 404, 404, 404, 404],
        ),
        (
            Call::Post(
                "/handlaggning/arenden/{A}/aterrapport/1/sista-dag",
                "sista_dag=2030-01-01",
            ),
            [303, 404, 404, 404, 404, 404],
        ),
        (
            Call::Post(
                "/handlaggning/arenden/{A}/aterrapport/1/aterkrav",
                "sammantradesdag=2026-01-01&paragraf=1",
            ),
            [303, 404, 404, 404, 404, 404],
        ),
        (
            Call::Get("/ekonomi/aterkrav"),
            [303, 404, 404, 404, 404, 200],
        ),
        (
            Call::ServerFn("/api/finance/reclaims", ""),
            [401, 404, 404, 404, 404, 200],
        ),
        (
            Call::Post("/ekonomi/aterkrav/{A}/betald", "betaldag=2020-01-01"),
            [303, 404, 404, 404, 404, 404],
        ),
        (
            Call::Get("/ekonomi/oversikt.csv"),
            [303, 404, 404, 404, 404, 200],
        ),
        (
            Call::Get("/beslut/sof-1999-1"),
            [404, 404, 404, 404, 404, 404],
        ),
        // IOP partnerships: the partner's pages and report, the officers' side.
        (
            Call::Get("/partnerskap/{P}"),
            [303, 200, 404, 404, 404, 404],
        ),
        (
            Call::ServerFn("/api/partnership", "id={P}"),
            [401, 200, 404, 404, 404, 404],
        ),
        (
            Call::Get("/partnerskap/{P}/rapport/1"),
            [303, 200, 404, 404, 404, 404],
        ),
        (
            Call::ServerFn("/api/partnership/report", "id={P}&number=1"),
            [401, 200, 404, 404, 404, 404],
        ),
        (
            Call::Post("/partnerskap/{P}/rapport/1", "atgard=spara&version=0"),
            [303, 303, 404, 404, 404, 404],
        ),
        (
            Call::ServerFn("/api/association/partnerships", "association={A}"),
            [401, 200, 404, 404, 404, 404],
        ),
        (
            Call::Get("/handlaggning/partnerskap"),
            [303, 404, 404, 200, 404, 200],
        ),
        (
            Call::ServerFn("/api/officer/partnerships", ""),
            [401, 404, 404, 200, 404, 200],
        ),
        (
            Call::Get("/handlaggning/partnerskap/nytt"),
            [303, 404, 404, 200, 404, 200],
        ),
        (
            Call::ServerFn("/api/officer/partnership/new", ""),
            [401, 404, 404, 200, 404, 200],
        ),
        (
            Call::Post("/handlaggning/partnerskap/nytt", "dnr="),
            [303, 404, 404, 422, 404, 422],
        ),
        (
            Call::Get("/handlaggning/partnerskap/{P}"),
            [303, 404, 404, 200, 404, 200],
        ),
        (
            Call::ServerFn("/api/officer/partnership", "id={P}"),
            [401, 404, 404, 200, 404, 200],
        ),
        (
            Call::Post(
                "/handlaggning/partnerskap/{P}/uppsagning",
                "uppsagd_datum=x",
            ),
            [303, 404, 404, 422, 404, 422],
        ),
        (
            Call::Post(
                "/handlaggning/partnerskap/{P}/uppsagning/aterkalla",
                "overens=ja",
            ),
            [303, 404, 404, 409, 404, 409],
        ),
        (
            Call::Post("/handlaggning/partnerskap/{P}/rapport/1/papper", ""),
            [303, 404, 404, 409, 404, 409],
        ),
        (
            Call::Post("/handlaggning/partnerskap/{P}/rapport/1/dagordning", ""),
            [303, 404, 404, 409, 404, 409],
        ),
        (
            Call::Post(
                "/handlaggning/partnerskap/{P}/rapport/1/namndbeslut",
                "beslut=godkand",
            ),
            [303, 404, 404, 409, 404, 409],
        ),
        (
            Call::Post("/handlaggning/partnerskap/{P}/ledamoter", "grupp=x"),
            [303, 404, 404, 422, 404, 422],
        ),
        (
            Call::Post("/handlaggning/partnerskap/{P}/ledamoter/{A}/ta-bort", ""),
            [303, 404, 404, 404, 404, 404],
        ),
        (
            Call::Post("/handlaggning/partnerskap/{P}/moten", "motesgrupp=x"),
            [303, 404, 404, 422, 404, 422],
        ),
        (
            Call::Get("/handlaggning/partnerskap/{P}/rapport/1"),
            [303, 404, 404, 200, 404, 200],
        ),
        (
            Call::ServerFn("/api/officer/partnership/report", "id={P}&number=1"),
            [401, 404, 404, 200, 404, 200],
        ),
        (
            Call::Post("/handlaggning/partnerskap/{P}/rapport/1", "beslut=godkann"),
            [303, 404, 404, 409, 404, 409],
        ),
        (
            Call::Post(
                "/handlaggning/partnerskap/{P}/rapport/1/tjansteutlatande",
                "",
            ),
            [303, 404, 404, 409, 404, 409],
        ),
        (
            Call::Get("/handlaggning/partnerskap/{P}/rapport/1/tjansteutlatande.pdf"),
            [303, 404, 404, 404, 404, 404],
        ),
        (
            Call::ServerFn("/api/officer/partnership/statement", "id={P}&number=1"),
            [401, 404, 404, 404, 404, 404],
        ),
        (
            Call::ServerFn("/api/officer/partnership/meeting", "meeting={A}"),
            [401, 404, 404, 200, 404, 200],
        ),
    ];

    let mut wrong = Vec::new();
    for (call, expected) in &matrix {
        for (i, actor) in ACTORS.iter().enumerate() {
            let (got, body) = status(&app, cookies[i].as_deref(), *call, a, p).await;
            if got != expected[i] {
                wrong.push(format!(
                    "{call_name}: {actor} got {got}, expected {}",
                    expected[i],
                    call_name = describe(*call)
                ));
            }
            if *actor == "applicant B" && describe(*call).contains("{A}") {
                assert!(
                    !body.contains("802534-3750"),
                    "{}: B must never see A's data",
                    describe(*call)
                );
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "access matrix mismatches:\n{}",
        wrong.join("\n")
    );
}

fn describe(call: Call) -> String {
    match call {
        Call::Get(path) => format!("GET {path}"),
        Call::Post(path, _) => format!("POST {path}"),
        Call::ServerFn(path, _) => format!("server fn {path}"),
    }
}

#[tokio::test]
async fn a_member_saves_the_profile_and_a_bad_bankgiro_is_refused_by_its_field() {
    let app = spawn_app().await;
    let owner = create_user(&app.db, "applicant", "a@example.se", PASSWORD).await;
    let a = association_with_owner(&app, "802534-3750", owner).await;
    let cookie = app.sign_in("a@example.se", PASSWORD).await;
    let page = app
        .get_as(&cookie, &format!("/foreningar/{a}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(r#"value="Förening 802534-3750""#),
        "the form shows what is stored"
    );

    let form = |bankgiro: &str| {
        format!("name=Kindness&founded_year=2021&members_in_city=14&target_group=Alla&postal_address=Stockholm&contact_person=Sara&email=a%40example.se&phone=070-1234567&bankgiro={bankgiro}")
    };
    let refused = app
        .post_form_as(
            Some(&cookie),
            &format!("/foreningar/{a}"),
            &form("5050-1056"),
        )
        .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(html.contains("Bankgironumret stämmer inte."));
    assert!(
        html.contains(r#"value="5050-1056""#),
        "what was typed stays"
    );
    let stored = association::Entity::find_by_id(a)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.members_in_city, Some(13), "nothing was written");

    let saved = app
        .post_form_as(
            Some(&cookie),
            &format!("/foreningar/{a}"),
            &form("50501055"),
        )
        .await;
    assert_eq!(saved.status(), 303);
    let stored = association::Entity::find_by_id(a)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (
            stored.members_in_city,
            stored.bankgiro.as_str(),
            stored.name.as_str()
        ),
        (Some(14), "5050-1055", "Kindness")
    );
    let history = app::backend::events::history(&app.db, "association", a)
        .await
        .unwrap();
    let types: Vec<&str> = history
        .iter()
        .map(|event| event.event_type.as_str())
        .collect();
    assert_eq!(
        types[types.len() - 2..],
        [
            "association.profile_updated",
            "association.payment_details_changed"
        ]
    );
}

/// Where the money goes is not every member's to change: only owners and verified
/// representatives change the bankgiro or the board; a change of the bankgiro mails the
/// owners and representatives and is shown to staff.
#[tokio::test]
async fn only_owners_and_representatives_change_payment_details_and_the_board() {
    use app::backend::entities::board_member;
    use sea_orm::PaginatorTrait;
    let app = spawn_app().await;
    let owner = create_user(&app.db, "applicant", "a@example.se", PASSWORD).await;
    let member = create_user(&app.db, "applicant", "m@example.se", PASSWORD).await;
    create_user(&app.db, "officer", "officer@example.se", PASSWORD).await;
    let a = association_with_owner(&app, "802534-3750", owner).await;
    portal_tests::fixtures::add_member(&app.db, a, member, "member").await;
    let as_member = app.sign_in("m@example.se", PASSWORD).await;
    let as_owner = app.sign_in("a@example.se", PASSWORD).await;
    let form = |bankgiro: &str| {
        format!("name=Kindness&founded_year=2021&members_in_city=14&target_group=Alla&postal_address=Stockholm&contact_person=Sara&email=a%40example.se&phone=070-1234567&bankgiro={bankgiro}&plusgiro=")
    };

    let page = app
        .get_as(&as_member, &format!("/foreningar/{a}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        !page.contains(r#"name="bankgiro""#),
        "no bankgiro field for a plain member"
    );
    assert!(!page.contains("Lägg till i styrelsen"));
    let refused = app
        .post_form_as(
            Some(&as_member),
            &format!("/foreningar/{a}"),
            &form("50501055"),
        )
        .await;
    assert_eq!(refused.status(), 403);
    let refusal = refused.text().await.unwrap();
    assert!(refusal.contains("error-summary"), "{refusal}");
    assert!(
        refusal.contains(server::http::account::PAYMENT_DETAILS_REFUSED),
        "{refusal}"
    );
    // The rest of the profile they may still edit; the bankgiro they do not send stays.
    let other = app
        .post_form_as(
            Some(&as_member),
            &format!("/foreningar/{a}"),
            "name=Kindness&founded_year=2021&members_in_city=15&target_group=Alla&postal_address=Stockholm&contact_person=Sara&email=a%40example.se&phone=070-1234567",
        )
        .await;
    assert_eq!(other.status(), 303);
    let board = app
        .post_form_as(
            Some(&as_member),
            &format!("/foreningar/{a}/styrelse"),
            "board_name=Kim+Ek&board_role=ledamot",
        )
        .await;
    assert_eq!(board.status(), 403);
    assert_eq!(
        board_member::Entity::find().count(&app.db).await.unwrap(),
        0
    );

    let saved = app
        .post_form_as(
            Some(&as_owner),
            &format!("/foreningar/{a}"),
            &form("50501055"),
        )
        .await;
    assert_eq!(saved.status(), 303);
    let stored = association::Entity::find_by_id(a)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (stored.bankgiro.as_str(), stored.members_in_city),
        ("5050-1055", Some(14))
    );
    portal_tests::wait_until(
        std::time::Duration::from_secs(10),
        "the owner's mail",
        || async {
            portal_tests::kept_mails(&app.data_dir())
                .iter()
                .any(|mail| mail.contains("Nu gäller bankgiro 5050-1055."))
        },
    )
    .await;

    let officer = app.sign_in("officer@example.se", PASSWORD).await;
    let seen = app
        .get_as(&officer, &format!("/foreningar/{a}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        seen.contains("Betalningsuppgifterna har ändrats."),
        "staff are warned"
    );
    assert!(seen.contains("till bankgiro 5050-1055"), "{seen}");
}
