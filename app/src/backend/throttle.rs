//! Sign-in throttling: after [`MAX_FAILURES`] failed attempts for one address from one
//! IP within [`WINDOW_MS`], further attempts are refused until the oldest of them falls
//! out of the window. Never a permanent lock-out, and the same for known and unknown
//! addresses, so it tells an attacker nothing about which accounts exist.
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use uuid::Uuid;

use crate::backend::entities::sign_in_failure;

pub const MAX_FAILURES: usize = 5;
pub const WINDOW_MS: i64 = 15 * 60 * 1000;

/// When attempts for (`email`, `ip`) may start again, if they are throttled now.
pub async fn blocked_until_ms(
    db: &impl ConnectionTrait,
    email: &str,
    ip: &str,
    now_ms: i64,
) -> Result<Option<i64>, DbErr> {
    blocked_until_ms_of(db, email, ip, now_ms, MAX_FAILURES).await
}

async fn blocked_until_ms_of(
    db: &impl ConnectionTrait,
    email: &str,
    ip: &str,
    now_ms: i64,
    max: usize,
) -> Result<Option<i64>, DbErr> {
    let recent = sign_in_failure::Entity::find()
        .filter(sign_in_failure::Column::Email.eq(email))
        .filter(sign_in_failure::Column::Ip.eq(ip))
        .filter(sign_in_failure::Column::AtMs.gt(now_ms - WINDOW_MS))
        .order_by_desc(sign_in_failure::Column::AtMs)
        .all(db)
        .await?;
    if recent.len() < max {
        return Ok(None);
    }
    // The max-th most recent attempt is the one whose ageing-out allows a new one.
    Ok(Some(recent[max - 1].at_ms + WINDOW_MS))
}

/// Records a failed attempt, and forgets attempts older than the window.
pub async fn record_failure(
    db: &impl ConnectionTrait,
    email: &str,
    ip: &str,
    now_ms: i64,
) -> Result<(), DbErr> {
    sign_in_failure::Entity::insert(sign_in_failure::ActiveModel {
        id: Set(Uuid::now_v7()),
        email: Set(email.to_owned()),
        ip: Set(ip.to_owned()),
        at_ms: Set(now_ms),
    })
    .exec_without_returning(db)
    .await?;
    sign_in_failure::Entity::delete_many()
        .filter(sign_in_failure::Column::AtMs.lt(now_ms - WINDOW_MS))
        .exec(db)
        .await?;
    Ok(())
}

/// Takes one attempt for (`key`, `ip`): if the pair is throttled, returns when it may
/// try again and records nothing; otherwise records the attempt and returns `None`. The
/// check and the record are one write transaction (serialised by `BEGIN IMMEDIATE` on
/// SQLite and by an advisory lock on the pair on PostgreSQL), so a burst of parallel
/// requests cannot all pass before any is counted. Callers [`clear`] after a success.
pub async fn take_attempt(
    db: &sea_orm::DatabaseConnection,
    key: &str,
    ip: &str,
    now_ms: i64,
) -> Result<Option<i64>, DbErr> {
    take_attempt_of(db, key, ip, now_ms, MAX_FAILURES).await
}

/// Mails that one address may be sent by forms in [`WINDOW_MS`]: reset links,
/// registrations, invitations and access-request confirmations.
pub const MAILS_PER_ADDRESS: usize = 3;
/// Mail-sending forms that one IP may submit in [`WINDOW_MS`].
pub const MAILS_PER_IP: usize = 20;

/// Takes one mail-sending attempt for `address` from `ip`: refused (with when to try
/// again) once the IP or the address has had its share. The same for addresses with
/// and without an account, so it tells nobody which exist.
pub async fn take_mail_attempt(
    db: &sea_orm::DatabaseConnection,
    address: &str,
    ip: &str,
    now_ms: i64,
) -> Result<Option<i64>, DbErr> {
    if let Some(until) = take_attempt_of(db, "mail:ip", ip, now_ms, MAILS_PER_IP).await? {
        return Ok(Some(until));
    }
    take_attempt_of(
        db,
        &format!("mail:{address}"),
        "*",
        now_ms,
        MAILS_PER_ADDRESS,
    )
    .await
}

