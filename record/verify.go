package record

import (
	"fmt"
	"slices"

	"digicheck/questionnaire"
)

// Verify checks a record's result against its own answers: the result is
// a pure function of the answers (and, for referrals, the directory), so a
// record whose bands, routes, choice or adjustments are not what its
// answers give has been edited or damaged since it was saved, and must
// not be shown, printed in a note or handed to a patient. ins is the
// instrument the record names (a record of another version is not
// recomputed: nil is returned for it); dir, if not nil and the directory
// version the record names, lets its referrals be checked too.
//
// Only what decides care is compared, not the wording of reasons, so that
// a record made by an earlier digicheck whose sentences differ still
// shows. A record with no result (status entered-in-error, made without
// one) is not recomputed.
func Verify(r *Record, ins *questionnaire.Instrument, dir *questionnaire.Directory) error {
	if ins == nil || r.InstrumentVersion != ins.Version || r.Recommendation.Primary == "" {
		return nil
	}
	var d questionnaire.Directory
	if dir != nil {
		d = *dir
	}
	err := verifyWith(r, ins, dir, d)
	// A record saved before a change to its version's rules holds what
	// the rules then gave: shown as it was saved, not refused.
	for before := ins.Earlier(); err != nil && before != nil; before = before.Earlier() {
		if verifyWith(r, before, dir, d) == nil {
			return nil
		}
	}
	return err
}

// verifyWith is Verify against one revision of the instrument's rules.
func verifyWith(r *Record, ins *questionnaire.Instrument, dir *questionnaire.Directory, d questionnaire.Directory) error {
	// A video consultation is weighed only where the service offered
	// them when the record was made, which the record keeps.
	want, err := ins.AssessWith(r.Answers, d, questionnaire.Services{Video: r.Recommendation.Video != nil})
	if err != nil {
		return fmt.Errorf("its answers are not answers of instrument %s: %v", ins.Version, err)
	}
	got, exp := r.Recommendation, want.Recommendation
	switch {
	case r.Bands != want.Bands:
		return fmt.Errorf("its bands are not those its answers give")
	case got.Primary != exp.Primary:
		return fmt.Errorf("its main contact route is %s, but its answers give %s", got.Primary, exp.Primary)
	case got.Fallback != exp.Fallback:
		return fmt.Errorf("its fallback route is %s, but its answers give %s", got.Fallback, exp.Fallback)
	case got.Choice != exp.Choice || got.ChoiceHonoured != exp.ChoiceHonoured:
		return fmt.Errorf("the patient's choice it records is not the one its answers give")
	case !slices.EqualFunc(got.Adjustments, exp.Adjustments, sameAdjustmentCode):
		return fmt.Errorf("its adjustments are not those its answers give")
	case !slices.EqualFunc(got.Needs, exp.Needs, sameNeedCode):
		return fmt.Errorf("its coded needs are not those its answers give")
	case (got.Video == nil) != (exp.Video == nil) || got.Video != nil && got.Video.Possible != exp.Video.Possible:
		return fmt.Errorf("its video consultation check is not the one its answers give")
	}
	if dir == nil || r.DirectoryVersion != dir.Version() {
		return nil
	}
	// The result may keep apart referrals the clinician never saw
	// (Unshown): together with those offered they are the directory's.
	offered := append(slices.Clone(got.Referrals), got.Unshown...)
	if len(offered) != len(exp.Referrals) {
		return fmt.Errorf("it names %d referrals, but its answers give %d with the directory it names", len(offered), len(exp.Referrals))
	}
	byID := map[string]questionnaire.Referral{}
	for _, ref := range exp.Referrals {
		byID[ref.ProgrammeID] = ref
	}
	for _, ref := range offered {
		e, ok := byID[ref.ProgrammeID]
		if !ok || e.Name != ref.Name || e.Contact != ref.Contact || e.PatientLine != ref.PatientLine {
			return fmt.Errorf("its referral to %q is not the one the directory it names gives", ref.ProgrammeID)
		}
		delete(byID, ref.ProgrammeID) // each once
	}
	return nil
}

// sameAdjustmentCode reports whether two adjustments have the same code.
func sameAdjustmentCode(a, b questionnaire.Adjustment) bool { return a.Code == b.Code }

// sameNeedCode reports whether two coded needs have the same key and code,
// which the EHR's flag is raised from: compared as the text "key code"
// each was compared as, without making it.
func sameNeedCode(a, b questionnaire.CodedNeed) bool {
	if len(a.Key)+len(a.Code) != len(b.Key)+len(b.Code) {
		return false
	}
	at := func(n questionnaire.CodedNeed, i int) byte {
		switch {
		case i < len(n.Key):
			return n.Key[i]
		case i == len(n.Key):
			return ' '
		}
		return n.Code[i-len(n.Key)-1]
	}
	for i := range len(a.Key) + 1 + len(a.Code) {
		if at(a, i) != at(b, i) {
			return false
		}
	}
	return true
}
