# Föreningsportalen in English. Every key is also in ../sv/ (the default language).

## Formats
date-long = { $day } { $month } { $year }
amount-kronor = SEK{"\u00A0"}{ $amount }
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## The document and its frame
site-name = Föreningsportalen
site-description = Apply for a grant for your association from the Social Welfare Committee, follow your case, and read decisions and minutes.
title-error = Error: { $title }
skip-link = Skip to content
menu = Menu
nav-label = Main menu
nav-start = Home
nav-apply = Apply for a grant
nav-decisions = Decisions
nav-forum = Joint development group
nav-membership = Membership
nav-sign-in = Sign in
nav-my-pages = My pages
nav-queue = Case queue
nav-payments = Payments
nav-sign-out = Sign out
language-switch = Language
demo-label = Demo mode
demo-title = Demo mode.
demo-text = The portal holds made-up accounts and sample data. Do not send in real personal data.
demo-accounts-link = See the demo accounts
footer-contact = Contact
footer-email = E-mail:
footer-phone = Phone:
footer-phone-hours = Monday–Friday 9 am–12 noon
footer-about = About the site
footer-notice-board = Official notice board
footer-statistics = Statistics
footer-contact-us = Contact us
footer-accessibility = Accessibility statement
footer-privacy = How we handle personal data
error-summary = There are errors to correct
loading = Loading …

## Home page
home-title = Home
home-heading = Grants to associations from the Social Welfare Committee
home-deleted = Your account has been deleted.
home-register = Register your association
home-register-text = The first step to apply for a grant: register the association and create its account.
home-apply = Apply for a grant
home-apply-text = Which grants there are, when you can apply, which documents to attach and how applications are assessed.
home-decisions = Grant decisions
home-decisions-text = Which associations have been granted money, for what and how much, and when the decisions become final.
home-forum = Joint development group
home-forum-text = The forum where the administration and the user organisations meet. Read about the group and its minutes.
home-membership = Membership of Helsam
home-membership-text = The umbrella organisation for associations with a social purpose: who can join and how.
home-figures = The grants in figures
home-figure-total = SEK 9.4 million
home-figure-total-text = is granted to associations by the Social Welfare Committee every year.
home-figure-goal = 20 per cent
home-figure-goal-text = of the money should go to activities for children and young people, by the committee's goal.
home-figure-today = About 10 per cent
home-figure-today-text = goes to activities for children and young people today.

## Apply for a grant
apply-title = Apply for a grant
apply-programmes = Grant programmes
apply-loading = Loading the grant programmes …
apply-open-now = Open for applications now ({ $window }).
apply-attach = Attach: { $documents }.
apply-criteria = Assessed by: { $criteria }.
apply-handling = Decisions are usually made within { $weeks } weeks.

## Joint development group, membership, contact, statements
forum-title = Joint development group (Gemensam utvecklingsgrupp)
forum-minutes = Minutes
forum-minutes-text = After each meeting the minutes are published, with those present, the themes and links.
forum-minutes-link = Read and search the minutes
membership-title = Membership
membership-heading = Membership of Helsam
contact-title = Contact us
accessibility-title = Accessibility statement
privacy-title = How we handle personal data

## Page not found
not-found-title = Page not found
not-found-text = We could not find the page you were looking for. It may have been moved or removed, or the address may be mistyped.
not-found-home = Go to the home page
not-found-apply = Read how to apply for a grant
not-found-contact = Contact us

## Sign in
login-title = Sign in
login-lead = Associations sign in to apply for grants and follow their cases. Officers and managers sign in to handle and attest cases.
login-signed-in-as = You are signed in as
login-go-to-my-pages = Go to My pages
login-verified = Your e-mail address is confirmed. You can sign in now.
login-new-password = Your new password is saved. Sign in with it.
login-email = E-mail address
login-password = Password
login-submit = Sign in
login-forgot = Forgot your password?
login-register = Register an association
login-demo-accounts = Demo accounts
login-demo-caption = Made-up accounts in demo mode
login-demo-role = Role
login-demo-email = E-mail
login-demo-password = Password
password-again = Type the password again. For your security it is not shown after an error.

## Register an association
register-title = Register an association
register-lead = Register the association to be able to apply for grants. You who register become the owner of the association's account and can invite others from the association later.
register-taken = The association is already registered in the portal. You can ask whoever holds the association's account for access.
register-ask-access = Ask for access to the association's account
register-association = The association
register-name = Name of the association
register-org-number = Organisation number (organisationsnummer)
register-org-number-hint = Ten digits, for example 802534-3750.
register-founded = Year the association was founded
register-founded-hint = Four digits, for example 2021.
register-members = Number of members in the city
register-target-group = Target group
register-target-group-hint = Who are the association's activities for?
register-postal-address = Postal address
register-contact = Contact person and sign-in
register-contact-name = Your name
register-email = Your e-mail address
register-email-hint = You sign in with it. We send a link to confirm it.
register-phone = Phone number
register-password = Choose a password
register-password-hint = At least 8 characters. Several words in a phrase work well; common and easily guessed passwords are refused.
register-submit = Register the association
register-already = Is the association already in the portal? Then ask for access to its account: type the organisation number above and we will show you how.
registered-title = Check your e-mail
registered-lead = Thank you! The association is registered.
registered-text = We have sent an e-mail with a link to the address you gave. Open the link to confirm the address; then you can sign in. The link is valid for 24 hours.
registered-spam = Has the e-mail not arrived within a few minutes? Look in your spam folder. You can also try to sign in, and we will send a new link.
registered-to-login = To the sign-in page

## Paging
pager-label = Pages
pager-previous = Previous page
pager-next = Next page
pager-page = Page { $page } of { $pages }

