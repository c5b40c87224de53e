//! The site chrome: skip link, header with navigation, demo banner, main landmark, footer.
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::auth::current_user;
use crate::islands::{inline_validation::InlineValidation, menu::MenuToggle};
use crate::site::{contact, SiteInfo};

/// The main navigation, in the order the header shows it.
pub const NAVIGATION: [(&str, &str); 6] = [
    ("/", "Start"),
    ("/soka-bidrag", "Söka bidrag"),
    ("/beslut", "Beslut"),
    ("/gemensam-utvecklingsgrupp", "Gemensam utvecklingsgrupp"),
    ("/medlemskap", "Medlemskap"),
    ("/logga-in", "Logga in"),
];

/// Every page sits inside this layout.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let site = SiteInfo::current();

    view! {
        <a class="skip-link" href="#innehall">"Hoppa till innehållet"</a>
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
                <MenuToggle>
                    <Navigation id="huvudmeny" />
                </MenuToggle>
                <div class="site-nav-wide">
                    <Navigation id="huvudmeny-bred" />
                </div>
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
            ("/logga-in", true) => ("/mina-sidor", "Mina sidor"),
            _ => (*href, *label),
        })
        .map(|(href, label)| {
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
            <li><a href="/handlaggning" aria-current=is_current.then_some("page")>"Ärendekö"</a></li>
        }
    });
    let sign_out = signed_in.then(|| {
        view! {
            <li>
                <form method="post" action="/logga-ut">
                    <button class="site-nav__button" type="submit">"Logga ut"</button>
                </form>
            </li>
        }
    });

    view! {
        <nav id=id class="site-nav" aria-label="Huvudmeny">
            <ul>{items}{queue}{sign_out}</ul>
        </nav>
    }
}

#[component]
fn DemoBanner() -> impl IntoView {
    view! {
        <aside class="demo-banner" aria-label="Demoläge">
            <p>
                <strong>"Demoläge. "</strong>
                "Portalen innehåller påhittade konton och exempeldata. Skicka inte in riktiga personuppgifter. "
                <a href="/logga-in">"Se demokontona"</a>
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
                    <h2 id="footer-contact">"Kontakt"</h2>
                    <p>{contact::ORGANISATION}<br />{contact::UNIT}</p>
                    <p>
                        "E-post: " <a href=format!("mailto:{}", contact::EMAIL)>{contact::EMAIL}</a>
                        <br />
                        "Telefon: " {contact::PHONE} " (" {contact::PHONE_HOURS} ")"
                    </p>
                </section>
                <nav aria-label="Om webbplatsen">
                    <h2>"Om webbplatsen"</h2>
                    <ul>
                        <li><a href="/anslagstavla">"Anslagstavla"</a></li>
                        <li><a href="/statistik">"Statistik"</a></li>
                        <li><a href="/kontakt">"Kontakta oss"</a></li>
                        <li><a href="/tillganglighet">"Tillgänglighetsredogörelse"</a></li>
                        <li><a href="/personuppgifter">"Så behandlar vi personuppgifter"</a></li>
                    </ul>
                </nav>
            </div>
        </footer>
    }
}
