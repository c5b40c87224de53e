//! `make bench` (report): the tjänsteutlåtande of the OFU seed's case (the demo data) as
//! a PDF over HTTP, and the case's full record. Target: the tjänsteutlåtande in under
//! 500 ms. The first request also builds the Typst engine and reads the fonts (cold).
use std::time::Instant;

use app::backend::entities::application;
use app::features::applications::Status;
use portal_tests::spawn_app_with;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const RUNS: usize = 30;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

#[tokio::main]
async fn main() {
    let app = spawn_app_with(|settings| settings.demo = true).await;
    let cookie = app
        .sign_in(
            "emelie.steen@socialforvaltningen.example",
            "Handlaggare-demo-2026",
        )
        .await;
    let seed = application::Entity::find()
        .filter(application::Column::Status.eq(Status::Rejected))
        .filter(application::Column::ActivityName.eq("Etablering av ett självhjälpscenter"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the demo's OFU seed case");
    let mut results = serde_json::Map::new();
    for (what, path) in [
        ("tjänsteutlåtande", "tjansteutlatande.pdf"),
        ("full record", "akt.pdf"),
    ] {
        let url = format!("/handlaggning/arenden/{}/{path}", seed.id);
        let start = Instant::now();
        let first = app.get_as(&cookie, &url).await;
        assert_eq!(first.status(), 200);
        let size = first.bytes().await.unwrap().len();
        let cold = start.elapsed().as_secs_f64() * 1000.0;
        let mut samples = Vec::new();
        for _ in 0..RUNS {
            let start = Instant::now();
            let response = app.get_as(&cookie, &url).await;
            assert_eq!(response.status(), 200);
            response.bytes().await.unwrap();
            samples.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        samples.sort_by(|a, b| a.partial_cmp(b).unwrap());
        println!(
            "{what} PDF of the OFU seed case ({} kB): first {cold:.0} ms (engine and fonts), then median {:.0} ms, p99 {:.0} ms over {RUNS} (target: < 500 ms)",
            size / 1024,
            percentile(&samples, 0.5),
            percentile(&samples, 0.99)
        );
        results.insert(
            what.into(),
            serde_json::json!({
                "kb": size / 1024,
                "first_ms": cold.round(),
                "p50_ms": percentile(&samples, 0.5).round(),
                "p99_ms": percentile(&samples, 0.99).round(),
            }),
        );
    }
    portal_tests::bench::write_result("report", false, &serde_json::Value::Object(results));
}
