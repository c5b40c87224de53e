//! The `server` binary as an operator meets it: configuration errors, subcommands, signals.
use std::{
    io::{BufRead, BufReader, Read, Write},
    net::TcpStream,
    process::{Command, Stdio},
    time::{Duration, Instant},
};

fn server() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    for variable in [
        "LEPTOS_SITE_ADDR",
        "PORTAL_DATA_DIR",
        "DATABASE_URL",
        "SMTP_URL",
        "PORTAL_DEMO",
        "PORTAL_PUBLIC_URL",
    ] {
        command.env_remove(variable);
    }
    command.env("RUST_LOG", "warn");
    command
}

#[test]
fn an_invalid_setting_stops_start_up_with_one_line_and_status_2() {
    for (variable, value) in [
        ("LEPTOS_SITE_ADDR", "inte-en-adress"),
        ("PORTAL_DEMO", "kanske"),
        ("DATABASE_URL", "mysql://root:hemligt@db/portal"),
        ("PORTAL_PUBLIC_URL", "ftp://x"),
    ] {
        let output = server().env(variable, value).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{variable}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{variable}: {stderr}");
        assert!(stderr.contains(variable), "{stderr}");
        assert!(
            !stderr.contains("panicked") && !stderr.contains("backtrace"),
            "{stderr}"
        );
        assert!(
            !stderr.contains("hemligt"),
            "secrets never printed: {stderr}"
        );
    }
}

#[test]
fn help_lists_the_subcommands() {
    let output = server().arg("--help").output().unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("serve"), "{stdout}");
    assert!(stdout.contains("migrate"), "{stdout}");
}

#[test]
fn migrate_creates_the_database_in_the_data_folder_and_exits() {
    let data = tempfile::tempdir().unwrap();
    let output = server()
        .arg("migrate")
        .env("PORTAL_DATA_DIR", data.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert!(data.path().join("portal.db").exists());
}

#[test]
fn sigterm_stops_the_server_after_it_answered() {
    let data = tempfile::tempdir().unwrap();
    let mut child = server()
        .arg("serve")
        .env("PORTAL_DATA_DIR", data.path())
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("PORTAL_DEMO", "1")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    let address = first
        .trim()
        .rsplit("http://")
        .next()
        .expect("the first line names the address")
        .to_owned();
    let mut demo_lines = Vec::new();
    for _ in 0..5 {
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        demo_lines.push(line);
    }
    assert!(
        demo_lines
            .iter()
            .all(|line| line.starts_with("demo: ") && line.contains(" / ")),
        "{demo_lines:?}"
    );
    assert!(demo_lines
        .iter()
        .any(|line| line.starts_with("demo: officer ")));

    let mut stream = TcpStream::connect(&address).unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");

    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "exit status after SIGTERM: {status}");
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the server did not stop after SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn create_admin_makes_an_account_that_can_sign_in_and_refuses_a_weak_password() {
    let data = tempfile::tempdir().unwrap();
    let run = |password: &str, email: &str| {
        let mut child = server()
            .args(["create-admin", "--email", email, "--name", "Anna Admin"])
            .env("PORTAL_DATA_DIR", data.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
        child.wait_with_output().unwrap()
    };
    let weak = run("password", "anna@example.se");
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr).contains("för lätt att gissa"));

    let made = run("en lång och ovanlig fras", "anna@example.se");
    assert!(made.status.success(), "{made:?}");
    assert!(String::from_utf8_lossy(&made.stdout).contains("är skapad"));

    let twice = run("en lång och ovanlig fras", "anna@example.se");
    assert!(
        !twice.status.success(),
        "the same e-mail cannot get a second account"
    );

    // The new admin signs in through the real form.
    let mut child = server()
        .arg("serve")
        .env("PORTAL_DATA_DIR", data.path())
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let address = line.trim().rsplit("http://").next().unwrap().to_owned();
    let body = "email=anna%40example.se&password=en+l%C3%A5ng+och+ovanlig+fras";
    let mut stream = TcpStream::connect(&address).unwrap();
    write!(
        stream,
        "POST /logga-in HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    assert!(response.starts_with("HTTP/1.1 303"), "{response}");
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    child.wait().unwrap();
}
