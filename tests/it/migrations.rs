//! The schema's migrations over a database that already holds data.

use souk::domain::ListingId;
use souk::store::sql::{SecretKey, SqlStore};
use souk::store::{Store, Submissions};

/// A database as the server left it before secrets were sealed (the first
/// four migrations), with a listing whose secret was kept as a hash.
async fn before_sealed_secrets(url: &str) {
    let dir = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let mut names: Vec<_> = std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().file_name()).collect();
    names.sort();
    for name in names.iter().take(4) {
        std::fs::copy(root.join(name), dir.path().join(name)).unwrap();
    }
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(url).await.unwrap();
    sqlx::migrate::Migrator::new(dir.path()).await.unwrap().run(&pool).await.unwrap();
    sqlx::query(
        "INSERT INTO users (email, name, password_hash, role) VALUES ('old@partner.test', 'Old', '', 'partner')",
    )
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO submissions (id, owner_email, code, draft, stage, secret_hash, updated_at) \
         VALUES ('lst-old', 'old@partner.test', 'old-module', '{}', 'draft', 'ab12', 1)",
    )
    .execute(&pool)
    .await
    .unwrap();
    pool.close().await;
}

#[tokio::test]
async fn a_listing_kept_with_a_hashed_secret_survives_and_has_no_secret_until_rotated() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("souk.db").display());
    before_sealed_secrets(&url).await;

    let store = SqlStore::connect(&url, &SecretKey::random()).await.expect("migrates over the old rows");
    let (code, stage): (String, String) = sqlx::query_as("SELECT code, stage FROM submissions WHERE id = 'lst-old'")
        .fetch_one(&store.pool)
        .await
        .unwrap();
    assert_eq!((code.as_str(), stage.as_str()), ("old-module", "draft"), "the row is kept");
    let secret = store.read().await.unwrap().module_secret(&ListingId::new("lst-old")).await.unwrap();
    assert_eq!(secret, None, "a hash cannot be turned back into the secret");
    let columns: Vec<(String,)> =
        sqlx::query_as("SELECT name FROM pragma_table_info('submissions')").fetch_all(&store.pool).await.unwrap();
    assert!(!columns.iter().any(|(name,)| name == "secret_hash"), "no hash is kept any more");
}
