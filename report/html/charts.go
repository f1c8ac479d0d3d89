package html

import (
	"fmt"
	"math/bits"
	"sort"
	"time"

	"github.com/ampscan/ampscan/rules"
	"github.com/ampscan/ampscan/scanner"
)

// The charts are drawn as inline SVG by the template; this file only works
// out their geometry, so every string in them still passes through
// html/template's escaping.

const (
	chartWidth = 720
	labelWidth = 250
	barHeight  = 18
	rowGap     = 8
)

// bar is one key type's bar in the chart of findings by key type.
type bar struct {
	Label, Class string
	Count        int
	Y, Width     int
	TextX, TextY int
}

type barSet struct {
	Height int
	Bars   []bar
}

func barChart(rows []typeRow) barSet {
	most := 1
	for _, r := range rows {
		most = max(most, r.Count)
	}
	span := chartWidth - labelWidth - 50
	bs := barSet{Height: len(rows)*(barHeight+rowGap) + rowGap}
	for i, r := range rows {
		y := rowGap + i*(barHeight+rowGap)
		w := max(2, r.Count*span/most)
		bs.Bars = append(bs.Bars, bar{Label: r.Name, Class: r.Visibility, Count: r.Count,
			Y: y, Width: w, TextX: labelWidth + w + 6, TextY: y + barHeight - 5})
	}
	return bs
}

// timelineView draws one lane per key type: each secret is a dot where it
// entered history, and a line on to the right edge while it is still at
// HEAD (the exposure that is still open). A secret gone from HEAD keeps a
// hollow dot: the leak stays in history, but the tree no longer holds it.
type timelineView struct {
	Height    int
	Lanes     []lane
	Marks     []mark
	Ticks     []tick
	Exposures []mark
	// Closed are the exposure windows of secrets removed from the tree:
	// from the commit that added one to the commit that removed it.
	Closed      []mark
	From, To    string
	AxisY       int
	PlotX, Edge int
}

type lane struct {
	Label string
	Y     int
}

// mark is one secret, or several that fall on the same pixel of the same
// lane in the same state (a large audit would otherwise draw thousands of
// dots on top of each other).
type mark struct {
	X, Y, EndX, R int
	Class         string
	AtHead        bool
	Title         string
	n             int
}

type tick struct {
	X     int
	Label string
}

const laneHeight = 28

// exposures draws, for each lane, one line from its earliest secret that is
// still at HEAD to the right edge: the exposure still open. (One line per
// secret would only be drawn over and over on the same pixels.)
func exposures(ms []mark, edge int) []mark {
	first := map[int]int{} // lane y -> index of the leftmost at-HEAD mark
	var lanes []int
	for i, m := range ms {
		if !m.AtHead {
			continue
		}
		j, ok := first[m.Y]
		if !ok {
			lanes = append(lanes, m.Y)
		}
		if !ok || m.X < ms[j].X {
			first[m.Y] = i
		}
	}
	sort.Ints(lanes)
	out := make([]mark, 0, len(lanes))
	for _, y := range lanes {
		m := ms[first[y]]
		out = append(out, mark{X: m.X, Y: y, EndX: edge, Class: m.Class})
	}
	return out
}

