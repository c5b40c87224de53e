//! The glue between `validator` and the forms: a domain parser's Swedish message as a
//! [`ValidationError`], and the errors of a `#[derive(Validate)]` type as the form's
//! field names with their messages, word for word as the parsers give them.
//!
//! A form type declares its rules with `#[validate(...)]` attributes: lengths and
//! ranges where `validator` says it as well, `custom(function = ...)` calling the
//! domain's parser (organisation number, e-mail, names, free text) where the rule and
//! its Swedish message already live in `domain/`.
use std::borrow::Cow;

use chrono::NaiveDate;

use validator::{ValidationError, ValidationErrors, ValidationErrorsKind};

/// A problem with `message` (Swedish, shown by the field).
pub fn problem(message: impl Into<Cow<'static, str>>) -> ValidationError {
    let mut error = ValidationError::new("invalid");
    error.message = Some(message.into());
    error
}

/// A domain parser's verdict as a check: its message when it refuses.
pub fn by_parser<T, E: ToString>(parsed: Result<T, E>) -> Result<(), ValidationError> {
    parsed.map(drop).map_err(|error| problem(error.to_string()))
}

/// A day typed as `ÅÅÅÅ-MM-DD` in the field `field`; the field's Swedish problem if it
/// cannot be read.
pub fn date_typed(field: &'static str, typed: &str) -> Result<NaiveDate, (&'static str, String)> {
    NaiveDate::parse_from_str(typed.trim(), "%Y-%m-%d").map_err(|_| {
        (
            field,
            "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2027-03-15.".to_owned(),
        )
    })
}

/// Every problem of a form with flat fields, in the order of `fields` (the form's
/// order, so the error summary reads as the form does).
pub fn in_order(errors: &ValidationErrors, fields: &[&'static str]) -> Vec<(&'static str, String)> {
    let mut all = Vec::new();
    flatten("", errors, &mut all);
    fields
        .iter()
        .filter_map(|field| {
            let found = all.iter().find(|(name, _)| name == field);
            found.map(|(_, message)| (*field, message.clone()))
        })
        .collect()
}

/// Every problem as the form's field names: `activity_name`, `activities_0_kind`,
/// `budget_income_2_amount_ore` (nested rows joined by `_` and their index).
pub fn field_problems(errors: &ValidationErrors) -> Vec<(String, String)> {
    let mut out = Vec::new();
    flatten("", errors, &mut out);
    out
}

fn flatten(prefix: &str, errors: &ValidationErrors, out: &mut Vec<(String, String)>) {
    let mut keys: Vec<_> = errors.errors().iter().collect();
    keys.sort_by(|a, b| a.0.cmp(b.0));
    for (key, kind) in keys {
        let name = if prefix.is_empty() {
            key.to_string()
        } else {
            format!("{prefix}_{key}")
        };
        match kind {
            ValidationErrorsKind::Field(list) => {
                if let Some(first) = list.first() {
                    let message = first
                        .message
                        .as_ref()
                        .map(|m| m.to_string())
                        .unwrap_or_else(|| "Kontrollera svaret.".to_owned());
                    out.push((name, message));
                }
            }
            ValidationErrorsKind::Struct(inner) => flatten(&name, inner, out),
            ValidationErrorsKind::List(rows) => {
                for (index, inner) in rows {
                    flatten(&format!("{name}_{index}"), inner, out);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use validator::Validate;

    use super::*;

    #[derive(Validate)]
    struct Form {
        #[validate(custom(function = "named"))]
        name: String,
        #[validate(length(max = 3, message = "Högst 3 tecken."))]
        code: String,
    }

    fn named(value: &str) -> Result<(), ValidationError> {
        by_parser(crate::domain::text::name(value, "Ange ditt namn.", 10))
    }

    #[test]
    fn problems_come_in_the_forms_order_with_the_parsers_words() {
        let form = Form {
            name: " ".into(),
            code: "abcd".into(),
        };
        let errors = form.validate().unwrap_err();
        assert_eq!(
            in_order(&errors, &["name", "code"]),
            vec![
                ("name", "Ange ditt namn.".to_owned()),
                ("code", "Högst 3 tecken.".to_owned())
            ]
        );
        assert_eq!(
            in_order(&errors, &["code", "name"])[0].0,
            "code",
            "the order is the form's"
        );
    }
}
