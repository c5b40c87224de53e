//! The budget of an application (*Budget för sökt verksamhet*): income lines and cost
//! lines in öre, their totals and whether they balance. The amount asked of the
//! committee is itself an income line, kept in step with the requested amount.
use serde::{Deserialize, Serialize};

/// Where an income line stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IncomeStatus {
    /// *Beviljat*: the money is promised.
    #[default]
    Granted,
    /// *Sökt, inväntar besked*.
    Applied,
    /// *Planerar att söka*.
    Planned,
}

impl IncomeStatus {
    pub const ALL: [IncomeStatus; 3] = [
        IncomeStatus::Granted,
        IncomeStatus::Applied,
        IncomeStatus::Planned,
    ];

    /// The value sent by the form.
    pub fn as_str(self) -> &'static str {
        match self {
            IncomeStatus::Granted => "beviljat",
            IncomeStatus::Applied => "sokt",
            IncomeStatus::Planned => "planerar",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == value)
    }

    /// The status as the form and the case show it.
    pub fn label(self) -> &'static str {
        match self {
            IncomeStatus::Granted => "beviljat",
            IncomeStatus::Applied => "sökt, inväntar besked",
            IncomeStatus::Planned => "planerar att söka",
        }
    }
}

/// One source of money.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncomeLine {
    pub source: String,
    pub amount_ore: i64,
    pub status: IncomeStatus,
}

/// One cost.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CostLine {
    pub category: String,
    pub description: String,
    pub amount_ore: i64,
}

/// The source named on the line that holds the amount asked of the committee.
pub const COMMITTEE_SOURCE: &str = "Sökt från nämnden";

/// The budget: the committee's line first, then the association's other income, then
/// the costs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Budget {
    pub income: Vec<IncomeLine>,
    pub costs: Vec<CostLine>,
}

/// The sums the budget shows, in öre.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    /// *Summa intäkter*, with the amount asked of the committee.
    pub income: i64,
    /// *Summa kostnader*.
    pub costs: i64,
}

impl Totals {
    /// Income minus costs: positive is a surplus, negative a deficit.
    pub fn difference(self) -> i64 {
        self.income - self.costs
    }

    pub fn balanced(self) -> bool {
        self.income == self.costs
    }
}

impl Budget {
    /// The totals, with `requested` (the amount asked of the committee) as an income.
    /// Sums saturate rather than overflow, whatever the lines hold.
    pub fn totals(&self, requested: i64) -> Totals {
        Totals {
            income: self
                .income
                .iter()
                .fold(requested, |sum, line| sum.saturating_add(line.amount_ore)),
            costs: self
                .costs
                .iter()
                .fold(0i64, |sum, line| sum.saturating_add(line.amount_ore)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The budget of the OFU seed (Kindness & Compassion, 2024), in kronor.
    pub fn ofu_seed() -> (i64, Budget) {
        let kr = |amount: i64| amount * 100;
        let income = |source: &str, amount: i64, status: IncomeStatus| IncomeLine {
            source: source.into(),
            amount_ore: kr(amount),
            status,
        };
        let cost = |category: &str, amount: i64| CostLine {
            category: category.into(),
            description: String::new(),
            amount_ore: kr(amount),
        };
        (
            kr(500_000),
            Budget {
                income: vec![
                    income("Medlemsintäkter", 3_000, IncomeStatus::Granted),
                    income("Insamling och gåvor", 2_000, IncomeStatus::Granted),
                    income("Allmänna Arvsfonden", 500_000, IncomeStatus::Planned),
                    income("ICA-stiftelsen", 400_000, IncomeStatus::Planned),
                    income(
                        "CSA (Centralförbundet för socialt arbete)",
                        30_000,
                        IncomeStatus::Granted,
                    ),
                    income(
                        "Maria Högalid Sjukvårdsförening",
                        40_000,
                        IncomeStatus::Granted,
                    ),
                    income("Timmermansorden", 50_000, IncomeStatus::Applied),
                    income("Företagssamarbeten", 75_000, IncomeStatus::Granted),
                ],
                costs: vec![
                    cost("Personal", 1_500_000),
                    cost(
                        "Utbildning av volontärer, filmvisningar, konsertvisningar med mera",
                        70_000,
                    ),
                    cost("Förbrukningsmaterial", 30_000),
                ],
            },
        )
    }

    #[test]
    fn the_seed_budget_balances_at_1_600_000_on_both_sides() {
        let (requested, budget) = ofu_seed();
        let totals = budget.totals(requested);
        assert_eq!(totals.income, 160_000_000);
        assert_eq!(totals.costs, 160_000_000);
        assert!(totals.balanced());
        assert_eq!(totals.difference(), 0);
    }

    #[test]
    fn a_missing_cost_shows_as_a_surplus_and_huge_lines_do_not_overflow() {
        let (requested, mut budget) = ofu_seed();
        budget.costs.pop();
        let totals = budget.totals(requested);
        assert_eq!(totals.difference(), 3_000_000);
        assert!(!totals.balanced());
        budget.costs.push(CostLine {
            amount_ore: i64::MAX,
            ..Default::default()
        });
        assert_eq!(budget.totals(requested).costs, i64::MAX);
    }

    #[test]
    fn statuses_survive_the_form() {
        for status in IncomeStatus::ALL {
            assert_eq!(IncomeStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(IncomeStatus::parse("beviljad"), None);
    }
}
