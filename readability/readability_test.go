package readability

import "testing"

func TestSyllables(t *testing.T) {
	for w, want := range map[string]int{
		"cat": 1, "phone": 1, "home": 1, "table": 2, "the": 1, "me": 1, "free": 1,
		"help": 1, "letter": 2, "computer": 3, "internet": 3, "library": 3,
		"used": 1, "times": 1, "boxes": 2, "pages": 2, "phones": 1, "wanted": 2, "appointment": 3, "you": 1, "email": 2, "2": 1,
	} {
		if got := Syllables(w); got != want {
			t.Errorf("Syllables(%q) = %d, want %d", w, got, want)
		}
	}
}

func TestFleschSeparatesEasyFromHardText(t *testing.T) {
	easy := "We will call you on your phone. You can ask us to change this at any time."
	hard := "Consequently, individuals experiencing considerable technological difficulties necessitate comprehensive organisational intervention."
	if s := FleschReadingEase(easy); s < 80 {
		t.Errorf("easy text scored %.1f, want 80 or more", s)
	}
	if s := FleschReadingEase(hard); s > 10 {
		t.Errorf("hard text scored %.1f, want 10 or less", s)
	}
}

func TestCountsSentences(t *testing.T) {
	w, s, _ := Counts("One two. Three four! Five?")
	if w != 5 || s != 3 {
		t.Errorf("words %d sentences %d, want 5 and 3", w, s)
	}
	if _, s, _ := Counts("no full stop"); s != 1 {
		t.Errorf("unfinished sentence counted as %d", s)
	}
}
