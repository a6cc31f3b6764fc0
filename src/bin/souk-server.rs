//! The Souk server: `souk-server` serves the app, its API and the database.

use souk::app::api_keys;
use souk::app::passwords::Passwords;
use souk::app::users::{create_user, NewUser};
use souk::domain::{Coded, ModuleCode, Role};
use souk::server::{self, Config};
use std::process::ExitCode;

const USAGE: &str = "usage: souk-server [--demo] [billing [--now <RFC 3339 time>] | seed --modules <count> | user create --role \
                     moderator|partner --email <e-mail> [--name <name>] [--company <company>] | api-key create \
                     --account <owner e-mail> --module <code> --scopes <scope,scope…> | api-key revoke <key or prefix> | demo-module [--port <port>] | smsc [--port <port>] | billmgr [--port <port>] | booking [--port <port>]]";

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let demo_flag = args.first().is_some_and(|arg| arg == "--demo");
    if demo_flag {
        args.remove(0);
    }
    let mut config = match Config::from_env() {
        Ok(config) => config,
        Err(problem) => {
            eprintln!("souk-server: {problem}");
            return ExitCode::from(2);
        }
    };
    config.demo |= demo_flag;
    match args.first().map(String::as_str) {
        None => {}
        Some("billing") => return billing_once(&config, &args[1..]).await,
        Some("seed") => return seed_command(&config, &args[1..]).await,
        Some("user") => return user_command(&config, &args[1..]).await,
        Some("api-key") => return api_key_command(&config, &args[1..]).await,
        Some("demo-module") => return demo_module(&args[1..]).await,
        Some("smsc") => return stand_in("smsc", &args[1..], server::smsc::DEFAULT_PORT, server::smsc::run).await,
        Some("billmgr") => {
            return stand_in("billmgr", &args[1..], server::billmgr::DEFAULT_PORT, server::billmgr::run).await
        }
        Some("booking") => {
            return stand_in("booking", &args[1..], server::booking::DEFAULT_PORT, server::booking::run).await
        }
        Some(other) => {
            eprintln!("souk-server: unknown command {other:?}\n{USAGE}");
            return ExitCode::from(2);
        }
    }
    let (database, demo) = (config.database_url.clone(), config.demo);
    let running = match server::start(config).await {
        Ok(running) => running,
        Err(problem) => {
            eprintln!("souk-server: cannot start: {problem}");
            return ExitCode::FAILURE;
        }
    };
    println!("Souk is running at http://{} (database: {database})", running.addr);
    if demo {
        if let Ok(demo) = server::seed::demo_data() {
            println!("Demo mode. Demo sign-ins (their passwords are public):");
            for user in demo.users {
                println!("  {:<26} {:<22} {}", user.email, user.password, user.role.code());
            }
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

/// `souk-server seed --modules 10000`: the demo data (when the database is
/// empty) and that many generated modules beside it, to measure at scale.
async fn seed_command(config: &Config, args: &[String]) -> ExitCode {
    let count = match args {
        [flag, count] if flag == "--modules" => match count.parse::<usize>() {
            Ok(count) => count,
            Err(_) => {
                eprintln!("souk-server: --modules {count:?}: not a number");
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!("usage: souk-server seed --modules <count>");
            return ExitCode::from(2);
        }
    };
    let result: Result<_, Box<dyn std::error::Error + Send + Sync>> = async {
        let store = config.store().await?;
        server::seed::seed_demo_if_empty(&store, &config.demo_module_url).await?;
        Ok(souk::app::seed::seed_generated(&store, count).await?)
    }
    .await;
    match result {
        Ok(count) => {
            println!("Published {count} generated modules beside the demo catalog.");
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("souk-server: seed: {problem}");
            ExitCode::FAILURE
        }
    }
}

/// `souk-server user create --role moderator --email … [--name …] [--company …]`:
/// the password comes from standard input (typed without echo on a terminal,
/// or piped), never from the command line, and is never printed.
async fn user_command(config: &Config, args: &[String]) -> ExitCode {
    let Some(("create", options)) = args.split_first().map(|(command, rest)| (command.as_str(), rest)) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let new = match new_user(options) {
        Ok(new) => new,
        Err(problem) => {
            eprintln!("souk-server: {problem}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let typed = std::io::IsTerminal::is_terminal(&std::io::stdin());
    let password = if typed {
        eprint!("Password for {} (at least {} characters): ", new.email, souk::domain::application::MIN_PASSWORD);
        rpassword::read_password()
    } else {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map(|_| line.trim_end_matches(['\r', '\n']).to_string())
    };
    let password = match password {
        Ok(password) => password,
        Err(problem) => {
            eprintln!("souk-server: reading the password: {problem}");
            return ExitCode::FAILURE;
        }
    };
    let result: Result<_, Box<dyn std::error::Error + Send + Sync>> = async {
        let store = config.store().await?;
        Ok(create_user(&store, Passwords::Server, new, password).await?)
    }
    .await;
    match result {
        Ok(email) => {
            println!("Created {email}: they sign in with the password given.");
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("souk-server: user create: {problem}");
            ExitCode::FAILURE
        }
    }
}

fn new_user(options: &[String]) -> Result<NewUser, String> {
    let mut new = NewUser { role: Role::Moderator, email: String::new(), name: String::new(), company: None };
    let mut role = None;
    for pair in options.chunks(2) {
        let [flag, value] = pair else { return Err(format!("{} needs a value", pair[0])) };
        match flag.as_str() {
            "--role" => role = Some(Role::from_code(value).ok_or_else(|| format!("--role {value:?}: unknown role"))?),
            "--email" => new.email = value.clone(),
            "--name" => new.name = value.clone(),
            "--company" => new.company = Some(value.clone()),
            other => return Err(format!("unknown option {other:?}")),
        }
    }
    new.role = role.ok_or("--role is required")?;
    if new.email.is_empty() {
        return Err("--email is required".into());
    }
    Ok(new)
}

/// `souk-server api-key create --account <owner e-mail> --module <code> --scopes a,b`
/// prints the new key (for scripts and support); `souk-server api-key revoke
/// <key or the first characters shown>` revokes one.
async fn api_key_command(config: &Config, args: &[String]) -> ExitCode {
    let now = chrono::Utc::now();
    let result: Result<String, Box<dyn std::error::Error + Send + Sync>> = async {
        let store = config.store().await?;
        match args {
            [command, options @ ..] if command == "create" => {
                let (mut account, mut module, mut scopes) = (None, None, Vec::new());
                for pair in options.chunks(2) {
                    let [flag, value] = pair else { return Err(format!("{} needs a value", pair[0]).into()) };
                    match flag.as_str() {
                        "--account" => account = Some(value.clone()),
                        "--module" => module = Some(ModuleCode::new(value.as_str())),
                        "--scopes" => scopes = value.split(',').map(|s| s.trim().to_string()).collect(),
                        other => return Err(format!("unknown option {other:?}").into()),
                    }
                }
                let (account, module) =
                    (account.ok_or("--account is required")?, module.ok_or("--module is required")?);
                let (key, record) = api_keys::create_for_operator(&store, &account, &module, &scopes, now).await?;
                eprintln!(
                    "Created key {} for {module} of {account} ({} …); it is not shown again.",
                    record.id, record.prefix
                );
                Ok(key)
            }
            [command, given] if command == "revoke" => {
                let record = api_keys::revoke_for_operator(&store, given).await?;
                Ok(format!(
                    "Revoked key {} ({}…) of {} for {}.",
                    record.id, record.prefix, record.account, record.module
                ))
            }
            _ => Err(USAGE.into()),
        }
    }
    .await;
    match result {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("souk-server: api-key: {problem}");
            ExitCode::FAILURE
        }
    }
}

/// `souk-server demo-module [--port 8090]`: the demo module's backend, for `make run`.
async fn demo_module(args: &[String]) -> ExitCode {
    let run = |port| async move {
        let demo = server::seed::demo_data().map_err(|problem| problem.to_string())?;
        server::demo_module::run(&demo, port).await
    };
    stand_in("demo-module", args, server::demo_module::DEFAULT_PORT, run).await
}

/// `souk-server <name> [--port <port>]`: a server standing in for an outside
/// system (or the demo module's backend), until the process ends.
async fn stand_in<F, R>(name: &str, args: &[String], default_port: u16, run: F) -> ExitCode
where
    F: FnOnce(u16) -> R,
    R: std::future::Future<Output = Result<(), String>>,
{
    let port = match args {
        [] => default_port,
        [flag, port] if flag == "--port" => match port.parse() {
            Ok(port) => port,
            Err(_) => {
                eprintln!("souk-server: --port {port:?}: not a port number");
                return ExitCode::from(2);
            }
        },
        _ => {
            eprintln!("usage: souk-server {name} [--port <port>]");
            return ExitCode::from(2);
        }
    };
    match run(port).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("souk-server: {name}: {problem}");
            ExitCode::FAILURE
        }
    }
}
