# Föreningsportalen på svenska (standardspråket). Varje nyckel finns också i ../en/.

## Format
date-long = { $day } { $month } { $year }
amount-kronor = { $amount }{"\u00A0"}kr
month-1 = januari
month-2 = februari
month-3 = mars
month-4 = april
month-5 = maj
month-6 = juni
month-7 = juli
month-8 = augusti
month-9 = september
month-10 = oktober
month-11 = november
month-12 = december

## Dokumentet och ramen
site-name = Föreningsportalen
site-description = Ansök om föreningsbidrag från socialnämnden, följ ditt ärende och läs beslut och minnesanteckningar.
title-error = Fel: { $title }
skip-link = Hoppa till innehållet
menu = Meny
nav-label = Huvudmeny
nav-start = Start
nav-apply = Söka bidrag
nav-decisions = Beslut
nav-forum = Gemensam utvecklingsgrupp
nav-membership = Medlemskap
nav-sign-in = Logga in
nav-my-pages = Mina sidor
nav-queue = Ärendekö
nav-payments = Utbetalningar
nav-sign-out = Logga ut
language-switch = Språk
demo-label = Demoläge
demo-title = Demoläge.
demo-text = Portalen innehåller påhittade konton och exempeldata. Skicka inte in riktiga personuppgifter.
demo-accounts-link = Se demokontona
footer-contact = Kontakt
footer-email = E-post:
footer-phone = Telefon:
footer-phone-hours = måndag–fredag kl. 9–12
footer-about = Om webbplatsen
footer-notice-board = Anslagstavla
footer-statistics = Statistik
footer-contact-us = Kontakta oss
footer-accessibility = Tillgänglighetsredogörelse
footer-privacy = Så behandlar vi personuppgifter
error-summary = Det finns fel som behöver rättas
loading = Hämtar …

## Startsidan
home-title = Start
home-heading = Föreningsbidrag från socialnämnden
home-deleted = Ditt konto är raderat.
home-register = Registrera din förening
home-register-text = Första steget för att söka bidrag: registrera föreningen och skapa ert konto.
home-apply = Söka bidrag
home-apply-text = Vilka bidrag som finns, när du kan söka, vilka bilagor som behövs och hur ansökan bedöms.
home-decisions = Beslut om bidrag
home-decisions-text = Vilka föreningar som fått bidrag, för vad och hur mycket, och när besluten vinner laga kraft.
home-forum = Gemensam utvecklingsgrupp
home-forum-text = Forumet där förvaltningen och brukarorganisationerna möts. Läs om gruppen och dess minnesanteckningar.
home-membership = Medlemskap i Helsam
home-membership-text = Paraplyorganisationen för föreningar med social inriktning: vem som kan bli medlem och hur.
home-figures = Föreningsbidragen i siffror
home-figure-total = 9,4 miljoner kronor
home-figure-total-text = delar socialnämnden ut i föreningsbidrag varje år.
home-figure-goal = 20 procent
home-figure-goal-text = av pengarna ska enligt nämndens mål gå till verksamhet för barn och unga.
home-figure-today = Cirka 10 procent
home-figure-today-text = går i dag till verksamhet för barn och unga.

## Söka bidrag
apply-title = Söka bidrag
apply-programmes = Bidragsformer
apply-loading = Hämtar bidragsformerna …
apply-open-now = Går att söka nu ({ $window }).
apply-attach = Bifoga: { $documents }.
apply-criteria = Bedöms efter: { $criteria }.
apply-handling = Beslut brukar fattas inom { $weeks } veckor.

## Gemensam utvecklingsgrupp, medlemskap, kontakt, redogörelser
forum-title = Gemensam utvecklingsgrupp
forum-minutes = Minnesanteckningar
forum-minutes-text = Efter varje möte publiceras minnesanteckningar med närvarande, teman och länkar.
forum-minutes-link = Läs och sök i minnesanteckningarna
membership-title = Medlemskap
membership-heading = Medlemskap i Helsam
contact-title = Kontakta oss
accessibility-title = Tillgänglighetsredogörelse
privacy-title = Så behandlar vi personuppgifter

## Sidan finns inte
not-found-title = Sidan finns inte
not-found-text = Vi kunde inte hitta sidan du sökte. Den kan ha flyttats eller tagits bort, eller så är adressen felskriven.
not-found-home = Gå till startsidan
not-found-apply = Läs om hur du söker bidrag
not-found-contact = Kontakta oss

