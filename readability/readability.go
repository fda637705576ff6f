// Package readability measures how easy English text is to read, so that
// every patient-facing string can be held to a reading age of about 9 by a
// test rather than by eye.
package readability

import (
	"strings"
	"unicode"
)

// FleschReadingEase is Flesch's reading ease score (Flesch 1948):
// 206.835 - 1.015 x (words / sentences) - 84.6 x (syllables / words).
// 70 or more is "fairly easy" to "very easy", read by most 9 to 12 year
// olds. Text with no words scores 100.
func FleschReadingEase(text string) float64 {
	words, sentences, syllables := Counts(text)
	if words == 0 {
		return 100
	}
	return 206.835 - 1.015*float64(words)/float64(sentences) - 84.6*float64(syllables)/float64(words)
}

// Counts returns the words, sentences (at least 1) and syllables in text.
func Counts(text string) (words, sentences, syllables int) {
	inSentence := false
	for _, f := range strings.Fields(text) {
		w := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if w == "" {
			continue
		}
		words++
		inSentence = true
		// Hyphenated words count each part's syllables.
		for _, part := range strings.Split(w, "-") {
			syllables += Syllables(part)
		}
		if strings.ContainsAny(f[len(f)-1:], ".!?:;") {
			sentences++
			inSentence = false
		}
	}
	if inSentence || sentences == 0 {
		sentences++
	}
	return words, sentences, syllables
}

// Syllables estimates the syllables in one English word by counting vowel
// groups, with the usual corrections for a silent final e and "-le". It is
// an estimate, as every automatic Flesch score is; numbers count as one.
func Syllables(word string) int {
	w := strings.ToLower(word)
	if w == "" {
		return 0
	}
	if unicode.IsDigit(rune(w[0])) {
		return 1
	}
	isVowel := func(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }
	n := 0
	prev := false
	for i := 0; i < len(w); i++ {
		v := isVowel(w[i])
		if v && !prev {
			n++
		}
		prev = v
	}
	// A silent final e ("home", "phone"), but not "-le" after a consonant
	// ("table") or a word whose only vowel is the e ("the", "me").
	if strings.HasSuffix(w, "e") && n > 1 && !strings.HasSuffix(w, "ee") {
		if !(strings.HasSuffix(w, "le") && len(w) > 2 && !isVowel(w[len(w)-3])) {
			n--
		}
	}
	// "-es" is silent except after a hissing sound ("times" vs "boxes").
	if strings.HasSuffix(w, "es") && n > 1 && len(w) > 3 && !strings.ContainsAny(w[len(w)-3:len(w)-2], "sxzcg") {
		n--
	}
	// "-ed" is silent except after t or d ("used" vs "wanted").
	if strings.HasSuffix(w, "ed") && n > 1 && len(w) > 3 && w[len(w)-3] != 't' && w[len(w)-3] != 'd' {
		n--
	}
	if n == 0 {
		n = 1
	}
	return n
}
