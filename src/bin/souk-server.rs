//! The Souk server: `souk-server` serves the app, its API and the database.

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