## Logga in
login-title = Logga in
login-lead = Föreningar loggar in för att söka bidrag och följa sina ärenden. Handläggare och chefer loggar in för att handlägga och attestera.
login-signed-in-as = Du är inloggad som
login-go-to-my-pages = Gå till Mina sidor
login-verified = Din e-postadress är bekräftad. Nu kan du logga in.
login-new-password = Ditt nya lösenord är sparat. Logga in med det.
login-email = E-postadress
login-password = Lösenord
login-submit = Logga in
login-forgot = Glömt lösenordet?
login-register = Registrera en förening
login-demo-accounts = Demokonton
login-demo-caption = Påhittade konton i demoläget
login-demo-role = Roll
login-demo-email = E-post
login-demo-password = Lösenord
password-again = Fyll i lösenordet igen. Av säkerhetsskäl visas det inte efter ett fel.

## Registrera förening
register-title = Registrera förening
register-lead = Registrera föreningen för att kunna söka bidrag. Du som registrerar blir ägare av föreningens konto och kan senare bjuda in fler från föreningen.
register-taken = Föreningen är redan registrerad i portalen. Du kan be den som har föreningens konto om tillgång.
register-ask-access = Be om tillgång till föreningens konto
register-association = Föreningen
register-name = Föreningens namn
register-org-number = Organisationsnummer
register-org-number-hint = Tio siffror, till exempel 802534-3750.
register-founded = År då föreningen bildades
register-founded-hint = Fyra siffror, till exempel 2021.
register-members = Antal medlemmar i staden
register-target-group = Målgrupp
register-target-group-hint = Vilka vänder sig föreningens verksamhet till?
register-postal-address = Postadress
register-contact = Kontaktperson och inloggning
register-contact-name = Ditt namn
register-email = Din e-postadress
register-email-hint = Du loggar in med den. Vi skickar en länk för att bekräfta den.
register-phone = Telefonnummer
register-password = Välj ett lösenord
register-password-hint = Minst 8 tecken. Gärna flera ord i en fras; vanliga och lättgissade lösenord godtas inte.
register-submit = Registrera föreningen
register-already = Finns föreningen redan i portalen? Be då om tillgång till föreningens konto: skriv organisationsnumret ovan, så visar vi hur.
registered-title = Kontrollera din e-post
registered-lead = Tack! Föreningen är registrerad.
registered-text = Vi har skickat ett mejl med en länk till e-postadressen du angav. Öppna länken för att bekräfta adressen; därefter kan du logga in. Länken gäller i 24 timmar.
registered-spam = Har mejlet inte kommit inom några minuter? Titta i skräpposten. Du kan också försöka logga in, så skickar vi en ny länk.
registered-to-login = Till inloggningen

## Sidbläddring
pager-label = Sidor
pager-previous = Föregående sida
pager-next = Nästa sida
pager-page = Sida { $page } av { $pages }

## Beslut
outcome-granted = Beviljad
outcome-partly-granted = Delvis beviljad
outcome-rejected = Avslagen
decisions-title = Beslut om bidrag
decisions-lead = Nämndens beslut om bidrag till föreningar är allmänna handlingar. Här finns varje beslut när protokollet är justerat. Uppgifter som omfattas av sekretess visas inte.
decisions-count = { $count ->
    [0] Inga beslut matchar urvalet.
   *[other] { $count } beslut.
}
decisions-filter = Filtrera beslut
decisions-year = År
decisions-all-years = Alla år
decisions-programme = Bidragsform
decisions-all-programmes = Alla bidragsformer
decisions-outcome = Beslut
decisions-all-outcomes = Alla beslut
decisions-show = Visa beslut
decisions-clear = Rensa filter
decisions-notice-board = Anslagstavlan: när besluten vinner laga kraft
decision-title = Beslut { $dnr }
decision-dnr = Diarienummer
decision-association = Förening
decision-activity = Verksamhet
decision-requested = Sökt belopp
decision-granted = Beviljat belopp
decision-meeting = Sammanträde
decision-justered = Protokollet justerat
decision-legal-force = Laga kraft
decision-legal-force-text = { $date } om ingen har begärt laglighetsprövning senast { $appeal }
decision-motivation = Motivering
decision-appeal = Överklaga
decision-appeal-text = Den som är medlem i kommunen kan begära laglighetsprövning av beslutet hos förvaltningsrätten (kommunallagen 13 kap.). Överklagandet ska vara skriftligt och ha kommit in senast den { $appeal }.
decision-minutes-kept = Protokollet finns hos socialförvaltningens registratur och på stadens digitala anslagstavla.
decision-all = Alla beslut
decision-notice-board = Anslagstavlan

