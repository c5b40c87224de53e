use std::process::ExitCode;

/// mimalloc gives freed memory back to the system soon after a burst, where glibc's
/// allocator keeps per-thread arenas at their peak (see the memory figures in the README).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::Parser;
use server::{
    accounts,
    cli::{Cli, Command},
    db, demo,
    settings::Settings,
    startup::{run_worker, shutdown_signal, Application},
    telemetry,
};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match Settings::from_env() {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("server: invalid configuration: {error}");
            return ExitCode::from(2);
        }
    };
    telemetry::init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("server: could not start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async move {
        match cli.command.unwrap_or(Command::Serve) {
            Command::Serve => serve(settings).await,
            Command::Worker => {
                println!("Föreningsportalens utskicksarbetare körs.");
                run_worker(settings, shutdown_signal()).await
            }
            Command::CreateAdmin { email, name } => {
                let db = db::connect(&settings).await?;
                db::migrate(&db).await?;
                let password = read_password()?;
                accounts::create_admin(&db, &email, &name, &password).await?;
                println!(
                    "Administratören {} <{}> är skapad och kan logga in.",
                    name.trim(),
                    email.trim()
                );
                Ok(())
            }
            Command::Backup { path } => {
                let copied = server::backup::backup(&settings, &path).await?;
                if !copied.database {
                    println!("PostgreSQL: säkerhetskopiera databasen med pg_dump (se README).");
                }
                println!(
                    "Säkerhetskopian är klar i {}: {} dokument, {} byte{}.",
                    path.display(),
                    copied.documents,
                    copied.bytes,
                    if copied.database {
                        ", och databasen"
                    } else {
                        ""
                    }
                );
                Ok(())
            }
            Command::Restore { path } => {
                let copied = server::backup::restore(&settings, &path).await?;
                println!(
                    "Återställt från {}: {} dokument{}.",
                    path.display(),
                    copied.documents,
                    if copied.database {
                        " och databasen"
                    } else {
                        ""
                    }
                );
                Ok(())
            }
            Command::Migrate => {
                let db = db::connect(&settings).await?;
                db::migrate(&db).await?;
                println!("Databasen är uppdaterad.");
                Ok(())
            }
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("server: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// The first line of standard input, without its line ending.
fn read_password() -> anyhow::Result<String> {
    use std::io::{BufRead, IsTerminal};
    if std::io::stdin().is_terminal() {
        eprint!("Lösenord för administratören (visas när du skriver): ");
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let demo_mode = settings.demo;
    let app = Application::build(settings).await?;
    println!("Föreningsportalen lyssnar på http://{}", app.local_addr());
    if demo_mode {
        for account in demo::accounts() {
            println!(
                "demo: {} {} / {}",
                account.role.as_str(),
                account.email,
                account.password
            );
        }
    }
    app.run_until(shutdown_signal()).await
}
