package report

// PartTeamsNote says, of a summary of the teams asked for (--team) whose
// inputs hold other teams' assessments over the span
// (Summary.TeamsNotAsked), that it must not be published beside a summary
// of all teams, or of another set of teams, for the same span: what
// differs between the two is the assessments of the teams left out, and
// where a breakdown row holds one of theirs, it gives that patient's
// answers away (docs/disclosure.md, "What it does not protect against").
// The teams are not named here: standard error names them to whoever
// runs the summary. "" for none.
func (s *Summary) PartTeamsNote() string {
	if len(s.TeamsNotAsked) == 0 {
		return ""
	}
	return "Some teams only: the inputs also hold assessments of teams not asked for (--team) over this span, not counted here. This summary must not be published beside a summary of all teams, or of another set of teams, for the same span: what differs between the two is the assessments of the teams left out, and gives a patient's answers away where a row holds one of theirs (docs/disclosure.md, \"What it does not protect against\")."
}
