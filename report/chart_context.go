package report

// chartContext is what a run or SPC chart drawn as text says of what it
// counts, as the summary says it: which teams ("All teams." or "Teams:
// Ward A."), and the notes on teams not counted (too few over the span to
// show, a name that prints like a team asked for, other teams left out by
// --team). A chart of --team "Ward A" began "Run chart: Assessments, by
// month" and carried none of these, reading as every team's chart.
func (s *Summary) chartContext() (counted string, notes []string) {
	counted = "All teams."
	if len(s.Teams) > 0 {
		counted = "Teams: " + printableList(s.Teams) + "."
	}
	for _, n := range []string{s.LeftOutNote(), s.LookAlikeNote(), s.PartTeamsNote()} {
		if n != "" {
			notes = append(notes, n)
		}
	}
	return counted, notes
}

// chartBannersText are a chart's banners as text draws them: the
// summary's synthetic-data banner, then chartBanners.
func (s *Summary) chartBannersText() []string {
	var out []string
	if s.Synthetic {
		out = append(out, SyntheticBanner)
	}
	return append(out, s.chartBanners()...)
}
