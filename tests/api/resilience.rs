//! Faults: the database becoming unreachable (its port closed, through a TCP proxy the
//! test controls) gives Swedish 503 pages within a bounded time, not hangs, and the
//! portal recovers by itself when the port opens again. PostgreSQL only: SQLite is a
//! file inside the server's own process.
use std::time::{Duration, Instant};

use portal_tests::{spawn_app_with, Backend};
use tokio::{net::TcpListener, sync::watch};

/// A TCP proxy to PostgreSQL that can be closed (every connection cut, new ones
/// refused at once) and opened again.
struct Proxy {
    port: u16,
    open: watch::Sender<bool>,
}

impl Proxy {
    async fn start(target: &'static str) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let (open, watching) = watch::channel(true);
        tokio::spawn(async move {
            loop {
                let Ok((mut inbound, _)) = listener.accept().await else {
                    continue;
                };
                if !*watching.borrow() {
                    drop(inbound);
                    continue;
                }
                let mut closed = watching.clone();
                tokio::spawn(async move {
                    let Ok(mut outbound) = tokio::net::TcpStream::connect(target).await else {
                        return;
                    };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                        _ = closed.wait_for(|open| !*open) => {}
                    }
                });
            }
        });
        Self { port, open }
    }

    fn set(&self, open: bool) {
        self.open.send_replace(open);
    }
}

#[tokio::test]
async fn an_unreachable_database_gives_a_swedish_503_at_once_and_the_portal_recovers() {
    if Backend::current() != Backend::Postgres {
        return;
    }
    let proxy = Proxy::start("127.0.0.1:5432").await;
    let port = proxy.port;
    let app = spawn_app_with(move |settings| {
        let url = settings
            .database_url
            .expose()
            .replace(":5432/", &format!(":{port}/"));
        settings.database_url = server::settings::Secret::new(url);
    })
    .await;
    // A page that needs the database: the officers' start page sends a visitor to sign in.
    let page = "/handlaggning";
    assert_eq!(app.get(page).await.status(), 303);

    proxy.set(false);
    let cut = Instant::now();
    let unavailable = loop {
        let asked = Instant::now();
        let response = app.get(page).await;
        assert!(
            asked.elapsed() < Duration::from_secs(15),
            "an answer took {:?}",
            asked.elapsed()
        );
        if response.status() == 503 {
            break response;
        }
        assert!(cut.elapsed() < Duration::from_secs(20), "no 503 after 20 s");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert_eq!(unavailable.headers()["retry-after"], "30");
    let body = unavailable.text().await.unwrap();
    assert!(
        body.contains("Tjänsten är tillfälligt otillgänglig"),
        "{body}"
    );
    assert!(body.contains("lang=\"sv\""));
    // Once known, the answer is immediate.
    let asked = Instant::now();
    assert_eq!(app.get("/mina-sidor").await.status(), 503);
    assert!(asked.elapsed() < Duration::from_secs(1));
    // What needs no database still answers.
    assert_eq!(app.get("/healthz").await.status(), 200);
    assert_eq!(app.get("/readyz").await.status(), 503);

    proxy.set(true);
    let opened = Instant::now();
    while app.get(page).await.status() != 303 {
        assert!(
            opened.elapsed() < Duration::from_secs(30),
            "not recovered after 30 s"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(app.get("/readyz").await.status(), 200);
}
