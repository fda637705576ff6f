package prompt

import (
	"strings"
	"testing"

	"digicheck/assess"
)

// The list of drafts says where each stopped (assess.Draft.Where): a draft
// the plain prompts kept said only the section it would resume at, so an
// amendment stopped in Access, which resumes at its review, and a
// follow-up stopped at "Why not?" of an earlier referral, which had
// opened no section, were listed "with every section answered" and "at
// Access". The prompts now note where the run is as each question is
// asked, and the draft kept at the stop says it.

// TestAnAmendmentStoppedInASectionIsKeptSayingSo: the review's Access
// section opened, its first answer kept, and the input ended at the next.
func TestAnAmendmentStoppedInASectionIsKeptSayingSo(t *testing.T) {
	f := notByTextAmendment(t)
	var out strings.Builder
	_, _ = Run(f.o, strings.NewReader(strings.Join([]string{"", "", "3", ""}, "\n")+"\n"), &out)
	if f.kept == nil {
		t.Fatalf("no draft kept:\n%s", out.String())
	}
	want := assess.Stop{Step: "section", Section: "access"}
	if f.kept.Stopped == nil || *f.kept.Stopped != want {
		t.Fatalf("the draft says it stopped at %+v, want %+v:\n%s", f.kept.Stopped, want, out.String())
	}
	if got := f.kept.Where(f.o.Instrument); got != "stopped in Access (1 of 5)" {
		t.Errorf("the draft is listed %q", got)
	}
}

// TestAFollowUpStoppedAtWhyNotIsKeptSayingSo: "No, I did not take it up"
// for the first earlier referral, and the input ended at its "Why not?".
func TestAFollowUpStoppedAtWhyNotIsKeptSayingSo(t *testing.T) {
	var s saver
	o := options(&s)
	base := saved(t)
	o.FollowUp = &base
	var kept *assess.Draft
	o.Keep = func(d *assess.Draft) error { c := *d; kept = &c; return nil }
	var out strings.Builder
	_, _ = Run(o, strings.NewReader("\n\n3\n"), &out)
	if !strings.Contains(out.String(), "Why not") {
		t.Fatalf("Why not? was not asked:\n%s", out.String())
	}
	if kept == nil {
		t.Fatalf("no draft kept:\n%s", out.String())
	}
	name := base.Recommendation.Referrals[0].Name
	want := assess.Stop{Step: "outcomes", WhyNot: name}
	if kept.Stopped == nil || *kept.Stopped != want {
		t.Fatalf("the draft says it stopped at %+v, want %+v:\n%s", kept.Stopped, want, out.String())
	}
	if got, want := kept.Where(o.Instrument)+", "+strings.Join(kept.Holds(), ", "),
		`stopped at the earlier referrals, "Why not?" for `+name+", 0 answers, 1 earlier referral followed up"; got != want {
		t.Errorf("the draft is listed %q, want %q", got, want)
	}
}
