//! The Souk server: `souk-server` serves the app, its API and the database.

use souk::domain::Coded;
use souk::server::{self, Config};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(problem) => {
            eprintln!("souk-server: {problem}");
            return ExitCode::from(2);
        }
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        None => {}
        Some("billing") => return billing_once(&config, &args[1..]).await,
        Some(other) => {
            eprintln!("souk-server: unknown command {other:?}\nusage: souk-server [billing [--now <RFC 3339 time>]]");
            return ExitCode::from(2);
        }
    }
    let database = config.database_url.clone();
    let running = match server::start(config).await {
        Ok(running) => running,
        Err(problem) => {
            eprintln!("souk-server: cannot start: {problem}");
            return ExitCode::FAILURE;
        }
    };
    println!("Souk is running at http://{} (database: {database})", running.addr);
    if let Ok(demo) = server::seed::demo_data() {
        println!("Demo sign-ins:");
        for user in demo.users {
            println!("  {:<26} {:<22} {}", user.email, user.password, user.role.code());
        }
    }
    tokio::select! {
        result = running.task => match result {
            Ok(Ok(())) => ExitCode::SUCCESS,
            Ok(Err(problem)) => { eprintln!("souk-server: {problem}"); ExitCode::FAILURE }
            Err(problem) => { eprintln!("souk-server: {problem}"); ExitCode::FAILURE }
        },
        _ = tokio::signal::ctrl_c() => ExitCode::SUCCESS,
    }
}

/// `souk-server billing [--now 2027-01-31T00:00:00Z]`: one billing run, for
/// operators and tests; running it twice for one moment changes nothing.
async fn billing_once(config: &Config, args: &[String]) -> ExitCode {
    let now = match args {
        [] => chrono::Utc::now(),
        [flag, time] if flag == "--now" => match chrono::DateTime::parse_from_rfc3339(time) {
            Ok(time) => time.with_timezone(&chrono::Utc),
            Err(problem) => {
                eprintln!("souk-server: --now {time:?}: {problem}");
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!("usage: souk-server billing [--now <RFC 3339 time>]");
            return ExitCode::from(2);
        }
    };
    let result: Result<_, Box<dyn std::error::Error + Send + Sync>> = async {
        let store = config.store().await?;
        Ok(souk::app::billing::run_billing(&store, now).await?)
    }
    .await;
    match result {
        Ok(report) => {
            println!("{}", serde_json::to_string(&report).unwrap_or_default());
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("souk-server: billing: {problem}");
            ExitCode::FAILURE
        }
    }
}
