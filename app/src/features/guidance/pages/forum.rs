//! "Gemensam utvecklingsgrupp": the user-involvement forum.
use leptos::prelude::*;

use crate::components::page::Page;

#[component]
pub fn ForumPage() -> impl IntoView {
    view! {
        <Page title="Gemensam utvecklingsgrupp">
            <p class="lead">
                "Gruppen är mittpunkten i socialförvaltningens arbete för att öka delaktighet och inflytande för brukare i utvecklingen av verksamheten."
            </p>
            <h2>"Vad gör gruppen?"</h2>
            <p>
                "Här tar vi upp nya förslag, undersöker vad som går att göra och hittar personer med brukarerfarenhet som kan hjälpa till att genomföra olika projekt. "
                "Vi berättar också för varandra vad som händer i projekten och arbetsgrupperna. Varje möte har ett huvudtema som berör alla parter."
            </p>
            <h2>"Vilka deltar?"</h2>
            <p>
                "Medarbetare från socialförvaltningen och arbetsmarknadsförvaltningen möter medlemmar och representanter från brukarorganisationer och andra personer med brukarerfarenhet."
            </p>
            <p>
                "Gruppen är öppen för alla som vill delta i ett konstruktivt samtal. Du behöver inte anmäla dig i förväg eller binda upp dig – du är välkommen att komma och lyssna."
            </p>
            <h2>"Minnesanteckningar"</h2>
            <p>"Efter varje möte publiceras minnesanteckningar med närvarande, teman och länkar."</p>
        </Page>
    }
}
