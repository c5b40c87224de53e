//! The site chrome: skip link, header with navigation, demo banner, main landmark, footer.
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::auth::current_user;
use crate::i18n::{t, Lang};
use crate::islands::{inline_validation::InlineValidation, menu::MenuToggle};
use crate::site::{contact, SiteInfo};

/// The main navigation, in the order the header shows it: address and text key.
pub const NAVIGATION: [(&str, &str); 6] = [
    ("/", "nav-start"),
    ("/soka-bidrag", "nav-apply"),
    ("/beslut", "nav-decisions"),
    ("/gemensam-utvecklingsgrupp", "nav-forum"),
    ("/medlemskap", "nav-membership"),
    ("/logga-in", "nav-sign-in"),
];

/// Every page sits inside this layout.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let site = SiteInfo::current();

    view! {
        <a class="skip-link" href="#innehall">{t("skip-link")}</a>
        <header class="site-header">
            <div class="site-header__inner">
                <a class="site-name" href="/">
                    <span class="site-name__title">"Föreningsportalen"</span>
                    <span class="site-name__owner">{contact::ORGANISATION}</span>
                </a>
                // Phones get the navigation in the "Meny" disclosure, wide screens the
                // same links in the header; CSS shows one of the two, so every browser
                // shows the menu on a wide screen whether or not it can style a
                // disclosure's content.
                <MenuToggle label=t("menu").to_owned()>
                    <Navigation id="huvudmeny" />
                </MenuToggle>
                <div class="site-nav-wide">
                    <Navigation id="huvudmeny-bred" />
                </div>
                <LanguageSwitch />
            </div>
        </header>
        {site.demo.then(|| view! { <DemoBanner /> })}
        <main id="innehall" class="site-main" tabindex="-1">
            {children()}
        </main>
        <Footer />
        <InlineValidation />
    }
}

#[component]
fn Navigation(id: &'static str) -> impl IntoView {
    let location = use_location();
    let current = location.pathname.get_untracked();
    let user = current_user();
    let signed_in = user.is_some();
    let handles_cases = user.as_ref().is_some_and(|u| {
        matches!(
            u.role,
            crate::domain::role::Role::Officer | crate::domain::role::Role::Admin
        )
    });
    let items = NAVIGATION
        .iter()
        .map(|(href, label)| match (*href, signed_in) {
            ("/logga-in", true) => ("/mina-sidor", "nav-my-pages"),
            _ => (*href, *label),
        })
        .map(|(href, key)| {
            let label = t(key);
            let is_current = current == href;
            view! {
                <li>
                    <a href=href aria-current=is_current.then_some("page")>
                        {label}
                    </a>
                </li>
            }
        })
        .collect_view();
    let queue = handles_cases.then(|| {
        let is_current = current.starts_with("/handlaggning");
        view! {
            <li><a href="/handlaggning" aria-current=is_current.then_some("page")>{t("nav-queue")}</a></li>
        }
    });
    let payments = user.as_ref().is_some_and(|u| u.role.handles_payments()).then(|| {
        let is_current = current.starts_with("/ekonomi");
        view! {
            <li><a href="/ekonomi/utbetalningar" aria-current=is_current.then_some("page")>{t("nav-payments")}</a></li>
        }
    });
    let sign_out = signed_in.then(|| {
        view! {
            <li>
                <form method="post" action="/logga-ut">
                    <button class="site-nav__button" type="submit">{t("nav-sign-out")}</button>
                </form>
            </li>
        }
    });

    view! {
        <nav id=id class="site-nav" aria-label=t("nav-label")>
            <ul>{items}{queue}{payments}{sign_out}</ul>
        </nav>
    }
}

#[component]
fn DemoBanner() -> impl IntoView {
    view! {
        <aside class="demo-banner" aria-label=t("demo-label")>
            <p>
                <strong>{t("demo-title")}" "</strong>
                {t("demo-text")}" "
                <a href="/logga-in">{t("demo-accounts-link")}</a>
            </p>
        </aside>
    }
}

#[component]
fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <div class="site-footer__inner">
                <section aria-labelledby="footer-contact">
                    <h2 id="footer-contact">{t("footer-contact")}</h2>
                    <p>{contact::ORGANISATION}<br />{contact::UNIT}</p>
                    <p>
                        {t("footer-email")}" " <a href=format!("mailto:{}", contact::EMAIL)>{contact::EMAIL}</a>
                        <br />
                        {t("footer-phone")}" " {contact::PHONE} " (" {t("footer-phone-hours")} ")"
                    </p>
                </section>
                <nav aria-label=t("footer-about")>
                    <h2>{t("footer-about")}</h2>
                    <ul>
                        <li><a href="/anslagstavla">{t("footer-notice-board")}</a></li>
                        <li><a href="/statistik">{t("footer-statistics")}</a></li>
                        <li><a href="/kontakt">{t("footer-contact-us")}</a></li>
                        <li><a href="/tillganglighet">{t("footer-accessibility")}</a></li>
                        <li><a href="/personuppgifter">{t("footer-privacy")}</a></li>
                    </ul>
                </nav>
            </div>
        </footer>
    }
}

/// The other language, as a link that sets it and brings the visitor back to this page
/// (`GET /sprak/{code}?till=…`). Its text is in that language, and says so.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let location = use_location();
    let search = location.search.get_untracked();
    let query = search.trim_start_matches('?');
    let here = match query {
        "" => location.pathname.get_untracked(),
        query => format!("{}?{query}", location.pathname.get_untracked()),
    };
    let other = Lang::current().other();
    let href = format!(
        "/sprak/{}?till={}",
        other.code(),
        percent_encoding::utf8_percent_encode(&here, percent_encoding::NON_ALPHANUMERIC)
    );
    view! {
        <p class="language-switch">
            <a href=href lang=other.code() hreflang=other.code()>{other.own_name()}</a>
        </p>
    }
}
