//! `/handlaggning/arenden/:id/utbetalning`: a granted case's payment plan, for its
//! officer; `/ekonomi/utbetalningar`: the finance unit's due payments, payment orders and
//! totals; `/ekonomi/utbetalningar/:id`: one payment order, its attestation, file and
//! payment.
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::{
    api::{load_batch, load_case_payments, load_finance},
    batch_href, field, plan_href, BatchRow, BatchView, CasePayments, FinanceView, PaymentRow,
    FINANCE, MAX_INSTALMENTS,
};
use crate::auth::denied;
use crate::components::{
    form::{field_id, ErrorSummary, FormState, TextField},
    page::Page,
};
use crate::features::representatives::pages::require_verifier;

fn saved_message(what: &str) -> Option<&'static str> {
    match what {
        "plan" => Some("Utbetalningsplanen är sparad."),
        "stoppad" => Some("Utbetalningen är stoppad."),
        "slappt" => Some("Utbetalningen är släppt och betalas när den förfaller."),
        "order" => Some("Betalningsordern är skapad. En annan person ska attestera den."),
        "attesterad" => Some("Betalningsordern är attesterad. Betalningsfilen kan hämtas."),
        "makulerad" => Some("Betalningsordern är makulerad. Utbetalningarna är förfallna igen."),
        "betald" => Some("Betalningsordern är markerad som betald."),
        _ => None,
    }
}

fn saved_notice() -> Option<impl IntoView> {
    let saved = use_query_map().with_untracked(|q| q.get("sparat"));
    saved
        .as_deref()
        .and_then(saved_message)
        .map(|m| view! { <p class="notice" role="status">{m}</p> })
}

fn payment_cells(row: &PaymentRow, with_case: bool) -> impl IntoView {
    let case = with_case.then(|| {
        view! {
            <td><a href=plan_href(row.case_id)>{row.dnr.clone()}</a></td>
            <td>{row.association.clone()}</td>
            <td>{row.programme.clone()}</td>
        }
    });
    let notes = row
        .warnings
        .iter()
        .map(|w| view! { <p class="warning">{w.clone()}</p> })
        .collect_view();
    let risk = row
        .risk
        .clone()
        .map(|r| view! { <p class="field__hint">{r}</p> });
    let held = (!row.hold_reason.is_empty())
        .then(|| view! { <p class="field__hint">"Stoppad: "{row.hold_reason.clone()}</p> });
    let batch = row.batch.clone().map(|(id, number)| {
        view! { <p><a href=batch_href(id)>"Betalningsorder "{number}</a></p> }
    });
    view! {
        {case}
        <td>{row.instalment.clone()}</td>
        <td class="number">{row.amount.clone()}</td>
        <td>{row.due.clone()}</td>
        <td>{row.account.clone()}</td>
        <td>{row.status_label.clone()}{held}{batch}{notes}{risk}</td>
    }
}

// ---- the officer's plan -------------------------------------------------------------

