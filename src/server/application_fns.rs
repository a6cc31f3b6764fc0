//! Partner applications on the server: anyone may apply (a few times an hour
//! per address), only moderators decide, and the approval letter's one-time
//! link is the only way to set the new partner's first password.

use super::auth::{hash_password, random_token, token_hash};
use super::fns::{answer, client_address, internal, request_origin, start_session, state, user_row};
use super::moderation_fns::moderator;
use crate::api::applications::{ApplicationView, Invitation, Letter};
use crate::api::{ApiError, SessionInfo};
use crate::domain::application::{
    check_password, Application, ApplicationField, ApplicationProblem, Decision, INVITATION_DAYS,
};
use crate::domain::submission::Issue;
use crate::domain::{Lang, Role};
use chrono::{DateTime, TimeZone, Utc};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use std::time::Instant;

const SELECT: &str = "SELECT id, company, contact, email, phone, website, message, lang, status, reason, \
                      created_at, decided_at, letter_subject, letter_body, sent_at FROM applications";

fn time(seconds: i64) -> Result<DateTime<Utc>, ApiError> {
    Utc.timestamp_opt(seconds, 0).single().ok_or_else(|| internal("bad time"))
}

fn from_row(row: &AnyRow) -> Result<(ApplicationView, Lang), ApiError> {
    let decision = match (row.get::<String, _>("status").as_str(), row.get::<Option<String>, _>("reason")) {
        ("pending", _) => Decision::Pending,
        ("approved", _) => Decision::Approved,
        ("declined", reason) => Decision::Declined(reason.unwrap_or_default()),
        (other, _) => return Err(internal(format!("unknown application status {other:?}"))),
    };
    let application = Application {
        company: row.get("company"),
        contact: row.get("contact"),
        email: row.get("email"),
        phone: row.get("phone"),
        website: row.get("website"),
        message: row.get("message"),
    };
    let letter = match (row.get::<Option<String>, _>("letter_subject"), row.get::<Option<String>, _>("letter_body")) {
        (Some(subject), Some(body)) => Some(Letter {
            recipient: application.email.clone(),
            subject,
            body,
            sent_at: row.get::<Option<i64>, _>("sent_at").map(time).transpose()?,
        }),
        _ => None,
    };
    let lang = Lang::from_code(&row.get::<String, _>("lang")).unwrap_or(Lang::Ru);
    let view = ApplicationView {
        id: row.get("id"),
        application,
        decision,
        submitted_at: time(row.get("created_at"))?,
        decided_at: row.get::<Option<i64>, _>("decided_at").map(time).transpose()?,
        letter,
    };
    Ok((view, lang))
}

