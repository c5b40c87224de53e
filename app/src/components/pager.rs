//! Links to a list's previous and next page, with "Sida 2 av 5" between them.
use leptos::prelude::*;

use crate::i18n::{t, Lang};

/// The pager of page `page` of `pages` (nothing when there is one page); `href` gives a
/// page's address.
pub fn pager(page: u64, pages: u64, href: impl Fn(u64) -> String) -> impl IntoView {
    (pages > 1).then(|| {
        let previous = (page > 1)
            .then(|| view! { <a rel="prev" href=href(page - 1)>{t("pager-previous")}</a> });
        let next = (page < pages)
            .then(|| view! { <a rel="next" href=href(page + 1)>{t("pager-next")}</a> });
        view! {
            <nav class="pager" aria-label=t("pager-label")>
                {previous}
                <span>" "{Lang::current().format("pager-page", &[("page", page.into()), ("pages", pages.into())])}" "</span>
                {next}
            </nav>
        }
    })
}
