//! **Payments (utbetalning)** of granted money. When the minutes of a granting decision
//! are justerade the case gets its payment plan: by default the whole amount at once,
//! due on the day of justering (the decision may be carried out from then on, at the
//! municipality's risk until it wins laga kraft). The officer may split it into
//! instalments (a percentage, a fixed sum or the remainder; on a date or when the
//! follow-up report is approved) and hold a payment. The finance unit gathers the due
//! payments into a payment order, a second person attests it, it is exported once as an
//! ISO 20022 `pain.001.001.03` credit-transfer file to the associations' bankgiro or
//! plusgiro, and marked as paid. Every step is an event on the case's timeline.
//!
//! Here: the plan's rules (pure, tested below), the pages' data, the state changes
//! (`commands`), the reads (`queries`, `api`), the file (`pain001`) and the pages
//! (`pages`). The posts and the download are handled in `server/src/http/payments.rs`;
//! the tests are `tests/api/payments.rs`.
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub mod api;
#[cfg(feature = "ssr")]
pub mod commands;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod pain001;
#[cfg(feature = "ssr")]
pub mod queries;

/// The finance unit's page.
pub const FINANCE: &str = "/ekonomi/utbetalningar";

/// A case's payment plan page for the officer.
pub fn plan_href(case: Uuid) -> String {
    format!("/handlaggning/arenden/{case}/utbetalning")
}

/// A payment order's page.
pub fn batch_href(batch: Uuid) -> String {
    format!("{FINANCE}/{batch}")
}

/// The most instalments a plan may have (the form's rows).
pub const MAX_INSTALMENTS: usize = 4;

/// A payment waits for this when it falls due on the approved follow-up report.
pub const AFTER_FOLLOW_UP: &str = "follow_up_approved";

/// Where a payment is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PaymentStatus {
    Planned,
    Held,
    Batched,
    Paid,
}

impl PaymentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PaymentStatus::Planned => "planned",
            PaymentStatus::Held => "held",
            PaymentStatus::Batched => "batched",
            PaymentStatus::Paid => "paid",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [
            PaymentStatus::Planned,
            PaymentStatus::Held,
            PaymentStatus::Batched,
            PaymentStatus::Paid,
        ]
        .into_iter()
        .find(|s| s.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            PaymentStatus::Planned => "Planerad",
            PaymentStatus::Held => "Stoppad",
            PaymentStatus::Batched => "I betalningsorder",
            PaymentStatus::Paid => "Utbetald",
        }
    }
}

/// Where a payment order is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BatchStatus {
    Prepared,
    Attested,
    Paid,
    Cancelled,
}

impl BatchStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            BatchStatus::Prepared => "prepared",
            BatchStatus::Attested => "attested",
            BatchStatus::Paid => "paid",
            BatchStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        [
            BatchStatus::Prepared,
            BatchStatus::Attested,
            BatchStatus::Paid,
            BatchStatus::Cancelled,
        ]
        .into_iter()
        .find(|s| s.as_str() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            BatchStatus::Prepared => "Väntar på attest",
            BatchStatus::Attested => "Attesterad",
            BatchStatus::Paid => "Betald",
            BatchStatus::Cancelled => "Makulerad",
        }
    }
}

/// The forms' field names.
pub mod field {
    /// Instalment rows: `typ_1`, `varde_1`, `villkor_1`, `datum_1` …
    pub const SHARE: &str = "typ";
    pub const VALUE: &str = "varde";
    pub const WHEN: &str = "villkor";
    pub const DATE: &str = "datum";
    pub const REASON: &str = "orsak";
    pub const PAYMENT: &str = "utbetalning";
    pub const EXECUTE_ON: &str = "utbetalningsdag";
    pub const PAID_ON: &str = "betaldag";

    /// The field `name` of instalment row `row` (from 1).
    pub fn of(name: &str, row: usize) -> String {
        format!("{name}_{row}")
    }
}

/// How much of the granted amount an instalment is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Share {
    /// Whole per cent, 1–100.
    Percent(i64),
    /// A sum in öre.
    Fixed(i64),
    /// What the other instalments leave.
    Remainder,
}

/// When an instalment falls due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    On(NaiveDate),
    FollowUpApproved,
}

/// One instalment of a plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instalment {
    pub share: Share,
    pub when: When,
}

/// The plan's problems, by field name.
pub type Problems = Vec<(String, String)>;