async fn take_attempt_of(
    db: &sea_orm::DatabaseConnection,
    key: &str,
    ip: &str,
    now_ms: i64,
    max: usize,
) -> Result<Option<i64>, DbErr> {
    use sea_orm::{DbBackend, Statement};
    let txn = crate::backend::db::begin_write(db).await?;
    if db.get_database_backend() == DbBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock(hashtext($1))",
            [format!("throttle:{key}:{ip}").into()],
        ))
        .await?;
    }
    if let Some(until) = blocked_until_ms_of(&txn, key, ip, now_ms, max).await? {
        txn.commit().await?;
        return Ok(Some(until));
    }
    record_failure(&txn, key, ip, now_ms).await?;
    txn.commit().await?;
    Ok(None)
}

/// Gives back the attempt taken at `now_ms` for (`key`, `ip`): the request could not be
/// decided (the server was busy), so it must not count against the person.
pub async fn give_back(
    db: &impl ConnectionTrait,
    key: &str,
    ip: &str,
    now_ms: i64,
) -> Result<(), DbErr> {
    sign_in_failure::Entity::delete_many()
        .filter(sign_in_failure::Column::Email.eq(key))
        .filter(sign_in_failure::Column::Ip.eq(ip))
        .filter(sign_in_failure::Column::AtMs.eq(now_ms))
        .exec(db)
        .await?;
    Ok(())
}

/// After a successful sign-in the address and IP start afresh.
pub async fn clear(db: &impl ConnectionTrait, email: &str, ip: &str) -> Result<(), DbErr> {
    sign_in_failure::Entity::delete_many()
        .filter(sign_in_failure::Column::Email.eq(email))
        .filter(sign_in_failure::Column::Ip.eq(ip))
        .exec(db)
        .await?;
    Ok(())
}

/// "om 12 minuter": whole minutes, rounded up, at least one.
pub fn minutes_until(until_ms: i64, now_ms: i64) -> i64 {
    ((until_ms - now_ms).max(0) + 59_999) / 60_000
}

/// Takes one of the mails `address` and `ip` may cause (a registration, an invitation,
/// a reset link). When their share is used up: `Throttled`, said for the whole form,
/// with when to try again.
pub async fn mail_share(
    db: &sea_orm::DatabaseConnection,
    address: &str,
    ip: &str,
) -> Result<(), crate::backend::command::CommandError> {
    let now_ms = chrono::Utc::now().timestamp_millis();
    match take_mail_attempt(db, address, ip, now_ms).await? {
        Some(until) => Err(too_many(until, now_ms)),
        None => Ok(()),
    }
}

/// Too many requests until `until_ms`: `Throttled` for the whole form, saying when to
/// try again.
pub fn too_many(until_ms: i64, now_ms: i64) -> crate::backend::command::CommandError {
    let minutes = minutes_until(until_ms, now_ms);
    crate::backend::command::CommandError::Throttled {
        field: "",
        message: format!(
            "Du har skickat många förfrågningar på kort tid. Försök igen om {minutes} {}.",
            if minutes == 1 { "minut" } else { "minuter" }
        ),
        retry_after_s: (until_ms - now_ms).max(0) / 1000 + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::minutes_until;

    #[test]
    fn the_wait_is_told_in_whole_minutes_rounded_up() {
        assert_eq!(minutes_until(60_000, 0), 1);
        assert_eq!(minutes_until(60_001, 0), 2);
        assert_eq!(minutes_until(1, 0), 1);
        assert_eq!(minutes_until(15 * 60_000, 0), 15);
    }
}
