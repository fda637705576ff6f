package report

import (
	"digicheck/questionnaire"
	"fmt"
	"strings"
)

// ConflictWarning is what standard error says of the records read twice
// with different contents (an edited export beside the original, two
// copies of a record changed apart), "" when there are none: how many,
// and the first of them by id, where each version was read and which
// was counted (the first read). The published counts hang on which, so
// the person running the summary must be able to find them: it said only
// "30 records differ between the inputs that hold them".
func (s *Summary) ConflictWarning() string {
	if s.Conflicts == 0 {
		return ""
	}
	head := fmt.Sprintf("%s held with different contents in two inputs (or twice in one); the first read was counted, the other not", plural(s.Conflicts, "record is", "records are"))
	var each []string
	for _, c := range s.conflictsNamed {
		each = append(each, fmt.Sprintf("record %s: %s (counted), %s", c.ID, questionnaire.Printable(c.Counted), questionnaire.Printable(c.Also)))
	}
	if more := s.Conflicts - len(s.conflictsNamed); more > 0 && len(each) > 0 {
		each = append(each, fmt.Sprintf("and %d more", more))
	}
	if len(each) == 0 {
		return head + "."
	}
	return head + ": " + strings.Join(each, "; ") + ". Check which is right, and summarise that input alone or without the other."
}
