//! The association's board (styrelse): who sits on it and in which role.

/// A role on the board, in the order a board is usually listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "ssr", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum BoardRole {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "ordforande"))]
    Chair,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "vice_ordforande"))]
    ViceChair,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "kassor"))]
    Treasurer,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "sekreterare"))]
    Secretary,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "ledamot"))]
    Member,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "suppleant"))]
    Deputy,
}

impl BoardRole {
    pub const ALL: [BoardRole; 6] = [
        BoardRole::Chair,
        BoardRole::ViceChair,
        BoardRole::Treasurer,
        BoardRole::Secretary,
        BoardRole::Member,
        BoardRole::Deputy,
    ];

    /// The value stored in the database and sent by the form.
    pub fn as_str(self) -> &'static str {
        match self {
            BoardRole::Chair => "ordforande",
            BoardRole::ViceChair => "vice_ordforande",
            BoardRole::Treasurer => "kassor",
            BoardRole::Secretary => "sekreterare",
            BoardRole::Member => "ledamot",
            BoardRole::Deputy => "suppleant",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.as_str() == value)
    }

    /// The role as the interface names it.
    pub fn label(self) -> &'static str {
        match self {
            BoardRole::Chair => "ordförande",
            BoardRole::ViceChair => "vice ordförande",
            BoardRole::Treasurer => "kassör",
            BoardRole::Secretary => "sekreterare",
            BoardRole::Member => "ledamot",
            BoardRole::Deputy => "suppleant",
        }
    }

    /// A board has one chair, one vice chair, one treasurer and one secretary.
    pub fn is_single(self) -> bool {
        matches!(
            self,
            BoardRole::Chair | BoardRole::ViceChair | BoardRole::Treasurer | BoardRole::Secretary
        )
    }
}

pub mod field {
    pub const NAME: &str = "board_name";
    pub const ROLE: &str = "board_role";
}

/// Checks a new board member: a name, a known role, and not a second chair (or vice
/// chair, treasurer, secretary) beside `taken`, the roles already held.
pub fn validate(
    name: &str,
    role: &str,
    taken: &[BoardRole],
) -> Result<(String, BoardRole), Vec<(&'static str, String)>> {
    let mut errors = Vec::new();
    let name = super::text::name(name, "Ange personens namn.", 200)
        .map_err(|message| errors.push((field::NAME, message)))
        .unwrap_or_default();
    let role = match BoardRole::parse(role) {
        Some(role) if role.is_single() && taken.contains(&role) => {
            errors.push((
                field::ROLE,
                format!(
                    "Styrelsen har redan en {}. Ta bort den först om posten har bytt person.",
                    role.label()
                ),
            ));
            None
        }
        Some(role) => Some(role),
        None => {
            errors.push((field::ROLE, "Välj personens roll i styrelsen.".to_owned()));
            None
        }
    };
    match (errors.is_empty(), role) {
        (true, Some(role)) => Ok((name, role)),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_survives_the_database_round_trip() {
        for role in BoardRole::ALL {
            assert_eq!(BoardRole::parse(role.as_str()), Some(role));
        }
        assert_eq!(BoardRole::parse("kung"), None);
    }

    #[test]
    fn a_board_member_needs_a_name_and_a_role() {
        let errors = validate("  ", "", &[]).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, [field::NAME, field::ROLE]);
        assert_eq!(
            validate(" Anna Berg ", "kassor", &[]).unwrap(),
            ("Anna Berg".to_owned(), BoardRole::Treasurer)
        );
    }

    #[test]
    fn there_is_one_chair_but_many_ordinary_members() {
        let errors = validate("Ny Person", "ordforande", &[BoardRole::Chair]).unwrap_err();
        assert_eq!(errors[0].0, field::ROLE);
        assert!(errors[0].1.contains("redan en ordförande"), "{errors:?}");
        assert!(validate("Ny Person", "ledamot", &[BoardRole::Member]).is_ok());
    }
}
