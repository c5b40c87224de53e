//! Demo content, built from the seed documents, loaded only with `PORTAL_DEMO=1` and only
//! into an empty database, so a production install never gets demo accounts.
use anyhow::Context;
use app::backend::{
    entities::{app_user, association, association_member},
    password,
};
use app::site::DemoAccount;
use chrono::Utc;
use sea_orm::{ActiveValue::Set, DatabaseConnection, EntityTrait, PaginatorTrait};
use uuid::Uuid;

/// A demo person: the account and who they are.
struct DemoPerson {
    account: DemoAccount,
    name: &'static str,
    title: &'static str,
    phone: &'static str,
}

const PEOPLE: [DemoPerson; 5] = [
    DemoPerson {
        account: DemoAccount {
            role: "applicant",
            role_label: "sökande (Kindness & Compassion)",
            email: "sara.lind@kindness-compassion.example",
            password: "Sokande-demo-2026",
        },
        name: "Sara Lind",
        title: "Generalsekreterare",
        phone: "070-123 45 67",
    },
    DemoPerson {
        account: DemoAccount {
            role: "officer",
            role_label: "handläggare",
            email: "emelie.steen@socialforvaltningen.example",
            password: "Handlaggare-demo-2026",
        },
        name: "Emelie Steen",
        title: "Handläggare",
        phone: "08-508 25 158",
    },
    DemoPerson {
        account: DemoAccount {
            role: "approver",
            role_label: "attestant (enhetschef)",
            email: "jorgen.nordin@socialforvaltningen.example",
            password: "Enhetschef-demo-2026",
        },
        name: "Jörgen Nordin",
        title: "Enhetschef",
        phone: "08-508 25 100",
    },
    DemoPerson {
        account: DemoAccount {
            role: "approver",
            role_label: "attestant (avdelningschef)",
            email: "lina.blombergsson@socialforvaltningen.example",
            password: "Avdelningschef-demo-2026",
        },
        name: "Lina Blombergsson",
        title: "Avdelningschef",
        phone: "08-508 25 000",
    },
    DemoPerson {
        account: DemoAccount {
            role: "admin",
            role_label: "administratör",
            email: "admin@socialforvaltningen.example",
            password: "Administrator-demo-2026",
        },
        name: "Portalens administratör",
        title: "Systemförvaltare",
        phone: "08-508 25 001",
    },
];

/// The demo accounts, in the order they are printed at start-up.
pub fn accounts() -> Vec<DemoAccount> {
    PEOPLE.iter().map(|person| person.account.clone()).collect()
}

/// Loads the demo content if the database holds no accounts and no associations yet.
/// Returns whether anything was loaded.
pub async fn load_if_empty(db: &DatabaseConnection) -> anyhow::Result<bool> {
    let users = app_user::Entity::find().count(db).await?;
    let associations = association::Entity::find().count(db).await?;
    if users > 0 || associations > 0 {
        return Ok(false);
    }

    // Hashing is CPU-bound: keep it off the async workers.
    let hashes = tokio::task::spawn_blocking(|| {
        PEOPLE
            .iter()
            .map(|person| password::hash(person.account.password))
            .collect::<Vec<_>>()
    })
    .await
    .context("hashing the demo passwords")?;

    let now = Utc::now();
    let txn = app::backend::db::begin_write(&db).await?;
    // From the OFU seed: the association behind "Etablering av ett självhjälpscenter".
    let association_id = Uuid::now_v7();
    association::Entity::insert(association::ActiveModel {
        id: Set(association_id),
        name: Set("Kindness & Compassion".into()),
        org_number: Set("802534-3750".into()),
        contact_person: Set("Sara Lind".into()),
        email: Set("info@kindness-compassion.example".into()),
        phone: Set("070-123 45 67".into()),
        postal_address: Set("Drottninggatan 1, 111 51 Stockholm".into()),
        founded_year: Set(Some(2021)),
        members_in_city: Set(Some(13)),
        target_group: Set("Individer i utanförskap, social isolering och/eller i behov av samtalsstöd på grund av psykisk ohälsa i Stockholms stad.".into()),
        created_at: Set(now),
        bankgiro: Set("5050-1055".into()),
        plusgiro: Set(String::new()),
    })
    .exec(&txn)
    .await?;

    for (person, hash) in PEOPLE.iter().zip(hashes) {
        let user_id = Uuid::now_v7();
        app_user::Entity::insert(app_user::ActiveModel {
            id: Set(user_id),
            email: Set(person.account.email.into()),
            display_name: Set(person.name.into()),
            title: Set(person.title.into()),
            phone: Set(person.phone.into()),
            role: Set(person.account.role.into()),
            password_hash: Set(hash.expose_for_storage().to_owned()),
            email_verified_at: Set(Some(now)),
            active: Set(true),
            created_at: Set(now),
        })
        .exec(&txn)
        .await?;
        if person.account.role == "applicant" {
            association_member::Entity::insert(association_member::ActiveModel {
                association_id: Set(association_id),
                user_id: Set(user_id),
                role: Set("owner".into()),
                created_at: Set(now),
            })
            .exec(&txn)
            .await?;
        }
    }
    txn.commit().await?;
    Ok(true)
}
