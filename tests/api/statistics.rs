//! The statistics: real figures from the demo's decisions, checked against a hand count
//! of the same rows; the CSV downloads; the chart beside its table.
use app::backend::entities::{application, public_decision};
use chrono::Datelike;
use portal_tests::{spawn_app_with, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

async fn page(app: &TestApp, path: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.unwrap()
}

async fn csv(app: &TestApp, path: &str) -> Vec<Vec<String>> {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let body = response.text().await.unwrap();
    body.trim_start_matches('\u{feff}')
        .lines()
        .map(|l| l.split(';').map(str::to_owned).collect())
        .collect()
}

#[tokio::test]
async fn the_figures_match_a_hand_count_of_the_decisions() {
    let app = spawn_app_with(|settings| settings.demo = true).await;
    let decisions = public_decision::Entity::find().all(&app.db).await.unwrap();
    assert!(decisions.len() >= 2, "the demo has decisions");
    let this_year = decisions.iter().map(|d| d.year).max().unwrap();

    // By hand: the year's decisions, the granted ones and their money.
    let of_year: Vec<&public_decision::Model> =
        decisions.iter().filter(|d| d.year == this_year).collect();
    let granted: Vec<&&public_decision::Model> = of_year
        .iter()
        .filter(|d| d.outcome == "beviljad" || d.outcome == "delvis_beviljad")
        .collect();
    let granted_kr: i64 = granted
        .iter()
        .map(|d| d.amount_ore.unwrap_or(0))
        .sum::<i64>()
        / 100;
    let requested_kr: i64 = of_year.iter().map(|d| d.requested_ore).sum::<i64>() / 100;
    let received = application::Entity::find()
        .filter(application::Column::Dnr.is_not_null())
        .all(&app.db)
        .await
        .unwrap()
        .iter()
        .filter(|a| a.submitted_at.is_some_and(|at| at.year() == this_year))
        .count();

    let table = csv(
        &app,
        &format!("/statistik/bidragsformer.csv?ar={this_year}"),
    )
    .await;
    assert_eq!(table[0][0], "År");
    let total = table
        .iter()
        .find(|row| row[1] == "Totalt")
        .expect("a total row");
    assert_eq!(total[0], this_year.to_string());
    assert_eq!(total[2], received.to_string(), "applications sent in");
    assert_eq!(total[3], of_year.len().to_string(), "decided");
    assert_eq!(total[4], granted.len().to_string(), "granted");
    assert_eq!(total[6], requested_kr.to_string(), "applied for");
    assert_eq!(total[7], granted_kr.to_string(), "granted money");

    // The page shows the same, each chart beside its table.
    let html = page(&app, &format!("/statistik?ar={this_year}")).await;
    assert!(
        html.contains(&format!("Ansökningar och beslut {this_year}")),
        "{html}"
    );
    let kr = app::domain::money::format_kr(granted_kr * 100);
    assert!(html.contains(&kr), "{kr} in {html}");
    assert!(html.contains("<svg aria-hidden=\"true\""), "a chart");
    assert!(html.contains("Mål: minst 20 %"), "the goal in the chart");

    // The seed's 2023 avslag: decided, nothing granted.
    let table = csv(&app, "/statistik/bidragsformer.csv?ar=2023").await;
    let total = table.iter().find(|row| row[1] == "Totalt").unwrap();
    assert_eq!(
        (
            total[3].as_str(),
            total[4].as_str(),
            total[5].as_str(),
            total[7].as_str()
        ),
        ("1", "0", "0", "0")
    );

    // Children and youth: the granted money of activities for them, by hand.
    let children = csv(&app, "/statistik/barn-och-unga.csv").await;
    let row = children
        .iter()
        .find(|r| r[0] == this_year.to_string())
        .unwrap();
    assert_eq!(row[1], granted_kr.to_string());
    let gender = csv(&app, "/statistik/kon.csv").await;
    assert_eq!(gender[0][1], "Kvinnor (%)");
}

#[tokio::test]
async fn unknown_tables_and_years_are_handled() {
    let app = spawn_app_with(|settings| settings.demo = true).await;
    assert_eq!(app.get("/statistik/hemligt.csv").await.status(), 404);
    assert_eq!(app.get("/statistik/bidragsformer.txt").await.status(), 404);
    // A year without figures, or not a year, shows the latest year.
    for year in ["1999", "abc", "%3Cscript%3E"] {
        let html = page(&app, &format!("/statistik?ar={year}")).await;
        assert!(html.contains("Ansökningar och beslut"), "{year}");
    }
}