async fn by_id(conn: &mut AnyConnection, id: &str) -> Result<(ApplicationView, Lang), ApiError> {
    let row = sqlx::query(&format!("{SELECT} WHERE id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await
        .map_err(internal)?
        .ok_or(ApiError::NotFound)?;
    from_row(&row)
}

/// A partner already signs in with `email`, or has applied and waits.
async fn email_taken(conn: &mut AnyConnection, email: &str) -> Result<bool, ApiError> {
    let row = sqlx::query(
        "SELECT (SELECT COUNT(*) FROM users WHERE email = $1) + \
         (SELECT COUNT(*) FROM applications WHERE email = $1 AND status = 'pending') AS taken",
    )
    .bind(email)
    .fetch_one(&mut *conn)
    .await
    .map_err(internal)?;
    Ok(row.get::<i64, _>("taken") > 0)
}

fn email_taken_problem() -> ApiError {
    ApiError::Application(vec![ApplicationProblem { field: ApplicationField::Email, issue: Issue::EmailTaken }])
}

pub async fn apply(application: Application, lang: Lang) -> Result<(), ApiError> {
    answer(async {
        let state = state()?;
        let application = application.normalized();
        let problems = application.problems();
        if !problems.is_empty() {
            return Err(ApiError::Application(problems));
        }
        if state.application_limits.admit(client_address(), Instant::now()).is_err() {
            return Err(ApiError::TooManyAttempts);
        }
        let mut tx = state.db.pool.begin().await.map_err(internal)?;
        if email_taken(&mut tx, &application.email).await? {
            return Err(email_taken_problem());
        }
        let inserted = sqlx::query(
            "INSERT INTO applications (id, company, contact, email, phone, website, message, lang, status, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9)",
        )
        .bind(format!("app-{}", &random_token()[..16]))
        .bind(&application.company)
        .bind(&application.contact)
        .bind(&application.email)
        .bind(&application.phone)
        .bind(&application.website)
        .bind(&application.message)
        .bind(lang.code())
        .bind(Utc::now().timestamp())
        .execute(&mut *tx)
        .await;
        match inserted {
            Ok(_) => {}
            // Another application with this e-mail arrived at the same moment.
            Err(sqlx::Error::Database(error)) if error.is_unique_violation() => return Err(email_taken_problem()),
            Err(error) => return Err(internal(error)),
        }
        tx.commit().await.map_err(internal)
    })
    .await
}

pub async fn applications() -> Result<Vec<ApplicationView>, ApiError> {
    answer(async {
        let state = moderator().await?;
        let rows = sqlx::query(&format!(
            "{SELECT} ORDER BY CASE WHEN status = 'pending' THEN 0 ELSE 1 END, \
             CASE WHEN status = 'pending' THEN created_at ELSE -decided_at END, id"
        ))
        .fetch_all(&state.db.pool)
        .await
        .map_err(internal)?;
        rows.iter().map(|row| from_row(row).map(|(view, _)| view)).collect()
    })
    .await
}

/// Writes the decision `view` now carries and its letter, and answers the
/// view as decided; the application must still be pending in the database.
async fn decide(
    conn: &mut AnyConnection,
    mut view: ApplicationView,
    (subject, body): (String, String),
    now: i64,
) -> Result<ApplicationView, ApiError> {
    let reason = match &view.decision {
        Decision::Declined(reason) => Some(reason.as_str()),
        _ => None,
    };
    let updated = sqlx::query(
        "UPDATE applications SET status = $1, reason = $2, decided_at = $3, letter_subject = $4, letter_body = $5, \
         next_attempt_at = $3 WHERE id = $6 AND status = 'pending'",
    )
    .bind(view.decision.code())
    .bind(reason)
    .bind(now)
    .bind(&subject)
    .bind(&body)
    .bind(&view.id)
    .execute(&mut *conn)
    .await
    .map_err(internal)?;
    if updated.rows_affected() != 1 {
        return Err(ApiError::Decision(crate::domain::application::DecisionError::AlreadyDecided));
    }
    view.decided_at = Some(time(now)?);
    view.letter = Some(Letter { recipient: view.application.email.clone(), subject, body, sent_at: None });
    Ok(view)
}

pub async fn approve_application(id: String) -> Result<ApplicationView, ApiError> {
    answer(async {
        let state = moderator().await?;
        let origin = state.config.public_url.clone().or_else(request_origin).ok_or_else(|| internal("no origin"))?;
        let mut tx = state.db.pool.begin().await.map_err(internal)?;
        let (mut view, lang) = by_id(&mut tx, &id).await?;
        view.decision.approve().map_err(ApiError::Decision)?;
        let application = &view.application;
        let exists = sqlx::query("SELECT COUNT(*) AS n FROM users WHERE email = $1")
            .bind(&application.email)
            .fetch_one(&mut *tx)
            .await
            .map_err(internal)?;
        if exists.get::<i64, _>("n") > 0 {
            return Err(email_taken_problem());
        }
        // No password yet: the empty hash matches none, so only the link's owner can set one.
        sqlx::query(
            "INSERT INTO users (email, name, password_hash, role, account_id, company, website) \
             VALUES ($1, $2, '', $3, NULL, $4, $5)",
        )
        .bind(&application.email)
        .bind(&application.contact)
        .bind(Role::Partner.code())
        .bind(&application.company)
        .bind(&application.website)
        .execute(&mut *tx)
        .await
        .map_err(internal)?;
        let token = random_token();
        let now = Utc::now().timestamp();
        sqlx::query("INSERT INTO invitations (token_hash, email, expires_at) VALUES ($1, $2, $3)")
            .bind(token_hash(&token))
            .bind(&application.email)
            .bind(now + INVITATION_DAYS * 24 * 3600)
            .execute(&mut *tx)
            .await
            .map_err(internal)?;
        let link = format!("{origin}/welcome/{token}");
        let letter = crate::texts::decision_letter(lang, &application.company, None, Some(&link));
        let view = decide(&mut tx, view, letter, now).await?;
        tx.commit().await.map_err(internal)?;
        Ok(view)
    })
    .await
}

pub async fn decline_application(id: String, reason: String) -> Result<ApplicationView, ApiError> {
    answer(async {
        let state = moderator().await?;
        let mut tx = state.db.pool.begin().await.map_err(internal)?;
        let (mut view, lang) = by_id(&mut tx, &id).await?;
        view.decision.decline(&reason).map_err(ApiError::Decision)?;
        let Decision::Declined(reason) = &view.decision else { return Err(internal("not declined")) };
        let letter = crate::texts::decision_letter(lang, &view.application.company, Some(reason), None);
        let view = decide(&mut tx, view, letter, Utc::now().timestamp()).await?;
        tx.commit().await.map_err(internal)?;
        Ok(view)
    })
    .await
}

/// The link's invitation while unused and unexpired; any other token is `NotFound`.
async fn invitation(conn: &mut AnyConnection, token: &str) -> Result<Invitation, ApiError> {
    let row = sqlx::query(
        "SELECT i.email, i.expires_at, u.company FROM invitations i JOIN users u ON u.email = i.email \
         WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.expires_at > $2",
    )
    .bind(token_hash(token))
    .bind(Utc::now().timestamp())
    .fetch_optional(&mut *conn)
    .await
    .map_err(internal)?
    .ok_or(ApiError::NotFound)?;
    Ok(Invitation {
        email: row.get("email"),
        company: row.get::<Option<String>, _>("company").unwrap_or_default(),
        expires_at: time(row.get("expires_at"))?,
    })
}

pub async fn open_invitation(token: String) -> Result<Invitation, ApiError> {
    answer(async {
        let state = state()?;
        let mut conn = state.db.pool.acquire().await.map_err(internal)?;
        invitation(&mut conn, &token).await
    })
    .await
}

pub async fn accept_invitation(token: String, password: String) -> Result<SessionInfo, ApiError> {
    answer(async {
        let state = state()?;
        if let Err(issue) = check_password(&password) {
            return Err(ApiError::Application(vec![ApplicationProblem { field: ApplicationField::Password, issue }]));
        }
        let email = {
            let mut conn = state.db.pool.acquire().await.map_err(internal)?;
            invitation(&mut conn, &token).await?.email
        };
        let hash = hash_password(password).await;
        let mut tx = state.db.pool.begin().await.map_err(internal)?;
        // The link is used up here, once: a second request finds it used and changes nothing.
        let used = sqlx::query(
            "UPDATE invitations SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1",
        )
        .bind(Utc::now().timestamp())
        .bind(token_hash(&token))
        .execute(&mut *tx)
        .await
        .map_err(internal)?;
        if used.rows_affected() != 1 {
            return Err(ApiError::NotFound);
        }
        sqlx::query("UPDATE users SET password_hash = $1 WHERE email = $2")
            .bind(hash)
            .bind(&email)
            .execute(&mut *tx)
            .await
            .map_err(internal)?;
        let user = sqlx::query("SELECT email, name, role, account_id, company FROM users WHERE email = $1")
            .bind(&email)
            .fetch_one(&mut *tx)
            .await
            .map_err(internal)?;
        let user = user_row(&user)?;
        tx.commit().await.map_err(internal)?;
        start_session(&state, user).await
    })
    .await
}
