package model

import (
	"errors"
	"fmt"
)

// ErrorKind tells the UI and CLI which message to show for a failure.
type ErrorKind int

// Error kinds. Internal is the zero value so an unclassified error is never
// mistaken for the user's fault.
const (
	Internal ErrorKind = iota
	NotFound
	Invalid  // what the user typed or chose is wrong (a date, a missing name, a level)
	Conflict // the action clashes with what is already there
	Newer    // the database was written by a newer Gapwise
	Denied   // the file or folder cannot be read or written
	InUse    // another window or program holds the database; trying again later can work
	BadFile  // a file given to Gapwise (an import, a database) cannot be used as it is
	NotYet   // a step must come first: save a profile, open an assessment, choose a team
)

func (k ErrorKind) String() string {
	switch k {
	case NotFound:
		return "not found"
	case Invalid:
		return "invalid input"
	case Conflict:
		return "conflict"
	case Newer:
		return "newer version"
	case Denied:
		return "permission denied"
	case InUse:
		return "in use"
	case BadFile:
		return "unusable file"
	case NotYet:
		return "a step first"
	}
	return "internal error"
}

// Error is an error with a kind. Msg is a complete sentence for a person.
type Error struct {
	Kind ErrorKind
	Msg  string
	Err  error
}

func (e *Error) Error() string {
	if e.Err != nil && e.Msg == "" {
		return e.Err.Error()
	}
	if e.Err != nil {
		return e.Msg + ": " + e.Err.Error()
	}
	return e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf makes a kinded error with a formatted message.
func Errorf(kind ErrorKind, format string, args ...any) error {
	return &Error{Kind: kind, Msg: fmt.Sprintf(format, args...)}
}

// Wrap attaches a kind and message to an underlying error.
func Wrap(kind ErrorKind, err error, format string, args ...any) error {
	return &Error{Kind: kind, Msg: fmt.Sprintf(format, args...), Err: err}
}

// KindOf finds the kind of the outermost kinded error in the chain.
func KindOf(err error) ErrorKind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}
