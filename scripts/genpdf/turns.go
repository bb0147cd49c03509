package main

// wordTurns is a typed interview as a researcher saves it from Word.
var wordTurns = []turn{
	{"Interviewer", "", "Thanks for making the time, Dana. Could you start with your role and what your team looks after?"},
	{"Dana Whitfield", "", "Sure. I'm the IT director at Northwind Freight. We run dispatch, the driver app and the warehouse scanners, so about forty systems and a team of nine."},
	{"Interviewer", "", "How did the search for a new monitoring tool start?"},
	{"Dana Whitfield", "", "Honestly it started with an outage. The scanners went down on a Monday morning and we found out from the drivers, not from our own alerts. That was the moment our COO asked why we pay for three tools that all missed it."},
	{"Interviewer", "", "Who else was involved once the search began?"},
	{"Dana Whitfield", "", "Finance from day one, because every renewal now goes through them. And our two senior engineers ran the trial. I trust them more than any analyst report, to be frank."},
	{"Interviewer", "", "What almost stopped you from buying?"},
	{"Dana Whitfield", "", "The migration. We have years of dashboards and nobody wanted to rebuild them by hand. The vendor that offered to import them for free won a lot of points there. Price mattered less than I expected, as long as it was a flat price and not per host."},
	{"Interviewer", "", "And how do you judge it now, six months in?"},
	{"Dana Whitfield", "", "We catch problems before the drivers do. That is the whole test for me. The reporting is still weaker than I'd like, and I have to export to a spreadsheet for the monthly review."},
}

// zoomTurns is a recorded call as Zoom and Otter print their transcripts.
var zoomTurns = []turn{
	{"Priya Raman", "00:00:03", "Hi Marcus, thanks for joining. Before we get into it, could you tell me a bit about your practice?"},
	{"Marcus Bell", "00:00:11", "Of course. I manage operations for Harbor Health, which is four clinics and about sixty staff. I look after scheduling, billing and whatever software we buy."},
	{"Priya Raman", "00:00:27", "What made you look at scheduling tools this year?"},
	{"Marcus Bell", "00:00:32", "No-shows, mainly. We were losing close to a tenth of appointments and the front desk spent the morning on the phone confirming. Our old system could send reminders but patients could not reply to them."},
	{"Priya Raman", "00:01:05", "How did you compare the options?"},
	{"Marcus Bell", "00:01:09", "I asked two other practice managers what they used, then we ran a pilot in one clinic for a month. The deciding thing was whether it talked to our billing system without a consultant in the middle."},
	{"Priya Raman", "00:01:40", "Was there anything that worried you about switching?"},
	{"Marcus Bell", "00:01:44", "Training. Our receptionists are stretched already. If a tool needs a week of training it will not get used, however good it is. The one we chose took an afternoon."},
	{"Priya Raman", "00:02:10", "That's really helpful. Last question: what would you tell a peer considering it?"},
	{"Marcus Bell", "00:02:15", "Run the pilot in your busiest clinic, not your quietest. That is where you see if it holds up."},
}

// brochureText is marketing collateral: prose, no speakers.
const brochureText = "Fleet visibility without the guesswork. Northwind Monitor watches every scanner, driver app and dispatch server and tells your team before your drivers notice. Flat pricing per site, not per host. Import your existing dashboards in a day with our migration service. Reports your finance team can read, exported to the spreadsheet they already use."
