package main

import (
	"strconv"
	"strings"
	"time"
)

var retained [][]byte

// allocLoop churns memory: short-lived strings and maps, plus a slowly growing retained set.
func allocLoop() {
	for i := 0; ; i++ {
		_ = buildReport(1000)
		if i%50 == 0 {
			retained = append(retained, make([]byte, 64<<10))
			if len(retained) > 400 {
				retained = retained[200:]
			}
		}
		time.Sleep(2 * time.Millisecond)
	}
}

func buildReport(n int) string {
	m := make(map[string]int, n)
	var b strings.Builder
	for i := 0; i < n; i++ {
		k := "key-" + strconv.Itoa(i)
		m[k] = i
		b.WriteString(k)
	}
	return b.String()
}