## Anslagstavla
notice-title = Anslagstavla
notice-lead = Socialnämndens digitala anslagstavla. När ett protokoll är justerat sätts ett tillkännagivande upp här samma dag. Det sitter uppe under de tre veckor då besluten kan överklagas; sedan finns det kvar i arkivet nedan.
notice-heading = { $body }, sammanträde { $meeting }
notice-minutes = Protokoll
notice-justered = Justerat
notice-up = Anslaget
notice-down = Tas ned efter
notice-was-down = Togs ned efter
notice-legal-force-text = { $date } om ingen har överklagat
notice-kept-at = Förvaringsplats
notice-decisions = Besluten från sammanträdet
notice-current = Anslag just nu
notice-none-current = Inga anslag sitter uppe just nu.
notice-archive = Arkiv
notice-none-archived = Inga äldre anslag.
notice-appeal = Den som är medlem i kommunen kan begära laglighetsprövning av besluten hos förvaltningsrätten (kommunallagen 13 kap.). Överklagandet ska vara skriftligt och ha kommit in till förvaltningsrätten inom tre veckor från den dag då justeringen tillkännagavs på anslagstavlan, alltså senast den { $down }.

## Statistik
yes = Ja
no = Nej
stats-title = Statistik om föreningsbidragen
stats-lead = Hur många ansökningar som kommit in och beviljats, hur mycket pengar som sökts och delats ut, hur stor del som går till barn och unga och vilka verksamheterna når. Siffrorna bygger på nämndens justerade beslut.
stats-csv = Ladda ned tabellen som CSV
stats-total = Totalt
stats-choose-year = Välj år
stats-year = År
stats-show = Visa
stats-programmes = Ansökningar och beslut { $year }
stats-programmes-caption = Per bidragsform { $year }: ansökningar som kom in, beslut, andel beviljade, sökt och beviljat belopp
stats-received = Inkomna
stats-decided = Beslutade
stats-granted = Beviljade
stats-granted-share = Andel beviljade
stats-requested = Sökt belopp (beslutade)
stats-children = Pengar till barn och unga
stats-children-text = Nämndens mål är att minst { $goal } procent av bidragen ska gå till verksamhet för barn och unga. Här räknas beviljade belopp till verksamheter vars målgrupp är barn och unga (0–17 år) eller unga vuxna (18–25 år).
stats-children-caption = Beviljat belopp per år och andelen till barn och unga
stats-granted-total = Beviljat totalt
stats-of-which-children = Varav barn och unga
stats-share = Andel
stats-meets-goal = Når målet ({ $goal } %)
stats-gender = Vilka verksamheterna når
stats-gender-text = Fördelningen mellan kvinnor och män bland deltagarna, så som föreningarna med beviljade ansökningar har uppskattat den: medelvärdet av ansökningarnas andelar.
stats-gender-caption = Deltagarnas könsfördelning per år
stats-women = Kvinnor
stats-men = Män
stats-other = Annat eller vill inte ange
stats-applications = Antal ansökningar

## Minnesanteckningar
minutes-title = Minnesanteckningar från Gemensam utvecklingsgrupp
minutes-lead-before = Från varje möte i{" "}
minutes-lead-after = : vilka som var där, vad som togs upp och länkar för att läsa mer.
minutes-feed = Prenumerera på nya minnesanteckningar (Atom-flöde)
minutes-search = Sök i minnesanteckningarna
minutes-search-hint = Ett eller flera ord. Sökningen hittar också andra böjningar: ”lokal” hittar ”lokaler”.
minutes-search-submit = Sök
minutes-hits = { $count ->
    [0] Inga minnesanteckningar innehåller ”{ $search }”.
    [1] 1 möte innehåller ”{ $search }”.
   *[other] { $count } möten innehåller ”{ $search }”.
}
minutes-results = Sökresultat
minutes-show-all = Visa alla minnesanteckningar
minutes-none = Det finns inga minnesanteckningar än.
minutes-present-count = { " " }({ $count } närvarande)
minutes-present = Närvarande ({ $count })
minutes-all = Alla minnesanteckningar

## Helsams medlemmar
members-title = Medlemmar
members-none = Helsam har inga medlemmar i portalen än.
members-since = { " " }(medlem sedan { $since })
members-apply = Ansök om medlemskap
members-apply-text = En verifierad företrädare för föreningen ansöker på föreningens sida i portalen, under Mina sidor → föreningen → Medlemskap i Helsam. Ha styrelsens beslut om att gå med till hands: datumet och protokollet.
members-to-my-pages = Till Mina sidor

## Ansökningsperioder
window-always = året runt
window-yearly = { $from }–{ $to } varje år
apply-closed = { $name } går inte att söka just nu. Nästa ansökningsperiod är { $opens }–{ $closes }.

## Föreningens publika sida
association-org-number = Organisationsnummer
association-helsam = Medlem i Helsam
association-helsam-since = Ja, sedan { $year }
association-helsam-no = Nej
association-no-decisions = Inga publicerade beslut om bidrag.
association-forum = I Gemensam utvecklingsgrupp
association-no-meetings = Föreningen finns inte med bland de närvarande i några minnesanteckningar.
association-public-note = Sidan visar bara det som redan är offentligt: föreningens namn och nummer, publicerade beslut och minnesanteckningar. Kontaktuppgifter visas inte.
