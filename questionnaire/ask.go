package questionnaire

// AskProgrammes names the programmes that asking the skipped questions
// could open, each once, in the order first met: one programme may hang on
// several questions (AbilityNet on the device and the accessibility ones),
// and a list of everything they could open should not name it twice. A
// programme is known by its directory id; a record saved before ids were
// kept is known by name.
func (r Recommendation) AskProgrammes() []string {
	seen := map[string]bool{}
	var out []string
	for _, q := range r.AskAbout {
		for i, name := range q.Programmes {
			key := "name:" + name
			if i < len(q.ProgrammeIDs) {
				key = "id:" + q.ProgrammeIDs[i]
			}
			if seen[key] {
				continue
			}
			seen[key] = true
			out = append(out, name)
		}
	}
	return out
}