func timeline(fs []scanner.Finding) *timelineView {
	var hist []*scanner.Finding
	for i := range fs {
		if fs[i].Commit != nil && fs[i].Suppression == nil {
			hist = append(hist, &fs[i])
		}
	}
	if len(hist) == 0 {
		return nil
	}
	from, to := hist[0].Commit.Date, hist[0].Commit.Date
	laneOf := map[rules.KeyType]int{}
	for _, f := range hist {
		if f.Commit.Date.Before(from) {
			from = f.Commit.Date
		}
		if f.Commit.Date.After(to) {
			to = f.Commit.Date
		}
		if f.Commit.RemovedIn != "" && f.Commit.RemovedDate.After(to) {
			to = f.Commit.RemovedDate
		}
		laneOf[f.KeyType] = 0
	}
	// Lanes in policy order, strictest classes first.
	var kinds []rules.KeyType
	for k := range laneOf {
		kinds = append(kinds, k)
	}
	sort.Slice(kinds, func(i, j int) bool {
		pi, _ := rules.PolicyFor(kinds[i])
		pj, _ := rules.PolicyFor(kinds[j])
		if pi.Strictness != pj.Strictness {
			return pi.Strictness > pj.Strictness
		}
		return kinds[i] < kinds[j]
	})
	// Pad the span so that a single day still has room on both sides.
	from, to = from.Add(-24*time.Hour), to.Add(24*time.Hour)
	tv := &timelineView{PlotX: labelWidth, Edge: chartWidth - 40,
		From: from.UTC().Format(time.DateOnly), To: to.UTC().Format(time.DateOnly)}
	for i, k := range kinds {
		laneOf[k] = i
		p, _ := rules.PolicyFor(k)
		tv.Lanes = append(tv.Lanes, lane{Label: p.Name, Y: 20 + i*laneHeight})
	}
	tv.AxisY = 20 + len(kinds)*laneHeight
	tv.Height = tv.AxisY + 30
	span := to.Sub(from)
	xOf := func(t time.Time) int {
		return tv.PlotX + int(float64(tv.Edge-tv.PlotX)*float64(t.Sub(from))/float64(span))
	}
	type spot struct {
		x, y   int
		atHead bool
	}
	at := map[spot]int{}
	type window struct{ y, x1, x2 int }
	windows := map[window]bool{}
	for _, f := range hist {
		c := f.Commit
		state := "not at HEAD: still in history"
		switch {
		case c.InHead:
			state = "still at HEAD"
		case c.RemovedIn != "":
			state = fmt.Sprintf("removed at %s on %s; still in history", c.RemovedIn[:min(len(c.RemovedIn), 10)], c.RemovedDate.UTC().Format(time.DateOnly))
			// The closed exposure window, from entry to removal.
			w := window{y: tv.Lanes[laneOf[f.KeyType]].Y, x1: xOf(c.Date) / 4 * 4, x2: xOf(c.RemovedDate) / 4 * 4}
			if !windows[w] {
				windows[w] = true
				tv.Closed = append(tv.Closed, mark{X: w.x1, EndX: max(w.x2, w.x1+2), Y: w.y, Class: string(f.Visibility)})
			}
		}
		// Secrets within a few pixels of each other share a mark.
		sp := spot{xOf(c.Date) / 4 * 4, tv.Lanes[laneOf[f.KeyType]].Y, c.InHead}
		if i, ok := at[sp]; ok {
			m := &tv.Marks[i]
			m.n++
			m.Title = fmt.Sprintf("%d %ss around %s (%s)", m.n, f.Policy().Name, c.Date.UTC().Format(time.DateOnly), state)
			m.R = 6 + min(4, bits.Len(uint(m.n))-1)
			continue
		}
		at[sp] = len(tv.Marks)
		tv.Marks = append(tv.Marks, mark{
			X: sp.x, Y: sp.y, EndX: tv.Edge, R: 6, n: 1,
			Class: string(f.Visibility), AtHead: c.InHead,
			Title: fmt.Sprintf("%s in %s, commit %s on %s (%s)", f.Policy().Name, f.Path,
				c.ID[:min(len(c.ID), 10)], c.Date.UTC().Format(time.DateOnly), state),
		})
	}
	tv.Exposures = exposures(tv.Marks, tv.Edge)
	for i := 0; i <= 4; i++ {
		t := from.Add(time.Duration(int64(span) * int64(i) / 4))
		tv.Ticks = append(tv.Ticks, tick{X: xOf(t), Label: t.UTC().Format(time.DateOnly)})
	}
	return tv
}
