package ui

import "testing"

// An arrow typed in the same burst as the keys that brought up a question
// holding an answer is as blind as the enter after it: "enter ↑ enter" in
// an amendment changed reading help from "Always" to "Often" a few
// milliseconds after the question came up, and "3 ↑ enter" on the review
// changed the first answer of the motivation section, each saved so. The
// arrow is refused there (before, the enter after it), the highlight goes
// back to the answer given, and the keys after it are ignored until Esc.

func TestAnArrowThenEnterOnTheSecondQuestionOfAnAmendedSectionIsRefusedAndChangesNothing(t *testing.T) {
	t.Parallel()
	d := aisPatientV2(t)
	sectionFromReview(t, d, "4", "Do you need information in a certain way?")
	keptRead(t, d, "Do you need information in a certain way?")
	d.waitFor("How often do you need someone to help you read")
	refusedEnterHoldsTheKeysAfterIt(t, d, "up", "enter", "2", "enter")
}

func TestAnArrowThenEnterOnASectionOpenedFromTheReviewIsRefusedAndChangesNothing(t *testing.T) {
	t.Parallel()
	d, _ := atReview(t)
	sectionFromReview(t, d, "3", "Would you like to do things")
	refusedEnterHoldsTheKeysAfterIt(t, d, "down", "enter", "1")
}