#[component]
pub fn CasePaymentsPage() -> impl IntoView {
    if require_verifier().is_none() {
        return denied();
    }
    let id = crate::features::applications::pages::path_id();
    let loaded = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => load_case_payments(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Hämtar utbetalningarna …"</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(view) => case_page(view),
                    Err(_) => view! { <crate::components::not_found::NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

fn plan_form(view: &CasePayments) -> impl IntoView {
    let state = FormState::current();
    let refused = state.has_problems();
    let rows = (1..=MAX_INSTALMENTS)
        .map(|row| {
            let start = view.plan.get(row - 1).cloned().unwrap_or_default();
            let value = |name: &str, fallback: &str| {
                if refused {
                    state.value(&field::of(name, row))
                } else {
                    fallback.to_owned()
                }
            };
            let share = value(field::SHARE, &start.0);
            let amount = value(field::VALUE, &start.1);
            let when = value(field::WHEN, &start.2);
            let date = value(field::DATE, &start.3);
            let names = [field::SHARE, field::VALUE, field::WHEN, field::DATE].map(|n| field::of(n, row));
            let errors = names.clone().map(|n| state.error(&n));
            let error_view = |i: usize| {
                errors[i].clone().map(|e| {
                    view! { <p class="field__error" id=format!("{}-fel", field_id(&names[i]))><span class="visually-hidden">"Fel: "</span>{e}</p> }
                })
            };
            let described = |i: usize| errors[i].as_ref().map(|_| format!("{}-fel", field_id(&names[i])));
            let option = |current: &str, value: &'static str, label: &'static str| {
                view! { <option value=value selected={current == value}>{label}</option> }
            };
            view! {
                <fieldset class="instalment">
                    <legend>{format!("Delbetalning {row}")}</legend>
                    <div class="field">
                        <label for=field_id(&names[0])>"Storlek"</label>
                        {error_view(0)}
                        <select id=field_id(&names[0]) name=names[0].clone() aria-describedby=described(0) aria-invalid=errors[0].is_some().then_some("true")>
                            {option(&share, "", "Ingen delbetalning")}
                            {option(&share, "procent", "Procent av beviljat belopp")}
                            {option(&share, "belopp", "Fast belopp")}
                            {option(&share, "rest", "Resten")}
                        </select>
                    </div>
                    <div class="field">
                        <label for=field_id(&names[1])>"Procent eller belopp i kronor"</label>
                        {error_view(1)}
                        <input id=field_id(&names[1]) name=names[1].clone() value=amount inputmode="decimal" aria-describedby=described(1) aria-invalid=errors[1].is_some().then_some("true") />
                    </div>
                    <div class="field">
                        <label for=field_id(&names[2])>"Betalas"</label>
                        {error_view(2)}
                        <select id=field_id(&names[2]) name=names[2].clone() aria-describedby=described(2)>
                            {option(&when, "datum", "På ett datum")}
                            {option(&when, "aterrapport", "När återrapporten är godkänd")}
                        </select>
                    </div>
                    <div class="field">
                        <label for=field_id(&names[3])>"Datum (ÅÅÅÅ-MM-DD)"</label>
                        {error_view(3)}
                        <input id=field_id(&names[3]) name=names[3].clone() type="date" value=date aria-describedby=described(3) aria-invalid=errors[3].is_some().then_some("true") />
                    </div>
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="rubrik-plan">
            <h2 id="rubrik-plan">"Ändra utbetalningsplanen"</h2>
            <p>"Dela upp det beviljade beloppet i högst fyra delbetalningar. Summan ska bli exakt det beviljade beloppet; låt den sista vara ”resten” så räknas den ut."</p>
            <form method="post" action=format!("{}/plan", plan_href(view.case_id))>
                {rows}
                <button type="submit" class="button">"Spara planen"</button>
            </form>
        </section>
    }
}

fn case_page(view: CasePayments) -> AnyView {
    let title = format!("Utbetalning – {}", view.dnr);
    let rows = view
        .rows
        .iter()
        .map(|row| {
            let action = match row.status.as_str() {
                "planned" => Some(view! {
                    <form method="post" action=format!("{}/stoppa", plan_href(view.case_id))>
                        <input type="hidden" name=field::PAYMENT value=row.id.to_string() />
                        <div class="field">
                            <label for=format!("orsak-{}", row.id)>"Skäl att stoppa"</label>
                            <input id=format!("orsak-{}", row.id) name=field::REASON maxlength="500" />
                        </div>
                        <button type="submit" class="button button--secondary">"Stoppa utbetalningen"</button>
                    </form>
                }.into_any()),
                "held" => Some(view! {
                    <form method="post" action=format!("{}/slapp", plan_href(view.case_id))>
                        <input type="hidden" name=field::PAYMENT value=row.id.to_string() />
                        <button type="submit" class="button button--secondary">"Släpp utbetalningen"</button>
                    </form>
                }.into_any()),
                _ => None,
            };
            view! { <tr>{payment_cells(row, false)}<td>{action}</td></tr> }
        })
        .collect_view();
    let body = if view.rows.is_empty() {
        view! { <p>"Ärendet har inga utbetalningar. Ett beviljat bidrag får sin utbetalningsplan när protokollet är justerat."</p> }.into_any()
    } else {
        view! {
            <p>"Beviljat: "<strong>{view.granted.clone()}</strong>". Beslutet vinner laga kraft "{view.legal_force.clone()}" om det inte överklagas."</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Utbetalningar">
                <table class="table">
                    <caption>"Utbetalningar"</caption>
                    <thead><tr><th scope="col">"Delbetalning"</th><th scope="col" class="number">"Belopp"</th><th scope="col">"Förfaller"</th><th scope="col">"Till"</th><th scope="col">"Status"</th><th scope="col">"Åtgärd"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }.into_any()
    };
    let form = view.editable.then(|| plan_form(&view));
    let locked = (!view.editable && !view.rows.is_empty()).then(|| {
        view! { <p>"En utbetalning är lagd i en betalningsorder eller utbetald, så planen kan inte längre ändras."</p> }
    });
    view! {
        <Page title=title.clone() wide=true>
            <p class="lead">{view.association.clone()}" – "{view.activity.clone()}</p>
            <p><a href=format!("/handlaggning/arenden/{}", view.case_id)>"Tillbaka till ärendet"</a></p>
            {saved_notice()}
            <ErrorSummary />
            {body}
            {locked}
            {form}
        </Page>
    }
    .into_any()
}

// ---- the finance unit ---------------------------------------------------------------

fn require_finance() -> Option<crate::auth::CurrentUser> {
    crate::auth::require_signed_in().filter(|u| u.role.handles_payments())
}

#[component]
pub fn FinancePage() -> impl IntoView {
    if require_finance().is_none() {
        return denied();
    }
    let loaded = Resource::new(|| (), |_| load_finance());
    view! {
        <Page title="Utbetalningar" wide=true>
            <p class="lead">"Förfallna utbetalningar av beviljade bidrag samlas i en betalningsorder. En annan person attesterar ordern, och betalningsfilen (ISO 20022 pain.001) hämtas en gång och skickas till banken."</p>
            <p><a href=crate::features::follow_up::RECLAIMS>"Återkrav"</a>" · "<a href="/ekonomi/oversikt.csv">"Översikt per bidragsform och år (CSV)"</a>" · "<a href="/ekonomi/oversikt.xlsx">"(Excel)"</a></p>
            {saved_notice()}
            <ErrorSummary />
            <Suspense fallback=|| view! { <p>"Hämtar utbetalningarna …"</p> }>
                {move || Suspend::new(async move {
                    match loaded.await {
                        Ok(view) => finance_page(view),
                        Err(error) => view! { <p class="error">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </Page>
    }
    .into_any()
}

fn payments_table(caption: &'static str, rows: &[PaymentRow]) -> impl IntoView {
    let body = rows
        .iter()
        .map(|row| view! { <tr>{payment_cells(row, true)}</tr> })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=caption>
            <table class="table">
                <caption>{caption}</caption>
                <thead><tr><th scope="col">"Dnr"</th><th scope="col">"Förening"</th><th scope="col">"Bidragsform"</th><th scope="col">"Delbetalning"</th><th scope="col" class="number">"Belopp"</th><th scope="col">"Förfaller"</th><th scope="col">"Till"</th><th scope="col">"Status"</th></tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

fn batches_table(rows: &[BatchRow]) -> impl IntoView {
    let body = rows
        .iter()
        .map(|b| {
            view! {
                <tr>
                    <td><a href=batch_href(b.id)>{b.number.clone()}</a></td>
                    <td>{b.status_label.clone()}</td>
                    <td class="number">{b.payments}</td>
                    <td class="number">{b.total.clone()}</td>
                    <td>{b.execute_on.clone()}</td>
                    <td>{b.prepared.clone()}</td>
                    <td>{b.attested.clone().unwrap_or_else(|| "–".into())}</td>
                    <td>{b.paid_on.clone().unwrap_or_else(|| "–".into())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Betalningsordrar">
            <table class="table">
                <caption>"Betalningsordrar"</caption>
                <thead><tr><th scope="col">"Nummer"</th><th scope="col">"Status"</th><th scope="col" class="number">"Utbetalningar"</th><th scope="col" class="number">"Summa"</th><th scope="col">"Utbetalningsdag"</th><th scope="col">"Förberedd av"</th><th scope="col">"Attesterad av"</th><th scope="col">"Betald"</th></tr></thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

fn finance_page(view: FinanceView) -> AnyView {
    let due = if view.due.is_empty() {
        view! { <p>"Inga utbetalningar är förfallna."</p> }.into_any()
    } else {
        view! {
            {payments_table("Förfallna utbetalningar", &view.due)}
            <p>"Summa förfallet: "<strong>{view.due_total.clone()}</strong></p>
            <form method="post" action=format!("{FINANCE}/ny")>
                <TextField name=field::EXECUTE_ON label="Utbetalningsdag" input_type="date" hint="Dagen banken ska betala ut. Utbetalningar utan bankgiro eller plusgiro tas inte med." />
                <button type="submit" class="button">"Skapa betalningsorder av de förfallna utbetalningarna"</button>
            </form>
        }
        .into_any()
    };
    let waiting = (!view.waiting.is_empty())
        .then(|| payments_table("Stoppade och kommande utbetalningar", &view.waiting));
    let batches = if view.batches.is_empty() {
        view! { <p>"Inga betalningsordrar ännu."</p> }.into_any()
    } else {
        batches_table(&view.batches).into_any()
    };
    let totals = view
        .totals
        .iter()
        .map(|t| {
            view! {
                <tr>
                    <th scope="row">{t.programme.clone()}</th>
                    <td>{t.year}</td>
                    <td class="number">{t.paid.clone()}</td>
                    <td class="number">{t.in_orders.clone()}</td>
                    <td class="number">{t.due.clone()}</td>
                    <td class="number">{t.held.clone()}</td>
                    <td class="number">{t.waiting.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="rubrik-forfallna">
            <h2 id="rubrik-forfallna">"Förfallna utbetalningar"</h2>
            {due}
        </section>
        <section aria-labelledby="rubrik-ordrar">
            <h2 id="rubrik-ordrar">"Betalningsordrar"</h2>
            {batches}
        </section>
        {waiting.map(|w| view! { <section aria-labelledby="rubrik-vantande"><h2 id="rubrik-vantande">"Stoppade och kommande"</h2>{w}</section> })}
        <section aria-labelledby="rubrik-summor">
            <h2 id="rubrik-summor">"Summor per bidragsform och år"</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label="Summor per bidragsform och år">
                <table class="table">
                    <caption class="visually-hidden">"Summor per bidragsform och år"</caption>
                    <thead><tr><th scope="col">"Bidragsform"</th><th scope="col">"År"</th><th scope="col" class="number">"Utbetalt"</th><th scope="col" class="number">"I betalningsorder"</th><th scope="col" class="number">"Förfallet"</th><th scope="col" class="number">"Stoppat"</th><th scope="col" class="number">"Kommande"</th></tr></thead>
                    <tbody>{totals}</tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}

#[component]
pub fn BatchPage() -> impl IntoView {
    if require_finance().is_none() {
        return denied();
    }
    let id = crate::features::applications::pages::path_id();
    let loaded = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => load_batch(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"Hämtar betalningsordern …"</p> }>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(view) => batch_page(view),
                    Err(_) => view! { <crate::components::not_found::NotFound /> }.into_any(),
                }
            })}
        </Suspense>
    }
    .into_any()
}

fn batch_page(view: BatchView) -> AnyView {
    let b = view.batch.clone();
    let href = batch_href(b.id);
    let actions = match b.status.as_str() {
        "prepared" if view.prepared_by_viewer => view! {
            <p>"Du har förberett ordern. En annan person i ekonomienheten ska attestera den."</p>
            <form method="post" action=format!("{href}/makulera")>
                <button type="submit" class="button button--secondary">"Makulera betalningsordern"</button>
            </form>
        }.into_any(),
        "prepared" => view! {
            <form method="post" action=format!("{href}/attestera")>
                <p>"Jag har granskat utbetalningarna och attesterar betalningsordern på "{b.total.clone()}"."</p>
                <button type="submit" class="button">"Attestera"</button>
            </form>
            <form method="post" action=format!("{href}/makulera")>
                <button type="submit" class="button button--secondary">"Makulera betalningsordern"</button>
            </form>
        }.into_any(),
        "attested" => {
            let note = b.exported.clone().map(|e| view! {
                <p class="warning">"Filen hämtades första gången av "{e}". En ny hämtning ger samma fil – skicka den inte till banken två gånger."</p>
            });
            view! {
                {note}
                <p><a class="button" href=format!("{href}/fil") download="">"Hämta betalningsfilen (pain.001)"</a></p>
                <form method="post" action=format!("{href}/betald")>
                    <TextField name=field::PAID_ON label="Betald den" input_type="date" hint="Dagen banken betalade ut, enligt bankens kvittens." />
                    <button type="submit" class="button">"Markera som betald"</button>
                </form>
            }.into_any()
        }
        "paid" => view! {
            <p>"Betald "{b.paid_on.clone().unwrap_or_default()}"."</p>
            <p><a href=format!("{href}/fil") download="">"Hämta betalningsfilen igen (pain.001)"</a></p>
        }.into_any(),
        _ => view! { <p>"Betalningsordern är makulerad."</p> }.into_any(),
    };
    let rows = view
        .rows
        .iter()
        .map(|row| view! { <tr>{payment_cells(row, true)}</tr> })
        .collect_view();
    view! {
        <Page title=format!("Betalningsorder {}", b.number) wide=true>
            <p><a href=FINANCE>"Alla utbetalningar"</a></p>
            {saved_notice()}
            <ErrorSummary />
            <dl class="facts">
                <dt>"Status"</dt><dd>{b.status_label.clone()}</dd>
                <dt>"Summa"</dt><dd>{b.total.clone()}" ("{b.payments}" utbetalningar)"</dd>
                <dt>"Utbetalningsdag"</dt><dd>{b.execute_on.clone()}</dd>
                <dt>"Förberedd av"</dt><dd>{b.prepared.clone()}</dd>
                <dt>"Attesterad av"</dt><dd>{b.attested.clone().unwrap_or_else(|| "Inte attesterad".into())}</dd>
            </dl>
            {actions}
            <div class="table-scroll" tabindex="0" role="region" aria-label="Utbetalningar i ordern">
                <table class="table">
                    <caption>"Utbetalningar i ordern"</caption>
                    <thead><tr><th scope="col">"Dnr"</th><th scope="col">"Förening"</th><th scope="col">"Bidragsform"</th><th scope="col">"Delbetalning"</th><th scope="col" class="number">"Belopp"</th><th scope="col">"Förfaller"</th><th scope="col">"Till"</th><th scope="col">"Status"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </Page>
    }
    .into_any()
}