## Decisions
outcome-granted = Granted
outcome-partly-granted = Partly granted
outcome-rejected = Rejected
decisions-title = Grant decisions
decisions-lead = The committee's decisions on grants to associations are public records. Every decision is here once its minutes have been approved (justerade). Information covered by secrecy is not shown. The decisions themselves are in Swedish.
decisions-count = { $count ->
    [0] No decisions match the selection.
    [one] 1 decision.
   *[other] { $count } decisions.
}
decisions-filter = Filter decisions
decisions-year = Year
decisions-all-years = All years
decisions-programme = Grant programme
decisions-all-programmes = All grant programmes
decisions-outcome = Decision
decisions-all-outcomes = All decisions
decisions-show = Show decisions
decisions-clear = Clear filters
decisions-notice-board = The official notice board: when decisions become final
decision-title = Decision { $dnr }
decision-dnr = Case number
decision-association = Association
decision-activity = Activity
decision-requested = Amount applied for
decision-granted = Amount granted
decision-meeting = Meeting
decision-justered = Minutes approved
decision-legal-force = Final (laga kraft)
decision-legal-force-text = { $date } unless someone has appealed by { $appeal }
decision-motivation = Reasons
decision-appeal = Appeal
decision-appeal-text = Any member of the municipality can ask the administrative court (förvaltningsrätten) to review the legality of the decision (Local Government Act, chapter 13). The appeal must be in writing and reach the court by { $appeal }.
decision-minutes-kept = The minutes are kept by the social services administration's registry and on the city's digital notice board.
decision-all = All decisions
decision-notice-board = The official notice board

## Official notice board
notice-title = Official notice board
notice-lead = The Social Welfare Committee's digital notice board (anslagstavla). When minutes are approved (justerade), a notice goes up here the same day. It stays up for the three weeks in which the decisions can be appealed; after that it is kept in the archive below.
notice-heading = { $body }, meeting of { $meeting }
notice-minutes = Minutes
notice-justered = Approved
notice-up = Posted
notice-down = Taken down after
notice-was-down = Taken down after
notice-legal-force-text = { $date } unless someone has appealed
notice-kept-at = Where the minutes are kept
notice-decisions = The decisions of the meeting
notice-current = Notices up now
notice-none-current = No notices are up just now.
notice-archive = Archive
notice-none-archived = No earlier notices.
notice-appeal = Any member of the municipality can ask the administrative court (förvaltningsrätten) to review the legality of the decisions (Local Government Act, chapter 13). The appeal must be in writing and reach the court within three weeks of the day the approval of the minutes was announced on the notice board, that is by { $down }.

## Statistics
yes = Yes
no = No
stats-title = Statistics on the grants
stats-lead = How many applications came in and were granted, how much money was applied for and granted, how large a share goes to children and young people, and whom the activities reach. The figures come from the committee's approved decisions.
stats-csv = Download the table as CSV (in Swedish)
stats-total = Total
stats-choose-year = Choose a year
stats-year = Year
stats-show = Show
stats-programmes = Applications and decisions { $year }
stats-programmes-caption = Per grant programme { $year }: applications received, decisions, share granted, amounts applied for and granted
stats-received = Received
stats-decided = Decided
stats-granted = Granted
stats-granted-share = Share granted
stats-requested = Amount applied for (decided)
stats-children = Money for children and young people
stats-children-text = The committee's goal is that at least { $goal } per cent of the grants go to activities for children and young people. This counts the amounts granted to activities whose target group is children and young people (0–17) or young adults (18–25).
stats-children-caption = Amount granted per year and the share for children and young people
stats-granted-total = Granted in total
stats-of-which-children = Of which children and young people
stats-share = Share
stats-meets-goal = Meets the goal ({ $goal }%)
stats-gender = Whom the activities reach
stats-gender-text = The split between women and men among the participants, as the associations with granted applications estimated it: the mean of the applications' shares.
stats-gender-caption = The participants' gender split per year
stats-women = Women
stats-men = Men
stats-other = Other or prefer not to say
stats-applications = Number of applications

## Minutes
minutes-title = Minutes of the joint development group
minutes-lead-before = From every meeting of the{" "}
minutes-lead-after = : who was there, what was discussed and links to read more. The minutes are in Swedish.
minutes-feed = Subscribe to new minutes (Atom feed)
minutes-search = Search the minutes
minutes-search-hint = One or more words, in Swedish. The search also finds other forms of a word: “lokal” finds “lokaler”.
minutes-search-submit = Search
minutes-hits = { $count ->
    [0] No minutes contain “{ $search }”.
    [one] 1 meeting contains “{ $search }”.
   *[other] { $count } meetings contain “{ $search }”.
}
minutes-results = Search results
minutes-show-all = Show all minutes
minutes-none = There are no minutes yet.
minutes-present-count = { " " }({ $count } present)
minutes-present = Present ({ $count })
minutes-all = All minutes

## Helsam's members
members-title = Members
members-none = Helsam has no members in the portal yet.
members-since = { " " }(member since { $since })
members-apply = Apply for membership
members-apply-text = A verified representative of the association applies on the association's page in the portal, under My pages → the association → Medlemskap i Helsam. Have the board's decision to join at hand: its date and the minutes.
members-to-my-pages = To My pages

## Application periods
window-always = all year
window-yearly = { $from }–{ $to } every year
apply-closed = { $name } cannot be applied for just now. The next application period is { $opens }–{ $closes }.

## An association's public page
association-org-number = Organisation number
association-helsam = Member of Helsam
association-helsam-since = Yes, since { $year }
association-helsam-no = No
association-no-decisions = No published grant decisions.
association-forum = In the joint development group
association-no-meetings = The association is not among those present in any minutes.
association-public-note = This page shows only what is already public: the association's name and number, published decisions and minutes. Contact details are not shown.
