//! One folder per feature. A feature is found by its name and owns everything of its
//! own: its types and field names (`mod.rs`), its rules, its state changes
//! (`commands.rs`, server only), its read models (`queries.rs`, server only), its server
//! functions (`api.rs`) and its pages (`pages/`). Infrastructure that several features
//! use is in `backend/` (database, events and outbox, mail, tokens, the command error
//! and context) and `domain/` (pure rules such as organisation numbers and dates);
//! nothing is borrowed from a sibling feature.
//!
//! The form posts of each feature are still handled in `server/src/http/<feature>.rs`
//! (see the README's design section for why).
pub mod access_requests;
pub mod accounts;
pub mod admin;
pub mod applications;
pub mod assessment;
pub mod board;
pub mod committee;
pub mod completion;
pub mod decisions;
pub mod directory;
pub mod follow_up;
pub mod guidance;
pub mod membership;
pub mod minutes;
pub mod notice_board;
pub mod partnerships;
pub mod payments;
pub mod profile;
pub mod programmes;
pub mod queue;
pub mod registration;
pub mod report;
pub mod representatives;
pub mod statistics;
pub mod umbrella;