/// Reads the plan's rows from a form (`get` answers a field's trimmed value); rows with
/// no type chosen are left out.
pub fn read_plan(get: impl Fn(&str) -> String) -> Result<Vec<Instalment>, Problems> {
    let mut plan = Vec::new();
    let mut problems = Vec::new();
    for row in 1..=MAX_INSTALMENTS {
        let name = |n: &str| field::of(n, row);
        let kind = get(&name(field::SHARE));
        if kind.is_empty() {
            continue;
        }
        let value = get(&name(field::VALUE));
        let share = match kind.as_str() {
            "procent" => match value.trim_end_matches('%').trim().parse::<i64>() {
                Ok(p) if (1..=100).contains(&p) => Some(Share::Percent(p)),
                _ => {
                    problems.push((
                        name(field::VALUE),
                        format!("Skriv andelen i delbetalning {row} som hela procent, 1–100."),
                    ));
                    None
                }
            },
            "belopp" => match crate::domain::money::parse(&value) {
                Ok(ore) if ore > 0 => Some(Share::Fixed(ore)),
                Ok(_) => {
                    problems.push((
                        name(field::VALUE),
                        format!("Beloppet i delbetalning {row} måste vara större än noll."),
                    ));
                    None
                }
                Err(message) => {
                    problems.push((name(field::VALUE), message.to_owned()));
                    None
                }
            },
            "rest" => Some(Share::Remainder),
            _ => {
                problems.push((
                    name(field::SHARE),
                    format!("Välj hur stor delbetalning {row} är."),
                ));
                None
            }
        };
        let when = match get(&name(field::WHEN)).as_str() {
            "aterrapport" => Some(When::FollowUpApproved),
            "datum" | "" => {
                match crate::domain::validation::date_typed("", &get(&name(field::DATE))) {
                    Ok(day) => Some(When::On(day)),
                    Err(_) => {
                        problems.push((
                            name(field::DATE),
                            format!(
                                "Skriv dagen för delbetalning {row} som ÅÅÅÅ-MM-DD, eller välj att den betalas när återrapporten är godkänd."
                            ),
                        ));
                        None
                    }
                }
            }
            _ => {
                problems.push((
                    name(field::WHEN),
                    format!("Välj när delbetalning {row} betalas."),
                ));
                None
            }
        };
        if let (Some(share), Some(when)) = (share, when) {
            plan.push(Instalment { share, when });
        }
    }
    if plan.is_empty() && problems.is_empty() {
        problems.push((
            field::of(field::SHARE, 1),
            "Planen behöver minst en utbetalning.".to_owned(),
        ));
    }
    if problems.is_empty() {
        Ok(plan)
    } else {
        Err(problems)
    }
}

/// The amounts in öre of `plan` for a grant of `granted` öre: they add up to the grant
/// exactly. Percentages are rounded down to whole kronor and the last instalment takes
/// what rounding left when the percentages make 100; a remainder must be the last row
/// and more than nothing.
pub fn amounts(plan: &[Instalment], granted: i64) -> Result<Vec<i64>, String> {
    if plan.is_empty() {
        return Err("Planen behöver minst en utbetalning.".into());
    }
    let remainders = plan.iter().filter(|i| i.share == Share::Remainder).count();
    if remainders > 1 || (remainders == 1 && plan.last().map(|i| i.share) != Some(Share::Remainder))
    {
        return Err("Bara den sista delbetalningen kan vara ”resten”.".into());
    }
    let all_percent = plan.iter().all(|i| matches!(i.share, Share::Percent(_)));
    let percent_total: i64 = plan
        .iter()
        .map(|i| match i.share {
            Share::Percent(p) => p,
            _ => 0,
        })
        .sum();
    let mut amounts: Vec<i64> = plan
        .iter()
        .map(|i| match i.share {
            Share::Percent(p) => granted * p / 100 / 100 * 100,
            Share::Fixed(ore) => ore,
            Share::Remainder => 0,
        })
        .collect();
    let planned: i64 = amounts.iter().sum();
    if all_percent && percent_total == 100 {
        if let Some(last) = amounts.last_mut() {
            *last += granted - planned;
        }
        return Ok(amounts);
    }
    if planned > granted {
        return Err(format!(
            "Delbetalningarna blir {} men beviljat belopp är {}.",
            crate::domain::money::format_kr(planned),
            crate::domain::money::format_kr(granted)
        ));
    }
    if remainders == 1 {
        if planned == granted {
            return Err("Det blir ingenting kvar till den sista delbetalningen (resten).".into());
        }
        if let Some(last) = amounts.last_mut() {
            *last = granted - planned;
        }
        return Ok(amounts);
    }
    if planned != granted {
        return Err(format!(
            "Delbetalningarna blir {} men beviljat belopp är {}. Justera beloppen eller låt den sista vara ”resten”.",
            crate::domain::money::format_kr(planned),
            crate::domain::money::format_kr(granted)
        ));
    }
    Ok(amounts)
}

/// One payment as the pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaymentRow {
    pub id: Uuid,
    pub case_id: Uuid,
    pub dnr: String,
    pub association: String,
    pub programme: String,
    /// "1 av 2".
    pub instalment: String,
    pub amount: String,
    /// The due day, or what it waits for.
    pub due: String,
    pub status: String,
    pub status_label: String,
    pub hold_reason: String,
    /// Where the money goes: "Bankgiro 5050-1055".
    pub account: String,
    /// Things the finance unit must see before paying (changed or missing giro).
    pub warnings: Vec<String>,
    /// Paid before laga kraft: the municipality's risk.
    pub risk: Option<String>,
    pub batch: Option<(Uuid, String)>,
}

