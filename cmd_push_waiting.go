package main

import (
	"fmt"
	"io"
	"strconv"
	"sync"
	"time"
)

// waitingAfter is how long a request to the server goes unanswered before
// push, at a terminal, says it is waiting for it.
const waitingAfter = time.Second

// serverWaiting says, at a terminal, what push waits for when the server
// is slow to answer: "Waiting for the server at URL (try 1 of 5, up to 30
// seconds)...", on a line of its own that is cleared once the answer is
// in. A slow server left the terminal blank for each try's --timeout, and
// a nurse could not tell a push waiting from one hung. Piped, it says
// nothing: a scheduled task's log gets the push's own lines alone.
type serverWaiting struct {
	mu      sync.Mutex
	w       io.Writer
	name    string
	timeout time.Duration
	// try and of are the try of the request in flight, as push counts
	// its tries (retried says each failure).
	try, of int
	// gen counts the requests sent, so that a request's timer says
	// nothing once another has gone out.
	gen   int
	shown bool
	// busy reports whether another line of push's is being drawn in
	// place at the moment (the read of the store, the asking of the
	// server): that line says what push is doing, and is left alone.
	busy func() bool
	// before is called, under the lock, before the line is drawn: a
	// progress bar drawn in place is ended first.
	before func()
}

// newServerWaiting is push's waiting line on w when w is a terminal, else
// nil (which says nothing): for the server named name, each try waited for
// up to timeout, of tries in all.
func newServerWaiting(w io.Writer, name string, timeout time.Duration, of int) *serverWaiting {
	if !isTerminal(w) {
		return nil
	}
	return &serverWaiting{w: w, name: name, timeout: timeout, try: 1, of: of}
}

// sent is told as a try goes out (fhirclient.Client.Watch); the func it
// returns as its answer is in.
func (s *serverWaiting) sent() func() {
	if s == nil {
		return nil
	}
	s.mu.Lock()
	s.gen++
	gen, try, of := s.gen, s.try, s.of
	s.mu.Unlock()
	t := time.AfterFunc(waitingAfter, func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if gen != s.gen || s.busy != nil && s.busy() {
			return
		}
		if s.before != nil {
			s.before()
		}
		room := terminalWidth(s.w) - 1 // one line, never wrapped
		text := fmt.Sprintf("Waiting for the server at %s (try %d of %d, up to %s)...", s.name, try, of, waitShort(s.timeout))
		if len([]rune(text)) > room {
			// A long URL: the try and the wait matter more than the
			// words around it.
			text = fmt.Sprintf("Waiting for %s (try %d of %d, up to %s)...", s.name, try, of, waitShort(s.timeout))
		}
		if r := []rune(text); len(r) > room {
			text = string(r[:max(room, 0)])
		}
		fmt.Fprint(s.w, "\r\x1b[K"+text)
		s.shown = true
	})
	return func() {
		t.Stop()
		s.mu.Lock()
		defer s.mu.Unlock()
		if gen == s.gen {
			// A timer that fired as the answer came says nothing.
			s.gen++
			s.clearLocked()
		}
	}
}

// locked runs f with the waiting line held still: what push draws in
// place (its progress bar) and says between tries is drawn under the
// same lock, never beside a waiting line being drawn.
func (s *serverWaiting) locked(f func()) {
	if s == nil {
		f()
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f()
}

// retriedLocked notes, under the lock, that try attempt of of failed, so
// the next request is the next try.
func (s *serverWaiting) retriedLocked(attempt, of int) {
	if s != nil {
		s.try, s.of = attempt+1, of
	}
}

// answeredLocked notes, under the lock, that push went on with an answer
// (a Bundle done, a search of the server answered): the next request is
// a first try.
func (s *serverWaiting) answeredLocked() {
	if s != nil {
		s.try = 1
	}
}

func (s *serverWaiting) clearLocked() {
	if s != nil && s.shown {
		fmt.Fprint(s.w, "\r\x1b[K")
		s.shown = false
	}
}

// drawnBeside has the waiting line left alone while busy reports another
// line of push's drawn in place, and before called ahead of drawing it.
func (s *serverWaiting) drawnBeside(busy func() bool, before func()) {
	if s == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.busy, s.before = busy, before
}

// showing reports whether p's line is drawn now.
func (p *progressLine) showing() bool {
	if p == nil {
		return false
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.shown
}

// waitShort is a wait in few characters: "30 s", "1.5 s", "2 min",
// "1 min 30 s".
func waitShort(d time.Duration) string {
	d = d.Round(100 * time.Millisecond)
	switch {
	case d < time.Minute:
		return strconv.FormatFloat(d.Seconds(), 'f', -1, 64) + " s"
	case d%time.Minute == 0:
		return fmt.Sprintf("%d min", d/time.Minute)
	}
	return fmt.Sprintf("%d min %s", d/time.Minute, waitShort(d%time.Minute))
}
