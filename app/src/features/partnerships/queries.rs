//! What the partnerships' pages read: the officers' overview, a partnership with its
//! groups and reports, a report with its review, and the tjänsteutlåtande.
use chrono::{Days, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use super::{
    commands::{content_of, terms_of},
    paragraphs, review_href, FollowUpItem, Group, GroupView, MeetingView, MemberView, OverviewRow,
    PartnerReport, PartnershipView, Party, ReportLine, ReportStatus, ReportView, Statement,
    StatementDocument, WARN_DAYS,
};
use crate::backend::entities::{
    app_user, association, committee_meeting, partnership, partnership_meeting, partnership_member,
    partnership_report,
};
use crate::domain::{money, programme_window::long_date};
use crate::features::follow_up::period_text;

use crate::features::committee::queries::body_label;

/// A count in words up to twelve, as Swedish prose writes it ("två representanter").
fn in_words(n: usize) -> String {
    const WORDS: [&str; 13] = [
        "inga", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva",
        "tolv",
    ];
    WORDS
        .get(n)
        .map(|w| (*w).to_owned())
        .unwrap_or_else(|| n.to_string())
}

fn status_label(row: &partnership::Model, today: NaiveDate) -> String {
    let standing = terms_of(row).standing(today, row.notice_on);
    if standing.ended {
        "Avslutat".into()
    } else if row.notice_on.is_some() {
        "Uppsagt".into()
    } else {
        "Aktivt".into()
    }
}

fn open(status: &str) -> bool {
    ReportStatus::parse(status).is_some_and(ReportStatus::editable)
}

/// Every partnership, the ones with the nearest deadline first.
pub async fn overview(
    db: &impl ConnectionTrait,
    today: NaiveDate,
) -> Result<Vec<OverviewRow>, DbErr> {
    let rows = partnership::Entity::find().all(db).await?;
    let reports = partnership_report::Entity::find().all(db).await?;
    let partners = association::Entity::find()
        .filter(association::Column::Id.is_in(rows.iter().map(|r| r.association_id)))
        .all(db)
        .await?;
    let mut out: Vec<(NaiveDate, OverviewRow)> = rows
        .into_iter()
        .map(|row| {
            let standing = terms_of(&row).standing(today, row.notice_on);
            let mine: Vec<&partnership_report::Model> = reports
                .iter()
                .filter(|r| r.partnership_id == row.id)
                .collect();
            let next = mine
                .iter()
                .filter(|r| open(&r.status) && !super::commands::before_portal(&row, r))
                .map(|r| r.due_on)
                .min();
            let deadline_near = standing
                .deadline
                .is_some_and(|d| today + Days::new(WARN_DAYS) >= d);
            let sort = standing.deadline.unwrap_or(standing.ends_on);
            (
                if standing.ended { NaiveDate::MAX } else { sort },
                OverviewRow {
                    id: row.id,
                    dnr: row.dnr.clone(),
                    partner: partners
                        .iter()
                        .find(|a| a.id == row.association_id)
                        .map(|a| a.name.clone())
                        .unwrap_or_default(),
                    activity: row.activity.clone(),
                    status: status_label(&row, today),
                    ends_on: long_date(standing.ends_on),
                    deadline: standing
                        .deadline
                        .map(long_date)
                        .unwrap_or_else(|| "–".into()),
                    deadline_near,
                    next_report: next.map(long_date).unwrap_or_else(|| "–".into()),
                    overdue_reports: mine
                        .iter()
                        .filter(|r| super::commands::late(&row, r, today))
                        .count(),
                    waiting_reports: mine
                        .iter()
                        .filter(|r| r.status == ReportStatus::Submitted.as_str())
                        .count(),
                },
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.partner.cmp(&b.1.partner)));
    Ok(out.into_iter().map(|(_, row)| row).collect())
}

/// The partnerships of an association, for its members' pages: (id, activity, status).
pub async fn of_association(
    db: &impl ConnectionTrait,
    association: Uuid,
    today: NaiveDate,
) -> Result<Vec<(Uuid, String, String)>, DbErr> {
    Ok(partnership::Entity::find()
        .filter(partnership::Column::AssociationId.eq(association))
        .order_by_asc(partnership::Column::StartsOn)
        .all(db)
        .await?
        .into_iter()
        .map(|row| {
            let status = status_label(&row, today);
            (row.id, row.activity, status)
        })
        .collect())
}

/// A partnership as its page shows it, for staff (`staff`) or the partner.
pub async fn view(
    db: &impl ConnectionTrait,
    row: partnership::Model,
    today: NaiveDate,
    staff: bool,
) -> Result<PartnershipView, DbErr> {
    let terms = terms_of(&row);
    let standing = terms.standing(today, row.notice_on);
    let partner = association::Entity::find_by_id(row.association_id)
        .one(db)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    let members = partnership_member::Entity::find()
        .filter(partnership_member::Column::PartnershipId.eq(row.id))
        .order_by_asc(partnership_member::Column::CreatedAt)
        .all(db)
        .await?;
    let meetings = partnership_meeting::Entity::find()
        .filter(partnership_meeting::Column::PartnershipId.eq(row.id))
        .order_by_desc(partnership_meeting::Column::HeldOn)
        .all(db)
        .await?;
    let groups = Group::ALL
        .into_iter()
        .map(|group| GroupView {
            group,
            cadence: match group {
                Group::Steering => row.steering_cadence.clone(),
                Group::Cooperation => row.cooperation_cadence.clone(),
            },
            members: members
                .iter()
                .filter(|m| m.group_kind == group.as_str())
                .map(|m| MemberView {
                    id: m.id,
                    name: m.name.clone(),
                    organisation: m.organisation.clone(),
                    role: m.role.clone(),
                })
                .collect(),
            meetings: meetings
                .iter()
                .filter(|m| m.group_kind == group.as_str())
                .map(|m| MeetingView {
                    held_on: long_date(m.held_on),
                    html: crate::backend::markdown::to_html_from(
                        &m.notes,
                        pulldown_cmark::HeadingLevel::H5,
                    ),
                })
                .collect(),
        })
        .collect();
    let reports = partnership_report::Entity::find()
        .filter(partnership_report::Column::PartnershipId.eq(row.id))
        .order_by_asc(partnership_report::Column::Number)
        .all(db)
        .await?
        .into_iter()
        .map(|r| {
            let status = ReportStatus::parse(&r.status).unwrap_or(ReportStatus::Due);
            ReportLine {
                number: r.number,
                period: period_text(r.period_from, r.period_to),
                due: long_date(r.due_on),
                status,
                overdue: super::commands::late(&row, &r, today),
                before_portal: status == ReportStatus::Due
                    && super::commands::before_portal(&row, &r),
                href: if staff {
                    review_href(row.id, r.number)
                } else {
                    super::report_href(row.id, r.number)
                },
            }
        })
        .collect();
    let officer = match row.officer_id {
        Some(id) => app_user::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|u| {
                if u.phone.is_empty() {
                    u.display_name
                } else {
                    format!("{}, {}", u.display_name, u.phone)
                }
            })
            .unwrap_or_default(),
        None => String::new(),
    };
    let notice = row.notice_on.map(|day| {
        let by = match row.notice_party.as_deref() {
            Some("partner") => format!("av {partner}"),
            _ => "av socialnämnden".to_owned(),
        };
        format!(
            "Uppsagt {by} den {}. Partnerskapet upphör den {}.",
            long_date(day),
            long_date(standing.ends_on)
        )
    });
    // How the notice takes effect: at the notice day it counts at, the agreement ending
    // at the first end date after that day.
    let notice_effect = row.notice_on.and_then(|day| {
        let counts = terms.counts_at(day)?;
        Some(format!(
            "Uppsägningen räknas till den {}; partnerskapet upphör vid första slutdatum efter den dagen, den {}.",
            long_date(counts),
            long_date(standing.ends_on)
        ))
    });
    Ok(PartnershipView {
        id: row.id,
        dnr: row.dnr.clone(),
        partner,
        association_id: row.association_id,
        activity: row.activity.clone(),
        target_group: row.target_group.clone(),
        purpose: row.purpose.clone(),
        city_commitments: row.city_commitments.clone(),
        partner_commitments: row.partner_commitments.clone(),
        yearly_amount: money::format_kr(row.yearly_amount_ore),
        rules: terms.describe(),
        status: status_label(&row, today),
        ends_on: long_date(standing.ends_on),
        deadline: standing.deadline.map(long_date),
        deadline_near: standing
            .deadline
            .is_some_and(|d| today + Days::new(WARN_DAYS) >= d),
        notice,
        notice_effect,
        notice_withdrawable: row.notice_on.is_some() && !standing.ended,
        officer,
        groups,
        reports,
        case_id: if staff { row.application_id } else { None },
    })
}

/// The tjänsteutlåtande's first draft, written from the agreement and the report.
pub fn draft_statement(
    row: &partnership::Model,
    partner: &str,
    report: &PartnerReport,
    period: &str,
    members: &[partnership_member::Model],
) -> Statement {
    let activity = &row.activity;
    let proposal = format!(
        "Socialnämnden godkänner uppföljningen av IOP-samarbetet avseende {}.",
        lower_first(activity)
    );
    let since = long_date(row.starts_on);
    let background = format!(
        "Sedan {since} ingår socialnämnden i ett partnerskap med den ideella föreningen {partner} avseende {}. {}\n\n{}",
        lower_first(activity),
        row.purpose,
        terms_of(row).describe()
    );
    let summary = format!(
        "Sedan {since} ingår socialnämnden i ett partnerskap med den ideella föreningen {partner} avseende {}. {}\n\nFörvaltningen föreslår att socialnämnden godkänner uppföljningen av IOP-samarbetet avseende {}.",
        lower_first(activity),
        report.summary,
        lower_first(activity)
    );
    let mut matter = if report.activities.is_empty() {
        format!("Rapporten för perioden {period} redovisar inga aktiviteter.\n")
    } else {
        format!("Under perioden {period} har följande aktiviteter pågått:\n\n")
    };
    for a in &report.activities {
        if a.schedule.is_empty() {
            matter.push_str(&format!("- {}\n", a.name));
        } else {
            matter.push_str(&format!("- {} ({})\n", a.name, a.schedule));
        }
    }
    if let (Some(min), Some(max)) = (report.per_day_min, report.per_day_max) {
        matter.push_str(&format!(
            "\nVerksamheten har haft mellan {min} och {max} deltagare per dag."
        ));
    }
    let events: Vec<String> = report
        .events
        .iter()
        .map(|e| match e.attendance {
            Some(n) => format!("{} (cirka {n} deltagare)", e.name),
            None => e.name.clone(),
        })
        .collect();
    if !events.is_empty() {
        matter.push_str(&format!(
            " Aktiviteter vid särskilda tillfällen: {}.",
            events.join(", ")
        ));
    }
    if !report.research.is_empty() {
        matter.push_str(&format!("\n\n{}", report.research));
    }
    let mut views = report
        .quotes
        .iter()
        .map(|q| format!("”{}”", q.trim_matches(['"', '”', '“'])))
        .collect::<Vec<_>>()
        .join("\n\n");
    if !report.obstacles.is_empty() {
        views.push_str(&format!(
            "\n\nVad gäller hinder för att delta i aktiviteter uppges: {}",
            report.obstacles
        ));
    }
    let count = |group: Group, party_of_city: bool| {
        members
            .iter()
            .filter(|m| m.group_kind == group.as_str())
            .filter(|m| (m.party == Party::City.as_str()) == party_of_city)
            .count()
    };
    let mut governance =
        "Partnerskapet leds av en styrgrupp och operativa frågor sköts av en samverkansgrupp."
            .to_owned();
    if !members.is_empty() {
        governance.push_str(&format!(
            " I styrgruppen deltar {} från {partner} och {} från socialförvaltningen; i samverkansgruppen {} respektive {}.",
            in_words(count(Group::Steering, false)),
            in_words(count(Group::Steering, true)),
            in_words(count(Group::Cooperation, false)),
            in_words(count(Group::Cooperation, true)),
        ));
    }
    if !row.steering_cadence.is_empty() || !row.cooperation_cadence.is_empty() {
        governance.push_str(&format!(
            " Styrgruppen sammanträder {} och samverkansgruppen {}.",
            if row.steering_cadence.is_empty() {
                "vid behov"
            } else {
                &row.steering_cadence
            },
            if row.cooperation_cadence.is_empty() {
                "vid behov"
            } else {
                &row.cooperation_cadence
            },
        ));
    }
    if !report.funds.is_empty() {
        governance.push_str(&format!("\n\n{}", report.funds));
    }
    if !report.staff.is_empty() {
        governance.push_str(&format!(" {}", report.staff));
    }
    if let Some(hours) = report.hours {
        governance.push_str(&format!(" Sammanlagt {hours} avlönade timmar per vecka."));
    }
    let equality = match (report.women, report.men) {
        (Some(w), Some(m)) => format!(
            "Av deltagarna är {w} procent kvinnor och {m} procent män. De verksamheter som ryms inom ramen för partnerskapet vänder sig till både kvinnor och män."
        ),
        _ => String::new(),
    };
    // A section the report leaves empty says so, for the officer to fill in or keep.
    let or_none = |text: String, none: &str| {
        if text.trim().is_empty() {
            none.to_owned()
        } else {
            text
        }
    };
    Statement {
        proposal,
        summary,
        background,
        matter,
        views: or_none(views, "Inga synpunkter från deltagare har redovisats för perioden."),
        development: or_none(
            report.development.clone(),
            "Föreningen har inte redovisat några utvecklingsområden för nästa period.",
        ),
        governance,
        equality: or_none(equality, "Rapporten redovisar inte deltagarnas könsfördelning."),
        preparation: "Ärendet har beretts inom socialförvaltningen.".into(),
        conclusion: format!(
            "Förvaltningen föreslår att socialnämnden godkänner uppföljningen av IOP-samarbetet avseende {}.",
            lower_first(activity)
        ),
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        // "Öppen verksamhet …" reads "öppen verksamhet …" inside a sentence; a name
        // ("Bostad Först") would keep its capital, and stays as typed when the second
        // letter is a capital too.
        Some(first) if chars.clone().next().is_some_and(|c| c.is_lowercase()) => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text.to_owned(),
    }
}

/// A report with its partnership, for the partner (`staff` false) or staff; `None`
/// when it does not exist.
pub async fn report_view(
    db: &impl ConnectionTrait,
    row: partnership::Model,
    number: i32,
    today: NaiveDate,
    staff: bool,
    may_submit: bool,
) -> Result<Option<ReportView>, DbErr> {
    let Some(report) = partnership_report::Entity::find()
        .filter(partnership_report::Column::PartnershipId.eq(row.id))
        .filter(partnership_report::Column::Number.eq(number))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let partner = association::Entity::find_by_id(row.association_id)
        .one(db)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    let content = content_of(&report).map_err(|e| DbErr::Custom(e.to_string()))?;
    let status = ReportStatus::parse(&report.status).unwrap_or(ReportStatus::Due);
    let period = period_text(report.period_from, report.period_to);
    let (statement, statement_saved, meetings) = if staff {
        let members = partnership_member::Entity::find()
            .filter(partnership_member::Column::PartnershipId.eq(row.id))
            .all(db)
            .await?;
        let saved: Option<Statement> = serde_json::from_str(&report.statement).ok();
        let meetings = committee_meeting::Entity::find()
            .filter(committee_meeting::Column::MeetingOn.gte(today))
            .filter(committee_meeting::Column::JusteredOn.is_null())
            .order_by_asc(committee_meeting::Column::MeetingOn)
            .all(db)
            .await?
            .into_iter()
            .chain(match report.meeting_id {
                Some(id) => {
                    committee_meeting::Entity::find_by_id(id)
                        .filter(committee_meeting::Column::MeetingOn.lt(today))
                        .all(db)
                        .await?
                }
                None => vec![],
            })
            .map(|m| {
                (
                    m.id,
                    format!("{} {}", body_label(&m.body), long_date(m.meeting_on)),
                )
            })
            .collect();
        match saved {
            Some(statement) => (statement, true, meetings),
            None => (
                draft_statement(&row, &partner, &content, &period, &members),
                false,
                meetings,
            ),
        }
    } else {
        (Statement::default(), false, vec![])
    };
    let (committee, justered) = committee_text(db, &report, staff).await?;
    let stamp = |at: Option<chrono::DateTime<chrono::Utc>>| {
        at.map(|at| long_date(crate::backend::time::date_of(at)))
    };
    Ok(Some(ReportView {
        partnership_id: row.id,
        number,
        dnr: row.dnr.clone(),
        partner,
        activity: row.activity.clone(),
        period,
        due: long_date(report.due_on),
        status,
        overdue: super::commands::late(&row, &report, today),
        editable: !staff && status.editable(),
        may_submit,
        revision: report.revision,
        report: content,
        review_note: report.review_note.clone(),
        submitted: stamp(report.submitted_at),
        reviewed: stamp(report.reviewed_at),
        statement,
        statement_saved,
        meeting: report.meeting_id,
        meetings,
        committee,
        statement_locked: justered,
        on_paper: report.on_paper,
        opens: (status.editable() && today < report.period_to).then(|| long_date(report.period_to)),
    }))
}

/// The tjänsteutlåtande of a sent-in report; `None` when there is none to write yet.
pub async fn statement_document(
    db: &impl ConnectionTrait,
    id: Uuid,
    number: i32,
    today: NaiveDate,
) -> Result<Option<StatementDocument>, DbErr> {
    let Some(row) = partnership::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let officer = match row.officer_id {
        Some(officer) => app_user::Entity::find_by_id(officer).one(db).await?,
        None => None,
    };
    let Some(view) = report_view(db, row.clone(), number, today, true, false).await? else {
        return Ok(None);
    };
    if view.status.editable() {
        return Ok(None);
    }
    let meeting = match view.meeting {
        Some(meeting) => {
            committee_meeting::Entity::find_by_id(meeting)
                .one(db)
                .await?
        }
        None => None,
    };
    let (to, date) = match meeting {
        Some(m) => (
            body_label(&m.body).to_owned(),
            m.meeting_on.format("%Y-%m-%d").to_string(),
        ),
        None => ("Socialnämnden".into(), today.format("%Y-%m-%d").to_string()),
    };
    let title = format!(
        "Uppföljning av idéburet offentligt partnerskap (IOP) avseende {}",
        lower_first(&row.activity)
    );
    let sections = view
        .statement
        .sections()
        .into_iter()
        .map(|(_, heading, text)| (heading.to_owned(), paragraphs(text)))
        .collect();
    let handler = officer
        .as_ref()
        .map(|o| (o.display_name.clone(), o.phone.clone()))
        .unwrap_or_default();
    let signers = officer
        .map(|o| vec![(o.display_name, o.title)])
        .unwrap_or_default();
    Ok(Some(StatementDocument {
        partnership_id: id,
        number,
        dnr: row.dnr,
        handler,
        to,
        date,
        title,
        subtitle: format!("Uppföljning av verksamheten under perioden {}", view.period),
        sections,
        signers,
    }))
}

/// Where a follow-up stands with the committee, and whether its meeting is justerad.
/// Before the justering only staff read the decision recorded so far; the partner reads
/// it once the minutes are justerade: "Socialnämnden behandlade uppföljningen den 20
/// januari 2027, § 4, och godkänner uppföljningen. Protokollet justerades den …".
async fn committee_text(
    db: &impl ConnectionTrait,
    report: &partnership_report::Model,
    staff: bool,
) -> Result<(Option<String>, bool), DbErr> {
    let Some(meeting) = report.meeting_id else {
        return Ok((None, false));
    };
    let Some(meeting) = committee_meeting::Entity::find_by_id(meeting)
        .one(db)
        .await?
    else {
        return Ok((None, false));
    };
    let Some(paragraph) = report.paragraph else {
        return Ok((None, meeting.justered_on.is_some()));
    };
    let body = body_label(&meeting.body);
    let decision = super::FollowUpDecision::parse(&report.decision);
    let text = match (meeting.justered_on, decision) {
        (Some(justered), Some(decision)) => format!(
            "{body} behandlade uppföljningen den {}, § {paragraph}, och {}. Protokollet justerades den {}.{}",
            long_date(meeting.meeting_on),
            decision.label(),
            long_date(justered),
            if decision == super::FollowUpDecision::Returned {
                " Förvaltningen bereder ärendet på nytt och hör av sig."
            } else {
                ""
            }
        ),
        (_, Some(decision)) if staff => format!(
            "Tas upp av {} den {}, § {paragraph}. Beslut enligt protokollet (inte justerat än): {}.",
            body.to_lowercase(),
            long_date(meeting.meeting_on),
            decision.label()
        ),
        _ => format!(
            "Tas upp av {} den {}, § {paragraph}.",
            body.to_lowercase(),
            long_date(meeting.meeting_on)
        ),
    };
    Ok((Some(text), meeting.justered_on.is_some()))
}

/// The partnership follow-ups whose tjänsteutlåtande names `meeting`, in § order (those
/// not yet on the agenda last).
pub async fn of_meeting(
    db: &impl ConnectionTrait,
    meeting: Uuid,
) -> Result<Vec<FollowUpItem>, DbErr> {
    let mut reports = partnership_report::Entity::find()
        .filter(partnership_report::Column::MeetingId.eq(meeting))
        .order_by_asc(partnership_report::Column::PeriodFrom)
        .all(db)
        .await?;
    reports.sort_by_key(|r| r.paragraph.unwrap_or(i32::MAX));
    let mut out = Vec::with_capacity(reports.len());
    for report in reports {
        let Some(row) = partnership::Entity::find_by_id(report.partnership_id)
            .one(db)
            .await?
        else {
            continue;
        };
        let partner = association::Entity::find_by_id(row.association_id)
            .one(db)
            .await?
            .map(|a| a.name)
            .unwrap_or_default();
        out.push(FollowUpItem {
            partnership_id: row.id,
            number: report.number,
            label: format!(
                "{} – {}: uppföljning av IOP-samarbetet avseende {}, perioden {}",
                row.dnr,
                partner,
                lower_first(&row.activity),
                period_text(report.period_from, report.period_to)
            ),
            href: super::statement_href(row.id, report.number),
            paragraph: report.paragraph,
            decision: super::FollowUpDecision::parse(&report.decision)
                .map(|d| d.label().to_owned()),
            dissent: report.dissent,
            recused: report.recused,
            ready: report.status == ReportStatus::Approved.as_str() && !report.statement.is_empty(),
        });
    }
    Ok(out)
}