/// A case's payments for its officer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CasePayments {
    pub case_id: Uuid,
    pub dnr: String,
    pub association: String,
    pub activity: String,
    pub granted: String,
    pub legal_force: String,
    pub rows: Vec<PaymentRow>,
    /// The plan may still change: nothing is in a payment order or paid.
    pub editable: bool,
    /// The form's start: per row (type, value, when, date).
    pub plan: Vec<(String, String, String, String)>,
}

/// A payment order in the lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchRow {
    pub id: Uuid,
    pub number: String,
    pub status: String,
    pub status_label: String,
    pub execute_on: String,
    pub total: String,
    pub payments: i32,
    pub prepared: String,
    pub attested: Option<String>,
    pub exported: Option<String>,
    pub paid_on: Option<String>,
}

/// Paid, due, held and waiting amounts of one programme and year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotalRow {
    pub programme: String,
    pub year: i32,
    pub paid: String,
    pub in_orders: String,
    pub due: String,
    pub held: String,
    pub waiting: String,
}

/// The finance unit's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinanceView {
    pub due: Vec<PaymentRow>,
    pub due_total: String,
    /// Held, or not due yet.
    pub waiting: Vec<PaymentRow>,
    pub batches: Vec<BatchRow>,
    pub totals: Vec<TotalRow>,
    pub today: String,
}

/// One payment order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchView {
    pub batch: BatchRow,
    pub rows: Vec<PaymentRow>,
    /// The viewer prepared it (and so may not attest it).
    pub prepared_by_viewer: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn on(day: &str) -> When {
        When::On(day.parse().unwrap())
    }

    #[test]
    fn one_payment_of_everything() {
        let plan = [Instalment {
            share: Share::Percent(100),
            when: on("2026-12-01"),
        }];
        assert_eq!(amounts(&plan, 1_234_567), Ok(vec![1_234_567]));
    }

    #[test]
    fn percentages_round_to_kronor_and_the_last_takes_the_rest() {
        let plan = [
            Instalment {
                share: Share::Percent(33),
                when: on("2026-12-01"),
            },
            Instalment {
                share: Share::Percent(67),
                when: When::FollowUpApproved,
            },
        ];
        // 33 % of 1 000,50 kr is 330,165 kr: 330 kr; the rest is 670,50 kr.
        assert_eq!(amounts(&plan, 100_050), Ok(vec![33_000, 67_050]));
    }

    #[test]
    fn a_fixed_sum_and_the_remainder() {
        let plan = [
            Instalment {
                share: Share::Fixed(4_000_000),
                when: on("2026-12-01"),
            },
            Instalment {
                share: Share::Remainder,
                when: on("2027-06-01"),
            },
        ];
        assert_eq!(amounts(&plan, 10_000_000), Ok(vec![4_000_000, 6_000_000]));
    }

    #[test]
    fn plans_that_do_not_add_up_are_refused() {
        let short = [Instalment {
            share: Share::Percent(60),
            when: on("2026-12-01"),
        }];
        assert!(amounts(&short, 10_000_000)
            .unwrap_err()
            .contains("60\u{a0}000\u{a0}kr"));
        let over = [
            Instalment {
                share: Share::Fixed(8_000_000),
                when: on("2026-12-01"),
            },
            Instalment {
                share: Share::Fixed(3_000_000),
                when: on("2026-12-01"),
            },
        ];
        assert!(amounts(&over, 10_000_000).is_err());
        let nothing_left = [
            Instalment {
                share: Share::Fixed(10_000_000),
                when: on("2026-12-01"),
            },
            Instalment {
                share: Share::Remainder,
                when: on("2026-12-01"),
            },
        ];
        assert!(amounts(&nothing_left, 10_000_000).is_err());
        let remainder_first = [
            Instalment {
                share: Share::Remainder,
                when: on("2026-12-01"),
            },
            Instalment {
                share: Share::Fixed(1_000),
                when: on("2026-12-01"),
            },
        ];
        assert!(amounts(&remainder_first, 10_000_000).is_err());
    }

    #[test]
    fn the_form_is_read_row_by_row_with_a_message_per_field() {
        let form = |pairs: &[(&str, &str)]| {
            let pairs: Vec<(String, String)> = pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            }
        };
        let plan = read_plan(form(&[
            ("typ_1", "procent"),
            ("varde_1", "50 %"),
            ("villkor_1", "datum"),
            ("datum_1", "2026-12-15"),
            ("typ_2", "rest"),
            ("villkor_2", "aterrapport"),
        ]))
        .unwrap();
        assert_eq!(
            plan,
            vec![
                Instalment {
                    share: Share::Percent(50),
                    when: on("2026-12-15")
                },
                Instalment {
                    share: Share::Remainder,
                    when: When::FollowUpApproved
                },
            ]
        );
        let problems = read_plan(form(&[
            ("typ_1", "procent"),
            ("varde_1", "150"),
            ("datum_1", "igår"),
        ]))
        .unwrap_err();
        let fields: Vec<&str> = problems.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["varde_1", "datum_1"]);
        assert!(read_plan(form(&[])).is_err(), "an empty plan");
    }
}
