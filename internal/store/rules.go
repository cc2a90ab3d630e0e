package store

import (
	"context"
	"database/sql/driver"
	_ "embed"
	"fmt"
	"strings"
	"sync/atomic"
)

// rulesSQL creates the write rules on one connection: TEMP triggers, so
// that a connection which only reads never parses them (rules.sql says why).
//
//go:embed rules.sql
var rulesSQL string

// ruleStatement is the statement of rules.sql that creates the trigger
// named name ("" if none), for putting it back after a batch import set it
// aside (importchecks.go).
func ruleStatement(name string) string {
	start := strings.Index(rulesSQL, "CREATE TEMP TRIGGER IF NOT EXISTS "+name+" ")
	if start < 0 {
		return ""
	}
	end := strings.Index(rulesSQL[start:], "END;")
	if end < 0 {
		return ""
	}
	return rulesSQL[start : start+end+len("END;")]
}

// ruledConnector opens the connections of a store that may write. Once the
// schema is current (ready), each new connection gets the rules before the
// pool hands it out, whatever code then writes through it. Before that the
// tables they guard may not exist yet: the connection that brings the schema
// up to date gets them from migrate when it has done so.
type ruledConnector struct {
	driver.Connector
	ready *atomic.Bool
}

func (c ruledConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil || !c.ready.Load() {
		return conn, err
	}
	ex, ok := conn.(driver.ExecerContext)
	if !ok {
		conn.Close()
		return nil, fmt.Errorf("the SQLite driver's connection cannot run statements")
	}
	if _, err := ex.ExecContext(ctx, rulesSQL, nil); err != nil {
		conn.Close()
		return nil, fmt.Errorf("set up the rules for writing: %w", err)
	}
	return conn, nil
}
