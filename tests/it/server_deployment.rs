//! A deployment as an operator runs it: demo data only in demo mode, the
//! public address required outside it, and the first moderator created from
//! the command line with a password that is never shown.

use crate::common::{server_in, Setup, SQLITE};
use std::io::Write;
use std::process::{Command, Output, Stdio};

const PUBLIC: &str = "https://souk.example";
const VOLGA: (&str, &str) = ("owner@volga.demo", "volga-demo-2026");
const MODERATOR: (&str, &str) = ("moderator@souk.demo", "moderator-demo-2026");

/// `souk-server` with `args` on the SQLite database in `dir`, `stdin` piped in;
/// one that serves instead of ending is stopped after a minute, and fails the test.
pub fn souk_server(dir: &std::path::Path, env: &[(&str, &str)], args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new("timeout")
        .args(["60", env!("CARGO_BIN_EXE_souk-server")])
        .args(args)
        .env_clear()
        .env("DATABASE_URL", SQLITE.replace("{dir}", &dir.display().to_string()))
        .env("PORT", "0")
        .env("SOUK_DIST", dir.join("dist"))
        .env("RUST_LOG", "error")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("souk-server runs");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

pub fn text(output: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr))
}

#[tokio::test]
async fn outside_demo_mode_the_server_needs_its_public_address_and_starts_empty() {
    let dir = tempfile::tempdir().unwrap();
    let refused = souk_server(dir.path(), &[], &[], "");
    assert!(!refused.status.success());
    assert!(text(&refused).contains("SOUK_PUBLIC_URL is required"), "{}", text(&refused));
    let bad = souk_server(dir.path(), &[("SOUK_PUBLIC_URL", "souk.example/app")], &[], "");
    assert!(!bad.status.success() && text(&bad).contains("SOUK_PUBLIC_URL must be"), "{}", text(&bad));
    let half = souk_server(
        dir.path(),
        &[("SOUK_PUBLIC_URL", PUBLIC), ("SOUK_PAYMENTS_URL", "https://pay.example/v3")],
        &[],
        "",
    );
    assert!(!half.status.success() && text(&half).contains("set all three"), "{}", text(&half));

    let server = server_in(dir, Setup { public_url: Some(PUBLIC), demo: false, ..Setup::DEMO }).await;
    for (email, password) in [VOLGA, MODERATOR] {
        let response = server.call("sign_in", &[("email", email), ("password", password)]).await;
        assert_eq!(response.status(), 401, "no demo user outside demo mode: {email}");
    }
    let store = server.store().await;
    let (users, modules): (i64, i64) =
        sqlx::query_as("SELECT (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM modules)")
            .fetch_one(&store.pool)
            .await
            .unwrap();
    assert_eq!((users, modules), (0, 0), "nothing seeded");
}

#[tokio::test]
async fn an_operator_creates_the_first_moderator_with_a_password_never_shown() {
    let dir = tempfile::tempdir().unwrap();
    let password = "a long operator pass 2026";
    let create = ["user", "create", "--role", "moderator", "--email", " Ops@Souk.Example ", "--name", "Ops"];
    let created = souk_server(dir.path(), &[], &create, &format!("{password}\n"));
    assert!(created.status.success(), "{}", text(&created));
    assert!(text(&created).contains("ops@souk.example"), "{}", text(&created));
    assert!(!text(&created).contains(password), "the password is never printed");
    let again = souk_server(dir.path(), &[], &create, &format!("{password}\n"));
    assert!(!again.status.success() && text(&again).contains("already signs in"), "{}", text(&again));

    for (args, stdin, problem) in [
        (vec!["--role", "moderator", "--email", "ops2@souk.example"], "short\n", "at least 12 characters"),
        (vec!["--role", "moderator", "--email", "not an address"], "a long operator pass\n", "--email"),
        (vec!["--role", "partner", "--email", "p@souk.example"], "a long operator pass\n", "--company"),
        (vec!["--role", "account_owner", "--email", "o@souk.example"], "a long operator pass\n", "account"),
        (vec!["--role", "admin", "--email", "o@souk.example"], "a long operator pass\n", "unknown role"),
        (vec!["--email", "o@souk.example", "--password", "x"], "", "unknown option"),
    ] {
        let refused = souk_server(dir.path(), &[], &[&["user", "create"], args.as_slice()].concat(), stdin);
        assert!(!refused.status.success() && text(&refused).contains(problem), "{args:?}: {}", text(&refused));
    }

    let server = server_in(dir, Setup { public_url: Some(PUBLIC), demo: false, ..Setup::DEMO }).await;
    server.sign_in("ops@souk.example", password).await;
    let queue = server.call("review_queue", &[]).await;
    assert_eq!(queue.status(), 200, "signed in as the moderator");
    let store = server.store().await;
    let (users,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users").fetch_one(&store.pool).await.unwrap();
    assert_eq!(users, 1, "the refused ones created nobody");
}
