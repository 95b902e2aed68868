package predict

import (
	"github.com/openfupin/fupin/internal/gen"
	"github.com/openfupin/fupin/labor"
	"github.com/openfupin/fupin/poverty"
)

// LabourRules are the employment rules the Zhenxiong figures are read
// with, the same as examples/zhenxiong's: Jilin's working ages (the only
// confirmed limits in the library's data, borrowed: no Yunnan rule is
// recorded), the zero-employment exit rule for stable employment and the
// outside-the-township-six-months transfer rule (both SECONDARY).
func LabourRules(year int) (labor.EmploymentRules, error) {
	p := labor.DefaultParams()
	opts := poverty.LookupOptions{AcceptSecondary: true}
	age, err := labor.Lookup[labor.AgeLimits](p, "jilin-2018", year, opts)
	if err != nil {
		return labor.EmploymentRules{}, err
	}
	st, err := labor.Lookup[labor.StableRule](p, "zero-employment-exit", year, opts)
	if err != nil {
		return labor.EmploymentRules{}, err
	}
	tr, err := labor.Lookup[labor.TransferRule](p, "outside-township-6-months", year, opts)
	if err != nil {
		return labor.EmploymentRules{}, err
	}
	return labor.EmploymentRules{Year: year, Age: age, Stable: st, Transfer: tr}, nil
}

// Labour is what package labor finds in a generated county: the
// employment tally (labour force, supported through an assistance channel,
// of them from registered households, transferred by the rule) and the
// same tally over workshop workers only.
type Labour struct {
	Tally    labor.Tally `json:"tally"`
	Workshop labor.Tally `json:"workshop"`
	// Registered is the tally over registered households only (its labour
	// force is the registered share's numerator).
	Registered labor.Tally `json:"registered"`
}

// PoorLabourShare is the labour force of registered households / the
// labour force: the poor share among supported workers if every worker
// were equally likely to be supported.
func (l *Labour) PoorLabourShare() float64 { return ratio(l.Registered.LaborForce, l.Tally.LaborForce) }

// SupportedRate is supported / labour force (Zhenxiong's "86% of the
// labour force supported through employment transfers").
func (l *Labour) SupportedRate() float64 { return ratio(l.Tally.Supported, l.Tally.LaborForce) }

// TransferredRate is transferred (the rule: outside the township six
// months or more) / labour force.
func (l *Labour) TransferredRate() float64 { return ratio(l.Tally.Transferred, l.Tally.LaborForce) }

// PoorShare is supported from registered households / supported.
func (l *Labour) PoorShare() float64 { return ratio(l.Tally.SupportedPoor, l.Tally.Supported) }

// WorkshopPoorShare is workshop workers from registered households /
// workshop workers (in the labour force).
func (l *Labour) WorkshopPoorShare() float64 {
	return ratio(l.Workshop.SupportedPoor, l.Workshop.Supported)
}

func ratio(a, b int64) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Zhenxiong generates a county of the given number of households with
// package gen's defaults (a Zhenxiong-like county, Yunnan, 2020; see
// calibration.md) and the seed, and tallies its workers with package
// labor's rules ([LabourRules]): each worker's jobs of the year
// ([gen.Record.Labor]) decide whether they are in the labour force,
// supported by an assistance channel, and transferred.
func Zhenxiong(seed uint64, households int) (Labour, error) {
	rules, err := LabourRules(2020)
	if err != nil {
		return Labour{}, err
	}
	cfg := gen.Config{Seed: seed, Households: households, Year: 2020}
	if err := cfg.Validate(); err != nil {
		return Labour{}, err
	}
	out := Labour{Tally: labor.Tally{Rules: rules, Poor: labor.GroupRegistered},
		Workshop: labor.Tally{Rules: rules, Poor: labor.GroupRegistered}, Registered: labor.Tally{Rules: rules, Poor: labor.GroupRegistered}}
	var workers, wsWorkers []labor.Worker
	var jobs, wsJobs [][]labor.Job
	for rec := range cfg.All() {
		var h labor.Household
		h, workers, jobs = rec.Labor(workers, jobs)
		if err := out.Tally.Add(&h, workers, jobs); err != nil {
			return Labour{}, err
		}
		if r := rec.Registration; r.Registered != 0 && r.Registered <= 2020 {
			if err := out.Registered.Add(&h, workers, jobs); err != nil {
				return Labour{}, err
			}
		}
		wsWorkers, wsJobs = wsWorkers[:0], wsJobs[:0]
		for i := range workers {
			for _, j := range jobs[i] {
				if j.Channel == labor.ChannelWorkshop {
					wsWorkers = append(wsWorkers, workers[i])
					wsJobs = append(wsJobs, jobs[i])
					break
				}
			}
		}
		if len(wsWorkers) > 0 {
			if err := out.Workshop.Add(&h, wsWorkers, wsJobs); err != nil {
				return Labour{}, err
			}
		}
	}
	return out, nil
}
